"""The GraphQL playground in a real browser, on a network that refuses every host but the app's own."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from peelgraph.server import EXAMPLES
from tests.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

FIRST_EXAMPLE = re.findall(r"^query (\w+)", EXAMPLES.read_text(encoding="utf-8"), re.MULTILINE)[0]


def editor_text(page: Page, pane: str) -> str:
    """The whole text of one of GraphiQL's editors (CodeMirror draws only the lines in view)."""
    return str(page.evaluate(f"document.querySelector('{pane} .CodeMirror').CodeMirror.getValue()"))


def test_the_playground_runs_the_first_example_without_the_internet(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/graphql")
    expect(page.locator(".graphiql-query-editor")).to_contain_text(f"query {FIRST_EXAMPLE}")
    assert editor_text(page, ".graphiql-query-editor") == EXAMPLES.read_text(encoding="utf-8")
    expect(page.get_by_role("button", name=re.compile("Variables"))).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Headers"))).to_be_visible()

    # With several operations the run button opens a menu of them, once the editor has read the document.
    run = page.locator('.graphiql-execute-button[aria-haspopup="menu"]')
    expect(run).to_be_visible()
    run.click()
    page.get_by_role("menuitem", name=FIRST_EXAMPLE).click()
    expect(page.locator(".graphiql-response")).to_contain_text('"data"', timeout=60_000)
    answer = json.loads(editor_text(page, ".graphiql-response"))
    assert "errors" not in answer
    assert answer["data"]["force"]["name"] == "Cambridgeshire Constabulary"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "playground.png")


def test_the_playground_and_the_explorer_link_to_each_other(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/graphql")
    page.get_by_role("link", name="Open the Explorer").click()
    page.wait_for_function("document.body?.dataset.state === 'ready'", timeout=60_000)
    page.get_by_role("link", name="GraphQL playground").click()
    expect(page.locator(".graphiql-query-editor")).to_contain_text(f"query {FIRST_EXAMPLE}")
