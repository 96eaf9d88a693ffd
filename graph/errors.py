"""Domain errors of the graph layer: callers never see a driver exception."""

from __future__ import annotations


class GraphError(Exception):
    """Base of the graph layer's errors."""


class GraphUnavailable(GraphError):
    """Neo4j cannot be reached, refused the credentials, or did not answer in time."""


class CredentialsRefused(GraphUnavailable):
    """Neo4j answers, but not to these credentials."""


class NotFound(GraphError):
    """A named thing is not in the graph."""


class QueryRefused(GraphError):
    """A researcher's Cypher is not read-only or is not valid Cypher."""


class QueryFailed(GraphError):
    """Neo4j rejected a query at run time (timeout, memory, type error)."""
