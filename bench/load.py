"""Parse throughput (one core) and load throughput into Neo4j for 1, 43 and 430 reports, with peak memory.

Parse: `read_report` (read, decode, hash, parse) and `report_rows` (the rows the writer sends) on each
report of the synthetic corpus in turn, in this process, after one warm-up pass.

Load: what `peelgraph load` and `peelgraph load FILES` do, planning and writing the reference tables and
the N reports, measured as the library calls `pipeline.plan` + `pipeline.execute` in a fresh process per
case, so that its peak memory (max RSS) is the case's own. Each size is loaded into an empty
graph, then loaded again on the full graph (the idempotent reload, which must skip every report). With
--cli, the largest size is also timed through the `peelgraph` command itself, from process start.

Runs against the project's managed Neo4j as its own instance `bench` (started and stopped here), or the
server at --uri (emptied only with --yes-wipe).

Example: python bench/load.py --quick
Example: python bench/load.py --runs 3 --cli --statements
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from common import (
    PROJECT_ROOT,
    bench_neo4j,
    connect,
    corpus,
    environment,
    load_average,
    machine,
    may_wipe,
    national,
    note,
    reports_in,
    settings_for,
    wipe,
)

from peelgraph import pipeline
from peelgraph.graph.connection import quiet_driver_logs
from peelgraph.graph.write import writer as graph_writer
from peelgraph.graph.write.rows import report_rows
from peelgraph.graph.write.writer import GraphWriter, counts
from peelgraph.loaders.reference import REFERENCE_DIR, read_questions
from peelgraph.loaders.report import read_report

BIN = Path(sys.executable).parent


@dataclass
class LoadCase:
    reports: int
    graph: str
    """'empty' or 'full' (the idempotent reload)."""
    plan_s: float
    schema_s: float
    write_s: float
    total_s: float
    written: int
    unchanged: int
    nodes: int
    relationships: int
    peak_mb: float
    baseline_mb: float


class TimedWriter(GraphWriter):
    """The writer `peelgraph load` uses, timing its schema step apart from the writes."""

    schema_s = 0.0

    def apply_schema(self) -> None:
        started = time.perf_counter()
        super().apply_schema()
        self.schema_s += time.perf_counter() - started


def parse_throughput(paths: list[Path], warmup: int) -> dict[str, float]:
    """Reports per second for reading and parsing, and for reading, parsing and building the rows."""
    questions = read_questions(REFERENCE_DIR / "questions.csv")
    for path in paths[:warmup]:
        read_report(path)  # warm-up: the reference data, the regular expressions, the page cache
    parse_times, rows_times = [], []
    for path in paths:
        started = time.perf_counter()
        document = read_report(path)
        parsed = time.perf_counter()
        report_rows(document, questions)
        parse_times.append(parsed - started)
        rows_times.append(time.perf_counter() - started)
    return {
        "reports": len(paths),
        "parse_rps": len(paths) / sum(parse_times),
        "parse_median_ms": statistics.median(parse_times) * 1000,
        "plan_rps": len(paths) / sum(rows_times),
        "plan_median_ms": statistics.median(rows_times) * 1000,
    }


def load_case(uri: str | None, files: list[str], graph: str) -> LoadCase:
    """The reference tables and `files`, planned and written as `peelgraph load` does; run in a fresh process."""
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    settings = settings_for(uri)
    started = time.perf_counter()
    with connect(settings) as driver:
        # The reference tables as `peelgraph load` plans them, with the corpus's reports instead of the bundled
        # one (the corpus has its own Cambridgeshire 2015, which would replace it).
        plan = pipeline.LoadPlan(pipeline.plan([]).reference, pipeline.plan([Path(name) for name in files]).reports)
        planned = time.perf_counter()
        writer = TimedWriter(driver, settings)
        summary = pipeline.execute(plan, writer)
        total_s = time.perf_counter() - started
        plan_s, schema_s = planned - started, writer.schema_s
        write_s = total_s - plan_s - schema_s
        written, unchanged = summary.reports_written, summary.reports_unchanged
        nodes, relationships = counts(driver, settings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return LoadCase(len(files), graph, plan_s, schema_s, write_s, total_s, written, unchanged, nodes, relationships,
                    peak, baseline)


def in_fresh_process(uri: str | None, files: list[Path], graph: str) -> LoadCase:
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(load_case, uri, [str(path) for path in files], graph).result()


def cli_load(settings: Any, files: list[Path]) -> tuple[float, float]:
    """Wall time and peak memory of `peelgraph load` then `peelgraph load FILES`, from process start."""
    started = time.perf_counter()
    peak = 0.0
    for arguments in ([], [str(path) for path in files]):
        process = subprocess.Popen([str(BIN / "peelgraph"), "load", *arguments], cwd=PROJECT_ROOT,
                                   env=environment(settings), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"peelgraph load failed: {process.stderr.read().decode() if process.stderr else ''}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return time.perf_counter() - started, peak


def statement_costs(settings: Any, files: list[Path]) -> list[tuple[str, int, float]]:
    """Time spent in each write statement (and in commits) while loading `files` into an empty graph."""
    names = {value: name for name, value in vars(graph_writer).items() if name.isupper() and isinstance(value, str)}
    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    original_run, original_write = graph_writer._run, GraphWriter._write

    def timed_run(tx: Any, attempt: Any, text: str, **parameters: Any) -> None:
        started = time.perf_counter()
        original_run(tx, attempt, text, **parameters)
        spent[names.get(text, "?")] += time.perf_counter() - started
        calls[names.get(text, "?")] += 1

    def timed_write(self: GraphWriter, work: Any) -> Any:
        started = time.perf_counter()
        result = original_write(self, work)
        spent["(transaction, all)"] += time.perf_counter() - started
        calls["(transaction, all)"] += 1
        return result

    graph_writer._run = timed_run  # type: ignore[assignment]
    GraphWriter._write = timed_write  # type: ignore[method-assign]
    try:
        with connect(settings) as driver:
            wipe(driver)
            for inputs in ([], files):
                pipeline.execute(pipeline.plan(inputs), GraphWriter(driver, settings))
    finally:
        graph_writer._run = original_run
        GraphWriter._write = original_write  # type: ignore[method-assign]
    return sorted(((name, calls[name], spent[name]) for name in spent), key=lambda row: -row[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one run of each size, no CLI timing (under 3 minutes)")
    parser.add_argument("--sizes", default="1,43,430", help="report counts to load (default 1,43,430)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each size (default 3; 1 with --quick)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--cli", action="store_true", help="also time `peelgraph load` itself for the largest size")
    parser.add_argument("--statements", action="store_true", help="also time each write statement (largest size)")
    parser.add_argument("--uri", help="use this Neo4j as it is instead of the managed instance 'bench'")
    parser.add_argument("--yes-wipe", action="store_true", help="allow emptying the Neo4j given by --uri")
    parser.add_argument("--keep-neo4j", action="store_true", help="leave the managed instance running")
    arguments = parser.parse_args()
    quiet_driver_logs(debug=False)
    sizes = [int(size) for size in arguments.sizes.split(",")]
    runs = 1 if arguments.quick else arguments.runs
    if not may_wipe(arguments.uri, arguments.yes_wipe):
        parser.error("loading into an empty graph empties the server given by --uri: add --yes-wipe if you mean it")
    started = time.perf_counter()
    folder = corpus(max(sizes), arguments.seed)
    paths = reports_in(folder)

    note(f"parsing {len(paths)} reports on one core")
    parse = parse_throughput(paths, 43 if arguments.quick else len(paths))
    cases: list[LoadCase] = []
    cli: tuple[float, float, float, float] | None = None
    statements: list[tuple[str, int, float]] = []
    with bench_neo4j(arguments.uri, keep=arguments.keep_neo4j) as settings:
        facts = machine(settings)
        for size in sizes:
            for run in range(runs):
                with connect(settings) as driver:
                    wipe(driver)
                for graph in ("empty", "full"):
                    note(f"load {size} report(s) into the {graph} graph (run {run + 1}/{runs}); load {load_average()}")
                    cases.append(in_fresh_process(arguments.uri, paths[:size], graph))
        if arguments.cli:
            with connect(settings) as driver:
                wipe(driver)
            files = national(folder)[: max(sizes) - 1]
            note(f"`peelgraph load` + `peelgraph load` {len(files)} files, empty graph then again")
            first = cli_load(settings, files)
            again = cli_load(settings, files)
            cli = (*first, *again)
        if arguments.statements:
            note(f"timing each write statement over {max(sizes)} reports")
            statements = statement_costs(settings, paths[: max(sizes)])

    print("machine: " + ", ".join(f"{key} {value}" for key, value in facts.items()))
    print(f"load average at the end: {load_average()}")
    print(f"\nparse, one core, {parse['reports']} reports: {parse['parse_rps']:.0f} reports/s "
          f"(median {parse['parse_median_ms']:.1f} ms); with the writer's rows: {parse['plan_rps']:.0f} reports/s")
    print("\nload (library calls in a fresh process; median of runs; seconds)")
    print(f"{'reports':>7} {'graph':>6} {'runs':>4} {'plan':>7} {'schema':>7} {'write':>7} {'total':>7} "
          f"{'reports/s':>9} {'written':>7} {'skipped':>7} {'nodes':>7} {'rels':>7} {'peak MB':>8}  each run's total")
    summary: dict[str, float] = {}
    for size in sizes:
        for graph in ("empty", "full"):
            group = [case for case in cases if case.reports == size and case.graph == graph]
            row = {key: statistics.median(getattr(case, key) for case in group) for key in asdict(group[0])
                   if key not in ("graph",)}
            print(f"{size:>7} {graph:>6} {len(group):>4} {row['plan_s']:>7.2f} {row['schema_s']:>7.2f} "
                  f"{row['write_s']:>7.2f} {row['total_s']:>7.2f} {size / row['total_s']:>9.1f} "
                  f"{row['written']:>7.0f} {row['unchanged']:>7.0f} {row['nodes']:>7.0f} {row['relationships']:>7.0f} "
                  f"{row['peak_mb']:>8.0f}  {' '.join(f'{case.total_s:.2f}' for case in group)}")
            summary[f"{'load' if graph == 'empty' else 'reload'}_{size}_s"] = row["total_s"]
    reloads = [case for case in cases if case.graph == "full"]
    if any(case.written for case in reloads):
        print("WARNING: a reload wrote reports again: the load is not idempotent")
    if cli is not None:
        print(f"\n`peelgraph load` + `peelgraph load FILES` (the bundled report and {max(sizes) - 1} of the corpus), "
              "from process start: "
              f"{cli[0]:.2f} s (peak {cli[1]:.0f} MB); again on the full graph: {cli[2]:.2f} s (peak {cli[3]:.0f} MB)")
    if statements:
        print(f"\nwrite statements over {max(sizes)} reports (empty graph)")
        for name, calls, seconds in statements:
            print(f"  {name:22} {calls:5} calls {seconds:8.2f} s {seconds / calls * 1000:8.2f} ms/call")
    largest = max(sizes)
    print(f"\nwall clock {time.perf_counter() - started:.0f} s")
    print(
        f"summary: parse_rps={parse['parse_rps']:.0f} plan_rps={parse['plan_rps']:.0f} "
        + " ".join(f"{key}={value:.2f}" for key, value in summary.items() if key.endswith(f"_{largest}_s"))
        + " " + " ".join(f"{key}={value:.2f}" for key, value in summary.items() if not key.endswith(f"_{largest}_s"))
        + f" runs={runs} loadavg={os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
