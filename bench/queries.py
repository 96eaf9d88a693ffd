"""Query speed of the GraphQL API over real HTTP, against the same data fetched with hand-written Cypher.

For each representative query: latency p50/p95/p99 and requests per second at concurrency 1, 8 and 32
through `peelgraph serve` on loopback (started here as production runs it: uvicorn workers, debug off,
unless --url names a running service), the Cypher round trips each request made (`extensions.roundTrips`),
and the same data fetched in the same run by the neo4j driver with one honest hand-written Cypher query
(driver time including fetching every record). Before timing, each query's GraphQL answer is checked to be
the hand-written query's answer. The headline is GraphQL p50 / Cypher p50 at concurrency 1, every answer
computed (`Cache-Control: no-cache`); the same request repeated, answered from the response cache (as
production serves a repeated request while the graph is unchanged), is measured beside it.

Two baselines are measured in the same run, by the same HTTP client, at the same concurrencies, each case in
slices taken in turn with the others (--rounds), so that the cases compared share whatever else loads the machine:
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
import subprocess
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import httpx
import neo4j
import uvloop
from common import (
    bench_neo4j,
    connect,
    corpus,
    load_average,
    machine,
    may_wipe,
    national,
    note,
    wipe,
)
from servers import PEER, Server, peer_installed, serve, serve_ceiling, serve_peer
from workload import QUERIES, Query

from peelgraph import pipeline
from peelgraph.graph.connection import quiet_driver_logs
from peelgraph.graph.write.writer import GraphWriter
from peelgraph.settings import Settings

MIN_SAMPLES = 20
"""Latencies measured at least per case, however slow the query (10 with --quick)."""
CPU_RUNS = 200
"""Deep requests computed in-process to measure their Python CPU (50 with --quick), after a tenth as many."""
ROUNDS = 6
"""Slices each case is measured in, taken in turn with the others (`interleaved`). At concurrency 32 one slice's
requests/s swing by tens of percent on a shared machine (the two workers' share of the connections, other work);
with 3 slices the deep query gave 0.78 of the ceiling in one run, with 6 slices 0.88 in the next (same code)."""

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

    @classmethod
    def merged(cls, slices: list[Timing]) -> Timing:
        return cls([latency for taken in slices for latency in taken.latencies], sum(taken.elapsed for taken in slices),
                   sum(taken.completed for taken in slices), sum(taken.errors for taken in slices))


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


def interleaved(
    cases: dict[str, Callable[[float, float, int], Awaitable[Timing]]], rounds: int, duration: float, warmup: float,
    samples: int,
) -> dict[str, Timing]:
    """Each case measured in `rounds` slices taken in turn (A B C, A B C...), `duration` in all, so that the
    cases compared share the machine's load: the machine is shared, and a load that comes or goes between
    two cases measured one after the other moved their ratio by tens of percent."""
    slices: dict[str, list[Timing]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, measure in cases.items():
            slices[name].append(uvloop.run(measure(duration / rounds, warmup, max(1, samples // rounds))))
    return {name: Timing.merged(taken) for name, taken in slices.items()}


async def http_load(
    url: str, body: bytes, concurrency: int, duration: float, warmup: float, samples: int, *, cached: bool,
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
    driver = neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_secret),
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
    """Python CPU (ms) per computed request of `query`, run in-process through the service's own ASGI app (its
    middleware, the GraphQL endpoint, the driver decoding Neo4j's answer), against the same Neo4j; only the HTTP
    bytes (uvicorn's parsing) and the client are left out."""
    # Imported here, not at the top: bench/ceiling.py imports this module and needs none of the API.
    from peelgraph.server import create_app

    app = create_app(settings.model_copy(update={"warm_up": False}))
    body = json.dumps({"query": query.graphql}).encode()

    async def once() -> Any:
        answer = await asgi_post(app, "/graphql", body, [(b"content-type", b"application/json"),
                                                          (b"cache-control", b"no-cache")])
        data = json.loads(answer).get("data")
        if data is None:
            raise RuntimeError(f"{query.name} in-process: {answer[:200]!r}")
        return data

    async with app.router.lifespan_context(app):
        if await once() != expected:
            note(f"{query.name} in-process: the answer is not the hand-written query's data (measured all the same)")
        for _ in range(max(5, runs // 10)):
            await once()
        started = time.process_time()
        for _ in range(runs):
            await once()
        return (time.process_time() - started) / runs * 1000


async def asgi_post(app: Any, path: str, body: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    """The body of the answer `app` gives to a POST of `body` to `path`, called as an ASGI server calls it."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"bench"), (b"content-length", str(len(body)).encode()), *headers],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asked = [{"type": "http.request", "body": body, "more_body": False}]
    answered: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return asked.pop() if asked else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            answered.append(message.get("body", b""))

    await app(scope, receive, send)
    return b"".join(answered)


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
    parser.add_argument("--rounds", type=int, default=None,
                        help=f"slices each case is measured in, the cases taken in turn (default {ROUNDS}, 1 with "
                             "--quick)")
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
    arguments.rounds = arguments.rounds or (1 if arguments.quick else ROUNDS)
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
                    cases: dict[str, Callable[[float, float, int], Awaitable[Timing]]] = {
                        "graphql": partial(http_load, url, body, level, cached=False),
                        "cached": partial(http_load, url, body, level, cached=True),
                        "cypher": partial(cypher_load, settings, query, level),
                    }
                    if ceiling is not None:
                        cases["ceiling"] = partial(http_load, ceiling, b"", level, cached=False,
                                                   path=f"/query/{query.name}")
                    if peer is not None and peer_body is not None:
                        cases["peer"] = partial(http_load, peer, peer_body, level, cached=False)
                    timings = interleaved(cases, arguments.rounds, duration, warmup, samples)
                    row.update({f"{case}_{level}": timing for case, timing in timings.items()})
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
        baseline = cypher_p50(row)
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


def cypher_p50(row: dict[str, Any]) -> float:
    """The hand-written query's p50 at one client: the faster of the blocking driver and the async one at c=1."""
    sync = row["cypher_sync"].percentile(0.5)
    return min(sync, row["cypher_1"].percentile(0.5)) if "cypher_1" in row else sync


def summary_fields(
    arguments: argparse.Namespace, results: dict[str, dict[str, Any]], levels: list[int], cpu_ms: str | None
) -> list[str]:
    deep, forces = results.get("deep"), results.get("all_forces")
    top = max(levels)
    fields = []
    if deep is not None and "graphql_1" in deep:
        baseline = cypher_p50(deep)
        fields.append(f"graphql_vs_cypher_p50={deep['graphql_1'].percentile(0.5) / baseline:.2f}")
        fields.append(f"graphql_p50_ms={deep['graphql_1'].percentile(0.5):.1f} cypher_p50_ms={baseline:.1f}")
        fields.append(f"cached_vs_cypher_p50={deep['cached_1'].percentile(0.5) / baseline:.2f}")
    if deep is not None:
        busiest, cached_busiest = deep[f"graphql_{top}"], deep[f"cached_{top}"]
        fields.append(f"rps_c{top}={busiest.rps:.0f} p99_c{top}_ms={busiest.percentile(0.99):.1f}")
        fields.append(f"cached_rps_c{top}={cached_busiest.rps:.0f} "
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
