"""The HTTP policy is tested through the API, with the schema tests' client."""

from collections.abc import Iterator

import pytest
from neo4j import Driver

from tests.schema.conftest import api

__all__ = ["api", "probe_node"]


@pytest.fixture
def probe_node(loaded_graph: Driver) -> Iterator[Driver]:
    """The test graph, for a test that writes `CacheProbe` nodes: deleted afterwards, whatever happens."""
    yield loaded_graph
    loaded_graph.execute_query("MATCH (n:CacheProbe) DETACH DELETE n")
