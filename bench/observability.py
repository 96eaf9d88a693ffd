"""What metrics and traces cost on the deep query: `peelgraph serve` with them off, with metrics (the default), with
traces, and with both, measured in the same run, beside the same service built from another commit (--baseline,
default `main`: the code before them), all against the same Neo4j.

Every request is computed (`Cache-Control: no-cache`) over keep-alive connections; the cases are measured in slices
taken in turn (--rounds), so that they share whatever else loads the machine. Traces go over OTLP/HTTP to a sink
in this process that accepts and drops them (the exporter's batching and encoding run in the server, as in
production). Printed: p50/p95/p99 latency (ms), requests per second, and the server's CPU time per request
(its processes' user and system time over the requests it answered: what load on a shared machine moves least),
per case and concurrency, each against the baseline's.

The graph is whatever the Neo4j given holds (the deep query asks for Cambridgeshire and ERSOU, in the bundled data):
`peelgraph load` it first. The managed instance `bench` unless --uri names another.

With --in-process, it measures instead, in this process and without Neo4j, what the middleware adds to one request
and the statement observers to one statement (best of --rounds, microseconds): the request-id middleware, the
metrics' (in prometheus-client's multiprocess mode, as `peelgraph serve` runs it) and the traces' (exporting over
OTLP to the sink), around an app that answers at once with an answer of the deep query's size.

Example: python bench/observability.py --uri bolt://127.0.0.1:7688 --duration 20 --rounds 5
Example: python bench/observability.py --in-process
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import psutil
import uvloop
from common import PROJECT_ROOT, bench_neo4j, load_average, machine, note
from queries import Timing, check, expected_answer, http_load, interleaved
from servers import Server, serve
from workload import QUERIES

OFF = {"PEELGRAPH_METRICS": "false", "PEELGRAPH_TRACES": "off"}


class Sink(BaseHTTPRequestHandler):
    """An OTLP/HTTP receiver that drops what it is sent."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


@contextmanager
def sink() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def checkout(ref: str) -> Iterator[Path]:
    """The package as committed at `ref`, in a temporary folder (imported first through PYTHONPATH)."""
    with tempfile.TemporaryDirectory(prefix="peelgraph-baseline-") as folder:
        archive = subprocess.run(["git", "archive", ref], cwd=PROJECT_ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        yield Path(folder)


def cpu_seconds(server: Server) -> float:
    """User and system time of a server's processes (uvicorn's and its workers') so far."""
    process = psutil.Process(server.process.pid)
    return sum(sum(each.cpu_times()[:2]) for each in (process, *process.children(recursive=True)))


class CpuCounted:
    """A load on one server, adding up the server's CPU time while it runs."""

    def __init__(self, load: Callable[[float, float, int], Awaitable[Timing]], server: Server) -> None:
        self.load = load
        self.server = server
        self.seconds = 0.0

    async def __call__(self, duration: float, warmup: float, samples: int) -> Timing:
        before = cpu_seconds(self.server)
        timing = await self.load(duration, warmup, samples)
        self.seconds += cpu_seconds(self.server) - before
        return timing


async def per_call(call: Callable[[], Awaitable[object]], count: int, rounds: int) -> float:
    """Microseconds one `call` takes, the best of `rounds` runs of `count`."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(count):
            await call()
        best = min(best, (time.perf_counter() - started) / count * 1e6)
    return best


def in_process(rounds: int, count: int = 20_000) -> None:
    """The middleware's and the statement observers' own cost per request and per statement."""
    folder = tempfile.mkdtemp(prefix="peelgraph-bench-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder  # before prometheus-client is imported
    from peelgraph.graph.statements import statement
    from peelgraph.http.metrics import Metrics, RequestMetrics
    from peelgraph.http.request_id import RequestId

    deep = next(query for query in QUERIES if query.name == "deep")
    body = json.dumps({"query": deep.graphql}).encode()
    answer = b'{"data":{"a":"' + b"x" * 8_000 + b'"}}'  # the deep answer's size on the bundled data

    async def app(scope: dict[str, Any], receive: Callable[[], Awaitable[Any]], send: Callable[[Any], Any]) -> None:
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": answer})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Any) -> None:
        pass

    scope = {"type": "http", "method": "POST", "path": "/graphql", "query_string": b"",
             "headers": [(b"content-type", b"application/json")]}
    metrics = Metrics(50)
    text = statement("read/ping")

    async def watched(observer: Callable[[str], Any]) -> None:
        with observer(text):
            pass

    with sink() as collector:
        os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector
        from peelgraph.http.tracing import TraceRequests, Tracing

        tracing = Tracing("otlp", "neo4j")
        stacks = {"bare": app, "request id": RequestId(app), "metrics": RequestMetrics(app, metrics),
                  "traces": TraceRequests(app, tracing)}
        bare = uvloop.run(per_call(lambda: app(dict(scope), receive, send), count, rounds))
        print(f"# bench/observability.py --in-process --rounds {rounds}; load average {load_average()}")
        print("| what | microseconds per request or statement |")
        print("|---|---|")
        for name, stack in stacks.items():
            took = uvloop.run(per_call(partial(stack, dict(scope), receive, send), count, rounds))
            print(f"| {name} middleware | {took - bare:+.1f} |" if name != "bare" else f"| bare app | {took:.1f} |")
        for name, observer in (("metrics", metrics.statement), ("traces", tracing.statement)):
            took = uvloop.run(per_call(partial(watched, observer), count, rounds))
            print(f"| {name} statement observer | {took:.1f} |")
        tracing.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--uri", help="the Neo4j to read (default: the managed instance 'bench')")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds measured per case (default 20)")
    parser.add_argument("--rounds", type=int, default=5, help="slices each case is measured in (default 5)")
    parser.add_argument("--concurrency", default="1,8", help="client concurrencies (default 1,8)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of each server (default 1)")
    parser.add_argument("--baseline", default="main", help="the commit measured as the baseline (default main)")
    parser.add_argument("--in-process", action="store_true", help="the middleware's own cost, in this process")
    arguments = parser.parse_args()
    if arguments.in_process:
        in_process(arguments.rounds)
        return
    deep = next(query for query in QUERIES if query.name == "deep")
    body = json.dumps({"query": deep.graphql}).encode()
    levels = [int(level) for level in arguments.concurrency.split(",")]
    warmup = max(0.5, arguments.duration / arguments.rounds / 5)
    with bench_neo4j(arguments.uri) as settings, sink() as collector, checkout(arguments.baseline) as baseline:
        facts = machine(settings)
        cases = {
            "baseline": {"PYTHONPATH": str(baseline)},
            "off": OFF,
            "metrics": {"PEELGRAPH_TRACES": "off"},
            "traces": {"PEELGRAPH_METRICS": "false", "PEELGRAPH_TRACES": "otlp",
                       "OTEL_EXPORTER_OTLP_ENDPOINT": collector},
            "both": {"PEELGRAPH_TRACES": "otlp", "OTEL_EXPORTER_OTLP_ENDPOINT": collector},
        }
        servers: dict[str, Server] = {name: serve(settings, arguments.workers, environment, name)
                                      for name, environment in cases.items()}
        try:
            urls = {name: server.wait() for name, server in servers.items()}
            expected = expected_answer(settings, deep)
            for name, url in urls.items():
                trips, size, same = check(url, deep, expected)
                metrics = httpx.get(f"{url}/metrics", timeout=10).status_code == 200
                note(f"{name}: {trips} round trips, {size} bytes, same data as Cypher: {same}, /metrics: {metrics}")
            results: dict[int, dict[str, Timing]] = {}
            spent: dict[int, dict[str, float]] = {}
            for level in levels:
                note(f"concurrency {level}, load {load_average()}")
                loads = {name: partial(http_load, url, body, level, cached=False) for name, url in urls.items()}
                interleaved(loads, 1, warmup * len(urls), 0.0, 1)  # warm-up, not counted
                # no warm-up inside the slices: every request they send is timed, so its CPU is counted
                measured = {name: CpuCounted(load, servers[name]) for name, load in loads.items()}
                results[level] = interleaved(measured, arguments.rounds, arguments.duration, 0.0, 10)
                spent[level] = {name: counted.seconds for name, counted in measured.items()}
        finally:
            for server in servers.values():
                server.stop()
    report(arguments, facts, results, spent)


def report(arguments: argparse.Namespace, facts: dict[str, str], results: dict[int, dict[str, Timing]],
           spent: dict[int, dict[str, float]]) -> None:
    print(f"# bench/observability.py --duration {arguments.duration:g} --rounds {arguments.rounds} "
          f"--concurrency {arguments.concurrency} --workers {arguments.workers} --baseline {arguments.baseline}")
    print(f"# {facts['cpu']}, load average after: {load_average()}")
    print("| case | concurrency | p50 / p95 / p99 ms | requests/s | server CPU ms/request | p50 vs baseline "
          "| requests/s vs baseline | CPU/request vs baseline |")
    print("|---|---|---|---|---|---|---|---|")
    for level, timings in results.items():
        base = timings["baseline"]
        cpu = {name: 1000 * spent[level][name] / len(timing.latencies) for name, timing in timings.items()}
        for name, timing in timings.items():
            print(f"| {name} | {level} | {timing.percentile(0.5):.2f} / {timing.percentile(0.95):.2f} / "
                  f"{timing.percentile(0.99):.2f} | {timing.rps:.0f} | {cpu[name]:.2f} | "
                  f"{timing.percentile(0.5) / base.percentile(0.5):.3f} | {timing.rps / base.rps:.3f} | "
                  f"{cpu[name] / cpu['baseline']:.3f} |")


if __name__ == "__main__":
    main()
