"""How the API executes a query: the root fields the compiler covers by one Cypher statement, the rest through
Strawberry's resolvers.

graphql-core resolves and completes every field of every object on its own, which costs several times the
Neo4j read behind the answer. Root fields whose whole selection `schema/compiler.py` covers (every entity
and relationship field; not the full-text search, the grade matrix or the path, which run their own
statements) are answered by one statement per request, and their answers are passed through as Neo4j
returns them. The statements are planned once per operation and cached here.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from graphql import GraphQLObjectType, OperationDefinitionNode
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from peelgraph.graph.read.reader import GraphReader
from peelgraph.schema.budget import DEFAULT_MAX_COST
from peelgraph.schema.compiler import CompiledQuery, RefusedArguments, compile_operation, shape
from peelgraph.schema.context import Context
from peelgraph.schema.cost import CostLimitExceeded, Estimate, depends_on, estimate

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


class BudgetedExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution, refusing before anything runs a request whose answer could hold more
    objects than the context's budget (`schema/cost.py`), noting the estimate on the context, and letting
    heavy requests (a tenth of the budget or more) run one at a time per process, so that a few of them
    cannot take all of Neo4j and memory from the cheap ones, which never wait for them."""

    def execute_root_grouped_field_set(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        position_context: Any,
    ) -> Any:
        found = self.check_budget(grouped_field_set)
        limit = getattr(self.context_value, "max_cost", DEFAULT_MAX_COST)
        if not is_heavy(found, limit):
            return self.execute_root(root_type, root_value, grouped_field_set, serially, position_context)

        async def in_turn() -> Any:
            async with HEAVY.held(found.total, limit):
                result = self.execute_root(root_type, root_value, grouped_field_set, serially, position_context)
                return await result if self.is_awaitable(result) else result

        return in_turn()

    def execute_root(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        position_context: Any,
    ) -> Any:
        return super().execute_root_grouped_field_set(
            root_type, root_value, grouped_field_set, serially, position_context
        )

    def check_budget(self, grouped_field_set: GroupedFieldSet) -> Estimate:
        context = self.context_value
        found = ESTIMATES.get(
            self.operation, _variables(self, depends_on),
            lambda: estimate(self.schema, self.fragments, self.variable_values, self.operation, grouped_field_set),
        )
        limit = getattr(context, "max_cost", DEFAULT_MAX_COST)
        if isinstance(context, Context):
            context.cost = found
        if found.total > limit:
            raise CostLimitExceeded(found, limit)
        return found


def is_heavy(found: Estimate, limit: int) -> bool:
    """A request estimated at a tenth of the budget or more: it waits for its turn (`HeavyRequests`)."""
    return found.total * HEAVY_SHARE >= limit


HEAVY_SHARE = 10


class HeavyRequests:
    """Heavy requests share the budget in each process (each event loop has its own share): together, those
    running hold no more than one request's budget of estimated objects, so a few requests near the budget
    run one at a time while ordinary heavy ones (a force's network with its thousand mentions) run side by
    side. They wait first come, first served; cheap requests never wait."""

    def __init__(self) -> None:
        self._turns: dict[int, _Turns] = {}

    def turn(self, found: Estimate, limit: int) -> AbstractAsyncContextManager[None]:
        """Where a request of this estimate runs: at once if it is cheap, else when its share is free."""
        return self.held(found.total, limit) if is_heavy(found, limit) else nullcontext()

    def held(self, weight: int, capacity: int) -> AbstractAsyncContextManager[None]:
        loop = id(asyncio.get_running_loop())
        turns = self._turns.get(loop)
        if turns is None:
            turns = self._turns[loop] = _Turns(capacity)
        return turns.taken(min(weight, capacity))


class _Turns:
    """One event loop's weighted first-come-first-served semaphore."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.held = 0
        self.waiting: deque[tuple[int, asyncio.Future[None]]] = deque()

    @asynccontextmanager
    async def taken(self, weight: int) -> AsyncIterator[None]:
        if self.waiting or self.held + weight > self.capacity:
            await self._wait(weight)
        else:
            self.held += weight
        try:
            yield
        finally:
            self._give_back(weight)

    async def _wait(self, weight: int) -> None:
        turn = (weight, asyncio.get_running_loop().create_future())
        self.waiting.append(turn)
        try:
            await turn[1]
        except BaseException:
            if turn[1].done() and not turn[1].cancelled():
                self._give_back(weight)  # its turn came as it was cancelled
            else:
                self.waiting.remove(turn)
                self._wake()
            raise

    def _give_back(self, weight: int) -> None:
        self.held -= weight
        self._wake()

    def _wake(self) -> None:
        while self.waiting and self.held + self.waiting[0][0] <= self.capacity:
            weight, future = self.waiting.popleft()
            self.held += weight
            future.set_result(None)


HEAVY = HeavyRequests()


class CompiledExecution(BudgetedExecution):
    """Root fields the declarations cover answered by one compiled Cypher statement (`schema/compiler.py`);
    the others, and every field of a request the compiler cannot take, through their resolvers.

    A compiled root field's answer comes out of Neo4j already serialised and goes to the client as it is:
    no resolver, no Python object and no completion for any value beneath it. A failure of the statement
    (the store down, a timeout) is reported on each compiled root field, as the resolvers would report it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._answers: dict[str, Any] = {}

    def execute_root(
        self,
        root_type: GraphQLObjectType,
        root_value: Any,
        grouped_field_set: GroupedFieldSet,
        serially: bool,
        position_context: Any,
    ) -> Any:
        resolve = super().execute_root
        compiled = None if serially else self.compiled(grouped_field_set)
        if compiled is None:
            return resolve(root_type, root_value, grouped_field_set, serially, position_context)

        async def execute() -> Any:
            ready = getattr(self.context_value, "answers", None)  # read already (schema/direct.py)
            self._answers = ready if ready is not None else await read_answers(self.context_value.graph, *compiled)
            result = resolve(root_type, root_value, grouped_field_set, serially, position_context)
            return await result if self.is_awaitable(result) else result

        return execute()

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        if path.prev is None and path.key in self._answers:
            answer = self._answers[path.key]
            if isinstance(answer, Failed):
                field = parent_type.fields[field_details_list[0].node.name.value]
                self.handle_field_error(answer.error, field.type, field_details_list, path)
                return None
            return answer
        return super().execute_field(parent_type, source, field_details_list, path, position_context)

    def compiled(self, grouped_field_set: GroupedFieldSet) -> tuple[CompiledQuery, list[dict[str, Any]]] | None:
        leave_out: frozenset[str] = frozenset()
        while True:
            statement = PLANS.get(
                self.operation, (_variables(self, shape), leave_out),
                partial(compile_operation, self.schema, self.fragments, self.variable_values, self.operation,
                        grouped_field_set, leave_out),
            )
            if statement is None:
                return None
            try:
                return statement, statement.parameters(self.variable_values, self.hide_suggestions)
            except RefusedArguments as refused:
                leave_out = leave_out | refused.keys


async def read_answers(
    graph: GraphReader, statement: CompiledQuery, parameters: list[dict[str, Any]]
) -> dict[str, Any]:
    """Each compiled root field's answer by response key, as Neo4j serialised it; a failure of the statements
    (the store down, a timeout) as `Failed` on each."""
    try:
        if len(statement.texts) == 1:  # as a task of its own (gather) it would cost one more turn of the loop
            rows = [await graph.one(statement.texts[0], parameters[0])]
        else:
            rows = await asyncio.gather(*(graph.one(text, values)
                                          for text, values in zip(statement.texts, parameters, strict=True)))
    except Exception as error:  # reported on each compiled field, as a resolver's failure is
        return {key: Failed(error) for key in statement.fields}
    return {key: (rows[field.statement] or {}).get(field.column) for key, field in statement.fields.items()}


@dataclass(frozen=True, slots=True)
class Failed:
    error: Exception


class Recent(Generic[K, T]):
    """Values kept by key, at most `size` of them, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[K, T] = OrderedDict()

    def get(self, key: K, make: Callable[[], T]) -> T:
        """The value kept for `key`, else `make()`'s, kept."""
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        return self.put(key, make())

    def put(self, key: K, value: T) -> T:
        self._kept[key] = value
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)
        return value


class OperationCache(Generic[T]):
    """Values worked out from an operation and what of its variables they depend on, so that a repeated
    operation is worked out once; least recently used first out. An entry keeps its operation, so that the
    operation's id cannot name another one meanwhile."""

    def __init__(self, size: int = 512) -> None:
        self._entries = Recent[tuple[int, Hashable], tuple[OperationDefinitionNode, T]](size)

    def get(self, operation: OperationDefinitionNode, depends: Hashable, work_out: Callable[[], T]) -> T:
        key = (id(operation), depends)
        kept = self._entries.get(key, lambda: (operation, work_out()))
        if kept[0] is not operation:  # the id of an operation since let go of
            kept = self._entries.put(key, (operation, work_out()))
        return kept[1]


def _variables(execution: StrawberryGraphQLCoreExecutionContext, shape: Callable[[Any], Hashable]) -> Hashable:
    coerced = execution.variable_values.coerced
    return tuple(shape(coerced.get(definition.variable.name.value))
                 for definition in execution.operation.variable_definitions or ())


PLANS = OperationCache[CompiledQuery | None]()
"""Compiled statements, by the shape of the variables (`schema.compiler.shape`)."""
ESTIMATES = OperationCache[Estimate]()
"""Costs, by the variables a cost depends on (`schema.cost.depends_on`)."""
