"""Neo4j stops and starts again while requests flow: clean answers in the outage, recovery with no restart.

tests/test_outage.py checks one request of each kind during an outage; this test keeps a mix of requests
flowing (GraphQL over POST and GET, /ready, /health) through the whole stop and start, and counts how
every one of them ended.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx

from bench import soak
from peelgraph import neo4j_server
from peelgraph.settings import Settings
from tests.reliability.conftest import Server, write_figures

CONCURRENCY = 4
PACE_S = 0.05
"""Each client's pause between requests: the outage answers fast, and Neo4j needs the CPU to start again."""
BEFORE_S = 2.0
OUTAGE_S = 3.0
"""How long Neo4j stays stopped (after its clean shutdown) before it is started again."""
RECOVERY_BOUND_S = 5.0
AFTER_S = RECOVERY_BOUND_S + 2.0
"""Traffic goes on at least this long after Neo4j answers again, and until every kind of request has succeeded."""
AFTER_MAX_S = 90.0


class Traffic:
    """`soak.drive` on a thread of its own, until `finish()`."""

    def __init__(self, server: Server) -> None:
        self._stop = threading.Event()
        self.outcomes: list[soak.Outcome] = []
        self._thread = threading.Thread(target=self._run, args=(server,), daemon=True)
        self._thread.start()

    def _run(self, server: Server) -> None:
        drive = soak.drive(server.url, CONCURRENCY, self._stop.is_set, PACE_S, server.leaks, outcomes=self.outcomes)
        asyncio.run(drive)

    def succeeded_since(self, moment: float) -> set[str]:
        """The kinds of request that have succeeded since `moment`."""
        return {outcome.probe for outcome in list(self.outcomes)
                if outcome.started >= moment and outcome.result == "ok"}

    def finish(self) -> list[soak.Outcome]:
        self._stop.set()
        self._thread.join(timeout=60)
        assert not self._thread.is_alive(), "the clients did not stop"
        return self.outcomes


def test_requests_flow_through_a_neo4j_restart(production_server: Server, neo4j: Settings) -> None:
    traffic = Traffic(production_server)
    time.sleep(BEFORE_S)
    stopping = time.monotonic()
    try:
        neo4j_server.stop(neo4j)
        stopped = time.monotonic()
        time.sleep(OUTAGE_S)
        starting = time.monotonic()
    finally:
        neo4j_server.start(neo4j)
    answering = time.monotonic()
    every_probe = {probe.name for probe in soak.MIX}
    time.sleep(AFTER_S)
    while traffic.succeeded_since(answering) != every_probe and time.monotonic() < answering + AFTER_MAX_S:
        time.sleep(0.5)
    outcomes = traffic.finish()

    # Recovered: from here on every request sent succeeded.
    late = [outcome for outcome in outcomes if outcome.started >= answering and outcome.result != "ok"]
    recovered = max((outcome.started for outcome in late), default=answering)
    after = [outcome for outcome in outcomes if outcome.started >= answering]
    in_outage = [outcome for outcome in outcomes if stopping <= outcome.started < answering]
    figures: dict[str, Any] = {
        "concurrency": CONCURRENCY,
        "neo4j_stop_s": round(stopped - stopping, 1),
        "neo4j_down_s": round(answering - stopped, 1),
        "neo4j_start_s": round(answering - starting, 1),
        "all": _counts(outcomes),
        "in_outage": _counts(in_outage),
        "time_to_recovery_s": round(recovered - answering, 2),
        "after_restart": _counts(after),
        "after_restart_slowest_s": round(max((outcome.ended - outcome.started for outcome in after), default=0), 2),
        "first_other": [f"{outcome.probe}: {outcome.detail}" for outcome in outcomes if outcome.result == "error"][:5],
    }
    write_figures("database-faults", figures)

    assert figures["all"]["other"] == 0, figures["first_other"]
    assert figures["in_outage"]["cleanly_failed"] >= 10, f"the outage was hardly exercised: {figures}"
    graphql_in_outage = [outcome for outcome in in_outage if outcome.probe not in ("health", "ready")]
    assert any(outcome.result == "unavailable" for outcome in graphql_in_outage), "no GraphQL request met the outage"
    assert any(outcome.probe == "ready" and outcome.status == 503 for outcome in in_outage), "/ready never said 503"
    health = [outcome.result for outcome in in_outage if outcome.probe == "health"]
    assert set(health) == {"ok"}, f"/health did not answer all through the outage: {health}"
    recovery = recovered - answering
    assert recovery <= RECOVERY_BOUND_S, f"requests sent {recovery:.1f}s after Neo4j answered again still failed"
    succeeded_after = {outcome.probe for outcome in outcomes if outcome.started >= recovered and outcome.result == "ok"}
    assert succeeded_after == every_probe, f"never succeeded after recovery: {every_probe - succeeded_after}"

    assert production_server.healthy(), "the server died"
    answer = httpx.post(production_server.graphql, json={"query": "{ stats { nodeCount } }"}, timeout=30).json()
    assert answer.get("data") and answer["data"]["stats"]["nodeCount"] > 0, answer
    assert "Traceback" not in production_server.log_text()


def _counts(outcomes: Sequence[soak.Outcome]) -> dict[str, int]:
    return {
        "sent": len(outcomes),
        "succeeded": sum(outcome.result == "ok" for outcome in outcomes),
        "cleanly_failed": sum(outcome.result == "unavailable" for outcome in outcomes),
        "other": sum(outcome.result == "error" for outcome in outcomes),
    }
