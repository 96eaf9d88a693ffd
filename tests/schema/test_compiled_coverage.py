"""Every query the Explorer sends and every example of the docs compiles whole: each of its root fields is
answered by the one compiled statement, none by the resolvers (docs/compiler.md lists what may not)."""

from __future__ import annotations

import pytest
from graphql import OperationDefinitionNode, parse

from peelgraph.schema.api import build_schema
from peelgraph.schema.compiler import compile_request
from tests.checkout import PROJECT_ROOT
from tests.web.test_queries import documents

SCHEMA = build_schema()._schema
RESOLVED = {"stats", "__typename"}
"""Root fields that run their resolvers by design."""
SAMPLES = {"id": "cambridgeshire", "text": "digital evidence", "first": 5, "pillar": "EFFECTIVENESS",
           "rocu": "ersou", "year": 2015}
"""A value for each variable the Explorer's operations take (names as they use them)."""
EXAMPLES = (PROJECT_ROOT / "docs" / "examples.graphql").read_text(encoding="utf-8")


def _operations(document: str) -> list[OperationDefinitionNode]:
    return [definition for definition in parse(document).definitions
            if isinstance(definition, OperationDefinitionNode)]


def _assert_compiles_whole(document: str, operation: OperationDefinitionNode) -> None:
    names = [variable.variable.name.value for variable in operation.variable_definitions or ()]
    variables = {name: SAMPLES[name] for name in names if name in SAMPLES}
    name = operation.name.value if operation.name else None
    compiled = compile_request(SCHEMA, document, variables, name)
    asked = {selection.alias.value if selection.alias else selection.name.value
             for selection in operation.selection_set.selections
             if getattr(selection, "name", None) is not None and selection.name.value not in RESOLVED}
    covered = set() if compiled is None else set(compiled.fields)
    assert asked <= covered, f"{name}: {sorted(asked - covered)} go through the resolvers"


@pytest.mark.parametrize("name", sorted(documents()))
def test_every_explorer_query_compiles_whole(name: str) -> None:
    document = documents()[name]
    for operation in _operations(document):
        _assert_compiles_whole(document, operation)


@pytest.mark.parametrize("operation", [op.name.value for op in _operations(EXAMPLES) if op.name])
def test_every_example_compiles_whole(operation: str) -> None:
    found = next(op for op in _operations(EXAMPLES) if op.name and op.name.value == operation)
    _assert_compiles_whole(EXAMPLES, found)
