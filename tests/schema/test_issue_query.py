"""The query of issue 5, exactly as written, answers with Cambridgeshire's and ERSOU's real facts."""

from __future__ import annotations

from tests.schema.conftest import Api

ISSUE_QUERY = """
{ force(id: "cambridgeshire") {
    name rocu { acronym }
    reports { year pillar overallGrade
      judgments { grade previousGrade question { number title } evidence { page text } }
      areasForImprovement { text question { number } } }
    partners { name acronym kind } }
  organisation(id: "ersou") { name members { id } mentions { page text } } }
"""


def test_cambridgeshire_effectiveness_2015(api: Api) -> None:
    force = api.data(ISSUE_QUERY)["force"]
    assert force["name"] == "Cambridgeshire Constabulary"
    assert force["rocu"] == {"acronym": "ERSOU"}
    report = next(r for r in force["reports"] if (r["pillar"], r["year"]) == ("effectiveness", 2015))
    assert report["overallGrade"] == "REQUIRES_IMPROVEMENT"
    grades = [(j["question"]["number"], j["grade"], j["previousGrade"]) for j in report["judgments"]]
    assert grades == [
        (0, "REQUIRES_IMPROVEMENT", None),
        (1, "GOOD", "GOOD"),
        (2, "REQUIRES_IMPROVEMENT", "GOOD"),
        (3, "REQUIRES_IMPROVEMENT", None),
        (4, "GOOD", None),
    ]
    assert all(j["evidence"] and j["evidence"][0]["page"] > 0 and j["evidence"][0]["text"] for j in report["judgments"])
    assert report["judgments"][2]["question"]["title"].startswith("How effective is the force at investigating crime")


def test_four_areas_for_improvement_under_their_questions(api: Api) -> None:
    force = api.data(ISSUE_QUERY)["force"]
    areas = [a for r in force["reports"] for a in r["areasForImprovement"]]
    assert [a["question"]["number"] for a in areas] == [1, 2, 2, 4]
    assert any("digital evidence" in a["text"] for a in areas)
    assert all(a["text"].startswith("The constabulary should") for a in areas)


def test_reports_newest_first_then_by_pillar(api: Api) -> None:
    reports = api.data(ISSUE_QUERY)["force"]["reports"]
    keys = [(r["year"], r["pillar"]) for r in reports]
    assert keys == sorted(keys, key=lambda key: (-key[0], key[1]))
    assert ("effectiveness", 2016) in [(r["pillar"], r["year"]) for r in reports]


def test_partners_with_ersou_first(api: Api) -> None:
    partners = api.data(ISSUE_QUERY)["force"]["partners"]
    ersou = {"name": "Eastern Region Special Operations Unit", "acronym": "ERSOU", "kind": "regional-unit"}
    assert partners[0] == ersou
    names = {p["name"] for p in partners}
    assert {"Bedfordshire Police", "Hertfordshire Constabulary", "National Crime Agency"} <= names
    assert {"name": "Bedfordshire Police", "acronym": None, "kind": "force"} in partners
    assert {"name": "National Crime Agency", "acronym": "NCA", "kind": "national-agency"} in partners


def test_ersou_members_and_mentions(api: Api) -> None:
    ersou = api.data(ISSUE_QUERY)["organisation"]
    assert ersou["name"] == "Eastern Region Special Operations Unit"
    assert [m["id"] for m in ersou["members"]] == [
        "bedfordshire", "cambridgeshire", "essex", "hertfordshire", "kent", "norfolk", "suffolk"
    ]
    pages = [m["page"] for m in ersou["mentions"]]
    assert pages and pages == sorted(pages)
    assert any("ERSOU" in m["text"] for m in ersou["mentions"])
