"""From files to the graph: read and check every input first, then write each report in its own transaction.

Nothing is written until every input has parsed, so a bad file leaves the graph exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.rows import ReferenceRows, ReportRows, reference_rows, report_rows
from graph.writer import GraphWriter, WriteSummary
from loaders.files import DEFAULT_MAX_BYTES
from loaders.question_grades import WordingRow, check_agreement, gradable_questions, read_question_grades, read_wordings
from loaders.reference import (
    REFERENCE_DIR,
    REPORTS_DIR,
    QuestionRow,
    read_forces,
    read_pillar_grades,
    read_questions,
)
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


def plan(
    files: Sequence[Path], progress: Progress = lambda _: None, reference_dir: Path = REFERENCE_DIR, *,
    strict: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadPlan:
    """Read everything to load; the first bad input raises `InputError` before anything is written.

    With no files: the reference tables of `reference_dir` (the bundled ones by default) and the
    bundled reports. With `strict`, a parser warning is such an error too. A file that is not a regular
    one, or is larger than `max_bytes`, is such an error before it is read.
    """
    questions = read_questions(reference_dir / "questions.csv", max_bytes)
    wordings = read_wordings(reference_dir / "question-wordings.csv", max_bytes)
    reference = None
    if not files:
        reference = _reference(reference_dir, questions, wordings, max_bytes)
    reports = []
    warnings: list[str] = []
    for path in tuple(files) or bundled_reports():
        document = read_report(path, strict=strict, max_bytes=max_bytes)
        reports.append(report_rows(document, questions, wordings))
        warnings += (warning.located(document.report.source) for warning in document.warnings)
        progress(f"read {path.name}")
    return LoadPlan(reference=reference, reports=tuple(reports), warnings=tuple(warnings))


def _reference(
    reference_dir: Path, questions: Sequence[QuestionRow], wordings: Sequence[WordingRow], max_bytes: int
) -> ReferenceRows:
    forces = read_forces(reference_dir / "forces.csv", max_bytes)
    force_ids = {force.id for force in forces}
    pillar_path, question_path = reference_dir / "pillar-grades.csv", reference_dir / "question-grades.csv"
    pillar_grades = read_pillar_grades(pillar_path, force_ids, max_bytes)
    question_grades = read_question_grades(
        question_path, force_ids, gradable_questions(questions, wordings), max_bytes
    )
    check_agreement(pillar_path, pillar_grades, question_path, question_grades)
    names = {entry.id: entry.name for entry in default_gazetteer().entries}
    return reference_rows(forces, pillar_grades, question_grades, questions, wordings, names)


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
