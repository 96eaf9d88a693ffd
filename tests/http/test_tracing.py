"""Traces: off unless an exporter is chosen (then nothing of OpenTelemetry is even loaded); with one, a request is a
server span continuing the caller's trace, with Strawberry's spans and a client span per Cypher statement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest
from neo4j import Driver
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from tests.conftest import ARTIFACTS, served

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"
COMPILED = 'query Compiled { force(id: "kent") { name } }'
RESOLVED = "query Resolved { stats { nodeCount } }"
"""`stats` is answered by its resolver through Strawberry (the compiler does not cover it)."""


def requests_to(url: str) -> None:
    caller = {"traceparent": f"00-{TRACE_ID}-{CALLER_SPAN}-01", "X-Request-ID": "traced-request"}
    for query, headers in ((COMPILED, caller), (RESOLVED, {})):
        answer = httpx.post(f"{url}/graphql", json={"query": query}, headers=headers, timeout=30).json()
        assert "errors" not in answer, answer


def served_with(environment: dict[str, str]) -> AbstractContextManager[str]:
    # The lifespan's end (when the server is stopped) sends the spans still batched.
    return served({"OTEL_BSP_SCHEDULE_DELAY": "100", **environment}, stop_within=30)


def check_trace(spans: list[dict[str, Any]]) -> None:
    """The spans of `requests_to`, as {name, trace_id, span_id, parent_id, attributes} (ids in hex)."""
    by_name: dict[str, list[dict[str, Any]]] = {}
    for span in spans:
        by_name.setdefault(span["name"], []).append(span)
    first, second = sorted(by_name["POST /graphql"], key=lambda span: span["trace_id"] != TRACE_ID)
    # the caller's trace goes on: same trace id, the caller's span as parent; the request id is on the span
    assert first["trace_id"] == TRACE_ID and first["parent_id"] == CALLER_SPAN
    assert first["attributes"]["peelgraph.request_id"] == "traced-request"
    assert first["attributes"]["http.response.status_code"] == 200
    (compiled,) = by_name["neo4j generated"]
    assert compiled["trace_id"] == TRACE_ID and compiled["parent_id"] == first["span_id"]
    assert compiled["attributes"]["db.system.name"] == "neo4j"
    assert "MATCH" in compiled["attributes"]["db.query.text"]
    # a request through Strawberry: its spans, and the statement under them, in the second request's trace
    assert second["trace_id"] != TRACE_ID and second["parent_id"] is None
    (stats,) = by_name["neo4j read/stats"]
    (operation,) = by_name["GraphQL Query: Resolved"]
    assert stats["trace_id"] == operation["trace_id"] == second["trace_id"]
    parents = {span["span_id"]: span["parent_id"] for span in spans}
    chain, at = [], stats["span_id"]
    while at is not None:
        chain.append(at)
        at = parents.get(at)
    assert operation["span_id"] in chain and second["span_id"] in chain


def test_console_traces(loaded_graph: Driver) -> None:
    environment = {"PEELGRAPH_TRACES": "console"}
    with served_with(environment) as url:
        requests_to(url)
        log = ARTIFACTS / f"serve-{url.rsplit(':', 1)[1]}.log"
    spans = []
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            span = json.loads(line)
            spans.append({"name": span["name"], "trace_id": span["context"]["trace_id"][2:],
                          "span_id": span["context"]["span_id"][2:],
                          "parent_id": span["parent_id"][2:] if span["parent_id"] else None,
                          "attributes": span["attributes"]})
            assert span["resource"]["attributes"]["service.name"] == "peelgraph"
    check_trace(spans)


class Collector(BaseHTTPRequestHandler):
    """An OTLP/HTTP receiver: keeps each export request it is sent."""

    received: ClassVar[list[ExportTraceServiceRequest]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/v1/traces":
            exported = ExportTraceServiceRequest()
            exported.ParseFromString(body)
            Collector.received.append(exported)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[str]:
    Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_otlp_traces_when_an_endpoint_is_set(loaded_graph: Driver, collector: str) -> None:
    with served_with({"OTEL_EXPORTER_OTLP_ENDPOINT": collector, "OTEL_SERVICE_NAME": "peelgraph-test"}) as url:
        requests_to(url)
    spans = []
    for exported in Collector.received:
        for resource in exported.resource_spans:
            service = {item.key: item.value.string_value for item in resource.resource.attributes}["service.name"]
            assert service == "peelgraph-test"
            for scope in resource.scope_spans:
                for span in scope.spans:
                    attributes = {item.key: getattr(item.value, item.value.WhichOneof("value"))
                                  for item in span.attributes}
                    spans.append({"name": span.name, "trace_id": span.trace_id.hex(), "span_id": span.span_id.hex(),
                                  "parent_id": span.parent_span_id.hex() or None, "attributes": attributes})
    check_trace(spans)


def test_traces_are_off_by_default_and_nothing_of_opentelemetry_is_loaded(loaded_graph: Driver) -> None:
    script = ("import asyncio, sys, httpx\n"
              "from peelgraph.server import create_app\n"
              "from peelgraph.settings import Settings\n"
              "async def main():\n"
              "    settings = Settings()\n"
              "    assert settings.trace_exporter is None\n"
              "    app = create_app(settings)\n"
              "    async with app.router.lifespan_context(app):\n"
              "        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url='http://t')\n"
              "        for query in ('{ force(id: \"kent\") { name } }', '{ stats { nodeCount } }'):\n"
              "            assert 'errors' not in (await client.post('/graphql', json={'query': query})).json()\n"
              "    print(sorted(name for name in sys.modules if name.startswith('opentelemetry')))\n"
              "asyncio.run(main())\n")
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("OTEL_") and name != "PEELGRAPH_TRACES"}
    shown = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True,
                           timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "[]"


def test_otlp_without_its_exporter_is_a_one_line_error() -> None:
    """`peelgraph serve` says how to install the exporter, rather than failing in each worker."""
    script = ("import sys\n"
              "sys.modules['opentelemetry.exporter.otlp.proto.http.trace_exporter'] = None  # not installed\n"
              "from peelgraph.cli import main\n"
              "sys.argv = ['peelgraph', 'serve', '--port', '1']\n"
              "main()\n")
    result = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PEELGRAPH_TRACES": "otlp"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'peelgraph[otlp]'" in result.stderr and "Traceback" not in result.stderr
