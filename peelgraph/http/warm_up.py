"""Neo4j's plans for the example queries, made when the service starts rather than on someone's first request.

Neo4j plans a statement the first time it sees its text and keeps the plan; on a Neo4j just started, the
plan of a large compiled statement takes seconds (docs/compiler.md: the deep query 2.6 s, the Explorer's
network 5 s). So at start-up the service runs each operation of the bundled examples (the playground's
document, docs/examples.graphql) once, in the background: `/ready` does not wait for it, and a request
that comes meanwhile is answered as it would be without it. Each worker does it; the plans live in Neo4j,
so the first to ask for a statement plans it for every worker and instance. PEELGRAPH_WARM_UP=false skips it.
"""

from __future__ import annotations

import logging
import time

from graphql import OperationDefinitionNode, parse
from neo4j import AsyncDriver
from starlette.requests import Request

from peelgraph.graph.read.reader import GraphReader
from peelgraph.schema.api import PeelgraphSchema
from peelgraph.schema.context import Context
from peelgraph.settings import Settings

logger = logging.getLogger("peelgraph.api")

SCOPE = {"type": "http", "method": "POST", "path": "/graphql", "headers": [], "query_string": b""}
"""The request the warm-up's operations are made as (nothing of it is read but by the cost report)."""


async def warm_up(schema: PeelgraphSchema, driver: AsyncDriver, settings: Settings, document: str) -> int:
    """Run every named operation of `document` once, one after another; how many were answered without errors
    (a failure is logged and left: the request that needs the plan will make it)."""
    started = time.perf_counter()
    answered = 0
    for name in operation_names(document):
        context = Context(request=Request(SCOPE), response=None, graph=GraphReader(driver, settings),
                          max_cost=settings.max_cost)
        try:
            result = await schema.execute(document, operation_name=name, context_value=context)
        except Exception as error:  # the store down, a timeout: the warm-up is an optimisation only
            logger.info("warm-up of %s failed: %s", name, error)
            continue
        if result.errors:
            logger.info("warm-up of %s answered errors: %s", name, result.errors[0].message)
        else:
            answered += 1
    logger.info("warm-up: %d example queries planned in %.1f s", answered, time.perf_counter() - started)
    return answered


def operation_names(document: str) -> list[str]:
    """The named operations of a GraphQL document, in order."""
    return [definition.name.value for definition in parse(document).definitions
            if isinstance(definition, OperationDefinitionNode) and definition.name is not None]
