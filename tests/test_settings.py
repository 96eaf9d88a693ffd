from __future__ import annotations

import pytest

from peelgraph.settings import Settings


def test_defaults_point_at_a_local_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "PEELGRAPH_PORT", "PEELGRAPH_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.neo4j_uri == "bolt://127.0.0.1:7687"
    assert settings.port == 8000
    assert settings.neo4j_is_local


def test_environment_variables_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://user:secret@abc.databases.neo4j.io")
    monkeypatch.setenv("PEELGRAPH_PORT", "9001")
    monkeypatch.setenv("PEELGRAPH_CORS_ORIGINS", "https://a.example, https://b.example")
    settings = Settings(_env_file=None)
    assert settings.port == 9001
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert not settings.neo4j_is_local
    assert "secret" not in settings.neo4j_uri_for_display
