"""A bounded loopback load test: the quick variant of bench/soak.py (which runs for minutes)."""

from __future__ import annotations

from bench import soak
from tests.reliability.conftest import Server, write_figures

DURATION_S = 15.0
CONCURRENCY = 16
RSS_GROWTH_BOUND_MB = 100.0
"""Generous: a leak of a few kilobytes per request would pass it over a run of this length."""


def test_load_is_held_with_no_errors_and_stable_memory(production_server: Server) -> None:
    figures = soak.run(production_server.url, DURATION_S, CONCURRENCY, production_server.process.pid,
                       production_server.leaks)
    write_figures("load", figures)

    assert figures["http_5xx"] == 0 and figures["transport_errors"] == 0, figures["first_errors"]
    assert figures["errors"] == 0 and figures["ok"] == figures["requests"], figures["first_errors"]
    assert figures["requests"] >= CONCURRENCY * len(soak.MIX), "the clients hardly sent anything"
    assert figures["rss_growth_mb"] < RSS_GROWTH_BOUND_MB, figures
    assert production_server.healthy()
    assert "Traceback" not in production_server.log_text()
