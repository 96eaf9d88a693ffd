"""API fixtures: the app over real HTTP, reading the bundled data from the test Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from neo4j import Driver

LEAKS = ("Traceback", "bolt://", "neo4j.exceptions", "MATCH (", "UNWIND $", "RETURN ")
"""What no response may contain: stack traces, the store's address, driver errors, Cypher."""


@dataclass
class Api:
    url: str
    client: httpx.Client

    @property
    def graphql(self) -> str:
        return f"{self.url}/graphql"

    def post(
        self, query: str, variables: dict[str, Any] | None = None, *, fresh: bool = False, **body: Any
    ) -> dict[str, Any]:
        """The JSON answer to one operation; fails the test if the body leaks anything internal.

        `fresh` asks for an answer computed now, never one from the response cache.
        """
        headers = {"Cache-Control": "no-cache"} if fresh else {}
        payload = {"query": query, "variables": variables, **body}
        response = self.client.post(self.graphql, json=payload, headers=headers)
        assert_clean(response.text)
        assert response.status_code == 200, response.text
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The `data` of an answer that must have no errors."""
        answer = self.post(query, variables)
        assert "errors" not in answer, answer["errors"]
        return answer["data"]

    def error(self, query: str, variables: dict[str, Any] | None = None) -> str:
        """The first error message of an answer that must have errors."""
        answer = self.post(query, variables)
        assert answer.get("errors"), answer
        return answer["errors"][0]["message"]

    def round_trips(self, query: str, variables: dict[str, Any] | None = None) -> int:
        """The Cypher round trips it takes to compute the answer."""
        answer = self.post(query, variables, fresh=True)
        assert "errors" not in answer, answer["errors"]
        return answer["extensions"]["roundTrips"]


def assert_clean(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, f"response leaks {leak!r}: {text[:500]}"


@pytest.fixture(scope="session")
def api(live_server: str, loaded_graph: Driver) -> Iterator[Api]:
    with httpx.Client(timeout=30) as client:
        yield Api(live_server, client)
