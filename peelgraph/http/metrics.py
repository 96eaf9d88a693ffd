"""The service's metrics at `/metrics`, in the Prometheus text format (prometheus-client).

Requests to `/graphql` by operation name and outcome, their latency, the Cypher statements and their time,
the response cache's lookups, refusals by limit, and whether Neo4j answers (pinged at each scrape).

With several worker processes (`peelgraph serve --workers N`), every worker writes its values to files in
PROMETHEUS_MULTIPROC_DIR (prometheus-client's multiprocess mode: the serve command makes the folder and removes
it after) and whichever worker a scrape reaches adds up all of them, so one scrape sees the whole service.
Without that folder (an app made in-process), the values are this process's own.

Operation names are the client's choice: only names of GraphQL's form are kept, and only the first
`max_operations` distinct ones a process sees; the rest are counted as `other`, so that no client can make
the metrics grow without bound.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

import orjson
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peelgraph.graph.connection import async_ping
from peelgraph.graph.errors import GraphUnavailable, QueryFailed
from peelgraph.graph.statements import name_of

MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"

LIMITS = {
    "DEPTH_LIMIT": "depth",
    "ALIAS_LIMIT": "aliases",
    "TOKEN_LIMIT": "tokens",
    "COST_LIMIT": "cost",
    "ANSWER_TOO_LARGE": "answer_size",
    "TIMEOUT": "request_timeout",
    "QUERY_FAILED": "statement_timeout",
    "QUERY_NOT_IN_SAFELIST": "allowlist",
    "PERSISTED_QUERY_NOT_IN_LIST": "allowlist",
}
"""The limit each refusal's `extensions.code` names (schema/api.py, schema/cost.py, peelgraph/http/graphql_app.py,
graph/read/reader.py's timeout, persisted_queries.py's allow-list); a body over PEELGRAPH_MAX_BODY_BYTES is refused
with 413 (`body`)."""
BODY_TOO_LARGE = 413
NOT_MODIFIED = 304
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
"""Not a failure: the first step of the persisted-query protocol (the client sends the text next)."""

REQUEST_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
STATEMENT_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
"""Seconds: a cached answer takes about a millisecond, a statement (the cache's version check) under one."""

OPERATION_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
FIRST_OPERATION = re.compile(r"\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)")
"""A document that starts with a named operation: the name a request without `operationName` runs."""


@dataclass(slots=True)
class Observation:
    """What the metrics learn of one GraphQL request while the app answers it."""

    cache: str | None = None
    """`hit` or `miss` when the response cache was asked (its third time on, `response_cache.py`)."""
    clean: bool = False
    """The app answered with data and no errors (`note_clean_answer`), so the answer need not be read again."""
    operation: str | None = None
    asked: bool = False
    """The app read the request (`note_operation`): `operation` is its operation's name, so the body need not be
    parsed again."""


observed: ContextVar[Observation | None] = ContextVar("peelgraph_observation", default=None)


def note_cache_lookup(hit: bool) -> None:
    """Count a lookup in the response cache for the request being answered (nothing when metrics are off)."""
    observation = observed.get()
    if observation is not None:
        observation.cache = "hit" if hit else "miss"


def note_operation(query: str, operation_name: str | None) -> None:
    """The operation of the request being answered, as the app read it (nothing when metrics are off)."""
    observation = observed.get()
    if observation is not None:
        observation.operation, observation.asked = _named(query, operation_name), True


def note_clean_answer() -> None:
    """The request being answered got data and no errors (nothing when metrics are off)."""
    observation = observed.get()
    if observation is not None:
        observation.clean = True


class OperationNames:
    """The label of a request's operation name: the name itself for the first `most` distinct ones seen, `other`
    after them, `anonymous` for none and `invalid` for what is not a GraphQL name."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._kept: set[str] = set()

    def label(self, name: str | None) -> str:
        if not name:
            return "anonymous"
        if not OPERATION_NAME.fullmatch(name):
            return "invalid"
        if name in self._kept:
            return name
        if len(self._kept) < self.most:
            self._kept.add(name)
            return name
        return "other"


class Metrics:
    """The instruments, and the `/metrics` endpoint that shows them."""

    def __init__(self, max_operations: int) -> None:
        self.multiprocess = bool(os.environ.get(MULTIPROCESS_DIR))
        # In multiprocess mode values live in the folder's files, whatever registry (none) they are made in.
        registry = None if self.multiprocess else CollectorRegistry()
        self.registry = registry
        self.operations = OperationNames(max_operations)
        self.requests = Counter("peelgraph_graphql_requests", "GraphQL requests, by operation name and outcome "
                                "(ok, not_modified, refused, unavailable, persisted_query_not_found, error).",
                                ["operation", "outcome"], registry=registry)
        self.latency = Histogram("peelgraph_graphql_request_duration_seconds", "Time to answer a GraphQL request, "
                                 "from its first byte read to its last byte sent.", ["operation"], registry=registry,
                                 buckets=REQUEST_BUCKETS)
        self.refusals = Counter("peelgraph_refusals", "Requests refused by a limit (depth, aliases, tokens, cost, "
                                "body, answer_size, request_timeout, statement_timeout, allowlist).", ["limit"],
                                registry=registry)
        self.cache = Counter("peelgraph_response_cache_lookups", "Lookups in the response cache (hit, miss).",
                             ["result"], registry=registry)
        self.statements = Histogram("peelgraph_cypher_statement_duration_seconds", "Cypher statements run for the "
                                    "API and their time, by statement (its cypher/ file, or `generated`) and outcome "
                                    "(ok, unavailable, timeout, error).", ["statement", "outcome"], registry=registry,
                                    buckets=STATEMENT_BUCKETS)
        self._children: dict[tuple[object, ...], Any] = {}
        self.neo4j_up = Gauge("peelgraph_neo4j_up", "1 if Neo4j answered a ping at the last scrape, else 0.",
                              registry=registry, multiprocess_mode="mostrecent")

    @contextmanager
    def statement(self, text: str) -> Iterator[None]:
        """Times one statement (a `StatementObserver`, graph/read/reader.py)."""
        started = time.perf_counter()
        outcome = "ok"
        try:
            yield
        except GraphUnavailable:
            outcome = "unavailable"
            raise
        except QueryFailed:
            outcome = "timeout"
            raise
        except BaseException:
            outcome = "error"
            raise
        finally:
            self._child(self.statements, name_of(text), outcome).observe(time.perf_counter() - started)

    def _child(self, metric: Any, *labels: str) -> Any:
        """`metric.labels(*labels)`, kept: the labels' values are bounded, and `labels` checks and locks each time."""
        key = (metric, *labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    def record(self, scope: Scope, asked: list[bytes], status: int, answered: list[bytes], observation: Observation,
               seconds: float) -> None:
        """Count one answered GraphQL request (its body and answer read only where the app did not say)."""
        operation = observation.operation if observation.asked else _operation_name(scope, b"".join(asked))
        label = self.operations.label(operation)
        clean = observation.clean and status < 300
        outcome, limits = ("ok", set()) if clean else outcome_of(status, b"".join(answered))
        self._child(self.requests, label, outcome).inc()
        self._child(self.latency, label).observe(seconds)
        for limit in limits:
            self._child(self.refusals, limit).inc()
        if observation.cache is not None:
            self._child(self.cache, observation.cache).inc()

    async def endpoint(self, request: Request) -> Response:
        """`/metrics`: Neo4j pinged, then every worker's values added up (or this process's)."""
        state = request.app.state
        try:
            await async_ping(state.driver, state.settings, timeout=1.0)
            self.neo4j_up.set(1)
        except GraphUnavailable:
            self.neo4j_up.set(0)
        registry = self.registry
        if registry is None:
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def outcome_of(status: int, body: bytes) -> tuple[str, set[str]]:
    """A response's outcome and the limits that refused it, from its status and its `errors`' codes."""
    if status == BODY_TOO_LARGE:
        return "refused", {"body"}
    if status == NOT_MODIFIED:
        return "not_modified", set()
    codes = _error_codes(body)
    if codes is None:
        return ("ok" if status < 400 else "error"), set()
    limits = {LIMITS[code] for code in codes if code in LIMITS}
    if limits:
        return "refused", limits
    if "GRAPH_UNAVAILABLE" in codes:
        return "unavailable", set()
    if PERSISTED_QUERY_NOT_FOUND in codes:
        return "persisted_query_not_found", set()
    return "error", set()


def _error_codes(body: bytes) -> set[str | None] | None:
    """The codes of a JSON answer's `errors` (None when it has none). Only an answer that holds the bytes
    `"errors"` is parsed: a large answer without errors costs one scan."""
    if b'"errors"' not in body:
        return None
    try:
        answer = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    errors = answer.get("errors") if isinstance(answer, dict) else None
    if not isinstance(errors, list) or not errors:
        return None
    return {(error.get("extensions") or {}).get("code") if isinstance(error, dict) else None for error in errors}


def _operation_name(scope: Scope, body: bytes) -> str | None:
    """The operation a GraphQL request names (`operationName`), else the name its document starts with."""
    if scope["method"] == "GET":
        asked: dict[str, Any] = {name: values[0] for name, values in parse_qs(scope["query_string"].decode(
            "latin-1")).items()}
    else:
        try:
            parsed = orjson.loads(body) if body else None
        except orjson.JSONDecodeError:
            return None
        asked = parsed if isinstance(parsed, dict) else {}
    name, query = asked.get("operationName"), asked.get("query")
    return _named(query if isinstance(query, str) else None, name if isinstance(name, str) else None)


def _named(query: str | None, operation_name: str | None) -> str | None:
    """The name a request runs: its `operationName`, else the name its document starts with."""
    if isinstance(operation_name, str) and operation_name:
        return operation_name
    found = FIRST_OPERATION.match(query) if query is not None else None
    return found[1] if found else None


class RequestMetrics:
    """Pure ASGI middleware counting and timing the requests to `path` (the GraphQL endpoint)."""

    def __init__(self, app: ASGIApp, metrics: Metrics, path: str = "/graphql") -> None:
        self.app = app
        self.metrics = metrics
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        observation = Observation()
        token = observed.set(observation)
        asked: list[bytes] = []
        answered: list[bytes] = []
        status = 500

        async def reading() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                asked.append(message.get("body", b""))
            return message

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                answered.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, reading, sending)
        finally:
            observed.reset(token)
            self.metrics.record(scope, asked, status, answered, observation, time.perf_counter() - started)
