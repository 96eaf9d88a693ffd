"""How an answer of the API is judged: clean, or what is wrong with it."""

from __future__ import annotations

import json
from collections.abc import Sequence


def outcome(status: int, text: str) -> str:
    """answered (data, no errors), graphql-error, or http-<status>."""
    if status != 200:
        return f"http-{status}"
    try:
        body = json.loads(text)
    except ValueError:
        return "not-json"
    return "graphql-error" if body.get("errors") else "answered"


def problem(status: int, text: str, echo: str | None, leaks: Sequence[str]) -> str | None:
    """What is wrong with an answer, or None when it is clean.

    `echo` is the request's own text, which an error message may quote (`unknown pillar 'x'`): quoted
    so, it is not a leak.
    """
    if status >= 500:
        return f"HTTP {status}: {text[:200]}"
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    leaked = [leak for leak in leaks if leak in _without_echo(body, echo, text)]
    if leaked:
        return f"leaks {leaked[0]!r}: {text[:300]}"
    if not 200 <= status < 500:
        return f"HTTP {status}"
    if body is None:
        # Starlette's own plain answers: 404, 405, and uvicorn's 400 for what is not HTTP.
        return None if status in (400, 404, 405) else f"HTTP {status} and not JSON: {text[:200]}"
    if not isinstance(body, dict) or not ({"data", "errors"} & body.keys()):
        return f"neither data nor errors: {text[:200]}"
    for error in body.get("errors") or []:
        if error.get("extensions", {}).get("code") == "INTERNAL_ERROR" or error.get("message") == "Unexpected error.":
            return f"an internal error: {text[:300]}"
    return None


def _without_echo(body: object, echo: str | None, text: str) -> str:
    """The answer, its error messages without their quotations of `echo`."""
    if not echo or not isinstance(body, dict) or not isinstance(body.get("errors"), list):
        return text
    quotations = sorted({repr(echo), json.dumps(echo, ensure_ascii=False)}, key=len, reverse=True)
    errors = []
    for error in body["errors"]:
        message = str(error.get("message", "")) if isinstance(error, dict) else str(error)
        for quotation in quotations:
            message = message.replace(quotation, "")
        errors.append({**error, "message": message} if isinstance(error, dict) else message)
    return json.dumps({**body, "errors": errors}, ensure_ascii=False)
