"""Reads for the API: every statement runs in a READ session with a timeout and is counted per reader."""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import AsyncDriver
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

from peelgraph.graph.connection import PING, Neo4jSettings, async_unavailable_on_driver_errors
from peelgraph.graph.errors import QueryFailed

Row = dict[str, Any]

STALE_CONNECTION = (SessionExpired, ServiceUnavailable)
"""What a pooled connection left over from before a Neo4j restart fails with: worth one more try."""


class GraphReader:
    """One per request: runs read statements and counts the round trips it made.

    Each statement is an auto-commit query in its own READ session (about half the latency of
    `execute_query`, which wraps every read in a managed transaction). A statement that fails on a
    stale connection is tried once more; a Neo4j that is down fails fast with `GraphUnavailable`.
    """

    def __init__(self, driver: AsyncDriver, settings: Neo4jSettings) -> None:
        self._driver = driver
        self._settings = settings
        self.round_trips = 0
        self.versions_read: set[frozenset[str]] = set()
        """The graph's version at each statement: one version when every read saw the same graph."""

    async def rows(self, text: str, parameters: dict[str, Any] | None = None) -> list[Row]:
        """Run one statement (bound at import with `graph.statements.statement`) and return its rows as dicts."""
        rows, _ = await self._statement(text, parameters or {})
        return rows

    async def one(self, text: str, parameters: dict[str, Any] | None = None) -> Row | None:
        """The first row of a statement, or None when it returns none."""
        found = await self.rows(text, parameters)
        return found[0] if found else None

    async def version(self) -> frozenset[str]:
        """The graph's version: the bookmark of a read, which names the last transaction committed."""
        _, version = await self._statement(PING, {})
        return version

    async def _statement(
        self, text: str, parameters: dict[str, Any]
    ) -> tuple[list[Row], frozenset[str]]:
        self.round_trips += 1
        query = neo4j.Query(text, timeout=self._settings.query_timeout)
        async with async_unavailable_on_driver_errors(self._settings):
            try:
                try:
                    return await self._run(query, parameters)
                except STALE_CONNECTION:
                    return await self._run(query, parameters)
            except ClientError as error:
                if "TransactionTimedOut" in (error.code or "") or "Terminated" in (error.code or ""):
                    raise QueryFailed("the query took longer than the time allowed") from error
                raise

    async def _run(
        self, query: neo4j.Query, parameters: dict[str, Any]
    ) -> tuple[list[Row], frozenset[str]]:
        async with self._driver.session(
            database=self._settings.neo4j_database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            result = await session.run(query, parameters)
            # The statements return maps and lists, never nodes: `record.data()` would walk every value again.
            rows = [dict(record.items()) async for record in result]
            version = (await session.last_bookmarks()).raw_values
            self.versions_read.add(version)
            return rows, version
