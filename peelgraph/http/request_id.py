"""Every request has an id: the caller's `X-Request-ID` when it is a sane one (a proxy or a client that already
named the request), a new one otherwise. It goes back in the response's `X-Request-ID` header and into every
log line written while the request is answered, so that a client's report, the proxy's log and ours meet."""

from __future__ import annotations

import logging
import os
import re
from contextvars import ContextVar
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from peelgraph.http.headers import adding_headers

HEADER = "x-request-id"
HEADER_BYTES = HEADER.encode()
SANE = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._:/+=-]{0,127}")
"""An id worth keeping: up to 128 characters of letters, digits and `._:/+=-` (UUIDs, trace ids, base64), nothing
that could break a log line or a header."""
NO_REQUEST = "-"
"""The id of log lines written outside any request (start-up, shutdown)."""

current: ContextVar[str] = ContextVar("peelgraph_request_id", default=NO_REQUEST)
"""The id of the request being answered, in the task that answers it."""


def request_id(scope: Scope) -> str:
    """The caller's id if it is a sane one, else a new one (32 random hex digits, as a UUID4's)."""
    for name, value in scope.get("headers", ()):
        if name == HEADER_BYTES and SANE.fullmatch(value):
            return value.decode("ascii")
    return os.urandom(16).hex()


class RequestId:
    """Pure ASGI middleware: the request's id in `current` (so in its log lines), in `scope["state"]`, and in the
    response's `X-Request-ID` header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        named = request_id(scope)
        scope.setdefault("state", {})["request_id"] = named
        token = current.set(named)
        try:
            await self.app(scope, receive, adding_headers(send, ((HEADER_BYTES, named.encode("ascii")),)))
        finally:
            current.reset(token)


class RequestIdFilter(logging.Filter):
    """Gives every record a `request_id` attribute (`-` outside a request) for the log format to print."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current.get()
        return True


LINE = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def log_config(level: str) -> dict[str, Any]:
    """The `logging.config.dictConfig` of `peelgraph serve` (handed to uvicorn, which applies it in each worker):
    one format for our lines, uvicorn's and the libraries', each with its request id."""
    handler = {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"],
               "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": f"{__name__}.RequestIdFilter"}},
        "formatters": {"line": {"format": LINE}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": "WARNING"},
        "loggers": {
            "peelgraph": {"level": level.upper()},
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": ["default"], "level": level.upper(), "propagate": False},
        },
    }
