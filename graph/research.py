"""Researchers' own Cypher, run safely: plan-checked read-only, in a READ transaction, with a timeout and a row cap."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver
from neo4j.exceptions import ClientError, CypherSyntaxError
from neo4j.graph import Node, Path, Relationship

from graph.connection import unavailable_on_driver_errors
from graph.errors import QueryFailed, QueryRefused
from peelgraph.settings import Settings

READ_ONLY = "r"
"""The plan summary's query type for a query that only reads (others: rw, w, s)."""
BEYOND_THE_GRAPH = frozenset({"LoadCSV", "TerminateTransactions"})
"""Plan operators of queries Neo4j counts as read-only that read files or URLs, or end others' transactions."""


@dataclass(frozen=True, slots=True)
class ResearchResult:
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    truncated: bool


def run_read_only(
    driver: Driver,
    settings: Settings,
    text: str,
    parameters: Mapping[str, Any],
    timeout: float = 10.0,
    max_rows: int = 1000,
) -> ResearchResult:
    """Refuse anything whose plan is not read-only, then run it in a READ transaction.

    Raises `QueryRefused` for writes and invalid Cypher, `QueryFailed` for a timeout or a run-time
    error, `GraphUnavailable` when Neo4j cannot be reached.
    """
    with read_session(driver, settings) as session:
        _require_read_only(session, text, parameters)
        try:
            fetch = neo4j.unit_of_work(timeout=timeout)(_fetch)
            return session.execute_read(fetch, text, parameters, max_rows)
        except ClientError as error:
            raise QueryFailed(_first_line(error.message or str(error))) from error


@contextmanager
def read_session(driver: Driver, settings: Settings) -> Iterator[neo4j.Session]:
    """The session researchers read through: READ access, driver failures as `GraphUnavailable`."""
    with unavailable_on_driver_errors(settings), driver.session(
        database=settings.neo4j_database, default_access_mode=neo4j.READ_ACCESS
    ) as session:
        yield session


def _require_read_only(session: neo4j.Session, text: str, parameters: Mapping[str, Any]) -> None:
    try:
        summary = session.run(neo4j.Query("EXPLAIN " + text), dict(parameters)).consume()
    except CypherSyntaxError as error:
        raise QueryRefused(f"not valid Cypher: {_first_line(error.message or str(error))}") from error
    except ClientError as error:
        raise QueryRefused(_first_line(error.message or str(error))) from error
    if summary.query_type != READ_ONLY:
        raise QueryRefused(
            f"refused: the query's plan is not read-only (query type {summary.query_type!r}); "
            "peelgraph cypher only reads"
        )
    beyond = _operators(summary.plan or {}) & BEYOND_THE_GRAPH
    if beyond:
        raise QueryRefused(
            f"refused: the query's plan uses {', '.join(sorted(beyond))}, which reaches beyond the graph; "
            "peelgraph cypher only reads the graph"
        )


def _operators(plan: Mapping[str, Any]) -> set[str]:
    """The operator names of a plan and all its children, without their `@database` suffix."""
    found = {str(plan.get("operatorType", "")).split("@", 1)[0]}
    for child in plan.get("children", ()):
        found |= _operators(child)
    return found


def _fetch(tx: neo4j.ManagedTransaction, text: str, parameters: Mapping[str, Any], max_rows: int) -> ResearchResult:
    result = tx.run(text, dict(parameters))
    columns = tuple(result.keys())
    rows: list[dict[str, Any]] = []
    truncated = False
    for record in result:
        if len(rows) == max_rows:
            truncated = True
            break
        rows.append({key: plain(value) for key, value in record.items()})
    return ResearchResult(columns, tuple(rows), truncated)


def plain(value: Any) -> Any:
    """Nodes, relationships and paths as JSON-friendly dicts; temporal values as ISO text."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return {"nodes": [plain(node) for node in value.nodes],
                "relationships": [plain(rel) for rel in value.relationships]}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "query failed"
