"""The HTTP policy is tested through the API, with the schema tests' client."""

import json
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver

from tests.checkout import PROJECT_ROOT
from tests.schema.conftest import api

__all__ = ["api", "probe_node"]

NODE_CLIENTS = PROJECT_ROOT / "tests" / "http" / "node"
"""The Node.js clients (package.json, installed by `make test` with `npm ci`): the graphql-http audit and Apollo
Client."""


def run_node(script: str, *args: str) -> Any:
    """What a script of NODE_CLIENTS prints, as JSON."""
    node = shutil.which("node")
    if node is None or not (NODE_CLIENTS / "node_modules" / ".package-lock.json").is_file():
        pytest.fail(f"the clients need Node.js and their packages: `make test` installs them (cd {NODE_CLIENTS} && "
                    "npm ci)")
    finished = subprocess.run([node, script, *args], cwd=NODE_CLIENTS, capture_output=True, text=True, timeout=300,
                              check=False)
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


@pytest.fixture
def probe_node(loaded_graph: Driver) -> Iterator[Driver]:
    """The test graph, for a test that writes `CacheProbe` nodes: deleted afterwards, whatever happens."""
    yield loaded_graph
    loaded_graph.execute_query("MATCH (n:CacheProbe) DETACH DELETE n")
