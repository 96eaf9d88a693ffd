"""Question-level grades from public pages, the questions as worded in each year, and their checks.

`question-grades.csv` gives a grade per force, year, pillar and question with the `basis` it was read
on; its question-0 rows overlap `pillar-grades.csv`, and the two must agree where they meet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from loaders.document import GRADES
from loaders.errors import InputError
from loaders.files import DEFAULT_MAX_BYTES
from loaders.reference import PILLARS, PillarGradeRow, QuestionRow, records

BASES: tuple[str, ...] = ("stated", "summary", "carried-over")
"""How a table grade was read: said in so many words, read from summary wording, or carried over."""
QUESTION_GRADE_COLUMNS = ("force_id", "year", "pillar", "question", "grade", "basis", "source_url")
WORDING_COLUMNS = ("pillar", "year", "number", "title", "graded")


@dataclass(frozen=True, slots=True)
class QuestionGradeRow:
    force_id: str
    year: int
    pillar: str
    question: int
    grade: str
    basis: str
    source_url: str
    line: int


@dataclass(frozen=True, slots=True)
class WordingRow:
    """A question as it was asked in one year's inspection."""

    pillar: str
    year: int
    number: int
    title: str
    graded: bool


def read_wordings(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[WordingRow, ...]:
    """Read `question-wordings.csv`: each year's wording of a pillar's questions, and whether it was graded."""
    rows = []
    for line, record in records(path, WORDING_COLUMNS, max_bytes):
        pillar, year, number = record["pillar"].strip(), record["year"].strip(), record["number"].strip()
        graded = record["graded"].strip()
        if pillar not in PILLARS or not _is_year(year) or not number.isdigit() or graded not in ("yes", "no"):
            raise InputError(str(path), line, "expected a pillar, a four-digit year, a question number and yes/no")
        rows.append(WordingRow(pillar, int(year), int(number), record["title"].strip(), graded == "yes"))
    return tuple(rows)


def gradable_questions(
    questions: Sequence[QuestionRow], wordings: Sequence[WordingRow]
) -> Mapping[tuple[str, int | None], frozenset[int]]:
    """Question numbers that take a grade, by (pillar, year); year None is the pillar's canonical set."""
    numbers: dict[tuple[str, int | None], set[int]] = {}
    for question in questions:
        numbers.setdefault((question.pillar, None), set()).add(question.number)
    for wording in wordings:
        numbers.setdefault((wording.pillar, wording.year), set())
        if wording.graded:
            numbers[(wording.pillar, wording.year)].add(wording.number)
    return {key: frozenset(value) for key, value in numbers.items()}


def read_question_grades(
    path: Path, force_ids: set[str], gradable: Mapping[tuple[str, int | None], frozenset[int]],
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[QuestionGradeRow, ...]:
    """Read `question-grades.csv`; raise InputError naming the line of the first row that does not fit."""
    rows = []
    for line, record in records(path, QUESTION_GRADE_COLUMNS, max_bytes):
        rows.append(_question_grade(path, line, record, force_ids, gradable))
    _check_repeats(path, rows)
    return tuple(rows)


def check_agreement(
    pillar_path: Path,
    pillar_rows: Sequence[PillarGradeRow],
    question_path: Path,
    question_rows: Sequence[QuestionGradeRow],
) -> None:
    """Refuse tables that disagree: a pillar-grades row unlike an earlier one for the same force, year and pillar,
    or a question-0 row whose grade differs from the pillar-grades row for the same force, year and pillar."""
    overall: dict[tuple[str, int, str], PillarGradeRow] = {}
    for row in pillar_rows:
        first = overall.setdefault((row.force_id, row.year, row.pillar), row)
        if first.grade != row.grade:
            raise InputError(
                str(pillar_path), row.line,
                f"expected {first.grade!r} for {row.force_id} {row.pillar} {row.year}, as line {first.line} "
                f"gives it, got {row.grade!r}",
            )
    for graded in question_rows:
        other = overall.get((graded.force_id, graded.year, graded.pillar))
        if graded.question == 0 and other is not None and other.grade != graded.grade:
            raise InputError(
                str(question_path), graded.line,
                f"expected {other.grade!r} for {graded.force_id} {graded.pillar} {graded.year} question 0, as "
                f"{pillar_path}:{other.line} gives it, got {graded.grade!r}",
            )


def _question_grade(
    path: Path,
    line: int,
    record: Mapping[str, str],
    force_ids: set[str],
    gradable: Mapping[tuple[str, int | None], frozenset[int]],
) -> QuestionGradeRow:
    force_id, year, pillar = record["force_id"].strip(), record["year"].strip(), record["pillar"].strip()
    question, grade, basis = record["question"].strip(), record["grade"].strip(), record["basis"].strip()
    source_url = record["source_url"].strip()
    if force_id not in force_ids:
        raise InputError(str(path), line, f"expected a known police.uk force id, got {force_id!r}")
    if not _is_year(year):
        raise InputError(str(path), line, f"expected a four-digit year, got {year!r}")
    if pillar not in PILLARS:
        raise InputError(str(path), line, f"expected a pillar ({', '.join(PILLARS)}), got {pillar!r}")
    numbers = gradable.get((pillar, int(year)), gradable.get((pillar, None), frozenset()))
    if not question.isdigit() or int(question) not in numbers:
        expected = ", ".join(str(number) for number in sorted(numbers))
        raise InputError(
            str(path), line, f"expected a graded question of {pillar} {year} ({expected}), got {question!r}"
        )
    if grade not in GRADES:
        raise InputError(str(path), line, f"expected a grade ({', '.join(GRADES)}), got {grade!r}")
    if basis not in BASES:
        raise InputError(str(path), line, f"expected a basis ({', '.join(BASES)}), got {basis!r}")
    if not source_url.startswith(("http://", "https://")):
        raise InputError(str(path), line, f"expected an http(s) source_url, got {source_url!r}")
    return QuestionGradeRow(force_id, int(year), pillar, int(question), grade, basis, source_url, line)


def _check_repeats(path: Path, rows: Sequence[QuestionGradeRow]) -> None:
    """A grade given twice must be the same grade; an exact repeat is harmless."""
    seen: dict[tuple[str, int, str, int], QuestionGradeRow] = {}
    for row in rows:
        key = (row.force_id, row.year, row.pillar, row.question)
        first = seen.setdefault(key, row)
        if first.grade != row.grade:
            raise InputError(
                str(path), row.line,
                f"expected {first.grade!r} for {row.force_id} {row.pillar} {row.year} question {row.question}, "
                f"as line {first.line} gives it, got {row.grade!r}",
            )


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4
