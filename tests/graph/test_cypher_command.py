"""`peelgraph cypher`: researchers' read-only Cypher from the command line."""

from __future__ import annotations

import json

from neo4j import Driver

from tests.graphstate import counts, peelgraph


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
