"""Browser fixtures: Debian's Chromium, driven by Playwright, against the app over real HTTP."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from neo4j import Driver
from playwright.sync_api import Browser, Page, Route, sync_playwright

from peelgraph.settings import PROJECT_ROOT

CHROMIUM = Path(os.environ.get("PEELGRAPH_CHROMIUM", "/usr/bin/chromium"))
"""Debian's chromium package: Playwright's own browser download does not work on our machines."""

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # Without these, Chromium keeps calling Google's services, which a closed network refuses.
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]

WEB_DIST = PROJECT_ROOT / "web" / "dist"


@pytest.fixture(scope="session")
def explorer(live_server: str, loaded_graph: Driver) -> str:
    """The app's address, serving the Explorer's build and the bundled data."""
    if not (WEB_DIST / "index.html").is_file():
        pytest.fail("web/dist is missing: run `make setup` (or `cd web && npm ci && npm run build`)")
    return live_server


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium; Playwright starts it with a fresh, temporary profile (user data dir).

    Module-scoped: Playwright's sync API keeps an event loop running while it is open, which the
    async tests that follow (pytest-asyncio's session loop) could not run beside.
    """
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A new page in its own context; fails the test on any uncaught script error, and on any request to
    a host other than the app's own (each is refused, as a network without internet access would)."""
    # The tests wait on script conditions, which Playwright evaluates with `eval`: the app's Content-Security-Policy
    # forbids that, so it is bypassed here, and tests/web/test_security_policy.py uses the pages with it on.
    context = browser.new_context(viewport={"width": 1440, "height": 960}, bypass_csp=True)
    context.set_default_timeout(20_000)
    own = urlsplit(live_server).netloc
    foreign: list[str] = []

    def only_own(route: Route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_own)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"the page threw: {errors}"
    assert not foreign, f"the page asked another host for: {foreign}"
