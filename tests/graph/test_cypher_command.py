"""`peelgraph cypher`: researchers' read-only Cypher from the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator

import pytest
from neo4j import Driver

from tests.graphstate import counts, peelgraph, peelgraph_bytes, snapshot


def test_write_is_refused_and_nothing_is_created(loaded_graph: Driver) -> None:
    before = counts(loaded_graph)
    result = peelgraph("cypher", "CREATE (n:X) RETURN n")
    assert result.returncode == 2
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert counts(loaded_graph) == before


def test_write_hidden_in_a_read_is_refused(loaded_graph: Driver) -> None:
    result = peelgraph("cypher", "MATCH (f:Force) WITH f LIMIT 1 SET f.name = 'x' RETURN f")
    assert result.returncode == 2
    names = loaded_graph.execute_query("MATCH (f:Force {name: 'x'}) RETURN count(f) AS c").records
    assert names[0]["c"] == 0


def test_json_rows_keyed_by_column(loaded_graph: Driver) -> None:
    result = peelgraph("cypher", "MATCH (f:Force {id: $id}) RETURN f.name AS name, f.onsCode AS ons",
                       "--param", "id=cambridgeshire", "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows == [{"name": "Cambridgeshire Constabulary", "ons": "E23000023"}]


def test_table_output_and_row_cap(loaded_graph: Driver) -> None:
    result = peelgraph("cypher", "MATCH (f:Force) RETURN f.id AS id ORDER BY id", "--max-rows", "5")
    assert result.returncode == 0
    assert "avon-and-somerset" in result.stdout and "west-yorkshire" not in result.stdout
    assert "stopped at 5 rows" in result.stderr


def test_invalid_cypher_is_one_line(loaded_graph: Driver) -> None:
    result = peelgraph("cypher", "MATCH (n RETURN n")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_timeout_is_enforced(loaded_graph: Driver) -> None:
    slow = "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 13 RETURN count(x) AS c"
    result = peelgraph("cypher", slow, "--timeout", "0.5")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_csv_has_a_header_rfc_4180_quoting_and_json_for_lists_and_maps(loaded_graph: Driver) -> None:
    result = peelgraph_bytes(
        "cypher",
        "RETURN 'a, \"quoted\"\nsecond line' AS text, [1, 'two'] AS list, {grade: 'Good', rank: 3} AS map, "
        "null AS nothing, true AS flag, 2.5 AS number",
        "--csv",
    )
    assert result.returncode == 0, result.stderr
    data = result.stdout  # as bytes: RFC 4180 ends records with CRLF, and a line break in a cell is kept
    assert data.startswith(b"text,list,map,nothing,flag,number\r\n")
    assert b'"a, ""quoted""\nsecond line"' in data
    rows = list(csv.DictReader(io.StringIO(data.decode(), newline="")))
    assert rows == [{
        "text": 'a, "quoted"\nsecond line', "list": '[1, "two"]', "map": '{"grade": "Good", "rank": 3}',
        "nothing": "", "flag": "true", "number": "2.5",
    }]
    assert json.loads(rows[0]["map"]) == {"grade": "Good", "rank": 3}


def test_csv_of_an_analysis_query_reads_back_row_for_row(loaded_graph: Driver) -> None:
    query = "MATCH (f:Force) RETURN f.id AS id, f.name AS name, [(f)-[:MEMBER_OF]->(o) | o.id] AS units ORDER BY id"
    as_csv = peelgraph("cypher", query, "--csv", "--max-rows", "100")
    as_json = peelgraph("cypher", query, "--json", "--max-rows", "100")
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout, newline="")))
    expected = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert len(rows) == len(expected) == 43
    assert [{**row, "units": json.loads(row["units"])} for row in rows] == expected


STATE_CHANGING_READS = (
    "CALL db.stats.collect('QUERIES')",
    "CALL db.stats.stop('QUERIES')",
    "CALL db.stats.clear('QUERIES')",
    "CALL db.stats.collect('QUERIES', {durationSeconds: 5})",
    "CALL db.resampleOutdatedIndexes()",
    "CALL db.prepareForReplanning()",
    "CALL db.prepareForReplanning(1000)",
    "MATCH (f:Force) WITH f LIMIT 1 CALL db.stats.clear('QUERIES') YIELD section RETURN f.id, section",
    "CALL `db`.`stats`.`collect`('QUERIES')",
)
"""Procedures Neo4j marks READ that change the server's state, in the forms Cypher allows."""
OTHER_SESSIONS = (
    "CALL db.stats.retrieve('QUERIES')",
    "CALL db.stats.retrieveAllAnonymized('x')",
    "SHOW TRANSACTIONS YIELD *",
    "SHOW TRANSACTIONS YIELD currentQuery, parameters RETURN currentQuery, parameters",
    "SHOW SETTINGS",
)
"""Statements that show other clients' queries and parameters (or the server's configuration)."""


def _statistics(driver: Driver) -> list[tuple[str, str]]:
    """The query-statistics state: each section's status (`idle`, `collecting`)."""
    return sorted((r["section"], r["status"]) for r in driver.execute_query("CALL db.stats.status()").records)


def _collected(driver: Driver) -> int:
    """How many queries the statistics hold."""
    return driver.execute_query("CALL db.stats.retrieve('QUERIES') YIELD data RETURN count(data) AS n").records[0]["n"]


def _refused_in_one_line(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result.stdout[:300]
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr


@pytest.fixture
def collecting(loaded_graph: Driver) -> Iterator[Driver]:
    """Query statistics being collected (by the administrator), so that stop and clear have something to change."""
    loaded_graph.execute_query("CALL db.stats.collect('QUERIES')")
    loaded_graph.execute_query("MATCH (f:Force) RETURN count(f)")
    yield loaded_graph
    loaded_graph.execute_query("CALL db.stats.stop('QUERIES')")
    loaded_graph.execute_query("CALL db.stats.clear('QUERIES')")


@pytest.mark.parametrize("statement", STATE_CHANGING_READS)
def test_a_procedure_that_changes_state_is_refused(collecting: Driver, statement: str) -> None:
    before = snapshot(collecting), _statistics(collecting)
    assert _collected(collecting) > 0
    _refused_in_one_line(peelgraph("cypher", statement))
    assert (snapshot(collecting), _statistics(collecting)) == before
    assert _collected(collecting) > 0, "the collected statistics were cleared"


@pytest.mark.parametrize("statement", STATE_CHANGING_READS[:3])
def test_the_statistics_procedures_are_refused_when_idle_too(loaded_graph: Driver, statement: str) -> None:
    before = _statistics(loaded_graph)
    _refused_in_one_line(peelgraph("cypher", statement))
    assert _statistics(loaded_graph) == before


@pytest.mark.parametrize("statement", OTHER_SESSIONS)
def test_other_clients_queries_are_not_shown(collecting: Driver, statement: str) -> None:
    secret = "other-client-7f3a"
    collecting.execute_query("MATCH (f:Force {id: $secret}) RETURN f", secret=secret)
    result = peelgraph("cypher", statement, "--json")
    _refused_in_one_line(result)
    assert secret not in result.stdout + result.stderr


@pytest.mark.parametrize("statement", [
    "CALL { MATCH (f:Force) RETURN f } IN TRANSACTIONS RETURN count(f) AS forces",
    "MATCH (f:Force) CALL (f) { RETURN f.id AS id } IN TRANSACTIONS OF 10 ROWS RETURN id",
    "CALL { RETURN 1 AS one } IN CONCURRENT TRANSACTIONS RETURN one",
])
def test_in_transactions_is_one_line_and_exit_2(loaded_graph: Driver, statement: str) -> None:
    _refused_in_one_line(peelgraph("cypher", statement))


def test_the_allowed_procedures_and_commands_still_answer(loaded_graph: Driver) -> None:
    for statement, expected in [
        ("CALL db.labels() YIELD label WHERE label = 'Force' RETURN label", '{"label": "Force"}'),
        ("SHOW INDEXES YIELD name WHERE name = 'reportText' RETURN name", '{"name": "reportText"}'),
        ("CALL db.index.fulltext.queryNodes('reportText', 'crime') YIELD node RETURN count(node) > 0 AS found",
         '{"found": true}'),
    ]:
        result = peelgraph("cypher", statement, "--json")
        assert (result.returncode, result.stdout.strip()) == (0, expected), result.stderr
