"""The playground opens on the example queries of docs/examples.graphql, and every one of them answers."""

from __future__ import annotations

import json
import re

import pytest

from peelgraph.server import EXAMPLES
from tests.checkout import PROJECT_ROOT
from tests.schema.conftest import Api

DOCUMENT = EXAMPLES.read_text(encoding="utf-8")
OPERATIONS = re.findall(r"^query (\w+)", DOCUMENT, re.MULTILINE)


def test_the_playground_page_carries_the_examples(api: Api) -> None:
    page = api.client.get(api.graphql, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert f'<script id="peelgraph-examples" type="application/json">{json.dumps(DOCUMENT)}</script>' in page.text
    assert "unpkg.com" not in page.text  # tests/web/test_playground.py runs it with other hosts refused


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_example_answers_without_errors(api: Api, operation: str) -> None:
    answer = api.post(DOCUMENT, operationName=operation)
    assert "errors" not in answer, answer["errors"]
    assert all(value is not None for value in answer["data"].values())


def test_the_examples_are_listed_in_the_docs() -> None:
    docs = (PROJECT_ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for operation in OPERATIONS:
        assert f"query {operation}" in docs, f"docs/queries.md does not show {operation}"
