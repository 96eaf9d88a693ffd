"""Apollo Client (4, from the npm registry) with its persisted-query link over GET, set up as
docs/app-builders.md shows, against the API over real HTTP."""

from __future__ import annotations

import uuid

from tests.http.conftest import run_node
from tests.schema.conftest import Api


def test_apollo_client_registers_its_query_once_then_asks_by_hash_over_get(api: Api) -> None:
    # an operation name of its own: a document the server has not seen
    first, second = run_node("apollo.js", api.graphql, "durham", uuid.uuid4().hex)
    # the hash alone over GET, unknown (400 in the media type Apollo Client 4 asks for); then the text by POST
    # (the link's retry), which registers it
    assert [(r["method"], r["hashOnly"], r["status"]) for r in first["requests"]] == [
        ("GET", True, 400), ("POST", False, 200)]
    # a new client (a page loaded afresh) asks by hash alone over GET, a request a CDN can keep
    assert [(r["method"], r["hashOnly"], r["status"]) for r in second["requests"]] == [("GET", True, 200)]
    assert second["requests"][0]["etag"].startswith('W/"')
    assert first["data"] == second["data"]
    assert second["data"]["force"]["name"] == "Durham Constabulary"

