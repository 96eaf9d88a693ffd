"""The API's batched reads: each takes many keys, runs one statement and answers in key order.

The resolvers read through these (via the per-request DataLoaders of `schema/dataloaders.py`), so a
request costs one round trip per relationship it asks for, however many results it returns; a
relationship's statement is generated from its field's declaration (`schema/fallback.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peelgraph.graph.read import records
from peelgraph.graph.read.reader import GraphReader
from peelgraph.graph.read.records import NodeRecord
from peelgraph.graph.statements import statement

NODES = statement("read/nodes")
STATS = statement("read/stats")


async def nodes(reader: GraphReader, ids: Sequence[str]) -> list[list[NodeRecord]]:
    """Every node with each id, whatever its label (ids are unique across labels, so normally one)."""
    found: dict[str, list[NodeRecord]] = {}
    for row in await reader.rows(NODES, {"ids": list(ids)}):
        record = records.node(row["labels"], row["properties"], row["question"], row["report"])
        found.setdefault(row["id"], []).append(record)
    return [found.get(key, []) for key in ids]


async def related(
    reader: GraphReader, text: str, parameters: dict[str, Any], keys: Sequence[tuple[str | None, str | None]]
) -> list[Any]:
    """What a relationship field's statement (`schema/fallback.py`) finds for each key, None where nothing."""
    rows = await reader.rows(text, {**parameters, "keys": [list(key) for key in keys]})
    found = {tuple(row["key"]): row["found"] for row in rows}
    return [found.get(key) for key in keys]


async def graph_size(reader: GraphReader) -> tuple[int, int]:
    """How many nodes and relationships the graph holds."""
    row = await reader.one(STATS)
    if row is None:
        raise ValueError("read/stats returned no row")
    return row["nodeCount"], row["relationshipCount"]
