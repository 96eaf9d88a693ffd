"""Every stored statement is valid Cypher for this Neo4j: each file is at least EXPLAINed."""

from __future__ import annotations

import re

import pytest
from neo4j import Driver

from peelgraph.graph.statements import CYPHER_DIR, names, script, statement

PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@pytest.mark.parametrize("name", names("read") + names("write") + names("analysis"))
def test_statement_explains(driver: Driver, name: str) -> None:
    text = statement(name)
    parameters = dict.fromkeys(PARAMETER.findall(text))
    with driver.session() as session:
        session.run("EXPLAIN " + text, parameters).consume()


def test_schema_script_is_idempotent(driver: Driver) -> None:
    with driver.session() as session:
        for _ in range(2):
            for text in script(CYPHER_DIR / "schema.cypher"):
                session.run(text).consume()
    constraints = driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes RETURN collect(labelsOrTypes[0]) AS l")
    assert {"Force", "Organisation", "Scheme", "Report", "Judgment", "Passage", "Term"} <= set(
        constraints.records[0]["l"]
    )
