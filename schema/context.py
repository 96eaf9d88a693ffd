"""The per-request context resolvers receive."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from graph.reader import GraphReader


@dataclass
class Context:
    request: Request
    response: Response | None
    graph: GraphReader


Info = StrawberryInfo[Context, None]
