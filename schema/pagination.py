"""Relay-style connections: edges with opaque cursors, page info and the total count."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Annotated, Generic, TypeVar

import strawberry

from peelgraph.graph.read.listings import Page, Window
from peelgraph.schema.bounds import BOUND
from peelgraph.schema.errors import UserInputError

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_FIRST = 20
MAX_FIRST = 100
_CURSOR_PREFIX = "offset:"

First = Annotated[
    int, strawberry.argument(description=f"How many items: {DEFAULT_FIRST} unless given, at most {MAX_FIRST}.")
]
After = Annotated[
    str | None, strawberry.argument(description="Return the items after this cursor (`pageInfo.endCursor`).")
]


@strawberry.type(description="Where a page sits in the whole listing.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow the last one of this page.")
    has_previous_page: bool = strawberry.field(description="Items precede the first one of this page.")
    start_cursor: str | None = strawberry.field(description="The cursor of the first item of this page.")
    end_cursor: str | None = strawberry.field(description="The cursor of the last item; pass it as `after`.")


@strawberry.type(description="One item of a page, with the cursor to continue after it.")
class Edge(Generic[T]):
    node: T = strawberry.field(description="The item.")
    cursor: str = strawberry.field(description="Opaque; pass it as `after` to read the items that follow.")


@strawberry.type(description="One page of a listing (`first` items `after` a cursor) and how many items it has in all.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(
        description="The items of this page, in the listing's order.", metadata={BOUND: MAX_FIRST}
    )
    page_info: PageInfo = strawberry.field(description="Where this page sits, and the cursor for the next one.")
    total_count: int = strawberry.field(description="How many items the whole listing has (every page).")


def window(first: int, after: str | None) -> Window:
    """The slice a `first`/`after` pair asks for; a clear error for a page too big or a foreign cursor."""
    if first < 0:
        raise UserInputError(f"first must be 0 or more (got {first})")
    if first > MAX_FIRST:
        raise UserInputError(f"first must be at most {MAX_FIRST} (got {first}); read further pages with `after`")
    return Window(skip=0 if after is None else _offset(after) + 1, limit=first)


def connection(page: Page[R], convert: Callable[[R], T]) -> Connection[T]:
    """A page read from the graph as a connection of API objects."""
    edges = [Edge(node=convert(item), cursor=cursor(page.skip + index)) for index, item in enumerate(page.items)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.skip + len(edges) < page.total,
            has_previous_page=page.skip > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total,
    )


def cursor(offset: int) -> str:
    """The opaque cursor of the item at `offset` of a listing."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def _offset(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    number = text.removeprefix(_CURSOR_PREFIX)
    if not text.startswith(_CURSOR_PREFIX) or not number.isdigit() or len(number) > 9:
        raise UserInputError(f"after: {cursor!r} is not a cursor this API gave out")
    return int(number)
