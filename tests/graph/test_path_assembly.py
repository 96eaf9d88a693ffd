"""graph/read/explore.py's path assembly, without a database: a `read/path` row becomes entities and steps."""

from __future__ import annotations

from typing import Any

import pytest

from peelgraph.graph.read.explore import assemble_path
from peelgraph.graph.read.records import ForceRecord, OrganisationRecord, SchemeRecord

REPORT = {"id": "cambridgeshire-effectiveness-2015", "pillar": "effectiveness", "year": 2015,
          "title": "PEEL: Police effectiveness 2015"}


def stop(label: str, id_: str, **properties: Any) -> dict[str, Any]:
    return {"labels": [label], "properties": {"id": id_, **properties}, "report": None}


def passage(id_: str, text: str, page: int = 3) -> dict[str, Any]:
    return {"labels": ["Passage"], "properties": {"id": id_, "page": page, "text": text}, "report": REPORT}


def step(type_: str, forward: bool = True, evidence: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"type": type_, "forward": forward, "evidence": evidence or []}


def test_a_direct_relationship_with_its_evidence() -> None:
    said = {"passage": {"id": "p1", "page": 12, "text": "The force works with ERSOU."}, "report": REPORT}
    path = assemble_path({
        "stops": [stop("Force", "cambridgeshire", name="Cambridgeshire Constabulary"),
                  stop("Organisation", "ersou", name="Eastern Region Special Operations Unit")],
        "steps": [step("WORKS_WITH", evidence=[said])],
    })
    assert [type(entity) for entity in path.entities] == [ForceRecord, OrganisationRecord]
    assert [entity.id for entity in path.entities] == ["cambridgeshire", "ersou"]
    (only,) = path.steps
    assert (only.start.id, only.end.id, only.relationship, only.forward) == ("cambridgeshire", "ersou", "WORKS_WITH",
                                                                             True)
    assert [(item.id, item.page, item.report.id if item.report else None) for item in only.evidence] == [
        ("p1", 12, REPORT["id"])
    ]


def test_a_passage_between_two_mentions_becomes_one_mentioned_with_step() -> None:
    path = assemble_path({
        "stops": [stop("Force", "cambridgeshire"), passage("p7", "Cambridgeshire and Safer Peterborough..."),
                  stop("Scheme", "safer-peterborough")],
        "steps": [step("MENTIONS", forward=False), step("MENTIONS")],
    })
    assert [entity.id for entity in path.entities] == ["cambridgeshire", "safer-peterborough"]
    assert isinstance(path.entities[1], SchemeRecord)
    (only,) = path.steps
    assert (only.start.id, only.end.id, only.relationship, only.forward) == (
        "cambridgeshire", "safer-peterborough", "MENTIONED_WITH", True)
    assert [item.id for item in only.evidence] == ["p7"]
    assert only.evidence[0].report is not None and only.evidence[0].report.year == 2015


def test_steps_chain_start_to_end() -> None:
    path = assemble_path({
        "stops": [stop("Force", "essex"), stop("Organisation", "ersou"), stop("Force", "cambridgeshire"),
                  passage("p2", "..."), stop("Organisation", "nca")],
        "steps": [step("MEMBER_OF"), step("MEMBER_OF", forward=False), step("MENTIONS", forward=False),
                  step("MENTIONS")],
    })
    assert [entity.id for entity in path.entities] == ["essex", "ersou", "cambridgeshire", "nca"]
    assert [(s.start.id, s.end.id) for s in path.steps] == [("essex", "ersou"), ("ersou", "cambridgeshire"),
                                                            ("cambridgeshire", "nca")]
    assert [s.forward for s in path.steps] == [True, False, True]


def test_a_name_falls_back_to_the_id() -> None:
    path = assemble_path({"stops": [stop("Force", "kent"), stop("Threat", "county-lines")],
                          "steps": [step("MENTIONED_WITH")]})
    assert [entity.name for entity in path.entities] == ["kent", "county-lines"]


def test_a_path_from_a_thing_to_itself_has_no_steps() -> None:
    path = assemble_path({"stops": [stop("Force", "kent")], "steps": []})
    assert [entity.id for entity in path.entities] == ["kent"] and path.steps == []


def test_a_passage_that_leads_nowhere_is_refused() -> None:
    with pytest.raises(ValueError, match="must continue to a named thing"):
        assemble_path({"stops": [stop("Force", "kent"), passage("p1", "..."), passage("p2", "...")],
                       "steps": [step("MENTIONS"), step("MENTIONS")]})
