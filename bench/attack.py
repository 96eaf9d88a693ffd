"""The cost budget under attack: the widest requests the API allows, and ones it refuses, from many clients at
once, while one client times a cheap request and the server's memory is sampled.

The attack requests are built from the schema itself (`worst_queries`): for each path of list fields from a
root field, within the depth and token limits, every list asked at its maximum (`first` at the field's
maximum, connections `first: 100`), each level selecting the next list and a text field; then the same with
the root repeated under aliases up to the budget (and one copy past it), and, for a path over the budget, its
outermost page cut down until it fits (e.g. organisations x mentions(first: 1000) with their text). Each
is sent once to learn whether the server answers or refuses it; the attack mixes the refused ones with the
heaviest of the others (those stopped at the answer's size or the deadline first, then by the objects they
returned). Every attack request says `Cache-Control: no-cache`, so each is computed; with --replan each is also
sent under root aliases never sent before, so that Neo4j plans its statement anew.

It starts `peelgraph serve --workers 2` with the production settings (debug and introspection off) against
the benchmark's Neo4j (the managed instance `bench`, or --uri, or a managed instance of your own with
--instance), with the bundled data and the national corpus of 430 synthetic reports loaded (an idempotent
no-op when they are there; minutes the first time). Then for --duration seconds `--clients` clients send
the attack requests while one client sends `{ force(id: "kent") { name rocu { acronym } } }`, and the
server's resident memory (the uvicorn master and its workers) is sampled every 0.5 s.

It prints the peak RSS, the RSS before and 10 s after, the cheap request's latency, the count of 5xx and
transport errors, of refused and answered attack requests, the costliest requests, PASS or FAIL for each
target (peak RSS < 1 GB, cheap p99 < 1 s, no 5xx, RSS after within 100 MB of before), and a last line
`summary: key=value ...`; the figures also go to test-artifacts/reliability-attack.json. It exits 0 whatever
the targets say (1 if the server could not be started or measured).

Example: .venv/bin/python bench/attack.py
Example: .venv/bin/python bench/attack.py --quick
Example: .venv/bin/python bench/attack.py --instance attack --bolt-port 7744 --http-port 7541 --keep-neo4j
Example: .venv/bin/python bench/attack.py --url http://127.0.0.1:8000 --pid 4242
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import statistics
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import psutil
from graphql import (
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_required_argument,
)
from graphql.language import Lexer, Source, TokenKind

from peelgraph.schema.api import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from peelgraph.schema.bounds import bound_of
from peelgraph.schema.budget import DEFAULT_MAX_COST
from peelgraph.schema.compiler import collected_request
from peelgraph.schema.cost import Estimate, estimate
from peelgraph.settings import LOOPBACK_HOSTS, Settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
MAX_QUERIES = 300
"""Worst queries built at most, in the order they are found."""
TEXT_FIELDS = ("text", "name", "title", "label", "summary", "acronym", "id")
"""The scalar each level selects beside the next list: the first of these its type has."""
IDS = {
    "Force": "cambridgeshire",
    "Organisation": "ersou",
    "Scheme": "iom",
    "Initiative": "evidence-based-policing",
    "Threat": "serious-and-organised-crime",
    "Report": "cambridgeshire-effectiveness-2015",
    "Judgment": "cambridgeshire-effectiveness-2015/q2",
    "Question": "effectiveness-2",
    "AreaForImprovement": "cambridgeshire-effectiveness-2015/q2/afi-1",
}
"""The id a root field asks for, by the type it answers: objects the bundled data (and so the corpus) has."""
ROOT_ARGUMENTS = {
    "search": 'text: "crime"',
    "compareForces": 'pillar: EFFECTIVENESS, rocu: "ersou"',
    "connection": 'fromId: "essex", toId: "nca"',
}
"""The arguments root fields need beside an id (compareForces takes its forces by `ids` or by `rocu`)."""
CHEAP = '{ force(id: "kent") { name rocu { acronym } } }'
"""What the one well-behaved client sends while the others attack."""
SAMPLE_S = 0.5
SETTLE_S = 10.0
"""How long after the attack the memory is read again."""
TARGETS = {"peak_rss_mb": 1024.0, "cheap_p99_ms": 1000.0, "rss_after_minus_before_mb": 100.0}

Composite = GraphQLObjectType | GraphQLInterfaceType


def cost_of(schema: GraphQLSchema, query: str, variables: dict[str, Any] | None = None,
            operation_name: str | None = None) -> Estimate:
    """The cost the API computes for a request before running it (as `schema/execution.py` does); raises
    GraphQLError for a request the schema refuses."""
    executor, grouped = collected_request(schema, query, variables, operation_name)
    return estimate(schema, executor.fragments, executor.variable_values, executor.operation, grouped)


def tokens(query: str) -> int:
    """The tokens of a document, as the API's token limit counts them."""
    lexer, count = Lexer(Source(query)), 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class Hop:
    """One object field on a path: `name` on `parent` (through `... on <on>` when `parent` is a concrete type
    of the interface selected), with its page."""

    parent: str
    name: str
    on: str | None
    first: int | None
    """`first` asked (None: the field takes none); for a connection, the page of its edges."""
    connection: bool
    """A root listing: its items are `edges { node { ... } }`."""
    is_list: bool

    @property
    def levels(self) -> int:
        return 3 if self.connection else 1


@dataclass(frozen=True, slots=True)
class Worst:
    """A request built to cost as much as a path allows."""

    name: str
    query: str
    estimate: int
    lists: tuple[str, ...]
    """The response paths of its lists: the field a refusal names is one of them."""


@dataclass
class _Builder:
    schema: GraphQLSchema
    limit: int
    estimates: dict[str, Estimate] = field(default_factory=dict)
    """Each request's estimate, by its text: a path is costed when it is found and again when it is built."""

    def composite(self, name: str) -> Composite:
        found = self.schema.type_map[name]
        assert isinstance(found, GraphQLObjectType | GraphQLInterfaceType)
        return found

    def target(self, hop: Hop) -> Composite:
        named = get_named_type(self.composite(hop.parent).fields[hop.name].type)
        if hop.connection:
            edge = get_named_type(self.composite(named.name).fields["edges"].type)
            assert isinstance(edge, GraphQLObjectType)
            return self.composite(get_named_type(edge.fields["node"].type).name)
        assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
        return named

    def hops_from(self, type_: Composite) -> list[Hop]:
        """The object fields selectable on `type_`, on it or (for an interface) on each concrete type."""
        found: dict[tuple[str | None, str], Hop] = {}
        concrete = [type_] if isinstance(type_, GraphQLObjectType) else list(self.schema.get_possible_types(type_))
        for owner in [type_, *concrete]:
            on = None if owner is type_ else owner.name
            for name, field_ in owner.fields.items():
                if on is not None and name in type_.fields:
                    continue
                hop = self.hop(owner, name, field_, on)
                if hop is not None:
                    found.setdefault((on, name), hop)
        return list(found.values())

    def hop(self, owner: Composite, name: str, field_: GraphQLField, on: str | None) -> Hop | None:
        named = get_named_type(field_.type)
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            return None
        is_list = isinstance(get_nullable_type(field_.type), GraphQLList)
        connection = not is_list and "edges" in named.fields and "pageInfo" in named.fields
        if connection:
            first = bound_of(named.fields["edges"])
        elif "first" in field_.args:
            first = bound_of(field_) if is_list else None
        else:
            first = None
        return Hop(owner.name, name, on, first, connection, is_list or connection)

    def paths(self) -> Iterator[tuple[Hop, ...]]:
        """Paths of lists from the root fields, breadth-first: each extends a shorter one by a list field, or by
        an object field and a list field below it; a path over the budget is not extended (whatever is added
        below it costs more)."""
        root = self.schema.query_type
        assert root is not None
        queue: deque[tuple[Hop, ...]] = deque()
        for hop in self.hops_from(root):
            if hop.is_list:
                queue.append((hop,))
            else:
                queue.extend((hop, below) for below in self.hops_from(self.target(hop)) if below.is_list)
        seen: set[tuple[Any, ...]] = set()
        while queue:
            path = queue.popleft()
            key = self.key(path)
            if key in seen or sum(hop.levels for hop in path) > MAX_DEPTH:
                continue
            seen.add(key)
            yield path
            if self.cost(path) > self.limit:
                continue
            for below in self.hops_from(self.target(path[-1])):
                if below.is_list:
                    queue.append((*path, below))
                else:
                    queue.extend((*path, below, further) for further in self.hops_from(self.target(below))
                                 if further.is_list)

    def key(self, path: Sequence[Hop]) -> tuple[Any, ...]:
        """What makes two paths the same request but for the root's name: `force(id:)` and `node(id:)` on a
        force reach the same lists."""
        first = path[0]
        root = ("one",) if not first.is_list else (first.name,)
        return (*root, *((self.declaring(hop), hop.name) for hop in path[1:]))

    def declaring(self, hop: Hop) -> str:
        """The interface that declares the field, if any: an entity's `mentions` is the same on every entity."""
        owner = self.schema.type_map[hop.parent]
        for interface in getattr(owner, "interfaces", ()):
            if hop.name in interface.fields:
                return str(interface.name)
        return hop.parent

    def render(self, path: Sequence[Hop], copies: int = 1) -> str:
        """The request selecting `path`, each level with its text field, the root `copies` times under aliases."""
        body = self.text(self.target(path[-1]))
        for index in range(len(path) - 1, -1, -1):
            hop = path[index]
            arguments = self.arguments(hop, path[index + 1] if index + 1 < len(path) else None, index == 0)
            inner = f"edges {{ node {{ {body} }} }}" if hop.connection else body
            selected = f"{hop.name}{arguments} {{ {inner} }}"
            if hop.on is not None:
                selected = f"... on {hop.on} {{ {selected} }}"
            body = selected if index == 0 else f"{self.text(self.target(path[index - 1]))} {selected}"
        if copies == 1:
            return f"{{ {body} }}"
        return "{ " + " ".join(f"a{number}: {body}" for number in range(copies)) + " }"

    def arguments(self, hop: Hop, below: Hop | None, is_root: bool) -> str:
        given: list[str] = []
        if is_root:
            field_ = self.composite(hop.parent).fields[hop.name]
            answered = get_named_type(field_.type).name
            wanted = below.on if below is not None and below.on is not None else answered
            required = {name for name, argument in field_.args.items() if is_required_argument(argument)}
            if "id" in required:
                given.append(f'id: "{IDS.get(wanted, "cambridgeshire")}"')
            if "ids" in required:
                one = IDS.get(wanted, "cambridgeshire")
                given.append("ids: [" + ", ".join(f'"{one}"' for _ in range(hop.first or bound_of(field_) or 1)) + "]")
            if hop.name in ROOT_ARGUMENTS:
                given.append(ROOT_ARGUMENTS[hop.name])
        if hop.first is not None and "first" in self.composite(hop.parent).fields[hop.name].args:
            given.append(f"first: {hop.first}")
        return f"({', '.join(given)})" if given else ""

    def text(self, type_: Composite) -> str:
        for name in TEXT_FIELDS:
            found = type_.fields.get(name)
            if found is not None and is_leaf_type(get_named_type(found.type)) and not found.args:
                return name
        return next(name for name, found in type_.fields.items() if is_leaf_type(get_named_type(found.type)))

    def cost(self, path: Sequence[Hop], copies: int = 1) -> int:
        return self.estimate(self.render(path, copies)).total

    def estimate(self, query: str) -> Estimate:
        found = self.estimates.get(query)
        if found is None:
            found = self.estimates[query] = cost_of(self.schema, query)
        return found


def worst_queries(schema: GraphQLSchema, limit: int = DEFAULT_MAX_COST, most: int = MAX_QUERIES) -> list[Worst]:
    """The costliest requests of each path of lists (`_Builder.paths`), at most `most`, always in the same order:
    each path with every list at its maximum; if that fits the budget, its root repeated under as many aliases
    as still fit and one more; if it does not, its outermost page cut down until it fits."""
    builder = _Builder(schema, limit)
    found: dict[str, Worst] = {}

    def add(path: Sequence[Hop], copies: int = 1) -> int | None:
        query = builder.render(path, copies)
        if query in found or tokens(query) > MAX_TOKENS - 10:
            return None
        cost = builder.estimate(query)
        name = ".".join(f"{hop.on + ':' if hop.on else ''}{hop.name}{'' if hop.first is None else f'({hop.first})'}"
                       for hop in path) + (f" x{copies}" if copies > 1 else "")
        found[query] = Worst(name, query, cost.total, tuple(path_ for path_, _, _ in cost.lists))
        return cost.total

    for path in builder.paths():
        if len(found) >= most:
            break
        cost = add(path)
        if cost is None:
            continue
        if cost <= limit:
            copies = min(MAX_ALIASES, limit // max(cost, 1))
            if copies >= 2:
                add(path, copies)
            if copies < MAX_ALIASES:
                add(path, copies + 1)
            continue
        fitted = fit(builder, path, limit)
        if fitted is not None:
            add(fitted)
    return list(found.values())[:most]


def fit(builder: _Builder, path: tuple[Hop, ...], limit: int) -> tuple[Hop, ...] | None:
    """`path` with its outermost page cut to the largest that keeps it within `limit` (None if none does)."""
    for index, hop in enumerate(path):
        if hop.first is None or hop.first <= 1:
            continue
        low, high = 0, hop.first - 1
        while low < high:
            middle = (low + high + 1) // 2
            trial = (*path[:index], replace(hop, first=middle), *path[index + 1:])
            if builder.cost(trial) <= limit:
                low = middle
            else:
                high = middle - 1
        if low >= 1:
            return (*path[:index], replace(hop, first=low), *path[index + 1:])
    return None


# The attack: clients in a process of their own, so that reading large answers does not delay the cheap
# client's timing; the memory sampled from this one.


@dataclass(frozen=True, slots=True)
class Outcome:
    query: str
    """The Worst's name, or `cheap`."""
    started: float
    ended: float
    status: int | None
    """The HTTP status; None for a transport error."""
    result: str
    """answered, refused (COST_LIMIT), too-large (ANSWER_TOO_LARGE), timeout (TIMEOUT), unavailable, error."""
    size: int = 0
    returned: int | None = None
    detail: str = ""

    @property
    def seconds(self) -> float:
        return self.ended - self.started


KEEP = 1 << 16
"""Bytes of an answer's head and tail kept to classify it; the rest is read and dropped."""


def classify(status: int, head: bytes, tail: bytes, size: int) -> tuple[str, int | None, str]:
    """The result, the objects returned (extensions.cost.returned) and what was wrong, from an answer's first
    and last bytes. After `data`, an answer holds only `errors` and `extensions`, and no name inside `data`
    is either, so the last `,"errors":` or `,"extensions":` starts them."""
    if status >= 500:
        return "error", None, f"HTTP {status}: {head[:300]!r}"
    if size <= KEEP:
        rest = head
    else:
        errors_at, extensions_at = tail.rfind(b',"errors":'), tail.rfind(b',"extensions":')
        cut = errors_at if errors_at >= 0 else extensions_at
        rest = b"{" + tail[cut + 1:] if cut >= 0 else b"{}"
    try:
        body = json.loads(rest)
    except ValueError:
        return "error", None, f"HTTP {status}, not JSON: {rest[:300]!r}"
    if status != 200 or not isinstance(body, dict):
        return "error", None, f"HTTP {status}: {rest[:300]!r}"
    returned = ((body.get("extensions") or {}).get("cost") or {}).get("returned")
    errors = body.get("errors")
    if not errors:
        return "answered", returned, ""
    codes = {(error.get("extensions") or {}).get("code") for error in errors}
    for code, result in (("COST_LIMIT", "refused"), ("ANSWER_TOO_LARGE", "too-large"), ("TIMEOUT", "timeout")):
        if codes == {code}:
            return result, returned, ""
    if all(error.get("message") == "graph store unavailable" for error in errors):
        return "unavailable", returned, ""
    return "error", returned, f"GraphQL errors: {json.dumps(errors)[:300]}"


async def send(client: httpx.AsyncClient, url: str, name: str, query: str) -> Outcome:
    """POST one request (`Cache-Control: no-cache`: computed, never from the response cache) and classify it."""
    started = time.monotonic()
    head, tail, size = b"", b"", 0
    try:
        async with client.stream("POST", f"{url}/graphql", json={"query": query},
                                 headers={"Cache-Control": "no-cache"}) as response:
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if len(head) < KEEP:
                    head += chunk[: KEEP - len(head)]
                tail = (tail + chunk)[-KEEP:]
            status = response.status_code
    except httpx.HTTPError as error:
        return Outcome(name, started, time.monotonic(), None, "error", 0, None, f"{type(error).__name__}: {error}")
    result, returned, detail = classify(status, head, tail, size)
    return Outcome(name, started, time.monotonic(), status, result, size, returned, detail)


_ALIAS = re.compile(r"(?<=[{ ])a(\d+): ")


def renamed(query: str, number: int) -> str:
    """The same request under root aliases never sent before: a statement new to Neo4j and to the plan cache."""
    if _ALIAS.search(query):
        return _ALIAS.sub(lambda found: f"r{number}_{found.group(1)}: ", query)
    return f"{{ r{number}: {query[2:]}"


async def _attack(url: str, mix: Sequence[tuple[str, str]], clients: int, start_at: float, duration: float,
                  timeout: float, replan: bool) -> list[Outcome]:
    await asyncio.sleep(max(0.0, start_at - time.time()))
    stop = time.monotonic() + duration
    outcomes: list[Outcome] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    numbers = itertools.count(int(start_at) % 100_000 * 1000)

    async def client_loop(client: httpx.AsyncClient, offset: int) -> None:
        turn = offset
        while time.monotonic() < stop:
            name, query = mix[turn % len(mix)]
            turn += 1
            outcomes.append(await send(client, url, name, renamed(query, next(numbers)) if replan else query))

    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        await asyncio.gather(*(client_loop(client, index * max(1, len(mix) // clients)) for index in range(clients)))
    return outcomes


def attack_process(url: str, mix: Sequence[tuple[str, str]], clients: int, start_at: float, duration: float,
                   timeout: float, replan: bool = False) -> list[Outcome]:
    """`clients` clients sending the mix in turn (each from its own place in it) from `start_at` (wall clock)
    for `duration` seconds (with `replan`, each request under new aliases); run in a process of its own."""
    return asyncio.run(_attack(url, mix, clients, start_at, duration, timeout, replan))


def server_rss(pid: int) -> int:
    """Resident memory of a server process and its children (uvicorn's workers), in bytes."""
    process = psutil.Process(pid)
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with suppress(psutil.NoSuchProcess):
            total += member.memory_info().rss
    return total


class Sampler(threading.Thread):
    """The server's RSS every `every` seconds until stopped."""

    def __init__(self, pid: int, every: float = SAMPLE_S) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int]] = []
        self.peaks: dict[int, int] = {}
        """The most each process (the master, each worker) held."""
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                server = psutil.Process(self.pid)
                total = 0
                for member in [server, *server.children(recursive=True)]:
                    with suppress(psutil.NoSuchProcess):
                        rss = member.memory_info().rss
                        total += rss
                        self.peaks[member.pid] = max(self.peaks.get(member.pid, 0), rss)
            except psutil.NoSuchProcess:
                return
            self.samples.append((time.monotonic(), total))
            self.done.wait(self.every)

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=5)

    @property
    def peak(self) -> int:
        return max((rss for _, rss in self.samples), default=0)


def cheap_client(url: str, start_at: float, duration: float, pace: float, timeout: float) -> list[Outcome]:
    """The well-behaved client: the cheap request over and over (computed each time), `pace` seconds apart."""

    async def loop() -> list[Outcome]:
        await asyncio.sleep(max(0.0, start_at - time.time()))
        stop, outcomes = time.monotonic() + duration, []
        async with httpx.AsyncClient(timeout=timeout) as client:
            while time.monotonic() < stop:
                outcomes.append(await send(client, url, "cheap", CHEAP))
                await asyncio.sleep(pace)
        return outcomes

    return asyncio.run(loop())


def probe(url: str, candidates: Sequence[Worst], timeout: float) -> dict[str, Outcome]:
    """Each candidate sent once, in turn: what the server does with it."""

    async def each() -> dict[str, Outcome]:
        async with httpx.AsyncClient(timeout=timeout) as client:
            return {worst.name: await send(client, url, worst.name, worst.query) for worst in candidates}

    return asyncio.run(each())


def choose(worst: Sequence[Worst], limit: int, allowed: int, refused: int, extra: Sequence[Worst] = ()) -> list[Worst]:
    """The candidates worth probing: `refused` of those over the budget (the costliest first) and `allowed` of
    those within it (the costliest first, one variant a path), with `extra` ones."""
    over = sorted((item for item in worst if item.estimate > limit), key=lambda item: -item.estimate)
    within: dict[str, Worst] = {}
    for item in sorted((item for item in worst if item.estimate <= limit), key=lambda item: -item.estimate):
        within.setdefault(item.name.split(" x")[0], item)
    picked = [*over[:refused], *list(within.values())[:allowed]]
    return [*picked, *(item for item in extra if item not in picked)]


def budget_of(url: str) -> int:
    """The server's budget, as its answers state it."""
    answer = httpx.post(f"{url}/graphql", json={"query": CHEAP}, headers={"Cache-Control": "no-cache"}, timeout=30)
    return int(answer.json()["extensions"]["cost"]["limit"])


def attack(
    url: str, pid: int, *, duration: float, clients: int, schema: GraphQLSchema, most: int = MAX_QUERIES,
    allowed: int = 24, refused: int = 8, keep: int = 16, settle: float = SETTLE_S, timeout: float = 60.0,
    pace: float = 0.05, replan: bool = False, progress: Callable[[str], None] = lambda text: None,
) -> dict[str, Any]:
    """Probe the worst queries on the server at `url` (`pid`: its process), then attack it with the refused ones
    and the `keep` costliest answered (with `replan`, each under aliases never sent before), while the cheap
    client times its request; the figures."""
    sampler = Sampler(pid)
    for _ in range(5):
        httpx.post(f"{url}/graphql", json={"query": CHEAP}, timeout=timeout)
    rss_before = server_rss(pid)
    sampler.start()
    limit = budget_of(url)
    began = time.monotonic()
    worst = worst_queries(schema, limit, most)
    candidates = choose(worst, limit, allowed, refused, [item for item in worst if favourite(item, limit)])
    progress(f"{len(worst)} worst queries built in {time.monotonic() - began:.1f} s; probing {len(candidates)}")
    probed = probe(url, candidates, timeout)
    by_name = {item.name: item for item in candidates}
    # The heaviest first: those stopped at the answer's size or the deadline (the server did all the work
    # before it gave up), then by the objects answered.
    answered = sorted((outcome for outcome in probed.values() if outcome.result != "refused"),
                      key=lambda outcome: (outcome.result == "answered", -(outcome.returned or 0), outcome.query))
    mix = [by_name[outcome.query] for outcome in probed.values() if outcome.result == "refused"]
    mix += [by_name[outcome.query] for outcome in answered[:keep]]
    progress(f"attacking with {len(mix)} queries ({sum(o.result == 'refused' for o in probed.values())} refused "
             f"when probed) from {clients} clients for {duration:g} s")
    start_at = time.time() + 3.0
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        attacking = pool.submit(attack_process, url, [(item.name, item.query) for item in mix], clients, start_at,
                                duration, timeout, replan)
        cheap = cheap_client(url, start_at, duration, pace, timeout)
        outcomes = attacking.result()
    attack_ended = time.monotonic()
    progress(f"attack over; reading the memory again in {settle:g} s")
    time.sleep(settle)
    rss_after = server_rss(pid)
    sampler.stop()
    figures = figures_of(probed, by_name, outcomes, cheap, sampler, rss_before, rss_after, limit, duration, clients,
                         attack_ended)
    figures["replan"] = replan
    return figures


def favourite(item: Worst, limit: int) -> bool:
    """Probed whatever its rank: a page of organisations with 1,000 mentions each, cut to fit the budget (the
    example of the costliest request it allows)."""
    return item.estimate <= limit and item.name.startswith("organisations(") and ".mentions(1000)" in item.name


def figures_of(probed: dict[str, Outcome], by_name: dict[str, Worst], outcomes: Sequence[Outcome],
               cheap: Sequence[Outcome], sampler: Sampler, rss_before: int, rss_after: int, limit: int,
               duration: float, clients: int, attack_ended: float) -> dict[str, Any]:
    latencies = sorted(outcome.seconds * 1000 for outcome in cheap)
    every = [*probed.values(), *outcomes, *cheap]
    results = Counter(outcome.result for outcome in outcomes)
    queries: dict[str, dict[str, Any]] = defaultdict(lambda: {"sent": 0})
    for outcome in [*probed.values(), *outcomes]:
        row = queries[outcome.query]
        row["sent"] += 1
        row["estimate"] = by_name[outcome.query].estimate
        row.setdefault("results", Counter())[outcome.result] += 1
        row["max_s"] = round(max(row.get("max_s", 0.0), outcome.seconds), 2)
        row["max_mb"] = round(max(row.get("max_mb", 0.0), outcome.size / 2**20), 2)
        if outcome.returned is not None:
            row["returned"] = max(row.get("returned", 0), outcome.returned)
    during = [rss for at, rss in sampler.samples if at <= attack_ended]
    figures: dict[str, Any] = {
        "limit": limit,
        "clients": clients,
        "duration_s": duration,
        "attack_requests": len(outcomes),
        "refused": results["refused"],
        "answered": results["answered"],
        "too_large": results["too-large"],
        "timeouts": results["timeout"],
        "other_errors": sum(outcome.result in ("error", "unavailable") and outcome.status == 200
                            for outcome in outcomes),
        "http_5xx": sum(outcome.status is not None and outcome.status >= 500 for outcome in every),
        "transport_errors": sum(outcome.status is None for outcome in every),
        "cheap_requests": len(cheap),
        "cheap_errors": sum(outcome.result != "answered" for outcome in cheap),
        "cheap_p50_ms": round(_quantile(latencies, 0.50), 1),
        "cheap_p99_ms": round(_quantile(latencies, 0.99), 1),
        "cheap_max_ms": round(latencies[-1], 1) if latencies else 0.0,
        "rss_before_mb": _mb(rss_before),
        "peak_rss_mb": _mb(max(during, default=sampler.peak)),
        "rss_after_mb": _mb(rss_after),
        "rss_after_minus_before_mb": _mb(rss_after - rss_before),
        "rss_samples": len(sampler.samples),
        "rss_timeline_mb": [_mb(rss) for _, rss in sampler.samples[::4]],
        "peak_rss_by_process_mb": {str(pid): _mb(rss) for pid, rss in sorted(sampler.peaks.items())},
        "attack_mb_received": _mb(sum(outcome.size for outcome in outcomes)),
        "queries": {name: {**row, "results": dict(row["results"])} for name, row in sorted(
            queries.items(), key=lambda item: (-item[1].get("max_s", 0), item[0]))},
        "first_errors": [f"{outcome.query}: {outcome.detail}" for outcome in every if outcome.detail][:5],
    }
    figures["targets"] = {
        "peak RSS < 1 GB": figures["peak_rss_mb"] < TARGETS["peak_rss_mb"],
        "cheap p99 < 1 s": figures["cheap_p99_ms"] < TARGETS["cheap_p99_ms"],
        "no 5xx": figures["http_5xx"] == 0 and figures["transport_errors"] == 0,
        "RSS after within 100 MB of before": abs(figures["rss_after_minus_before_mb"])
        < TARGETS["rss_after_minus_before_mb"],
    }
    return figures


def _quantile(ordered: Sequence[float], share: float) -> float:
    if not ordered:
        return 0.0
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def _mb(size: int) -> float:
    return round(size / 2**20, 1)


@contextmanager
def neo4j_for(arguments: argparse.Namespace) -> Iterator[Settings]:
    """The benchmark's Neo4j (bench/common.py), or the managed instance --instance on its own ports."""
    from common import bench_neo4j, note

    from peelgraph import neo4j_server

    if arguments.instance is None:
        with bench_neo4j(arguments.uri, keep=arguments.keep_neo4j) as settings:
            yield settings
        return
    settings = Settings(NEO4J_URI=f"bolt://127.0.0.1:{arguments.bolt_port}",
                        PEELGRAPH_NEO4J_INSTANCE=arguments.instance, PEELGRAPH_NEO4J_HTTP_PORT=arguments.http_port)
    note(f"starting the managed Neo4j '{arguments.instance}' on {settings.neo4j_uri}")
    neo4j_server.start(settings)
    try:
        yield settings
    finally:
        if not arguments.keep_neo4j:
            neo4j_server.stop(settings)
            note(f"stopped the managed Neo4j '{arguments.instance}'")


def report(figures: dict[str, Any]) -> None:
    keys = ("limit", "clients", "duration_s", "attack_requests", "refused", "answered", "too_large", "timeouts",
            "other_errors", "http_5xx", "transport_errors", "cheap_requests", "cheap_errors", "cheap_p50_ms",
            "cheap_p99_ms", "cheap_max_ms", "rss_before_mb", "peak_rss_mb", "rss_after_mb",
            "rss_after_minus_before_mb")
    for key in keys:
        print(f"{key}: {figures[key]}")
    print("slowest attack requests (name: estimate, returned, max s, max MB, results):")
    for name, row in list(figures["queries"].items())[:12]:
        print(f"  {name}: {row.get('estimate')}, {row.get('returned', '-')}, {row['max_s']} s, {row['max_mb']} MB, "
              f"{row['results']}")
    for error in figures["first_errors"]:
        print(f"error: {error}")
    for target, met in figures["targets"].items():
        print(f"{'PASS' if met else 'FAIL'}: {target}")
    print("summary: " + " ".join(f"{key}={figures[key]}" for key in keys)
          + f" targets_met={sum(figures['targets'].values())}/{len(figures['targets'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of attack (default 30)")
    parser.add_argument("--quick", action="store_true", help="10 s of attack")
    parser.add_argument("--clients", type=int, default=8, help="attacking clients (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers of the server started here (default 2)")
    parser.add_argument("--replan", action="store_true",
                        help="send each attack request under root aliases never sent before (Neo4j plans each anew)")
    parser.add_argument("--queries", type=int, default=1000, help="worst queries built, at most (default 1000)")
    parser.add_argument("--url", help="attack a server already running (on loopback) instead of starting one")
    parser.add_argument("--pid", type=int, help="with --url: that server's pid, to sample its memory")
    parser.add_argument("--uri", help="use this Neo4j as it is instead of the managed instance 'bench'")
    parser.add_argument("--instance", help="a managed Neo4j instance of this name instead of 'bench'")
    parser.add_argument("--bolt-port", type=int, default=7744, help="with --instance: its Bolt port (default 7744)")
    parser.add_argument("--http-port", type=int, default=7541, help="with --instance: its HTTP port (default 7541)")
    parser.add_argument("--corpus", type=int, default=430, help="corpus reports loaded (default 430: national)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--no-load", action="store_true", help="attack the graph as it is (nothing loaded)")
    parser.add_argument("--keep-neo4j", action="store_true", help="leave the managed instance running")
    parser.add_argument("--out", type=Path, default=ARTIFACTS / "reliability-attack.json", help="where the figures go")
    arguments = parser.parse_args()
    duration = 10.0 if arguments.quick else arguments.duration
    if arguments.url is not None and arguments.pid is None:
        parser.error("--url needs --pid (the memory is the point)")
    if arguments.url is not None and urlsplit(arguments.url).hostname not in LOOPBACK_HOSTS:
        parser.error("--url must be a server on this machine (127.0.0.1, localhost or ::1)")

    from common import note

    from peelgraph.graph.connection import quiet_driver_logs
    from peelgraph.schema.api import build_schema

    quiet_driver_logs(debug=False)
    schema = build_schema()._schema
    if arguments.url is not None:
        figures = attack(arguments.url.rstrip("/"), arguments.pid, duration=duration, clients=arguments.clients,
                         schema=schema, most=arguments.queries, replan=arguments.replan, progress=note)
    else:
        from queries import load_graph, read_graph
        from servers import serve

        os.environ["PEELGRAPH_INTROSPECTION"] = "false"  # the production settings (debug is off in any case)
        with neo4j_for(arguments) as settings:
            if not arguments.no_load:
                load_graph(settings, read_graph(arguments.corpus, arguments.seed), fresh=False)
            server = serve(settings, arguments.workers)
            try:
                try:
                    url = server.wait()
                except RuntimeError as error:
                    raise SystemExit(str(error)) from None
                note(f"peelgraph serve --workers {arguments.workers} at {url} (log {server.log})")
                figures = attack(url, server.process.pid, duration=duration, clients=arguments.clients,
                                 schema=schema, most=arguments.queries, replan=arguments.replan, progress=note)
                figures["server_alive"] = server.process.poll() is None
                figures["workers"] = arguments.workers
            finally:
                server.stop()
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(figures, indent=1) + "\n")
    report(figures)


if __name__ == "__main__":
    main()
