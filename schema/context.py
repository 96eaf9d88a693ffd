"""The per-request context resolvers receive."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from peelgraph.graph.read.reader import GraphReader
from peelgraph.schema.budget import DEFAULT_MAX_COST
from peelgraph.schema.cost import Estimate
from peelgraph.schema.dataloaders import DataLoaders


@dataclass
class Context:
    request: Request | None
    response: Response | None
    graph: GraphReader
    max_cost: int = DEFAULT_MAX_COST
    """The most objects one request may ask for (`schema/cost.py`)."""
    cost: Estimate | None = None
    """The request's estimated cost, once computed."""
    answers: dict[str, Any] | None = None
    """The compiled root fields' answers, when `schema/direct.py` read them before handing the request over."""

    @cached_property
    def dataloaders(self) -> DataLoaders:
        """The request's DataLoaders, made when a resolver first needs one (a compiled request never does)."""
        return DataLoaders(self.graph)


Info = StrawberryInfo[Context, None]
