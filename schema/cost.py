"""What a request may cost: the most objects its answer can hold, computed before any Cypher runs.

Every object field counts once for each time it can appear: a list multiplies what is below it by its page
size (`first`), by the number of ids asked for (`nodes`), or by its declared maximum (`schema/bounds.py`),
as GitHub's GraphQL API counts nodes. A long text counts as a few objects (its declared weight: a judgment's
summary 10, a passage's text 3), so that the budget bounds the answer's bytes as well as its objects. An
interface counts its costliest concrete type. The estimate is an upper bound of the answer's objects
(`extensions.cost.returned` counts the real ones), so a request under the budget cannot make an answer
over it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    get_named_type,
    get_nullable_type,
)
from graphql.execution.collect_fields import FieldDetailsList, FragmentDetails, collect_subfields
from graphql.execution.values import VariableValues, get_argument_values

from peelgraph.schema.bounds import bound_of, weight_of


@dataclass
class Estimate:
    """The most objects an answer can hold, and the lists that multiply them."""

    total: int = 0
    lists: list[tuple[str, int, int]] = field(default_factory=list)
    """(response path, items it can hold, objects below and including them), for each list selected."""

    @property
    def widest(self) -> str:
        """The list to page first: of those holding at least half the objects, the one asking for the most
        items (the deepest of equals); failing that (aliases side by side), the one holding the most."""
        heavy = [(items, path.count("."), path) for path, items, objects in self.lists if 2 * objects >= self.total]
        if heavy:
            return max(heavy)[2]
        return max(((objects, path) for path, _, objects in self.lists), default=(0, ""))[1]

    def note(self, path: str, items: int, objects: int) -> None:
        self.lists.append((path, items, objects))


class CostLimitExceeded(GraphQLError):
    """A request whose answer could hold more objects than the budget allows: refused before it runs."""

    def __init__(self, estimate: Estimate, limit: int) -> None:
        super().__init__(
            f"This request could return up to {estimate.total} objects, more than the limit of {limit}: ask "
            f"for fewer items of `{estimate.widest}` (its `first`, or fewer fields below it), or split the "
            "request.",
            extensions={"code": "COST_LIMIT", "cost": estimate.total, "limit": limit, "field": estimate.widest},
        )


def estimate(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDetails],
    variables: VariableValues,
    operation: OperationDefinitionNode,
    root_fields: Mapping[str, FieldDetailsList],
) -> Estimate:
    """The cost of an operation's root fields (as graphql-core collected them)."""
    walker = _Walker(schema, fragments, variables, operation)
    found = Estimate()
    root = schema.query_type
    if root is None:
        return found
    for key, details in root_fields.items():
        field_ = root.fields.get(details[0].node.name.value)
        if field_ is not None:
            found.total += walker.field(field_, details, 1, key, None, found)
    return found


@dataclass
class _Walker:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDetails]
    variables: VariableValues
    operation: OperationDefinitionNode

    def field(self, field_: GraphQLField, details: FieldDetailsList, times: int, path: str, page: int | None,
              found: Estimate) -> int:
        """The objects `field_` contributes when it appears `times` times (`page`: the enclosing connection's
        page size, for its `edges`)."""
        named = get_named_type(field_.type)
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            return times * weight_of(field_)  # a long text weighs like a few objects; other values nothing
        arguments = self.arguments(field_, details)
        is_list = isinstance(get_nullable_type(field_.type), GraphQLList)
        items = self.size(field_, arguments, page) if is_list else 1
        objects = times * items
        below = max((self.selection(concrete, details, objects, path, arguments, found)
                     for concrete in self.concrete(named)), default=0)
        if is_list:
            found.note(path, items, objects + below)
        return objects + below

    def selection(self, type_: GraphQLObjectType, details: FieldDetailsList, times: int, path: str,
                  arguments: Mapping[str, Any], found: Estimate) -> int:
        grouped, _, _ = collect_subfields(self.schema, self.fragments, self.variables, self.operation, type_, details)
        page = _int(arguments.get("first"))
        total = 0
        for key, field_details in grouped.items():
            field_ = type_.fields.get(field_details[0].node.name.value)
            if field_ is not None:
                edges = page if field_details[0].node.name.value == "edges" else None
                total += self.field(field_, field_details, times, f"{path}.{key}", edges, found)
        return total

    def concrete(self, type_: GraphQLObjectType | GraphQLInterfaceType) -> list[GraphQLObjectType]:
        if isinstance(type_, GraphQLObjectType):
            return [type_]
        return list(self.schema.get_possible_types(type_))

    def arguments(self, field_: GraphQLField, details: FieldDetailsList) -> Mapping[str, Any]:
        if not field_.args:
            return {}
        first = details[0]
        try:
            return get_argument_values(field_, first.node, self.variables, first.fragment_variable_values)
        except GraphQLError:
            return {}  # execution reports the argument; the bound stands in for it here

    def size(self, field_: GraphQLField, arguments: Mapping[str, Any], page: int | None) -> int:
        """How many items a list field can hold: as many as asked (`first`, the ids, the page of a connection's
        edges), never more than its declared maximum."""
        bound = bound_of(field_)
        if bound is None:
            raise ValueError(f"a list field declares no bound: {field_.ast_node or field_}")
        asked = _int(arguments.get("first"))
        if asked is None and isinstance(arguments.get("ids"), list):
            asked = len(arguments["ids"])
        if asked is None:
            asked = page
        return max(0, bound if asked is None else min(asked, bound))


def depends_on(value: Any) -> Any:
    """What of a variable's value a cost depends on: numbers (pages), the length of lists (ids), Booleans
    (`@skip`, `@include`); not text."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, list):
        return len(value)
    if isinstance(value, Mapping):
        return tuple((key, depends_on(item)) for key, item in sorted(value.items()))
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
