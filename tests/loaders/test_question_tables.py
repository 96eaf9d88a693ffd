"""The question-grades table: what a good row becomes, and the one line a bad row is refused with."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from peelgraph.loaders.document import GRADES
from peelgraph.loaders.errors import InputError
from peelgraph.loaders.question_grades import (
    check_agreement,
    gradable_questions,
    read_question_grades,
    read_wordings,
)
from peelgraph.loaders.reference import REFERENCE_DIR, read_forces, read_pillar_grades, read_questions

TABLE = REFERENCE_DIR / "question-grades.csv"
HEADER = "force_id,year,pillar,question,grade,basis,source_url\n"
URL = "https://example.org/page"


@pytest.fixture(scope="module")
def force_ids() -> set[str]:
    return {force.id for force in read_forces(REFERENCE_DIR / "forces.csv")}


@pytest.fixture(scope="module")
def gradable() -> dict[tuple[str, int | None], frozenset[int]]:
    questions = read_questions(REFERENCE_DIR / "questions.csv")
    return dict(gradable_questions(questions, read_wordings(REFERENCE_DIR / "question-wordings.csv")))


def _table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "question-grades.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_bundled_table_reads_every_row(force_ids: set[str], gradable: dict) -> None:
    rows = read_question_grades(TABLE, force_ids, gradable)
    with TABLE.open(encoding="utf-8") as source:
        assert len(rows) == sum(1 for _ in csv.DictReader(source))
    assert {row.basis for row in rows} <= {"stated", "summary", "carried-over"}
    assert {(row.year, row.question) for row in rows if row.question == 0} == {(2015, 0), (2016, 0)}
    for year in (2015, 2016):
        assert {row.force_id for row in rows if row.year == year and row.question == 0} == force_ids


def test_bundled_tables_agree(force_ids: set[str], gradable: dict) -> None:
    pillar_path = REFERENCE_DIR / "pillar-grades.csv"
    pillar = read_pillar_grades(pillar_path, force_ids)
    check_agreement(pillar_path, pillar, TABLE, read_question_grades(TABLE, force_ids, gradable))


def test_2016_has_a_fifth_question_but_it_takes_no_grade(gradable: dict) -> None:
    assert gradable[("effectiveness", 2015)] == frozenset(range(5))
    assert gradable[("effectiveness", 2016)] == frozenset(range(5))
    wordings = read_wordings(REFERENCE_DIR / "question-wordings.csv")
    assert [w.number for w in wordings if w.year == 2016 and not w.graded] == [5]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (f"atlantis,2015,effectiveness,1,Good,stated,{URL}", "expected a known police.uk force id, got 'atlantis'"),
        (f"kent,2015,effectiveness,1,Very good,stated,{URL}", "expected a grade ("),
        (f"kent,2015,effectiveness,6,Good,stated,{URL}", "expected a graded question of effectiveness 2015"),
        (f"kent,2016,effectiveness,5,Good,stated,{URL}", "expected a graded question of effectiveness 2016"),
        (f"kent,2015,efficiency,2,Good,stated,{URL}", "expected a graded question of efficiency 2015 (0)"),
        (f"kent,2015,effectiveness,one,Good,stated,{URL}", "expected a graded question"),
        (f"kent,2015,effectiveness,1,Good,guessed,{URL}", "expected a basis (stated, summary, carried-over)"),
        ("kent,2015,effectiveness,1,Good,stated,", "expected an http(s) source_url"),
        (f"kent,15,effectiveness,1,Good,stated,{URL}", "expected a four-digit year"),
        ("kent,2015,effectiveness,1,Good,stated", "expected 7 fields"),
    ],
)
def test_bad_row_is_refused_naming_file_and_line(
    tmp_path: Path, force_ids: set[str], gradable: dict, row: str, expected: str
) -> None:
    path = _table(tmp_path, f"kent,2015,effectiveness,0,Good,stated,{URL}", row)
    with pytest.raises(InputError) as raised:
        read_question_grades(path, force_ids, gradable)
    message = str(raised.value)
    assert message.startswith(f"{path}:3: ") and expected in message
    assert "\n" not in message


def test_one_grade_given_twice_differently_is_refused(tmp_path: Path, force_ids: set[str], gradable: dict) -> None:
    path = _table(
        tmp_path,
        f"kent,2015,effectiveness,2,Good,stated,{URL}",
        f"kent,2015,effectiveness,2,Good,summary,{URL}",
        f"kent,2015,effectiveness,2,Inadequate,stated,{URL}",
    )
    with pytest.raises(InputError, match=r":4: expected 'Good' for kent effectiveness 2015 question 2, as line 2"):
        read_question_grades(path, force_ids, gradable)


def test_overall_row_unlike_the_pillar_table_names_both_rows(
    tmp_path: Path, force_ids: set[str], gradable: dict
) -> None:
    pillar_path = REFERENCE_DIR / "pillar-grades.csv"
    pillar = read_pillar_grades(pillar_path, force_ids)
    target = next(row for row in pillar if row.pillar == "effectiveness")
    other = next(grade for grade in GRADES if grade != target.grade)
    path = _table(tmp_path, f"{target.force_id},{target.year},effectiveness,0,{other},stated,{URL}")
    with pytest.raises(InputError) as raised:
        check_agreement(pillar_path, pillar, path, read_question_grades(path, force_ids, gradable))
    assert str(raised.value) == (
        f"{path}:2: expected {target.grade!r} for {target.force_id} effectiveness {target.year} question 0, "
        f"as {pillar_path}:{target.line} gives it, got {other!r}"
    )


def test_pillar_table_giving_one_grade_twice_differently_is_refused(tmp_path: Path, force_ids: set[str]) -> None:
    pillar_path = tmp_path / "pillar-grades.csv"
    pillar_path.write_text(
        "force_id,year,pillar,question,grade,source_url\n"
        f"kent,2016,effectiveness,overall,Good,{URL}\n"
        f"kent,2016,effectiveness,overall,Good,{URL}\n"
        f"kent,2016,effectiveness,overall,Inadequate,{URL}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"grades.csv:4: expected 'Good' for kent effectiveness 2016, as line 2"):
        check_agreement(pillar_path, read_pillar_grades(pillar_path, force_ids), TABLE, ())
