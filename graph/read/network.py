"""The graph, or the neighbourhood of some of its nodes, read out whole for export (GraphML, CSV).

Read through the researchers' read-only session (`graph.research.read_session`), in READ transactions.
Each node is known by a key that stays the same from one load to the next: `Label:id` (`Force:cambridgeshire`),
unique by the schema's constraints; a node without an `id` is known by its element id.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import neo4j
from neo4j import Driver

from peelgraph.graph.connection import Neo4jSettings
from peelgraph.graph.errors import NotFound
from peelgraph.graph.read.ad_hoc import plain, read_session
from peelgraph.graph.statements import statement

NODES = statement("read/export_nodes")
RELATIONSHIPS = statement("read/export_relationships")
SEEDS = statement("read/export_seeds")
STEP = statement("read/export_step")
COUNTS = statement("read/export_counts")
PROGRESS_EVERY = 500
"""Rows read between two reports of progress."""


class Progress(Protocol):
    def start(self, description: str, total: int | None) -> None: ...

    def advance(self, count: int) -> None: ...


class _Silent:
    def start(self, description: str, total: int | None) -> None:
        pass

    def advance(self, count: int) -> None:
        pass


@dataclass(frozen=True, slots=True)
class NetworkNode:
    key: str
    """`Label:id`, or the element id of a node without an `id`."""
    labels: tuple[str, ...]
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class NetworkRelationship:
    type: str
    start: str
    """The key of the node it leaves."""
    end: str
    properties: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[NetworkNode, ...]
    relationships: tuple[NetworkRelationship, ...]


def node_key(labels: Sequence[str], properties: dict[str, Any], element_id: str) -> str:
    node_id = properties.get("id")
    return f"{sorted(labels)[0]}:{node_id}" if labels and node_id is not None else element_id


def read_network(
    driver: Driver,
    settings: Neo4jSettings,
    keys: Sequence[str] = (),
    depth: int = 1,
    progress: Progress | None = None,
    timeout: float = 300.0,
) -> Network:
    """Every node and relationship, or (with `keys`) the nodes within `depth` steps of those nodes and the
    relationships between them.

    A key is a node's `id` or `Label:id`; one that matches no node raises `NotFound`.
    """
    report = progress or _Silent()
    with read_session(driver, settings) as session:
        element_ids = _neighbourhood(session, keys, depth, timeout) if keys else None
        return session.execute_read(neo4j.unit_of_work(timeout=timeout)(_network), element_ids, report)


def _network(tx: neo4j.ManagedTransaction, element_ids: list[str] | None, progress: Progress) -> Network:
    if element_ids is None:
        totals = _rows(tx, COUNTS, {})[0]
        node_total, relationship_total = totals["nodes"], totals["relationships"]
    else:
        node_total, relationship_total = len(element_ids), None
    parameters = {"elementIds": element_ids}
    progress.start("nodes", node_total)
    nodes: list[NetworkNode] = []
    keyed: dict[str, str] = {}
    for record in _counted(tx.run(NODES, parameters), progress):
        properties = {name: plain(value) for name, value in record["properties"].items()}
        key = node_key(record["labels"], properties, record["elementId"])
        keyed[record["elementId"]] = key
        nodes.append(NetworkNode(key, tuple(sorted(record["labels"])), properties))
    progress.start("relationships", relationship_total)
    relationships = [
        NetworkRelationship(
            record["type"], keyed[record["start"]], keyed[record["end"]],
            {name: plain(value) for name, value in record["properties"].items()},
        )
        for record in _counted(tx.run(RELATIONSHIPS, parameters), progress)
        # A node written since the nodes were read (by a load running meanwhile) is not in this export.
        if record["start"] in keyed and record["end"] in keyed
    ]
    return Network(tuple(nodes), tuple(relationships))


def _neighbourhood(session: neo4j.Session, keys: Sequence[str], depth: int, timeout: float) -> list[str]:
    rows = neo4j.unit_of_work(timeout=timeout)(_rows)
    found = session.execute_read(rows, SEEDS, {"keys": list(keys)})
    missing = [key for key in keys if key not in {row["key"] for row in found}]
    if missing:
        raise NotFound(f"no node has the id {missing[0]!r} (give a node's id, or Label:id as in Force:cambridgeshire)")
    reached = {row["elementId"] for row in found}
    frontier = set(reached)
    for _ in range(depth):
        step = session.execute_read(rows, STEP, {"elementIds": sorted(frontier)})
        frontier = {row["elementId"] for row in step} - reached
        if not frontier:
            break
        reached |= frontier
    return sorted(reached)


def _rows(tx: neo4j.ManagedTransaction, query: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(query, parameters)]


def _counted(result: neo4j.Result, progress: Progress) -> Iterator[neo4j.Record]:
    count = 0
    for count, record in enumerate(result, 1):
        if count % PROGRESS_EVERY == 0:
            progress.advance(PROGRESS_EVERY)
        yield record
    progress.advance(count % PROGRESS_EVERY)
