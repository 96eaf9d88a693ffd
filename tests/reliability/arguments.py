"""Every argument of the schema that takes text, found in the schema itself, and a query that reaches each.

New fields and arguments are covered as soon as they are in the schema: an argument of a type no query
here can reach fails `test_every_string_argument_is_reachable` until a route is added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    build_schema,
    get_named_type,
    is_leaf_type,
    is_required_argument,
    is_required_input_field,
)

from peelgraph.schema.api import schema as strawberry_schema

SCHEMA: GraphQLSchema = build_schema(strawberry_schema.as_str())
NOT_TEXT = frozenset({"Int", "Float", "Boolean"})
"""Scalars that take no text; every other scalar (String, ID, Pillar...) is given the attack strings."""
NEUTRAL = {"ID": '"cambridgeshire"', "String": '"cambridgeshire"', "Pillar": '"effectiveness"', "Int": "2015",
           "Float": "1.0", "Boolean": "true"}
"""Values for the required arguments next to the one under attack."""

Wrap = Callable[[str], str]


@dataclass(frozen=True)
class Slot:
    """One place a text value can go: an argument, or a field of an input object argument (at any depth)."""

    owner: str
    """The type the field belongs to: Query, or a type reached through `node(id:)`."""
    field: GraphQLField
    field_name: str
    path: tuple[str, ...]
    """The argument's name, then the input fields down to the text value."""
    scalar: str
    wrap: Wrap
    """The argument's value around the text value's expression (lists, input objects)."""

    @property
    def name(self) -> str:
        return f"{self.owner}.{self.field_name}({'.'.join(self.path)})"

    def query(self, value: str, node_id: str | None = None) -> str:
        """An operation putting `value` (a `$v` or a literal) in this slot, with neutral required neighbours."""
        arguments = [f"{self.path[0]}: {self.wrap(value)}"]
        for name, argument in self.field.args.items():
            if name != self.path[0] and is_required_argument(argument):
                arguments.append(f"{name}: {neutral(argument.type)}")
        body = f"{self.field_name}({', '.join(arguments)}) {selection(self.field.type)}"
        if self.owner != "Query":
            assert node_id is not None, f"{self.name}: give the id of a {self.owner} to reach it through node(id:)"
            body = f'node(id: "{node_id}") {{ ... on {self.owner} {{ {body} }} }}'
        variable = f"($v: {self.scalar}!) " if value == "$v" else ""
        return f"query {variable}{{ {body} }}"


def is_text(scalar: str) -> bool:
    return scalar not in NOT_TEXT


def slots(accept: Callable[[str], bool] = is_text) -> list[Slot]:
    """Every slot for a scalar `accept`s (text by default) of every field of Query and of the Node types."""
    found: list[Slot] = []
    for owner in owners():
        for field_name, field in owner.fields.items():
            for argument_name, argument in field.args.items():
                for path, scalar, wrap in _values(argument.type, (argument_name,), accept):
                    found.append(Slot(owner.name, field, field_name, path, scalar, wrap))
    return found


def owners() -> list[GraphQLObjectType]:
    """Query and every object type implementing Node (reached with `node(id:)`)."""
    node = SCHEMA.get_type("Node")
    assert isinstance(node, GraphQLInterfaceType)
    query = SCHEMA.query_type
    assert query is not None
    return [query, *SCHEMA.get_implementations(node).objects]


def types_with_text_arguments() -> set[str]:
    """Every object or interface type that has a field with a text argument, wherever it sits."""
    found = set()
    for named in SCHEMA.type_map.values():
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType) and not named.name.startswith("__"):
            for field in named.fields.values():
                if any(True for argument in field.args.values() for _ in _values(argument.type, (), is_text)):
                    found.add(named.name)
    return found


def neutral(type_: GraphQLInputType) -> str:
    inner = _nullable(type_)
    if isinstance(inner, GraphQLList):
        return f"[{neutral(inner.of_type)}]"
    if isinstance(inner, GraphQLInputObjectType):
        return "{}"
    named = get_named_type(inner)
    if named.name in NEUTRAL:
        return NEUTRAL[named.name]
    values: Mapping[str, object] = getattr(named, "values", {})
    assert values, f"no neutral value for {named.name}: add one to NEUTRAL"
    return next(iter(values))


def selection(type_: GraphQLOutputType) -> str:
    """`{ __typename ... }` with every leaf field that needs no argument, or nothing for a leaf type."""
    named = get_named_type(type_)
    if is_leaf_type(named):
        return ""
    fields = getattr(named, "fields", {})
    leaves = [name for name, field in fields.items()
              if is_leaf_type(get_named_type(field.type)) and not any(map(is_required_argument, field.args.values()))]
    return "{ " + " ".join(["__typename", *leaves]) + " }"


def _values(
    type_: GraphQLInputType, path: tuple[str, ...], accept: Callable[[str], bool], depth: int = 0
) -> Iterator[tuple[tuple[str, ...], str, Wrap]]:
    assert depth < 8, f"input types nest too deeply at {path}"
    inner = _nullable(type_)
    if isinstance(inner, GraphQLList):
        for found_path, scalar, wrap in _values(inner.of_type, path, accept, depth + 1):
            yield found_path, scalar, partial(_in_list, wrap)
    elif isinstance(inner, GraphQLInputObjectType):
        for name, field in inner.fields.items():
            required = [other for other, spec in inner.fields.items()
                        if other != name and is_required_input_field(spec)]
            assert not required, f"{inner.name} requires {required}: give them values here"
            for found_path, scalar, wrap in _values(field.type, (*path, name), accept, depth + 1):
                yield found_path, scalar, partial(_in_object, name, wrap)
    elif isinstance(inner, GraphQLScalarType) and accept(inner.name):
        yield path, inner.name, str


def _in_list(wrap: Wrap, value: str) -> str:
    return f"[{wrap(value)}]"


def _in_object(name: str, wrap: Wrap, value: str) -> str:
    return f"{{{name}: {wrap(value)}}}"


def _nullable(type_: GraphQLInputType) -> GraphQLInputType:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_
