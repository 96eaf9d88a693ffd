"""Query speed of the GraphQL API over real HTTP, against the same data fetched with hand-written Cypher.

For each representative query: latency p50/p95/p99 and requests per second at concurrency 1, 8 and 32
through `peelgraph serve` on loopback (started here as production runs it: uvicorn workers, debug off,
unless --url names a running service), the Cypher round trips each request made (`extensions.roundTrips`),
and the same data fetched in the same run by the neo4j driver with one honest hand-written Cypher query
(driver time including fetching every record). Before timing, each query's GraphQL answer is checked to be
the hand-written query's answer. The headline is GraphQL p50 / Cypher p50 at concurrency 1, every answer
computed (`Cache-Control: no-cache`); the same request repeated, answered from the response cache (as
production serves a repeated request while the graph is unchanged), is measured beside it.

The graph is national scale: the bundled data and the synthetic corpus of bench/make_corpus.py (43 forces
x 10 years, less the one report the bundled data has), loaded here (an idempotent no-op when already
there) into the project's managed Neo4j instance `bench`, started and stopped here, or into --uri
(written to, never emptied without --yes-wipe). `--corpus 0 --fresh` measures the bundled data alone.

Example: python bench/queries.py --quick
Example: python bench/queries.py --duration 10 --workers 2
Example: python bench/queries.py --quick --corpus 0 --fresh
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import neo4j
import uvloop
from common import (
    OUT,
    bench_neo4j,
    connect,
    corpus,
    environment,
    load_average,
    machine,
    may_wipe,
    national,
    note,
    wipe,
)

from graph.connection import quiet_driver_logs
from graph.writer import GraphWriter
from loaders import pipeline
from peelgraph.settings import PROJECT_ROOT, Settings

BIN = Path(sys.executable).parent
MIN_SAMPLES = 20
"""Latencies measured at least per case, however slow the query (10 with --quick)."""

Shape = Callable[[list[dict[str, Any]]], Any]
"""Turns the hand-written query's records into the GraphQL answer's `data`, to check they are the same."""


@dataclass
class Query:
    name: str
    graphql: str
    cypher: str
    parameters: dict[str, Any]
    shape: Shape


@dataclass
class Timing:
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    completed: int = 0
    errors: int = 0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def rps(self) -> float:
        return self.completed / self.elapsed if self.elapsed else 0.0


def grade(label: str | None) -> str | None:
    """A grade as stored ('Requires improvement') as the API's enum answers it (REQUIRES_IMPROVEMENT)."""
    return None if label is None else label.upper().replace(" ", "_")


DEEP_GRAPHQL = """
{ force(id: "cambridgeshire") {
    name rocu { acronym }
    reports { year pillar overallGrade
      judgments { grade previousGrade question { number title } evidence { page text } }
      areasForImprovement { text question { number } } }
    partners { name acronym kind } }
  organisation(id: "ersou") { name members { id } mentions { page text } } }
"""
DEEP_CYPHER = """
CALL () {
  MATCH (f:Force {id: $forceId})
  RETURN f {
    .name,
    rocu: [(f)-[:MEMBER_OF]->(o:Organisation) | o {.acronym}][0],
    reports: COLLECT {
      MATCH (f)<-[:INSPECTS]-(r:Report)
      WITH r ORDER BY r.year DESC, r.pillar
      RETURN r {
        .year, .pillar,
        overallGrade: [(r)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 0}) | j.grade][0],
        judgments: COLLECT {
          MATCH (r)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
          WITH j, q ORDER BY q.number, j.id
          RETURN j {
            .grade, .previousGrade, question: q {.number, .title},
            evidence: COLLECT {
              MATCH (j)-[:EVIDENCED_BY]->(p:Passage)
              WITH p ORDER BY p.page, p.id
              RETURN p {.page, .text}
            }
          }
        },
        areasForImprovement: COLLECT {
          MATCH (r)-[:IDENTIFIES]->(a:AreaForImprovement)-[:UNDER]->(q:Question)
          WITH a, q ORDER BY q.number, a.id
          RETURN a {.text, question: q {.number}}
        }
      }
    },
    partners: COLLECT {
      MATCH (f)-[w:WORKS_WITH]->(p)
      WITH p, w ORDER BY w.mentions DESC, p.name, p.id
      RETURN CASE WHEN p:Force THEN {name: p.name, acronym: null, kind: 'force'}
                  ELSE {name: p.name, acronym: p.acronym, kind: coalesce(p.kind, 'other')} END
    }
  } AS force
}
CALL () {
  MATCH (o:Organisation {id: $organisationId})
  RETURN o {
    .name,
    members: COLLECT { MATCH (o)<-[:MEMBER_OF]-(m:Force) WITH m ORDER BY m.name RETURN m {.id} },
    mentions: COLLECT {
      MATCH (o)<-[:MENTIONS]-(p:Passage)-[:PART_OF]->(r:Report)
      WITH p, r ORDER BY p.page, r.id, p.id
      RETURN p {.page, .text}
    }
  } AS organisation
}
RETURN force, organisation
"""


def deep_shape(records: list[dict[str, Any]]) -> Any:
    force, organisation = records[0]["force"], records[0]["organisation"]
    for report in force["reports"]:
        report["overallGrade"] = grade(report["overallGrade"])
        for judgment in report["judgments"]:
            judgment["grade"], judgment["previousGrade"] = grade(judgment["grade"]), grade(judgment["previousGrade"])
    return {"force": force, "organisation": organisation}


SEARCH_GRAPHQL = """
{ search(text: "digital evidence", first: 10) {
    score kind text passage { page } report { id } force { name } } }
"""
SEARCH_CYPHER = """
CALL db.index.fulltext.queryNodes('reportText', $text, {limit: $limit})
YIELD node, score
OPTIONAL MATCH (node)-[:PART_OF|JUDGES|IDENTIFIES]-(r:Report)
OPTIONAL MATCH (r)-[:INSPECTS]->(f:Force)
RETURN score,
       CASE WHEN node:Passage THEN 'PASSAGE' WHEN node:AreaForImprovement THEN 'AREA_FOR_IMPROVEMENT'
            ELSE 'JUDGMENT' END AS kind,
       coalesce(node.text, node.summary, '') AS text,
       CASE WHEN node:Passage THEN node.page
            ELSE [(node)-[:EVIDENCED_BY]->(p:Passage) | p][0].page END AS page,
       r.id AS report,
       f.name AS force
ORDER BY score DESC, node.id
"""


def search_shape(records: list[dict[str, Any]]) -> Any:
    return {"search": [
        {"score": row["score"], "kind": row["kind"], "text": row["text"],
         "passage": None if row["page"] is None else {"page": row["page"]},
         "report": None if row["report"] is None else {"id": row["report"]},
         "force": None if row["force"] is None else {"name": row["force"]}}
        for row in records
    ]}


COMPARE_GRAPHQL = """
{ compareForces(rocu: "ersou", pillar: EFFECTIVENESS, year: 2016) {
    questions { number title } rows { force { name } report { id } grades } } }
"""
COMPARE_CYPHER = """
MATCH (:Organisation {id: $rocu})<-[:MEMBER_OF]-(f:Force)
OPTIONAL MATCH (f)<-[:INSPECTS]-(r:Report {pillar: $pillar, year: $year})
WITH f, r ORDER BY f.name
WITH collect({force: f {.name}, report: r {.id},
              grades: COLLECT { MATCH (q:Question {pillar: $pillar}) WITH q ORDER BY q.number
                                RETURN [(r)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q) | j.grade][0] }}) AS rows
RETURN COLLECT { MATCH (q:Question {pillar: $pillar}) WITH q ORDER BY q.number RETURN q {.number, .title} }
         AS questions,
       rows
"""


def compare_shape(records: list[dict[str, Any]]) -> Any:
    rows = records[0]["rows"]
    for row in rows:
        row["grades"] = [grade(label) for label in row["grades"]]
    return {"compareForces": {"questions": records[0]["questions"], "rows": rows}}


CONNECTION_GRAPHQL = """
{ connection(fromId: "essex", toId: "nca") {
    length steps { start { name } end { name } relationship forward evidence { page text } } } }
"""
CONNECTION_CYPHER = """
MATCH (a:Force {id: $fromId}), (b:Organisation {id: $toId})
MATCH path = shortestPath((a)-[:WORKS_WITH|MEMBER_OF|USES|MENTIONS*..8]-(b))
UNWIND range(0, length(path) - 1) AS i
WITH i, relationships(path)[i] AS rel, nodes(path)[i] AS here, nodes(path)[i + 1] AS there
WITH i, rel, here, there, startNode(rel) AS force, endNode(rel) AS other
RETURN i, here.name AS start, there.name AS end, there.page AS page, there.text AS text, type(rel) AS type,
       force = here AS forward,
       COLLECT {
         MATCH (force)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(other)
         WHERE type(rel) <> 'MENTIONS'
         WITH p ORDER BY p.page, p.id
         RETURN p {.page, .text}
       } AS evidence
ORDER BY i
"""


def connection_shape(records: list[dict[str, Any]]) -> Any:
    steps: list[dict[str, Any]] = []
    for index, row in enumerate(records):
        if row["start"] is None:
            continue  # a passage between two mentions: its step was made at its start
        if row["type"] != "MENTIONS":
            steps.append({"start": {"name": row["start"]}, "end": {"name": row["end"]}, "relationship": row["type"],
                          "forward": row["forward"], "evidence": row["evidence"]})
            continue
        beyond = records[index + 1]
        steps.append({"start": {"name": row["start"]}, "end": {"name": beyond["end"]},
                      "relationship": "MENTIONED_WITH", "forward": True,
                      "evidence": [{"page": row["page"], "text": row["text"]}]})
    return {"connection": {"length": len(steps), "steps": steps} if records else None}


ALL_FORCES_GRAPHQL = """
{ forces(first: 43) { totalCount edges { node { id name
    judgments { grade question { number } report { year pillar } } } } } }
"""
ALL_FORCES_CYPHER = """
MATCH (f:Force)
WITH f ORDER BY f.name, f.id
RETURN f.id AS id, f.name AS name,
       COLLECT {
         MATCH (f)<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
         WITH r, j, q ORDER BY r.year DESC, r.pillar, q.number
         RETURN {grade: j.grade, question: {number: q.number}, report: {year: r.year, pillar: r.pillar}}
       } AS judgments
"""


def all_forces_shape(records: list[dict[str, Any]]) -> Any:
    edges = []
    for row in records[:43]:
        for judgment in row["judgments"]:
            judgment["grade"] = grade(judgment["grade"])
        edges.append({"node": {"id": row["id"], "name": row["name"], "judgments": row["judgments"]}})
    return {"forces": {"totalCount": len(records), "edges": edges}}


QUERIES = [
    Query("deep", DEEP_GRAPHQL, DEEP_CYPHER, {"forceId": "cambridgeshire", "organisationId": "ersou"}, deep_shape),
    Query("search", SEARCH_GRAPHQL, SEARCH_CYPHER, {"text": "digital evidence", "limit": 10}, search_shape),
    Query("compare", COMPARE_GRAPHQL, COMPARE_CYPHER, {"rocu": "ersou", "pillar": "effectiveness", "year": 2016},
          compare_shape),
    Query("connection", CONNECTION_GRAPHQL, CONNECTION_CYPHER, {"fromId": "essex", "toId": "nca"}, connection_shape),
    Query("all_forces", ALL_FORCES_GRAPHQL, ALL_FORCES_CYPHER, {}, all_forces_shape),
]


def load_graph(settings: Settings, count: int, seed: int, fresh: bool) -> None:
    """The bundled data and `count` corpus reports (430: national scale), as `peelgraph load` and
    `peelgraph load FILES` write them; with `fresh`, into an emptied graph."""
    files = national(corpus(count, seed)) if count else []
    note(f"loading the bundled data and {len(files)} corpus reports (skipped when already there)")
    started = time.perf_counter()
    with connect(settings) as driver:
        if fresh:
            wipe(driver)
        for inputs in ([], files) if files else ([],):
            summary = pipeline.execute(pipeline.plan(inputs), GraphWriter(driver, settings))
            note(f"  {summary.reports_written} written, {summary.reports_unchanged} already there")
    note(f"  in {time.perf_counter() - started:.1f} s")


def serve(settings: Settings, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """`peelgraph serve` on a free loopback port, as production runs it; its log goes to bench/out."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / f"serve-{port}.log").open("wb") as log:
        process = subprocess.Popen(
            [str(BIN / "peelgraph"), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
            cwd=PROJECT_ROOT, env=environment(settings), stdout=log, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"peelgraph serve did not become ready; see {OUT / f'serve-{port}.log'}")


async def drive(
    one: Callable[[], Awaitable[bool]], concurrency: int, duration: float, warmup: float, samples: int
) -> Timing:
    """Run `one` request after another from `concurrency` clients, measuring after `warmup` seconds.

    Latencies are those of the requests started after the warm-up, until `duration` has passed and there
    are at least `samples` of them; requests per second count every request completed from the end of
    the warm-up to the last completion (so a slow query still gets a rate, not a zero).
    """
    timing = Timing()
    completions: list[float] = []
    start = time.perf_counter()
    measure_from, stop = start + warmup, start + warmup + duration

    async def client() -> None:
        while (sent := time.perf_counter()) < stop or len(timing.latencies) < samples:
            ok = await one()
            done = time.perf_counter()
            completions.append(done)
            if sent >= measure_from:
                timing.latencies.append(done - sent)
                timing.errors += not ok

    await asyncio.gather(*(client() for _ in range(concurrency)))
    timing.completed = sum(1 for done in completions if done >= measure_from)
    timing.elapsed = max(completions) - measure_from
    return timing


async def http_load(
    url: str, body: bytes, concurrency: int, duration: float, warmup: float, samples: int, cached: bool
) -> Timing:
    """POST `body` to /graphql over `concurrency` keep-alive connections; each answer is read whole.

    Unless `cached`, every request says `Cache-Control: no-cache`, so that the service computes each answer.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    request = (
        f"POST /graphql HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        + ("" if cached else "Cache-Control: no-cache\r\n")
        + f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    connections = [await asyncio.open_connection(host, port, limit=1 << 22) for _ in range(concurrency)]
    idle = list(connections)

    async def one() -> bool:
        reader, writer = idle.pop()
        try:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            return head.startswith(b"HTTP/1.1 200")
        finally:
            idle.append((reader, writer))

    try:
        return await drive(one, concurrency, duration, warmup, samples)
    finally:
        for _, writer in connections:
            writer.close()


async def cypher_load(
    settings: Settings, query: Query, concurrency: int, duration: float, warmup: float, samples: int
) -> Timing:
    """The hand-written query through the async driver from `concurrency` tasks, every record fetched."""
    driver = neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password),
                                             max_connection_pool_size=max(100, concurrency))

    async def one() -> bool:
        await driver.execute_query(query.cypher, query.parameters, database_=settings.neo4j_database,
                                   routing_=neo4j.RoutingControl.READ)
        return True

    try:
        return await drive(one, concurrency, duration, warmup, samples)
    finally:
        await driver.close()


def cypher_sequential(settings: Settings, query: Query, duration: float, warmup: float, samples: int) -> Timing:
    """The hand-written query one at a time through the blocking driver (the simplest code a developer writes)."""
    timing = Timing()
    with connect(settings) as driver:
        start = time.perf_counter()
        measure_from, stop = start + warmup, start + warmup + duration
        while (sent := time.perf_counter()) < stop or len(timing.latencies) < samples:
            driver.execute_query(query.cypher, query.parameters, database_=settings.neo4j_database,
                                 routing_=neo4j.RoutingControl.READ)
            if sent >= measure_from:
                timing.latencies.append(time.perf_counter() - sent)
                timing.completed += 1
        timing.elapsed = time.perf_counter() - measure_from
    return timing


def check(url: str, settings: Settings, query: Query) -> tuple[int, int, bool]:
    """Round trips and bytes of the GraphQL answer computed afresh, and whether its data, and the data of
    the same request answered again from the response cache, are the hand-written query's."""
    with httpx.Client(timeout=60) as client:  # one connection, so one worker and its cache
        answers = [
            client.post(f"{url}/graphql", json={"query": query.graphql}, headers=headers)
            for headers in ({"Cache-Control": "no-cache"}, {}, {}, {})
        ]
    for answer in answers:
        if answer.status_code != 200 or answer.json().get("errors"):
            raise RuntimeError(f"{query.name}: the API answered {answer.status_code} {answer.json().get('errors')}")
    if not answers[-1].json()["extensions"].get("cached"):
        raise RuntimeError(f"{query.name}: the third repeat was not answered from the response cache")
    with connect(settings) as driver:
        records = driver.execute_query(query.cypher, query.parameters, database_=settings.neo4j_database,
                                       routing_=neo4j.RoutingControl.READ).records
    expected = json.loads(json.dumps(query.shape([record.data() for record in records])))
    fresh = answers[0].json()
    same = all(expected == answer.json()["data"] for answer in answers)
    return fresh["extensions"]["roundTrips"], len(answers[0].content), same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1 s per case, 10 samples at least (under 3 min)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per case (default 10)")
    parser.add_argument("--warmup", type=float, default=None, help="seconds before measuring (default duration/5)")
    parser.add_argument("--concurrency", default="1,8,32", help="client concurrencies (default 1,8,32)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="uvicorn workers of the service started here (default: the number of CPUs)")
    parser.add_argument("--queries", default=",".join(query.name for query in QUERIES),
                        help="which queries (default all)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--url", help="measure the service at this URL instead of starting one (it must read the "
                                      "same Neo4j as this script: the instance 'bench', or --uri)")
    parser.add_argument("--uri", help="use this Neo4j as it is instead of the managed instance 'bench'")
    parser.add_argument("--corpus", type=int, default=430,
                        help="corpus reports loaded with the bundled data (default 430: national; 0: bundled only)")
    parser.add_argument("--fresh", action="store_true", help="empty the graph before loading (another --corpus)")
    parser.add_argument("--yes-wipe", action="store_true", help="allow --fresh on the Neo4j given by --uri")
    parser.add_argument("--no-load", action="store_true", help="query the graph as it is (nothing loaded)")
    parser.add_argument("--keep-neo4j", action="store_true", help="leave the managed instance running")
    arguments = parser.parse_args()
    quiet_driver_logs(debug=False)
    duration = 1.0 if arguments.quick else arguments.duration
    samples = 10 if arguments.quick else MIN_SAMPLES
    warmup = arguments.warmup if arguments.warmup is not None else max(0.5, duration / 5)
    levels = [int(level) for level in arguments.concurrency.split(",")]
    chosen = [query for query in QUERIES if query.name in arguments.queries.split(",")]
    if arguments.fresh and not may_wipe(arguments.uri, arguments.yes_wipe):
        parser.error("--fresh empties the server given by --uri: add --yes-wipe if you mean it")
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    with bench_neo4j(arguments.uri, keep=arguments.keep_neo4j) as settings:
        facts = machine(settings)
        if not arguments.no_load:
            load_graph(settings, arguments.corpus, arguments.seed, arguments.fresh)
        process, url = (None, arguments.url) if arguments.url else serve(settings, arguments.workers)
        try:
            for query in chosen:
                trips, size, same = check(url, settings, query)
                body = json.dumps({"query": query.graphql}).encode()
                row: dict[str, Any] = {"roundTrips": trips, "bytes": size, "same": same}
                note(f"{query.name}: {trips} round trips, {size} bytes, same data as Cypher: {same}; "
                     f"load {load_average()}")
                row["cypher_sync"] = cypher_sequential(settings, query, duration, warmup, samples)
                for level in levels:
                    row[f"graphql_{level}"] = uvloop.run(
                        http_load(url, body, level, duration, warmup, samples, cached=False)
                    )
                    row[f"cached_{level}"] = uvloop.run(
                        http_load(url, body, level, duration, warmup, samples, cached=True)
                    )
                    row[f"cypher_{level}"] = uvloop.run(cypher_load(settings, query, level, duration, warmup, samples))
                row["load"] = load_average()
                results[query.name] = row
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=30)

    print("machine: " + ", ".join(f"{key} {value}" for key, value in facts.items()))
    print(f"service: {'at ' + arguments.url if arguments.url else f'peelgraph serve --workers {arguments.workers}'}; "
          f"graph: bundled data + {arguments.corpus} corpus reports; {duration:.1f} s measured per case after "
          f"{warmup:.1f} s of warm-up")
    print("\nlatency in ms (p50 / p95 / p99) and requests/s. GraphQL: every answer computed (Cache-Control: "
          "no-cache); cached: the same request repeated, answered from the response cache after its version "
          "check; Cypher: the hand-written query through the driver. Ratios: p50 over Cypher's p50")
    header = f"{'query':11} {'trips':>5} {'KB':>6} {'same':>4} {'c':>3} {'GraphQL p50/p95/p99':>22} {'rps':>6}  " \
             f"{'cached p50/p95/p99':>20} {'rps':>6}  {'Cypher p50/p95/p99':>22} {'rps':>6} {'ratio':>6} " \
             f"{'cached':>6}  load"
    print(header)
    for name, row in results.items():
        baseline = min(row["cypher_sync"].percentile(0.5), row["cypher_1"].percentile(0.5))
        for index, level in enumerate(levels):
            graphql, cached, cypher = row[f"graphql_{level}"], row[f"cached_{level}"], row[f"cypher_{level}"]
            against = baseline if level == 1 else cypher.percentile(0.5)
            lead = f"{name:11} {row['roundTrips']:>5} {row['bytes'] / 1024:>6.0f} {'yes' if row['same'] else 'NO':>4}" \
                if index == 0 else " " * 29
            errors = graphql.errors + cached.errors
            print(f"{lead} {level:>3} {_triple(graphql):>22} {graphql.rps:>6.0f}  {_triple(cached):>20} "
                  f"{cached.rps:>6.0f}  {_triple(cypher):>22} {cypher.rps:>6.0f} "
                  f"{graphql.percentile(0.5) / against:>6.2f} {cached.percentile(0.5) / against:>6.2f}  "
                  f"{row['load'] if index == 0 else ''}" + (f"  ({errors} non-200)" if errors else ""))
        print(f"{'':29} Cypher one at a time through the blocking driver: p50 {row['cypher_sync'].percentile(0.5):.1f} "
              f"ms; the ratio at c=1 divides by the faster of the two")
    deep, forces = results.get("deep"), results.get("all_forces")
    print(f"\nwall clock {time.perf_counter() - started:.0f} s; load average at the end: {load_average()}")
    fields = []
    if deep is not None:
        baseline = min(deep["cypher_sync"].percentile(0.5), deep["cypher_1"].percentile(0.5))
        fields.append(f"graphql_vs_cypher_p50={deep['graphql_1'].percentile(0.5) / baseline:.2f}")
        fields.append(f"graphql_p50_ms={deep['graphql_1'].percentile(0.5):.1f} cypher_p50_ms={baseline:.1f}")
        top = max(levels)
        busiest = deep[f"graphql_{top}"]
        fields.append(f"rps_c{top}={busiest.rps:.0f} p99_c{top}_ms={busiest.percentile(0.99):.1f}")
        cached, cached_busiest = deep["cached_1"], deep[f"cached_{top}"]
        fields.append(f"cached_vs_cypher_p50={cached.percentile(0.5) / baseline:.2f} "
                      f"cached_rps_c{top}={cached_busiest.rps:.0f} "
                      f"cached_p99_c{top}_ms={cached_busiest.percentile(0.99):.1f}")
        fields.append(f"roundtrips_deep={deep['roundTrips']}")
    if forces is not None:
        fields.append(f"roundtrips_all_forces={forces['roundTrips']}")
    fields.append(f"same_data={'yes' if all(row['same'] for row in results.values()) else 'NO'}")
    fields.append(f"workers={'?' if arguments.url else arguments.workers} loadavg={os.getloadavg()[0]:.2f}")
    print("summary: " + " ".join(fields))


def _triple(timing: Timing) -> str:
    if not timing.latencies:
        return "-"
    return f"{timing.percentile(0.5):.1f}/{timing.percentile(0.95):.1f}/{timing.percentile(0.99):.1f}"


if __name__ == "__main__":
    main()
