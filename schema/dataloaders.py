"""Per-request DataLoaders: every relationship field loads through one, so each relationship asked for
costs one round trip per request however many parents ask (see `schema/fallback.py`)."""

from __future__ import annotations

import asyncio
import json
from asyncio import Future
from functools import partial
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader as StrawberryDataLoader

from peelgraph.graph.read import batched
from peelgraph.graph.read.reader import GraphReader
from peelgraph.graph.read.records import NodeRecord

K = TypeVar("K")
V = TypeVar("V")

RelatedKey = tuple[str | None, str | None]
"""A parent's id and its owner's id (the object it was reached from, for a field that names it)."""


class DataLoader(StrawberryDataLoader[K, V]):
    """Strawberry's DataLoader whose loads a cancelled field cannot cancel for the others waiting on them.

    When a field's error nulls a non-null parent, graphql-core cancels the parent's pending fields; one of
    them may be awaiting a batch another field awaits too, and cancelling that shared future would make the
    other field raise CancelledError out of the whole request (an HTTP 500)."""

    def load(self, key: K) -> Future[V]:
        return asyncio.shield(super().load(key))


class DataLoaders:
    """One set per request (a loader's cache must not outlive the request that filled it)."""

    def __init__(self, graph: GraphReader) -> None:
        self.graph = graph
        self.nodes = DataLoader[str, list[NodeRecord]](partial(batched.nodes, graph))
        self.statements: dict[Any, tuple[str, dict[str, Any], bool]] = {}
        """The statements of the fields resolved so far, by parent type, field and selection
        (`schema/fallback.py`)."""
        self._related: dict[str, DataLoader[RelatedKey, Any]] = {}

    def related(self, text: str, parameters: dict[str, Any]) -> DataLoader[RelatedKey, Any]:
        """The loader running `text` with `parameters` for every parent asking for it."""
        key = text + "\n" + json.dumps(parameters, sort_keys=True, default=str)
        if key not in self._related:
            self._related[key] = DataLoader[RelatedKey, Any](partial(batched.related, self.graph, text, parameters))
        return self._related[key]
