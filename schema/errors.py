"""What a client may see of an error, and what the log keeps of it."""

from __future__ import annotations

import logging
from collections import Counter

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from peelgraph.graph.errors import GraphUnavailable, QueryFailed

UNAVAILABLE_MESSAGE = "graph store unavailable"

logger = logging.getLogger("peelgraph.api")


class UserInputError(Exception):
    """An argument the API refuses (`first` above the limit, an unknown pillar): shown as written."""


class PublicErrors(MaskErrors):
    """Keeps users' own mistakes readable and replaces everything else with a fixed message.

    Stack traces, Cypher text and driver messages never reach a response. An outage of the graph
    store becomes `graph store unavailable` with the code `GRAPH_UNAVAILABLE`.
    """

    def __init__(self) -> None:
        super().__init__(should_mask_error=_is_internal)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = cause(error)
        if isinstance(original, GraphUnavailable):
            message, code = UNAVAILABLE_MESSAGE, "GRAPH_UNAVAILABLE"
        elif isinstance(original, QueryFailed):
            message, code = str(original), "QUERY_FAILED"
        else:
            message, code = self.error_message, "INTERNAL_ERROR"
        return GraphQLError(
            message, nodes=error.nodes, source=error.source, positions=error.positions,
            path=error.path, original_error=None, extensions={"code": code},
        )


def log_errors(errors: list[GraphQLError]) -> None:
    """One warning line for a request's own mistakes and for outages; the traceback only for bugs.

    An error repeated along many paths (an outage fails every field of a batch) is logged once, counted.
    """
    repeats = Counter(error.message for error in errors)
    for error in errors:
        count = repeats.pop(error.message, 0)
        if not count:
            continue
        times = f" ({count} fields)" if count > 1 else ""
        original = cause(error)
        if original is None or isinstance(original, UserInputError):
            logger.warning("GraphQL request refused: %s%s", error.message, times)
        elif isinstance(original, GraphUnavailable | QueryFailed):
            logger.warning("GraphQL request failed: %s%s", error.message, times)
        else:
            logger.error("GraphQL request failed: %s%s", error.message, times, exc_info=original)


def cause(error: GraphQLError) -> Exception | None:
    """The exception behind an error, through the GraphQLErrors graphql-core wraps around it (None for
    errors graphql-core raises itself, such as validation errors)."""
    original = error.original_error
    while isinstance(original, GraphQLError):
        original = original.original_error
    return original


def _is_internal(error: GraphQLError) -> bool:
    original = cause(error)
    return original is not None and not isinstance(original, UserInputError)
