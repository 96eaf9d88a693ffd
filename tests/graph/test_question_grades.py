"""The question-grades table in the graph: table judgments with their basis and source, the report's own
grades first, questions as worded in their year, and tables refused whole when a row does not fit."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from neo4j import Driver

from peelgraph.loaders.document import GRADES
from peelgraph.loaders.reference import REFERENCE_DIR
from tests.graphstate import counts, peelgraph, snapshot

TABLE = REFERENCE_DIR / "question-grades.csv"


def _table_rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as source:
        return list(csv.DictReader(source))


def test_every_table_row_is_a_judgment_with_its_basis_and_source(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (f:Force)<-[:INSPECTS]-(r:Report)-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
        RETURN f.id AS force, r.year AS year, r.pillar AS pillar, q.number AS number, j.grade AS grade,
               j.gradeSource AS source, j.basis AS basis, j.sourceUrl AS url
        """
    ).records
    graph = {(r["force"], r["year"], r["pillar"], r["number"]): r for r in records}
    for row in _table_rows():
        judgment = graph[(row["force_id"], int(row["year"]), row["pillar"], int(row["question"]))]
        assert judgment["grade"] == row["grade"]
        if judgment["source"] == "table":
            assert (judgment["basis"], judgment["url"]) == (row["basis"], row["source_url"])
        else:
            assert (judgment["basis"], judgment["url"]) == (None, None)


def test_a_grade_read_from_the_report_wins(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (:Report {id: 'cambridgeshire-effectiveness-2015'})-[:JUDGES]->(j:Judgment)-[:EVIDENCED_BY]->(p)
        RETURN DISTINCT j.id AS id, j.gradeSource AS source, j.basis AS basis
        """
    ).records
    assert len(records) == 5
    assert {(r["source"], r["basis"]) for r in records} == {("report", None)}


def test_judgments_answer_the_question_as_worded_in_their_year(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (r:Report {pillar: 'effectiveness'})-[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 2})
        RETURN r.year AS year, collect(DISTINCT j.asked) AS asked
        ORDER BY year
        """
    ).records
    assert [(r["year"], r["asked"]) for r in records] == [
        (2015, ["How effective is the force at investigating crime and managing offenders?"]),
        (2016, ["How effective is the force at investigating crime and reducing re-offending?"]),
    ]
    fifth = loaded_graph.execute_query(
        "MATCH (q:Question {id: 'effectiveness-5'}) RETURN q.years AS years, count { (q)<-[:ANSWERS]-() } AS n"
    ).records
    assert [(r["years"], r["n"]) for r in fifth] == [([2016], 0)]


def _reference_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    return folder


def _with_row(lines: list[str], row: str) -> tuple[list[str], int]:
    """The table with `row` added, or, for "conflict", with a question-0 row's grade changed in place."""
    if row != "conflict":
        return [*lines, row], len(lines) + 1
    with (REFERENCE_DIR / "pillar-grades.csv").open(encoding="utf-8") as source:
        overall = {(r["force_id"], r["year"], r["pillar"]): r["grade"] for r in csv.DictReader(source)}
    for index, line in enumerate(lines):
        force, year, pillar, question, grade, *rest = line.split(",")
        if question == "0" and overall.get((force, year, pillar)) == grade:
            other = next(g for g in GRADES if g != grade)
            changed = ",".join([force, year, pillar, question, other, *rest])
            return [*lines[:index], changed, *lines[index + 1:]], index + 1
    raise AssertionError("no question-0 row overlaps pillar-grades.csv")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("conflict", "as "),
        ("atlantis,2015,effectiveness,1,Good,stated,https://example.org/", "known police.uk force id"),
        ("kent,2015,effectiveness,1,Very good,stated,https://example.org/", "expected a grade"),
        ("kent,2015,effectiveness,7,Good,stated,https://example.org/", "expected a graded question"),
    ],
)
def test_a_bad_table_row_refuses_the_whole_load(
    loaded_graph: Driver, tmp_path: Path, row: str, expected: str
) -> None:
    folder = _reference_copy(tmp_path)
    table = folder / "question-grades.csv"
    lines, line = _with_row(table.read_text(encoding="utf-8").splitlines(), row)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = (counts(loaded_graph), snapshot(loaded_graph))

    result = peelgraph("load", "--reference", str(folder))

    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message
    assert f"{table}:{line}: " in message and expected in message
    if row == "conflict":
        assert f"{folder / 'pillar-grades.csv'}:" in message
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before
