from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from peelgraph import settings as settings_module
from peelgraph.settings import PROJECT_ROOT, Settings
from tests.conftest import BIN, TEST_ENVIRONMENT


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


def test_a_dotenv_in_the_working_directory_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Anyone may leave a `.env` in a directory the user runs a command in; it must not redirect the password."""
    (tmp_path / ".env").write_text("NEO4J_URI=bolt://127.0.0.1:7999\nPEELGRAPH_NEO4J_DIR=/tmp/not-the-jars\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("PEELGRAPH_NEO4J_DIR", raising=False)
    settings = Settings()
    assert settings.neo4j_uri != "bolt://127.0.0.1:7999"
    assert settings.neo4j_dir != Path("/tmp/not-the-jars")
    assert Settings.model_config["env_file"] == PROJECT_ROOT / ".env"


def test_the_dotenv_named_by_peelgraph_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chosen = tmp_path / "peelgraph.env"
    chosen.write_text("PEELGRAPH_PORT=9002\n")
    monkeypatch.setenv("PEELGRAPH_ENV_FILE", str(chosen))
    monkeypatch.delenv("PEELGRAPH_PORT", raising=False)
    assert settings_module.env_file() == chosen
    assert Settings(_env_file=settings_module.env_file()).port == 9002
    monkeypatch.delenv("PEELGRAPH_ENV_FILE")
    assert settings_module.env_file() == PROJECT_ROOT / ".env"


def test_the_command_ignores_a_dotenv_where_it_runs(tmp_path: Path, neo4j: Settings) -> None:
    """`peelgraph cypher` run in a directory holding a hostile `.env` (a wrong password and a fake server)
    connects to the configured Neo4j with its own password, and never to the fake server."""
    fake = socket.socket()
    fake.bind(("127.0.0.1", 0))
    fake.listen()
    fake.settimeout(0.5)
    (tmp_path / ".env").write_text(
        f"NEO4J_PASSWORD=not-the-password\nNEO4J_URI=bolt://127.0.0.1:{fake.getsockname()[1]}\n"
    )
    environment = {**os.environ, **TEST_ENVIRONMENT}
    environment.pop("NEO4J_PASSWORD", None)
    result = subprocess.run([str(BIN / "peelgraph"), "cypher", "RETURN 1 AS one", "--json"], cwd=tmp_path,
                            env=environment, capture_output=True, text=True, timeout=120, check=False)
    with fake, pytest.raises(TimeoutError):
        fake.accept()
    assert (result.returncode, result.stdout.strip()) == (0, '{"one": 1}'), result.stderr
