"""`peelgraph export`: the graph, or a neighbourhood, as GraphML (read back by networkx) and CSV lists."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import networkx as nx
from neo4j import Driver

from tests.graphstate import counts, peelgraph


def _type_counts(driver: Driver) -> Counter[str]:
    records = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS c").records
    return Counter({record["type"]: record["c"] for record in records})


def test_graphml_is_read_back_by_networkx_with_the_graph_s_counts(loaded_graph: Driver, tmp_path: Path) -> None:
    path = tmp_path / "peel.graphml"
    result = peelgraph("export", "--format", "graphml", "--output", str(path))
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(path)
    nodes, relationships = counts(loaded_graph)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, relationships)
    assert f"exported {nodes} nodes and {relationships} relationships" in result.stderr
    assert Counter(data["type"] for _, _, data in graph.edges(data=True)) == _type_counts(loaded_graph)
    force = graph.nodes["Force:cambridgeshire"]
    assert force["labels"] == "Force" and force["name"] == "Cambridgeshire Constabulary"
    assert force["onsCode"] == "E23000023" and force["label"] == "Cambridgeshire Constabulary"
    report = graph.nodes["Report:cambridgeshire-effectiveness-2015"]
    assert report["year"] == 2015  # typed: GraphML `long`
    assert graph.has_edge("Force:cambridgeshire", "Organisation:ersou")
    judgments = loaded_graph.execute_query(
        "MATCH (:Report {id: 'cambridgeshire-effectiveness-2015'})-[:JUDGES]->(j) RETURN count(j) AS c"
    ).records[0]["c"]
    judged = [target for _, target, data in graph.out_edges("Report:cambridgeshire-effectiveness-2015", data=True)
              if data["type"] == "JUDGES"]
    assert len(judged) == judgments == 5


def test_csv_lists_are_read_back_by_the_csv_module(loaded_graph: Driver, tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    result = peelgraph("export", "--format", "csv", "--output", str(folder))
    assert result.returncode == 0, result.stderr
    with (folder / "nodes.csv").open(newline="", encoding="utf-8") as stream:
        nodes = list(csv.DictReader(stream))
    with (folder / "relationships.csv").open(newline="", encoding="utf-8") as stream:
        relationships = list(csv.DictReader(stream))
    assert (len(nodes), len(relationships)) == counts(loaded_graph)
    keys = {node["key"] for node in nodes}
    assert len(keys) == len(nodes)
    assert all(rel["source"] in keys and rel["target"] in keys for rel in relationships)
    assert Counter(rel["type"] for rel in relationships) == _type_counts(loaded_graph)
    works_with = loaded_graph.execute_query(
        "MATCH (:Force {id: 'cambridgeshire'})-[w:WORKS_WITH]->(:Organisation {id: 'ersou'}) "
        "RETURN w.mentions AS mentions, w.reportIds AS reportIds"
    ).records[0]
    row = next(rel for rel in relationships if (rel["source"], rel["target"], rel["type"]) ==
               ("Force:cambridgeshire", "Organisation:ersou", "WORKS_WITH"))
    assert int(row["mentions"]) == works_with["mentions"]
    assert json.loads(row["reportIds"]) == works_with["reportIds"]  # a list, as JSON in its cell


def test_a_neighbourhood_holds_the_nodes_within_depth_and_the_relationships_between_them(
    loaded_graph: Driver, tmp_path: Path
) -> None:
    path = tmp_path / "cambridgeshire.graphml"
    result = peelgraph("export", "--node", "Force:cambridgeshire", "--node", "ersou", "--depth", "1", "-o", str(path))
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(path)
    expected = loaded_graph.execute_query(
        """
        MATCH (s) WHERE (s:Force AND s.id = 'cambridgeshire') OR (s:Organisation AND s.id = 'ersou')
        OPTIONAL MATCH (s)--(m)
        WITH collect(DISTINCT s) + collect(DISTINCT m) AS found
        UNWIND found AS n
        WITH collect(DISTINCT n) AS nodes
        RETURN size(nodes) AS nodes,
               size([(a)-[r]->(b) WHERE a IN nodes AND b IN nodes | r]) AS relationships
        """
    ).records[0]
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (expected["nodes"], expected["relationships"])
    assert 1 < graph.number_of_nodes() < counts(loaded_graph)[0]
    assert {"Force:cambridgeshire", "Organisation:ersou", "Force:hertfordshire"} <= set(graph.nodes)


def test_an_unknown_node_is_refused_in_one_line_and_nothing_is_written(loaded_graph: Driver, tmp_path: Path) -> None:
    path = tmp_path / "none.graphml"
    result = peelgraph("export", "--node", "Force:atlantis", "-o", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        "error: no node has the id 'Force:atlantis' (give a node's id, or Label:id as in Force:cambridgeshire)"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_cannot_be_written_is_one_line(loaded_graph: Driver, tmp_path: Path) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a folder")
    result = peelgraph("export", "--format", "csv", "--node", "ersou", "-o", str(taken))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith(f"error: {taken}: expected a folder to write nodes.csv and")
    assert taken.read_text() == "not a folder"


def test_graphml_to_standard_output(loaded_graph: Driver) -> None:
    result = peelgraph("export", "--node", "Organisation:ersou", "--depth", "0", "-o", "-")
    assert result.returncode == 0, result.stderr
    graph = nx.parse_graphml(result.stdout)
    assert list(graph.nodes) == ["Organisation:ersou"]
    assert graph.nodes["Organisation:ersou"]["name"] == "Eastern Region Special Operations Unit"
