"""Reference tables: the 43 forces with their regional units, the questions, and published pillar grades."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.document import GRADES
from loaders.errors import InputError
from loaders.files import DEFAULT_MAX_BYTES, read_text

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REFERENCE_DIR = DATA_DIR / "reference"
REPORTS_DIR = DATA_DIR / "reports"
PILLARS: tuple[str, ...] = ("effectiveness", "efficiency", "legitimacy")


@dataclass(frozen=True, slots=True)
class ForceRow:
    id: str
    name: str
    ons_code: str
    country: str
    rocu: str | None
    """Lower-case acronym of the force's regional organised crime unit (`ersou`), if it has one."""
    rocu_acronym: str | None
    rocu_alias: str | None
    """The unit's operational name where the table gives one (`Zephyr`)."""
    notes: str


@dataclass(frozen=True, slots=True)
class PillarGradeRow:
    force_id: str
    year: int
    pillar: str
    question: str
    grade: str
    source_url: str
    line: int


FORCE_COLUMNS = ("force_name", "police_uk_id", "ons_pfa_code", "country", "rocu_2018_on", "notes")
GRADE_COLUMNS = ("force_id", "year", "pillar", "question", "grade", "source_url")
QUESTION_COLUMNS = ("pillar", "number", "title")


def read_forces(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[ForceRow, ...]:
    """Read `forces.csv`; raise InputError naming the line of the first bad row."""
    rows = []
    for line, record in records(path, FORCE_COLUMNS, max_bytes):
        force_id = record["police_uk_id"].strip()
        name = record["force_name"].strip()
        if not force_id or not name:
            raise InputError(str(path), line, "expected a force name and a police.uk id")
        acronym, alias = _split_rocu(record["rocu_2018_on"])
        rows.append(
            ForceRow(
                id=force_id,
                name=name,
                ons_code=record["ons_pfa_code"].strip(),
                country=record["country"].strip(),
                rocu=acronym.lower() if acronym else None,
                rocu_acronym=acronym,
                rocu_alias=alias,
                notes=(record.get("notes") or "").strip(),
            )
        )
    return tuple(rows)


def read_pillar_grades(
    path: Path, force_ids: set[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[PillarGradeRow, ...]:
    """Read `pillar-grades.csv`, checking each row's force, year, pillar and grade."""
    rows = []
    for line, record in records(path, GRADE_COLUMNS, max_bytes):
        force_id = record["force_id"].strip()
        if force_id not in force_ids:
            raise InputError(str(path), line, f"expected a known police.uk force id, got {force_id!r}")
        year_text = record["year"].strip()
        if not (year_text.isdigit() and len(year_text) == 4):
            raise InputError(str(path), line, f"expected a four-digit year, got {year_text!r}")
        pillar = record["pillar"].strip()
        if pillar not in PILLARS:
            raise InputError(str(path), line, f"expected a pillar ({', '.join(PILLARS)}), got {pillar!r}")
        grade = record["grade"].strip()
        if grade not in GRADES:
            raise InputError(str(path), line, f"expected a grade ({', '.join(GRADES)}), got {grade!r}")
        rows.append(
            PillarGradeRow(
                force_id=force_id,
                year=int(year_text),
                pillar=pillar,
                question=record["question"].strip() or "overall",
                grade=grade,
                source_url=record["source_url"].strip(),
                line=line,
            )
        )
    return tuple(rows)


def records(
    path: Path, columns: tuple[str, ...], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of a CSV file with its line number; raise InputError on a missing column or a short row."""
    reader = csv.DictReader(io.StringIO(read_text(path, max_bytes, "CSV")))
    missing = [column for column in columns if column not in (reader.fieldnames or ())]
    if missing:
        raise InputError(str(path), 1, f"expected a header with columns {', '.join(columns)}")
    for record in reader:
        if None in record or any(record.get(column) is None for column in columns):
            raise InputError(str(path), reader.line_num, f"expected {len(columns)} fields")
        yield reader.line_num, record


def _split_rocu(value: str) -> tuple[str | None, str | None]:
    """`SWROCU (Zephyr)` -> (`SWROCU`, `Zephyr`); `none (London region)` -> (None, None)."""
    text = value.strip()
    acronym, _, rest = text.partition(" ")
    if not acronym or acronym.lower() == "none":
        return None, None
    alias = rest.strip().strip("()").strip() or None
    return acronym, alias


@dataclass(frozen=True, slots=True)
class QuestionRow:
    pillar: str
    number: int
    title: str


def read_questions(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[QuestionRow, ...]:
    """Read `questions.csv`: the canonical wording of each pillar's questions (number 0 is the overall one)."""
    rows = []
    for line, record in records(path, QUESTION_COLUMNS, max_bytes):
        pillar = record["pillar"].strip()
        number = record["number"].strip()
        if pillar not in PILLARS or not number.isdigit():
            raise InputError(str(path), line, "expected a pillar and a question number")
        rows.append(QuestionRow(pillar=pillar, number=int(number), title=record["title"].strip()))
    return tuple(rows)
