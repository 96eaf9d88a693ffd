"""Abuse of the API: hostile text in every text argument, numbers at and past their bounds, and malformed,
oversized or forbidden requests. Each gets a clean 4xx, a GraphQL error or a clean answer; the graph is
unchanged and the server keeps serving.

tests/schema/test_limits.py already checks depth 12, 31 aliases, 2,100 tokens, a mutation over POST and
GET, a batch array, invalid JSON, a text/plain body, a non-string query, introspection switched off and
six injection strings in ten arguments: those are not repeated here.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import pytest
from neo4j import Driver

from tests.graphstate import counts, snapshot
from tests.reliability import answers, arguments
from tests.reliability.conftest import Server, write_figures

ATTACKS = (
    "'", '"', "\\", "' OR 1=1 //", "}) DETACH DELETE n //", '"}) DETACH DELETE n //',
    "x') MATCH (n) DETACH DELETE n RETURN 1 //", "*/ MATCH (n) DETACH DELETE n /*", "/* open",
    "cambridgeshire'}) SET f.name = 'x' //", "CREATE (n:Injected {id: 'x'}) RETURN n",
    "CALL dbms.security.createUser('x', 'password1', false)", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "CALL { CREATE (:Injected) } IN TRANSACTIONS", "$id", "{{7*7}}",
    "title:(a OR", "a AND NOT b", "*", "~", "[a TO z]", "/regex/", '+-&&||!(){}[]^"~*?:\\/',
    "\\u0027 OR true", "\\\\' OR 1=1 //", "\x00", "\x1b[31m", "\u202e\u200b\u2028\u2029\ufeff", "e\u0301" * 50,
    "ÀÉÎÕÜ ñ ß 中文 العربية 🚓", "\ud800", "", "\t\n\r", "x" * 10_000, "9" * 40, "-1", "NaN",
    "b2Zmc2V0Oi0x", "b2Zmc2V0Ojk5OTk5OTk5OQ==", "../../../../etc/passwd", "EFFECTIVENESS' OR", "CAMBRIDGESHIRE",
)
"""Quotes, comments, Cypher and Lucene syntax, escapes, control and odd unicode (lone surrogates too, which
JSON can spell but are not text), empties, a long string, numbers, cursors, paths, near-miss values."""

LITERAL_ATTACKS = ("'", '"', "\\", '"}) DETACH DELETE n //', "title:(a OR", "\\u0027 OR true", "\x00", "\ud800",
                   "ÀÉÎÕÜ ñ ß 中文 العربية 🚓")
"""Also written into the query text as GraphQL string literals, where the parser, not the variables, meets them."""

NUMBERS = (-(2**31), -1, 0, 1, 100, 101, 2**31 - 1, 2**31, 10**20)
"""For every Int argument: the edges of GraphQL's 32-bit Int and of the page size (the last two are no Int)."""

CONCURRENCY = 6

Request = tuple[str, str | None, dict[str, object]]
"""A label, the attack text (None if there is none), and the JSON body."""


@dataclass(frozen=True)
class Sent:
    label: str
    echo: str | None
    """The attack text, which an error message may quote back: it is no leak."""
    status: int
    text: str


@pytest.fixture(scope="module")
def node_ids(loaded_graph: Driver) -> dict[str, str]:
    """An id of each Node type in the bundled graph, to reach its fields through `node(id:)`."""
    found = {}
    for owner in arguments.owners():
        records = loaded_graph.execute_query(
            "MATCH (n) WHERE $label IN labels(n) RETURN n.id AS id ORDER BY id LIMIT 1", label=owner.name
        ).records
        if records:
            found[owner.name] = records[0]["id"]
    return found


def test_every_string_argument_is_reachable(node_ids: dict[str, str]) -> None:
    reachable = {owner.name for owner in arguments.owners()}
    assert arguments.types_with_text_arguments() <= reachable, "add a route to these types in arguments.py"
    names = {slot.name for slot in arguments.slots()}
    assert {"Query.search(text)", "Query.forces(filter.ids)", "Query.forces(after)", "Force.reports(pillar)"} <= names
    missing = {slot.owner for slot in arguments.slots() if slot.owner != "Query"} - set(node_ids)
    assert not missing, f"the bundled graph has no {missing} to reach their fields through"


def test_hostile_text_in_every_string_argument(production_server: Server, loaded_graph: Driver,
                                               node_ids: dict[str, str]) -> None:
    before = (counts(loaded_graph), snapshot(loaded_graph))
    slots = arguments.slots()
    tally: Counter[str] = Counter()
    problems: list[str] = []
    for attack in ATTACKS:
        requests: list[Request] = [(slot.name, attack, {"query": slot.query("$v", node_ids.get(slot.owner)),
                                                        "variables": {"v": attack}}) for slot in slots]
        if attack in LITERAL_ATTACKS:
            literal = json.dumps(attack)
            requests += [(f"{slot.name} literal", attack, {"query": slot.query(literal, node_ids.get(slot.owner))})
                         for slot in slots]
        problems += _check_batch(production_server, _post_all(production_server, requests), tally)
        assert production_server.healthy(), f"the server stopped serving after {attack!r}"
        assert counts(loaded_graph) == before[0], f"the graph changed after {attack!r}"
    after = (counts(loaded_graph), snapshot(loaded_graph))
    write_figures("abuse-strings", {
        "string_arguments": len(slots), "attacks": len(ATTACKS), "literal_attacks": len(LITERAL_ATTACKS),
        "requests": sum(tally.values()), "outcomes": dict(tally), "problems": len(problems),
        "graph_unchanged": after == before, "nodes": before[0][0], "relationships": before[0][1],
    })
    assert not problems, "\n".join(problems[:20])
    assert after == before
    assert "Traceback" not in production_server.log_text()


def test_numbers_at_and_past_their_bounds(production_server: Server, loaded_graph: Driver,
                                          node_ids: dict[str, str]) -> None:
    before = (counts(loaded_graph), snapshot(loaded_graph))
    slots = arguments.slots(lambda scalar: scalar == "Int")
    requests: list[Request] = [(f"{slot.name}={number}", None,
                                {"query": slot.query(str(number), node_ids.get(slot.owner))})
                               for slot in slots for number in NUMBERS]
    tally: Counter[str] = Counter()
    problems = _check_batch(production_server, _post_all(production_server, requests), tally)
    write_figures("abuse-numbers", {"int_arguments": len(slots), "values": len(NUMBERS),
                                    "requests": len(requests), "outcomes": dict(tally), "problems": len(problems)})
    assert not problems, "\n".join(problems[:20])
    assert production_server.healthy()
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before


@dataclass(frozen=True)
class Shape:
    name: str
    refused: bool | None
    """True: a 4xx or a GraphQL error. False: an answer with data and no errors. None: either, if clean."""
    send: Callable[[httpx.Client, Server], tuple[int, str]]


def post(body: object, content_type: str = "application/json") -> Callable[[httpx.Client, Server], tuple[int, str]]:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()

    def send(client: httpx.Client, server: Server) -> tuple[int, str]:
        response = client.post(server.graphql, content=content, headers={"content-type": content_type})
        return response.status_code, response.text

    return send


def query(text: str, **body: object) -> Callable[[httpx.Client, Server], tuple[int, str]]:
    return post({"query": text, **body})


def get(**params: str) -> Callable[[httpx.Client, Server], tuple[int, str]]:
    def send(client: httpx.Client, server: Server) -> tuple[int, str]:
        response = client.get(server.graphql, params=params)
        return response.status_code, response.text

    return send


def method(name: str) -> Callable[[httpx.Client, Server], tuple[int, str]]:
    def send(client: httpx.Client, server: Server) -> tuple[int, str]:
        response = client.request(name, server.graphql, json={"query": "{ __typename }"})
        return response.status_code, response.text

    return send


def raw(request: bytes) -> Callable[[httpx.Client, Server], tuple[int, str]]:
    """Bytes written to the socket as they are: for what an HTTP client library will not send."""

    def send(client: httpx.Client, server: Server) -> tuple[int, str]:
        address = urlsplit(server.url)
        received = b""
        with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
            try:
                connection.sendall(request)
                while chunk := connection.recv(65536):
                    received += chunk
            except ConnectionError:
                pass  # the server may answer and close before it has read everything
        head, _, body = received.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), body.decode(errors="replace")

    return send


def chunked(size: int) -> Callable[[httpx.Client, Server], tuple[int, str]]:
    def send(client: httpx.Client, server: Server) -> tuple[int, str]:
        pieces = (b" " * 1000 for _ in range(size // 1000))
        response = client.post(server.graphql, content=pieces, headers={"content-type": "application/json"})
        return response.status_code, response.text

    return send


MEGABYTE_QUERY = "{ " + "__typename " * 95_000 + "}"


def fragment_chain(depth: int) -> str:
    """`force { judgments(first: 1) { report { force { ... } } } }` nested `depth` deep, one level per fragment
    (one item a level, so that the request is refused or answered for its depth, not for its cost)."""
    parts = ['{ force(id: "kent") { ...L1 } }']
    steps = [("Force", "judgments(first: 1)"), ("Judgment", "report"), ("Report", "force")]
    for level in range(1, depth):
        on, field = steps[(level - 1) % 3]
        inner = f"...L{level + 1}" if level < depth - 1 else "id"
        parts.append(f"fragment L{level} on {on} {{ {field} {{ {inner} }} }}")
    return " ".join(parts)


ALIASES_AT_LIMIT = "{ " + " ".join(f'a{n}: search(text: "crime", first: 100) {{ score }}' for n in range(30)) + " }"
ALIASES_IN_FRAGMENTS = ("{ ...A ...B } "
                        + "fragment A on Query { " + " ".join(f"a{n}: __typename" for n in range(16)) + " } "
                        + "fragment B on Query { " + " ".join(f"b{n}: __typename" for n in range(16)) + " }")
SHAPES = (
    Shape("1 MB query in a POST", True, query(MEGABYTE_QUERY)),
    Shape("1 MB query in a GET", True, raw(b"GET /graphql?query=%7B" + b"%20" * 350_000 + b"%7D HTTP/1.1\r\n"
                                            b"Host: localhost\r\nConnection: close\r\n\r\n")),
    Shape("1 MB body in chunks, no length", True, chunked(1_000_000)),
    Shape("body shorter than its content-length", True, raw(
        b"POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5\r\n"
        b'Connection: close\r\n\r\n{"query": "{ __typename }"}')),
    Shape("not HTTP at all", True, raw(b"\x00\x01\x02 hello\r\n\r\n")),
    Shape("JSON nested 40,000 deep in the variables", True,
          post(b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * 40_000 + b"]" * 40_000 + b"}}")),
    Shape("JSON body that is a string", True, post(b'"{ __typename }"')),
    Shape("JSON body that is a number", True, post(b"5")),
    Shape("JSON body that is null", True, post(b"null")),
    Shape("JSON body that is true", True, post(b"true")),
    Shape("body that is not UTF-8", True, post(b'{"query": "\xff\xfe"}')),
    Shape("truncated JSON", True, post(b'{"query": "{ __typename }"')),
    Shape("query NaN", True, post(b'{"query": NaN}')),
    Shape("variables a list", True, post({"query": "{ __typename }", "variables": [1]})),
    Shape("variables of the wrong type", True, query("query ($v: ID!) { force(id: $v) { id } }", variables={"v": [1]})),
    Shape("an unknown operationName", True, query("{ __typename }", operationName="nope")),
    Shape("a mutation chosen by operationName", True, query("query q { __typename } mutation m { x }",
                                                            operationName="m")),
    Shape("a subscription", True, query("subscription { stats { nodeCount } }")),
    Shape("a mutation over GET, by operationName", True, get(query="query q { __typename } mutation m { x }",
                                                             operationName="m")),
    Shape("two operations and no operationName", None, query("query a { __typename } query b { __typename }")),
    Shape("1,000 operations", True, query(" ".join(f"query q{n} {{ __typename }}" for n in range(1000)),
                                          operationName="q1")),
    Shape("an @include flood", True, query("{ " + "__typename @include(if: true) " * 600 + "}")),
    Shape("depth 12 through fragments", True, query(fragment_chain(12))),
    Shape("depth 10 through fragments, at the limit", False, query(fragment_chain(10))),
    Shape("a fragment that spreads itself", True, query("{ ...F } fragment F on Query { ...F }")),
    Shape("list literal nested 300 deep", True, query("{ nodes(ids: " + "[" * 300 + '"x"' + "]" * 300 + ") { id } }")),
    Shape("input literal nested 300 deep", True,
          query("{ forces(filter: " + "{ids: " * 300 + '"x"' + "}" * 300 + ") { totalCount } }")),
    Shape("32 aliases spread over two fragments", True, query(ALIASES_IN_FRAGMENTS)),
    Shape("30 aliases of search(first: 100), at the limit", False, query(ALIASES_AT_LIMIT)),
    Shape("5,000 unused variables", False, query("{ __typename }", variables={f"v{n}": n for n in range(5000)})),
    Shape("introspection: __schema", True, query("{ __schema { queryType { name } } }")),
    Shape("introspection: __type", True, query('{ __type(name: "Query") { fields { name } } }')),
    Shape("introspection: aliased", True, query("{ s: __schema { types { name } } }")),
    Shape("introspection: in a fragment", True, query("{ ...F } fragment F on Query { __schema { types { name } } }")),
    Shape("introspection: nested in a field", True, query('{ force(id: "kent") { __type(name: "Force") { name } } }')),
    Shape("introspection: over GET", True, get(query="{ __schema { types { name } } }")),
    Shape("__typename is still answered", False, query("{ __typename }")),
    Shape("content type application/xml", True, post(b"<query/>", "application/xml")),
    Shape("content type multipart/form-data", True, post(b"--x\r\n\r\n--x--\r\n", "multipart/form-data; boundary=x")),
    Shape("content type application/x-www-form-urlencoded", True,
          post(b"query=%7B__typename%7D", "application/x-www-form-urlencoded")),
    Shape("content type application/graphql", True, post(b"{ __typename }", "application/graphql")),
    Shape("no content type", True, raw(b'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 26\r\n'
                                       b'Connection: close\r\n\r\n{"query":"{ __typename }"}')),
    Shape("PUT", True, method("PUT")),
    Shape("PATCH", True, method("PATCH")),
    Shape("DELETE", True, method("DELETE")),
    Shape("a path outside the API", True, raw(b"GET /graphql/../../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n"
                                              b"Connection: close\r\n\r\n")),
)
"""Requests no client library sends by accident; tests/schema/test_limits.py has the common ones."""


def test_malformed_oversized_and_forbidden_requests(production_server: Server, loaded_graph: Driver) -> None:
    before = (counts(loaded_graph), snapshot(loaded_graph))
    problems = []
    outcomes: Counter[str] = Counter()
    with httpx.Client(timeout=60) as client:
        for shape in SHAPES:
            status, text = shape.send(client, production_server)
            outcome = answers.outcome(status, text)
            outcomes[outcome] += 1
            problem = answers.problem(status, text, None, production_server.leaks)
            if problem is None and shape.refused is not None and (outcome == "answered") == shape.refused:
                problem = f"expected it {'refused' if shape.refused else 'answered'}, got {status}: {text[:200]}"
            if problem:
                problems.append(f"{shape.name}: {problem}")
            assert production_server.healthy(), f"the server stopped serving after: {shape.name}"
    write_figures("abuse-requests", {"cases": len(SHAPES), "outcomes": dict(outcomes), "problems": len(problems)})
    assert not problems, "\n".join(problems)
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before
    assert "Traceback" not in production_server.log_text()


def _post_all(server: Server, requests: Sequence[Request]) -> list[Sent]:
    async def send_all() -> list[Sent]:
        gate = asyncio.Semaphore(CONCURRENCY)
        async with httpx.AsyncClient(timeout=60) as client:

            async def send(label: str, echo: str | None, body: dict[str, object]) -> Sent:
                async with gate:
                    # ASCII JSON, so that lone surrogates travel as the escapes a client would send.
                    response = await client.post(server.graphql, content=json.dumps(body),
                                                 headers={"content-type": "application/json"})
                return Sent(label, echo, response.status_code, response.text)

            return list(await asyncio.gather(*(send(*request) for request in requests)))

    return asyncio.run(send_all())


def _check_batch(server: Server, sent: Sequence[Sent], tally: Counter[str]) -> list[str]:
    problems = []
    for answer in sent:
        tally[answers.outcome(answer.status, answer.text)] += 1
        problem = answers.problem(answer.status, answer.text, answer.echo, server.leaks)
        if problem:
            problems.append(f"{answer.label} with {answer.echo!r:.60}: {problem}")
    return problems
