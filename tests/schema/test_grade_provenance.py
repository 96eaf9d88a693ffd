"""Where a grade came from, through the API: the report and its page, or a table row with its basis and
source; and the questions as worded in the year compared."""

from __future__ import annotations

import csv

from loaders.reference import REFERENCE_DIR
from tests.schema.conftest import Api

MATRIX = """
query ($year: Int) {
  compareForces(rocu: "ersou", pillar: EFFECTIVENESS, year: $year) {
    questions { number years ungradedYears }
    rows { force { id } judgments { gradeLabel gradeSource basis sourceUrl page asked question { number } } }
  }
}
"""
BASES = {"stated": "STATED", "summary": "SUMMARY", "carried-over": "CARRIED_OVER"}


def _table(year: int) -> dict[tuple[str, int], dict[str, str]]:
    with (REFERENCE_DIR / "question-grades.csv").open(encoding="utf-8") as source:
        return {(row["force_id"], int(row["question"])): row for row in csv.DictReader(source)
                if row["year"] == str(year) and row["pillar"] == "effectiveness"}


def _ersou() -> list[str]:
    with (REFERENCE_DIR / "forces.csv").open(encoding="utf-8") as source:
        return sorted(row["police_uk_id"] for row in csv.DictReader(source) if row["rocu_2018_on"] == "ERSOU")


def test_ersou_2015_has_every_table_grade_with_its_basis_and_the_reports_own(api: Api) -> None:
    matrix = api.data(MATRIX, {"year": 2015})["compareForces"]
    assert [q["number"] for q in matrix["questions"]] == [0, 1, 2, 3, 4]
    assert sorted(row["force"]["id"] for row in matrix["rows"]) == _ersou() and len(matrix["rows"]) == 7
    table = _table(2015)
    for row in matrix["rows"]:
        force = row["force"]["id"]
        graded = {j["question"]["number"]: j for j in row["judgments"] if j is not None}
        assert 0 in graded, f"{force} has no overall grade"
        assert {n for (f, n) in table if f == force} <= set(graded)
        for number, judgment in graded.items():
            if judgment["gradeSource"] == "report":
                assert force == "cambridgeshire"
                assert judgment["page"] > 0 and judgment["basis"] is None and judgment["sourceUrl"] is None
            else:
                expected = table[(force, number)]
                assert judgment["gradeLabel"] == expected["grade"]
                assert judgment["basis"] == BASES[expected["basis"]]
                assert judgment["sourceUrl"] == expected["source_url"] and judgment["page"] is None
    cambridgeshire = next(row for row in matrix["rows"] if row["force"]["id"] == "cambridgeshire")
    assert {j["gradeSource"] for j in cambridgeshire["judgments"]} == {"report"}


def test_2016_asks_its_own_questions(api: Api) -> None:
    matrix = api.data(MATRIX, {"year": 2016})["compareForces"]
    assert [q["number"] for q in matrix["questions"]] == [0, 1, 2, 3, 4, 5]
    assert [q["years"] for q in matrix["questions"]] == [[2015, 2016]] * 5 + [[2016]]
    # The fifth question was asked without a grade: its empty cells are not grades missing from the graph.
    assert [q["ungradedYears"] for q in matrix["questions"]] == [[]] * 5 + [[2016]]
    asked = {j["question"]["number"]: j["asked"] for row in matrix["rows"] for j in row["judgments"] if j}
    assert asked[2] == "How effective is the force at investigating crime and reducing re-offending?"
    assert asked[4] == "How effective is the force at tackling serious and organised crime?"
    assert all(row["judgments"][5] is None for row in matrix["rows"])
    earlier = api.data(MATRIX, {"year": 2015})["compareForces"]
    asked_2015 = {j["question"]["number"]: j["asked"] for row in earlier["rows"] for j in row["judgments"] if j}
    assert asked_2015[2] == "How effective is the force at investigating crime and managing offenders?"
