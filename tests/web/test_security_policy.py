"""The Explorer and the playground work under the app's Content-Security-Policy (server.py), in a real browser
that enforces it: nothing they need is refused by it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.test_playground import FIRST_EXAMPLE

pytestmark = pytest.mark.browser


@pytest.fixture
def enforcing(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page with the policy enforced, and what it refused or threw."""
    context = browser.new_context(viewport={"width": 1440, "height": 960})
    context.set_default_timeout(20_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page, problems
    context.close()


def test_the_explorer_draws_a_network_under_the_policy(enforcing: tuple[Page, list[str]], explorer: str) -> None:
    page, problems = enforcing
    response = page.goto(f"{explorer}/#/force/cambridgeshire")
    assert response is not None and "frame-ancestors 'none'" in response.headers["content-security-policy"]
    expect(page.locator("body")).to_have_attribute("data-state", "ready", timeout=60_000)
    expect(page.locator('#node-list .node-select[data-id="ersou"]')).to_contain_text("ERSOU")
    expect(page.locator("#graph canvas").first).to_be_visible()
    assert not problems


def test_the_playground_runs_a_query_under_the_policy(enforcing: tuple[Page, list[str]], explorer: str) -> None:
    page, problems = enforcing
    page.goto(f"{explorer}/graphql")
    expect(page.locator(".graphiql-query-editor")).to_contain_text(f"query {FIRST_EXAMPLE}")
    run = page.locator('.graphiql-execute-button[aria-haspopup="menu"]')
    run.click()
    page.get_by_role("menuitem", name=FIRST_EXAMPLE).click()
    expect(page.locator(".graphiql-response")).to_contain_text('"force": {', timeout=60_000)
    assert not problems
