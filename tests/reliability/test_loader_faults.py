"""`peelgraph load` killed with SIGKILL midway and run again, and two loads of the same files at once: the
graph ends exactly as a clean load leaves it, with nothing duplicated.

A load parses every file first, then writes each report in one transaction and skips a report whose
documentHash is already in the graph (tests/graph/test_load.py checks a bad file and a second load).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from peelgraph.graph.connection import open_driver
from peelgraph.settings import Settings
from tests.checkout import PROJECT_ROOT
from tests.conftest import BIN, TEST_ENVIRONMENT
from tests.graphstate import counts, peelgraph, snapshot, wipe
from tests.reliability.conftest import write_figures

REPORTS = int(os.environ.get("PEELGRAPH_RELIABILITY_REPORTS", "40"))
"""Synthetic reports (bench/make_corpus.py) per load; more for a longer run."""
KILL_AFTER = max(2, REPORTS // 4)
"""Reports committed before the load is killed."""

DUPLICATE_IDS = """
MATCH (n)
WITH n.id AS id, count(*) AS copies
WHERE copies > 1
RETURN count(*) AS duplicates
"""
DUPLICATE_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
WITH a, b, type(r) AS type, count(*) AS copies
WHERE copies > 1
RETURN count(*) AS duplicates
"""
State = tuple[tuple[int, int], str]

figures: dict[str, object] = {"reports": REPORTS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, "bench/make_corpus.py", str(REPORTS), "--seed", "7", "--out", str(out)],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    files = sorted(str(path) for path in out.glob("peel-*.txt"))
    assert len(files) == REPORTS
    return [Path(path) for path in files]


@pytest.fixture(scope="module")
def store(loaded_graph: Driver, settings: Settings) -> Iterator[Driver]:
    """A driver of its own (the session's may hold connections from before a Neo4j restart); afterwards the
    bundled data alone again, as the other tests expect, and the same graph as before."""
    before = (counts(loaded_graph), snapshot(loaded_graph))
    with open_driver(settings) as driver:
        yield driver
        wipe(driver)
    assert peelgraph("load").returncode == 0
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before
    write_figures("loader-faults", figures)


@pytest.fixture(scope="module")
def clean_load(store: Driver, corpus: list[Path]) -> State:
    """The graph one load of the corpus into an empty database makes."""
    wipe(store)
    started = time.monotonic()
    result = peelgraph("load", *map(str, corpus))
    assert result.returncode == 0, result.stderr
    figures["clean_load_s"] = round(time.monotonic() - started, 1)
    state = _state(store)
    assert _duplicates(store) == (0, 0)
    figures.update(nodes=state[0][0], relationships=state[0][1])
    return state


def test_a_load_killed_midway_then_run_again_equals_a_clean_load(store: Driver, corpus: list[Path],
                                                                 clean_load: State) -> None:
    wipe(store)
    load = _start_load(corpus)
    deadline = time.monotonic() + 300
    while _reports(store) < KILL_AFTER and load.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(load.pid, signal.SIGKILL)
    load.communicate(timeout=30)
    assert load.returncode == -signal.SIGKILL, "the load ended before it could be killed"
    _wait_for_transactions_to_end(store)  # a COMMIT sent just before the kill may still land
    committed = _reports(store)
    assert KILL_AFTER <= committed < REPORTS

    again = peelgraph("load", *map(str, corpus))
    assert again.returncode == 0, again.stderr
    assert f"loaded {REPORTS - committed} report(s), {committed} already there" in again.stdout
    assert _state(store) == clean_load
    assert _duplicates(store) == (0, 0)
    figures.update(killed_after_reports=committed, rerun_wrote=REPORTS - committed, killed_equals_clean=True)


def test_two_loads_at_once_into_a_fresh_database_duplicate_nothing(store: Driver, corpus: list[Path],
                                                                   clean_load: State) -> None:
    wipe(store)
    _drop_schema(store)  # so that both loads race to create the constraints, too
    loads = [_start_load(corpus) for _ in range(2)]
    outputs = [load.communicate(timeout=600) for load in loads]
    for load, (_, stderr) in zip(loads, outputs, strict=True):
        assert load.returncode == 0, stderr
        assert "Traceback" not in stderr
    assert _state(store) == clean_load
    assert _duplicates(store) == (0, 0)
    written = [int(stdout.split("loaded ", 1)[1].split(" ", 1)[0]) for stdout, _ in outputs]
    assert sum(written) >= REPORTS, "together the two loads wrote every report at least once"
    figures.update(concurrent_exit_codes=[load.returncode for load in loads], concurrent_reports_written=written,
                   concurrent_equals_clean=True)


def _start_load(corpus: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN / "peelgraph"), "load", *map(str, corpus)], cwd=PROJECT_ROOT,
        env={**os.environ, **TEST_ENVIRONMENT}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _state(driver: Driver) -> State:
    return counts(driver), snapshot(driver)


def _reports(driver: Driver) -> int:
    return int(driver.execute_query("MATCH (r:Report) RETURN count(r) AS n").records[0]["n"])


def _wait_for_transactions_to_end(driver: Driver, timeout: float = 60) -> None:
    """Until Neo4j runs no transaction but the one asking: the killed loader's last one committed or rolled back."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        running = driver.execute_query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery").records
        if all((record["currentQuery"] or "").startswith("SHOW TRANSACTIONS") for record in running):
            return
        time.sleep(0.1)
    raise AssertionError("the killed loader's transaction did not end")


def _duplicates(driver: Driver) -> tuple[int, int]:
    return (driver.execute_query(DUPLICATE_IDS).records[0]["duplicates"],
            driver.execute_query(DUPLICATE_RELATIONSHIPS).records[0]["duplicates"])


def _drop_schema(driver: Driver) -> None:
    for record in driver.execute_query("SHOW CONSTRAINTS YIELD name").records:
        driver.execute_query(f"DROP CONSTRAINT `{record['name']}` IF EXISTS")
    for record in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").records:
        driver.execute_query(f"DROP INDEX `{record['name']}` IF EXISTS")
