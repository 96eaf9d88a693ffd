"""`/metrics`, read by prometheus-client's own parser after requests whose outcomes are known, from one worker and
from two: the counts are those of the requests sent."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import served

OK = 'query Ok { force(id: "cambridgeshire") { id name } }'
DEEP = """query Deep { force(id: "cambridgeshire") { reports { force { reports { force { reports { force { reports {
  force { reports { force { id } } } } } } } } } } } }"""
ALIASES = "query Aliases { " + " ".join(f"a{n}: stats {{ nodeCount }}" for n in range(31)) + " }"
TOKENS = "query Tokens { " + " ".join(["__typename"] * 2100) + " }"
COSTLY = "query Costly { organisations(first: 100) { edges { node { name mentions(first: 1000) { text } } } } }"

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(url: str) -> Samples:
    """Every sample of `/metrics`, as prometheus-client's parser reads it."""
    response = httpx.get(f"{url}/metrics", timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(response.text) for sample in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum of `name`'s samples whose labels include `labels`."""
    wanted = set(labels.items())
    return sum(found for (sample, those), found in samples.items() if sample == name and wanted <= those)


@pytest.fixture(scope="module")
def own_server(loaded_graph: Driver) -> Iterator[str]:
    """A server of its own: its counts are the requests of this module only."""
    with served() as url:
        yield url


def ask(url: str, query: str, **headers: str) -> httpx.Response:
    return httpx.post(f"{url}/graphql", json={"query": query}, headers=headers, timeout=30)


def codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json().get("errors", [])]


def test_a_known_mix_of_requests_is_counted(own_server: str) -> None:
    before = scrape(own_server)
    answers = [ask(own_server, OK) for _ in range(3)]
    trips = [answer.json()["extensions"]["roundTrips"] for answer in answers]
    assert [answer.json()["extensions"].get("cached", False) for answer in answers] == [False, False, True]
    assert "errors" not in answers[0].json()
    assert codes(ask(own_server, DEEP)) == ["DEPTH_LIMIT"]
    assert codes(ask(own_server, ALIASES)) == ["ALIAS_LIMIT"]
    assert codes(ask(own_server, TOKENS)) == ["TOKEN_LIMIT"]
    assert codes(ask(own_server, COSTLY, **{"Cache-Control": "no-cache"})) == ["COST_LIMIT"]
    too_big = httpx.post(f"{own_server}/graphql", content=b" " * 200_000,
                         headers={"Content-Type": "application/json"}, timeout=30)
    assert too_big.status_code == 413
    got = httpx.get(f"{own_server}/graphql", params={"query": "query Got { stats { nodeCount } }",
                                                     "operationName": "Got"}, timeout=30)
    assert got.status_code == 200 and "errors" not in got.json()
    trips.append(got.json()["extensions"]["roundTrips"])
    unchanged = httpx.get(f"{own_server}/graphql", params={"query": "query Got { stats { nodeCount } }",
                                                           "operationName": "Got"},
                          headers={"If-None-Match": got.headers["etag"]}, timeout=30)
    assert unchanged.status_code == 304
    after = scrape(own_server)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    requests = "peelgraph_graphql_requests_total"
    assert grew(requests, operation="Ok", outcome="ok") == 3
    assert grew(requests, operation="Got", outcome="ok") == 1
    assert grew(requests, operation="Got", outcome="not_modified") == 1
    for name in ("Deep", "Aliases", "Tokens", "Costly"):
        assert grew(requests, operation=name, outcome="refused") == 1, name
    assert grew(requests, operation="anonymous", outcome="refused") == 1  # the body too large: never read
    assert total(after, requests) - total(before, requests) == 10
    for limit in ("depth", "aliases", "tokens", "cost", "body"):
        assert grew("peelgraph_refusals_total", limit=limit) == 1, limit
    assert grew("peelgraph_response_cache_lookups_total", result="hit") == 1
    # the second time is looked up (and computed again), the third answered from the cache
    assert grew("peelgraph_response_cache_lookups_total", result="miss") == 1
    assert grew("peelgraph_graphql_request_duration_seconds_count", operation="Ok") == 3
    assert grew("peelgraph_graphql_request_duration_seconds_bucket", operation="Ok", le="+Inf") == 3
    assert grew("peelgraph_graphql_request_duration_seconds_sum", operation="Ok") > 0
    # every round trip the answers report is a statement counted: Ok computed twice by its (generated) statement,
    # the graph's version read before the second and the third; Got's statement; and one more, the version read
    # after the second's answer was made (to know it may be kept), which its `roundTrips` could not include
    statements = "peelgraph_cypher_statement_duration_seconds_count"
    assert sum(trips) == 5
    # and the 304's version read (it runs no query)
    assert total(after, statements) - total(before, statements) == sum(trips) + 2
    assert grew(statements, statement="generated", outcome="ok") == 2
    assert grew(statements, statement="read/ping", outcome="ok") == 4
    assert grew(statements, statement="read/stats", outcome="ok") == 1
    assert value(after, "peelgraph_neo4j_up") == 1


def test_operation_names_are_bounded(loaded_graph: Driver) -> None:
    with served({"PEELGRAPH_METRICS_MAX_OPERATIONS": "3"}) as url:
        for name in ("A", "B", "C", "D", "E", "A"):
            ask(url, f"query {name} {{ stats {{ nodeCount }} }}")
        httpx.post(f"{url}/graphql", json={"query": "{ stats { nodeCount } }", "operationName": "not a name!"},
                   timeout=30)
        samples = scrape(url)
    operations = {dict(labels)["operation"] for (name, labels) in samples if name == "peelgraph_graphql_requests_total"}
    assert operations == {"A", "B", "C", "other", "invalid"}
    assert value(samples, "peelgraph_graphql_requests_total", operation="A", outcome="ok") == 2
    assert value(samples, "peelgraph_graphql_requests_total", operation="other", outcome="ok") == 2


def per_worker(folder: Path) -> dict[str, float]:
    """The requests each worker counted, read from its own file in the multiprocess folder."""
    counted = {}
    for path in folder.glob("counter_*.db"):
        families = MultiProcessCollector.merge([str(path)])
        counted[path.stem] = sum(sample.value for family in families if family.name == "peelgraph_graphql_requests"
                                 for sample in family.samples if sample.name.endswith("_total"))
    return counted


def test_two_workers_are_counted_together(loaded_graph: Driver, tmp_path: Path) -> None:
    folder = tmp_path / "metrics"
    sent = 0
    with served({"PROMETHEUS_MULTIPROC_DIR": str(folder)}, workers=2) as url:
        # New connections, several at once, until each worker has answered some (the kernel hands each
        # connection to one of them).
        with ThreadPoolExecutor(max_workers=8) as pool:
            while sent < 800 and (len(answered := per_worker(folder)) < 2 or min(answered.values()) == 0):
                batch = list(pool.map(lambda _: ask(url, OK, **{"Cache-Control": "no-cache"}), range(40)))
                assert all(answer.status_code == 200 for answer in batch)
                sent += len(batch)
        answered = per_worker(folder)
        assert len(answered) == 2 and min(answered.values()) > 0, answered
        # Whichever worker answers the scrape, it counts every worker's requests.
        for _ in range(6):
            scraped = scrape(url)
            assert value(scraped, "peelgraph_graphql_requests_total", operation="Ok", outcome="ok") == sent
            assert value(scraped, "peelgraph_graphql_request_duration_seconds_count", operation="Ok") == sent
            assert value(scraped, "peelgraph_neo4j_up") == 1
        assert sum(answered.values()) == sent


def test_serve_removes_the_metrics_folder_it_made(loaded_graph: Driver) -> None:
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ
    temporary = Path(tempfile.gettempdir())
    before = set(temporary.glob("peelgraph-metrics-*"))
    with served(workers=2) as url:
        made = set(temporary.glob("peelgraph-metrics-*")) - before
        assert ask(url, OK).status_code == 200
        assert len(made) == 1 and any(next(iter(made)).glob("*.db"))
    assert not any(folder.exists() for folder in made)


def test_metrics_can_be_switched_off(loaded_graph: Driver) -> None:
    with served({"PEELGRAPH_METRICS": "false"}) as url:
        assert httpx.get(f"{url}/metrics", timeout=10).status_code in {404, 405}


def test_without_serve_the_metrics_are_the_process_own() -> None:
    """An app made in-process (no multiprocess folder) shows its own values."""
    script = ("import httpx, asyncio\n"
              "from peelgraph.server import create_app\n"
              "from peelgraph.settings import Settings\n"
              "async def main():\n"
              "    app = create_app(Settings())\n"
              "    async with app.router.lifespan_context(app):\n"
              "        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url='http://t')\n"
              "        await client.post('/graphql', json={'query': 'query Q { __typename }'})\n"
              "        print((await client.get('/metrics')).text)\n"
              "asyncio.run(main())\n")
    environment = {key: value for key, value in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
    shown = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True,
                           timeout=120, check=True).stdout
    samples = {(sample.name, frozenset(sample.labels.items())): sample.value
               for family in text_string_to_metric_families(shown) for sample in family.samples}
    assert value(samples, "peelgraph_graphql_requests_total", operation="Q", outcome="ok") == 1
