"""The HTTP service, wired: Starlette routes, one Neo4j driver per process opened and closed by the lifespan, the
GraphQL endpoint and its playground, the Explorer's pages. How requests are answered, cached and limited is HTTP
policy, in peelgraph/http/."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from functools import partial
from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from peelgraph.graph.connection import async_ping, open_async_driver, quiet_driver_logs
from peelgraph.graph.errors import GraphUnavailable
from peelgraph.graph.read.reader import GraphReader
from peelgraph.http.body_limit import BodySizeLimit
from peelgraph.http.graphql_app import GraphQLApp
from peelgraph.http.memory import settle_heap
from peelgraph.http.observability import Observability
from peelgraph.http.playground import playground_page
from peelgraph.http.response_cache import ResponseCache
from peelgraph.http.security_headers import SecurityHeaders
from peelgraph.http.warm_up import bundled, warm_up
from peelgraph.schema.api import build_schema
from peelgraph.schema.errors import UNAVAILABLE_MESSAGE
from peelgraph.settings import Settings, get_settings

EXAMPLES = Path(str(files("peelgraph") / "examples.graphql"))
"""The document the playground opens with: example queries, also listed with their answers in docs/queries.md."""

WEB_DIST = Path(str(files("peelgraph") / "web"))
"""The Explorer's static build (`npm run build` in web/, carried inside the package as peelgraph/web), served
at `/`."""

logger = logging.getLogger("peelgraph.api")


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
    observability = Observability.of(settings)

    schema = build_schema(debug=settings.debug, introspection=settings.introspection,
                          extensions=observability.schema_extensions())
    examples = EXAMPLES.read_text(encoding="utf-8")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.driver = open_async_driver(settings)
        app.state.statement_observers = observability.statement_observers()
        reader = partial(GraphReader, app.state.driver, settings)  # the warm-up is not a request: not observed
        app.state.warming = (asyncio.create_task(warm_up(schema, reader, settings.max_cost, bundled()))
                             if settings.warm_up else None)
        settle_heap()
        try:
            yield
        finally:
            if app.state.warming is not None:
                app.state.warming.cancel()
                with suppress(asyncio.CancelledError):
                    await app.state.warming
            await app.state.driver.close()
            observability.close()

    graphql = GraphQLApp(
        schema,
        ide_page=playground_page(WEB_DIST / "playground.html", examples),
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
        *observability.routes(),
        explorer(),
    ]
    middleware = [*observability.middleware(), Middleware(SecurityHeaders),
                  Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)]
    if settings.cors_origins:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                       allow_headers=["content-type"], expose_headers=["x-request-id"])
        )
    return Starlette(debug=settings.debug, routes=routes, middleware=middleware, lifespan=lifespan)


app = create_app()
