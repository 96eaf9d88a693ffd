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


def bundled_reports() -> tuple[Path, ...]:
    return tuple(sorted(REPORTS_DIR.glob("*.txt")))


def plan(files: Sequence[Path], progress: Progress = lambda _: None) -> LoadPlan:
    """Read everything to load; the first bad input raises `InputError` before anything is written.

    With no files: the bundled reference tables and the bundled reports.
    """
    questions = read_questions(REFERENCE_DIR / "questions.csv")
    reference = None
    if not files:
        forces = read_forces(REFERENCE_DIR / "forces.csv")
        grades = read_pillar_grades(REFERENCE_DIR / "pillar-grades.csv", {force.id for force in forces})
        names = {entry.id: entry.name for entry in default_gazetteer().entries}
        reference = reference_rows(forces, grades, questions, names)
    reports = []
    for path in tuple(files) or bundled_reports():
        reports.append(report_rows(read_report(path), questions))
        progress(f"read {path.name}")
    return LoadPlan(reference=reference, reports=tuple(reports))


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
