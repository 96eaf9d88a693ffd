"""The GraphQL endpoint's HTTP policy: Strawberry's ASGI app with our per-request context, the direct path for
queries the compiler covers whole, the response cache, the whole-request timeout, the largest answer, JSON
bodies checked before Strawberry reads them, and the GraphQL over HTTP conventions: the media type the client
accepts (media_types.py), persisted queries and the allow-list (persisted_queries.py), and `ETag`/304 on GET
answers (http_cache.py)."""

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
from peelgraph.http import http_cache
from peelgraph.http.media_types import GRAPHQL_RESPONSE_JSON, JSON, negotiate
from peelgraph.http.memory import GIVE_BACK_AFTER_BYTES, give_back_memory
from peelgraph.http.metrics import note_cache_lookup, note_clean_answer, note_operation
from peelgraph.http.persisted_queries import OperationRefused, PersistedQueries
from peelgraph.http.response_cache import ResponseCache, Version
from peelgraph.schema.api import MAX_TOKENS
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
        self.persisted = PersistedQueries.from_settings(settings, MAX_TOKENS)
        self.cache_control = http_cache.cache_control(settings.cache_max_age)

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
            if _answered_cleanly(request, response):
                note_clean_answer()
        except TimeoutError:
            logger.warning("GraphQL request stopped after %s s", self.settings.query_timeout)
            response = self._shaped(request, _error_response(
                f"the request took longer than the {self.settings.query_timeout:g} s allowed", "TIMEOUT"
            ))
            if request.method == "GET":
                http_cache.mark_uncacheable(response)
        try:
            await response(scope, receive, send)
        finally:
            directly = _forget(request)
        if len(getattr(response, "body", b"")) >= GIVE_BACK_AFTER_BYTES:
            del response
            give_back_memory(collect=not directly)

    async def _respond(self, request: Request) -> Response:
        """The answer in the media type the client prefers; a GET answer with its cache headers, or 304 when the
        client's `If-None-Match` names the answer the graph would give now (found with one version read)."""
        request.state.media_type = negotiate(request.headers.get("accept"))
        key = await self._request_key(request)
        if request.method != "GET" or key is None:
            return self._shaped(request, await self._answer_or_cached(request, key))
        conditional = request.headers.get("if-none-match")
        version = await self._version(request) if conditional else None
        if version is not None:
            tag = http_cache.entity_tag(version, key, request.state.media_type)
            if http_cache.matches(conditional, tag):
                return http_cache.not_modified(tag, self.cache_control)
        response = self._shaped(request, await self._answer_or_cached(request, key, version))
        answered_at = await self._answered_at(request) if _answered_cleanly(request, response) else None
        if answered_at is not None:
            tag = http_cache.entity_tag(answered_at, key, request.state.media_type)
            http_cache.mark_cacheable(response, tag, self.cache_control)
        else:
            http_cache.mark_uncacheable(response)
        return response

    async def _answered_at(self, request: Request) -> Version | None:
        """The graph's version an answer was read at: the one every statement of the request saw (None if a
        commit came between them), or, for an answer that needed no statement, the version now."""
        versions = _reader(request).versions_read
        if not versions:
            return await self._version(request)
        return next(iter(versions)) if len(versions) == 1 else None

    def _shaped(self, request: Request, response: Response) -> Response:
        """A JSON answer in the negotiated media type; with `application/graphql-response+json`, a request that
        could not run at all is answered 400 (and without `data`, process_result)."""
        media_type = getattr(request.state, "media_type", JSON)
        if media_type != JSON and response.media_type == JSON:
            response.headers["content-type"] = media_type
            if getattr(request.state, "request_error", False) and response.status_code == 200:
                response.status_code = 400
        return response

    async def _version(self, request: Request) -> Version | None:
        """The graph's version, or None when the store does not answer (the ordinary way then reports that)."""
        try:
            return await _reader(request).version()
        except Exception:
            return None

    async def _answer_or_cached(self, request: Request, key: bytes | None, version: Version | None = None) -> Response:
        if _uncached(request) or self.cache is None:
            key = None
        if key is not None and self.cache is not None and self.cache.seen(key):
            return await self._answer_again(request, key, self.cache, version)
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
        except OperationRefused as error:
            request.state.request_error = True
            return Response(orjson.dumps({"errors": [{"message": error.message, "extensions": {"code": error.code}}]}),
                            media_type=JSON)

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
        note_operation(asked.query, asked.operation_name)
        return asked.query, asked.variables, asked.operation_name

    async def _answer_again(
        self, request: Request, key: bytes, cache: ResponseCache, before: Version | None
    ) -> Response:
        """A request answered without errors before: from the cache if the graph is unchanged since `before`
        (read now if not given)."""
        reader = _reader(request)
        before = before if before is not None else await self._version(request)
        if before is None:
            return await self._answer(request)
        kept = cache.get(key, before)
        note_cache_lookup(kept is not None)
        if kept is not None:
            data, cost = kept
            request.state.answered = kept
            return _answer_response(data, {"roundTrips": reader.round_trips, "cached": True, "cost": cost})
        response = await self._answer(request)
        answered = _clean_answer(request, response)
        if answered is not None:
            # Kept only if nothing was committed while it was computed: then it is the graph at `before`.
            with suppress(Exception):
                if await reader.version() == before:
                    cache.put(key, before, *answered)
        return response

    async def _request_key(self, request: Request) -> bytes | None:
        """What names a GraphQL request for the response cache and the entity tag, if it is one."""
        if request.method == "POST" and "application/json" in request.headers.get("content-type", ""):
            if _uncached(request):
                return None  # a POST answer is neither cached nor tagged: its key would go unused
            return ResponseCache.key("POST", request.headers["content-type"], await request.body())
        if request.method == "GET" and ("query" in request.query_params or "extensions" in request.query_params):
            return ResponseCache.key("GET", request.headers.get("accept", ""), request.url.query.encode())
        return None

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        request.state.graphql_result = result
        processed = await super().process_result(request, result)
        if _is_request_error(result) and request.state.media_type == GRAPHQL_RESPONSE_JSON:
            request.state.request_error = True
            processed.pop("data", None)
        return processed

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A persisted query's GET carries no `query`, only its hash in `extensions`.
        return "extensions" not in request.query_params and super().should_render_graphql_ide(request)

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
        return _framed(encoded, rest)

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
        # orjson refuses both (and NaN and infinities, which JSON does not have) in one pass.
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as error:
            if "UTF-8" in str(error) or "surrogate" in str(error):
                raise HTTPException(400, "Unable to parse request body as JSON: it is not UTF-8 text") from None
            if "depth limit" in str(error):
                raise HTTPException(400, "Unable to parse request body as JSON: it is nested too deeply") from None
            raise

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> Any:
        # Strawberry fails with a 500 on a JSON body that is neither an object nor a (batch) array.
        is_json = request.method == "POST" and "application/json" in (request.content_type or "")
        if is_json and not isinstance(self.parse_json(await request.get_body()), dict | list):
            raise HTTPException(400, "The request body must be a JSON object")
        asked = await super().parse_http_body(request)
        return asked if isinstance(asked, list) else self.persisted.resolve(asked)


def _uncached(request: Request) -> bool:
    """Whether the client asks for an answer computed now (`Cache-Control: no-cache`)."""
    return "no-cache" in request.headers.get("cache-control", "")


def _objects(data: bytes) -> int:
    """How many objects a JSON answer's `data` holds, itself left out. Every object the API answers has a
    field, and a quote inside a string is escaped, so each `{"` opens one object."""
    return max(0, data.count(b'{"') - 1)


def _answer_response(data: bytes, extensions: dict[str, Any]) -> Response:
    """An answer whose `data` is encoded already (an answer from Neo4j or the response cache)."""
    return Response(_framed(data, {"extensions": extensions}), media_type="application/json")


def _framed(data: bytes, rest: dict[str, Any]) -> bytes:
    """`{"data": data, **rest}` with `data` encoded already: orjson writes it into its own buffer, which costs a
    tenth of joining the bytes of a large answer."""
    return orjson.dumps({"data": orjson.Fragment(data), **rest})


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


REQUEST_STATE = ("graph", "context", "answered", "graphql_result", "media_type", "request_error")
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


def _is_request_error(result: ExecutionResult) -> bool:
    """A request that could not run at all (no data, and no error at a field's path): it did not parse or
    validate, its variables did not fit, or it was refused before it ran (its cost)."""
    errors = result.errors or ()
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


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
