"""Neo4j stops while the app runs: clean answers during the outage, recovery without a restart."""

from __future__ import annotations

import time

import httpx

from peelgraph import neo4j_server
from peelgraph.settings import Settings

STATS = {"query": "{ stats { nodeCount } }"}


def _first_status(url: str, wanted: int, within: float) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    while True:
        response = httpx.get(url, timeout=10)
        elapsed = time.monotonic() - started
        if response.status_code == wanted or elapsed > within:
            return response, elapsed
        time.sleep(0.2)


def test_outage_gives_clean_errors_and_recovers(live_server: str, neo4j: Settings) -> None:
    neo4j_server.stop(neo4j)
    try:
        response, elapsed = _first_status(f"{live_server}/ready", 503, within=5)
        assert response.status_code == 503 and elapsed <= 5
        assert response.json()["status"] == "unavailable"
        assert "Traceback" not in response.text and neo4j.neo4j_secret not in response.text

        answer = httpx.post(f"{live_server}/graphql", json=STATS, timeout=10)
        assert answer.status_code == 200
        assert answer.json()["errors"][0]["message"] == "graph store unavailable"
        assert "Traceback" not in answer.text and "bolt://" not in answer.text
    finally:
        neo4j_server.start(neo4j)

    response, elapsed = _first_status(f"{live_server}/ready", 200, within=5)
    assert response.status_code == 200, f"not ready {elapsed:.1f}s after Neo4j answered again"
    assert "data" in httpx.post(f"{live_server}/graphql", json=STATS).json()
