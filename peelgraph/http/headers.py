"""Headers added to a response by pure ASGI middleware (nothing buffered, the body untouched)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.types import Message, Send


def adding_headers(send: Send, headers: Sequence[tuple[bytes, bytes]]) -> Send:
    """`send`, with `headers` added to the response's start."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", ()), *headers]}
        await send(message)

    return sending
