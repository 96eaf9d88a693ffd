"""What the benchmarks share: their own Neo4j, the synthetic corpus, the machine they ran on.

By default a benchmark starts the project's managed Neo4j as its own instance `bench` (bolt 7738, HTTP
7535, data under .neo4j/bench/), never the developer's, and stops it at the end. Given `--uri`, it uses
that server as it is and wipes it only with `--yes-wipe`.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from make_corpus import GENERATOR_FILE, generator_fingerprint
from neo4j import Driver

from peelgraph import neo4j_server
from peelgraph.graph.connection import open_driver, ping
from peelgraph.pipeline import bundled_reports
from peelgraph.settings import Settings

BENCH = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH.parent
OUT = BENCH / "out"
"""Generated corpora and logs (git-ignored)."""
INSTANCE = "bench"
BOLT_URI = "bolt://127.0.0.1:7738"
HTTP_PORT = 7535
WIPE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"


def settings_for(uri: str | None) -> Settings:
    """The settings of the benchmark's Neo4j: the managed instance `bench`, or the server at `uri`."""
    if uri is None:
        return Settings(NEO4J_URI=BOLT_URI, PEELGRAPH_NEO4J_INSTANCE=INSTANCE, PEELGRAPH_NEO4J_HTTP_PORT=HTTP_PORT)
    return Settings(NEO4J_URI=uri)


def environment(settings: Settings) -> dict[str, str]:
    """The environment a `peelgraph` child process needs to use the same Neo4j, in production mode."""
    # A managed instance's generated password is left for the child to read from the instance's home.
    explicit = {} if settings.neo4j_password is None else {"NEO4J_PASSWORD": settings.neo4j_password}
    return {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        **explicit,
        "NEO4J_DATABASE": settings.neo4j_database,
        "PEELGRAPH_NEO4J_INSTANCE": settings.neo4j_instance,
        # The managed instances' folder (`.neo4j` of the directory a command runs in): children run elsewhere.
        "PEELGRAPH_NEO4J_DIR": str(settings.neo4j_dir.resolve()),
        "PEELGRAPH_NEO4J_HTTP_PORT": str(settings.neo4j_http_port),
        "PEELGRAPH_DEBUG": "false",
    }


@contextmanager
def bench_neo4j(uri: str | None, keep: bool = False) -> Iterator[Settings]:
    """The Neo4j to measure against: started here (and stopped after, unless `keep`) or the one at `uri`."""
    settings = settings_for(uri)
    if uri is not None:
        ping(settings)
        yield settings
        return
    note(f"starting the managed Neo4j '{INSTANCE}' on {BOLT_URI}")
    neo4j_server.start(settings)
    try:
        yield settings
    finally:
        if not keep:
            neo4j_server.stop(settings)
            note(f"stopped the managed Neo4j '{INSTANCE}'")


def may_wipe(uri: str | None, yes_wipe: bool) -> bool:
    """The benchmark's own instance may always be emptied; a server given by --uri only with --yes-wipe."""
    return uri is None or yes_wipe


def wipe(driver: Driver) -> None:
    with driver.session() as session:
        session.run(WIPE).consume()


def corpus(count: int, seed: int) -> Path:
    """A directory of `count` synthetic reports from bench/make_corpus.py, kept in bench/out until the
    generator changes."""
    folder = OUT / f"corpus-{count}-seed{seed}"
    if _corpus_is_current(folder, count):
        return folder
    note(f"writing {count} synthetic reports (seed {seed}) to {folder}")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(BENCH / "make_corpus.py"), str(count), "--seed", str(seed), "--out", str(folder)],
        check=True, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
    )
    note(f"  written in {time.perf_counter() - started:.1f} s")
    return folder


def _corpus_is_current(folder: Path, count: int) -> bool:
    manifest, generator = folder / "manifest.json", folder / GENERATOR_FILE
    return (
        manifest.exists()
        and generator.exists()
        and generator.read_text(encoding="utf-8") == generator_fingerprint()
        and len(json.loads(manifest.read_text(encoding="utf-8"))) == count
    )


def reports_in(folder: Path, count: int | None = None) -> list[Path]:
    paths = sorted(folder.glob("peel-*.txt"))
    return paths if count is None else paths[:count]


def national(folder: Path) -> list[Path]:
    """The corpus's reports less those the bundled data has (the same force, pillar and year): with the
    bundled data, the national scale of 43 forces over 10 years, and a reload that changes nothing."""
    bundled = {path.name for path in bundled_reports()}
    return [path for path in reports_in(folder) if path.name not in bundled]


def machine(settings: Settings | None = None) -> dict[str, str]:
    """What the figures were measured on."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    facts = {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": _memory(),
        "python": platform.python_version(),
        "neo4j-driver": _version("neo4j"),
        "neo4j-rust-ext": _version("neo4j-rust-ext"),
        "strawberry": _version("strawberry-graphql"),
        "graphql-core": _version("graphql-core"),
        "uvicorn": _version("uvicorn"),
    }
    if settings is not None and settings.neo4j_is_local:
        facts["neo4j"] = neo4j_server.installed_version(settings) or "unknown"
    return facts


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def note(text: str) -> None:
    """Progress on stderr, so stdout holds only the results."""
    print(text, file=sys.stderr, flush=True)


def connect(settings: Settings) -> Driver:
    return open_driver(settings)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _memory() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    return "unknown"
