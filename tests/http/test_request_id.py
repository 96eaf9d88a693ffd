"""Each response names its request (`X-Request-ID`: the caller's if sane, else a new one), and so does every
log line written while it is answered."""

from __future__ import annotations

import re

import httpx
import pytest

from peelgraph.server import create_app
from peelgraph.settings import Settings
from tests.conftest import ARTIFACTS
from tests.schema.conftest import Api

DEPTH_12 = """{ force(id: "cambridgeshire") { reports { force { reports { force { reports { force { reports {
  force { reports { force { id } } } } } } } } } } } }"""


def test_a_new_id_on_every_response(api: Api) -> None:
    ids = [api.client.get(f"{api.url}{path}").headers["x-request-id"] for path in ("/health", "/health", "/graphql")]
    assert all(re.fullmatch(r"[0-9a-f]{32}", found) for found in ids)
    assert len(set(ids)) == 3


@pytest.mark.parametrize("given", ["7f3c2a0e-1b2d-4c5e-8f90-a1b2c3d4e5f6", "edge:42/abc+def=", "x"])
def test_a_sane_incoming_id_is_kept(api: Api, given: str) -> None:
    response = api.client.post(api.graphql, json={"query": "{ __typename }"}, headers={"X-Request-ID": given})
    assert response.headers["x-request-id"] == given


@pytest.mark.parametrize("given", ["has space", "a" * 129, "new\tline", "<script>", "-leading-dash", ""])
def test_an_insane_incoming_id_is_replaced(api: Api, given: str) -> None:
    response = api.client.get(f"{api.url}/health", headers={"X-Request-ID": given})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


def test_refusals_before_the_app_carry_an_id(api: Api) -> None:
    response = api.client.post(api.graphql, content=b" " * 200_000, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


def test_log_lines_carry_the_request_id(api: Api) -> None:
    response = api.client.post(api.graphql, json={"query": DEPTH_12}, headers={"X-Request-ID": "find-me-in-the-log"})
    assert response.json()["errors"]
    log = ARTIFACTS / f"serve-{api.url.rsplit(':', 1)[1]}.log"
    lines = log.read_text(errors="replace").splitlines()
    refused = [line for line in lines if "exceeds maximum operation depth" in line]
    assert any("[find-me-in-the-log]" in line for line in refused), refused
    # every line has the format's request-id field (`-` outside a request, such as uvicorn's start-up lines)
    logged = [line for line in lines if re.match(r"\d{4}-\d\d-\d\d ", line)]
    assert logged and all(re.search(r" \[[^\]]+\] ", line) for line in logged)
    assert any("uvicorn" in line and "[-]" in line for line in logged)


async def test_a_page_on_an_allowed_origin_can_read_the_id() -> None:
    app = create_app(Settings(PEELGRAPH_CORS_ORIGINS="https://app.example"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://peelgraph") as client:
        response = await client.get("/health", headers={"Origin": "https://app.example"})
    assert response.headers["access-control-allow-origin"] == "https://app.example"
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()
