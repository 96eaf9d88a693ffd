"""A query the compiler covers whole is answered straight from Neo4j (`schema/direct.py`), as the resolvers
would answer it; anything else goes the ordinary way, which says what is wrong, and nothing is read twice."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from neo4j import AsyncDriver, Driver

from peelgraph.graph.connection import open_async_driver
from peelgraph.graph.read.reader import GraphReader
from peelgraph.schema.api import build_schema
from peelgraph.schema.context import Context
from peelgraph.schema.execution import Failed
from peelgraph.settings import Settings
from tests.schema.conftest import Api

COMPILED = build_schema()
PLAIN = build_schema(compiled=False)
DIRECT = COMPILED.direct
assert DIRECT is not None

NETWORK = """
query Network($id: ID!, $year: Int) {
  force(id: $id) {
    name
    rocu { name members { id name } }
    reports(year: $year) { id pillar judgments { grade question { number title } } }
  }
  organisation(id: "ersou") { name mentions(first: 5) { page } }
}
"""


@pytest.fixture
async def reading(loaded_graph: Driver, settings: Settings) -> AsyncIterator[AsyncDriver]:
    opened = open_async_driver(settings)
    yield opened
    await opened.close()


def _context(driver: AsyncDriver, settings: Settings) -> Context:
    return Context(request=None, response=None, graph=GraphReader(driver, settings))


async def test_a_covered_query_is_answered_directly_as_the_resolvers_answer_it(
    reading: AsyncDriver, settings: Settings
) -> None:
    # Twice over: the second time each request's preparation is the one kept from the first, never another's.
    for variables in ({"id": "cambridgeshire", "year": 2015}, {"id": "durham"}, {"id": "no-such-force"}) * 2:
        context = _context(reading, settings)
        data = await DIRECT.answer(NETWORK, variables, "Network", context)
        expected = await PLAIN.execute(NETWORK, variable_values=variables, context_value=_context(reading, settings))
        assert not expected.errors
        assert data == expected.data
        assert context.graph.round_trips == 1
        assert context.cost is not None and context.cost.total > 0


@pytest.mark.parametrize(("query", "variables"), [
    ("{ force(id: \"essex\") { nickname } }", None),  # not valid
    ("query Network($id: ID!) { force(id: $id) { name } }", {"id": 3.5}),  # a variable of the wrong type
    ("query Network($id: ID!) { force(id: $id) { name } }", {}),  # a variable missing
    ("{ __schema { queryType { name } } }", None),  # introspection
    ("{ __typename force(id: \"essex\") { name } }", None),  # a root field with no declaration
    ("{ stats { nodeCount } force(id: \"essex\") { name } }", None),  # a root field with no declaration
    ("{ connection(fromId: \"essex\", toId: \"essex\") { length } }", None),  # ends the API refuses
    ("{ forces(first: 100000) { edges { node { id } } } }", None),  # a page the API refuses
    ("{ organisations(first: 100) { edges { node { mentions(first: 1000) { text } } } } }", None),  # over budget
    ("{ a: force(id: \"essex\") { name } } { b: force(id: \"kent\") { name } }", None),  # which operation?
])
async def test_what_the_direct_path_leaves_to_the_ordinary_execution(
    reading: AsyncDriver, settings: Settings, query: str, variables: dict[str, Any] | None
) -> None:
    context = _context(reading, settings)
    for _ in range(2):  # the second time from what the first kept
        assert await DIRECT.answer(query, variables, None, context) is None
    assert context.graph.round_trips == 0
    result = await COMPILED.execute(query, variable_values=variables, context_value=context)
    assert result.errors or result.data  # the ordinary way answers, or says what is wrong


async def test_a_kept_preparation_is_the_budget_s_own(reading: AsyncDriver, settings: Settings) -> None:
    variables = {"id": "cambridgeshire"}
    assert await DIRECT.answer(NETWORK, variables, "Network", _context(reading, settings)) is not None
    tight = _context(reading, settings)
    tight.max_cost = 10
    assert await DIRECT.answer(NETWORK, variables, "Network", tight) is None
    assert tight.graph.round_trips == 0


async def test_an_operation_name_that_is_not_a_string_goes_the_ordinary_way(
    reading: AsyncDriver, settings: Settings
) -> None:
    context = _context(reading, settings)
    assert await DIRECT.answer(NETWORK, {"id": "cambridgeshire"}, {"name": "Network"}, context) is None  # type: ignore[arg-type]
    assert context.graph.round_trips == 0


async def test_a_failed_statement_is_reported_the_ordinary_way_without_running_again(settings: Settings) -> None:
    down = settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:9"})
    driver = open_async_driver(down)
    try:
        context = _context(driver, down)
        assert await DIRECT.answer(NETWORK, {"id": "cambridgeshire"}, None, context) is None
        assert context.answers is not None and all(isinstance(answer, Failed) for answer in context.answers.values())
        result = await COMPILED.execute(NETWORK, variable_values={"id": "cambridgeshire"}, context_value=context)
    finally:
        await driver.close()
    assert result.errors and {tuple(error.path or ()) for error in result.errors} == {("force",), ("organisation",)}
    assert context.graph.round_trips == 1


def test_get_and_post_give_the_same_direct_answer(api: Api) -> None:
    variables = {"id": "cambridgeshire", "year": 2015}
    posted = api.post(NETWORK, variables, fresh=True)
    got = api.client.get(api.graphql, params={"query": NETWORK, "variables": json.dumps(variables)},
                         headers={"Cache-Control": "no-cache"})
    assert got.status_code == 200
    assert got.json()["data"] == posted["data"]
    for answer in (posted, got.json()):
        cost = answer["extensions"]["cost"]
        assert answer["extensions"]["roundTrips"] == 1
        assert 0 < cost["returned"] <= cost["estimate"] <= cost["limit"]
