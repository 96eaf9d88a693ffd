"""GET answers carry an ETag from the graph's version and a Cache-Control a CDN can act on; a request naming the
current tag gets 304; after a write, and after `peelgraph load` writes, the tag is new. Against the API over
real HTTP, reading the test Neo4j."""

from __future__ import annotations

import uuid

import httpx
from neo4j import Driver

from tests.graphstate import counts, peelgraph, snapshot
from tests.schema.conftest import Api, assert_clean

CAMBRIDGESHIRE_2015 = "cambridgeshire-effectiveness-2015"


def query() -> str:
    """A query of its own per test, so that no other test's requests share its cache entries."""
    return f"{{ stats {{ nodeCount }} probe_{uuid.uuid4().hex}: __typename }}"


def get(api: Api, text: str, **headers: str) -> httpx.Response:
    response = api.client.get(api.graphql, params={"query": text}, headers={"Accept": "application/json", **headers})
    assert_clean(response.text)
    return response


def test_a_get_answer_carries_its_tag_and_how_long_to_keep_it(api: Api) -> None:
    response = get(api, query())
    assert response.status_code == 200 and response.json()["data"]["stats"]["nodeCount"] > 0
    assert response.headers["etag"].startswith('W/"')
    assert response.headers["cache-control"] == "public, max-age=0, must-revalidate"
    assert response.headers["vary"] == "Accept"


def test_an_unchanged_graph_answers_304_without_a_body(api: Api) -> None:
    text = query()
    tag = get(api, text).headers["etag"]
    again = get(api, text, **{"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag and again.headers["cache-control"].startswith("public")
    # any of several tags, and the tag without its weak prefix
    assert get(api, text, **{"If-None-Match": f'W/"other", {tag}'}).status_code == 304
    assert get(api, text, **{"If-None-Match": tag.removeprefix("W/")}).status_code == 304
    assert get(api, text, **{"If-None-Match": 'W/"other"'}).status_code == 200


def test_the_tag_names_the_request_and_its_media_type(api: Api) -> None:
    text = query()
    tag = get(api, text).headers["etag"]
    assert get(api, query()).headers["etag"] != tag
    other_type = get(api, text, Accept="application/graphql-response+json")
    assert other_type.headers["etag"] != tag
    assert get(api, text, Accept="application/graphql-response+json", **{"If-None-Match": tag}).status_code == 200


def test_a_write_gives_a_new_tag(api: Api, probe_node: Driver) -> None:
    text = query()
    before = get(api, text)
    probe_node.execute_query("CREATE (:CacheProbe)")
    after = get(api, text, **{"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert after.json()["data"]["stats"]["nodeCount"] == before.json()["data"]["stats"]["nodeCount"] + 1
    assert get(api, text, **{"If-None-Match": after.headers["etag"]}).status_code == 304


def test_the_request_right_after_peelgraph_load_writes_gets_a_new_tag(api: Api, loaded_graph: Driver) -> None:
    text = query()
    graph = (counts(loaded_graph), snapshot(loaded_graph))
    # a report whose fingerprint no longer matches is written again by the next load (the same facts)
    loaded_graph.execute_query("MATCH (r:Report {id: $id}) SET r.documentHash = 'stale'", id=CAMBRIDGESHIRE_2015)
    tag = get(api, text).headers["etag"]
    assert get(api, text, **{"If-None-Match": tag}).status_code == 304
    loaded = peelgraph("load")
    assert loaded.returncode == 0 and "loaded 1 report" in loaded.stdout, loaded.stdout + loaded.stderr
    after = get(api, text, **{"If-None-Match": tag})
    assert after.status_code == 200 and after.headers["etag"] != tag
    assert (counts(loaded_graph), snapshot(loaded_graph)) == graph
    # a load that writes nothing leaves the tag as it is
    assert "already there" in peelgraph("load").stdout
    assert get(api, text, **{"If-None-Match": after.headers["etag"]}).status_code == 304


def test_answers_that_are_not_clean_are_not_kept(api: Api) -> None:
    refused = get(api, "{ stats { nodeCount } forces(first: 1000) { totalCount } }")
    assert refused.json()["errors"] and "etag" not in refused.headers
    assert refused.headers["cache-control"] == "no-store"
    invalid = get(api, "{ nope }")
    assert "etag" not in invalid.headers and invalid.headers["cache-control"] == "no-store"


def test_post_answers_carry_no_tag(api: Api) -> None:
    response = api.client.post(api.graphql, json={"query": query()})
    assert response.status_code == 200 and "etag" not in response.headers
    assert "cache-control" not in response.headers
