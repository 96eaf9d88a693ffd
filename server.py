"""The HTTP service: Starlette routes, one Neo4j driver per process, the GraphQL API and its playground."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import json
import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import orjson
import strawberry
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from graph.connection import async_ping, open_async_driver, quiet_driver_logs
from graph.errors import GraphUnavailable
from graph.reader import GraphReader
from peelgraph.settings import PROJECT_ROOT, Settings, get_settings
from schema.api import build_schema
from schema.context import Context
from schema.direct import DirectAnswers
from schema.errors import UNAVAILABLE_MESSAGE
from schema.response_cache import ResponseCache

EXAMPLES = PROJECT_ROOT / "docs" / "examples.graphql"
"""The document the playground opens with: example queries, also listed with their answers in docs/queries.md."""

_EXAMPLES_OPEN = '<script id="peelgraph-examples" type="application/json">'
_EXAMPLES_SLOT = re.compile(re.escape(_EXAMPLES_OPEN) + r".*?</script>", re.DOTALL)

logger = logging.getLogger("peelgraph.api")

WEB_DIST = PROJECT_ROOT / "web" / "dist"
"""The Explorer's static build (`npm run build` in web/), served at `/`."""


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


def playground_page(document: str) -> str:
    """The GraphQL playground (web/playground.html, GraphiQL bundled by the web build: nothing fetched from
    another host) opening on `document`, or a page saying how to build it."""
    built = WEB_DIST / "playground.html"
    if not built.is_file():
        return ('<!doctype html><title>peelgraph</title><p>The GraphQL playground is not built: run <code>make '
                'setup</code>. The API answers GraphQL over POST at this address.</p>')
    # A JSON string in a script element: `</` escaped so that the text cannot close the element.
    examples = json.dumps(document).replace("</", "<\\/")
    page, replaced = _EXAMPLES_SLOT.subn(lambda _: f"{_EXAMPLES_OPEN}{examples}</script>", built.read_text("utf-8"))
    if replaced != 1:
        raise RuntimeError(f"{built} has no {_EXAMPLES_OPEN}: rebuild web/ (make setup)")
    return page


GIVE_BACK_AFTER_BYTES = 2 * 2**20
"""Answers this large have the memory they took handed back to the system; not smaller ones: a trim costs the
next requests about a millisecond each of pages taken back (measured on the deep query, 180 KB)."""


def give_back_memory(collect: bool) -> None:
    """Hand the memory a large answer used back to the system. The C allocator keeps freed memory for
    reuse, so a worker that once built a large answer would otherwise stay that large (measured: 2.3 GB
    after an attack, against 270 MB before). `collect`: first free the cycles Strawberry's execution leaves
    holding its answer's objects (about 30 ms; a direct answer leaves none)."""
    started = time.perf_counter()
    if collect:
        gc.collect()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
    logger.debug("memory given back in %.1f ms", (time.perf_counter() - started) * 1000)


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _libc()


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
        reader = request.state.graph = GraphReader(state.driver, state.settings)
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


class BodySizeLimit:
    """Refuse request bodies over `max_bytes` with 413 before the app reads them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", ())).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(self.max_bytes)(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await _too_large(self.max_bytes)(scope, receive, send)


class _BodyTooLarge(Exception):
    pass


def _too_large(max_bytes: int) -> Response:
    return JSONResponse({"errors": [{"message": f"request body larger than {max_bytes} bytes"}]}, status_code=413)


CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    # GraphiQL and cytoscape.js set styles from script; nothing is loaded from another host.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
"""On every response: no type sniffing, scripts and requests to the app's own origin only, never in a frame."""


class SecurityHeaders:
    """Add `SECURITY_HEADERS` to every HTTP response (pure ASGI: nothing buffered, the body untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> Response:
    state = request.app.state
    try:
        await async_ping(state.driver, state.settings)
    except GraphUnavailable as error:
        # The detail names the store's address: it goes to the log, not to whoever polls.
        logger.warning("not ready: %s", error)
        return JSONResponse({"status": "unavailable", "reason": UNAVAILABLE_MESSAGE}, status_code=503)
    return JSONResponse({"status": "ready"})


async def explorer_not_built(request: Request) -> Response:
    return HTMLResponse(
        "<!doctype html><title>peelgraph</title><p>The Explorer is not built: run <code>make setup</code>. "
        'The API is at <a href="/graphql">/graphql</a>.</p>'
    )


def explorer() -> Mount | Route:
    """The Explorer at `/` (after the API's routes), or a page saying how to build it."""
    if (WEB_DIST / "index.html").is_file():
        return Mount("/", app=StaticFiles(directory=WEB_DIST, html=True), name="explorer")
    return Route("/", explorer_not_built)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    quiet_driver_logs(settings.debug)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.driver = open_async_driver(settings)
        try:
            yield
        finally:
            await app.state.driver.close()

    graphql = GraphQLApp(
        build_schema(debug=settings.debug, introspection=settings.introspection),
        ide_page=playground_page(EXAMPLES.read_text(encoding="utf-8")),
        cache=ResponseCache(int(settings.response_cache_mb * 2**20)) if settings.response_cache_mb > 0 else None,
        settings=settings,
        graphql_ide="graphiql",
        allow_queries_via_get=True,
        multipart_uploads_enabled=False,
    )
    routes = [
        Route("/health", health),
        Route("/ready", ready),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        explorer(),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)]
    if settings.cors_origins:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                       allow_headers=["content-type"])
        )
    return Starlette(debug=settings.debug, routes=routes, middleware=middleware, lifespan=lifespan)


app = create_app()
