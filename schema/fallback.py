"""Relationship fields the DataLoader way, read from the same declarations the compiler reads.

A root field that does not compile (its arguments are refused, or `build_schema(compiled=False)`) is
answered by its resolvers. Each relationship field's resolver reads through a per-request DataLoader whose
one statement, for every parent asking with the same arguments, is generated from the field's declaration
in `schema/mapping.py` (`Emitter.related_rows`): so what a field reads is written once, and the compiled
and resolved answers differ only in how they are put together (`tests/schema/test_compiled_differential.py`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graphql import GraphQLField, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, get_named_type
from graphql.execution.collect_fields import FieldDetails
from graphql.execution.values import VariableValues, get_argument_values

from peelgraph.schema.compiler import Emitter, Scope
from peelgraph.schema.context import Info
from peelgraph.schema.mapping import NODE_LABELS, READS, Related

Row = dict[str, Any]


async def related(info: Info, parent: str | None, owner: str | None = None) -> Any:
    """What the field being resolved reads for the parent with the id `parent` (None for a root field), whose
    owner (the object it was reached from, for a field naming `{owner}`) has the id `owner`: the value of a
    `value` declaration, else per object a row (`node`: its properties, `labels`, `rel`: the relationship it
    keeps, and the objects the match provides, by field name): one row or None for a single object, a list
    for a list."""
    resolving: GraphQLResolveInfo = info._raw_info  # Strawberry's info does not name the parent type
    loaders = info.context.dataloaders
    key = (resolving.parent_type.name, resolving.field_name, tuple(map(id, resolving.field_nodes)))
    if key not in loaders.statements:
        loaders.statements[key] = statement(resolving)
    text, parameters, many = loaders.statements[key]
    found = await loaders.related(text, parameters).load((parent, owner))
    return [] if found is None and many else found


def statement(resolving: GraphQLResolveInfo) -> tuple[str, dict[str, Any], bool]:
    """The statement reading the resolving field for many parents (`$keys`: [parent id, owner id] pairs),
    returning each `key` with what it `found`; its parameters; whether it finds a list."""
    schema, parent_type, name = resolving.schema, resolving.parent_type, resolving.field_name
    field_ = parent_type.fields[name]
    declaration = _declared(field_)
    if not isinstance(declaration, Related):
        raise TypeError(f"{parent_type.name}.{name} does not read a relationship")
    details = [FieldDetails(node, None) for node in resolving.field_nodes]
    variables = _variables(resolving)
    emitter = Emitter(schema, {}, variables, resolving.operation)
    lookups = []
    if parent_type is not schema.query_type:
        lookups.append(_lookup("n", "key[0]", labels_of(schema)[parent_type.name]))
        if any("{owner}" in template for template in (declaration.match, *declaration.where, declaration.optional)):
            lookups.append(_lookup("owner", "key[1]", owners_of(schema)[parent_type.name]))
        scope = Scope("n", owner="owner")
    else:
        scope = Scope("null")
    found = emitter.related_rows(declaration, field_, details, scope)
    text = "UNWIND $keys AS key " + "".join(lookups) + f"RETURN key, {found} AS found"
    arguments = get_argument_values(field_, resolving.field_nodes[0], variables)
    parameters = {binding.parameter: binding.convert(arguments) for binding in emitter.bindings}
    return text, parameters, not declaration.single


def _variables(resolving: GraphQLResolveInfo) -> VariableValues:
    """The operation's variables as graphql-core's argument coercion takes them (Strawberry's executor hands
    resolvers the plain coerced values)."""
    given: Any = resolving.variable_values
    return given if isinstance(given, VariableValues) else VariableValues({}, given)


def _declared(field_: GraphQLField) -> Any:
    definition = field_.extensions.get("strawberry-definition")
    return None if definition is None else definition.metadata.get(READS)


def _lookup(variable: str, key: str, labels: tuple[str, ...]) -> str:
    matches = [f"MATCH ({variable}:{label} {{id: {key}}}) RETURN {variable}" for label in labels]
    return "CALL (key) { " + " UNION ".join(matches) + " } "


@cache
def labels_of(schema: GraphQLSchema) -> dict[str, tuple[str, ...]]:
    """The labels a node of each object type may have: its own name for a node label, else the `labels` of a
    declaration that reaches the type (a partner: a force or an organisation)."""
    labels: dict[str, tuple[str, ...]] = {label: (label,) for label in NODE_LABELS}
    for _, _, declaration, reached in _related_fields(schema):
        if declaration.labels and reached.name not in labels:
            labels[reached.name] = declaration.labels
    return labels


@cache
def owners_of(schema: GraphQLSchema) -> dict[str, tuple[str, ...]]:
    """The labels of the owner of each type reached through a relationship it keeps (a partner's force)."""
    labels = labels_of(schema)
    return {reached.name: labels[holder.name] for holder, _, declaration, reached in _related_fields(schema)
            if declaration.keeps and holder.name in labels}


def _related_fields(schema: GraphQLSchema) -> list[tuple[GraphQLObjectType, GraphQLField, Related, Any]]:
    found = []
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field_ in type_.fields.values():
            declaration = _declared(field_)
            if isinstance(declaration, Related):
                found.append((type_, field_, declaration, get_named_type(field_.type)))
    return found
