"""No N+1: a compiled request costs one Cypher statement whatever its depth and size; the root fields that run
their own statements (search, grade matrix, path) add one each, and their children one per relationship."""

from __future__ import annotations

import pytest

from tests.schema.conftest import Api
from tests.schema.test_issue_query import ISSUE_QUERY

FORCES_WITH_REPORTS = """
query ($first: Int!) {
  forces(first: $first) {
    totalCount
    edges { node { id name rocu { id } reports { id overallGrade force { id }
      judgments { grade question { number } evidence { page } } } } }
  }
}
"""


def test_all_forces_cost_what_one_force_costs(api: Api) -> None:
    one = api.post(FORCES_WITH_REPORTS, {"first": 1}, fresh=True)
    every = api.post(FORCES_WITH_REPORTS, {"first": 43}, fresh=True)
    assert len(one["data"]["forces"]["edges"]) == 1
    assert len(every["data"]["forces"]["edges"]) == 43
    assert sum(len(edge["node"]["reports"]) for edge in every["data"]["forces"]["edges"]) >= 89
    assert one["extensions"]["roundTrips"] == every["extensions"]["roundTrips"] == 1


def test_issue_query_is_one_statement(api: Api) -> None:
    assert api.round_trips(ISSUE_QUERY) == 1
    assert api.round_trips(ISSUE_QUERY.replace('"cambridgeshire"', '"essex"')) == 1


@pytest.mark.parametrize("ids", [["cambridgeshire"], ["cambridgeshire", "essex", "kent", "norfolk", "durham"]])
def test_nodes_in_one_round_trip(api: Api, ids: list[str]) -> None:
    query = "query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Force { partners { id } } } }"
    assert api.round_trips(query, {"ids": ids}) == 1


def test_every_root_field_of_a_request_shares_the_statement(api: Api) -> None:
    query = " ".join(f'f{n}: force(id: "{slug}") {{ reports {{ id }} }}'
                     for n, slug in enumerate(["essex", "kent", "suffolk", "norfolk"]))
    assert api.round_trips("{ " + query + ' organisations(first: 3) { totalCount } questions { id } }') == 1


def test_a_request_mixing_compiled_and_resolved_root_fields(api: Api) -> None:
    query = """
    { force(id: "cambridgeshire") { name partners { id } }
      search(text: "digital evidence", first: 3) { text force { name } }
      connection(fromId: "essex", toId: "nca") { length entities { name mentions { page } } }
      stats { nodeCount } }
    """
    answer = api.post(query, fresh=True)
    assert "errors" not in answer, answer["errors"]
    assert answer["data"]["force"]["name"] == "Cambridgeshire Constabulary"
    assert answer["data"]["search"] and answer["data"]["connection"]["length"] >= 1
    assert answer["data"]["stats"]["nodeCount"] > 0
    # the compiled force, search and path in one statement; the counts of `stats`, its resolver's own
    assert answer["extensions"]["roundTrips"] == 2


def test_a_path_with_everything_along_it_is_one_statement(api: Api) -> None:
    query = """
    { connection(fromId: "essex", toId: "nca") {
        entities { name ... on Force { reports { judgments { grade evidence { page } } } partners { name } } }
        steps { start { name mentions { page } } end { name } relationship
                evidence { page report { force { name } } } } } }
    """
    answer = api.post(query, fresh=True)
    assert "errors" not in answer, answer["errors"]
    steps = answer["data"]["connection"]["steps"]
    assert len(steps) >= 2 and steps[-1]["evidence"][0]["report"]["force"]["name"] == "Cambridgeshire Constabulary"
    assert answer["extensions"]["roundTrips"] == 1


def test_summaries_of_listed_judgments_cost_nothing_more(api: Api) -> None:
    query = """
    query ($first: Int!, $summary: Boolean!) {
      forces(first: $first) { edges { node { judgments { id summary @include(if: $summary) } } } }
    }
    """
    without = api.post(query, {"first": 43, "summary": False}, fresh=True)
    every = api.post(query, {"first": 43, "summary": True}, fresh=True)
    assert every["extensions"]["roundTrips"] == without["extensions"]["roundTrips"] == 1
    judgments = [judgment for edge in every["data"]["forces"]["edges"] for judgment in edge["node"]["judgments"]]
    assert all("summary" not in judgment for edge in without["data"]["forces"]["edges"]
               for judgment in edge["node"]["judgments"])
    summarised = [judgment for judgment in judgments if judgment["summary"]]
    assert summarised, "the bundled report's judgments have summaries"
    # the summary of a listed judgment is the one the judgment has when looked up alone
    alone = api.data("query ($id: ID!) { node(id: $id) { ... on Judgment { summary } } }", {"id": summarised[0]["id"]})
    assert alone["node"]["summary"] == summarised[0]["summary"]
    assert "Cambridgeshire Constabulary" in summarised[0]["summary"]
