"""Reliability fixtures: the app as production runs it, and where the tests put their figures."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from peelgraph.settings import Settings
from tests.conftest import ARTIFACTS, free_port, serve
from tests.schema.conftest import LEAKS

PRODUCTION = {"PEELGRAPH_DEBUG": "false", "PEELGRAPH_INTROSPECTION": "false"}


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    leaks: tuple[str, ...]
    """What no response may contain: `LEAKS` and the Neo4j password."""

    @property
    def graphql(self) -> str:
        return f"{self.url}/graphql"

    def healthy(self) -> bool:
        """The process is up and answers /health."""
        if self.process.poll() is not None:
            return False
        try:
            return httpx.get(f"{self.url}/health", timeout=10).status_code == 200
        except httpx.TransportError:
            return False

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(scope="package")
def production_server(loaded_graph: Driver, settings: Settings) -> Iterator[Server]:
    """`peelgraph serve` with the production settings (debug and introspection off), over the bundled data."""
    port = free_port()
    process = serve(port, PRODUCTION)
    yield Server(f"http://127.0.0.1:{port}", process, ARTIFACTS / f"serve-{port}.log",
                 (*LEAKS, settings.neo4j_secret))
    process.terminate()
    process.wait(timeout=15)


def write_figures(name: str, figures: dict[str, Any]) -> None:
    """Figures for docs/reliability.md, in test-artifacts/reliability-<name>.json."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"reliability-{name}.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n")
