"""Repeated requests are answered from the response cache, and never with data the graph no longer holds."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import Driver

from peelgraph.http.response_cache import ENTRY_OVERHEAD, ResponseCache
from tests.schema.conftest import Api, assert_clean

NODE_COUNT = "query ($probe: ID!) { stats { nodeCount } force(id: $probe) { id } }"
"""Each test asks with its own `probe` value, so that no other test's requests share its cache entries."""


def ask(api: Api, query: str, variables: dict[str, Any], **headers: str) -> dict[str, Any]:
    response = api.client.post(api.graphql, json={"query": query, "variables": variables}, headers=headers)
    assert_clean(response.text)
    assert response.status_code == 200, response.text
    return response.json()


def answered(api: Api, query: str, variables: dict[str, Any], **headers: str) -> dict[str, Any]:
    """An answer that must have no errors."""
    answer = ask(api, query, variables, **headers)
    assert "errors" not in answer, answer["errors"]
    return answer


def test_a_request_is_answered_from_the_cache_from_its_third_time(api: Api) -> None:
    variables = {"probe": "third-time"}
    first, second, third = (answered(api, NODE_COUNT, variables) for _ in range(3))
    assert first["data"] == second["data"] == third["data"]
    assert "cached" not in first["extensions"] and "cached" not in second["extensions"]
    assert third["extensions"]["roundTrips"] == 1 and third["extensions"]["cached"] is True
    # a cached answer carries the cost its computation had
    assert third["extensions"]["cost"] == first["extensions"]["cost"]
    # the second time costs the version checks, not more statements
    assert second["extensions"]["roundTrips"] == first["extensions"]["roundTrips"] + 1


def test_a_write_to_the_graph_is_seen_by_the_next_request(api: Api, probe_node: Driver) -> None:
    variables = {"probe": "after-a-write"}
    before = [answered(api, NODE_COUNT, variables) for _ in range(3)]
    assert before[-1]["extensions"].get("cached")
    count = before[-1]["data"]["stats"]["nodeCount"]
    probe_node.execute_query("CREATE (:CacheProbe)")
    after = answered(api, NODE_COUNT, variables)
    assert after["data"]["stats"]["nodeCount"] == count + 1
    assert "cached" not in after["extensions"]
    again = answered(api, NODE_COUNT, variables)
    assert again["data"] == after["data"] and again["extensions"]["cached"] is True
    probe_node.execute_query("MATCH (n:CacheProbe) DETACH DELETE n")
    assert answered(api, NODE_COUNT, variables)["data"]["stats"]["nodeCount"] == count


def test_no_cache_computes_every_answer(api: Api) -> None:
    variables = {"probe": "no-cache"}
    answers = [answered(api, NODE_COUNT, variables, **{"Cache-Control": "no-cache"}) for _ in range(4)]
    assert not any(answer["extensions"].get("cached") for answer in answers)
    assert len({answer["extensions"]["roundTrips"] for answer in answers}) == 1


def test_answers_with_errors_are_not_kept(api: Api) -> None:
    query = "query ($probe: ID!) { stats { nodeCount } forces(first: 1000) { totalCount } force(id: $probe) { id } }"
    answers = [ask(api, query, {"probe": "errors"}) for _ in range(4)]
    assert all(answer.get("errors") for answer in answers)
    assert not any(answer.get("extensions", {}).get("cached") for answer in answers)


def test_get_requests_are_cached_too(api: Api) -> None:
    query = "query ($probe: ID!) { stats { relationshipCount } force(id: $probe) { id } }"
    params = {"query": query, "variables": '{"probe": "get"}'}
    answers = [httpx.get(api.graphql, params=params, headers={"Accept": "application/json"}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert answers[2].json()["extensions"]["roundTrips"] == 1 and answers[2].json()["extensions"]["cached"]
    assert answers[2].json()["data"] == answers[0].json()["data"]


def test_the_cache_keeps_the_most_recently_used_answers_within_its_size() -> None:
    cache = ResponseCache(max_bytes=8 * (100 + ENTRY_OVERHEAD))
    version = frozenset({"bookmark"})
    keys = [cache.key("POST", "application/json", str(n).encode()) for n in range(10)]
    for key in keys:
        cache.put(key, version, b"x" * 100, {})
    assert len(cache) == 8 and cache.size <= cache.max_bytes
    assert cache.get(keys[0], version) is None and cache.get(keys[9], version) == (b"x" * 100, {})
    assert cache.get(keys[2], version) is not None  # now the most recently used
    cache.put(keys[0], version, b"y" * 100, {})
    assert cache.get(keys[2], version) is not None and cache.get(keys[3], version) is None


def test_a_stale_answer_is_dropped_and_a_huge_one_not_kept() -> None:
    cache = ResponseCache(max_bytes=80_000)
    key = cache.key("POST", "application/json", b"{}")
    cache.put(key, frozenset({"one"}), b"data", {})
    assert cache.get(key, frozenset({"two"})) is None
    assert len(cache) == 0 and cache.size == 0
    cache.put(key, frozenset({"one"}), b"x" * 20_000, {})  # over an eighth of the cache
    assert len(cache) == 0


def test_answers_that_need_no_statement_are_not_kept(api: Api) -> None:
    answers = [answered(api, "{ __typename }", {}) for _ in range(4)]
    assert [answer["extensions"]["roundTrips"] for answer in answers] == [0] * 4
    assert not any(answer["extensions"].get("cached") for answer in answers)
