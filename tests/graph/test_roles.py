"""Partners and schemes rest on prose about the force; every other mention stays in the graph with its role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from bench.variants import synthetic_reports, with_force, with_paragraph
from peelgraph.graph.write.rows import report_rows
from peelgraph.loaders.reference import REPORTS_DIR
from peelgraph.loaders.report import read_report
from tests.graphstate import peelgraph, wipe
from tests.loaders.test_roles import NOT_PARTNERS, PARTNERS

SEED = REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt"
UNSUPPORTED = """
MATCH (f:Force)-[w:WORKS_WITH|USES]->(target)
WITH f, w, target, COUNT {
  MATCH (f)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(p:Passage {role: 'force'})-[:MENTIONS]->(target)
} AS about
WHERE about = 0 OR about <> w.mentions
RETURN f.id AS force, type(w) AS type, target.id AS target, w.mentions AS mentions, about
"""
"""Relationships not supported, passage for passage, by prose about the force."""
PARTNER_IDS = "MATCH (:Force {id: $forceId})-[:WORKS_WITH]->(p) RETURN collect(p.id) AS ids"
ROLES_OF = """
MATCH (p:Passage)-[:MENTIONS]->(e {id: $id})
RETURN collect(DISTINCT p.role) AS roles, count(p) AS passages
"""


def test_each_passage_row_has_the_role_of_its_mentions() -> None:
    document = read_report(SEED)
    rows = {row["text"]: row for row in report_rows(document).passages}
    for entity in (*document.organisations, *document.schemes):
        for mention in entity.mentions:
            assert rows[mention.quote]["role"] == mention.role, mention.quote
    judged = rows[document.overall.evidence.quote]
    assert judged["role"] == "force", "a judgment's evidence is the report's finding about the force"


def partner_ids(driver: Driver, force_id: str) -> set[str]:
    return set(driver.execute_query(PARTNER_IDS, forceId=force_id).records[0]["ids"])


def test_cambridgeshire_partners_are_those_the_report_says_it_works_with(loaded_graph: Driver) -> None:
    partners = partner_ids(loaded_graph, "cambridgeshire")
    assert not partners & set(NOT_PARTNERS)
    assert set(PARTNERS) <= partners


def test_passages_that_make_no_partner_stay_with_their_roles(loaded_graph: Driver) -> None:
    for entity in NOT_PARTNERS:
        found = loaded_graph.execute_query(ROLES_OF, id=entity).records[0]
        assert found["passages"] > 0 and "force" not in found["roles"], entity
    for entity, roles in (("hmrc", ["explainer"]), ("border-force", ["explainer"]), ("yjb", ["definition"])):
        found = loaded_graph.execute_query(ROLES_OF, id=entity).records[0]
        assert (found["roles"], found["passages"]) == (roles, 1), entity
    rocu = loaded_graph.execute_query(ROLES_OF, id="rocu").records[0]
    assert set(rocu["roles"]) == {"explainer", "citation"}


def test_every_relationship_rests_on_prose_about_the_force(loaded_graph: Driver) -> None:
    assert loaded_graph.execute_query(UNSUPPORTED).records == []


@pytest.fixture
def corpus(loaded_graph: Driver, tmp_path: Path) -> Iterator[tuple[list[str], set[str]]]:
    """Four synthetic reports (the benchmark's corpus), and Kent's with a general paragraph in new words:
    the files and their forces. Afterwards the bundled data alone is restored."""
    text = SEED.read_text(encoding="utf-8")
    paths, forces = [], {"kent"}
    for report in synthetic_reports(text, 4, seed=3):
        forces.add(report.force.id)
        path = tmp_path / f"peel-{report.year}-effectiveness-{report.force.id}.txt"
        path.write_text(report.text, encoding="utf-8")
        paths.append(path)
    explained = with_paragraph(with_force(text, "Kent Police"), 2, (
        "All forces are expected to work with Victim Support and Crimestoppers to encourage people to report "
        "crime. These services are commissioned nationally."
    ))
    paths.append(tmp_path / "peel-2015-effectiveness-kent.txt")
    paths[-1].write_text(explained, encoding="utf-8")
    yield [str(path) for path in paths], forces
    wipe(loaded_graph)
    assert peelgraph("load").returncode == 0


def test_corpus_partners_rest_only_on_prose_about_each_force(
    loaded_graph: Driver, corpus: tuple[list[str], set[str]]
) -> None:
    files, expected = corpus
    result = peelgraph("load", *files)
    assert result.returncode == 0, result.stderr
    assert loaded_graph.execute_query(UNSUPPORTED).records == []
    forces = loaded_graph.execute_query(
        "MATCH (f:Force)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(:Passage) RETURN collect(DISTINCT f.id) AS ids"
    ).records[0]["ids"]
    assert set(forces) == expected | {"cambridgeshire"}
    for force in forces:
        partners = partner_ids(loaded_graph, force)
        assert not partners & {*NOT_PARTNERS, "victim-support", "crimestoppers"}, force
        assert {"bedfordshire", "hertfordshire", "mash", "cps"} - {force} <= partners, force
    for entity in ("victim-support", "crimestoppers"):
        found = loaded_graph.execute_query(ROLES_OF, id=entity).records[0]
        assert found["roles"] == ["explainer"], entity
