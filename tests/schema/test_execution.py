"""Lists of plain objects completed in one pass answer exactly what graphql-core's own completion answers."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from enum import Enum
from typing import Any

import pytest
import strawberry
from neo4j import Driver
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graph.connection import open_async_driver
from graph.reader import GraphReader
from peelgraph.settings import PROJECT_ROOT, Settings
from schema.api import build_schema
from schema.context import Context
from schema.execution import PlainListExecution
from tests.schema.test_issue_query import ISSUE_QUERY

EXAMPLES = (PROJECT_ROOT / "docs" / "examples.graphql").read_text(encoding="utf-8")
OPERATIONS = re.findall(r"^query (\w+)", EXAMPLES, re.MULTILINE)

Answer = dict[str, Any]


@strawberry.enum
class Colour(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Leaf:
    name: str
    size: int | None
    colour: Colour | None


@strawberry.type
class Item:
    id: strawberry.ID
    label: str
    count: int
    tags: list[str]
    leaf: Leaf | None

    @strawberry.field
    def shout(self) -> str:
        return self.label.upper()


def _items(broken: str | None = None) -> list[Item]:
    items = [
        Item(id=strawberry.ID(str(n)), label=f"item {n}", count=n, tags=["a", "b"][: n % 3],
             leaf=None if n % 4 == 0 else Leaf(name=f"leaf {n}", size=n if n % 2 else None, colour=Colour.RED))
        for n in range(1, 30)
    ]
    if broken == "null":
        items[5].label = None  # type: ignore[assignment]
    elif broken == "int":
        items[7].count = 2**40
    elif broken == "enum":
        items[9].leaf = Leaf(name="odd", size=1, colour="purple")  # type: ignore[arg-type]
    return items


@strawberry.type
class Toy:
    @strawberry.field
    def items(self, broken: str | None = None) -> list[Item]:
        return _items(broken)

    @strawberry.field
    def maybe_items(self, broken: str | None = None) -> list[Item | None] | None:
        return [None, *_items(broken)]


def _toy_schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    fast = strawberry.Schema(query=Toy, execution_context_class=PlainListExecution)
    ordinary = strawberry.Schema(query=Toy, execution_context_class=StrawberryGraphQLCoreExecutionContext)
    return fast, ordinary


TOY_QUERIES = [
    "{ items { id label count tags leaf { name size colour } } }",
    "{ items { __typename a: label b: label leaf { __typename size } } }",
    "{ items { ...parts leaf @include(if: false) { name } } } fragment parts on Item { id count }",
    "{ items { label leaf @skip(if: true) { name } } maybeItems { count leaf { colour } } }",
    "{ items { label shout } }",
    '{ items(broken: "null") { id label } }',
    '{ maybeItems(broken: "null") { id label } }',
    '{ items(broken: "int") { id count } }',
    '{ maybeItems(broken: "enum") { leaf { colour } } }',
]


def _plain(result: Any) -> Answer:
    return {
        "data": result.data,
        "errors": None if result.errors is None else [(error.message, error.path) for error in result.errors],
    }


@pytest.mark.parametrize("query", TOY_QUERIES)
async def test_one_pass_answers_and_errors_as_graphql_core_does(query: str) -> None:
    fast, ordinary = _toy_schemas()
    assert _plain(await fast.execute(query)) == _plain(await ordinary.execute(query))


async def test_plain_lists_take_the_one_pass() -> None:
    taken: list[str] = []

    class Watching(PlainListExecution):
        def complete_iterable_value(self, item_type: Any, field_details_list: Any, *args: Any) -> Any:
            if self._completion(item_type, field_details_list) is not None:
                taken.append(str(item_type))
            return super().complete_iterable_value(item_type, field_details_list, *args)

    schema = strawberry.Schema(query=Toy, execution_context_class=Watching)
    await schema.execute("{ items { label leaf { name } } }")
    await schema.execute("{ items { label shout } }")
    assert taken == ["Item!"]


Run = Callable[[strawberry.Schema, str, str | None], Awaitable[Answer]]


@pytest.fixture(scope="module")
async def run(loaded_graph: Driver, settings: Settings) -> AsyncIterator[Run]:
    driver = open_async_driver(settings)

    async def execute(schema: strawberry.Schema, query: str, operation: str | None = None) -> Answer:
        context = Context(request=None, response=None, graph=GraphReader(driver, settings))  # type: ignore[arg-type]
        result = await schema.execute(query, context_value=context, operation_name=operation)
        return {**_plain(result), "extensions": result.extensions}

    yield execute
    await driver.close()


@pytest.mark.parametrize("operation", OPERATIONS)
async def test_the_examples_answer_the_same_either_way(run: Run, operation: str) -> None:
    fast, ordinary = build_schema(), build_schema()
    ordinary.execution_context_class = StrawberryGraphQLCoreExecutionContext  # type: ignore[attr-defined]
    assert await run(fast, EXAMPLES, operation) == await run(ordinary, EXAMPLES, operation)


async def test_the_issue_query_answers_the_same_either_way(run: Run) -> None:
    fast, ordinary = build_schema(), build_schema()
    ordinary.execution_context_class = StrawberryGraphQLCoreExecutionContext  # type: ignore[attr-defined]
    answer = await run(fast, ISSUE_QUERY, None)
    assert answer["errors"] is None and answer["data"]["organisation"]["mentions"]
    assert answer == await run(ordinary, ISSUE_QUERY, None)
