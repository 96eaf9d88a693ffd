"""The Explorer's GraphQL documents are valid against the API's exported contract (schema.graphql)."""

from __future__ import annotations

import re

import pytest
from graphql import build_schema, parse, validate

from tests.checkout import PROJECT_ROOT

QUERIES = PROJECT_ROOT / "web" / "src" / "documents.js"
DOCUMENT = re.compile(r"const (\w+) = `(.*?)`;", re.DOTALL)


def documents() -> dict[str, str]:
    found = dict(DOCUMENT.findall(QUERIES.read_text(encoding="utf-8")))
    fragments = {name: text for name, text in found.items() if text.lstrip().startswith("fragment")}
    operations = {}
    for name, text in found.items():
        if name in fragments:
            continue
        for fragment, body in fragments.items():
            text = text.replace(f"${{{fragment}}}", body)
        operations[name] = text
    return operations


def test_the_explorer_sends_operations() -> None:
    assert {"FORCE_NETWORK", "COMPARE", "SUGGEST"} <= set(documents())


@pytest.mark.parametrize("name", sorted(documents()))
def test_document_is_valid_against_the_schema(name: str) -> None:
    schema = build_schema((PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8"))
    assert validate(schema, parse(documents()[name])) == []
