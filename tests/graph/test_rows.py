"""graph/write/rows.py without a database: what the writer is handed for a parsed report and the reference tables."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from peelgraph.graph.write.rows import (
    ENTITY_LABELS,
    ReportRows,
    document_hash,
    question_id,
    reference_rows,
    report_id,
    report_rows,
)
from peelgraph.loaders.document import GRADES, ReportDocument, grade_rank
from peelgraph.loaders.question_grades import QuestionGradeRow, gradable_questions, read_question_grades, read_wordings
from peelgraph.loaders.reference import (
    REFERENCE_DIR,
    REPORTS_DIR,
    ForceRow,
    PillarGradeRow,
    read_forces,
    read_pillar_grades,
    read_questions,
)
from peelgraph.loaders.report import read_report

SEED = REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt"


@pytest.fixture(scope="module")
def document() -> ReportDocument:
    return read_report(SEED)


@pytest.fixture(scope="module")
def rows(document: ReportDocument) -> ReportRows:
    questions = read_questions(REFERENCE_DIR / "questions.csv")
    return report_rows(document, questions, read_wordings(REFERENCE_DIR / "question-wordings.csv"))


def test_the_report_row(rows: ReportRows, document: ReportDocument) -> None:
    assert rows.report["id"] == report_id("cambridgeshire", "effectiveness", 2015)
    assert rows.report["id"] == "cambridgeshire-effectiveness-2015"
    assert rows.report["forceId"] == "cambridgeshire"
    assert rows.report["documentHash"] == document_hash(document)
    assert (rows.report["pillar"], rows.report["year"]) == ("effectiveness", 2015)


def test_one_judgment_per_question_and_the_overall_one(rows: ReportRows, document: ReportDocument) -> None:
    assert [row["number"] for row in rows.judgments] == [0, 1, 2, 3, 4]
    for row in rows.judgments:
        assert row["id"] == f"{rows.report['id']}/q{row['number']}"
        assert row["questionId"] == question_id("effectiveness", row["number"])
        assert row["grade"] in GRADES and row["gradeRank"] == grade_rank(row["grade"])
    assert rows.judgments[0]["grade"] == document.overall.grade
    assert [row["grade"] for row in rows.judgments[1:]] == [question.grade for question in document.questions]


def test_every_reference_to_a_passage_is_to_a_passage_row(rows: ReportRows) -> None:
    ids = [row["id"] for row in rows.passages]
    assert len(ids) == len(set(ids))
    referenced = {row["passageId"] for row in (*rows.judgments, *rows.areas, *rows.metrics)}
    referenced |= {pid for label in ENTITY_LABELS for row in rows.mentions[label] for pid in row["passageIds"]}
    assert referenced == set(ids), "a passage row no fact refers to, or a fact without its passage"
    assert all(row["id"].startswith(f"{rows.report['id']}/p{row['page']}/") for row in rows.passages)
    assert {row["role"] for row in rows.passages} <= {"force", "explainer", "source", "citation", "definition"}


def test_passages_are_placed_in_their_question_section(rows: ReportRows, document: ReportDocument) -> None:
    sections = {question.number: question.pages for question in document.questions}
    for row in rows.passages:
        if row["question"] in sections:
            first, last = sections[row["question"]]
            assert first <= row["page"] <= last


def test_ids_are_unique_within_each_kind(rows: ReportRows) -> None:
    for kind in (rows.judgments, rows.areas, rows.metrics, rows.terms):
        duplicates = [key for key, count in Counter(row["id"] for row in kind).items() if count > 1]
        assert duplicates == []
    for label in ENTITY_LABELS:
        assert len({row["id"] for row in rows.mentions[label]}) == len(rows.mentions[label])


def test_the_inspected_force_does_not_mention_itself(rows: ReportRows) -> None:
    assert "cambridgeshire" not in {row["id"] for row in rows.mentions["Force"]}
    assert all(area["concerns"]["Force"].count("cambridgeshire") == 0 for area in rows.areas)


def test_areas_belong_to_their_question(rows: ReportRows, document: ReportDocument) -> None:
    expected = [(question.number, area.text) for question in document.questions
                for area in question.areas_for_improvement]
    assert [(int(row["questionId"].rsplit("-", 1)[1]), row["text"]) for row in rows.areas] == expected


def test_the_hash_ignores_the_path_and_changes_with_a_fact(document: ReportDocument, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(SEED.read_bytes())
    assert document_hash(read_report(copy)) == document_hash(document)
    regraded = replace(document, overall=replace(document.overall, grade="Outstanding"))
    assert document_hash(regraded) != document_hash(document)


def test_reference_rows_from_the_bundled_tables() -> None:
    forces = read_forces(REFERENCE_DIR / "forces.csv")
    ids = {force.id for force in forces}
    questions = read_questions(REFERENCE_DIR / "questions.csv")
    wordings = read_wordings(REFERENCE_DIR / "question-wordings.csv")
    pillar = read_pillar_grades(REFERENCE_DIR / "pillar-grades.csv", ids)
    by_question = read_question_grades(REFERENCE_DIR / "question-grades.csv", ids,
                                       gradable_questions(questions, wordings))
    rows = reference_rows(forces, pillar, by_question, questions, wordings, {})
    assert len(rows.forces) == 43
    members = [member for rocu in rows.rocus for member in rocu["members"]]
    assert sorted(members) == sorted(force.id for force in forces if force.rocu is not None)
    assert len({row["id"] for row in rows.judgments}) == len(rows.judgments)
    report_ids = {row["id"] for row in rows.reports}
    assert {row["reportId"] for row in rows.judgments} == report_ids
    assert all(row["id"] == f"{row['reportId']}/q{row['questionId'].rsplit('-', 1)[1]}" for row in rows.judgments)


def test_both_tables_grading_a_pillar_keep_the_row_with_a_basis() -> None:
    force = ForceRow(id="kent", name="Kent Police", ons_code="E23000032", country="England", rocu=None,
                     rocu_acronym=None, rocu_alias=None, notes="")
    pillar = [PillarGradeRow(force_id="kent", year=2016, pillar="efficiency", question="overall", grade="Good",
                             source_url="https://example.org/p", line=2)]
    question = [QuestionGradeRow(force_id="kent", year=2016, pillar="efficiency", question=0, grade="Good",
                                 basis="table", source_url="https://example.org/q", line=2)]
    rows = reference_rows([force], pillar, question, [], [], {})
    (judgment,) = rows.judgments
    assert (judgment["id"], judgment["basis"], judgment["sourceUrl"]) == ("kent-efficiency-2016/q0", "table",
                                                                          "https://example.org/q")
    (report,) = rows.reports
    assert report["title"] == "PEEL: Police efficiency 2016 \N{EN DASH} Kent Police"
