"""A bounded loopback load test of `peelgraph serve`: N clients for a fixed time, then the figures.

Without --url it starts `peelgraph serve` on a free loopback port as production runs it (debug and
introspection off) against the Neo4j the environment names (NEO4J_URI, PEELGRAPH_NEO4J_INSTANCE...):
the managed instance is started if it is not running, and the bundled data loaded if the graph has no
report. With --url it drives a server already running (--pid to report that server's memory).

Every answer is classified: ok, a clean outage answer ("graph store unavailable", /ready 503), or an
error (any 5xx, a transport error, a GraphQL error, a response that leaks a traceback, Cypher or the
store's address). The run fails (exit 1) unless there are no errors. The last line is
`summary: key=value ...`; the figures also go to test-artifacts/reliability-soak.json.

Example: NEO4J_URI=bolt://127.0.0.1:7728 PEELGRAPH_NEO4J_INSTANCE=test-rel PEELGRAPH_NEO4J_HTTP_PORT=7525 \\
         .venv/bin/python bench/soak.py --duration 600 --concurrency 32
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil

from peelgraph.settings import PROJECT_ROOT, Settings

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
BIN = Path(sys.executable).parent
UNAVAILABLE_MESSAGE = "graph store unavailable"
LEAKS = ("Traceback", "bolt://", "neo4j.exceptions", "MATCH (", "UNWIND $", "RETURN ")
"""What no response may contain: stack traces, the store's address, driver errors, Cypher."""


@dataclass(frozen=True, slots=True)
class Probe:
    """One kind of request the clients send: a GraphQL operation (POST or GET), or a GET of a plain route."""

    name: str
    path: str
    query: str | None = None
    variables: dict[str, Any] | None = None
    method: str = "POST"

    def request(self, client: httpx.AsyncClient, url: str) -> Any:
        if self.query is None:
            return client.get(url + self.path)
        if self.method == "GET":
            params = {"query": self.query, **({"variables": json.dumps(self.variables)} if self.variables else {})}
            return client.get(url + self.path, params=params)
        return client.post(url + self.path, json={"query": self.query, "variables": self.variables})


MIX = (
    Probe("stats", "/graphql", "{ stats { nodeCount relationshipCount } }"),
    Probe(
        "force", "/graphql",
        """query ($id: ID!) { force(id: $id) { name rocu { name } partners { id mentions }
             reports { id overallGrade judgments { grade question { number } evidence { page } } } } }""",
        {"id": "cambridgeshire"},
    ),
    Probe("forces", "/graphql", "{ forces(first: 50) { totalCount edges { cursor node { id name country } } } }"),
    Probe(
        "search", "/graphql",
        "query ($text: String!) { search(text: $text, first: 10) { score kind text report { id } force { id } } }",
        {"text": "organised crime"},
    ),
    Probe(
        "organisations", "/graphql",
        '{ organisations(search: "crime", first: 20) { totalCount edges { node { id name kind members { id } } } } }',
    ),
    Probe(
        "areas", "/graphql",
        "{ areasForImprovement(first: 10) { totalCount edges { node { text question { number } concerns { id } } } } }",
    ),
    Probe(
        "compare", "/graphql",
        '{ compareForces(rocu: "ersou", pillar: EFFECTIVENESS) { questions { number } rows { force { id } grades } } }',
    ),
    Probe(
        "connection", "/graphql",
        '{ connection(fromId: "cambridgeshire", toId: "nca") { length steps { relationship evidence { page } } } }',
    ),
    Probe("node-get", "/graphql", '{ node(id: "ersou") { id ... on Organisation { name acronym } } }', method="GET"),
    Probe("health", "/health"),
    Probe("ready", "/ready"),
)
"""What the clients send, in turn: reads the Explorer and researchers make, over the bundled data."""


@dataclass(frozen=True, slots=True)
class Outcome:
    probe: str
    started: float
    """time.monotonic() when the request was sent."""
    ended: float
    status: int | None
    """The HTTP status; None for a transport error."""
    result: str
    """ok, unavailable (a clean outage answer) or error."""
    detail: str = ""


def classify(probe: Probe, response: httpx.Response, leaks: Sequence[str]) -> tuple[str, str]:
    """ok, unavailable or error for one answer, with what was wrong."""
    text = response.text
    leaked = [leak for leak in leaks if leak and leak in text]
    if leaked:
        return "error", f"leaks {leaked[0]!r}: {text[:300]}"
    if response.status_code >= 500 and not (probe.name == "ready" and response.status_code == 503):
        return "error", f"HTTP {response.status_code}: {text[:300]}"
    try:
        body = response.json()
    except ValueError:
        return "error", f"HTTP {response.status_code}, not JSON: {text[:300]}"
    if probe.query is None:
        if response.status_code == 200:
            return "ok", ""
        if probe.name == "ready" and response.status_code == 503 and body.get("status") == "unavailable":
            return "unavailable", ""
        return "error", f"HTTP {response.status_code}: {text[:300]}"
    if response.status_code != 200 or not isinstance(body, dict):
        return "error", f"HTTP {response.status_code}: {text[:300]}"
    errors = body.get("errors")
    if not errors and body.get("data"):
        return "ok", ""
    if errors and all(error.get("message") == UNAVAILABLE_MESSAGE for error in errors):
        return "unavailable", ""
    return "error", f"GraphQL errors: {json.dumps(errors)[:300]}"


async def drive(
    url: str,
    concurrency: int,
    stop: Callable[[], bool],
    pace: float = 0.0,
    leaks: Sequence[str] = LEAKS,
    mix: Sequence[Probe] = MIX,
    outcomes: list[Outcome] | None = None,
) -> list[Outcome]:
    """`concurrency` clients send the mix in turn (each from its own place in it) until `stop()` is true.

    Each outcome is appended to `outcomes` (a new list if None) as it comes, and the list is returned.
    """
    outcomes = [] if outcomes is None else outcomes
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def client_loop(client: httpx.AsyncClient, offset: int) -> None:
        turn = offset
        while not stop():
            probe = mix[turn % len(mix)]
            turn += 1
            started = time.monotonic()
            try:
                response = await probe.request(client, url)
            except httpx.HTTPError as error:
                outcomes.append(Outcome(probe.name, started, time.monotonic(), None, "error",
                                        f"{type(error).__name__}: {error}"))
            else:
                result, detail = classify(probe, response, leaks)
                outcomes.append(Outcome(probe.name, started, time.monotonic(), response.status_code, result, detail))
            if pace:
                await asyncio.sleep(pace)

    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        await asyncio.gather(*(client_loop(client, index) for index in range(concurrency)))
    return outcomes


def server_rss(pid: int) -> int:
    """Resident memory of a server process and its children (uvicorn's workers), in bytes."""
    process = psutil.Process(pid)
    return sum(member.memory_info().rss for member in [process, *process.children(recursive=True)])


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Counts and latencies of a run's outcomes."""
    latencies = sorted(1000 * (outcome.ended - outcome.started) for outcome in outcomes)
    errors = [outcome for outcome in outcomes if outcome.result == "error"]
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99 or [0.0] * 99
    return {
        "requests": len(outcomes),
        "ok": sum(outcome.result == "ok" for outcome in outcomes),
        "unavailable": sum(outcome.result == "unavailable" for outcome in outcomes),
        "errors": len(errors),
        "http_5xx": sum(outcome.status is not None and outcome.status >= 500 and outcome.probe != "ready"
                        for outcome in outcomes),
        "transport_errors": sum(outcome.status is None for outcome in outcomes),
        "latency_ms_p50": round(quantiles[49], 1),
        "latency_ms_p95": round(quantiles[94], 1),
        "latency_ms_p99": round(quantiles[98], 1),
        "by_probe": dict(sorted(Counter(outcome.probe for outcome in outcomes).items())),
        "first_errors": [f"{outcome.probe}: {outcome.detail}" for outcome in errors[:5]],
    }


def run(url: str, duration: float, concurrency: int, pid: int | None, leaks: Sequence[str] = LEAKS) -> dict[str, Any]:
    """Warm the server up with one pass of the mix, then load it for `duration` seconds; return the figures."""
    asyncio.run(_one_pass(url, leaks))
    rss_start = server_rss(pid) if pid else None
    began = time.monotonic()
    outcomes = asyncio.run(drive(url, concurrency, lambda: time.monotonic() - began >= duration, leaks=leaks))
    elapsed = time.monotonic() - began
    rss_end = server_rss(pid) if pid else None
    figures: dict[str, Any] = {"concurrency": concurrency, "duration_s": round(elapsed, 1)}
    figures.update(summarise(outcomes))
    figures["requests_per_s"] = round(figures["requests"] / elapsed, 1)
    if rss_start is not None and rss_end is not None:
        figures.update(rss_start_mb=_mb(rss_start), rss_end_mb=_mb(rss_end), rss_growth_mb=_mb(rss_end - rss_start))
    return figures


async def _one_pass(url: str, leaks: Sequence[str]) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        for probe in MIX:
            response = await probe.request(client, url)
            result, detail = classify(probe, response, leaks)
            if result != "ok":
                raise RuntimeError(f"warm-up: {probe.name} did not succeed: {detail}")


def _mb(size: int) -> float:
    return round(size / 2**20, 1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare_graph(settings: Settings) -> None:
    """Start the managed Neo4j if the environment names one, and load the bundled data into an empty graph."""
    from graph.connection import open_driver
    from peelgraph import neo4j_server

    if settings.neo4j_is_local:
        neo4j_server.start(settings)
    with open_driver(settings) as driver:
        reports = driver.execute_query("MATCH (r:Report) RETURN count(r) AS n").records[0]["n"]
    if reports == 0:
        print("the graph has no report: loading the bundled data", file=sys.stderr)
        subprocess.run([str(BIN / "peelgraph"), "load"], cwd=PROJECT_ROOT, check=True)


def _serve() -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    env = {**os.environ, "PEELGRAPH_DEBUG": "false", "PEELGRAPH_INTROSPECTION": "false"}
    with (ARTIFACTS / f"soak-serve-{port}.log").open("wb") as log:
        process = subprocess.Popen([str(BIN / "peelgraph"), "serve", "--port", str(port)], cwd=PROJECT_ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"peelgraph serve did not become ready; see {log.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=600, help="seconds of load (default 600)")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--url", help="a server already running, e.g. http://127.0.0.1:8000 (default: start one)")
    parser.add_argument("--pid", type=int, help="with --url: that server's pid, to report its memory")
    parser.add_argument("--out", type=Path, default=ARTIFACTS / "reliability-soak.json", help="where the figures go")
    arguments = parser.parse_args()

    settings = Settings()
    process = None
    if arguments.url:
        url, pid = arguments.url.rstrip("/"), arguments.pid
    else:
        _prepare_graph(settings)
        process, url = _serve()
        pid = process.pid
    leaks = (*LEAKS, settings.neo4j_secret)
    try:
        print(f"loading {url} with {arguments.concurrency} clients for {arguments.duration:g} s", file=sys.stderr)
        figures = run(url, arguments.duration, arguments.concurrency, pid, leaks)
        if process is not None:
            figures["server_alive"] = process.poll() is None
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=15)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(figures, indent=1) + "\n")
    for key, value in figures.items():
        print(f"{key}: {value}")
    keys = ("concurrency", "duration_s", "requests", "requests_per_s", "ok", "errors", "http_5xx", "transport_errors",
            "latency_ms_p50", "latency_ms_p95", "latency_ms_p99", "rss_start_mb", "rss_end_mb", "rss_growth_mb")
    print("summary: " + " ".join(f"{key}={figures[key]}" for key in keys if key in figures))
    if figures["errors"] or figures["unavailable"] or not figures.get("server_alive", True):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
