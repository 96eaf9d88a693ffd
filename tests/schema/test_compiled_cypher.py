"""What the database is asked: the statement compiled for each request of `tests/schema/compiled/`.

Each `NAME.graphql` (with its variables in `NAME.json`, if any) is compiled and laid out by
`schema.compiler.readable`; the result must be `NAME.cypher` exactly, so a change to the generated Cypher is
a deliberate change to these files. `PEELGRAPH_UPDATE_SNAPSHOTS=1 pytest tests/schema/test_compiled_cypher.py`
writes them anew; review the diff before committing it. The same statements are run against the test
graph, so a snapshot cannot hold Cypher that Neo4j refuses.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import neo4j
import pytest
from neo4j import Driver

from peelgraph.schema.api import build_schema
from peelgraph.schema.compiler import compile_request, readable

SNAPSHOTS = Path(__file__).parent / "compiled"
REQUESTS = sorted(path.stem for path in SNAPSHOTS.glob("*.graphql"))
SCHEMA = build_schema()._schema


def _request(name: str) -> tuple[str, dict[str, object] | None]:
    variables = SNAPSHOTS / f"{name}.json"
    query = (SNAPSHOTS / f"{name}.graphql").read_text(encoding="utf-8")
    return query, json.loads(variables.read_text(encoding="utf-8")) if variables.exists() else None


@pytest.mark.parametrize("name", REQUESTS)
def test_the_statement_is_the_snapshot(name: str) -> None:
    query, variables = _request(name)
    compiled = compile_request(SCHEMA, query, variables)
    assert compiled is not None, f"{name}: no root field compiled"
    statement = readable(compiled.text) + "\n"
    snapshot = SNAPSHOTS / f"{name}.cypher"
    if os.environ.get("PEELGRAPH_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(statement, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}: run with PEELGRAPH_UPDATE_SNAPSHOTS=1"
    assert statement == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", REQUESTS)
def test_the_laid_out_statement_runs(loaded_graph: Driver, name: str) -> None:
    query, variables = _request(name)
    compiled = compile_request(SCHEMA, query, variables)
    assert compiled is not None
    from graphql import parse
    from graphql.execution.executor import Executor

    executor = Executor.build(SCHEMA, parse(query), raw_variable_values=variables)
    assert not isinstance(executor, list)
    (parameters,) = compiled.parameters(executor.variable_values)
    (text,) = compiled.texts
    read = neo4j.RoutingControl.READ
    laid_out = loaded_graph.execute_query(readable(text), parameters, routing_=read).records[0].data()
    as_sent = loaded_graph.execute_query(text, parameters, routing_=neo4j.RoutingControl.READ).records[0]
    assert laid_out == as_sent.data()
    assert any(value is not None for value in laid_out.values())


def test_a_statement_depends_on_the_selection_not_on_the_values() -> None:
    query = "query ($id: ID!, $year: Int) { force(id: $id) { reports(year: $year) { id } } }"
    durham = compile_request(SCHEMA, query, {"id": "durham", "year": 2016})
    kent = compile_request(SCHEMA, query, {"id": "kent", "year": 2015})
    any_year = compile_request(SCHEMA, query, {"id": "kent", "year": None})
    assert durham is not None and kent is not None and any_year is not None
    assert durham.text == kent.text
    assert "2016" not in durham.text and "durham" not in durham.text
    assert any_year.text != kent.text  # a filter left out is not in the statement


def test_many_root_fields_are_split_into_statements_of_the_same_text() -> None:
    query = "{ " + " ".join(f'a{n}: node(id: "x{n}") {{ id ... on Force {{ name reports {{ id }} }} }}'
                            for n in range(30)) + " }"
    compiled = compile_request(SCHEMA, query)
    assert compiled is not None and len(compiled.fields) == 30
    assert 1 < len(compiled.texts) < 30
    assert max(map(len, compiled.texts)) < 2 * 12_000
    # the statements of the same selections are the same text, so Neo4j plans it once
    assert compiled.texts[0] == compiled.texts[1]


def test_aliases_become_keys_and_nothing_else_from_the_request() -> None:
    compiled = compile_request(SCHEMA, '{ x: force(id: "a\' DETACH DELETE") { y: name z: name } }')
    assert compiled is not None
    assert "`y`: " in compiled.text and "`z`: " in compiled.text
    assert "DETACH" not in compiled.text and "'a" not in compiled.text
