"""The operations an operator lets the API run, as a file: Apollo's persisted query manifest.

    {"format": "apollo-persisted-query-manifest", "version": 1,
     "operations": [{"id": "<sha256 of body>", "name": "Cambridgeshire", "type": "query", "body": "query …"}]}

`peelgraph allowlist` writes one from the playground's examples (docs/examples.graphql) and the Explorer's
queries (web/src/documents.js, which the web build copies to `explorer-operations.json`), and any `.graphql`
files named; Apollo's own generator (`@apollo/generate-persisted-query-manifest`) writes the same format from an
app's sources. Each body is one operation and the fragments it uses, printed by graphql-core (comments and
layout gone, the fragments after the operation by name): a request that sends the text instead of the hash is
matched by the same printing of the operation it runs, however its document is laid out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    get_operation_ast,
    parse,
    print_ast,
)
from graphql.utilities import separate_operations

from peelgraph.loaders.errors import InputError

MANIFEST_FORMAT = "apollo-persisted-query-manifest"
EXAMPLES = Path(str(files("peelgraph") / "examples.graphql"))
EXPLORER_OPERATIONS = Path(str(files("peelgraph") / "web" / "explorer-operations.json"))
"""The Explorer's GraphQL documents, as the web build writes them (web/vite.config.js)."""


@dataclass(frozen=True)
class Operation:
    name: str
    type: str
    body: str

    @property
    def id(self) -> str:
        return sha256(self.body)


def sha256(text: str) -> str:
    """The hash persisted queries name a text by: SHA-256 of its UTF-8, in lower-case hexadecimal."""
    return hashlib.sha256(text.encode()).hexdigest()


def operations(document: str, source: str, max_tokens: int | None = None) -> Iterator[Operation]:
    """Each named operation of a GraphQL document, printed with the fragments it uses."""
    try:
        parsed = parse(document, max_tokens=max_tokens)
    except GraphQLError as error:
        line = error.locations[0].line if error.locations else None
        raise InputError(source, line, f"expected a GraphQL document: {error.message}") from None
    for name, separated in separate_operations(parsed).items():
        if not name:
            raise InputError(source, None, "expected every operation to have a name")
        operation = next(d for d in separated.definitions if isinstance(d, OperationDefinitionNode))
        yield Operation(name, operation.operation.value, _printed(separated, operation))


def canonical(document: DocumentNode, operation_name: str | None) -> str | None:
    """The printed form of the operation a request runs (`operation_name`, or the document's only one)."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.name is None:
        return None
    separated = separate_operations(document).get(operation.name.value)
    return None if separated is None else _printed(separated, operation)


def _printed(separated: DocumentNode, operation: OperationDefinitionNode) -> str:
    fragments = sorted((d for d in separated.definitions if isinstance(d, FragmentDefinitionNode)),
                       key=lambda fragment: fragment.name.value)
    return print_ast(DocumentNode(definitions=(operation, *fragments)))


def manifest(listed: Iterable[Operation]) -> dict[str, Any]:
    """A manifest of `listed`, one entry per body (an operation found twice is listed once)."""
    by_id = {operation.id: operation for operation in listed}
    return {
        "format": MANIFEST_FORMAT,
        "version": 1,
        "operations": [{"id": op.id, "name": op.name, "type": op.type, "body": op.body} for op in by_id.values()],
    }


def bundled_operations() -> Iterator[Operation]:
    """The playground's examples and the Explorer's queries."""
    yield from operations(EXAMPLES.read_text(encoding="utf-8"), str(EXAMPLES))
    if not EXPLORER_OPERATIONS.is_file():
        raise InputError(str(EXPLORER_OPERATIONS), None,
                         "missing: build the Explorer first (make setup, or cd web && npm ci && npm run build)")
    for document in json.loads(EXPLORER_OPERATIONS.read_text(encoding="utf-8")):
        yield from operations(document, str(EXPLORER_OPERATIONS))


def read_manifest(path: Path) -> Mapping[str, str]:
    """The operations a manifest lists, body by id; any id that is not its body's hash is refused."""
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, json.JSONDecodeError) as error:
        raise InputError(str(path), None, f"expected a persisted query manifest (JSON): {error}") from None
    entries = loaded.get("operations") if isinstance(loaded, dict) else None
    if not isinstance(entries, list) or loaded.get("format") != MANIFEST_FORMAT:
        raise InputError(str(path), None, f'expected {{"format": "{MANIFEST_FORMAT}", "operations": [...]}}')
    listed: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        body = entry.get("body") if isinstance(entry, dict) else None
        if not isinstance(body, str) or entry.get("id") != sha256(body):
            raise InputError(str(path), None, f"operation {number}: expected a `body` and an `id` that is its SHA-256")
        listed[entry["id"]] = body
    return listed
