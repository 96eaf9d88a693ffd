"""Query speed of the GraphQL API over real HTTP, against the same data fetched with hand-written Cypher.

For each representative query: latency p50/p95/p99 and requests per second at concurrency 1, 8 and 32
through `peelgraph serve` on loopback (started here as production runs it: uvicorn workers, debug off,
unless --url names a running service), the Cypher round trips each request made (`extensions.roundTrips`),
and the same data fetched in the same run by the neo4j driver with one honest hand-written Cypher query
(driver time including fetching every record). Before timing, each query's GraphQL answer is checked to be
the hand-written query's answer. The headline is GraphQL p50 / Cypher p50 at concurrency 1, every answer
computed (`Cache-Control: no-cache`); the same request repeated, answered from the response cache (as
production serves a repeated request while the graph is unchanged), is measured beside it.

Two baselines are measured in the same run, by the same HTTP client, at the same concurrencies:
- the ceiling (bench/ceiling.py): each hand-written query behind a plain Starlette route on the same server
  stack (uvicorn, the same number of workers, uvloop and httptools), its records encoded with orjson: the
  most any GraphQL layer could reach on this machine;
- the peer (bench/peer/): @neo4j/graphql 7 with graphql-yoga (Node.js, as many cluster workers), for the
  queries it can express, each answer first checked to hold the hand-written query's data.
It also measures the Python CPU one computed deep request costs, in-process (`cpu_ms_deep`).

The graph is national scale: the bundled data and the synthetic corpus of bench/make_corpus.py (43 forces
x 10 years, less the one report the bundled data has), loaded here (an idempotent no-op when already
there) into the project's managed Neo4j instance `bench`, started and stopped here, or into --uri
(written to, never emptied without --yes-wipe). `--corpus 0 --fresh` measures the bundled data alone.

Example: python bench/queries.py --quick
Example: python bench/queries.py --duration 10 --workers 2
Example: python bench/queries.py --quick --corpus 0 --fresh
Example: python bench/queries.py --quick --no-peer --queries deep
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import neo4j
import uvloop
from common import (
    BENCH,
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
from peelgraph.cli import KEEP_ALIVE_S
from peelgraph.settings import PROJECT_ROOT, Settings

BIN = Path(sys.executable).parent
PEER = BENCH / "peer"
MIN_SAMPLES = 20
"""Latencies measured at least per case, however slow the query (10 with --quick)."""
CPU_RUNS = 200
"""Deep requests computed in-process to measure their Python CPU (50 with --quick), after a tenth as many."""

Shape = Callable[[list[dict[str, Any]]], Any]
"""Turns the hand-written query's records into the GraphQL answer's `data`, to check they are the same."""
PeerShape = Callable[[dict[str, Any]], Any]
"""Turns the peer's `data` into our GraphQL answer's `data` (names, enums, nesting), to check they are the same."""


@dataclass
class Query:
    name: str
    graphql: str
    cypher: str
    parameters: dict[str, Any]
    shape: Shape
    peer: str | None = None
    """The same question in the peer's GraphQL (@neo4j/graphql), or None where the peer cannot express it."""
    peer_shape: PeerShape | None = None
    peer_note: str = ""
    """What bringing the peer's answer into our shape does beyond renaming, said in the output."""
    peer_normalise: Callable[[Any], Any] | None = None
    """Applied to both answers when they differ only in what the peer cannot express exactly."""


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


def only(items: list[Any]) -> Any:
    """The one node of a peer's relationship field (its relationships are lists; ours to one node are not)."""
    return items[0] if items else None


DEEP_GRAPHQL = """
{ force(id: "cambridgeshire") {
    name rocu { acronym }
    reports { year pillar overallGrade
      judgments { grade previousGrade question { number title } evidence { page text } }
      areasForImprovement { text question { number } } }
    partners { name acronym kind } }
  organisation(id: "ersou") { name members { id } mentions(first: 1000) { page text } } }
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


DEEP_PEER = """
{ forces(where: {id: {eq: "cambridgeshire"}}) {
    name rocu { acronym }
    reports(sort: [{year: DESC}, {pillar: ASC}]) { year pillar overallGrade
      judgments(sort: [{questionNumber: ASC}, {id: ASC}]) {
        grade previousGrade question { number title } evidence(sort: [{page: ASC}, {id: ASC}]) { page text } }
      areasForImprovement(sort: [{questionNumber: ASC}, {id: ASC}]) { text question { number } } }
    partners { __typename ... on Force { name } ... on Organisation { name acronym kind } } }
  organisations(where: {id: {eq: "ersou"}}) {
    name members(sort: [{name: ASC}]) { id } mentions(sort: [{page: ASC}, {id: ASC}]) { page text } } }
"""
"""Mentions by page and passage id: a passage's id starts with its report's, so that is our page, report, id."""


def deep_peer(data: dict[str, Any]) -> Any:
    force = only(data["forces"])
    force["rocu"] = only(force["rocu"])
    for report in force["reports"]:
        report["overallGrade"] = grade(report["overallGrade"])
        for judgment in report["judgments"]:
            judgment["grade"], judgment["previousGrade"] = grade(judgment["grade"]), grade(judgment["previousGrade"])
            judgment["question"] = only(judgment["question"])
        for area in report["areasForImprovement"]:
            area["question"] = only(area["question"])
    force["partners"] = [partner(item) for item in force["partners"]]
    return {"force": force, "organisation": only(data["organisations"])}


def partner(item: dict[str, Any]) -> dict[str, Any]:
    """A partner as our API answers it: a force is of kind 'force', an organisation without a kind 'other'."""
    if item["__typename"] == "Force":
        return {"name": item["name"], "acronym": None, "kind": "force"}
    return {"name": item["name"], "acronym": item["acronym"], "kind": item["kind"] or "other"}


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


SEARCH_PEER = """
{ searchPassages(phrase: "digital evidence", sort: [{score: DESC}, {node: {id: ASC}}], first: 10) {
    edges { score node { id text page report { id force { name } } } } }
  searchAreasForImprovement(phrase: "digital evidence", sort: [{score: DESC}, {node: {id: ASC}}], first: 10) {
    edges { score node { id text evidence(limit: 1) { page } report { id force { name } } } } }
  searchJudgments(phrase: "digital evidence", sort: [{score: DESC}, {node: {id: ASC}}], first: 10) {
    edges { score node { id summary evidence(limit: 1) { page } report { id force { name } } } } } }
"""
"""One full-text query per label of the index (the peer has no query over several labels)."""


def search_peer(data: dict[str, Any]) -> Any:
    hits = []
    for field_name, kind in (("searchPassages", "PASSAGE"), ("searchAreasForImprovement", "AREA_FOR_IMPROVEMENT"),
                             ("searchJudgments", "JUDGMENT")):
        for edge in data[field_name]["edges"]:
            node = edge["node"]
            page = node["page"] if kind == "PASSAGE" else (only(node["evidence"]) or {}).get("page")
            report = only(node["report"])
            force = only(report["force"]) if report else None
            hits.append((edge["score"], node["id"], {
                "score": edge["score"], "kind": kind, "text": node.get("text") or node.get("summary") or "",
                "passage": None if page is None else {"page": page},
                "report": None if report is None else {"id": report["id"]},
                "force": None if force is None else {"name": force["name"]},
            }))
    hits.sort(key=lambda hit: (-hit[0], hit[1]))
    return {"search": [hit for _, _, hit in hits[:10]]}


def search_ties(data: dict[str, Any]) -> Any:
    """Hits tied at the score of the last one kept, by score and kind only: which of the tied hits make the cut
    is the order of the index's own results, which the peer's sort cannot express."""
    hits = data["search"]
    if len(hits) < 10:
        return data
    last = hits[-1]["score"]
    return {"search": [hit if hit["score"] != last else {"score": hit["score"], "kind": hit["kind"]} for hit in hits]}


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


COMPARE_PEER = """
{ questions(where: {pillar: {eq: "effectiveness"}}, sort: [{number: ASC}]) { number title }
  organisations(where: {id: {eq: "ersou"}}) {
    members(sort: [{name: ASC}]) { name
      reports(where: {pillar: {eq: "effectiveness"}, year: {eq: 2016}}) {
        id judgments { grade question { number } } } } } }
"""


def compare_peer(data: dict[str, Any]) -> Any:
    questions = data["questions"]
    rows = []
    for member in only(data["organisations"])["members"]:
        report = only(member["reports"])
        graded = {only(j["question"])["number"]: j["grade"] for j in report["judgments"]} if report else {}
        rows.append({"force": {"name": member["name"]}, "report": None if report is None else {"id": report["id"]},
                     "grades": [grade(graded.get(question["number"])) for question in questions]})
    return {"compareForces": {"questions": questions, "rows": rows}}


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


ALL_FORCES_PEER = """
{ forcesConnection { totalCount }
  forces(sort: [{name: ASC}, {id: ASC}], limit: 43) { id name
    reports(sort: [{year: DESC}, {pillar: ASC}]) { year pillar
      judgments(sort: [{questionNumber: ASC}]) { grade question { number } } } } }
"""


def all_forces_peer(data: dict[str, Any]) -> Any:
    edges = [
        {"node": {"id": force["id"], "name": force["name"], "judgments": [
            {"grade": grade(judgment["grade"]), "question": only(judgment["question"]),
             "report": {"year": report["year"], "pillar": report["pillar"]}}
            for report in force["reports"] for judgment in report["judgments"]
        ]}}
        for force in data["forces"]
    ]
    return {"forces": {"totalCount": data["forcesConnection"]["totalCount"], "edges": edges}}


QUERIES = [
    Query("deep", DEEP_GRAPHQL, DEEP_CYPHER, {"forceId": "cambridgeshire", "organisationId": "ersou"}, deep_shape,
          DEEP_PEER, deep_peer, "rocu, question: one-element lists unwrapped; a judgment's and an area's order by "
          "question number through a @cypher field; partners ordered by a @cypher field"),
    Query("search", SEARCH_GRAPHQL, SEARCH_CYPHER, {"text": "digital evidence", "limit": 10}, search_shape,
          SEARCH_PEER, search_peer, "three full-text queries, one per label, merged here by score and cut at 10; "
          "hits tied at the 10th score compared by score and kind only", search_ties),
    Query("compare", COMPARE_GRAPHQL, COMPARE_CYPHER, {"rocu": "ersou", "pillar": "effectiveness", "year": 2016},
          compare_shape, COMPARE_PEER, compare_peer, "each member's grades put in question order here"),
    Query("connection", CONNECTION_GRAPHQL, CONNECTION_CYPHER, {"fromId": "essex", "toId": "nca"}, connection_shape,
          None, None, "a shortest path has no equivalent (only a @cypher field holding our Cypher)"),
    Query("all_forces", ALL_FORCES_GRAPHQL, ALL_FORCES_CYPHER, {}, all_forces_shape,
          ALL_FORCES_PEER, all_forces_peer, "judgments flattened from each force's reports here"),
]


def read_graph(count: int, seed: int) -> list[pipeline.LoadPlan]:
    """The bundled data and `count` corpus reports (430: national scale) read as `peelgraph load` and
    `peelgraph load FILES` read them; no database needed, so it runs while Neo4j starts."""
    files = national(corpus(count, seed)) if count else []
    started = time.perf_counter()
    plans = [pipeline.plan(inputs) for inputs in (([], files) if files else ([],))]
    note(f"read the bundled data and {len(files)} corpus reports in {time.perf_counter() - started:.1f} s")
    return plans


def load_graph(settings: Settings, plans: list[pipeline.LoadPlan], fresh: bool) -> None:
    """Write what `read_graph` read, as `peelgraph load` does (reports already there are skipped); with `fresh`,
    into an emptied graph."""
    note("loading the bundled data and the corpus (skipped when already there)")
    started = time.perf_counter()
    with connect(settings) as driver:
        if fresh:
            wipe(driver)
        for plan in plans:
            summary = pipeline.execute(plan, GraphWriter(driver, settings))
            note(f"  {summary.reports_written} written, {summary.reports_unchanged} already there")
    note(f"  in {time.perf_counter() - started:.1f} s")


@dataclass
class Server:
    """A server started here on a loopback port, answering once `ready` says so."""

    name: str
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    ready: Callable[[str], bool]

    def wait(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.ready(self.url):
                    return self.url
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not become ready; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def serve(settings: Settings, workers: int) -> Server:
    """`peelgraph serve` on a free loopback port, as production runs it; its log goes to bench/out."""
    port = free_port()
    command = [str(BIN / "peelgraph"), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    return launch("peelgraph serve", "serve", command, PROJECT_ROOT, settings, port, ready_get("/ready"))


def serve_ceiling(settings: Settings, workers: int) -> Server:
    """bench/ceiling.py under uvicorn as `peelgraph serve` runs the API: workers, uvloop and httptools
    (uvicorn's `auto`), no access log, the same keep-alive."""
    port = free_port()
    command = [str(BIN / "uvicorn"), "ceiling:app", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--no-access-log", "--no-server-header", "--no-proxy-headers",
               "--timeout-keep-alive", str(KEEP_ALIVE_S), "--log-level", "warning"]
    return launch("the ceiling", "ceiling", command, BENCH, settings, port, ready_get("/ready"))


def peer_installed() -> bool:
    """`npm ci` in bench/peer when its node_modules is missing or older than its lock file; False without Node."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        note("the peer needs Node.js and npm on PATH: measured without it")
        return False
    installed, lock = PEER / "node_modules" / ".package-lock.json", PEER / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        note("installing the peer (npm ci in bench/peer)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER, check=True,
                       stdout=subprocess.DEVNULL)
    return True


def serve_peer(settings: Settings, workers: int) -> Server:
    """bench/peer/server.js (@neo4j/graphql with graphql-yoga) with as many Node.js cluster workers."""
    port = free_port()
    command = [shutil.which("node") or "node", "server.js", "--port", str(port), "--workers", str(workers)]
    probe = json.dumps({"query": "{ __typename }"}).encode()

    def ready(url: str) -> bool:
        return httpx.post(f"{url}/graphql", content=probe, headers={"Content-Type": "application/json"},
                          timeout=2).status_code == 200

    return launch("the peer", "peer", command, PEER, settings, port, ready)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ready_get(path: str) -> Callable[[str], bool]:
    return lambda url: httpx.get(f"{url}{path}", timeout=2).status_code == 200


def launch(
    name: str, stem: str, command: list[str], cwd: Path, settings: Settings, port: int, ready: Callable[[str], bool]
) -> Server:
    """Start a server on 127.0.0.1:`port` reading the benchmark's Neo4j (not yet waiting for it); its log goes
    to bench/out."""
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / f"{stem}-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=cwd, env=environment(settings), stdout=output,
                                   stderr=subprocess.STDOUT)
    return Server(name, process, f"http://127.0.0.1:{port}", log, ready)


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
    url: str, body: bytes, concurrency: int, duration: float, warmup: float, samples: int, cached: bool,
    path: str = "/graphql",
) -> Timing:
    """POST `body` to `path` over `concurrency` keep-alive connections; each answer is read whole.

    Unless `cached`, every request says `Cache-Control: no-cache`, so that the service computes each answer.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
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
            lines = head.lower().split(b"\r\n")
            if b"transfer-encoding: chunked" in lines:
                while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                    await reader.readexactly(size + 2)
                await reader.readuntil(b"\r\n")  # no trailers: the empty line after the last chunk
            else:
                await reader.readexactly(next(int(line.split(b":", 1)[1]) for line in lines
                                              if line.startswith(b"content-length:")))
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


def expected_answer(settings: Settings, query: Query) -> Any:
    """The hand-written query's records in the GraphQL answer's shape, as JSON would carry them."""
    with connect(settings) as driver:
        records = driver.execute_query(query.cypher, query.parameters, database_=settings.neo4j_database,
                                       routing_=neo4j.RoutingControl.READ).records
    return json.loads(json.dumps(query.shape([record.data() for record in records])))


def check(url: str, query: Query, expected: Any) -> tuple[int, int, bool]:
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
    fresh = answers[0].json()
    same = all(expected == answer.json()["data"] for answer in answers)
    return fresh["extensions"]["roundTrips"], len(answers[0].content), same


def check_ceiling(url: str, query: Query, expected: Any) -> bool:
    """Whether the ceiling's records are the hand-written query's (it runs the same statement)."""
    answer = httpx.post(f"{url}/query/{query.name}", timeout=60)
    if answer.status_code != 200:
        raise RuntimeError(f"{query.name}: the ceiling answered {answer.status_code}")
    return bool(query.shape(answer.json()) == expected)


def check_peer(url: str, query: Query, expected: Any) -> str:
    """Whether the peer's answer, in our shape, holds the hand-written query's data: `yes` (in the same order),
    `sorted` (once every list is sorted), `normalised` (once both went through the query's `peer_normalise`),
    or `NO`."""
    if query.peer is None or query.peer_shape is None:
        raise ValueError(f"{query.name}: the peer has no equivalent to check")
    answer = httpx.post(f"{url}/graphql", json={"query": query.peer}, timeout=60)
    if answer.status_code != 200 or answer.json().get("errors"):
        note(f"{query.name}: the peer answered {answer.status_code}: {answer.text[:500]}")
        return "NO"
    got = json.loads(json.dumps(query.peer_shape(answer.json()["data"])))
    if got == expected:
        return "yes"
    if _sorted_lists(got) == _sorted_lists(expected):
        return "sorted"
    if query.peer_normalise is not None and query.peer_normalise(got) == query.peer_normalise(expected):
        return "normalised"
    return "NO"


def _sorted_lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted_lists(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_sorted_lists(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


async def deep_cpu(settings: Settings, query: Query, expected: Any, runs: int) -> float:
    """Python CPU (ms) per computed request of `query`, run in-process through the API's schema as the service
    runs it (a context with its own reader per request), against the same Neo4j; client and HTTP left out."""
    # Imported here, not at the top: bench/ceiling.py imports this module and needs none of the API.
    from starlette.requests import Request

    from graph.connection import open_async_driver
    from graph.reader import GraphReader
    from schema.api import build_schema
    from schema.context import Context

    schema = build_schema()
    driver = open_async_driver(settings)
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": [], "query_string": b""}

    async def once() -> Any:
        context = Context(request=Request(scope), response=None, graph=GraphReader(driver, settings))
        result = await schema.execute(query.graphql, context_value=context)
        if result.errors:
            raise RuntimeError(f"{query.name} in-process: {result.errors}")
        return result.data

    try:
        if await once() != expected:
            note(f"{query.name} in-process: the answer is not the hand-written query's data (measured all the same)")
        for _ in range(max(5, runs // 10)):
            await once()
        started = time.process_time()
        for _ in range(runs):
            await once()
        return (time.process_time() - started) / runs * 1000
    finally:
        await driver.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1 s per case, 10 samples at least (under 3 min)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds measured per case (default 10)")
    parser.add_argument("--warmup", type=float, default=None,
                        help="seconds before measuring (default duration/5, at least 0.5; 0.1 with --quick)")
    parser.add_argument("--concurrency", default="1,8,32", help="client concurrencies (default 1,8,32)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="uvicorn workers of the service and the ceiling started here, and Node.js workers of "
                             "the peer (default: the number of CPUs)")
    parser.add_argument("--queries", default=",".join(query.name for query in QUERIES),
                        help="which queries (default all)")
    parser.add_argument("--no-ceiling", action="store_true", help="leave out the ceiling (bench/ceiling.py)")
    parser.add_argument("--no-peer", action="store_true", help="leave out the peer (@neo4j/graphql, bench/peer)")
    parser.add_argument("--cpu-runs", type=int, default=None,
                        help=f"deep requests computed in-process for cpu_ms_deep (default {CPU_RUNS}, 50 with "
                             "--quick; 0: not measured)")
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
    warmup = arguments.warmup if arguments.warmup is not None else 0.1 if arguments.quick else max(0.5, duration / 5)
    cpu_runs = arguments.cpu_runs if arguments.cpu_runs is not None else 50 if arguments.quick else CPU_RUNS
    levels = [int(level) for level in arguments.concurrency.split(",")]
    chosen = [query for query in QUERIES if query.name in arguments.queries.split(",")]
    if arguments.fresh and not may_wipe(arguments.uri, arguments.yes_wipe):
        parser.error("--fresh empties the server given by --uri: add --yes-wipe if you mean it")
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    cpu_ms: str | None = None
    with_peer = not arguments.no_peer and peer_installed()
    reading = ThreadPoolExecutor(max_workers=1)  # the corpus is parsed (no database needed) while Neo4j starts
    planned = None if arguments.no_load else reading.submit(read_graph, arguments.corpus, arguments.seed)
    with reading, bench_neo4j(arguments.uri, keep=arguments.keep_neo4j) as settings:
        facts = machine(settings)
        servers: dict[str, Server] = {}
        try:
            # Started together while the graph loads, then waited for: each takes seconds to import or build
            # its schema, and each reads the graph only when asked.
            if arguments.url is None:
                servers["api"] = serve(settings, arguments.workers)
            if not arguments.no_ceiling:
                servers["ceiling"] = serve_ceiling(settings, arguments.workers)
            if with_peer:
                servers["peer"] = serve_peer(settings, arguments.workers)
            if planned is not None:
                load_graph(settings, planned.result(), arguments.fresh)
            urls = {role: server.wait() for role, server in servers.items()}
            url, ceiling, peer = arguments.url or urls["api"], urls.get("ceiling"), urls.get("peer")
            for query in chosen:
                expected = expected_answer(settings, query)
                trips, size, same = check(url, query, expected)
                body = json.dumps({"query": query.graphql}).encode()
                row: dict[str, Any] = {"roundTrips": trips, "bytes": size, "same": same}
                if ceiling is not None:
                    row["ceiling_same"] = check_ceiling(ceiling, query, expected)
                if peer is not None and query.peer is not None:
                    row["peer_same"] = check_peer(peer, query, expected)
                note(f"{query.name}: {trips} round trips, {size} bytes, same data as Cypher: {same}"
                     + (f", ceiling: {row['ceiling_same']}" if "ceiling_same" in row else "")
                     + (f", peer: {row['peer_same']}" if "peer_same" in row else "")
                     + f"; load {load_average()}")
                row["cypher_sync"] = cypher_sequential(settings, query, duration, warmup, samples)
                peer_body = json.dumps({"query": query.peer}).encode() if "peer_same" in row else None
                for level in levels:
                    row[f"graphql_{level}"] = uvloop.run(
                        http_load(url, body, level, duration, warmup, samples, cached=False)
                    )
                    row[f"cached_{level}"] = uvloop.run(
                        http_load(url, body, level, duration, warmup, samples, cached=True)
                    )
                    row[f"cypher_{level}"] = uvloop.run(cypher_load(settings, query, level, duration, warmup, samples))
                    if ceiling is not None:
                        row[f"ceiling_{level}"] = uvloop.run(http_load(
                            ceiling, b"", level, duration, warmup, samples, cached=False, path=f"/query/{query.name}"
                        ))
                    if peer is not None and peer_body is not None:
                        row[f"peer_{level}"] = uvloop.run(
                            http_load(peer, peer_body, level, duration, warmup, samples, cached=False)
                        )
                row["load"] = load_average()
                results[query.name] = row
        finally:
            for server in servers.values():
                server.stop()
        deep = next((query for query in chosen if query.name == "deep"), None)
        if deep is not None and cpu_runs > 0:
            note(f"deep in-process: {cpu_runs} requests after {max(5, cpu_runs // 10)} of warm-up")
            try:
                cpu_ms = f"{uvloop.run(deep_cpu(settings, deep, expected_answer(settings, deep), cpu_runs)):.1f}"
            except Exception as error:  # the API's schema may be mid-change: report the rest all the same
                note(f"deep in-process: failed: {type(error).__name__}: {error}")
                cpu_ms = "?"

    report(arguments, facts, results, levels, duration, warmup, cpu_ms, with_peer, started)


def report(
    arguments: argparse.Namespace, facts: dict[str, str], results: dict[str, dict[str, Any]], levels: list[int],
    duration: float, warmup: float, cpu_ms: str | None, with_peer: bool, started: float,
) -> None:
    by_name = {query.name: query for query in QUERIES}
    print("machine: " + ", ".join(f"{key} {value}" for key, value in facts.items()))
    print(f"service: {'at ' + arguments.url if arguments.url else f'peelgraph serve --workers {arguments.workers}'}; "
          f"graph: bundled data + {arguments.corpus} corpus reports; {duration:.1f} s measured per case after "
          f"{warmup:.1f} s of warm-up")
    ceiling = "left out" if arguments.no_ceiling else f"bench/ceiling.py, uvicorn --workers {arguments.workers}"
    peer = f"{peer_versions()}, {arguments.workers} Node.js workers" if with_peer else "left out"
    print(f"ceiling: {ceiling}; peer: {peer}")
    print("\nlatency in ms (p50 / p95 / p99) and requests/s. GraphQL: every answer computed (Cache-Control: "
          "no-cache); cached: the same request repeated, answered from the response cache after its version "
          "check; Cypher: the hand-written query through the driver. Ratios: p50 over Cypher's p50. ceil: the "
          "hand-written query behind a plain Starlette route; peer: the same question asked of @neo4j/graphql")
    header = f"{'query':11} {'trips':>5} {'KB':>6} {'same':>4} {'c':>3} {'GraphQL p50/p95/p99':>22} {'rps':>6}  " \
             f"{'cached p50/p95/p99':>20} {'rps':>6}  {'Cypher p50/p95/p99':>22} {'rps':>6} {'ratio':>6} " \
             f"{'cached':>6} {'ceil rps':>8} {'peer p50':>8} {'rps':>6}  load"
    print(header)
    for name, row in results.items():
        baseline = min(row["cypher_sync"].percentile(0.5), row["cypher_1"].percentile(0.5))
        for index, level in enumerate(levels):
            graphql, cached, cypher = row[f"graphql_{level}"], row[f"cached_{level}"], row[f"cypher_{level}"]
            ceiling, peer = row.get(f"ceiling_{level}"), row.get(f"peer_{level}")
            against = baseline if level == 1 else cypher.percentile(0.5)
            lead = f"{name:11} {row['roundTrips']:>5} {row['bytes'] / 1024:>6.0f} {'yes' if row['same'] else 'NO':>4}" \
                if index == 0 else " " * 29
            errors = sum(timing.errors for timing in (graphql, cached, ceiling, peer) if timing is not None)
            print(f"{lead} {level:>3} {_triple(graphql):>22} {graphql.rps:>6.0f}  {_triple(cached):>20} "
                  f"{cached.rps:>6.0f}  {_triple(cypher):>22} {cypher.rps:>6.0f} "
                  f"{graphql.percentile(0.5) / against:>6.2f} {cached.percentile(0.5) / against:>6.2f} "
                  f"{f'{ceiling.rps:.0f}' if ceiling else '-':>8} "
                  f"{f'{peer.percentile(0.5):.1f}' if peer else '-':>8} {f'{peer.rps:.0f}' if peer else '-':>6}  "
                  f"{row['load'] if index == 0 else ''}" + (f"  ({errors} non-200)" if errors else ""))
        print(f"{'':29} Cypher one at a time through the blocking driver: p50 {row['cypher_sync'].percentile(0.5):.1f} "
              f"ms; the ratio at c=1 divides by the faster of the two")
        if "ceiling_same" in row:
            print(f"{'':29} ceiling: same records as the driver's: {'yes' if row['ceiling_same'] else 'NO'}")
        query = by_name[name]
        if "peer_same" in row:
            print(f"{'':29} peer: same data: {PEER_SAME[row['peer_same']]}; {query.peer_note}")
        elif with_peer:
            print(f"{'':29} peer: not measured: {query.peer_note or 'no equivalent'}")
    print(f"\nwall clock {time.perf_counter() - started:.0f} s; load average at the end: {load_average()}")
    print("summary: " + " ".join(summary_fields(arguments, results, levels, cpu_ms)))


PEER_SAME = {"yes": "yes, in the same order", "sorted": "yes once every list is sorted (order differs)",
             "normalised": "yes once both are normalised as said", "NO": "NO"}


def summary_fields(
    arguments: argparse.Namespace, results: dict[str, dict[str, Any]], levels: list[int], cpu_ms: str | None
) -> list[str]:
    deep, forces = results.get("deep"), results.get("all_forces")
    top = max(levels)
    fields = []
    if deep is not None:
        baseline = min(deep["cypher_sync"].percentile(0.5), deep["cypher_1"].percentile(0.5))
        fields.append(f"graphql_vs_cypher_p50={deep['graphql_1'].percentile(0.5) / baseline:.2f}")
        fields.append(f"graphql_p50_ms={deep['graphql_1'].percentile(0.5):.1f} cypher_p50_ms={baseline:.1f}")
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
    against_ceiling = {name: row[f"graphql_{top}"].rps / row[f"ceiling_{top}"].rps
                       for name, row in results.items() if row.get(f"ceiling_{top}")}
    if deep is not None and "deep" in against_ceiling:
        fields.append(f"vs_ceiling_rps_c{top}={against_ceiling['deep']:.3f} "
                      f"ceiling_rps_c{top}={deep[f'ceiling_{top}'].rps:.0f}")
    if against_ceiling:
        lowest = min(against_ceiling, key=against_ceiling.__getitem__)
        fields.append(f"min_vs_ceiling_rps_c{top}={against_ceiling[lowest]:.3f} min_vs_ceiling_query={lowest}")
    if deep is not None and deep.get(f"peer_{top}"):
        peer = deep[f"peer_{top}"]
        fields.append(f"vs_peer_rps_c{top}={deep[f'graphql_{top}'].rps / peer.rps:.2f} peer_rps_c{top}={peer.rps:.0f}")
    compared = [row["peer_same"] for row in results.values() if "peer_same" in row]
    if compared:
        fields.append(f"peer_same={'NO' if 'NO' in compared else 'yes'} peer_queries={len(compared)}")
    if cpu_ms is not None:
        fields.append(f"cpu_ms_deep={cpu_ms}")
    fields.append(f"workers={'?' if arguments.url else arguments.workers} loadavg={os.getloadavg()[0]:.2f}")
    return fields


def peer_versions() -> str:
    """The peer's packages as installed (bench/peer/package-lock.json)."""
    try:
        packages = json.loads((PEER / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    except (OSError, ValueError, KeyError):
        return "@neo4j/graphql (versions unknown)"
    names = ("@neo4j/graphql", "graphql-yoga", "graphql", "neo4j-driver")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return ", ".join(f"{name} {packages.get(f'node_modules/{name}', {}).get('version', '?')}" for name in names) \
        + f" on Node.js {node or '?'}"


def _triple(timing: Timing) -> str:
    if not timing.latencies:
        return "-"
    return f"{timing.percentile(0.5):.1f}/{timing.percentile(0.95):.1f}/{timing.percentile(0.99):.1f}"


if __name__ == "__main__":
    main()
