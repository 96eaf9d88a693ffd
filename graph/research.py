"""Researchers' own Cypher, run safely: plan-checked read-only, in a READ transaction, with a timeout and a row cap."""

from __future__ import annotations

import fnmatch
import re
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
APOC_ALLOWED = (
    "apoc.path.*", "apoc.neighbors.*", "apoc.algo.*", "apoc.meta.*",
    "apoc.coll.*", "apoc.map.*", "apoc.text.*", "apoc.agg.*", "apoc.math.*", "apoc.number.*",
    "apoc.date.*", "apoc.temporal.*", "apoc.convert.to*", "apoc.convert.from*",
    "apoc.node.*", "apoc.rel.*", "apoc.label.*", "apoc.any.*", "apoc.hashing.*", "apoc.bitwise.*",
    "apoc.scoring.*", "apoc.diff.*", "apoc.version",
)
"""The APOC procedures and functions the managed Neo4j loads (`dbms.security.procedures.allowlist`) and
`peelgraph cypher` lets through: those that only read the graph or compute. None of apoc.create, merge,
refactor, periodic, cypher (which runs any Cypher), load, import, export, trigger or log."""
_APOC_NAME = re.compile(r"apoc(?:\.\w+)+")


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
        apoc = _APOC_NAME.search(error.message or "")
        if apoc and "Unknown function" in (error.message or ""):
            raise QueryRefused(_apoc_refusal(apoc.group())) from error
        raise QueryRefused(f"not valid Cypher: {_first_line(error.message or str(error))}") from error
    except ClientError as error:
        apoc = _APOC_NAME.search(error.message or "")
        if apoc and error.code == "Neo.ClientError.Procedure.ProcedureNotFound":
            raise QueryRefused(_apoc_refusal(apoc.group())) from error
        raise QueryRefused(_first_line(error.message or str(error))) from error
    if summary.query_type != READ_ONLY:
        raise QueryRefused(
            f"refused: the query's plan is not read-only (query type {summary.query_type!r}); "
            "peelgraph cypher only reads"
        )
    # On a server of the user's own with all of APOC, a procedure the managed server does not load may be
    # planned (apoc.load.json, apoc.export.*: they count as reads): refused by name.
    for name in _procedures(summary.plan or {}):
        if name.startswith("apoc.") and not is_allowed_apoc(name):
            raise QueryRefused(_apoc_refusal(name))
    beyond = _operators(summary.plan or {}) & BEYOND_THE_GRAPH
    if beyond:
        raise QueryRefused(
            f"refused: the query's plan uses {', '.join(sorted(beyond))}, which reaches beyond the graph; "
            "peelgraph cypher only reads the graph"
        )


def is_allowed_apoc(name: str) -> bool:
    """Whether an APOC procedure or function is one peelgraph lets through (`APOC_ALLOWED`)."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in APOC_ALLOWED)


def _apoc_refusal(name: str) -> str:
    return (
        f"refused: {name} is not one of the APOC procedures and functions peelgraph allows; only those that "
        "read the graph or compute are (apoc.path, apoc.neighbors, apoc.algo, apoc.meta, apoc.coll, apoc.map, "
        "apoc.text, ...): nothing that writes, runs other Cypher, or reads or writes files or URLs"
    )


def _procedures(plan: Mapping[str, Any]) -> set[str]:
    """The names of the procedures a plan calls."""
    found = set()
    if str(plan.get("operatorType", "")).startswith("ProcedureCall"):
        details = str(plan.get("args", {}).get("Details", ""))
        found.add(details.split("(", 1)[0].strip())
    for child in plan.get("children", ()):
        found |= _procedures(child)
    return found


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
