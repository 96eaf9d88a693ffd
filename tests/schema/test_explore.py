"""Search, the grade matrix and the path between two things."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from peelgraph.graph.read.explore import lucene_query
from tests.schema.conftest import Api

SEARCH = """
query ($text: String!, $first: Int! = 20) {
  search(text: $text, first: $first) {
    score kind text node { __typename id } passage { page text report { id } } report { id } force { id }
  }
}
"""


def test_search_finds_the_digital_evidence_area(api: Api) -> None:
    hits = api.data(SEARCH, {"text": "digital evidence"})["search"]
    assert hits and hits == sorted(hits, key=lambda hit: -hit["score"])
    area = next(hit for hit in hits if hit["kind"] == "AREA_FOR_IMPROVEMENT")
    assert area["node"]["__typename"] == "AreaForImprovement"
    assert "digital evidence" in area["text"]
    assert area["passage"]["page"] == 25 and area["passage"]["report"]["id"] == "cambridgeshire-effectiveness-2015"
    assert area["report"]["id"] == "cambridgeshire-effectiveness-2015" and area["force"]["id"] == "cambridgeshire"
    passage = next(hit for hit in hits if hit["kind"] == "PASSAGE")
    assert passage["node"]["__typename"] == "Passage" and passage["passage"]["text"] == passage["text"]


def test_search_finds_judgment_summaries(api: Api) -> None:
    hits = api.data(SEARCH, {"text": "requires improvement", "first": 100})["search"]
    judgments = [hit for hit in hits if hit["kind"] == "JUDGMENT"]
    assert judgments and all(hit["node"]["__typename"] == "Judgment" for hit in judgments)
    assert all(hit["passage"] is not None for hit in judgments)


def test_search_limits(api: Api) -> None:
    assert len(api.data(SEARCH, {"text": "constabulary", "first": 2})["search"]) == 2
    assert "first must be at most 100" in api.error(SEARCH, {"text": "crime", "first": 101})
    assert "at most 500 characters" in api.error(SEARCH, {"text": "crime " * 100})
    assert api.data(SEARCH, {"text": "   "})["search"] == []


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from('ab AND OR NOT:"()[]{}^~*?\\/+-&|!\' 1=/'), max_size=40))
def test_search_text_is_never_query_syntax(api: Api, text: str) -> None:
    answer = api.post(SEARCH, {"text": text})
    assert "errors" not in answer, (text, answer["errors"])


def test_lucene_query_escapes_every_operator() -> None:
    assert lucene_query('a AND (b OR "c")') == 'a and \\(b or \\"c\\"\\)'
    assert lucene_query("' OR 1=1 //") == "' or 1=1 \\/\\/"
    assert lucene_query("?!*") is None


def test_compare_forces_by_ids(api: Api) -> None:
    matrix = api.data("""{ compareForces(ids: ["durham", "cambridgeshire"], pillar: "effectiveness", year: 2015) {
        pillar year questions { number } rows { force { id } report { id } grades judgments { id } } } }""")
    matrix = matrix["compareForces"]
    assert matrix["pillar"] == "effectiveness" and matrix["year"] == 2015
    assert [q["number"] for q in matrix["questions"]] == [0, 1, 2, 3, 4]
    durham, cambridgeshire = matrix["rows"]
    assert durham["force"]["id"] == "durham" and durham["grades"][1:] == [None, None, None, None]
    assert durham["grades"][0] is not None and durham["judgments"][1] is None
    assert cambridgeshire["grades"] == ["REQUIRES_IMPROVEMENT", "GOOD", "REQUIRES_IMPROVEMENT", "REQUIRES_IMPROVEMENT",
                                        "GOOD"]
    assert cambridgeshire["judgments"][2]["id"] == "cambridgeshire-effectiveness-2015/q2"


def test_compare_forces_of_a_unit(api: Api) -> None:
    matrix = api.data("""{ compareForces(rocu: "ersou", pillar: EFFECTIVENESS, year: 2016) {
        rows { force { id } grades } } }""")["compareForces"]
    assert [row["force"]["id"] for row in matrix["rows"]] == [
        "bedfordshire", "cambridgeshire", "essex", "hertfordshire", "kent", "norfolk", "suffolk"
    ]
    good = [row["force"]["id"] for row in matrix["rows"] if row["grades"][0] == "GOOD"]
    assert good == ["cambridgeshire", "essex", "kent", "norfolk", "suffolk"]


def test_compare_forces_needs_ids_or_unit(api: Api) -> None:
    message = api.error('{ compareForces(pillar: EFFECTIVENESS) { rows { grades } } }')
    assert message == "compareForces takes either ids or rocu (exactly one of them)"
    both = '{ compareForces(pillar: EFFECTIVENESS, ids: ["kent"], rocu: "ersou") { rows { grades } } }'
    assert api.error(both) == message


PATH = """
query ($from: ID!, $to: ID!) {
  connection(fromId: $from, toId: $to) {
    length
    entities { __typename id }
    steps { start { id } end { id } relationship forward evidence { page text report { id } } }
  }
}
"""


def test_connection_cambridgeshire_to_nca(api: Api) -> None:
    path = api.data(PATH, {"from": "cambridgeshire", "to": "nca"})["connection"]
    assert path["length"] == 1
    assert [e["id"] for e in path["entities"]] == ["cambridgeshire", "nca"]
    step = path["steps"][0]
    assert (step["start"]["id"], step["end"]["id"], step["relationship"], step["forward"]) == (
        "cambridgeshire", "nca", "WORKS_WITH", True
    )
    assert step["evidence"]
    assert all("NCA" in p["text"] or "National Crime Agency" in p["text"] for p in step["evidence"])


def test_connection_essex_to_ersou_and_back(api: Api) -> None:
    path = api.data(PATH, {"from": "essex", "to": "ersou"})["connection"]
    assert [(s["relationship"], s["forward"]) for s in path["steps"]] == [("MEMBER_OF", True)]
    back = api.data(PATH, {"from": "ersou", "to": "essex"})["connection"]
    assert [(s["start"]["id"], s["end"]["id"], s["forward"]) for s in back["steps"]] == [("ersou", "essex", False)]


def test_connection_through_a_shared_passage(api: Api) -> None:
    path = api.data(PATH, {"from": "ersou", "to": "serious-and-organised-crime"})["connection"]
    assert [e["__typename"] for e in path["entities"]] == ["Organisation", "Threat"]
    step = path["steps"][0]
    assert (step["relationship"], len(step["evidence"])) == ("MENTIONED_WITH", 1)
    assert "Eastern Region Special Operations Unit" in step["evidence"][0]["text"]


def test_connection_over_several_steps(api: Api) -> None:
    path = api.data(PATH, {"from": "essex", "to": "nca"})["connection"]
    ids = [e["id"] for e in path["entities"]]
    assert ids[0] == "essex" and ids[1] == "ersou" and ids[-1] == "nca" and path["length"] == len(ids) - 1
    assert [(s["start"]["id"], s["end"]["id"]) for s in path["steps"]] == list(pairwise(ids))


def test_connection_is_null_for_unknown_ids(api: Api) -> None:
    assert api.data(PATH, {"from": "essex", "to": "atlantis"})["connection"] is None
    assert "two different ends" in api.error(PATH, {"from": "essex", "to": "essex"})
