"""Connections: filters, orders, pages with cursors and total counts."""

from __future__ import annotations

import pytest

from tests.schema.conftest import Api

GOOD_IN_ERSOU = """
query %s {
  forces(filter: {rocu: "ersou", pillar: %s, year: 2016, grade: GOOD}) { totalCount edges { node { id } } }
}
"""


def _good_in_ersou(pillar: str) -> str:
    return GOOD_IN_ERSOU % ("($pillar: Pillar)" if pillar == "$pillar" else "", pillar)


def _ids(connection: dict) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


@pytest.mark.parametrize("pillar", ['"effectiveness"', "EFFECTIVENESS", "Effectiveness", "$pillar"])
def test_forces_filtered_by_unit_pillar_year_and_grade(api: Api, pillar: str) -> None:
    forces = api.data(_good_in_ersou(pillar), {"pillar": "EFFECTIVENESS"} if pillar == "$pillar" else None)["forces"]
    assert _ids(forces) == ["cambridgeshire", "essex", "kent", "norfolk", "suffolk"]
    assert forces["totalCount"] == 5


def test_unknown_pillar_is_a_clear_error(api: Api) -> None:
    for pillar in ('"effectivness"', "PROPRIETY", "3"):
        message = api.error(_good_in_ersou(pillar))
        assert "unknown pillar" in message and "effectiveness, efficiency or legitimacy" in message
    message = api.error(_good_in_ersou("$pillar"), {"pillar": "nope"})
    assert "unknown pillar" in message


def test_pillar_answers_lower_case(api: Api) -> None:
    reports = api.data('{ reports(filter: {forceId: "kent", pillar: EFFICIENCY}) { edges { node { pillar } } } }')
    assert [edge["node"]["pillar"] for edge in reports["reports"]["edges"]] == ["efficiency"]


def test_paging_through_all_forces(api: Api) -> None:
    query = "query ($after: String) { forces(first: 10, after: $after) { totalCount pageInfo { hasNextPage " \
            "hasPreviousPage endCursor } edges { cursor node { id name } } } }"
    seen: list[str] = []
    after = None
    for page_number in range(5):
        forces = api.data(query, {"after": after})["forces"]
        assert forces["totalCount"] == 43
        assert forces["pageInfo"]["hasPreviousPage"] == (page_number > 0)
        assert forces["pageInfo"]["endCursor"] == forces["edges"][-1]["cursor"]
        seen += [edge["node"]["name"] for edge in forces["edges"]]
        after = forces["pageInfo"]["endCursor"]
        if not forces["pageInfo"]["hasNextPage"]:
            break
    assert page_number == 4 and len(seen) == 43 == len(set(seen))
    assert seen == sorted(seen)


def test_forces_by_grade_best_first(api: Api) -> None:
    query = """{ forces(filter: {pillar: EFFECTIVENESS, year: 2016}, orderBy: GRADE, first: 43) {
        edges { node { name overallGrade(pillar: EFFECTIVENESS, year: 2016) } } } }"""
    rank = {"INADEQUATE": 1, "REQUIRES_IMPROVEMENT": 2, "GOOD": 3, "OUTSTANDING": 4}
    rows = [edge["node"] for edge in api.data(query)["forces"]["edges"]]
    assert len(rows) == 43
    keys = [(-rank[row["overallGrade"]], row["name"]) for row in rows]
    assert keys == sorted(keys)


def test_forces_by_ids(api: Api) -> None:
    forces = api.data('{ forces(filter: {ids: ["suffolk", "durham", "nowhere"]}) { edges { node { id } } } }')
    assert _ids(forces["forces"]) == ["durham", "suffolk"]


def test_reports_filtered_and_ordered(api: Api) -> None:
    data = api.data("""{
      kent: reports(filter: {forceId: "kent"}) { totalCount edges { node { year pillar } } }
      efficiency2015: reports(filter: {pillar: "efficiency", year: 2015}, first: 5) {
        totalCount pageInfo { hasNextPage } edges { node { id force { id } } }
      }
    }""")
    keys = [(edge["node"]["year"], edge["node"]["pillar"]) for edge in data["kent"]["edges"]]
    assert keys == sorted(keys, key=lambda key: (-key[0], key[1])) and data["kent"]["totalCount"] == len(keys)
    assert data["efficiency2015"]["totalCount"] == 43 and data["efficiency2015"]["pageInfo"]["hasNextPage"]
    assert all(edge["node"]["id"].endswith("-efficiency-2015") for edge in data["efficiency2015"]["edges"])


def test_organisations_by_kind_and_search(api: Api) -> None:
    data = api.data("""{
      units: organisations(kind: "regional-unit", first: 100) { totalCount edges { node { id kind } } }
      crime: organisations(search: "crime") { edges { node { name } } }
      byAcronym: organisations(search: "nca") { edges { node { id } } }
    }""")
    units = _ids(data["units"])
    assert {"ersou", "swrocu", "nwrocu", "nersou", "emsou", "tarian", "serocu", "yhrocu", "rocuwm"} <= set(units)
    assert all(edge["node"]["kind"] == "regional-unit" for edge in data["units"]["edges"])
    assert all("crime" in edge["node"]["name"].lower() for edge in data["crime"]["edges"])
    assert "nca" in _ids(data["byAcronym"])


def test_schemes(api: Api) -> None:
    data = api.data('{ schemes(first: 100) { totalCount edges { node { id name forces { id } mentions { page } } } } }')
    assert data["schemes"]["totalCount"] >= 10
    iom = next(edge["node"] for edge in data["schemes"]["edges"] if edge["node"]["id"] == "iom")
    assert iom["forces"] == [{"id": "cambridgeshire"}] and iom["mentions"]


def test_areas_for_improvement_filters(api: Api) -> None:
    data = api.data("""{
      all: areasForImprovement { totalCount }
      digital: areasForImprovement(search: "DIGITAL evidence") { edges { node { id question { number } } } }
      byNumber: areasForImprovement(question: 2) { totalCount }
      byId: areasForImprovement(question: "effectiveness-2", forceId: "cambridgeshire") { totalCount }
      elsewhere: areasForImprovement(forceId: "kent") { totalCount }
    }""")
    assert data["all"]["totalCount"] == 4
    assert [edge["node"]["question"] for edge in data["digital"]["edges"]] == [{"number": 2}]
    assert data["byNumber"]["totalCount"] == data["byId"]["totalCount"] == 2
    assert data["elsewhere"]["totalCount"] == 0


def test_first_above_100_is_refused_not_clamped(api: Api) -> None:
    assert api.error("{ forces(first: 1000) { totalCount } }") == (
        "first must be at most 100 (got 1000); read further pages with `after`"
    )
    assert "first must be 0 or more" in api.error("{ organisations(first: -1) { totalCount } }")
    assert len(api.data("{ forces(first: 100) { edges { cursor } } }")["forces"]["edges"]) == 43


def test_foreign_cursor_is_a_clear_error(api: Api) -> None:
    for cursor in ("garbage", "", "b2Zmc2V0Oi0x", "MTIz"):
        message = api.error("query ($after: String) { forces(after: $after) { totalCount } }", {"after": cursor})
        assert "is not a cursor this API gave out" in message
