"""At start-up the service runs the bundled example queries once, so that Neo4j has planned them before anyone asks."""

from __future__ import annotations

import asyncio

from neo4j import Driver

from peelgraph import server
from peelgraph.http.warm_up import bundled
from peelgraph.settings import Settings


async def test_the_bundled_queries_run_once_at_start_up(loaded_graph: Driver) -> None:
    app = server.create_app(Settings(PEELGRAPH_WARM_UP=True))
    async with app.router.lifespan_context(app):
        answered = await asyncio.wait_for(app.state.warming, timeout=180)
    names = {operation.name for operation in bundled()}
    assert {"Cambridgeshire", "CompareErsou", "ForceNetwork", "TextSearch"} <= names
    # every example and Explorer query, but Compare: its pillar is a custom scalar, no placeholder fits it
    assert answered == len(bundled()) - 1


async def test_a_service_stopped_during_its_warm_up_stops_at_once(loaded_graph: Driver) -> None:
    app = server.create_app(Settings(PEELGRAPH_WARM_UP=True))
    async with app.router.lifespan_context(app):
        warming = app.state.warming
    assert warming.cancelled() or warming.done()


async def test_the_warm_up_is_off_when_the_settings_say_so(loaded_graph: Driver) -> None:
    app = server.create_app(Settings(PEELGRAPH_WARM_UP=False))
    async with app.router.lifespan_context(app):
        assert app.state.warming is None
