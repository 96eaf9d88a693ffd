"""The ceiling of bench/queries.py: each query's hand-written Cypher behind a plain Starlette route.

The same server stack as `peelgraph serve` (uvicorn workers with uvloop and httptools, one async driver per
worker opened in the lifespan) and nothing more: a request runs its query as one auto-commit statement in a
READ session, as graph/reader.py runs the API's statements, and is answered with the records encoded by
orjson. No GraphQL layer can answer the same questions faster on the same machine.

Example: cd bench && NEO4J_URI=bolt://127.0.0.1:7738 ../.venv/bin/uvicorn ceiling:app --workers 2
         curl -X POST http://127.0.0.1:8000/query/deep
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypedDict

import neo4j
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from workload import QUERIES

from peelgraph.settings import Settings

STATEMENTS = {query.name: (neo4j.Query(query.cypher), query.parameters) for query in QUERIES}


class State(TypedDict):
    driver: neo4j.AsyncDriver
    database: str


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[State]:
    settings = Settings()
    driver = neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_secret),
        user_agent="peelgraph-bench-ceiling", notifications_min_severity="OFF",
    )
    try:
        yield {"driver": driver, "database": settings.neo4j_database}
    finally:
        await driver.close()


async def answer(request: Request) -> Response:
    found = STATEMENTS.get(request.path_params["name"])
    if found is None:
        return Response(status_code=404)
    statement, parameters = found
    async with request.state.driver.session(
        database=request.state.database, default_access_mode=neo4j.READ_ACCESS
    ) as session:
        result = await session.run(statement, parameters)
        records: list[dict[str, Any]] = [dict(record.items()) async for record in result]
    return Response(orjson.dumps(records), media_type="application/json")


async def ready(request: Request) -> Response:
    return Response(b"ready", media_type="text/plain")


app = Starlette(
    routes=[Route("/query/{name}", answer, methods=["GET", "POST"]), Route("/ready", ready)],
    lifespan=lifespan,
)
