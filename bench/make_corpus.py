"""Write N synthetic PEEL reports in the real layout, made from the bundled report.

Each gets another of the 43 forces (cycling), then another year (2015 onwards, after every 43), and its
own grades, figures and areas for improvement, all drawn from --seed: the same N and seed give the same
files. A manifest.json beside them records what each was made with, for `bench/parse.py --check`.

Example: python bench/make_corpus.py 430 --seed 1
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import variants
from variants import synthetic_reports

from peelgraph.loaders.reference import REPORTS_DIR

SEED_REPORT = REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt"
DEFAULT_OUT = Path(__file__).resolve().parent / "corpus"
GENERATOR_FILE = "generator.sha256"
"""Beside the reports: what made them, so that a kept corpus is remade when the generator changes."""


def generator_fingerprint() -> str:
    """sha256 over the seed report and the code that alters it."""
    digest = hashlib.sha256()
    for path in (SEED_REPORT, Path(variants.__file__), Path(__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="how many reports to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"directory (default {DEFAULT_OUT})")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    for stale in arguments.out.glob("peel-*.txt"):
        stale.unlink()
    manifest = {}
    text = SEED_REPORT.read_text(encoding="utf-8")
    for number, report in enumerate(synthetic_reports(text, arguments.count, arguments.seed), 1):
        name = f"peel-{report.year}-effectiveness-{report.force.id}.txt"
        (arguments.out / name).write_text(report.text, encoding="utf-8")
        manifest[name] = {
            "force": report.force.id,
            "year": report.year,
            "grades": {str(question): grade for question, grade in report.grades.items()},
            "areas": {str(question): list(areas) for question, areas in report.areas.items()},
            "scale": report.scale,
        }
        if sys.stderr.isatty():
            print(f"\r{number}/{arguments.count}", end="", file=sys.stderr)
    (arguments.out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    (arguments.out / GENERATOR_FILE).write_text(generator_fingerprint(), encoding="utf-8")
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"wrote {len(manifest)} reports to {arguments.out}")


if __name__ == "__main__":
    main()
