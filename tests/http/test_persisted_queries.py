"""Automatic persisted queries as Apollo Client's link and urql speak them, against the API over real HTTP."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import httpx
import pytest

from peelgraph.http.persisted_queries import ENTRY_OVERHEAD, QueryStore
from tests.schema.conftest import Api, assert_clean


def fresh_query() -> str:
    """A query no other test (or earlier run against the same server) has registered."""
    return f"query Probe {{ stats {{ nodeCount }} probe_{uuid.uuid4().hex}: __typename }}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def persisted(text: str, version: int = 1) -> dict[str, Any]:
    return {"persistedQuery": {"version": version, "sha256Hash": sha256(text)}}


def get(api: Api, query: str | None, extensions: dict[str, Any], **headers: str) -> httpx.Response:
    params = {"extensions": json.dumps(extensions)}
    if query is not None:
        params["query"] = query
    response = api.client.get(api.graphql, params=params, headers={"Accept": "application/json", **headers})
    assert_clean(response.text)
    return response


def codes(response: httpx.Response) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in response.json().get("errors", [])]


def test_the_round_trip_over_get(api: Api) -> None:
    query = fresh_query()
    expected = api.data(query)
    missing = get(api, None, persisted(query))
    assert missing.status_code == 200 and codes(missing) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert missing.json()["errors"][0]["message"] == "PersistedQueryNotFound" and "data" not in missing.json()
    assert missing.headers["cache-control"] == "no-store"
    registered = get(api, query, persisted(query))
    assert registered.status_code == 200 and registered.json()["data"] == expected
    by_hash = get(api, None, persisted(query))
    assert by_hash.status_code == 200 and by_hash.json()["data"] == expected
    assert "etag" in by_hash.headers


def test_the_round_trip_over_post(api: Api) -> None:
    query = fresh_query()
    expected = api.data(query)
    missing = api.client.post(api.graphql, json={"extensions": persisted(query)})
    assert codes(missing) == ["PERSISTED_QUERY_NOT_FOUND"]
    registered = api.client.post(api.graphql, json={"query": query, "extensions": persisted(query)})
    assert registered.json()["data"] == expected
    by_hash = api.client.post(api.graphql, json={"extensions": persisted(query), "variables": {}})
    assert by_hash.json()["data"] == expected


def test_a_hash_registered_by_post_runs_by_get_with_its_variables(api: Api) -> None:
    query = "query ForceName($id: ID!) { force(id: $id) { name } }"
    api.client.post(api.graphql, json={"query": query, "variables": {"id": "durham"}, "extensions": persisted(query)})
    for force, name in (("durham", "Durham Constabulary"), ("kent", "Kent Police")):
        response = api.client.get(api.graphql, params={
            "extensions": json.dumps(persisted(query)), "variables": json.dumps({"id": force})})
        assert response.json() == {"data": {"force": {"name": name}}, "extensions": response.json()["extensions"]}


def test_a_text_that_is_not_its_hash_is_refused(api: Api) -> None:
    query = fresh_query()
    response = api.client.post(api.graphql, json={"query": query, "extensions": persisted(query + " ")})
    assert codes(response) == ["PERSISTED_QUERY_HASH_MISMATCH"] and "data" not in response.json()
    # and nothing was registered under the hash it named
    assert codes(api.client.post(api.graphql, json={"extensions": persisted(query + " ")})) == [
        "PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.parametrize("extensions", [
    {"persistedQuery": {"version": 2, "sha256Hash": "0" * 64}},
    {"persistedQuery": {"version": 1, "sha256Hash": "not a hash"}},
    {"persistedQuery": "yes"},
])
def test_a_malformed_persisted_query_is_refused_in_one_line(api: Api, extensions: dict[str, Any]) -> None:
    response = api.client.post(api.graphql, json={"extensions": extensions})
    assert response.status_code == 200 and len(response.json()["errors"]) == 1
    assert codes(response)[0].startswith("PERSISTED_QUERY_")


def test_a_hash_alone_by_get_is_a_query_even_when_a_browser_accepts_anything(api: Api) -> None:
    """GraphiQL is served to a GET without `query`; a persisted query's GET has none either."""
    response = get(api, None, persisted(fresh_query()), Accept="*/*")
    assert response.headers["content-type"] == "application/json"
    assert codes(response) == ["PERSISTED_QUERY_NOT_FOUND"]


def test_not_found_is_400_in_the_specifications_media_type(api: Api) -> None:
    response = get(api, None, persisted(fresh_query()), Accept="application/graphql-response+json")
    assert response.status_code == 400 and codes(response) == ["PERSISTED_QUERY_NOT_FOUND"]


def test_the_store_keeps_the_most_recently_used_texts_within_its_size() -> None:
    store = QueryStore(max_bytes=4 * (100 + ENTRY_OVERHEAD))
    texts = {str(n): str(n) * 100 for n in range(6)}
    for key, text in texts.items():
        store.put(key, text[:100])
    assert len(store) == 4 and store.size <= store.max_bytes
    assert store.get("0") is None and store.get("2") is not None  # "2" is now the most recently used
    store.put("6", "6" * 100)
    assert store.get("3") is None and store.get("2") is not None
    store.put("huge", "x" * store.max_bytes)
    assert store.get("huge") is None and len(store) == 4
