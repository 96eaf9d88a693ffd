"""The size of the graph: a first field that proves the round trip to Neo4j."""

from __future__ import annotations

import strawberry

from schema.context import Info


@strawberry.type(description="How many nodes and relationships the graph holds.")
class Stats:
    node_count: int = strawberry.field(description="Nodes of every label.")
    relationship_count: int = strawberry.field(description="Relationships of every type.")


@strawberry.type
class StatsQuery:
    @strawberry.field(description="How big the graph is.")
    async def stats(self, info: Info) -> Stats:
        row = await info.context.graph.one("read/stats")
        assert row is not None
        return Stats(node_count=row["nodeCount"], relationship_count=row["relationshipCount"])
