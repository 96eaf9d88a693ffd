"""Queries answered without graphql-core's execution: those whose every root field one compiled statement
answers (`schema/compiler.py`).

Such an answer is Neo4j's, passed through; what Strawberry and graphql-core would add around it (building
an execution per request, hashing the document for their caches, running each extension's hooks) costs
more Python than the answer's own encoding. Here a document is parsed and validated once per text, with
the schema's own rules and limits, and a request for it costs its variables' coercion, its cost check,
its statements and nothing else. Anything else (a validation error, a mutation or introspection, a root
field without a declaration, a refused argument, a cost over the budget, a failed statement) goes the
ordinary way, which reports it; the answers of a failed statement go with it, so nothing runs twice.
A request seen before (the same text, variables and operation) is not even planned again: its statement,
parameters and cost are kept (`Prepared`), so that it costs what the hand-written Cypher behind plain HTTP
costs, and nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import orjson
from graphql import DocumentNode, GraphQLError, GraphQLSchema, OperationType, parse, specified_rules
from graphql.execution.collect_fields import collect_fields
from graphql.validation import ASTValidationRule
from strawberry.schema.schema import validate_document

from peelgraph.schema.compiler import CompiledQuery
from peelgraph.schema.context import Context
from peelgraph.schema.cost import CostLimitExceeded, Estimate
from peelgraph.schema.execution import HEAVY, CompiledExecution, Failed, Recent, read_answers


@dataclass(frozen=True, slots=True)
class Prepared:
    """What one request (its text, variables and operation) comes to before anything runs: its statement and
    parameters, its estimated cost and its root fields' response keys."""

    statement: CompiledQuery
    parameters: list[dict[str, Any]]
    cost: Estimate
    keys: tuple[str, ...]


LARGEST_KEPT = 64 * 1024
"""Characters of text and variables beyond which a request's preparation is not kept (its parameters may be as
large: a few hundred such requests kept would hold megabytes)."""


class DirectAnswers:
    """The schema's compiled answers, straight from Neo4j; `answer` returns None for what it leaves to the
    ordinary execution."""

    def __init__(self, schema: GraphQLSchema, rules: Sequence[type[ASTValidationRule]], max_tokens: int,
                 size: int = 256) -> None:
        self.schema = schema
        self.rules = (*specified_rules, *rules)
        self.max_tokens = max_tokens
        self._documents = Recent[str, DocumentNode | None](size)
        self._prepared = Recent[tuple[str, bytes, str | None, int], Prepared | None](size)

    async def answer(self, query: str, variables: dict[str, Any] | None, operation_name: str | None,
                     context: Context) -> dict[str, Any] | None:
        """The answer's `data`, or None: then the request goes the ordinary way (with `context.answers`
        holding what was read, if anything was)."""
        prepared = self.prepared(query, variables, operation_name, context)
        if prepared is None:
            return None
        context.cost = prepared.cost
        async with HEAVY.turn(prepared.cost, context.max_cost):
            answers = await read_answers(context.graph, prepared.statement, prepared.parameters)
        if any(isinstance(answer, Failed) for answer in answers.values()):
            context.answers = answers
            return None
        return {key: answers[key] for key in prepared.keys}

    def prepared(self, query: str, variables: dict[str, Any] | None, operation_name: str | None,
                 context: Context) -> Prepared | None:
        """The request's preparation (None if it goes the ordinary way), kept for the same request again: the
        same text, variables and operation make the same statement, parameters and cost."""
        key = _request_key(query, variables, operation_name, context.max_cost)
        prepare = partial(self._prepare, query, variables, operation_name, context)
        return prepare() if key is None else self._prepared.get(key, prepare)

    def _prepare(self, query: str, variables: dict[str, Any] | None, operation_name: str | None,
                 context: Context) -> Prepared | None:
        document = self.document(query)
        if document is None:
            return None
        execution = CompiledExecution.build(self.schema, document, None, context, variables, operation_name)
        root = self.schema.query_type
        if not isinstance(execution, CompiledExecution) or root is None:
            return None  # variables it could not coerce, an unknown operation name
        if execution.operation.operation is not OperationType.QUERY:
            return None
        try:
            collected = collect_fields(self.schema, execution.fragments, execution.variable_values, root,
                                       execution.operation)
        except RecursionError:
            return None
        grouped = collected.grouped_field_set
        try:
            found = execution.check_budget(grouped)
        except CostLimitExceeded:
            return None
        compiled = execution.compiled(grouped)
        if collected.new_defer_usages or compiled is None or compiled[0].fields.keys() != grouped.keys():
            return None
        return Prepared(*compiled, found, tuple(grouped))

    def document(self, query: str) -> DocumentNode | None:
        """The parsed document if it is valid (within the token limit), else None; kept for the next request."""
        return self._documents.get(query, partial(self._parsed, query))

    def _parsed(self, query: str) -> DocumentNode | None:
        try:
            document = parse(query, max_tokens=self.max_tokens)
        except (GraphQLError, RecursionError):
            return None
        return document if self._valid(document) else None

    def _valid(self, document: DocumentNode) -> bool:
        try:
            return not validate_document(self.schema, document, self.rules)
        except Exception:  # a rule that fails on what it was not written for: the ordinary way reports it
            return False


def _request_key(query: str, variables: dict[str, Any] | None, operation_name: str | None,
                 max_cost: int) -> tuple[str, bytes, str | None, int] | None:
    """What names a request's preparation, or None when it is too large to keep (or not one to keep: an
    operation name that is not a string, which the ordinary way refuses)."""
    if operation_name is not None and not isinstance(operation_name, str):
        return None
    try:
        given = orjson.dumps(variables, option=orjson.OPT_SORT_KEYS) if variables else b""
    except TypeError:  # not JSON's values: not from a request body
        return None
    if len(query) + len(given) > LARGEST_KEPT:
        return None
    return query, given, operation_name, max_cost
