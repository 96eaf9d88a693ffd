"""Every object is a Node whose id is its domain id; `node(id:)` finds any of them again."""

from __future__ import annotations

import pytest

from tests.schema.conftest import Api

NODE = "query ($id: ID!) { node(id: $id) { __typename id } }"


@pytest.mark.parametrize(
    ("node_id", "typename"),
    [
        ("cambridgeshire", "Force"),
        ("ersou", "Organisation"),
        ("nca", "Organisation"),
        ("scpo", "Scheme"),
        ("cambridgeshire-effectiveness-2015", "Report"),
        ("durham-effectiveness-2015", "Report"),
        ("effectiveness-2", "Question"),
        ("cambridgeshire-effectiveness-2015/q2", "Judgment"),
        ("cambridgeshire-effectiveness-2015/q2/afi-1", "AreaForImprovement"),
        ("terrorism", "Threat"),
    ],
)
def test_node_finds_each_type_by_its_domain_id(api: Api, node_id: str, typename: str) -> None:
    assert api.data(NODE, {"id": node_id})["node"] == {"__typename": typename, "id": node_id}


def test_every_id_read_from_the_graph_comes_back_through_node(api: Api) -> None:
    data = api.data("""{
      report(id: "cambridgeshire-effectiveness-2015") {
        metrics { id } terms { id } judgments { id evidence { id } }
      }
      organisation(id: "ersou") { mentions { id mentions { id } } }
    }""")
    report = data["report"]
    ids = [report["metrics"][0]["id"], report["terms"][0]["id"], report["judgments"][0]["evidence"][0]["id"]]
    ids += [mention["id"] for mention in data["organisation"]["mentions"][0]["mentions"]]
    typed = api.data("query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": ids})["nodes"]
    assert [node["id"] for node in typed] == ids
    assert [node["__typename"] for node in typed[:3]] == ["Metric", "Term", "Passage"]


def test_nodes_answers_in_order_with_null_for_unknown_ids(api: Api) -> None:
    nodes = api.data('{ nodes(ids: ["nca", "no-such-thing", "kent"]) { id } }')["nodes"]
    assert nodes == [{"id": "nca"}, None, {"id": "kent"}]


def test_single_lookups_are_null_for_unknown_or_other_kinds_of_id(api: Api) -> None:
    data = api.data("""{
      unknown: force(id: "atlantis") { id }
      notAForce: force(id: "ersou") { id }
      notAnOrganisation: organisation(id: "cambridgeshire") { id }
      noReport: report(id: "cambridgeshire-effectiveness-1999") { id }
      scheme(id: "iom") { id name acronym forces { id } }
    }""")
    assert data["unknown"] is None and data["notAForce"] is None
    assert data["notAnOrganisation"] is None and data["noReport"] is None
    assert data["scheme"]["acronym"] == "IOM" and {"id": "cambridgeshire"} in data["scheme"]["forces"]


def test_judgment_fields(api: Api) -> None:
    judgment = api.data("""{ node(id: "cambridgeshire-effectiveness-2015/q2") { ... on Judgment {
        grade gradeLabel gradeRank gradeSource previousGrade previousYear
        question { id number } report { id pillar year force { id } } } } }""")["node"]
    assert judgment == {
        "grade": "REQUIRES_IMPROVEMENT", "gradeLabel": "Requires improvement", "gradeRank": 2, "gradeSource": "report",
        "previousGrade": "GOOD", "previousYear": 2014, "question": {"id": "effectiveness-2", "number": 2},
        "report": {"id": "cambridgeshire-effectiveness-2015", "pillar": "effectiveness", "year": 2015,
                   "force": {"id": "cambridgeshire"}},
    }


def test_relationships_both_ways(api: Api) -> None:
    data = api.data("""{
      force(id: "cambridgeshire") {
        judgments(pillar: EFFECTIVENESS, year: 2015) { id }
        overallGrade(pillar: "efficiency", year: 2015)
        schemes { id }
        partners { id mentions organisation { kind } force { id } passages { page text report { id } } }
      }
      organisation(id: "nca") { forces { id } }
      question: node(id: "effectiveness-0") { ... on Question { judgments(year: 2016) { report { force { id } } } } }
      area: node(id: "cambridgeshire-effectiveness-2015/q2/afi-2") {
        ... on AreaForImprovement { question { number } report { id } evidence { page } concerns { id } }
      }
    }""")
    force = data["force"]
    assert [j["id"].rsplit("/", 1)[1] for j in force["judgments"]] == ["q0", "q1", "q2", "q3", "q4"]
    assert force["overallGrade"] in {"INADEQUATE", "REQUIRES_IMPROVEMENT", "GOOD", "OUTSTANDING"}
    assert {"id": "iom"} in force["schemes"]
    ersou = force["partners"][0]
    assert ersou["id"] == "ersou" and ersou["organisation"] == {"kind": "regional-unit"} and ersou["force"] is None
    assert len(ersou["passages"]) == ersou["mentions"]
    assert [p["page"] for p in ersou["passages"]] == sorted(p["page"] for p in ersou["passages"])
    bedfordshire = next(p for p in force["partners"] if p["id"] == "bedfordshire")
    assert bedfordshire["force"] == {"id": "bedfordshire"} and bedfordshire["organisation"] is None
    assert {"id": "cambridgeshire"} in data["organisation"]["forces"]
    assert len(data["question"]["judgments"]) == 43
    assert data["area"]["question"] == {"number": 2} and data["area"]["evidence"][0]["page"] == 25
