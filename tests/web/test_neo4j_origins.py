"""The managed Neo4j as a web page on another site sees it, in a real browser: it can neither open Bolt over a
WebSocket nor post to Neo4j's HTTP port with the password, while Neo4j Browser's own page still connects."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Browser, Page

from peelgraph.settings import Settings

pytestmark = pytest.mark.browser

ATTEMPT = """async ({bolt, http, password}) => {
  const websocket = await new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${bolt}`);
    socket.onopen = () => { socket.close(); resolve("open"); };
    socket.onerror = () => resolve("refused");
  });
  let post;
  try {
    const answer = await fetch(`http://127.0.0.1:${http}/db/neo4j/tx/commit`, {
      method: "POST",
      headers: {"Content-Type": "application/json", "Authorization": "Basic " + btoa("neo4j:" + password)},
      body: JSON.stringify({statements: [{statement: "CREATE (:Injected) RETURN 1"}]}),
    });
    post = `read ${answer.status}`;
  } catch (error) {
    post = "refused";
  }
  return {websocket, post};
}"""


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>another site</title><p>a page the user visits"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def another_site() -> Iterator[str]:
    """A plain page on an origin of its own (no Content-Security-Policy that would stop the attempt first)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def bare_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def test_a_page_on_another_site_cannot_reach_neo4j(bare_page: Page, another_site: str, neo4j: Settings) -> None:
    bare_page.goto(another_site)
    attempt = {"bolt": neo4j.bolt_port, "http": neo4j.neo4j_http_port, "password": neo4j.neo4j_secret}
    assert bare_page.evaluate(ATTEMPT, attempt) == {"websocket": "refused", "post": "refused"}


def test_neo4j_browser_s_own_page_still_opens_bolt(bare_page: Page, neo4j: Settings) -> None:
    bare_page.goto(f"http://127.0.0.1:{neo4j.neo4j_http_port}/browser/")
    attempt = {"bolt": neo4j.bolt_port, "http": neo4j.neo4j_http_port, "password": neo4j.neo4j_secret}
    assert bare_page.evaluate(ATTEMPT, attempt)["websocket"] == "open"
