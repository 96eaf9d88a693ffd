"""Answers to repeated GraphQL requests, served again while the graph has not changed.

The graph changes only when something writes to Neo4j (`peelgraph load`, or anyone with write access),
and the bookmark of any read names the last transaction committed. So an answer is kept with the
bookmark read just before it was computed, and stored only when a second read just after gives the
same bookmark: nothing was committed while it was computed. A request that repeats it is answered from
here after one read shows the bookmark unchanged, and computed afresh otherwise. Every answer is
therefore exactly what the graph holds at that read, whichever worker or instance serves it.

A request is only cached from its second time: a first request (and every refused or failed one, and one
that needs no statement) costs nothing extra. Only answers without errors are kept, in a
least-recently-used store of bounded size per process. `Cache-Control: no-cache` on a request bypasses
the store.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

Version = frozenset[str]

ENTRY_OVERHEAD = 200
"""Bytes counted per entry beside its answer (key, version, bookkeeping)."""


class ResponseCache:
    def __init__(self, max_bytes: int, max_keys_seen: int = 10_000) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_bytes // 8
        self._entries: OrderedDict[bytes, tuple[Version, bytes, dict[str, int]]] = OrderedDict()
        self._seen: OrderedDict[bytes, None] = OrderedDict()
        self._max_keys_seen = max_keys_seen
        self.size = 0

    @staticmethod
    def key(method: str, content_type: str, payload: bytes) -> bytes:
        """A request's key: its method, content type and body (POST) or query string (GET)."""
        return hashlib.sha256(b"\0".join((method.encode(), content_type.encode(), payload))).digest()

    def seen(self, key: bytes) -> bool:
        """Whether this request was answered without errors before (so it may be worth keeping)."""
        return key in self._seen

    def remember(self, key: bytes) -> None:
        self._seen[key] = None
        self._seen.move_to_end(key)
        while len(self._seen) > self._max_keys_seen:
            self._seen.popitem(last=False)

    def get(self, key: bytes, version: Version) -> tuple[bytes, dict[str, int]] | None:
        """The kept `data` (and cost) of the answer to `key` if it was computed at `version`; a stale one is
        dropped."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] != version:
            self._drop(key)
            return None
        self._entries.move_to_end(key)
        return entry[1], entry[2]

    def put(self, key: bytes, version: Version, data: bytes, cost: dict[str, int]) -> None:
        if len(data) + ENTRY_OVERHEAD > self.max_entry_bytes:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = (version, data, cost)
        self.size += len(data) + ENTRY_OVERHEAD
        while self.size > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: bytes) -> None:
        _, data, _ = self._entries.pop(key)
        self.size -= len(data) + ENTRY_OVERHEAD

    def __len__(self) -> int:
        return len(self._entries)
