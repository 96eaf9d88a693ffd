"""Serving the Explorer: its build at `/` after the API's routes, or a page saying how to build it."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from peelgraph import server
from peelgraph.settings import Settings


def client(monkeypatch: pytest.MonkeyPatch, dist: Path) -> httpx.AsyncClient:
    monkeypatch.setattr(server, "WEB_DIST", dist)
    transport = httpx.ASGITransport(app=server.create_app(Settings()))
    return httpx.AsyncClient(transport=transport, base_url="http://explorer.test")


async def test_the_build_is_served_at_the_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<title>peelgraph Explorer</title>", encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    async with client(monkeypatch, tmp_path) as http:
        assert "peelgraph Explorer" in (await http.get("/")).text
        assert (await http.get("/assets/app.js")).headers["content-type"].startswith("text/javascript")
        assert (await http.get("/health")).json() == {"status": "ok"}
        assert (await http.get("/nowhere")).status_code == 404


async def test_without_a_build_the_root_says_how_to_make_one(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    async with client(monkeypatch, tmp_path / "missing") as http:
        response = await http.get("/")
    assert response.status_code == 200
    assert "make setup" in response.text
