"""What an operator sees of the running service, wired in one place for server.py: request ids (always), the
metrics (PEELGRAPH_METRICS, on by default) and traces (off unless an exporter is chosen)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.middleware import Middleware
from starlette.routing import Route
from strawberry.extensions import SchemaExtension

from peelgraph.graph.read.reader import StatementObserver
from peelgraph.http.metrics import Metrics, RequestMetrics
from peelgraph.http.request_id import RequestId
from peelgraph.settings import Settings

if TYPE_CHECKING:
    from peelgraph.http.tracing import Tracing


@dataclass
class Observability:
    metrics: Metrics | None
    tracing: Tracing | None

    @classmethod
    def of(cls, settings: Settings) -> Observability:
        metrics = Metrics(settings.metrics_max_operations) if settings.metrics else None
        kind = settings.trace_exporter
        if kind is None:
            return cls(metrics, None)
        # Imported only when traces are on: otherwise nothing of OpenTelemetry is loaded.
        from peelgraph.http.tracing import Tracing

        return cls(metrics, Tracing(kind, settings.neo4j_database))

    def middleware(self) -> list[Middleware]:
        """Outermost first: the request's id, then its span, then its metrics (which see the refusals of the
        middleware inside them, the body limit's)."""
        found = [Middleware(RequestId)]
        if self.tracing is not None:
            from peelgraph.http.tracing import TraceRequests

            found.append(Middleware(TraceRequests, tracing=self.tracing))
        if self.metrics is not None:
            found.append(Middleware(RequestMetrics, metrics=self.metrics))
        return found

    def routes(self) -> list[Route]:
        return [] if self.metrics is None else [Route("/metrics", self.metrics.endpoint, methods=["GET"])]

    def schema_extensions(self) -> list[Callable[[], SchemaExtension]]:
        return [] if self.tracing is None else [self.tracing.extension()]

    def statement_observers(self) -> tuple[StatementObserver, ...]:
        observers: list[StatementObserver] = []
        if self.metrics is not None:
            observers.append(self.metrics.statement)
        if self.tracing is not None:
            observers.append(self.tracing.statement)
        return tuple(observers)

    def close(self) -> None:
        if self.tracing is not None:
            self.tracing.shutdown()
