"""Neo4j's plans for the bundled queries, made when the service starts rather than on someone's first request.

Neo4j plans a statement the first time it sees its text and keeps the plan; on a Neo4j just started, the
plan of a large compiled statement takes seconds (docs/compiler.md: the deep query 2.6 s, the Explorer's
network 5 s). So at start-up the service runs each bundled operation once, in the background: the
playground's examples (docs/examples.graphql) and the Explorer's queries, the latter with a placeholder of
its type for each required variable (a plan depends on the statement's text, set by the selection and by
which arguments are given, and on its parameters' types, never on their values). `/ready` does not wait
for it, and a request that comes meanwhile is answered as it would be without it. Each worker does it; the
plans live in Neo4j, so the first to ask for a statement plans it for every worker and instance.
PEELGRAPH_WARM_UP=false skips it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputType,
    GraphQLSchema,
    NonNullTypeNode,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    is_list_type,
    parse,
    type_from_ast,
)
from starlette.requests import Request

from peelgraph.graph.read.reader import GraphReader
from peelgraph.http.allowlist import EXAMPLES, Operation, bundled_operations, operations
from peelgraph.loaders.errors import InputError
from peelgraph.schema.api import PeelgraphSchema
from peelgraph.schema.context import Context

logger = logging.getLogger("peelgraph.api")

SCOPE = {"type": "http", "method": "POST", "path": "/graphql", "headers": [], "query_string": b""}
"""The request the warm-up's operations are made as (nothing of it is read but by the cost report)."""
PLACEHOLDERS = {"ID": "", "String": "warm up", "Int": 1, "Float": 1.0, "Boolean": True}
"""A value of each built-in scalar: an unknown id (an answer of null is planned as any other), words to search."""


async def warm_up(
    schema: PeelgraphSchema, reader: Callable[[], GraphReader], max_cost: int, asked: Iterable[Operation]
) -> int:
    """Run each operation once, one after another, each with a reader of its own; how many were answered
    without errors (a failure is logged and left: the request that needs the plan will make it)."""
    started = time.perf_counter()
    answered = 0
    for operation in asked:
        variables = placeholders(schema._schema, operation.body)
        if variables is None:
            logger.info("warm-up of %s left out: no placeholder for one of its variables", operation.name)
            continue
        context = Context(request=Request(SCOPE), response=None, graph=reader(), max_cost=max_cost)
        try:
            result = await schema.execute(operation.body, variables, context_value=context)
        except Exception as error:  # the store down, a timeout: the warm-up is an optimisation only
            logger.info("warm-up of %s failed: %s", operation.name, error)
            continue
        if result.errors:
            logger.info("warm-up of %s answered errors: %s", operation.name, result.errors[0].message)
        else:
            answered += 1
    logger.info("warm-up: %d bundled queries planned in %.1f s", answered, time.perf_counter() - started)
    return answered


def bundled() -> list[Operation]:
    """The playground's examples and, once the Explorer is built, its queries."""
    try:
        return list(bundled_operations())
    except InputError:
        return list(operations(EXAMPLES.read_text(encoding="utf-8"), str(EXAMPLES)))


def placeholders(schema: GraphQLSchema, body: str) -> dict[str, Any] | None:
    """A value of its type for each required variable of the document's operation (none for the others); None
    when a required variable is of a custom scalar, which no placeholder is sure to fit (a request refused
    would be a warning in the service's log at every start)."""
    operation = get_operation_ast(parse(body))
    values: dict[str, Any] = {}
    for definition in (operation.variable_definitions or ()) if operation is not None else ():
        if not isinstance(definition.type, NonNullTypeNode) or definition.default_value is not None:
            continue
        type_: GraphQLInputType | None = type_from_ast(schema, definition.type)
        if type_ is None:
            continue
        named = get_named_type(type_)
        if isinstance(named, GraphQLEnumType):
            value = next(iter(named.values))
        elif named.name in PLACEHOLDERS:
            value = PLACEHOLDERS[named.name]
        else:
            return None
        values[definition.variable.name.value] = [value] if is_list_type(get_nullable_type(type_)) else value
    return values
