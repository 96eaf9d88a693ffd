"""Queries answered without graphql-core's execution: those whose every root field one compiled statement
answers (`schema/compiler.py`).

Such an answer is Neo4j's, passed through; what Strawberry and graphql-core would add around it (building
an execution per request, hashing the document for their caches, running each extension's hooks) costs
more Python than the answer's own encoding. Here a document is parsed and validated once per text, with
the schema's own rules and limits, and a request for it costs its variables' coercion, its cost check,
its statements and nothing else. Anything else (a validation error, a mutation or introspection, a root
field without a declaration, a refused argument, a cost over the budget, a failed statement) goes the
ordinary way, which reports it; the answers of a failed statement go with it, so nothing runs twice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, OperationType, parse, specified_rules
from graphql.execution.collect_fields import collect_fields
from graphql.validation import ASTValidationRule
from strawberry.schema.schema import validate_document

from peelgraph.schema.context import Context
from peelgraph.schema.cost import CostLimitExceeded
from peelgraph.schema.execution import HEAVY, CompiledExecution, Failed, read_answers


class DirectAnswers:
    """The schema's compiled answers, straight from Neo4j; `answer` returns None for what it leaves to the
    ordinary execution."""

    def __init__(self, schema: GraphQLSchema, rules: Sequence[type[ASTValidationRule]], max_tokens: int,
                 size: int = 256) -> None:
        self.schema = schema
        self.rules = (*specified_rules, *rules)
        self.max_tokens = max_tokens
        self.size = size
        self._documents: OrderedDict[str, DocumentNode | None] = OrderedDict()

    async def answer(self, query: str, variables: dict[str, Any] | None, operation_name: str | None,
                     context: Context) -> dict[str, Any] | None:
        """The answer's `data`, or None: then the request goes the ordinary way (with `context.answers`
        holding what was read, if anything was)."""
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
        async with HEAVY.turn(found, context.max_cost):
            answers = await read_answers(context.graph, *compiled)
        if any(isinstance(answer, Failed) for answer in answers.values()):
            context.answers = answers
            return None
        return {key: answers[key] for key in grouped}

    def document(self, query: str) -> DocumentNode | None:
        """The parsed document if it is valid (within the token limit), else None; kept for the next request."""
        if query in self._documents:
            self._documents.move_to_end(query)
            return self._documents[query]
        try:
            document: DocumentNode | None = parse(query, max_tokens=self.max_tokens)
        except (GraphQLError, RecursionError):
            document = None
        if document is not None and not self._valid(document):
            document = None
        self._documents[query] = document
        while len(self._documents) > self.size:
            self._documents.popitem(last=False)
        return document

    def _valid(self, document: DocumentNode) -> bool:
        try:
            return not validate_document(self.schema, document, self.rules)
        except Exception:  # a rule that fails on what it was not written for: the ordinary way reports it
            return False
