"""The size of the graph: a first field that proves the round trip to Neo4j."""

from __future__ import annotations

import strawberry

from peelgraph.graph.read.batched import graph_size
from peelgraph.schema.context import Info


@strawberry.type(description="How many nodes and relationships the graph holds.")
class Stats:
    node_count: int = strawberry.field(description="Nodes of every label.")
    relationship_count: int = strawberry.field(description="Relationships of every type.")


@strawberry.type
class StatsQuery:
    @strawberry.field(description="How big the graph is.")
    async def stats(self, info: Info) -> Stats:
        nodes, relationships = await graph_size(info.context.graph)
        return Stats(node_count=nodes, relationship_count=relationships)
