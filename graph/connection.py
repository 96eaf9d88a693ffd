"""Drivers for the configured Neo4j, and the one place driver failures become `GraphUnavailable`."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph.cypher import statement
from graph.errors import CredentialsRefused, GraphUnavailable
from peelgraph.settings import Settings

UNAVAILABLE = (ServiceUnavailable, SessionExpired, AuthError, DriverError, OSError, asyncio.TimeoutError,
               DatabaseUnavailable)
"""Failures that mean the store cannot serve right now, as opposed to a bad query (DatabaseUnavailable: the
server answers while it shuts down or starts, but its database does not)."""

DRIVER_OPTIONS: dict[str, Any] = {
    "connection_timeout": 3.0,
    "connection_acquisition_timeout": 5.0,
    # Managed transactions retry through a restart for this long before the caller sees an error,
    # so an outage is reported quickly and recovery needs no restart of the app.
    "max_transaction_retry_time": 2.0,
    "user_agent": "peelgraph",
    "notifications_min_severity": "OFF",
}

PING = statement("read/ping")
CHANGE_OWN_PASSWORD = statement("admin/change_own_password")
SERVER_HOME = statement("admin/server_home")


def quiet_driver_logs(debug: bool) -> None:
    """The driver logs each retry as a warning; outside debug mode only its errors are worth a line."""
    logging.getLogger("neo4j").setLevel(logging.DEBUG if debug else logging.ERROR)


def open_async_driver(settings: Settings) -> AsyncDriver:
    """The process-wide async driver the API reads through (routing-aware for `neo4j://` URIs)."""
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_secret), **DRIVER_OPTIONS
    )


def open_driver(settings: Settings) -> Driver:
    """A blocking driver for the CLI, loaders and tests."""
    return GraphDatabase.driver(
        settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_secret), **DRIVER_OPTIONS
    )


@contextmanager
def unavailable_on_driver_errors(settings: Settings) -> Iterator[None]:
    """Turn connection-level driver failures into `GraphUnavailable` with a message safe to show."""
    try:
        yield
    except AuthError as error:
        raise CredentialsRefused(f"Neo4j at {settings.neo4j_uri_for_display} refused {_whose(settings)}") from error
    except UNAVAILABLE as error:
        raise GraphUnavailable(f"Neo4j at {settings.neo4j_uri_for_display} is not answering") from error


def _whose(settings: Settings) -> str:
    """Which credentials were refused, named so that the user knows where to look (never the password)."""
    if settings.neo4j_password is not None:
        return "the credentials of NEO4J_USER/NEO4J_PASSWORD"
    if settings.neo4j_is_local and settings.password_file.exists():
        return f"the password kept in {settings.password_file} (or set NEO4J_PASSWORD)"
    return "the connection without a password: set NEO4J_PASSWORD"


def server_home(settings: Settings) -> str:
    """The home folder of the Neo4j server `settings` connect to (an administrator's question)."""
    with open_driver(settings) as driver, unavailable_on_driver_errors(settings):
        return str(driver.execute_query(SERVER_HOME, database_="system").records[0]["home"])


def change_own_password(settings: Settings, new: str) -> None:
    """Change the password of the user `settings` connects as, from its current one to `new`."""
    with open_driver(settings) as driver, unavailable_on_driver_errors(settings):
        driver.execute_query(CHANGE_OWN_PASSWORD, {"old": settings.neo4j_secret, "new": new}, database_="system")


@asynccontextmanager
async def async_unavailable_on_driver_errors(settings: Settings) -> AsyncIterator[None]:
    with unavailable_on_driver_errors(settings):
        yield


def ping(settings: Settings, driver: Driver | None = None) -> None:
    """Raise `GraphUnavailable` unless Neo4j answers a query with these credentials."""
    own = driver is None
    active = driver or open_driver(settings)
    try:
        with unavailable_on_driver_errors(settings):
            active.execute_query(
                neo4j.Query(PING, timeout=5.0), database_=settings.neo4j_database, routing_=neo4j.RoutingControl.READ
            )
    except Neo4jError as error:
        # A server that is still starting (database not online, first query timed out) is not ready yet.
        raise GraphUnavailable(f"Neo4j at {settings.neo4j_uri_for_display} is not ready: {error.code}") from error
    finally:
        if own:
            active.close()


def wait_until_ready(settings: Settings, timeout: float, is_alive: Callable[[], bool] | None = None) -> None:
    """Block until `ping` succeeds; raise the last `GraphUnavailable` after `timeout` seconds.

    `is_alive`, when given, is called between attempts; a false answer stops waiting early
    (the server process died).
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            ping(settings)
            return
        except CredentialsRefused:
            raise  # the server is up: waiting would not change its answer
        except GraphUnavailable:
            if time.monotonic() >= deadline or (is_alive is not None and not is_alive()):
                raise
            time.sleep(0.5)


async def async_ping(driver: AsyncDriver, settings: Settings, timeout: float = 2.0) -> None:
    """Raise `GraphUnavailable` unless Neo4j answers within `timeout` seconds."""
    try:
        async with async_unavailable_on_driver_errors(settings):
            await asyncio.wait_for(
                driver.execute_query(
                    neo4j.Query(PING, timeout=timeout),
                    database_=settings.neo4j_database,
                    routing_=neo4j.RoutingControl.READ,
                ),
                timeout=timeout,
            )
    except Neo4jError as error:
        # As in `ping`: a server still starting (database not online, the ping timed out) is not ready.
        raise GraphUnavailable(f"Neo4j at {settings.neo4j_uri_for_display} is not ready: {error.code}") from error
