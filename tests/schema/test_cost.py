"""What one request may cost: every query the project sends fits the budget; the worst queries the schema allows
are refused before any Cypher runs or answered within it; the refusal says what to page; the budget, the
answer's size and the whole request's time are settings."""

from __future__ import annotations

import asyncio
import importlib.util
import re
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import zip_longest
from typing import Any

import httpx
import pytest
from graphql import GraphQLSchema
from neo4j import Driver

from bench.attack import Worst, cost_of, worst_queries
from peelgraph.schema.api import build_schema
from peelgraph.schema.budget import DEFAULT_MAX_COST
from peelgraph.schema.execution import HeavyRequests
from tests.checkout import PROJECT_ROOT
from tests.conftest import ARTIFACTS, served
from tests.schema.conftest import Api, assert_clean
from tests.web.test_queries import documents

EXAMPLES = PROJECT_ROOT / "docs" / "examples.graphql"
WEB_VARIABLES: dict[str, dict[str, Any]] = {
    "FORCE_NETWORK": {"id": "cambridgeshire"},
    "ORGANISATION_NETWORK": {"id": "ersou"},
    "SCHEME_NETWORK": {"id": "iom"},
    "MENTIONS": {"id": "ersou"},
    "SUGGEST": {"text": "crime"},
    "COMPARE": {"pillar": "effectiveness", "rocu": "ersou", "year": 2016},
    "TEXT_SEARCH": {"text": "digital evidence", "first": 5},
    "PASSAGE": {"id": "cambridgeshire-effectiveness-2015/p25/88ba1b62c89d9cd7"},
}
"""What the Explorer passes with its documents (web/src/queries.js)."""
ALL_FORCES_EVIDENCE = """
{ forces(first: 43) { edges { node { name
    reports { year judgments { grade question { number } evidence { page } } } } } } }
"""
"""The costliest query anyone is likely to mean: every force's reports, judgments and their evidence."""
WORST_QUERIES = 300
"""Worst queries sent to the server: the first found, breadth-first."""
WORST_TIME_S = 45.0
"""The most time they may take in all: a few hundred requests of a few tens of milliseconds each take seconds."""
WORST_CLIENTS = 4
PAGE_MORE = "{ organisations(first: %d) { edges { node { name mentions(first: 1000) { text } } } } }"


@cache
def graphql_schema() -> GraphQLSchema:
    return build_schema()._schema


def bench_queries() -> dict[str, str]:
    """bench/queries.py's QUERIES by name (a script that imports its neighbours as top-level modules)."""
    sys.path.insert(0, str(PROJECT_ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("bench_queries", PROJECT_ROOT / "bench" / "queries.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(PROJECT_ROOT / "bench"))
    return {query.name: query.graphql for query in module.QUERIES}


def project_queries() -> Iterator[Any]:
    examples = EXAMPLES.read_text(encoding="utf-8")
    for name in re.findall(r"^query (\w+)", examples, re.MULTILINE):
        yield pytest.param(examples, None, name, id=f"examples:{name}")
    for name, document in sorted(documents().items()):
        yield pytest.param(document, WEB_VARIABLES.get(name), None, id=f"web:{name}")
    for name, query in bench_queries().items():
        yield pytest.param(query, None, None, id=f"bench:{name}")
    yield pytest.param(ALL_FORCES_EVIDENCE, None, None, id="all-forces-evidence")


@pytest.mark.parametrize(("query", "variables", "operation"), list(project_queries()))
def test_every_query_of_the_project_fits_the_budget(query: str, variables: dict[str, Any] | None,
                                                    operation: str | None) -> None:
    found = cost_of(graphql_schema(), query, variables, operation)
    print(f"estimate {found.total}, widest list {found.widest or '-'}")
    assert 0 < found.total <= DEFAULT_MAX_COST, found


@dataclass(frozen=True)
class Sent:
    worst: Worst
    answer: dict[str, Any] | None
    """None: no answer within the client's 30 s."""
    seconds: float


@pytest.fixture(scope="module")
def sent(api: Api) -> tuple[list[Sent], list[Worst]]:
    """The worst queries sent to the test server, a few at a time, those over the budget and those within it in
    turn, until `WORST_TIME_S` have passed: those sent and those left."""
    worst = worst_queries(graphql_schema(), DEFAULT_MAX_COST, WORST_QUERIES)
    over = [item for item in worst if item.estimate > DEFAULT_MAX_COST]
    within = [item for item in worst if item.estimate <= DEFAULT_MAX_COST]
    ordered = [item for pair in zip_longest(over, within) for item in pair if item is not None]
    began = time.monotonic()

    def send(item: Worst) -> Sent | None:
        if time.monotonic() - began > WORST_TIME_S:
            return None
        started = time.monotonic()
        try:
            answer: dict[str, Any] | None = api.post(item.query, fresh=True)
        except httpx.TimeoutException:
            answer = None
        return Sent(item, answer, time.monotonic() - started)

    with ThreadPoolExecutor(max_workers=WORST_CLIENTS) as pool:
        results = list(pool.map(send, ordered))
    return ([each for each in results if each is not None],
            [item for item, each in zip(ordered, results, strict=True) if each is None])


def refusals(sent: list[Sent]) -> list[Sent]:
    """Those refused for their cost."""
    return [each for each in sent if each.answer is not None
            and any((error.get("extensions") or {}).get("code") == "COST_LIMIT"
                    for error in each.answer.get("errors") or ())]


def test_the_worst_queries_are_refused_up_front_or_answered_within_the_budget(
    sent: tuple[list[Sent], list[Worst]],
) -> None:
    done, _ = sent
    problems = []
    for each in done:
        answer, item = each.answer, each.worst
        if answer is None:
            problems.append(f"{item.name}: no answer in 30 s")
            continue
        extensions, errors = answer.get("extensions") or {}, answer.get("errors")
        if errors and (errors[0].get("extensions") or {}).get("code") == "TIMEOUT":
            # stopped by the whole-request deadline (a statement Neo4j plans for the first time can take
            # seconds): bounded and clean, one error and no data
            good = len(errors) == 1 and answer.get("data") is None
        elif errors:
            why = errors[0].get("extensions") or {}
            good = (len(errors) == 1 and why.get("code") == "COST_LIMIT" and answer.get("data") is None
                    and extensions.get("roundTrips") == 0 and why.get("cost") == item.estimate > DEFAULT_MAX_COST
                    and why.get("limit") == DEFAULT_MAX_COST)
        else:
            cost = extensions.get("cost") or {}
            good = (cost.get("estimate") == item.estimate <= DEFAULT_MAX_COST == cost.get("limit")
                    and 0 <= cost.get("returned", -1) <= item.estimate)
        if not good:
            problems.append(f"{item.name} (estimate {item.estimate}, {each.seconds:.1f} s): {str(answer)[:300]}")
    refused = len(refusals(done))
    print(f"{len(done)} worst queries sent: {refused} refused, {len(done) - refused} answered")
    assert not problems, f"{len(problems)} of {len(done)} neither refused nor answered, e.g. {problems[:3]}"
    assert refused >= 10 and len(done) - refused >= 10


def test_each_refusal_names_the_list_to_page(sent: tuple[list[Sent], list[Worst]]) -> None:
    unnamed = []
    for each in refusals(sent[0]):
        assert each.answer is not None
        error = each.answer["errors"][0]
        field = (error.get("extensions") or {}).get("field")
        if field not in each.worst.lists or f"`{field}`" not in error["message"]:
            unnamed.append(f"{each.worst.name}: {error['message']}")
    assert not unnamed, f"{len(unnamed)} refusals name no list of the request, e.g. {unnamed[:3]}"


def test_a_refusal_says_its_cost_the_limit_and_which_list_to_page(api: Api) -> None:
    answer = api.post(PAGE_MORE % 100, fresh=True)
    assert answer["data"] is None and answer["extensions"]["roundTrips"] == 0
    (error,) = answer["errors"]
    # 100 organisations times (an edge, a node, 1,000 passages times (1 + a text weighing 3)), and the connection
    assert error["extensions"] == {"code": "COST_LIMIT", "cost": 400_201, "limit": DEFAULT_MAX_COST,
                                   "field": "organisations.edges.node.mentions"}
    assert "up to 400201 objects" in error["message"]
    assert "the limit of 100000" in error["message"]
    assert "`organisations.edges.node.mentions`" in error["message"]

    fitting = api.post(PAGE_MORE % 24, fresh=True)
    assert "errors" not in fitting, fitting["errors"]
    assert fitting["extensions"]["cost"]["estimate"] == 96_049
    assert fitting["extensions"]["cost"]["limit"] == DEFAULT_MAX_COST


def test_a_refusal_of_copies_under_aliases_names_a_list_to_page(api: Api) -> None:
    copy = "organisations(first: 100) { edges { node { name mentions(first: 40) { text } } } }"
    answer = api.post("{ " + " ".join(f"a{number}: {copy}" for number in range(24)) + " }", fresh=True)
    (error,) = answer["errors"]
    assert error["extensions"]["code"] == "COST_LIMIT" and error["extensions"]["cost"] == 24 * 16_201
    # each copy holds a 24th of the objects: the refusal names one copy's list all the same
    assert re.fullmatch(r"a\d+\.edges\.node\.mentions|a\d+\.edges", error["extensions"]["field"]), error
    assert f"`{error['extensions']['field']}`" in error["message"]


def test_the_estimate_counts_variables_and_aliases(api: Api) -> None:
    query = "query ($n: Int!) { a: forces(first: $n) { edges { node { name } } } b: forces { totalCount } }"
    assert api.post(query, {"n": 5}, fresh=True)["extensions"]["cost"]["estimate"] == (1 + 5 + 5) + 1
    assert cost_of(graphql_schema(), query, {"n": 5}).total == 12


def post(url: str, query: str) -> httpx.Response:
    response = httpx.post(f"{url}/graphql", json={"query": query}, headers={"Cache-Control": "no-cache"},
                          timeout=30)
    assert_clean(response.text)
    return response


def test_the_budget_is_a_setting(loaded_graph: Driver) -> None:
    over, under = (f"{{ forces(first: {first}) {{ edges {{ node {{ name }} }} }} }}" for first in (30, 20))
    with served({"PEELGRAPH_MAX_COST": "50"}) as url:
        refused = post(url, over).json()
        answered = post(url, under).json()
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"] == {"code": "COST_LIMIT", "cost": 61, "limit": 50,
                                                  "field": "forces.edges"}
    assert "errors" not in answered, answered["errors"]
    assert len(answered["data"]["forces"]["edges"]) == 20
    assert answered["extensions"]["cost"]["estimate"] == 41 and answered["extensions"]["cost"]["limit"] == 50


def test_an_answer_over_the_size_cap_is_one_clean_error(loaded_graph: Driver) -> None:
    with served({"PEELGRAPH_MAX_ANSWER_MB": "0.001"}) as url:
        big = post(url, "{ forces(first: 100) { edges { node { id name country onsCode } } } }")
        small = post(url, '{ force(id: "kent") { name } }')
    assert big.status_code == 200
    body = big.json()
    assert body["data"] is None
    assert [error["extensions"]["code"] for error in body["errors"]] == ["ANSWER_TOO_LARGE"]
    assert small.status_code == 200 and small.json()["data"] == {"force": {"name": "Kent Police"}}


def test_a_request_over_the_deadline_is_one_clean_error(loaded_graph: Driver) -> None:
    with served({"PEELGRAPH_QUERY_TIMEOUT": "0.001"}) as url:
        answers = [post(url, '{ force(id: "kent") { name reports { judgments { grade } } } }') for _ in range(3)]
        healthy = httpx.get(f"{url}/health", timeout=10).status_code
        log = (ARTIFACTS / f"serve-{url.rsplit(':', 1)[1]}.log").read_text(errors="replace")
    assert [answer.status_code for answer in answers] == [200] * 3
    timed_out = [answer.json() for answer in answers if "errors" in answer.json()]
    assert timed_out, "no request reached the deadline of 1 ms"
    for body in timed_out:
        assert body["data"] is None
        assert [error["extensions"]["code"] for error in body["errors"]] == ["TIMEOUT"]
        assert "longer than the 0.001 s allowed" in body["errors"][0]["message"]
    assert healthy == 200
    assert "Traceback" not in log


async def test_heavy_requests_share_the_budget_first_come_first_served() -> None:
    turns = HeavyRequests()
    started: list[str] = []
    release = {name: asyncio.Event() for name in ("big", "bigger", "small")}

    async def request(name: str, weight: int) -> None:
        async with turns.held(weight, 100):
            started.append(name)
            await release[name].wait()

    big = asyncio.create_task(request("big", 60))
    await asyncio.sleep(0)
    bigger = asyncio.create_task(request("bigger", 70))
    await asyncio.sleep(0)
    small = asyncio.create_task(request("small", 30))  # it would fit beside "big", but "bigger" came first
    await asyncio.sleep(0.01)
    assert started == ["big"]
    release["big"].set()
    await asyncio.sleep(0.01)
    assert started == ["big", "bigger", "small"]  # 70 + 30 fit together
    release["bigger"].set()
    release["small"].set()
    await asyncio.gather(big, bigger, small)


async def test_a_heavy_request_cancelled_while_waiting_gives_its_turn_away() -> None:
    turns = HeavyRequests()
    hold = asyncio.Event()

    async def request(weight: int) -> None:
        async with turns.held(weight, 100):
            await hold.wait()

    first = asyncio.create_task(request(100))
    await asyncio.sleep(0)
    waiting = asyncio.create_task(request(100))
    await asyncio.sleep(0.01)
    waiting.cancel()
    hold.set()
    await first
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await asyncio.wait_for(request(100), 1)  # nothing is left held
