"""Parser throughput on one core: the median time per report and reports per second.

Each run is timed twice over: by the wall clock and by the CPU time this process used (`time.process_time`),
which other work on a shared machine does not add to.

Each run decodes, hashes and parses one report held in memory (no disk), as `read_report` does after
reading the file. The baseline, timed in the same process on the same texts, is the least any reader
does: `splitlines()` and sha256. With --corpus, every report of a directory is parsed in turn, and with
--check each is compared with the facts in the directory's manifest.json (from bench/make_corpus.py).

Example: python bench/parse.py --runs 300
Example: python bench/parse.py --corpus bench/corpus --check
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from peelgraph.loaders.compiled import in_use
from peelgraph.loaders.document import ReportDocument
from peelgraph.loaders.reference import REPORTS_DIR
from peelgraph.loaders.report import decode, default_forces, default_gazetteer, parse_report

SEED_REPORT = REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt"


def parse_bytes(data: bytes, source: str) -> ReportDocument:
    return parse_report(
        decode(data, source),
        source=source,
        forces=default_forces(),
        gazetteer=default_gazetteer(),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def baseline(data: bytes, source: str) -> None:
    decode(data, source).splitlines()
    hashlib.sha256(data).hexdigest()


def timings(
    step: Callable[[bytes, str], object], inputs: list[tuple[str, bytes]], runs: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run."""
    wall, cpu = [], []
    for run in range(runs):
        source, data = inputs[run % len(inputs)]
        start, start_cpu = time.perf_counter(), time.process_time()
        step(data, source)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def mismatches(directory: Path, inputs: list[tuple[str, bytes]]) -> list[str]:
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    wrong = []
    for source, data in inputs:
        expected = manifest.get(Path(source).name)
        document = parse_bytes(data, source)
        found = {
            "force": document.force.id,
            "year": document.report.year,
            "grades": {"0": document.overall.grade} | {str(q.number): q.grade for q in document.questions},
            "areas": {str(q.number): [area.text for area in q.areas_for_improvement] for q in document.questions},
        }
        if expected is None or any(found[key] != expected[key] for key in found):
            wrong.append(Path(source).name)
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=300, help="parses to time (default 300)")
    parser.add_argument("--corpus", type=Path, help="a directory of reports to parse in turn")
    parser.add_argument("--check", action="store_true", help="compare each report with the corpus manifest")
    arguments = parser.parse_args()
    paths = sorted(arguments.corpus.glob("*.txt")) if arguments.corpus else [SEED_REPORT]
    inputs = [(str(path), path.read_bytes()) for path in paths]
    for source, data in inputs:
        parse_bytes(data, source)  # every report parses, and the reference data is loaded, before timing
    gc.collect()
    runs = max(arguments.runs, len(inputs))
    parse_times, parse_cpu = timings(parse_bytes, inputs, runs)
    baseline_times, _ = timings(baseline, inputs, runs)
    median, floor = statistics.median(parse_times), statistics.median(baseline_times)
    cpu = statistics.median(parse_cpu)
    deciles = statistics.quantiles(parse_times, n=10)
    p10, p90 = deciles[0], deciles[-1]
    compiled = in_use()
    parser_kind = "compiled (mypyc)" if compiled else "Python (not compiled: see docs/parser.md)"
    print(f"reports: {len(inputs)}   runs: {runs}   load average: {os.getloadavg()[0]:.2f}   parser: {parser_kind}")
    print(f"parse:    median {median * 1000:.2f} ms   p90 {p90 * 1000:.2f} ms   {1 / median:.0f} reports/s")
    print(f"          fastest tenth (p10) {p10 * 1000:.2f} ms: {1 / p10:.0f} reports/s (what a free core gives)")
    print(f"          overall {runs / sum(parse_times):.0f} reports/s")
    print(f"parse CPU: median {cpu * 1000:.2f} ms   {1 / cpu:.0f} reports/s (CPU time of this process only)")
    print(f"baseline: median {floor * 1000:.3f} ms (splitlines + sha256)   {1 / floor:.0f} reports/s")
    print(f"parse/baseline: {median / floor:.1f}x")
    wrong = mismatches(arguments.corpus, inputs) if arguments.check and arguments.corpus else []
    if arguments.check:
        print(f"checked against manifest: {len(inputs) - len(wrong)} match, {len(wrong)} differ {wrong[:5]}")
    print(
        f"summary: parse_rps={1 / median:.0f} median_ms={median * 1000:.2f} p90_ms={p90 * 1000:.2f} "
        f"cpu_rps={1 / cpu:.0f} cpu_median_ms={cpu * 1000:.2f} "
        f"p10_rps={1 / p10:.0f} baseline_rps={1 / floor:.0f} ratio={median / floor:.1f} reports={len(inputs)} "
        f"runs={runs} loadavg={os.getloadavg()[0]:.2f} compiled={'yes' if compiled else 'no'}"
        + (f" mismatches={len(wrong)}" if arguments.check else "")
    )


if __name__ == "__main__":
    main()
