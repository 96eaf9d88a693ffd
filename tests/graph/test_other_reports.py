"""Another force's report of the same layout loads into the same model, with its own facts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from bench.variants import with_extra_area, with_force, with_grades, with_year
from peelgraph.loaders.reference import REPORTS_DIR
from tests.graphstate import peelgraph, wipe
from tests.loaders.test_roles import NOT_PARTNERS

SEED = REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt"
NEW_AREA = (
    "The constabulary should work with the Eastern Region Special Operations Unit and the National Crime "
    "Agency to make better use of serious crime prevention orders."
)


@pytest.fixture
def essex_2016(loaded_graph: Driver, tmp_path: Path) -> Iterator[Path]:
    """Essex's 2016 report in the bundled layout; afterwards the bundled data alone is restored."""
    text = with_force(SEED.read_text(encoding="utf-8"), "Essex Police")
    text = with_year(text, 2016)
    text = with_grades(text, {0: "Good", 1: "Good", 2: "Good", 3: "Requires improvement", 4: "Outstanding"})
    text = with_extra_area(text, 4, NEW_AREA)
    path = tmp_path / "peel-2016-effectiveness-essex.txt"
    path.write_text(text, encoding="utf-8")
    yield path
    wipe(loaded_graph)
    assert peelgraph("load").returncode == 0


def test_another_force_report(loaded_graph: Driver, essex_2016: Path) -> None:
    result = peelgraph("load", str(essex_2016))
    assert result.returncode == 0, result.stderr

    judgments = loaded_graph.execute_query(
        """
        MATCH (:Force {id: 'essex'})<-[:INSPECTS]-(r:Report {pillar: 'effectiveness', year: 2016})
              -[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
        RETURN q.number AS number, j.grade AS grade, j.gradeSource AS source ORDER BY number
        """
    ).records
    assert [(r["number"], r["grade"]) for r in judgments] == [
        (0, "Good"), (1, "Good"), (2, "Good"), (3, "Requires improvement"), (4, "Outstanding")
    ]
    assert {r["source"] for r in judgments} == {"report"}, "the report's grades replace the table's"

    partners = loaded_graph.execute_query(
        "MATCH (:Force {id: 'essex'})-[:WORKS_WITH]->(p) RETURN collect(p.id) AS ids"
    ).records[0]["ids"]
    assert {"ersou", "nca", "bedfordshire", "hertfordshire", "durham"} <= set(partners)
    assert "essex" not in partners
    assert not set(NOT_PARTNERS) & set(partners), "named only in explainers, sources, citations or definitions"

    concerns = loaded_graph.execute_query(
        """
        MATCH (:Report {id: 'essex-effectiveness-2016'})-[:IDENTIFIES]->(a:AreaForImprovement)-[:UNDER]->(q)
        WHERE a.text STARTS WITH 'The constabulary should work with the Eastern Region'
        OPTIONAL MATCH (a)-[:CONCERNS]->(target)
        RETURN q.number AS question, collect(target.id) AS targets
        """
    ).records
    assert concerns[0]["question"] == 4
    assert {"ersou", "nca", "scpo"} <= set(concerns[0]["targets"])
