"""The managed Neo4j: installed from Maven Central, on loopback only, with auth on."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import httpx
import pytest
from neo4j.exceptions import AuthError

from graph.connection import open_driver
from peelgraph import neo4j_server
from peelgraph.settings import Settings


def test_status_reports_a_running_5_26_server(neo4j: Settings) -> None:
    state = neo4j_server.status(neo4j)
    assert state.bolt_answering
    assert state.installed_version is not None and state.installed_version.startswith("5.26.")


def test_runtime_scope_jars_include_the_record_storage_engine(neo4j: Settings) -> None:
    jars = {path.name for path in neo4j_server.lib_dir(neo4j).glob("*.jar")}
    assert any(name.startswith("neo4j-record-storage-engine-") for name in jars)
    assert any(name.startswith("neo4j-browser-") for name in jars)


def test_browser_is_served_on_the_http_port(neo4j: Settings) -> None:
    response = httpx.get(f"http://127.0.0.1:{neo4j.neo4j_http_port}/browser/", timeout=10)
    assert response.status_code == 200
    assert "<html" in response.text.lower()


def test_listens_on_loopback_only(neo4j: Settings) -> None:
    config = (neo4j.neo4j_home / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in config
    outside = _non_loopback_address()
    if outside is None:
        pytest.skip("this machine has no non-loopback address to try")
    with socket.socket() as probe:
        probe.settimeout(1)
        assert probe.connect_ex((outside, neo4j.bolt_port)) != 0


def test_auth_is_enforced(neo4j: Settings) -> None:
    wrong = neo4j.model_copy(update={"neo4j_password": "not-the-password"})
    with open_driver(wrong) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_start_is_idempotent(neo4j: Settings) -> None:
    before = neo4j_server.status(neo4j).pid
    assert neo4j_server.start(neo4j).pid == before


def test_refuses_to_manage_a_remote_server(neo4j: Settings) -> None:
    remote = neo4j.model_copy(update={"neo4j_uri": "neo4j+s://example.databases.neo4j.io"})
    with pytest.raises(neo4j_server.ManagedNeo4jError, match="does not manage"):
        neo4j_server.start(remote)


def _non_loopback_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_pom_pins_exact_versions_that_are_installed(neo4j: Settings) -> None:
    """Every install resolves the same jars: no version range in pom.xml, and the pin is what runs."""
    pom = neo4j_server.POM.read_text()
    assert not re.search(r"<version>\s*[\[(]", pom)
    pins = neo4j_server.pinned_versions()
    assert re.fullmatch(r"5\.26\.\d+", pins["neo4j.version"])
    assert re.fullmatch(r"5\.\d+\.\d+", pins["neo4j-browser.version"])
    assert neo4j_server.installed_version(neo4j) == pins["neo4j.version"]


def test_update_moves_the_pins_to_the_newest_patch(tmp_path: Path) -> None:
    """`peelgraph neo4j install --update`, on a copy of pom.xml pinned to the first 5.26 release."""
    pom = tmp_path / "pom.xml"
    pinned = neo4j_server.pinned_versions()
    old = neo4j_server.POM.read_text().replace(pinned["neo4j.version"], "5.26.0")
    pom.write_text(old.replace(pinned["neo4j-browser.version"], "5.15.0"))
    updated = neo4j_server.update_pins(pom)
    assert _version(updated["neo4j.version"]) >= _version(pinned["neo4j.version"])
    assert updated["neo4j.version"].startswith("5.26.")
    assert _version(updated["neo4j-browser.version"]) >= _version(pinned["neo4j-browser.version"])
    assert updated["neo4j-browser.version"].startswith("5.")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))
