"""The servers bench/queries.py measures, each started here on a loopback port reading the benchmark's Neo4j:
`peelgraph serve`, the ceiling (bench/ceiling.py under uvicorn) and the peer (bench/peer/ under Node.js)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from common import BENCH, OUT, PROJECT_ROOT, environment, note

from peelgraph.cli import KEEP_ALIVE_S
from peelgraph.settings import Settings

BIN = Path(sys.executable).parent
PEER = BENCH / "peer"


@dataclass
class Server:
    """A server started here on a loopback port, answering once `ready` says so."""

    name: str
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    ready: Callable[[str], bool]

    def wait(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.ready(self.url):
                    return self.url
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"{self.name} did not become ready; see {self.log}")

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def serve(settings: Settings, workers: int, environment: dict[str, str] | None = None, name: str = "serve") -> Server:
    """`peelgraph serve` on a free loopback port, as production runs it (with `environment` added); its log goes to
    bench/out."""
    port = free_port()
    command = [str(BIN / "peelgraph"), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    return launch(f"peelgraph serve ({name})", name, command, PROJECT_ROOT, settings, port, ready_get("/ready"),
                  environment)


def serve_ceiling(settings: Settings, workers: int) -> Server:
    """bench/ceiling.py under uvicorn as `peelgraph serve` runs the API: workers, uvloop and httptools
    (uvicorn's `auto`), no access log, the same keep-alive."""
    port = free_port()
    command = [str(BIN / "uvicorn"), "ceiling:app", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--no-access-log", "--no-server-header", "--no-proxy-headers",
               "--timeout-keep-alive", str(KEEP_ALIVE_S), "--log-level", "warning"]
    return launch("the ceiling", "ceiling", command, BENCH, settings, port, ready_get("/ready"))


def peer_installed() -> bool:
    """`npm ci` in bench/peer when its node_modules is missing or older than its lock file; False without Node."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        note("the peer needs Node.js and npm on PATH: measured without it")
        return False
    installed, lock = PEER / "node_modules" / ".package-lock.json", PEER / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        note("installing the peer (npm ci in bench/peer)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER, check=True,
                       stdout=subprocess.DEVNULL)
    return True


def serve_peer(settings: Settings, workers: int) -> Server:
    """bench/peer/server.js (@neo4j/graphql with graphql-yoga) with as many Node.js cluster workers."""
    port = free_port()
    command = [shutil.which("node") or "node", "server.js", "--port", str(port), "--workers", str(workers)]
    probe = json.dumps({"query": "{ __typename }"}).encode()

    def ready(url: str) -> bool:
        return httpx.post(f"{url}/graphql", content=probe, headers={"Content-Type": "application/json"},
                          timeout=2).status_code == 200

    # Node.js cannot read a managed instance's generated password from its home as peelgraph does: hand it over.
    return launch("the peer", "peer", command, PEER, settings, port, ready, {"NEO4J_PASSWORD": settings.neo4j_secret})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def ready_get(path: str) -> Callable[[str], bool]:
    return lambda url: httpx.get(f"{url}{path}", timeout=2).status_code == 200


def launch(
    name: str, stem: str, command: list[str], cwd: Path, settings: Settings, port: int, ready: Callable[[str], bool],
    secrets: dict[str, str] | None = None,
) -> Server:
    """Start a server on 127.0.0.1:`port` reading the benchmark's Neo4j (not yet waiting for it), with `secrets`
    (or other variables) added to its environment; its log goes to bench/out."""
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / f"{stem}-{port}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=cwd, env={**environment(settings), **(secrets or {})}, stdout=output,
                                   stderr=subprocess.STDOUT)
    return Server(name, process, f"http://127.0.0.1:{port}", log, ready)
