"""Every mention of an organisation with its role, filtered by role; partners rest on passages about the force."""

from __future__ import annotations

from tests.loaders.test_roles import NOT_PARTNERS, PARTNERS
from tests.schema.conftest import Api

MENTIONS = """
query ($id: ID!, $role: MentionRole) {
  organisation(id: $id) { mentions(role: $role) { page role text } }
}
"""
PARTNERS_QUERY = """
{ force(id: "cambridgeshire") { partners { id mentions passages { role } } } }
"""


def mentions(api: Api, organisation: str, role: str | None = None) -> list[dict]:
    return api.data(MENTIONS, {"id": organisation, "role": role})["organisation"]["mentions"]


def test_every_mention_shows_its_role(api: Api) -> None:
    assert {passage["role"] for passage in mentions(api, "hmrc")} == {"EXPLAINER"}
    assert {passage["role"] for passage in mentions(api, "yjb")} == {"DEFINITION"}
    assert {passage["role"] for passage in mentions(api, "home-office")} == {"SOURCE", "CITATION", "FORCE"}


def test_mentions_filtered_by_role(api: Api) -> None:
    sources = mentions(api, "home-office", "SOURCE")
    assert sources and all(passage["text"].startswith("Source:") for passage in sources)
    assert {passage["role"] for passage in sources} == {"SOURCE"}
    everything = mentions(api, "home-office")
    by_role = [passage for role in ("FORCE", "EXPLAINER", "SOURCE", "CITATION", "DEFINITION")
               for passage in mentions(api, "home-office", role)]
    assert sorted(map(str, by_role)) == sorted(map(str, everything))


def test_partners_and_their_passages_are_prose_about_the_force(api: Api) -> None:
    partners = api.data(PARTNERS_QUERY)["force"]["partners"]
    ids = {partner["id"] for partner in partners}
    assert not ids & set(NOT_PARTNERS)
    assert set(PARTNERS) <= ids
    for partner in partners:
        assert partner["mentions"] == len(partner["passages"]) > 0, partner["id"]
        assert {passage["role"] for passage in partner["passages"]} == {"FORCE"}, partner["id"]
