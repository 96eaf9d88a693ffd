"""Which media type a GraphQL answer is sent in, from the request's `Accept`."""

from __future__ import annotations

import pytest

from peelgraph.http.media_types import GRAPHQL_RESPONSE_JSON, JSON, negotiate
from tests.schema.conftest import Api, assert_clean


@pytest.mark.parametrize(("accept", "expected"), [
    (None, JSON),
    ("", JSON),
    ("*/*", JSON),
    ("text/html", JSON),
    ("application/json", JSON),
    ("application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
    ("application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE_JSON),
    ("application/json, application/graphql-response+json", JSON),
    ("application/json;q=0.5, application/graphql-response+json;q=0.8", GRAPHQL_RESPONSE_JSON),
    ("Application/GraphQL-Response+JSON; charset=utf-8", GRAPHQL_RESPONSE_JSON),
    ("application/graphql-response+json;q=0, application/json", JSON),
    ("application/graphql-response+json;q=nonsense", JSON),
])
def test_the_preferred_media_type_is_answered(accept: str | None, expected: str) -> None:
    assert negotiate(accept) == expected


def test_an_application_json_client_sees_no_change(api: Api) -> None:
    """A request that does not validate is still 200 with `data: null` for a client that asks for JSON."""
    response = api.client.post(api.graphql, json={"query": "{ nope }"}, headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.headers["content-type"] == JSON
    assert response.json()["data"] is None and response.json()["errors"]


@pytest.mark.parametrize("query", ["{ nope }", "{ stats { ", "query ($n: Int!) { stats { nodeCount } }"])
def test_a_request_that_cannot_run_is_400_without_data(api: Api, query: str) -> None:
    response = api.client.post(api.graphql, json={"query": query, "variables": {"n": "x"}},
                               headers={"Accept": GRAPHQL_RESPONSE_JSON})
    assert_clean(response.text)
    assert response.status_code == 400 and response.headers["content-type"] == GRAPHQL_RESPONSE_JSON
    assert "data" not in response.json() and response.json()["errors"]


def test_a_refusal_by_cost_is_400_and_a_field_error_is_200(api: Api) -> None:
    costly = "{ forces(first: 100) { edges { node { reports { judgments { evidence { text } } } } } } }"
    refused = api.client.post(api.graphql, json={"query": costly}, headers={"Accept": GRAPHQL_RESPONSE_JSON})
    assert refused.status_code == 400 and refused.json()["errors"][0]["extensions"]["code"] == "COST_LIMIT"
    # a field's own error is the answer's business, not the request's: 200, with data
    partly = api.client.post(api.graphql, json={"query": "{ stats { nodeCount } forces(first: 1000) { totalCount } }"},
                             headers={"Accept": GRAPHQL_RESPONSE_JSON})
    assert partly.status_code == 200 and "data" in partly.json() and partly.json()["errors"]


def test_an_answer_is_the_same_in_either_media_type(api: Api) -> None:
    query = {"query": "{ forces(first: 2) { edges { node { id name } } } }"}
    answers = [api.client.post(api.graphql, json=query, headers={"Accept": accept})
               for accept in (JSON, GRAPHQL_RESPONSE_JSON)]
    assert [answer.headers["content-type"] for answer in answers] == [JSON, GRAPHQL_RESPONSE_JSON]
    assert answers[0].json()["data"] == answers[1].json()["data"]
