"""Every query of the researchers' library (`cypher/analysis/`) runs on the bundled data and gives its real answer."""

from __future__ import annotations

import csv
from typing import Any

import pytest
from neo4j import Driver

from peelgraph.graph.read.ad_hoc import run_read_only
from peelgraph.graph.statements import header, names, statement
from peelgraph.loaders.reference import REFERENCE_DIR
from peelgraph.settings import Settings


def run(driver: Driver, settings: Settings, name: str, **parameters: Any) -> list[dict[str, Any]]:
    return list(run_read_only(driver, settings, statement(f"analysis/{name}"), parameters).rows)


@pytest.mark.parametrize("name", names("analysis"))
def test_each_query_is_documented(name: str) -> None:
    text = header(name)
    assert text.startswith("Question:"), f"{name} must open with the question it answers"
    assert "Parameters:" in text and "Returns:" in text


def test_library_has_at_least_twelve_queries() -> None:
    assert len(names("analysis")) >= 12


def test_force_grades(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "force_grades", forceId="cambridgeshire")
    effectiveness_2015 = [
        (r["question"], r["grade"]) for r in rows if (r["pillar"], r["year"]) == ("effectiveness", 2015)
    ]
    assert effectiveness_2015 == [(0, "Requires improvement"), (1, "Good"), (2, "Requires improvement"),
                                  (3, "Requires improvement"), (4, "Good")]
    assert ("efficiency", 2016, "Requires improvement") in {(r["pillar"], r["year"], r["grade"]) for r in rows}


def test_rocu_grades(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "rocu_grades", rocu="ersou", pillar="effectiveness", year=2016)
    grades = {r["force"]: r["grade"] for r in rows}
    assert grades["Bedfordshire Police"] == "Inadequate"
    assert grades["Hertfordshire Constabulary"] == "Requires improvement"
    assert grades["Cambridgeshire Constabulary"] == "Good"
    assert rows[-1]["force"] == "Bedfordshire Police", "ordered best first"


def test_question_grade_in_rocu(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "question_grade_in_rocu", rocu="ersou", pillar="effectiveness", number=2,
               grade="Requires improvement")
    assert [(r["force"], r["year"], r["gradeSource"], r["basis"]) for r in rows] == [
        ("Cambridgeshire Constabulary", 2015, "report", None),
        ("Bedfordshire Police", 2016, "table", "summary"),
    ]
    assert rows[0]["page"] >= 1 and "investigating crime" in rows[0]["evidence"]
    assert rows[1]["sourceUrl"].startswith("http") and rows[1]["question"].endswith("reducing re-offending?")


def _table_grades() -> dict[tuple[str, int, int], dict[str, str]]:
    with (REFERENCE_DIR / "question-grades.csv").open(encoding="utf-8") as source:
        return {(r["force_id"], int(r["year"]), int(r["question"])): r for r in csv.DictReader(source)}


def _force_names() -> dict[str, str]:
    with (REFERENCE_DIR / "forces.csv").open(encoding="utf-8") as source:
        return {r["police_uk_id"]: r["force_name"] for r in csv.DictReader(source)}


def test_question_grade_across_forces(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "question_grade_across_forces", pillar="effectiveness", number=3, year=2015,
               grade="Inadequate")
    names = _force_names()
    expected = sorted(names[force] for (force, year, number), row in _table_grades().items()
                      if (year, number, row["grade"]) == (2015, 3, "Inadequate"))
    assert [r["force"] for r in rows] == expected
    assert "Bedfordshire Police" in expected and all(r["source"].startswith("http") for r in rows)


def test_question_grade_changes(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "question_grade_changes", pillar="effectiveness", number=0, **{"from": 2015},
               to=2016)
    table, names = _table_grades(), _force_names()
    rank = {"Inadequate": 1, "Requires improvement": 2, "Good": 3, "Outstanding": 4}
    expected = {
        names[force]: rank[table[(force, 2016, 0)]["grade"]] - rank[row["grade"]]
        for (force, year, number), row in table.items()
        if (year, number) == (2015, 0) and table[(force, 2016, 0)]["grade"] != row["grade"]
    }
    assert {r["force"]: r["change"] for r in rows} == expected
    assert [r["change"] for r in rows] == sorted(r["change"] for r in rows), "falls first"


def test_rocu_grade_matrix(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "rocu_grade_matrix", rocu="ersou", pillar="effectiveness", year=2015)
    assert len(rows) == 7 * 5, "seven forces, the five questions asked in 2015"
    graded = {(r["force"], r["number"]): r for r in rows if r["grade"] is not None}
    names = _force_names()
    for (force, year, number), row in _table_grades().items():
        if year == 2015 and names[force] in {r["force"] for r in rows}:
            assert graded[(names[force], number)]["grade"] == row["grade"]
    cambridgeshire = [r for r in rows if r["force"] == "Cambridgeshire Constabulary"]
    assert {r["gradeSource"] for r in cambridgeshire} == {"report"}
    assert all(", page " in r["source"] for r in cambridgeshire)


def test_force_partners(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "force_partners", forceId="cambridgeshire")
    by_name = {r["partner"]: r for r in rows}
    ersou = by_name["Eastern Region Special Operations Unit"]
    assert rows[0] is ersou or ersou["mentions"] == rows[0]["mentions"]
    assert ersou["acronym"] == "ERSOU" and len(ersou["pages"]) >= 4
    assert {"National Crime Agency", "Bedfordshire Police", "Hertfordshire Constabulary"} <= set(by_name)


def test_partner_evidence(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "partner_evidence", forceId="cambridgeshire", partnerId="ersou")
    assert len(rows) >= 5
    assert all("ERSOU" in r["passage"] or "Eastern Region Special Operations Unit" in r["passage"] for r in rows)
    assert [r["page"] for r in rows] == sorted(r["page"] for r in rows)
    home_office = run(loaded_graph, settings, "partner_evidence", forceId="cambridgeshire", partnerId="home-office")
    roles = {r["role"] for r in home_office}
    assert {"force", "source", "citation"} <= roles, "every passage naming the partner, each with its role"


def test_areas_mentioning(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "areas_mentioning", phrase="Digital Evidence")
    assert len(rows) == 1
    assert rows[0]["question"] == 2 and rows[0]["area"].startswith("The constabulary should improve its ability")


def test_shared_partners(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "shared_partners", forceId="essex")
    forces = {r["force"] for r in rows}
    assert {"Cambridgeshire Constabulary", "Norfolk Constabulary", "Suffolk Constabulary"} <= forces


def test_scheme_usage(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "scheme_usage")
    iom = [r for r in rows if r["acronym"] == "IOM"]
    assert iom and iom[0]["force"] == "Cambridgeshire Constabulary"
    assert "offender" in iom[0]["passage"].lower()


def test_grade_distribution(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "grade_distribution")
    effectiveness_2016 = {r["grade"]: r["forces"] for r in rows if (r["pillar"], r["year"]) == ("effectiveness", 2016)}
    assert sum(effectiveness_2016.values()) == 43
    assert effectiveness_2016["Outstanding"] == 1 and effectiveness_2016["Inadequate"] == 1


def test_metrics_against_england_and_wales(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "metrics_against_england_and_wales",
               reportId="cambridgeshire-effectiveness-2015")
    paired = {r["label"]: (r["force"], r["englandAndWales"]) for r in rows if r["englandAndWales"] is not None}
    assert any(pair == (56.3, 63.0) for pair in paired.values()), "recorded crime rate 56.3 vs 63.0"
    assert any(pair == (86.5, 83.8) for pair in paired.values()), "victim satisfaction 86.5 vs 83.8"


def test_shortest_path(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "shortest_path", fromId="essex", toId="cambridgeshire")
    assert rows[0]["path"][0] == "Essex Police" and rows[0]["path"][-1] == "Cambridgeshire Constabulary"
    assert len(rows[0]["steps"]) == 2
    direct = run(loaded_graph, settings, "shortest_path", fromId="cambridgeshire", toId="nca")
    assert direct[0]["steps"] == ["WORKS_WITH"] and "NCA" in direct[0]["evidence"][0]


def test_grades_fallen(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "grades_fallen")
    assert [(r["force"], r["previousGrade"], r["grade"]) for r in rows] == [
        ("Cambridgeshire Constabulary", "Good", "Requires improvement")
    ]
    assert "investigating crime" in rows[0]["question"]


def test_organisation_reach(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "organisation_reach", organisationId="ersou")
    assert rows[0]["force"] == "Cambridgeshire Constabulary" and rows[0]["worksWith"]
    assert sum(r["member"] for r in rows) == 7


def test_partners_for_question(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "partners_for_question", forceId="cambridgeshire", number=4)
    partners = {r["partner"] for r in rows}
    assert {"Eastern Region Special Operations Unit", "National Crime Agency"} <= partners
    assert "Crown Prosecution Service" not in partners, "the CPS is named under question 2, not 4"
    assert not {"Border Force", "HM Revenue and Customs", "Regional organised crime unit"} & partners, (
        "named under question 4 only in explainers and citations"
    )


def test_force_network(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "force_network", forceId="cambridgeshire")
    types = {r["relationship"]["type"] for r in rows}
    assert {"WORKS_WITH", "MEMBER_OF", "USES", "INSPECTS"} <= types


def test_force_neighbourhood_with_apoc_path_expansion(loaded_graph: Driver, settings: Settings) -> None:
    """apoc.path.subgraphAll's answer is the nodes within the depth and every relationship between them."""
    for depth in (1, 2):
        row = run(loaded_graph, settings, "force_neighbourhood", forceId="cambridgeshire", depth=depth)[0]
        expected = loaded_graph.execute_query(
            f"""
            MATCH (f:Force {{id: 'cambridgeshire'}})-[*0..{depth}]-(n)
            WITH collect(DISTINCT n) AS nodes
            RETURN size(nodes) AS nodes, size([(a)-[r]->(b) WHERE a IN nodes AND b IN nodes | r]) AS relationships
            """
        ).records[0]
        assert (row["nodeCount"], row["relationshipCount"]) == (expected["nodes"], expected["relationships"])
        assert len(row["nodes"]) == row["nodeCount"] and sum(row["labels"].values()) == row["nodeCount"]
    assert row["labels"]["Passage"] > 0 and row["labels"]["Force"] >= 4


def test_partner_overlap_with_apoc_collections(loaded_graph: Driver, settings: Settings) -> None:
    rows = run(loaded_graph, settings, "partner_overlap", forceId="cambridgeshire")
    expected = loaded_graph.execute_query(
        """
        MATCH (f:Force {id: 'cambridgeshire'})-[:WORKS_WITH|MEMBER_OF]->(p)
        WITH f, collect(DISTINCT p) AS own
        MATCH (o:Force)-[:WORKS_WITH|MEMBER_OF]->(q) WHERE o <> f
        WITH own, o, collect(DISTINCT q) AS theirs
        WITH o, [x IN own WHERE x IN theirs] AS shared, size(own) + size([x IN theirs WHERE NOT x IN own]) AS either
        WHERE size(shared) > 0
        RETURN o.name AS force, size(shared) AS shared, toFloat(size(shared)) / either AS overlap
        """
    ).records
    assert {(r["force"], r["shared"], round(r["overlap"], 3)) for r in expected} == {
        (r["force"], r["shared"], r["overlap"]) for r in rows
    }
    assert "Suffolk Constabulary" in {r["force"] for r in rows}
    assert all("Eastern Region Special Operations Unit" in r["partners"] for r in rows)
    assert [r["overlap"] for r in rows] == sorted((r["overlap"] for r in rows), reverse=True)
