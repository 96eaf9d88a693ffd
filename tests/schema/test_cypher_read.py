"""Every statement under cypher/read/ is documented by its header and is valid Cypher for this Neo4j."""

from __future__ import annotations

import re

import pytest
from neo4j import Driver

from peelgraph.graph.statements import header, names, statement

PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
READS = names("read")


@pytest.mark.parametrize("name", READS)
def test_read_statement_explains(driver: Driver, name: str) -> None:
    text = statement(name)
    parameters = dict.fromkeys(PARAMETER.findall(text))
    with driver.session() as session:
        summary = session.run("EXPLAIN " + text, parameters).consume()
    assert summary.query_type == "r", f"{name} is not read-only"


@pytest.mark.parametrize("name", READS)
def test_read_statement_header_names_parameters_and_columns(name: str) -> None:
    text = statement(name)
    about = header(name)
    assert "Parameters:" in about and "Returns:" in about, f"{name}: header lacks Parameters: or Returns:"
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    for parameter in set(PARAMETER.findall(body)):
        assert f"${parameter}" in about, f"{name}: header does not name ${parameter}"
