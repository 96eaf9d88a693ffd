"""The managed Neo4j as an attacker on the same machine, or behind a web page the user visits, would try it:
no cross-origin access over HTTP or Bolt's WebSocket, no public default password, no password in the process
list, and an instance folder only its owner can enter. The real browser's view: tests/web/test_neo4j_origins.py."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import stat
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from neo4j.exceptions import AuthError

from graph.connection import open_driver
from peelgraph import neo4j_server
from peelgraph.settings import LEGACY_PASSWORD, PROJECT_ROOT, Settings
from tests.conftest import BIN, TEST_ENVIRONMENT, free_port

FOREIGN = "https://evil.example"


def test_a_cross_origin_preflight_is_refused(neo4j: Settings) -> None:
    """A browser sends this before a page's POST with credentials; the answer must not let `FOREIGN` through."""
    for path in ("/", f"/db/{neo4j.neo4j_database}/tx/commit", f"/db/{neo4j.neo4j_database}/query/v2"):
        response = httpx.options(
            f"http://127.0.0.1:{neo4j.neo4j_http_port}{path}", timeout=10,
            headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "authorization,content-type"},
        )
        allowed = response.headers.get("access-control-allow-origin")
        assert allowed in (None, f"http://127.0.0.1:{neo4j.neo4j_http_port}"), (path, allowed)


def test_no_cypher_over_http_even_with_the_password(neo4j: Settings) -> None:
    """The HTTP connector serves Neo4j Browser only: a page that learnt the password still cannot post Cypher."""
    body = {"statements": [{"statement": "CREATE (:Injected) RETURN 1"}]}
    for path in (f"/db/{neo4j.neo4j_database}/tx/commit", f"/db/{neo4j.neo4j_database}/query/v2"):
        response = httpx.post(f"http://127.0.0.1:{neo4j.neo4j_http_port}{path}", json=body, timeout=10,
                              auth=(neo4j.neo4j_user, neo4j.neo4j_secret), headers={"Origin": FOREIGN})
        assert response.status_code == 404, (path, response.status_code)
    assert httpx.get(f"http://127.0.0.1:{neo4j.neo4j_http_port}/browser/", timeout=10).status_code == 200


def websocket_upgrade(port: int, origin: str | None) -> str:
    """The status line Bolt's port answers a WebSocket upgrade with, as a browser sends it from `origin`."""
    request = (
        f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + (f"Origin: {origin}\r\n" if origin else "") + "\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request.encode())
        answer = b""
        while b"\r\n" not in answer:
            chunk = connection.recv(1024)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n", 1)[0].decode()


def test_a_foreign_origin_websocket_upgrade_is_refused(neo4j: Settings) -> None:
    if neo4j_server.origin_guard(neo4j) is None:
        pytest.fail("no javac to build the origin guard with: install a JDK (openjdk-17-jdk-headless)")
    for origin in (FOREIGN, "null", "http://127.0.0.1:1", f"http://127.0.0.1:{neo4j.neo4j_http_port}.evil.example"):
        assert websocket_upgrade(neo4j.bolt_port, origin).startswith("HTTP/1.1 403"), origin
    # Neo4j Browser's own page (either name of loopback) still connects.
    for origin in neo4j_server.browser_origins(neo4j):
        assert websocket_upgrade(neo4j.bolt_port, origin) == "HTTP/1.1 101 Switching Protocols", origin


def test_the_old_default_password_does_not_authenticate(neo4j: Settings) -> None:
    legacy = neo4j.model_copy(update={"neo4j_password": LEGACY_PASSWORD})
    with open_driver(legacy) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()


def test_the_instance_folder_and_password_are_its_owners_only(neo4j: Settings) -> None:
    assert stat.S_IMODE(neo4j.neo4j_home.stat().st_mode) == 0o700
    if neo4j.neo4j_password is None:
        assert stat.S_IMODE(neo4j.password_file.stat().st_mode) == 0o600


@pytest.fixture
def scratch(tmp_path: Path, neo4j: Settings) -> Iterator[dict[str, str]]:
    """The environment of a new managed instance of its own (small, on free ports), deleted afterwards."""
    name = f"{neo4j.neo4j_instance}-scratch"
    environment = {
        **os.environ, **TEST_ENVIRONMENT,
        "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}", "PEELGRAPH_NEO4J_INSTANCE": name,
        "PEELGRAPH_NEO4J_HTTP_PORT": str(free_port()),
        "PEELGRAPH_NEO4J_HEAP": "256m", "PEELGRAPH_NEO4J_PAGECACHE": "64m",
    }
    environment.pop("NEO4J_PASSWORD", None)
    home = neo4j.neo4j_dir / name
    assert not home.exists(), f"{home} is left from an earlier run: stop it and delete it"
    yield environment
    _peelgraph(environment, "neo4j", "stop")
    shutil.rmtree(home, ignore_errors=True)


def test_a_new_instance_keeps_its_password_out_of_the_process_list(scratch: dict[str, str]) -> None:
    settings = Settings(_env_file=None, **_settings_of(scratch))
    seen = _command_lines_while(lambda: _peelgraph(scratch, "neo4j", "start"))
    password = settings.password_file.read_text().strip()
    assert any(b"set-initial-password" in line for line in seen), "the watch missed AdminTool"
    assert not [line for line in seen if password.encode() in line]
    assert len(password) >= 24
    # The folder is its owner's alone, and so is what Neo4j writes in it (the store, auth.ini).
    assert stat.S_IMODE(settings.neo4j_home.stat().st_mode) == 0o700
    written = [path for path in (settings.neo4j_home / "data").rglob("*") if path.is_file()]
    assert any(path.name == "auth.ini" for path in written)
    assert not [path for path in written if path.stat().st_mode & 0o077]
    assert stat.S_IMODE(settings.password_file.stat().st_mode) == 0o600
    # The commands find the generated password with no help.
    result = _peelgraph(scratch, "cypher", "RETURN 1 AS one", "--json")
    assert (result.returncode, result.stdout.strip()) == (0, '{"one": 1}'), result.stderr


def test_an_instance_made_before_keeps_its_data_and_loses_the_old_password(scratch: dict[str, str]) -> None:
    """An instance made by an older peelgraph (password `peelgraph-dev`, a 0755 folder, no password file),
    started by this one: its data is kept, its password replaced, its folder closed."""
    old = {**scratch, "NEO4J_PASSWORD": LEGACY_PASSWORD}
    assert _peelgraph(old, "neo4j", "start").returncode == 0
    assert _peelgraph(old, "cypher", "RETURN 1").returncode == 0
    settings = Settings(_env_file=None, **_settings_of(old))
    with open_driver(settings) as driver:
        driver.execute_query("CREATE (:Kept {id: 'made-before'})")
    assert _peelgraph(old, "neo4j", "stop").returncode == 0
    settings.neo4j_home.chmod(0o755)
    assert not settings.password_file.exists()

    started = _peelgraph(scratch, "neo4j", "start")
    assert started.returncode == 0, started.stderr
    assert stat.S_IMODE(settings.neo4j_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(settings.password_file.stat().st_mode) == 0o600
    with open_driver(settings) as driver, pytest.raises(AuthError):
        driver.verify_connectivity()
    kept = _peelgraph(scratch, "cypher", "MATCH (k:Kept) RETURN k.id AS id", "--json")
    assert (kept.returncode, kept.stdout.strip()) == (0, '{"id": "made-before"}'), kept.stderr


def _settings_of(environment: dict[str, str]) -> dict[str, str]:
    names = ("NEO4J_URI", "NEO4J_PASSWORD", "PEELGRAPH_NEO4J_INSTANCE", "PEELGRAPH_NEO4J_HTTP_PORT",
             "PEELGRAPH_NEO4J_DIR")
    return {name: environment[name] for name in names if name in environment}


def _peelgraph(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "peelgraph"), *args], cwd=PROJECT_ROOT, env=environment,
                          capture_output=True, text=True, timeout=300, check=False)


def _command_lines_while(action: Callable[[], object]) -> set[bytes]:
    """Every process's command line seen, read from /proc as any user of the machine can, while `action` runs."""
    seen: set[bytes] = set()
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    with contextlib.suppress(OSError):
                        seen.add((entry / "cmdline").read_bytes())
            done.wait(0.01)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        action()
    finally:
        done.set()
        watcher.join()
    return seen


def test_a_chosen_password_reaches_neo4j_exactly(tmp_path: Path, neo4j: Settings) -> None:
    """A NEO4J_PASSWORD with quotes, spaces, a backslash and a `#` goes through AdminTool's `@file` unchanged:
    the hash in `auth.ini` is that of this very password (Neo4j's salted SHA-256, iterated)."""
    chosen = 'pa"ss w\\rd #x \'y'
    (tmp_path / "lib").symlink_to(neo4j_server.lib_dir(neo4j))
    settings = neo4j.model_copy(update={"neo4j_dir": tmp_path, "neo4j_instance": "chosen", "neo4j_password": chosen})
    for folder in ("conf", "run"):
        (settings.neo4j_home / folder).mkdir(parents=True)
    (settings.neo4j_home / "conf" / "neo4j.conf").write_text("")
    neo4j_server._set_initial_password(settings, neo4j_server.java_command())
    _, hashed, salt, iterations = (settings.neo4j_home / "data/dbms/auth.ini").read_text().split(":")[1].split(",")
    digest = hashlib.sha256(bytes.fromhex(salt) + chosen.encode()).digest()
    for _ in range(int(iterations) - 1):
        digest = hashlib.sha256(digest).digest()
    assert digest.hex() == hashed
    assert not list((settings.neo4j_home / "run").iterdir()), "the argument file was left behind"
