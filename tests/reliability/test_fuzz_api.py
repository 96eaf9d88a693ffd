"""Hypothesis-made text in text arguments of the live API: always a clean JSON answer, never a 5xx or a leak.

The parser's own property tests are in tests/loaders/test_properties.py.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from tests.graphstate import counts, snapshot
from tests.reliability import answers, arguments
from tests.reliability.conftest import Server, write_figures

FIELDS = ("Query.search(text)", "Query.organisations(search)", "Query.areasForImprovement(search)",
          "Query.areasForImprovement(question)", "Query.force(id)", "Query.nodes(ids)", "Query.forces(after)",
          "Query.forces(filter.pillar)", "Query.connection(fromId)", "Force.reports(pillar)")
EXAMPLES = 40 * int(os.environ.get("PEELGRAPH_PROPERTY_SCALE", "1"))
"""Per argument; `PEELGRAPH_PROPERTY_SCALE=20 pytest tests/reliability/test_fuzz_api.py` for a long run."""

ANY_CHARACTER = st.characters(exclude_categories=())
"""Every code point, surrogates and controls included."""
SYNTAX = st.sampled_from(["'", '"', "\\", "//", "/*", "*/", "}", ")", "]", "(", "{", "$v", "MATCH (n)", "RETURN n",
                          "DETACH DELETE n", " OR ", " AND ", " NOT ", ":", "*", "?", "~", "^", "title:(", "offset:",
                          "\n"])
TEXT = st.one_of(
    st.text(ANY_CHARACTER, max_size=80),
    st.lists(st.one_of(SYNTAX, st.text(ANY_CHARACTER, max_size=5)), max_size=12).map("".join),
)
"""Arbitrary text, and text built from the pieces of Cypher, Lucene and GraphQL syntax."""

tally: Counter[str] = Counter()


FORCE = "cambridgeshire"
"""The force whose fields are reached through `node(id:)`."""


@pytest.fixture(scope="module")
def fuzzing(production_server: Server, loaded_graph: Driver) -> Iterator[tuple[Server, httpx.Client]]:
    """The server and a client; afterwards, the graph must be as it was and the server still serving."""
    before = (counts(loaded_graph), snapshot(loaded_graph))
    with httpx.Client(timeout=60) as client:
        yield production_server, client
    unchanged = (counts(loaded_graph), snapshot(loaded_graph)) == before
    write_figures("fuzz", {"arguments": len(FIELDS), "examples": sum(tally.values()), "outcomes": dict(tally),
                           "graph_unchanged": unchanged})
    assert unchanged
    assert production_server.healthy()
    assert "Traceback" not in production_server.log_text()


@pytest.mark.parametrize("name", FIELDS)
def test_fuzzed_text_gets_a_clean_answer(fuzzing: tuple[Server, httpx.Client], name: str) -> None:
    server, client = fuzzing
    slot = next(slot for slot in arguments.slots() if slot.name == name)
    document = slot.query("$v", FORCE)

    @given(text=TEXT)
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def answers_cleanly(text: str) -> None:
        # ASCII JSON, so that lone surrogates travel as the escapes a client would send.
        response = client.post(server.graphql, content=json.dumps({"query": document, "variables": {"v": text}}),
                               headers={"content-type": "application/json"})
        outcome = answers.outcome(response.status_code, response.text)
        tally[outcome] += 1
        found = answers.problem(response.status_code, response.text, text, server.leaks)
        assert found is None, found
        if response.status_code != 200:
            assert response.status_code == 400 and not _is_text(text), response.text

    answers_cleanly()


def _is_text(value: str) -> bool:
    try:
        value.encode()
    except UnicodeEncodeError:
        return False
    return True
