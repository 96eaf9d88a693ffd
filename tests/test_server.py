"""The HTTP service over real HTTP: health, readiness, and a first GraphQL round trip."""

from __future__ import annotations

import httpx


def test_health_answers(live_server: str) -> None:
    assert httpx.get(f"{live_server}/health").json() == {"status": "ok"}


def test_ready_when_neo4j_answers(live_server: str) -> None:
    response = httpx.get(f"{live_server}/ready")
    assert response.status_code == 200


def test_stats_round_trip(live_server: str, driver) -> None:
    expected = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    response = httpx.post(f"{live_server}/graphql", json={"query": "{ stats { nodeCount relationshipCount } }"})
    body = response.json()
    assert response.status_code == 200
    assert body["data"]["stats"]["nodeCount"] == expected
    assert body["data"]["stats"]["relationshipCount"] >= 0


def test_graphiql_is_served_to_browsers(live_server: str) -> None:
    response = httpx.get(f"{live_server}/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


def test_oversized_body_is_refused(live_server: str) -> None:
    query = "{ stats { nodeCount } }" + " " * 2_000_000
    response = httpx.post(f"{live_server}/graphql", json={"query": query})
    assert response.status_code == 413
    assert httpx.get(f"{live_server}/health").status_code == 200


def test_every_response_carries_the_security_headers(live_server: str) -> None:
    """The explorer, the playground page, an answer, an error and /health: no type sniffing, no script from
    another origin, never inside another site's frame."""
    responses = {
        "/": httpx.get(f"{live_server}/"),
        "/graphql (page)": httpx.get(f"{live_server}/graphql", headers={"accept": "text/html"}),
        "/graphql (answer)": httpx.post(f"{live_server}/graphql", json={"query": "{ stats { nodeCount } }"}),
        "/graphql (GET answer)": httpx.get(f"{live_server}/graphql", params={"query": "{ stats { nodeCount } }"}),
        "/graphql (error)": httpx.post(f"{live_server}/graphql", content=b"{",
                                       headers={"content-type": "application/json"}),
        "/health": httpx.get(f"{live_server}/health"),
        "/ready": httpx.get(f"{live_server}/ready"),
        "413": httpx.post(f"{live_server}/graphql", json={"query": " " * 200_000}),
        "404": httpx.get(f"{live_server}/no-such-page"),
    }
    for name, response in responses.items():
        headers = response.headers
        assert headers.get("x-content-type-options") == "nosniff", name
        policy = headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy, (name, policy)
        assert "default-src 'self'" in policy and "unsafe-eval" not in policy, (name, policy)
        assert headers.get("x-frame-options") == "DENY", name
