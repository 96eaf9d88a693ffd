"""Traces with OpenTelemetry, off unless an exporter is chosen (PEELGRAPH_TRACES, or an OTLP endpoint in the
environment: `Settings.trace_exporter`). Nothing of this module is imported, and nothing of OpenTelemetry runs
on a request's path, when they are off (server.py).

A request to the API is one trace: a server span for the HTTP request (continuing the caller's `traceparent`,
if any), Strawberry's spans for parsing, validation and resolvers when the request goes through Strawberry
(a query the compiler answers whole skips them, `schema/direct.py`), and a client span for each Cypher
statement (`graph/read/reader.py` runs every one).

Exporters: `console` (the SDK's, one JSON span per line on standard output) and `otlp` (OTLP over HTTP, with
the OTEL_EXPORTER_OTLP_* variables; the optional extra `peelgraph[otlp]`). OTEL_SERVICE_NAME names the
service (`peelgraph` unless set); OTEL_BSP_* tune the batching.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from opentelemetry import propagate
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.extensions.tracing import OpenTelemetryExtension

from peelgraph.graph.statements import name_of

OTLP_EXTRA = "pip install 'peelgraph[otlp]'"


class TracingUnavailable(Exception):
    """The chosen exporter cannot be made (its package is not installed)."""


def exporter(kind: str) -> SpanExporter:
    """The span exporter PEELGRAPH_TRACES names: `console` or `otlp`."""
    if kind == "console":
        return ConsoleSpanExporter(formatter=_one_line)
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError as error:
        raise TracingUnavailable(f"traces over OTLP need the OTLP exporter: {OTLP_EXTRA}") from error
    return OTLPSpanExporter()


def _one_line(span: ReadableSpan) -> str:
    return span.to_json(indent=None) + "\n"


class Tracing:
    """One process's tracer provider, and what the app hands it: the middleware, Strawberry's extension, the
    statement observer."""

    def __init__(self, kind: str, database: str) -> None:
        name = {} if os.environ.get("OTEL_SERVICE_NAME") else {"service.name": "peelgraph"}
        self.provider = TracerProvider(resource=Resource.create(name))
        self.provider.add_span_processor(BatchSpanProcessor(exporter(kind)))
        self.tracer = self.provider.get_tracer("peelgraph")
        self.database = database

    def extension(self) -> Callable[[], SchemaExtension]:
        """Strawberry's OpenTelemetry extension, on this provider (not the global one)."""
        return partial(OpenTelemetryExtension, tracer_provider=self.provider)

    @contextmanager
    def statement(self, text: str) -> Iterator[None]:
        """A client span for one Cypher statement (a `StatementObserver`, graph/read/reader.py)."""
        name = name_of(text)
        attributes = {"db.system.name": "neo4j", "db.namespace": self.database, "db.query.summary": name,
                      "db.query.text": text}
        with self.tracer.start_as_current_span(f"neo4j {name}", kind=SpanKind.CLIENT, attributes=attributes):
            yield

    def shutdown(self) -> None:
        """Send what is left and stop (the lifespan's end)."""
        self.provider.shutdown()


class TraceRequests:
    """Pure ASGI middleware: a server span around each request to `path` (the GraphQL endpoint), the current
    span while it is answered."""

    def __init__(self, app: ASGIApp, tracing: Tracing, path: str = "/graphql") -> None:
        self.app = app
        self.tracer = tracing.tracer
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope.get("headers", ())}
        caller = propagate.extract(headers)
        method, path = scope["method"], scope["path"]
        attributes = {"http.request.method": method, "url.path": path}
        request_id = scope.get("state", {}).get("request_id")
        if request_id is not None:
            attributes["peelgraph.request_id"] = request_id
        with self.tracer.start_as_current_span(f"{method} {path}", context=caller, kind=SpanKind.SERVER,
                                               attributes=attributes) as span:

            async def sending(message: Message) -> None:
                if message["type"] == "http.response.start":
                    span.set_attribute("http.response.status_code", message["status"])
                    if message["status"] >= 500:
                        span.set_status(Status(StatusCode.ERROR))
                await send(message)

            await self.app(scope, receive, sending)

