"""`peelgraph load` into the real test Neo4j: the facts researchers rely on, idempotence, atomicity."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from neo4j import Driver

from tests.graphstate import counts, peelgraph, snapshot

CAMBRIDGESHIRE_2015 = "cambridgeshire-effectiveness-2015"
FILE_DIGESTS = frozenset({"sha256", "documentHash"})


def test_all_43_forces(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query("MATCH (f:Force) WHERE f.onsCode IS NOT NULL RETURN count(f) AS c").records
    assert records[0]["c"] == 43


def test_cambridgeshire_2015_judgments(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (:Force {id: 'cambridgeshire'})<-[:INSPECTS]-(r:Report {pillar: 'effectiveness', year: 2015})
              -[:JUDGES]->(j:Judgment)-[:ANSWERS]->(q:Question)
        RETURN q.number AS number, j.grade AS grade, j.previousGrade AS previous ORDER BY number
        """
    ).records
    assert [(r["number"], r["grade"]) for r in records] == [
        (0, "Requires improvement"),
        (1, "Good"),
        (2, "Requires improvement"),
        (3, "Requires improvement"),
        (4, "Good"),
    ]
    assert [r["previous"] for r in records] == [None, "Good", "Good", None, None]


def test_judgments_are_evidenced_by_passages(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (:Report {id: $id})-[:JUDGES]->(j:Judgment)-[:EVIDENCED_BY]->(p:Passage)
        RETURN count(DISTINCT j) AS judgments, min(p.page) AS first
        """,
        id=CAMBRIDGESHIRE_2015,
    ).records
    assert records[0]["judgments"] == 5 and records[0]["first"] >= 1


def test_cambridgeshire_works_with_ersou_with_passages(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (f:Force {id: 'cambridgeshire'})-[w:WORKS_WITH]->(o:Organisation {id: 'ersou'})
        MATCH (f)<-[:INSPECTS]-(:Report)<-[:PART_OF]-(p:Passage)-[:MENTIONS]->(o)
        RETURN o.name AS name, w.mentions AS mentions, collect(p.text) AS passages
        """
    ).records
    assert records, "Cambridgeshire does not WORK_WITH ERSOU"
    assert records[0]["name"] == "Eastern Region Special Operations Unit"
    assert records[0]["mentions"] == len(records[0]["passages"]) >= 5
    assert any("ERSOU" in text for text in records[0]["passages"])


def test_partner_forces_are_force_nodes(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        "MATCH (:Force {id: 'cambridgeshire'})-[:WORKS_WITH]->(f:Force) RETURN collect(f.id) AS ids"
    ).records
    assert {"bedfordshire", "hertfordshire", "durham"} <= set(records[0]["ids"])
    assert "cambridgeshire" not in records[0]["ids"]


def test_ersou_members(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        "MATCH (f:Force)-[:MEMBER_OF]->(:Organisation {id: 'ersou'}) RETURN collect(f.id) AS ids"
    ).records
    assert {"bedfordshire", "cambridgeshire", "essex", "hertfordshire", "norfolk", "suffolk"} <= set(records[0]["ids"])


def test_london_forces_have_no_rocu(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        "MATCH (f:Force) WHERE f.id IN ['metropolitan', 'city-of-london'] "
        "RETURN count { (f)-[:MEMBER_OF]->() } AS units"
    ).records
    assert [r["units"] for r in records] == [0, 0]


def test_durham_2016_outstanding_with_source(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (:Force {id: 'durham'})<-[:INSPECTS]-(r:Report {pillar: 'effectiveness', year: 2016})
              -[:JUDGES]->(j:Judgment)-[:ANSWERS]->(:Question {number: 0})
        RETURN j.grade AS grade, j.gradeRank AS rank, r.sourceUrl AS url
        """
    ).records
    assert records[0]["grade"] == "Outstanding" and records[0]["rank"] == 4
    assert records[0]["url"].startswith("http")


def test_duplicated_table_row_is_one_report(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        "MATCH (r:Report {id: 'cambridgeshire-efficiency-2015'})-[:JUDGES]->(j) RETURN count(j) AS c"
    ).records
    assert records[0]["c"] == 1


def test_areas_for_improvement_under_questions(loaded_graph: Driver) -> None:
    records = loaded_graph.execute_query(
        """
        MATCH (:Report {id: $id})-[:IDENTIFIES]->(a:AreaForImprovement)-[:UNDER]->(q:Question)
        MATCH (a)-[:EVIDENCED_BY]->(:Passage)
        RETURN q.number AS number, count(a) AS areas ORDER BY number
        """,
        id=CAMBRIDGESHIRE_2015,
    ).records
    assert [(r["number"], r["areas"]) for r in records] == [(1, 1), (2, 2), (4, 1)]


def test_second_load_changes_nothing(loaded_graph: Driver) -> None:
    before = (counts(loaded_graph), snapshot(loaded_graph))
    result = peelgraph("load")
    assert result.returncode == 0, result.stderr
    assert "1 already there" in result.stdout
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before


def test_forced_rewrite_of_a_report_changes_nothing(loaded_graph: Driver) -> None:
    """Writing the same report again (its fingerprint cleared) converges to the same graph."""
    before = (counts(loaded_graph), snapshot(loaded_graph))
    loaded_graph.execute_query("MATCH (r:Report {id: $id}) SET r.documentHash = 'stale'", id=CAMBRIDGESHIRE_2015)
    result = peelgraph("load")
    assert result.returncode == 0, result.stderr
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before


def test_bad_file_leaves_the_graph_as_it_was(loaded_graph: Driver, tmp_path: Path) -> None:
    good = Path("data/reports/peel-2015-effectiveness-cambridgeshire.txt").resolve()
    bad = tmp_path / "broken.txt"
    bad.write_text(good.read_text(encoding="utf-8").replace("Requires improvement", "Requires improvment", 1))
    before = (counts(loaded_graph), snapshot(loaded_graph))
    result = peelgraph("load", str(good), str(bad))
    assert result.returncode == 2
    assert "broken.txt" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before


def test_load_reports_warnings_and_strict_writes_nothing(loaded_graph: Driver, tmp_path: Path) -> None:
    good = Path("data/reports/peel-2015-effectiveness-cambridgeshire.txt").resolve()
    loose = tmp_path / "loose.txt"
    loose.write_text(good.read_text(encoding="utf-8").replace("Areas for improvement", "Areas for improvment:", 1))
    before = (counts(loaded_graph), snapshot(loaded_graph))
    result = peelgraph("load", "--strict", str(loose))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith(f"error: {loose}:641: expected the heading 'Areas for improvement'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before
    result = peelgraph("load", str(loose))  # the same facts as the bundled report, from other bytes
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == (
        f"warning: {loose}:641: expected the heading 'Areas for improvement', read 'Areas for improvment:' as it"
    )
    assert counts(loaded_graph) == before[0]
    assert peelgraph("load", str(good)).returncode == 0
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before


def _facts(driver: Driver) -> list[str]:
    """Every node with its properties, but for the digests of the file a report was read from."""
    records = driver.execute_query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties").records
    return sorted(
        json.dumps([sorted(r["labels"]), {k: v for k, v in r["properties"].items() if k not in FILE_DIGESTS}],
                   sort_keys=True, default=str)
        for r in records
    )


def test_a_pdf_loads_to_the_same_graph_as_its_text(loaded_graph: Driver, report_pdf_path: Path) -> None:
    """The PDF holds the bundled report's facts: only the report's file digests differ."""
    good = Path("data/reports/peel-2015-effectiveness-cambridgeshire.txt").resolve()
    before = (counts(loaded_graph), snapshot(loaded_graph), _facts(loaded_graph))
    result = peelgraph("load", "--strict", str(report_pdf_path))
    assert result.returncode == 0, result.stderr
    assert "created 0 nodes and" in result.stdout
    assert counts(loaded_graph) == before[0]
    assert _facts(loaded_graph) == before[2]
    sha256 = loaded_graph.execute_query("MATCH (r:Report {id: $id}) RETURN r.sha256 AS sha256",
                                        id=CAMBRIDGESHIRE_2015).records[0]["sha256"]
    assert sha256 == hashlib.sha256(report_pdf_path.read_bytes()).hexdigest()
    assert peelgraph("load", str(good)).returncode == 0
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before[:2]


def test_a_truncated_pdf_leaves_the_graph_as_it_was(
    loaded_graph: Driver, report_pdf_path: Path, tmp_path: Path
) -> None:
    good = Path("data/reports/peel-2015-effectiveness-cambridgeshire.txt").resolve()
    truncated = tmp_path / "truncated.pdf"
    data = report_pdf_path.read_bytes()
    truncated.write_bytes(data[: len(data) * 2 // 3])
    before = (counts(loaded_graph), snapshot(loaded_graph))
    result = peelgraph("load", str(good), str(truncated))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"error: {truncated}: expected a complete PDF, but it stops before its end (%%EOF): truncated?"
    )
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before
