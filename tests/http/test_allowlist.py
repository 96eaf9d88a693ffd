"""The operator's allow-list: `peelgraph allowlist` writes it, and with arbitrary queries off only the operations
it lists run, by hash or by text, against the API over real HTTP."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import Driver

from peelgraph.http.allowlist import EXAMPLES, EXPLORER_OPERATIONS
from tests.conftest import free_port, served
from tests.graphstate import peelgraph
from tests.schema.conftest import assert_clean

APP_QUERY = """
# an app's own operation, with a fragment
query ForceWithUnit($id: ID!) { force(id: $id) { ...Named rocu { acronym } } }
fragment Named on Force { id name }
"""


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("allowlist")
    (folder / "app.graphql").write_text(APP_QUERY, encoding="utf-8")
    path = folder / "allowlist.json"
    result = peelgraph("allowlist", str(folder / "app.graphql"), "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def listed_only(manifest: Path, loaded_graph: Driver) -> Iterator[str]:
    """The API serving only the listed operations."""
    with served({"PEELGRAPH_PERSISTED_QUERIES": str(manifest), "PEELGRAPH_ARBITRARY_QUERIES": "false"}) as url:
        yield f"{url}/graphql"


def post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(url, json=body, timeout=30)
    assert_clean(response.text)
    assert response.status_code == 200, response.text
    return response.json()


def code(answer: dict[str, Any]) -> str:
    return answer["errors"][0]["extensions"]["code"]


def test_the_manifest_lists_the_examples_the_explorer_and_the_apps_operations(manifest: Path) -> None:
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    assert listed["format"] == "apollo-persisted-query-manifest"
    names = {operation["name"] for operation in listed["operations"]}
    assert {"Cambridgeshire", "AnyNodeById"} <= names  # docs/examples.graphql
    assert {"ForceNetwork", "Compare", "Suggest"} <= names  # the Explorer's
    assert "ForceWithUnit" in names
    for operation in listed["operations"]:
        assert operation["id"] == hashlib.sha256(operation["body"].encode()).hexdigest()
        assert operation["type"] == "query"


def test_an_unlisted_query_is_refused(listed_only: str) -> None:
    answer = post(listed_only, {"query": "{ stats { nodeCount } }"})
    assert code(answer) == "QUERY_NOT_IN_SAFELIST" and "data" not in answer
    assert "not on it" in answer["errors"][0]["message"]


def test_an_unlisted_hash_is_refused_not_asked_for(listed_only: str) -> None:
    """Registering a text would run an arbitrary query: an unknown hash is refused outright, and so is its text."""
    query = "{ stats { nodeCount } }"
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}
    assert code(post(listed_only, {"extensions": extensions})) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert code(post(listed_only, {"query": query, "extensions": extensions})) == "QUERY_NOT_IN_SAFELIST"


def test_a_listed_operation_runs_by_its_hash_over_get(listed_only: str, manifest: Path) -> None:
    entry = next(op for op in json.loads(manifest.read_text())["operations"] if op["name"] == "ForceWithUnit")
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": entry["id"]}}
    response = httpx.get(listed_only, params={"extensions": json.dumps(extensions),
                                              "variables": json.dumps({"id": "cambridgeshire"})}, timeout=30)
    assert response.status_code == 200, response.text
    assert response.json()["data"]["force"] == {"id": "cambridgeshire", "name": "Cambridgeshire Constabulary",
                                                "rocu": {"acronym": "ERSOU"}}


def test_a_listed_operation_runs_by_its_text_however_it_is_laid_out(listed_only: str) -> None:
    """The app's own text, the playground's whole document with an operation chosen, and every document exactly
    as the Explorer sends it."""
    app = post(listed_only, {"query": APP_QUERY, "variables": {"id": "durham"}})
    assert app["data"]["force"]["name"] == "Durham Constabulary"
    examples = post(listed_only, {"query": EXAMPLES.read_text(encoding="utf-8"), "operationName": "CompareErsou"})
    assert "errors" not in examples and examples["data"]["compareForces"]["rows"]
    variables = {"id": "cambridgeshire", "text": "fraud", "first": 2, "pillar": "EFFECTIVENESS", "rocu": "ersou",
                 "ids": None, "year": 2015}
    for document in json.loads(EXPLORER_OPERATIONS.read_text(encoding="utf-8")):
        answer = post(listed_only, {"query": document, "variables": variables})
        assert answer.get("data") is not None, answer
        assert all(error["extensions"]["code"] != "QUERY_NOT_IN_SAFELIST" for error in answer.get("errors", []))


def test_a_listed_operation_changed_is_refused(listed_only: str) -> None:
    changed = APP_QUERY.replace("rocu { acronym }", "rocu { acronym name }")
    assert code(post(listed_only, {"query": changed, "variables": {"id": "durham"}})) == "QUERY_NOT_IN_SAFELIST"


def test_serving_only_listed_operations_needs_a_list(tmp_path: Path) -> None:
    result = peelgraph("serve", "--port", str(free_port()), env={"PEELGRAPH_ARBITRARY_QUERIES": "false"})
    assert result.returncode == 2 and "PEELGRAPH_PERSISTED_QUERIES" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "apollo-persisted-query-manifest", "operations": [{"id": "x", "body": "{ a }"}]}')
    result = peelgraph("serve", "--port", str(free_port()), env={"PEELGRAPH_PERSISTED_QUERIES": str(broken)})
    assert result.returncode == 2 and "broken.json" in result.stderr and "SHA-256" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_allowlist_refuses_a_document_that_does_not_parse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.graphql"
    bad.write_text("query Fine { stats { nodeCount } }\n\nquery Broken { stats { \n", encoding="utf-8")
    result = peelgraph("allowlist", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    assert "bad.graphql:4" in result.stderr and len(result.stderr.strip().splitlines()) == 1
