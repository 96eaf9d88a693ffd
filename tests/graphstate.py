"""Helpers for tests that look at the whole graph: run the CLI, wipe, count, fingerprint."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess

from neo4j import Driver

from tests.checkout import PROJECT_ROOT
from tests.conftest import BIN, TEST_ENVIRONMENT

SNAPSHOT_NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS properties
"""
SNAPSHOT_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
"""


def peelgraph(*args: str, check: bool = False, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `peelgraph` command against the test Neo4j, as a user would (with `env` set too)."""
    return subprocess.run(
        [str(BIN / "peelgraph"), *args], cwd=PROJECT_ROOT, env={**os.environ, **TEST_ENVIRONMENT, **(env or {})},
        capture_output=True, text=True, check=check, timeout=600,
    )


def peelgraph_bytes(*args: str) -> subprocess.CompletedProcess[bytes]:
    """`peelgraph` with its output as bytes, line ends as written."""
    return subprocess.run(
        [str(BIN / "peelgraph"), *args], cwd=PROJECT_ROOT, env={**os.environ, **TEST_ENVIRONMENT},
        capture_output=True, check=False, timeout=600,
    )


def wipe(driver: Driver) -> None:
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


def snapshot(driver: Driver) -> str:
    """A fingerprint of every node and relationship with its properties, independent of internal ids."""
    nodes = sorted(
        json.dumps([sorted(r["labels"]), r["properties"]], sort_keys=True, default=str)
        for r in driver.execute_query(SNAPSHOT_NODES).records
    )
    relationships = sorted(
        json.dumps([r["type"], r["start"], r["end"], r["properties"]], sort_keys=True, default=str)
        for r in driver.execute_query(SNAPSHOT_RELATIONSHIPS).records
    )
    return hashlib.sha256("\n".join([*nodes, "--", *relationships]).encode()).hexdigest()


def counts(driver: Driver) -> tuple[int, int]:
    record = driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r"
    ).records[0]
    return record["n"], record["r"]
