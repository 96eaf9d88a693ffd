"""Neo4j Browser, served by the managed Neo4j, connected as a researcher would: APOC's read-only procedures
answer there; one that writes is not even loaded, and the graph stays as it was."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Locator, Page, expect

from peelgraph.settings import Settings
from tests.graphstate import counts, snapshot

TIMEOUT_MS = 90_000
"""Generous: the machine is shared, and Browser's first load compiles a lot of script."""


@pytest.fixture
def connected(browser: Browser, neo4j: Settings) -> Iterator[Page]:
    """Neo4j Browser, its connect form filled in with the instance's Bolt address and credentials."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"http://127.0.0.1:{neo4j.neo4j_http_port}/browser/")
    page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
    page.get_by_test_id("boltaddress").fill(f"{neo4j.bolt_host}:{neo4j.bolt_port}")
    page.get_by_test_id("username").fill(neo4j.neo4j_user)
    page.get_by_test_id("password").fill(neo4j.neo4j_secret)
    page.get_by_test_id("connect").click()
    expect(page.get_by_text("You are connected as user")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("disconnectedBanner")).to_have_count(0)
    yield page
    context.close()


def run(page: Page, query: str) -> Locator:
    """Types the query into Browser's editor, runs it, and returns its result frame."""
    page.get_by_test_id("activeEditor").click()
    page.keyboard.type(query)
    page.get_by_test_id("editor-Run").click()
    return page.get_by_test_id("frame").filter(has_text=query[:40]).first


def test_apoc_path_expansion_answers_in_neo4j_browser(connected: Page, loaded_graph: Driver) -> None:
    expected = loaded_graph.execute_query(
        "MATCH (f:Force {id: 'cambridgeshire'}) CALL apoc.path.subgraphAll(f, {maxLevel: 1}) YIELD nodes "
        "RETURN size(nodes) AS n"
    ).records[0]["n"]
    frame = run(connected, "MATCH (f:Force {id: 'cambridgeshire'}) CALL apoc.path.subgraphAll(f, {maxLevel: 1}) "
                           "YIELD nodes RETURN size(nodes) AS reached, apoc.text.join(['via', 'apoc'], '-') AS how")
    expect(frame).to_contain_text('"via-apoc"', timeout=TIMEOUT_MS)
    expect(frame).to_contain_text(str(expected))
    assert expected > 10


def test_a_write_through_apoc_is_not_loaded_for_neo4j_browser_either(connected: Page, loaded_graph: Driver) -> None:
    before = (counts(loaded_graph), snapshot(loaded_graph))
    frame = run(connected, "CALL apoc.create.node(['Spy'], {name: 'browser'}) YIELD node RETURN node")
    expect(frame).to_contain_text("Neo.ClientError.Procedure.ProcedureNotFound", timeout=TIMEOUT_MS)
    expect(frame).to_contain_text("apoc.create.node")
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before
