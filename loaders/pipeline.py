"""From files to the graph: read and check every input first, then write each report in its own transaction.

Nothing is written until every input has parsed, so a bad file leaves the graph exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.rows import ReferenceRows, ReportRows, reference_rows, report_rows
from graph.writer import GraphWriter, WriteSummary
from loaders.reference import REFERENCE_DIR, REPORTS_DIR, read_forces, read_pillar_grades, read_questions
from loaders.report import default_gazetteer, read_report

Progress = Callable[[str], None]
"""Called with a short description after each step (a file parsed, a report written)."""


@dataclass(frozen=True, slots=True)
class LoadPlan:
    reference: ReferenceRows | None
    reports: tuple[ReportRows, ...]
    warnings: tuple[str, ...] = ()
    """What the parser could read only loosely, each `FILE:LINE: expected ...`."""


def bundled_reports() -> tuple[Path, ...]:
    return tuple(sorted(REPORTS_DIR.glob("*.txt")))


def plan(files: Sequence[Path], progress: Progress = lambda _: None, *, strict: bool = False) -> LoadPlan:
    """Read everything to load; the first bad input raises `InputError` before anything is written.

    With no files: the bundled reference tables and the bundled reports. With `strict`, a parser
    warning is such an error too.
    """
    questions = read_questions(REFERENCE_DIR / "questions.csv")
    reference = None
    if not files:
        forces = read_forces(REFERENCE_DIR / "forces.csv")
        grades = read_pillar_grades(REFERENCE_DIR / "pillar-grades.csv", {force.id for force in forces})
        names = {entry.id: entry.name for entry in default_gazetteer().entries}
        reference = reference_rows(forces, grades, questions, names)
    reports = []
    warnings: list[str] = []
    for path in tuple(files) or bundled_reports():
        document = read_report(path, strict=strict)
        reports.append(report_rows(document, questions))
        warnings += (warning.located(document.report.source) for warning in document.warnings)
        progress(f"read {path.name}")
    return LoadPlan(reference=reference, reports=tuple(reports), warnings=tuple(warnings))


def execute(plan: LoadPlan, writer: GraphWriter, progress: Progress = lambda _: None) -> WriteSummary:
    """Apply the schema, then the reference data (if planned), then each report in its own transaction."""
    writer.apply_schema()
    if plan.reference is not None:
        writer.write_reference(plan.reference)
        progress("wrote the reference tables")
    for rows in plan.reports:
        writer.write_report(rows)
        progress(f"wrote {rows.report['id']}")
    return writer.summary
