"""The `Node` interface: every object of the graph, found again by its id with `node(id:)`."""

from __future__ import annotations

import strawberry


@strawberry.interface(
    description=(
        "An object of the graph. Its id is the domain id (a police.uk slug such as `cambridgeshire`, an "
        "acronym such as `ersou`, `cambridgeshire-effectiveness-2015/q2`...), unique across every type, so "
        "`node(id:)` finds any object again."
    )
)
class Node:
    id: strawberry.ID = strawberry.field(description="The domain id, unique across the whole graph.")
