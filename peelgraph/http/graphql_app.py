"""The GraphQL endpoint's HTTP policy: Strawberry's ASGI app with our per-request context, the direct path for
queries the compiler covers whole, the response cache, the whole-request timeout, the largest answer, and JSON
bodies checked before Strawberry reads them."""

from __future__ import annotations

import asyncio
import json
import logging
from contextlib import suppress
from typing import Any

import orjson
import strawberry
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from peelgraph.graph.read.reader import GraphReader
from peelgraph.http.memory import GIVE_BACK_AFTER_BYTES, give_back_memory
from peelgraph.http.metrics import note_cache_lookup
from peelgraph.http.response_cache import ResponseCache
from peelgraph.schema.context import Context
from peelgraph.schema.direct import DirectAnswers
from peelgraph.settings import Settings

logger = logging.getLogger("peelgraph.api")


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI app with our per-request context, our playground opening on our examples, and repeated
    requests answered from the response cache while the graph is unchanged."""

    def __init__(
        self, schema: strawberry.Schema, ide_page: str, cache: ResponseCache | None, settings: Settings,
        **options: Any,
    ) -> None:
        super().__init__(schema, **options)
        self.ide_page = ide_page
        self.cache = cache
        self.settings = settings
        self.max_answer_bytes = int(settings.max_answer_mb * 2**20)

    async def get_context(self, request: Request, response: Any = None) -> Context:  # type: ignore[override]
        """The request's one context: the direct path's, if it handed the request over (with what it read)."""
        context: Context | None = getattr(request.state, "context", None)
        if context is None:
            context = request.state.context = Context(request=request, response=response, graph=_reader(request),
                                                      max_cost=self.settings.max_cost)
        return context

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            # The whole request, not only its transaction: reading, building and encoding the answer.
            async with asyncio.timeout(self.settings.query_timeout):
                response = await self._respond(request)
        except TimeoutError:
            logger.warning("GraphQL request stopped after %s s", self.settings.query_timeout)
            response = _error_response(
                f"the request took longer than the {self.settings.query_timeout:g} s allowed", "TIMEOUT"
            )
        try:
            await response(scope, receive, send)
        finally:
            directly = _forget(request)
        if len(getattr(response, "body", b"")) >= GIVE_BACK_AFTER_BYTES:
            del response
            give_back_memory(collect=not directly)

    async def _respond(self, request: Request) -> Response:
        key = await self._cache_key(request)
        if key is not None and self.cache is not None and self.cache.seen(key):
            return await self._answer_again(request, key, self.cache)
        response = await self._answer(request)
        # An answer that needed no statement costs less to compute than to check.
        worth_keeping = _reader(request).round_trips > 0 and _answered_cleanly(request, response)
        if key is not None and self.cache is not None and worth_keeping:
            self.cache.remember(key)
        return response

    async def _answer(self, request: Request) -> Response:
        # Strawberry answers a malformed request (batch array, bad JSON, GET mutation) in plain text;
        # GraphQL clients read errors from JSON.
        try:
            return await self._answer_directly(request) or await self.run(request)
        except HTTPException as error:
            return JSONResponse({"errors": [{"message": error.reason}]}, status_code=error.status_code)

    async def _answer_directly(self, request: Request) -> Response | None:
        """The answer of a query the compiler covers whole, without Strawberry (`schema/direct.py`), or None."""
        direct: DirectAnswers | None = getattr(self.schema, "direct", None)
        asked = await self._asked(request) if direct is not None else None
        if direct is None or asked is None:
            return None
        context = await self.get_context(request)
        data = await direct.answer(*asked, context)
        if data is None or context.cost is None:
            return None
        encoded = orjson.dumps(data)
        if len(encoded) > self.max_answer_bytes:
            return Response(self._too_large(encoded), media_type="application/json")
        cost = {"estimate": context.cost.total, "limit": context.max_cost, "returned": _objects(encoded)}
        request.state.answered = (encoded, cost)
        return _answer_response(encoded, {"roundTrips": context.graph.round_trips, "cost": cost})

    async def _asked(self, request: Request) -> tuple[str, dict[str, Any] | None, str | None] | None:
        """The request as Strawberry reads it, if it is one plain GraphQL request with a query; else None (then
        Strawberry reads it again, and says what is wrong with it)."""
        try:
            asked = await self.parse_http_body(self.request_adapter_class(request))
        except (HTTPException, json.JSONDecodeError, KeyError):
            return None
        if isinstance(asked, list) or asked.query is None or asked.protocol != "http":
            return None
        return asked.query, asked.variables, asked.operation_name

    async def _answer_again(self, request: Request, key: bytes, cache: ResponseCache) -> Response:
        """A request answered without errors before: from the cache if the graph is unchanged since."""
        reader = _reader(request)
        try:
            before = await reader.version()
        except Exception:  # the ordinary way reports an outage or a failure as it should
            return await self._answer(request)
        kept = cache.get(key, before)
        note_cache_lookup(kept is not None)
        if kept is not None:
            data, cost = kept
            return _answer_response(data, {"roundTrips": reader.round_trips, "cached": True, "cost": cost})
        response = await self._answer(request)
        answered = _clean_answer(request, response)
        if answered is not None:
            # Kept only if nothing was committed while it was computed: then it is the graph at `before`.
            with suppress(Exception):
                if await reader.version() == before:
                    cache.put(key, before, *answered)
        return response

    async def _cache_key(self, request: Request) -> bytes | None:
        if self.cache is None or "no-cache" in request.headers.get("cache-control", ""):
            return None
        if request.method == "POST" and "application/json" in request.headers.get("content-type", ""):
            return self.cache.key("POST", request.headers["content-type"], await request.body())
        if request.method == "GET" and "query" in request.query_params:
            return self.cache.key("GET", request.headers.get("accept", ""), request.url.query.encode())
        return None

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        request.state.graphql_result = result
        return await super().process_result(request, result)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:  # type: ignore[override]
        return HTMLResponse(self.ide_page)

    def encode_json(self, data: object) -> bytes:
        """The answer as JSON (orjson: several times faster than the standard library's encoder on large
        answers), with the objects it holds in `extensions.cost.returned`, or an error in its place when it
        is larger than PEELGRAPH_MAX_ANSWER_MB."""
        if not isinstance(data, dict) or "data" not in data:
            return orjson.dumps(data)
        encoded = orjson.dumps(data["data"])
        if len(encoded) > self.max_answer_bytes:
            return self._too_large(encoded)
        rest = {name: value for name, value in data.items() if name != "data"}
        cost = (rest.get("extensions") or {}).get("cost")
        if cost is not None:
            cost["returned"] = _objects(encoded)
        return b'{"data":' + encoded + (b"," + orjson.dumps(rest)[1:] if rest else b"}")

    def _too_large(self, encoded: bytes) -> bytes:
        logger.warning("GraphQL answer of %d bytes refused", len(encoded))
        return _error_body(
            f"the answer is {len(encoded) / 2**20:.0f} MB, more than the {self.settings.max_answer_mb:g} MB "
            "allowed: ask for fewer items", "ANSWER_TOO_LARGE",
        )

    def decode_json(self, data: str | bytes) -> object:
        # Bytes that are not UTF-8, or lone surrogates spelt as JSON escapes (\ud800), are not text: refuse
        # them here, not deep in a resolver when the driver fails to encode them. Deep nesting would
        # otherwise end in a RecursionError and a 500.
        try:
            decoded = json.loads(data)
            json.dumps(decoded, ensure_ascii=False).encode()
        except UnicodeError:
            raise HTTPException(400, "Unable to parse request body as JSON: it is not UTF-8 text") from None
        except RecursionError:
            raise HTTPException(400, "Unable to parse request body as JSON: it is nested too deeply") from None
        return decoded

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> Any:
        # Strawberry fails with a 500 on a JSON body that is neither an object nor a (batch) array.
        is_json = request.method == "POST" and "application/json" in (request.content_type or "")
        if is_json and not isinstance(self.parse_json(await request.get_body()), dict | list):
            raise HTTPException(400, "The request body must be a JSON object")
        return await super().parse_http_body(request)


def _objects(data: bytes) -> int:
    """How many objects a JSON answer's `data` holds, itself left out. Every object the API answers has a
    field, and a quote inside a string is escaped, so each `{"` opens one object."""
    return max(0, data.count(b'{"') - 1)


def _answer_response(data: bytes, extensions: dict[str, Any]) -> Response:
    """An answer whose `data` is encoded already (an answer from Neo4j or the response cache)."""
    return Response(b'{"data":' + data + b',"extensions":' + orjson.dumps(extensions) + b"}",
                    media_type="application/json")


def _error_body(message: str, code: str) -> bytes:
    return orjson.dumps({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]})


def _error_response(message: str, code: str) -> Response:
    return Response(_error_body(message, code), media_type="application/json")


def _reader(request: Request) -> GraphReader:
    """The request's one reader, so that its round trips include the response cache's version check."""
    reader: GraphReader | None = getattr(request.state, "graph", None)
    if reader is None:
        state = request.app.state
        reader = request.state.graph = GraphReader(state.driver, state.settings,
                                                   getattr(state, "statement_observers", ()))
    return reader


REQUEST_STATE = ("graph", "context", "answered", "graphql_result")
"""What a request keeps on `request.state` while it is answered (its reader, its context, its answer)."""


def _forget(request: Request) -> bool:
    """Let go of what the request kept, once it is answered: the state lives in the ASGI scope, which the
    server holds until the connection's next request, and the context and the request refer to each other,
    so the answer (for Strawberry's path, its whole tree of Python objects) would otherwise outlive the
    request until a full garbage collection, and no trim could give its memory back. True when the answer
    was a direct one (`schema/direct.py`)."""
    kept = request.state._state
    directly = "answered" in kept
    for name in REQUEST_STATE:
        kept.pop(name, None)
    return directly


def _answered_cleanly(request: Request, response: Response) -> bool:
    """Whether `response` is a 200 answer with data and no errors."""
    if response.status_code != 200:
        return False
    if getattr(request.state, "answered", None) is not None:
        return True
    result: ExecutionResult | None = getattr(request.state, "graphql_result", None)
    return result is not None and not result.errors and result.data is not None


def _clean_answer(request: Request, response: Response) -> tuple[bytes, dict[str, Any]] | None:
    """The `data` (as JSON) and cost of a 200 answer with data and no errors, if that is what `response` is."""
    if not _answered_cleanly(request, response):
        return None
    answered: tuple[bytes, dict[str, Any]] | None = getattr(request.state, "answered", None)
    if answered is not None:
        return answered
    result: ExecutionResult = request.state.graphql_result
    data = orjson.dumps(result.data)
    return data, {**((result.extensions or {}).get("cost") or {}), "returned": _objects(data)}
