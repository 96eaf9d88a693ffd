"""Writes typed documents to Neo4j: batched `UNWIND $rows` + `MERGE`, one transaction per report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError, DatabaseUnavailable, TransientError

from peelgraph.graph.connection import Neo4jSettings, unavailable_on_driver_errors
from peelgraph.graph.errors import QueryFailed
from peelgraph.graph.statements import CYPHER_DIR, script, statement
from peelgraph.graph.write.rows import ReferenceRows, ReportRows

SCHEMA = script(CYPHER_DIR / "schema.cypher")
AWAIT_INDEXES = statement("write/await_indexes")
REPORT_HASH = statement("write/report_hash")
REPORT = statement("write/report")
RETRACT_REPORT = statement("write/retract_report")
PASSAGES = statement("write/passages")
JUDGMENTS = statement("write/judgments")
AREAS = statement("write/areas_for_improvement")
METRICS = statement("write/metrics")
MENTIONS = statement("write/mentions")
TERMS = statement("write/terms")
DERIVE_PARTNERSHIPS = statement("write/derive_partnerships")
FORCES = statement("write/forces")
ROCUS = statement("write/rocus")
QUESTIONS = statement("write/questions")
TABLE_REPORTS = statement("write/table_reports")
TABLE_JUDGMENTS = statement("write/table_judgments")

WRITE_RETRY_S = 30.0
"""How long the driver tries a write transaction again after a transient failure: a deadlock or lock timeout
between two loads run at once, or Neo4j restarting. The driver's window for the API's reads is short
(`graph/connection.py`), so that the API reports an outage quickly; a load may wait for the graph."""

SCHEMA_RACES = frozenset({
    "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
    "Neo.ClientError.Schema.IndexAlreadyExists",
    "Neo.ClientError.Schema.ConstraintAlreadyExists",
})
"""What `CREATE ... IF NOT EXISTS` fails with when another load creates the same rule at the same moment."""


@dataclass(slots=True)
class WriteSummary:
    """What a load did: counted from Neo4j's own update statistics."""

    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    reports_written: int = 0
    reports_unchanged: int = 0

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.relationships_created += counters.relationships_created
        self.properties_set += counters.properties_set

    def merge(self, other: WriteSummary) -> None:
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))


class GraphWriter:
    """Writes to the configured database; every public method is one transaction."""

    def __init__(self, driver: Driver, settings: Neo4jSettings) -> None:
        self._driver = driver
        self._settings = settings
        self.summary = WriteSummary()

    def apply_schema(self) -> None:
        """Create the constraints and indexes of `cypher/schema.cypher` (safe to repeat)."""
        with self._failures(), self._session() as session:
            for text in (*SCHEMA, AWAIT_INDEXES):
                try:
                    session.execute_write(_consume, text)
                except ClientError as error:
                    if error.code not in SCHEMA_RACES:
                        raise

    def write_reference(self, rows: ReferenceRows) -> None:
        """Forces, regional units and their members, questions, and the grades of the pillar and question tables."""
        force_ids = [force["id"] for force in rows.forces]

        def work(tx: ManagedTransaction, attempt: WriteSummary) -> None:
            _run(tx, attempt, FORCES, rows=rows.forces)
            _run(tx, attempt, ROCUS, rows=rows.rocus, forceIds=force_ids)
            _run(tx, attempt, QUESTIONS, rows=rows.questions)
            _run(tx, attempt, TABLE_REPORTS, rows=rows.reports)
            _run(tx, attempt, TABLE_JUDGMENTS, rows=rows.judgments)

        self._write(work)

    def write_report(self, rows: ReportRows) -> bool:
        """Write one report in one transaction; return False when its facts were already there."""
        report_id = rows.report["id"]

        def work(tx: ManagedTransaction, attempt: WriteSummary) -> bool:
            existing = tx.run(REPORT_HASH, reportId=report_id).single()
            if existing is not None and existing["documentHash"] == rows.report["documentHash"]:
                attempt.reports_unchanged += 1
                return False
            _run(tx, attempt, REPORT, report=rows.report)
            _run(
                tx, attempt, RETRACT_REPORT, reportId=report_id,
                judgmentIds=[row["id"] for row in rows.judgments],
                areaIds=[row["id"] for row in rows.areas],
                metricIds=[row["id"] for row in rows.metrics],
                passageIds=[row["id"] for row in rows.passages],
            )
            _run(tx, attempt, PASSAGES, reportId=report_id, rows=rows.passages)
            _run(tx, attempt, JUDGMENTS, reportId=report_id, rows=rows.judgments)
            _run(
                tx, attempt, MENTIONS,
                organisations=rows.mentions["Organisation"], forces=rows.mentions["Force"],
                schemes=rows.mentions["Scheme"], initiatives=rows.mentions["Initiative"],
                threats=rows.mentions["Threat"],
            )
            _run(tx, attempt, AREAS, reportId=report_id, rows=rows.areas)
            _run(tx, attempt, METRICS, reportId=report_id, rows=rows.metrics)
            _run(tx, attempt, TERMS, reportId=report_id, rows=rows.terms)
            _run(tx, attempt, DERIVE_PARTNERSHIPS, forceId=rows.report["forceId"])
            attempt.reports_written += 1
            return True

        return bool(self._write(work))

    def _write(self, work: Callable[[ManagedTransaction, WriteSummary], Any]) -> Any:
        """Run `work` in a write transaction; count its updates only once it has committed."""
        attempt = WriteSummary()

        def fresh_attempt(tx: ManagedTransaction) -> Any:
            nonlocal attempt
            attempt = WriteSummary()
            return work(tx, attempt)

        with self._failures(), self._session() as session:
            result = session.execute_write(fresh_attempt)
        self.summary.merge(attempt)
        return result

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self._settings.neo4j_database, max_transaction_retry_time=WRITE_RETRY_S)

    @contextmanager
    def _failures(self) -> Iterator[None]:
        """An outage becomes `GraphUnavailable`; a conflict that outlasted the driver's retries, `QueryFailed`."""
        with unavailable_on_driver_errors(self._settings):
            try:
                yield
            except TransientError as error:
                if isinstance(error, DatabaseUnavailable):
                    raise  # an outage, not a conflict: `unavailable_on_driver_errors` reports it
                message = f"the write kept conflicting with another writer ({error.code}); load again"
                raise QueryFailed(message) from error


def counts(driver: Driver, settings: Neo4jSettings) -> tuple[int, int]:
    """Node and relationship counts, for load summaries and tests."""
    with unavailable_on_driver_errors(settings):
        record = driver.execute_query(
            neo4j.Query(statement("read/stats")), database_=settings.neo4j_database,
            routing_=neo4j.RoutingControl.READ,
        ).records[0]
    return record["nodeCount"], record["relationshipCount"]


def _consume(tx: ManagedTransaction, text: str) -> None:
    tx.run(text).consume()


def _run(tx: ManagedTransaction, attempt: WriteSummary, text: str, **parameters: Any) -> None:
    attempt.add(tx.run(text, parameters).consume().counters)
