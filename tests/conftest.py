"""Shared fixtures. Tests run against their own Neo4j instance, never the developer's data."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

# Forced, not defaulted: a NEO4J_URI exported for real work must never receive test writes.
TEST_ENVIRONMENT = {
    "NEO4J_URI": os.environ.get("PEELGRAPH_TEST_NEO4J_URI", "bolt://127.0.0.1:7688"),
    "PEELGRAPH_NEO4J_INSTANCE": os.environ.get("PEELGRAPH_TEST_NEO4J_INSTANCE", "test"),
    "PEELGRAPH_NEO4J_HTTP_PORT": os.environ.get("PEELGRAPH_TEST_NEO4J_HTTP_PORT", "7475"),
    "PEELGRAPH_NEO4J_HEAP": "768m",
    "PEELGRAPH_NEO4J_PAGECACHE": "256m",
    "PEELGRAPH_DEBUG": "false",
    # Servers started by tests plan as they are asked (tests/test_warm_up.py turns the warm-up on).
    "PEELGRAPH_WARM_UP": "false",
    # The checkout's managed instances, wherever a test runs a command (the default is `.neo4j` of the cwd).
    "PEELGRAPH_NEO4J_DIR": os.environ.get("PEELGRAPH_NEO4J_DIR",
                                          str(Path(__file__).resolve().parent.parent / ".neo4j")),
}
os.environ.update(TEST_ENVIRONMENT)

from peelgraph import neo4j_server  # noqa: E402
from peelgraph.graph.connection import open_driver  # noqa: E402
from peelgraph.settings import Settings  # noqa: E402
from tests.checkout import PROJECT_ROOT  # noqa: E402

BIN = Path(sys.executable).parent
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def neo4j(settings: Settings) -> Iterator[Settings]:
    """The test Neo4j, started if it is not running and stopped again if this session started it."""
    started_here = neo4j_server.status(settings).pid is None
    neo4j_server.start(settings)
    yield settings
    if started_here:
        neo4j_server.stop(settings)


@pytest.fixture(scope="session")
def driver(neo4j: Settings) -> Iterator[Driver]:
    with open_driver(neo4j) as active:
        yield active


@pytest.fixture(scope="session")
def loaded_graph(driver: Driver) -> Iterator[Driver]:
    """An empty test database with `peelgraph load` (the bundled data) applied once per session."""
    from tests.graphstate import peelgraph, wipe

    wipe(driver)
    result = peelgraph("load")
    assert result.returncode == 0, result.stderr
    yield driver


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(port: int, extra_env: dict[str, str] | None = None, workers: int = 1) -> subprocess.Popen[bytes]:
    """Start `peelgraph serve` as production runs it; wait until /health answers."""
    env = {**os.environ, **TEST_ENVIRONMENT, **(extra_env or {})}
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"serve-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(BIN / "peelgraph"), "serve", "--port", str(port), "--workers", str(workers)],
            cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"peelgraph serve did not come up:\n{log.read_text(errors='replace')}")


@contextmanager
def served(extra_env: dict[str, str] | None = None, workers: int = 1, stop_within: float = 15) -> Iterator[str]:
    """`peelgraph serve` on a free loopback port for the `with` block (its URL), stopped when the block ends (its
    log: ARTIFACTS / serve-PORT.log)."""
    port = free_port()
    process = serve(port, extra_env, workers)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=stop_within)


@pytest.fixture(scope="session")
def live_server(neo4j: Settings) -> Iterator[str]:
    """The app over real HTTP on loopback, as `peelgraph serve` runs it."""
    with served() as url:
        yield url


@pytest.fixture(scope="session")
def report_pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled report as a PDF in the published layout (`tests/loaders/pdfs.py`)."""
    from peelgraph.loaders.reference import REPORTS_DIR
    from tests.loaders.pdfs import report_pdf

    text = (REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("pdf") / "peel-2015-effectiveness-cambridgeshire.pdf"
    path.write_bytes(report_pdf(text))
    return path
