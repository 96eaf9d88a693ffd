"""`peelgraph cypher`: researchers' read-only Cypher from the command line."""

from __future__ import annotations

import csv
import io
import json

from neo4j import Driver

from tests.graphstate import counts, peelgraph, peelgraph_bytes


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
