"""HTTP caching of GET answers, for browsers and CDNs: an `ETag`, a `Cache-Control`, and 304 when unchanged.

The graph changes only when a load commits, so an answer is named by the graph's version (the bookmark the
response cache reads, peelgraph/http/response_cache.py), the request (its query string, which holds the
query or its persisted hash and the variables), the media type it is answered in and the peelgraph release.
A request whose `If-None-Match` names the current tag is answered 304 after that one version read, without
running the query; after a commit the version, and so every tag, is new. The tag is weak (`W/`): the
`extensions` of two answers with the same data may differ (round trips, `cached`).

Only GET answers carry it: browsers and CDNs neither keep nor revalidate POST answers, which would pay the
version read for nothing. A clean answer gets `Cache-Control: public, max-age=N, must-revalidate`
(PEELGRAPH_CACHE_MAX_AGE, 0 by default: every use asks again); any other answer to a GET (errors, refusals,
`PersistedQueryNotFound`) gets `no-store`.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version as package_version

from starlette.responses import Response

from peelgraph.http.response_cache import Version

RELEASE = package_version("peelgraph").encode()
"""Part of every tag: a new release may answer the same request differently."""
NO_STORE = "no-store"
VARY = "Accept"
"""The media type of an answer follows the request's `Accept` (peelgraph/http/media_types.py)."""


def entity_tag(version: Version, request_key: bytes, media_type: str) -> str:
    """The weak entity tag of the answer to `request_key` in `media_type` while the graph is at `version`."""
    seed = b"\0".join((RELEASE, *sorted(part.encode() for part in version), request_key, media_type.encode()))
    return f'W/"{hashlib.sha256(seed).hexdigest()[:40]}"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an `If-None-Match` header names `tag` (the weak comparison of RFC 9110, or `*`)."""
    if not if_none_match:
        return False
    opaque = tag.removeprefix("W/")
    return any(candidate.strip() == "*" or candidate.strip().removeprefix("W/") == opaque
               for candidate in if_none_match.split(","))


def cache_control(max_age: int) -> str:
    """What a browser or CDN may do with a clean GET answer."""
    return f"public, max-age={max_age}, must-revalidate"


def not_modified(tag: str, control: str) -> Response:
    return Response(status_code=304, headers={"ETag": tag, "Cache-Control": control, "Vary": VARY})


def mark_cacheable(response: Response, tag: str, control: str) -> None:
    response.headers["ETag"] = tag
    response.headers["Cache-Control"] = control
    response.headers["Vary"] = VARY


def mark_uncacheable(response: Response) -> None:
    response.headers["Cache-Control"] = NO_STORE
    response.headers["Vary"] = VARY
