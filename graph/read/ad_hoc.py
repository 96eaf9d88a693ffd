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
from neo4j.exceptions import CypherSyntaxError, Neo4jError
from neo4j.graph import Node, Path, Relationship

from peelgraph.graph.connection import UNAVAILABLE, Neo4jSettings, unavailable_on_driver_errors
from peelgraph.graph.errors import QueryFailed, QueryRefused

READ_ONLY = "r"
"""The plan summary's query type for a query that only reads (others: rw, w, s)."""
BEYOND_THE_GRAPH = frozenset({"LoadCSV"})
"""Plan operators of queries Neo4j counts as read-only that read files or URLs."""
OWN_TRANSACTIONS = frozenset({"TransactionApply", "TransactionForeach"})
"""Plan operators of `CALL { … } IN TRANSACTIONS`, which commits transactions of its own."""
COMMANDS_ALLOWED = frozenset({"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"})
"""`SHOW …` commands that describe the database. Others are refused: `SHOW TRANSACTIONS` shows other clients'
queries and parameters, `SHOW SETTINGS` the server's configuration, `TERMINATE TRANSACTIONS` ends others' work."""
PROCEDURES_ALLOWED = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.index.fulltext.listAvailableAnalyzers",
    "db.index.vector.queryNodes", "db.index.vector.queryRelationships",
    "db.info", "db.ping",
})
"""Procedures that only read this database, with no side effect and no view of other sessions. Neo4j marks
others READ that are not: `db.stats.collect/stop/clear` change the query-statistics state and
`db.stats.retrieve` shows other clients' queries, `db.resampleOutdatedIndexes` and `db.prepareForReplanning`
start work on the server, `db.awaitIndexes` blocks."""
_PROCEDURE_NAME = re.compile(r"\s*([A-Za-z_][\w.]*)\s*\(")
APOC_ALLOWED = (
    "apoc.path.*", "apoc.neighbors.*", "apoc.algo.*", "apoc.meta.*",
    "apoc.coll.*", "apoc.map.*", "apoc.text.*", "apoc.agg.*", "apoc.math.*", "apoc.number.*",
    "apoc.date.*", "apoc.temporal.*", "apoc.convert.to*", "apoc.convert.from*",
    "apoc.node.*", "apoc.rel.*", "apoc.label.*", "apoc.any.*", "apoc.hashing.*", "apoc.bitwise.*",
    "apoc.scoring.*", "apoc.diff.*", "apoc.version",
)
"""The APOC procedures and functions the managed Neo4j loads (`dbms.security.procedures.allowlist`) and
`peelgraph cypher` lets through beside `PROCEDURES_ALLOWED`: those that only read the graph or compute. None
of apoc.create, merge, refactor, periodic, cypher (which runs any Cypher), load, import, export, trigger, log."""
_APOC_NAME = re.compile(r"apoc(?:\.\w+)+")


@dataclass(frozen=True, slots=True)
class ResearchResult:
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    truncated: bool


def run_read_only(
    driver: Driver,
    settings: Neo4jSettings,
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
        except UNAVAILABLE:
            raise
        except Neo4jError as error:
            raise QueryFailed(_first_line(error.message or str(error))) from error


@contextmanager
def read_session(driver: Driver, settings: Neo4jSettings) -> Iterator[neo4j.Session]:
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
    except UNAVAILABLE:
        raise
    except Neo4jError as error:
        # Not loaded by the managed Neo4j (its allowlist): say why, rather than "no procedure registered".
        apoc = _APOC_NAME.search(error.message or "")
        if apoc and error.code == "Neo.ClientError.Procedure.ProcedureNotFound":
            raise QueryRefused(_apoc_refusal(apoc.group())) from error
        raise QueryRefused(_first_line(error.message or str(error))) from error
    if summary.query_type != READ_ONLY:
        raise QueryRefused(
            f"refused: the query's plan is not read-only (query type {summary.query_type!r}); "
            "peelgraph cypher only reads"
        )
    operators = _operators(summary.plan or {})
    beyond = {name for name, _ in operators} & BEYOND_THE_GRAPH
    if beyond:
        raise QueryRefused(
            f"refused: the query's plan uses {', '.join(sorted(beyond))}, which reaches beyond the graph; "
            "peelgraph cypher only reads the graph"
        )
    if {name for name, _ in operators} & OWN_TRANSACTIONS:
        raise QueryRefused(
            "refused: CALL { ... } IN TRANSACTIONS commits transactions of its own; "
            "peelgraph cypher runs one read transaction"
        )
    commands = {name for name, _ in operators if name.startswith(("Show", "Terminate"))} - COMMANDS_ALLOWED
    if commands:
        raise QueryRefused(
            f"refused: {', '.join(sorted(commands))} is not a read of the graph; peelgraph cypher allows "
            "SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS"
        )
    procedures = {_procedure(details) for name, details in operators if name == "ProcedureCall"}
    others = {procedure for procedure in procedures - PROCEDURES_ALLOWED if not is_allowed_apoc(procedure)}
    beyond_apoc = sorted(procedure for procedure in others if procedure.startswith("apoc."))
    if beyond_apoc:  # on a Neo4j of one's own with all of APOC: apoc.load.json, apoc.export.* are planned as reads
        raise QueryRefused(_apoc_refusal(beyond_apoc[0]))
    if others:
        raise QueryRefused(
            f"refused: the procedure {', '.join(sorted(others))} is not on peelgraph cypher's list of procedures "
            "that only read (graph/research.py PROCEDURES_ALLOWED)"
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


def _procedure(details: str) -> str:
    """The procedure a `ProcedureCall` operator calls, from its details (`db.labels() :: (label :: STRING)`)."""
    match = _PROCEDURE_NAME.match(details)
    return match.group(1) if match else details


def _operators(plan: Mapping[str, Any]) -> set[tuple[str, str]]:
    """The operators of a plan and all its children: their names, without their `@database` suffix, and details."""
    arguments = plan.get("args") or {}
    found = {(str(plan.get("operatorType", "")).split("@", 1)[0], str(arguments.get("Details", "")))}
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
