"""Refusals and errors: limits, malformed requests, masking, introspection, injection, quiet logs."""

from __future__ import annotations

import httpx
import pytest
from neo4j import Driver

from tests.conftest import ARTIFACTS, served
from tests.graphstate import snapshot
from tests.schema.conftest import Api, assert_clean

DEPTH_12 = """{ force(id: "cambridgeshire") { reports { force { reports { force { reports { force { reports {
  force { reports { force { id } } } } } } } } } } } }"""


def test_depth_12_is_refused_and_the_server_keeps_serving(api: Api) -> None:
    assert api.error(DEPTH_12) == "'anonymous' exceeds maximum operation depth of 10"
    assert api.data('{ force(id: "kent") { name } }') == {"force": {"name": "Kent Police"}}


def test_too_many_aliases_and_tokens(api: Api) -> None:
    aliases = " ".join(f"a{n}: stats {{ nodeCount }}" for n in range(31))
    assert "aliases" in api.error("{ " + aliases + " }")
    tokens = "{ " + " ".join(["__typename"] * 2100) + " }"
    assert "token" in api.error(tokens).lower()


def test_there_are_no_mutations(api: Api) -> None:
    assert api.error("mutation { x }") == "The mutation operation is not supported by the schema."


@pytest.mark.parametrize(
    ("request_options", "message"),
    [
        ({"method": "GET", "params": {"query": "mutation { x }"}}, "mutations are not allowed when using GET"),
        ({"method": "POST", "json": [{"query": "{ stats { nodeCount } }"}] * 2}, "Batching is not enabled"),
        ({"method": "POST", "content": b"{not json", "headers": {"content-type": "application/json"}},
         "Unable to parse request body as JSON"),
        ({"method": "POST", "content": b"query", "headers": {"content-type": "text/plain"}},
         "Unsupported content type"),
        ({"method": "POST", "json": {"query": 5}}, "The GraphQL operation's `query` must be a string or null"),
    ],
)
def test_malformed_requests_get_a_clean_400(api: Api, request_options: dict, message: str) -> None:
    response = api.client.request(url=api.graphql, **request_options)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith(message)
    assert_clean(response.text)


def test_queries_over_get(api: Api) -> None:
    response = api.client.get(api.graphql, params={"query": '{ force(id: "essex") { name } }'})
    assert response.json()["data"] == {"force": {"name": "Essex Police"}}


def test_round_trips_are_reported_even_for_refusals(api: Api) -> None:
    assert api.post("{ __typename }")["extensions"]["roundTrips"] == 0
    assert api.post(DEPTH_12)["extensions"] == {"roundTrips": 0}


INJECTIONS = ["' OR 1=1 //", '"}) DETACH DELETE n //', "x') MATCH (n) DETACH DELETE n //", "*/ RETURN 1 //",
              "\\u0027 OR true", "$ids"]


EVERY_ARGUMENT = """query ($s: String!, $id: ID!) {
  force(id: $id) { id }
  node(id: $id) { id }
  organisations(search: $s, kind: $s) { totalCount }
  schemes(search: $s) { totalCount }
  areasForImprovement(search: $s, question: $id, forceId: $id) { totalCount }
  reports(filter: {forceId: $id}) { totalCount }
  forces(filter: {ids: [$id], rocu: $id}) { totalCount }
  search(text: $s) { score }
  connection(fromId: $id, toId: "nca") { length }
  compareForces(rocu: $id, pillar: EFFECTIVENESS) { rows { grades } }
}"""


@pytest.fixture(scope="module")
def planned(api: Api) -> None:
    """The statements of EVERY_ARGUMENT planned by Neo4j once, with harmless values: ten root fields planned at
    once by a cold Neo4j on a loaded machine can take longer than the request's timeout (the service's warm-up
    does this at start-up; the tests run without it)."""
    api.post(EVERY_ARGUMENT, {"s": "planning", "id": "planning"}, fresh=True)


@pytest.mark.parametrize("attack", INJECTIONS)
def test_cypher_injection_in_arguments_changes_nothing(
    api: Api, loaded_graph: Driver, planned: None, attack: str
) -> None:
    before = snapshot(loaded_graph)
    data = api.data(EVERY_ARGUMENT, {"s": attack, "id": attack})
    assert data["force"] is None and data["node"] is None and data["connection"] is None
    assert data["organisations"]["totalCount"] == 0 and data["forces"]["totalCount"] == 0
    assert data["compareForces"]["rows"] == []
    assert snapshot(loaded_graph) == before


def test_expected_errors_leave_one_log_line_and_no_traceback(api: Api) -> None:
    api.error("{ forces(first: 1000) { totalCount } }")
    api.error('{ forces(filter: {pillar: "nope"}) { totalCount } }')
    api.error(DEPTH_12)
    port = api.url.rsplit(":", 1)[1]
    log = (ARTIFACTS / f"serve-{port}.log").read_text(errors="replace")
    assert "Traceback" not in log
    assert "GraphQL request refused: first must be at most 100" in log


def test_introspection_can_be_switched_off(loaded_graph: Driver) -> None:
    with served({"PEELGRAPH_INTROSPECTION": "false"}) as base:
        url = f"{base}/graphql"
        refused = httpx.post(url, json={"query": "{ __schema { types { name } } }"}).json()
        assert "introspection" in refused["errors"][0]["message"].lower()
        typo = httpx.post(url, json={"query": "{ forse(id: \"kent\") { name } }"}).json()
        assert "Did you mean" not in typo["errors"][0]["message"]
        answered = httpx.post(url, json={"query": '{ force(id: "kent") { name } }'}).json()
        assert answered["data"] == {"force": {"name": "Kent Police"}}
