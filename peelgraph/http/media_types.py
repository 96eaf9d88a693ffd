"""The media type of a GraphQL answer, from the request's `Accept` (the GraphQL over HTTP specification).

`application/graphql-response+json` is the specification's own type: with it, a request that could not be run
at all (it does not parse, does not validate, its variables do not fit, or it is refused before it runs) is
answered 400 without a `data` entry. `application/json` is what clients spoke before it: every such answer is
200, as it always was here. A client that names both gets the one it prefers (by `q`, then by order); one that
names neither (or sends `*/*`, or no `Accept`) gets `application/json`, so existing clients see no change.
"""

from __future__ import annotations

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
ANSWERED = (GRAPHQL_RESPONSE_JSON, JSON)


def negotiate(accept: str | None) -> str:
    """The media type to answer with: the most preferred of the two the API speaks, else `application/json`."""
    best, best_quality = JSON, 0.0
    for entry in (accept or "").split(","):
        media_type, _, parameters = entry.partition(";")
        media_type = media_type.strip().lower()
        if media_type not in ANSWERED:
            continue
        quality = _quality(parameters)
        if quality > best_quality:
            best, best_quality = media_type, quality
    return best


def _quality(parameters: str) -> float:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return max(0.0, min(1.0, float(value)))
            except ValueError:
                return 0.0
    return 1.0
