"""No way to write: the API has no write path, `peelgraph cypher` refuses whatever is not a read of the graph,
Neo4j answers only on loopback and only with the password, and errors show no secrets.

Already checked elsewhere: a mutation over POST and GET (tests/schema/test_limits.py), writes and writes
hidden in reads refused by `peelgraph cypher` (tests/graph/test_cypher_command.py), Bolt on loopback only and
auth enforced (tests/test_neo4j_server.py), and write-ish Cypher in every text argument of the API changing
nothing (tests/reliability/test_abuse.py).
"""

from __future__ import annotations

import os
import subprocess

import httpx
import pytest
from neo4j import Driver

from graph.errors import GraphError
from graph.research import run_read_only
from peelgraph import neo4j_server
from peelgraph.settings import PROJECT_ROOT, Settings
from schema.api import build_schema
from tests.conftest import BIN, TEST_ENVIRONMENT
from tests.graphstate import counts, peelgraph, snapshot
from tests.reliability import arguments
from tests.reliability.conftest import Server, write_figures

WRITES = (
    "CALL { CREATE (:Injected) } IN TRANSACTIONS",
    "UNWIND range(1, 3) AS i CALL (i) { CREATE (:Injected {i: i}) } IN TRANSACTIONS OF 1 ROWS",
    "MATCH (f:Force) CALL (f) { SET f.name = 'x' } IN TRANSACTIONS",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV FROM 'file:///etc/passwd' AS line CREATE (:Injected {line: line})",
    "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS line RETURN line",
    "CREATE INDEX injected FOR (n:Injected) ON (n.id)",
    "CREATE CONSTRAINT injected FOR (n:Injected) REQUIRE n.id IS UNIQUE",
    "CREATE FULLTEXT INDEX injected FOR (n:Passage) ON EACH [n.text]",
    "DROP CONSTRAINT force_id",
    "DROP INDEX report_pillar_year",
    "CALL dbms.security.createUser('intruder', 'password1', false)",
    "CALL dbms.security.changePassword('password1')",
    "CREATE USER intruder SET PASSWORD 'password1'",
    "ALTER CURRENT USER SET PASSWORD FROM 'wrong-password' TO 'password1'",
    "SHOW USERS",
    "STOP DATABASE neo4j",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "CALL db.createLabel('Injected')",
    "CALL db.createProperty('injected')",
    "CALL db.createRelationshipType('INJECTED')",
    "CALL db.index.fulltext.queryNodes('reportText', 'crime') YIELD node SET node.text = 'x'",
    "MATCH (f:Force) FOREACH (x IN [1] | SET f.name = 'x')",
    "MATCH (f:Force {id: 'kent'}) DETACH DELETE f",
    "MERGE (n:Injected {id: 'x'}) RETURN n",
    "MATCH (n) RETURN count(n) AS n; CREATE (:Injected)",
    "PROFILE CREATE (:Injected)",
    "CYPHER runtime=slotted CREATE (:Injected)",
    "CALL apoc.cypher.runWrite('CREATE (:Injected)', {})",
)
"""Writes, schema and user changes, file and URL reads, and other sessions' transactions ended, in the forms
Cypher allows: each is refused, and nothing changes."""
THROUGH_THE_COMMAND = tuple(
    statement for statement in WRITES
    if statement.startswith(("CALL { CREATE", "LOAD CSV FROM 'file", "CREATE INDEX", "CALL dbms.security.create",
                             "TERMINATE"))
)
"""Run as `peelgraph cypher` (the others through the function it calls, which is quicker)."""


def test_the_schema_has_no_write_path() -> None:
    for introspection in (True, False):
        served = build_schema(introspection=introspection)
        assert served.mutation is None and served.subscription is None
    assert arguments.SCHEMA.mutation_type is None and arguments.SCHEMA.subscription_type is None


@pytest.mark.parametrize("statement", THROUGH_THE_COMMAND)
def test_cypher_command_refuses_with_exit_2_and_one_line(loaded_graph: Driver, statement: str) -> None:
    before = counts(loaded_graph), _schema(loaded_graph)
    result = peelgraph("cypher", statement)
    assert result.returncode == 2, result.stdout[:500]
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr
    assert (counts(loaded_graph), _schema(loaded_graph)) == before


def test_whatever_is_not_a_read_of_the_graph_is_refused(loaded_graph: Driver, settings: Settings) -> None:
    """Every statement of WRITES raises a `GraphError` (the command's exit 2); the graph, its schema and the
    password are as they were."""
    before = counts(loaded_graph), _schema(loaded_graph), snapshot(loaded_graph)
    ran = [statement for statement in WRITES if not _refused(loaded_graph, settings, statement)]
    assert not ran, f"not refused: {ran}"
    assert (counts(loaded_graph), _schema(loaded_graph), snapshot(loaded_graph)) == before
    labels = {record["label"] for record in loaded_graph.execute_query("CALL db.labels()").records}
    assert "Injected" not in labels
    assert peelgraph("cypher", "MATCH (f:Force) RETURN count(f) AS forces", "--json").stdout.strip() == '{"forces": 43}'
    write_figures("access", {"refused_cypher_statements": len(WRITES), "through_the_command": len(THROUGH_THE_COMMAND)})


def test_neo4j_reads_no_files_for_load_csv(settings: Settings) -> None:
    config = neo4j_server._config(settings)
    assert "dbms.security.allow_csv_import_from_file_urls=false" in config


def test_a_wrong_password_is_one_line_that_does_not_repeat_it(loaded_graph: Driver) -> None:
    wrong = "wrong-password-7c1e"
    result = subprocess.run(
        [str(BIN / "peelgraph"), "cypher", "RETURN 1 AS one"], cwd=PROJECT_ROOT, capture_output=True, text=True,
        env={**os.environ, **TEST_ENVIRONMENT, "NEO4J_PASSWORD": wrong}, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "refused the credentials" in result.stderr
    assert wrong not in result.stderr + result.stdout and "Traceback" not in result.stderr


def test_the_server_log_holds_no_secret(production_server: Server, settings: Settings) -> None:
    httpx.post(production_server.graphql, json={"query": "{ forces(first: 1000) { totalCount } }"}, timeout=10)
    log = production_server.log_text()
    assert settings.neo4j_secret not in log
    assert "Traceback" not in log


def _refused(driver: Driver, settings: Settings, statement: str) -> bool:
    try:
        run_read_only(driver, settings, statement, {}, timeout=10)
    except GraphError:
        return True
    return False


def _schema(driver: Driver) -> tuple[list[str], list[str]]:
    indexes = sorted(record["name"] for record in driver.execute_query("SHOW INDEXES YIELD name").records)
    constraints = sorted(record["name"] for record in driver.execute_query("SHOW CONSTRAINTS YIELD name").records)
    return indexes, constraints
