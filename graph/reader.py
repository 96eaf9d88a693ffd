"""Reads for the API: every call is one READ transaction with a timeout, counted per reader."""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import AsyncDriver
from neo4j.exceptions import ClientError

from graph.connection import async_unavailable_on_driver_errors
from graph.cypher import statement
from graph.errors import QueryFailed
from peelgraph.settings import Settings

Row = dict[str, Any]


class GraphReader:
    """One per request: runs named read statements and counts the round trips it made."""

    def __init__(self, driver: AsyncDriver, settings: Settings) -> None:
        self._driver = driver
        self._settings = settings
        self.round_trips = 0

    async def rows(self, name: str, **parameters: Any) -> list[Row]:
        """Run `cypher/<name>.cypher` with `parameters` and return its rows as dicts."""
        self.round_trips += 1
        query = neo4j.Query(statement(name), timeout=self._settings.query_timeout)
        async with async_unavailable_on_driver_errors(self._settings):
            try:
                result = await self._driver.execute_query(
                    query,
                    parameters,
                    database_=self._settings.neo4j_database,
                    routing_=neo4j.RoutingControl.READ,
                )
            except ClientError as error:
                if "TransactionTimedOut" in (error.code or "") or "Terminated" in (error.code or ""):
                    raise QueryFailed("the query took longer than the time allowed") from error
                raise
        return [record.data() for record in result.records]

    async def one(self, name: str, **parameters: Any) -> Row | None:
        found = await self.rows(name, **parameters)
        return found[0] if found else None
