"""Reading a report's PDF: the median time from PDF bytes to the parsed document, against parsing its text.

The PDF is the bundled report laid out as the published reports are (`tests/loaders/pdfs.py`: two-column
summary pages, tables, footnotes, page numbers; 36 pages). Both are timed in the same process, alternately,
so the ratio holds even on a busy machine; the load average is printed with them.

Example: python bench/pdf.py --runs 10
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from peelgraph.loaders.reference import REPORTS_DIR
from peelgraph.loaders.report import default_forces, default_gazetteer, parse_report, report_text
from tests.loaders.pdfs import report_pdf

SEED_REPORT = REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt"


def parse(data: bytes, suffix: str) -> None:
    parse_report(report_text(data, f"report{suffix}", suffix), source=f"report{suffix}", forces=default_forces(),
                 gazetteer=default_gazetteer())


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=10)
    runs = options.parse_args().runs
    text = SEED_REPORT.read_bytes()
    pdf = report_pdf(text.decode("utf-8"))
    parse(text, ".txt")
    parse(pdf, ".pdf")
    timed: dict[str, list[float]] = {".pdf": [], ".txt": []}
    for _ in range(runs):
        for suffix, data in ((".pdf", pdf), (".txt", text)):
            start = time.perf_counter()
            parse(data, suffix)
            timed[suffix].append(time.perf_counter() - start)
    pdf_ms, text_ms = (statistics.median(timed[suffix]) * 1000 for suffix in (".pdf", ".txt"))
    print(f"summary: pdf_median_ms={pdf_ms:.0f} text_median_ms={text_ms:.1f} ratio={pdf_ms / text_ms:.0f} "
          f"pages=36 pdf_kb={len(pdf) // 1024} runs={runs} loadavg={os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
