"""The Explorer in a real browser: a force's network, its evidence, and the grade matrix."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

READY = "document.body?.dataset.state === 'ready'"


def wait_ready(page: Page, hash_prefix: str) -> None:
    # A page's first request can wait for Neo4j to plan its statement for the first time (1 to 5 s for the
    # force network, more on a busy machine: docs/compiler.md); later ones are planned already.
    page.wait_for_function(f"location.hash.startsWith({hash_prefix!r}) && {READY}", timeout=60_000)


def choose(page: Page, text: str, option: str) -> None:
    """Type into the search box and pick the suggestion, as a user does."""
    search = page.get_by_role("combobox", name="Find a force, organisation or scheme")
    search.fill(text)
    page.get_by_role("option", name=re.compile(option)).first.click()


def node_centre(page: Page, node_id: str) -> dict[str, float]:
    """Where cytoscape drew a node, in page coordinates (the canvas has no DOM per node)."""
    box = page.locator("#graph").bounding_box()
    assert box is not None
    position: dict[str, Any] = page.evaluate(
        "id => window.peelgraphExplorer.cy.$id(id).renderedPosition()", node_id
    )
    return {"x": box["x"] + position["x"], "y": box["y"] + position["y"]}


def test_cambridgeshire_network_evidence_and_comparison(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/")
    wait_ready(page, "#/force/cambridgeshire")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cambridgeshire Constabulary")

    choose(page, "Durham", "Durham Constabulary")
    wait_ready(page, "#/force/durham")
    expect(page.get_by_role("heading", level=1)).to_have_text("Durham Constabulary")
    assert page.evaluate("window.peelgraphExplorer.cy.$id('ersou').empty()")

    choose(page, "Cambridge", "Cambridgeshire Constabulary")
    wait_ready(page, "#/force/cambridgeshire")
    page.wait_for_function("window.peelgraphExplorer.cy.$id('ersou').nonempty()")
    expect(page.locator('#node-list .node-select[data-id="ersou"]')).to_contain_text("ERSOU")

    centre = node_centre(page, "ersou")
    page.mouse.click(centre["x"], centre["y"])
    page.wait_for_function("window.peelgraphExplorer.state.selectedId === 'ersou'")
    evidence = page.locator("#evidence")
    expect(evidence.get_by_role("heading", level=2)).to_have_text("Eastern Region Special Operations Unit")
    passage = evidence.locator(".passage").filter(has_text="a regional unit made up of officers from all forces")
    expect(passage).to_contain_text("Page 20")
    expect(evidence).to_contain_text("PEEL: Police effectiveness 2015 \u2013 Cambridgeshire Constabulary")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "explorer.png")

    evidence.get_by_role("link", name="Compare ERSOU's forces").click()
    wait_ready(page, "#/compare/ersou")
    row = page.locator('#matrix tr[data-force="cambridgeshire"]')
    expect(row.locator("td.cell").first).to_contain_text("Good")
    expect(page.locator("#matrix tbody tr")).to_have_count(7)

    page.get_by_label("Year").select_option("2015")
    wait_ready(page, "#/compare/ersou?year=2015")
    cells = row.locator("td.cell")
    expect(cells).to_have_text(
        [re.compile(r"RI\s+Requires improvement"), re.compile(r"G\s+Good"), re.compile("Requires improvement"),
         re.compile("Requires improvement"), re.compile("Good")]
    )
    cells.nth(2).get_by_role("button").click()
    expect(page.locator("#compare-evidence .passage").first).to_contain_text(re.compile(r"Page \d+"))
    page.screenshot(path=ARTIFACTS / "explorer-compare.png", full_page=True)


def test_every_node_is_reachable_from_the_keyboard(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    drawn = page.evaluate("window.peelgraphExplorer.cy.nodes().length")
    expect(page.locator("#node-list .node-select")).to_have_count(drawn)

    page.locator("#node-list .node-select").first.focus()
    for _ in range(drawn):
        if page.evaluate("document.activeElement.dataset.id") == "ersou":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#evidence h2")).to_have_text("Eastern Region Special Operations Unit")
    expect(page.locator("#evidence .passage").first).to_contain_text(re.compile(r"Page \d+"))

    judgment = page.locator('#node-list .node-select[data-id="cambridgeshire-effectiveness-2015/q2"]')
    judgment.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#evidence")).to_contain_text("Requires improvement")
    expect(page.locator("#evidence .passage").first).to_contain_text("Page 24")

    page.locator('#node-list .node-select[data-id="hertfordshire"]').focus()
    page.keyboard.press("e")
    page.wait_for_function("window.peelgraphExplorer.cy.$id('hertfordshire-effectiveness-2016').nonempty()")
    page.wait_for_function("document.activeElement.dataset.id === 'hertfordshire'")


def test_double_click_expands_a_node(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    assert page.evaluate("window.peelgraphExplorer.cy.$id('bedfordshire-effectiveness-2016').empty()")
    centre = node_centre(page, "bedfordshire")
    page.mouse.dblclick(centre["x"], centre["y"])
    page.wait_for_function("window.peelgraphExplorer.cy.$id('bedfordshire-effectiveness-2016').nonempty()")
    expect(page.locator('#node-list .node-select[data-id="bedfordshire-effectiveness-2016"]')).to_be_attached()
    # Edges are evidence too: the relationship between the two forces has its passages.
    page.evaluate("window.peelgraphExplorer.select('cambridgeshire~works-with~bedfordshire')")
    expect(page.locator("#evidence .passage").first).to_contain_text(re.compile(r"Page \d+"))


def test_evidence_shows_each_passages_role(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    # Named only in a general explainer: in the graph, but not drawn as a partner.
    assert page.evaluate("window.peelgraphExplorer.cy.$id('hmrc').empty()")
    page.evaluate("window.peelgraphExplorer.select('home-office')")
    evidence = page.locator("#evidence")
    expect(evidence.get_by_role("heading", level=2)).to_have_text("Home Office")
    source = evidence.locator(".passage").filter(has_text="Source: Home Office data").first
    expect(source).to_contain_text("Chart or table")
    citation = evidence.locator(".passage").filter(has_text="The Strategic Policing Requirement, Home Office")
    expect(citation).to_contain_text("Citation")
    page.screenshot(path=ARTIFACTS / "explorer-roles.png")
    # The relationship rests only on what the report says of the force.
    page.evaluate("window.peelgraphExplorer.select('cambridgeshire~works-with~home-office')")
    expect(evidence.locator(".passage")).to_have_count(1)
    expect(evidence.locator(".passage")).to_contain_text("About the force")


UNAVAILABLE = {
    "http-503": {"status": 503, "content_type": "text/plain", "body": "Service Unavailable"},
    "graph-store-down": {
        "status": 200,
        "content_type": "application/json",
        "body": '{"data": null, "errors": [{"message": "graph store unavailable",'
        ' "extensions": {"code": "GRAPH_UNAVAILABLE"}}]}',
    },
}


@pytest.mark.parametrize("failure", [*UNAVAILABLE, "network-down"])
def test_unavailable_api_is_said_plainly(page: Page, explorer: str, failure: str) -> None:
    if failure == "network-down":
        page.route("**/graphql", lambda route: route.abort("connectionrefused"))
    else:
        page.route("**/graphql", lambda route: route.fulfill(**UNAVAILABLE[failure]))
    page.goto(f"{explorer}/")
    page.wait_for_function("document.body?.dataset.state === 'error'")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("The API is unavailable")
    expected = "graph store is unavailable" if failure == "graph-store-down" else "peelgraph API is unavailable"
    expect(alert).to_contain_text(expected)
    expect(alert.get_by_role("button", name="Try again")).to_be_visible()

    page.unroute("**/graphql")
    alert.get_by_role("button", name="Try again").click()
    wait_ready(page, "#/force/cambridgeshire")
    expect(page.locator("#alert")).to_be_empty()
