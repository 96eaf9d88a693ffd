"""The per-request context resolvers receive."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from graph.reader import GraphReader
from schema.dataloaders import Loaders


@dataclass
class Context:
    request: Request
    response: Response | None
    graph: GraphReader
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.graph)


Info = StrawberryInfo[Context, None]
