"""What a client may see of an error: messages written for users, nothing from inside."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from graph.errors import GraphUnavailable, QueryFailed

UNAVAILABLE_MESSAGE = "graph store unavailable"


class UserInputError(Exception):
    """An argument the API refuses (`first` above the limit, an unknown id format): shown as written."""


class PublicErrors(MaskErrors):
    """Keeps users' own mistakes readable and replaces everything else with a fixed message.

    Stack traces, Cypher text and driver messages never reach a response. An outage of the graph
    store becomes `graph store unavailable` with the code `GRAPH_UNAVAILABLE`.
    """

    def __init__(self) -> None:
        super().__init__(should_mask_error=_is_internal)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
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


def _is_internal(error: GraphQLError) -> bool:
    return error.original_error is not None and not isinstance(error.original_error, UserInputError)
