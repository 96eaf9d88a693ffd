"""Security headers on every response: no type sniffing, scripts and requests to the app's own origin only,
never in a frame."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from peelgraph.http.headers import adding_headers

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    # GraphiQL and cytoscape.js set styles from script; nothing is loaded from another host.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
)
"""On every response: no type sniffing, scripts and requests to the app's own origin only, never in a frame."""


class SecurityHeaders:
    """Add `SECURITY_HEADERS` to every HTTP response (pure ASGI: nothing buffered, the body untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, adding_headers(send, SECURITY_HEADERS))
