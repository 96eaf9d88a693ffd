"""The cost budget under attack, briefly: the quick variant of bench/attack.py (national corpus, 30 s)."""

from __future__ import annotations

from bench import attack
from peelgraph.schema.api import build_schema
from tests.reliability.conftest import Server, write_figures

DURATION_S = 10.0
CLIENTS = 4
PEAK_RSS_MB = 1024.0


def test_the_worst_queries_from_many_clients_get_clean_answers_in_bounded_memory(production_server: Server) -> None:
    figures = attack.attack(
        production_server.url, production_server.process.pid, duration=DURATION_S, clients=CLIENTS,
        schema=build_schema()._schema, most=300, allowed=12, refused=4, keep=8, settle=1.0,
    )
    write_figures("cost-attack", figures)

    assert figures["http_5xx"] == 0 and figures["transport_errors"] == 0, figures["first_errors"]
    assert figures["refused"] > 0 and figures["answered"] > 0, figures
    assert figures["peak_rss_mb"] < PEAK_RSS_MB, figures
    assert production_server.healthy()
    assert "Traceback" not in production_server.log_text()
