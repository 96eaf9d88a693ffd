"""Automatic persisted queries (Apollo's protocol) and the operator's allow-list.

A client sends `extensions.persistedQuery = {"version": 1, "sha256Hash": …}` without the query: the API runs
the text it knows by that hash, or answers `PersistedQueryNotFound` (code `PERSISTED_QUERY_NOT_FOUND`); the
client then sends the hash with the text, which is checked against the hash and kept; from then on the hash
alone is enough, over POST or GET (a GET a CDN can cache). Texts are kept in a least-recently-used store of
bounded size, per process: with several workers, a hash registered with one may be unknown to another, which
answers `PersistedQueryNotFound` once and is sent the text again (Apollo's link and urql retry on their own).

An operator may list operations in manifest files (`PEELGRAPH_PERSISTED_QUERIES`, peelgraph/http/allowlist.py):
their hashes are always known, in every process. With `PEELGRAPH_ARBITRARY_QUERIES=false` only listed
operations run, by hash or by text (matched on the operation's printed form), nothing is registered, and
anything else is refused with `QUERY_NOT_IN_SAFELIST` or `PERSISTED_QUERY_NOT_IN_LIST` (Apollo Router's codes).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from graphql import GraphQLError, parse
from strawberry.http import GraphQLRequestData

from peelgraph.http.allowlist import canonical, read_manifest, sha256
from peelgraph.loaders.errors import InputError
from peelgraph.settings import Settings

SHA256_HEX = re.compile(r"[0-9a-f]{64}")
ENTRY_OVERHEAD = 100
"""Bytes counted per kept text beside the text itself (its hash, bookkeeping)."""


class OperationRefused(Exception):
    """A request the API will not run: answered as one GraphQL error with this code, and no `data`."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class QueryStore:
    """Query texts by hash, the least recently used dropped beyond `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._texts: OrderedDict[str, str] = OrderedDict()

    def get(self, key: str) -> str | None:
        text = self._texts.get(key)
        if text is not None:
            self._texts.move_to_end(key)
        return text

    def put(self, key: str, text: str) -> None:
        if key in self._texts or len(text) + ENTRY_OVERHEAD > self.max_bytes:
            self.get(key)
            return
        self._texts[key] = text
        self.size += len(text) + ENTRY_OVERHEAD
        while self.size > self.max_bytes:
            _, dropped = self._texts.popitem(last=False)
            self.size -= len(dropped) + ENTRY_OVERHEAD

    def __len__(self) -> int:
        return len(self._texts)


class PersistedQueries:
    """What a request runs: its own text, or the text its hash names; refused when the operator's list says so."""

    def __init__(self, listed: Mapping[str, str], store: QueryStore | None, arbitrary: bool,
                 max_tokens: int | None = None) -> None:
        self.listed = listed
        self.store = store if arbitrary else None
        self.arbitrary = arbitrary
        self.max_tokens = max_tokens
        self._verdicts: QueryStore = QueryStore(2**20)
        """Texts already matched against the list, by hash and operation name ("1" listed, "" not)."""

    @classmethod
    def from_settings(cls, settings: Settings, max_tokens: int | None = None) -> PersistedQueries:
        if not settings.arbitrary_queries and not settings.persisted_queries:
            raise InputError("PEELGRAPH_ARBITRARY_QUERIES", None,
                             "false runs only listed operations: name their manifest in PEELGRAPH_PERSISTED_QUERIES "
                             "(peelgraph allowlist writes one)")
        listed: dict[str, str] = {}
        for path in settings.persisted_queries:
            listed.update(read_manifest(path))
        store = QueryStore(int(settings.apq_cache_mb * 2**20)) if settings.apq_cache_mb > 0 else None
        return cls(listed, store, settings.arbitrary_queries, max_tokens)

    def resolve(self, asked: GraphQLRequestData) -> GraphQLRequestData:
        """`asked` with the text to run; raises OperationRefused."""
        persisted = (asked.extensions or {}).get("persistedQuery")
        if persisted is not None:
            key = _hash(persisted)
            if asked.query is None:
                return replace(asked, query=self._known(key))
            if sha256(asked.query) != key:
                raise OperationRefused("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
            if key in self.listed:
                return asked
            if self.store is not None:
                self.store.put(key, asked.query)
        if not self.arbitrary and asked.query is not None and not self._is_listed(asked.query, asked.operation_name):
            raise OperationRefused(
                "only the operations on this server's list run here, and this one is not on it "
                "(see docs/security.md, persisted queries)", "QUERY_NOT_IN_SAFELIST",
            )
        return asked

    def _known(self, key: str) -> str:
        text = self.listed.get(key) or (self.store.get(key) if self.store is not None else None)
        if text is not None:
            return text
        if not self.arbitrary:
            raise OperationRefused(f"persisted query {key} is not on this server's list of operations",
                                   "PERSISTED_QUERY_NOT_IN_LIST")
        if self.store is None:
            raise OperationRefused("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
        raise OperationRefused("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")

    def _is_listed(self, query: str, operation_name: str | None) -> bool:
        if sha256(query) in self.listed:
            return True
        key = sha256(f"{operation_name or ''}\0{query}")
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = "1" if self._printed_is_listed(query, operation_name) else ""
            self._verdicts.put(key, verdict)
        return verdict == "1"

    def _printed_is_listed(self, query: str, operation_name: str | None) -> bool:
        try:
            document = parse(query, max_tokens=self.max_tokens)
        except GraphQLError:
            return False
        printed = canonical(document, operation_name)
        return printed is not None and sha256(printed) in self.listed


def _hash(persisted: Any) -> str:
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise OperationRefused("Unsupported persisted query version: 1 is the only one",
                               "PERSISTED_QUERY_VERSION_UNSUPPORTED")
    key = persisted.get("sha256Hash")
    if not isinstance(key, str) or not SHA256_HEX.fullmatch(key):
        raise OperationRefused("persistedQuery.sha256Hash must be a SHA-256 hash in lower-case hexadecimal",
                               "PERSISTED_QUERY_HASH_INVALID")
    return key
