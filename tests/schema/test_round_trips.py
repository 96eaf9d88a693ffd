"""No N+1: a request's Cypher round trips depend on the fields asked for, not on how many results."""

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
    assert one["extensions"]["roundTrips"] == every["extensions"]["roundTrips"]
    # the page, rocu, reports, judgments, force of each report and evidence: one statement each
    assert every["extensions"]["roundTrips"] == 6


def test_issue_query_round_trips(api: Api) -> None:
    trips = api.round_trips(ISSUE_QUERY)
    # one lookup for both root objects; rocu, reports, partners, members, mentions; judgments and areas of the
    # reports; evidence of the judgments and areas
    assert trips == 9
    assert api.round_trips(ISSUE_QUERY.replace('"cambridgeshire"', '"essex"')) == trips


@pytest.mark.parametrize("ids", [["cambridgeshire"], ["cambridgeshire", "essex", "kent", "norfolk", "durham"]])
def test_nodes_in_one_round_trip(api: Api, ids: list[str]) -> None:
    query = "query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Force { partners { id } } } }"
    assert api.round_trips(query, {"ids": ids}) == 2


def test_aliases_of_the_same_field_share_a_batch(api: Api) -> None:
    query = " ".join(f'f{n}: force(id: "{slug}") {{ reports {{ id }} }}'
                     for n, slug in enumerate(["essex", "kent", "suffolk", "norfolk"]))
    assert api.round_trips("{ " + query + " }") == 2


def test_summaries_of_listed_judgments_cost_one_round_trip_when_asked_for(api: Api) -> None:
    query = """
    query ($first: Int!, $summary: Boolean!) {
      forces(first: $first) { edges { node { judgments { id summary @include(if: $summary) } } } }
    }
    """
    without = api.post(query, {"first": 43, "summary": False}, fresh=True)
    every = api.post(query, {"first": 43, "summary": True}, fresh=True)
    assert every["extensions"]["roundTrips"] == without["extensions"]["roundTrips"] + 1
    assert api.round_trips(query, {"first": 1, "summary": True}) == every["extensions"]["roundTrips"]
    judgments = [judgment for edge in every["data"]["forces"]["edges"] for judgment in edge["node"]["judgments"]]
    summarised = [judgment for judgment in judgments if judgment["summary"]]
    assert summarised, "the bundled report's judgments have summaries"
    # the summary read on demand is the one the judgment has when looked up alone
    alone = api.data("query ($id: ID!) { node(id: $id) { ... on Judgment { summary } } }", {"id": summarised[0]["id"]})
    assert alone["node"]["summary"] == summarised[0]["summary"]
    assert "Cambridgeshire Constabulary" in summarised[0]["summary"]
