"""The GraphQL schema: the root Query composed from small query classes, with the safety extensions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import strawberry
from graphql import FieldNode, GraphQLError
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule, ValidationContext, ValidationRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from peelgraph.schema.direct import DirectAnswers
from peelgraph.schema.entities import Force, Initiative, Organisation, Scheme, Threat
from peelgraph.schema.errors import PublicErrors, log_errors
from peelgraph.schema.execution import BudgetedExecution, CompiledExecution
from peelgraph.schema.explore import ExploreQuery
from peelgraph.schema.queries import ForceQuery, NodeQuery, OrganisationQuery, ReportQuery
from peelgraph.schema.reports import AreaForImprovement, Judgment, Metric, Passage, Question, Report, Term
from peelgraph.schema.scalars import SCALARS
from peelgraph.schema.stats import StatsQuery

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2000

NODE_TYPES = (Force, Organisation, Scheme, Initiative, Threat, Report, Question, Judgment, AreaForImprovement,
              Metric, Passage, Term)
"""Every type `node(id:)` may answer, listed so that those reached only through an interface are in the schema."""


@strawberry.type(description="Everything the API can answer. There are no mutations: the API is read-only.")
class Query(NodeQuery, ForceQuery, OrganisationQuery, ReportQuery, ExploreQuery, StatsQuery):
    pass


class Accounting(SchemaExtension):
    """Reports in the response's `extensions` how many Cypher round trips the request made and what it was
    estimated to cost (`cost.returned`, the objects the answer holds, is added when it is encoded)."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        graph = getattr(context, "graph", None)
        results: dict[str, Any] = {"roundTrips": graph.round_trips if graph is not None else 0}
        estimated = getattr(context, "cost", None)
        if estimated is not None:
            results["cost"] = {"estimate": estimated.total, "limit": context.max_cost}
        return results


class NoEmptySelections(ValidationRule):
    """`{ force(id: "essex") { } }` parses (graphql-core 3.3 accepts an empty selection set) but asks for
    nothing: refused with a message saying so."""

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.selection_set is not None and not node.selection_set.selections:
            self.report_error(GraphQLError(
                f"The selection of `{node.name.value}` is empty: ask for at least one of its fields.", node
            ))


DEPTH_LIMIT = "DEPTH_LIMIT"
ALIAS_LIMIT = "ALIAS_LIMIT"
TOKEN_LIMIT = "TOKEN_LIMIT"
"""The `extensions.code` of the errors refusing a request over a limit of the document's own shape (the cost
limit's is `COST_LIMIT`, `schema/cost.py`): what a client and the metrics tell them by."""


REFUSALS = ((f"exceeds maximum operation depth of {MAX_DEPTH}", DEPTH_LIMIT),
            (f"aliases found. Allowed: {MAX_ALIASES}", ALIAS_LIMIT),
            (f"more than {MAX_TOKENS} tokens", TOKEN_LIMIT))


def code_refusals(errors: list[GraphQLError]) -> None:
    """Strawberry's depth and alias limits and graphql-core's token limit refuse a request with a message only
    (reported through the validation context, or raised by the parser): their errors get a code."""
    for error in errors:
        code = next((code for words, code in REFUSALS if words in error.message), None)
        if code is not None:
            error.extensions = {**(error.extensions or {}), "code": code}


def _tolerating_empty_selections(rule: type[ASTValidationRule]) -> type[ASTValidationRule]:
    """Strawberry's depth limit counts depth with `max()`, which fails on an empty selection set (a 500, or
    its message as the error); `NoEmptySelections` reports that case instead."""

    class Tolerant(rule):  # type: ignore[valid-type, misc]
        def __init__(self, context: ValidationContext) -> None:
            try:
                super().__init__(context)
            except ValueError:
                ASTValidationRule.__init__(self, context)

    return Tolerant


class PeelgraphSchema(strawberry.Schema):
    """Strawberry's schema, logging errors through `log_errors` (Strawberry logs each with its traceback), and
    with `direct`, its compiled queries answered without graphql-core's execution (None: every request goes
    through Strawberry)."""

    direct: DirectAnswers | None = None

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        code_refusals(errors)
        log_errors(errors)


def build_schema(
    *, debug: bool = False, introspection: bool = True, compiled: bool = True,
    extensions: Sequence[Callable[[], SchemaExtension]] = (),
) -> PeelgraphSchema:
    """The API's schema; `compiled` answers the root fields it can with one Cypher statement (else every
    field goes through its resolver and the DataLoaders); `extensions` are added to its own (tracing's)."""
    # The limits' validation rules are built once: the validation cache recognises a document only when
    # it is validated with the very same rule classes.
    rules: list[type[ASTValidationRule]] = [
        NoEmptySelections,
        *map(_tolerating_empty_selections, QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules),
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    ]
    if not introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    # Factories, not instances: an extension holds the execution context of the request it serves, so each
    # request gets its own (the parser and validation caches live at module level).
    own: list[Callable[[], SchemaExtension]] = [
        partial(ParserCache, maxsize=256),
        partial(ValidationCache, maxsize=256),
        partial(AddValidationRules, rules),
        partial(MaxTokensLimiter, max_token_count=MAX_TOKENS),
        Accounting,
        *extensions,
    ]
    if not debug:
        own.append(PublicErrors)
    config = StrawberryConfig(scalar_map=SCALARS, disable_field_suggestions=not introspection)
    execution = CompiledExecution if compiled else BudgetedExecution
    built = PeelgraphSchema(
        query=Query, types=NODE_TYPES, extensions=own, config=config, execution_context_class=execution
    )
    if compiled:
        built.direct = DirectAnswers(built._schema, rules, MAX_TOKENS)
    return built


schema = build_schema()
"""The default schema, used to export `schema.graphql`."""
