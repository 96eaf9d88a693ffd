"""How the API executes a query: Strawberry's executor, with lists of plain objects completed in one pass.

graphql-core resolves every field of every list item on its own (a resolve info, the resolver, the
completion of the value), which costs more than the Neo4j read behind a long list: 4,300 passages naming
a regional unit took longer to complete than to read. When every field selected on a list's items is a
plain attribute (no resolver, no arguments) of a scalar, an enum or another such object, the list is
completed here in one pass through the same resolvers and serialisers. Anything else (a resolver, an
argument, an abstract type, a null where none may be, a value a serialiser refuses, @defer or @stream)
goes the ordinary way, so answers and errors are the same either way; `tests/schema/test_execution.py`
compares the two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from operator import attrgetter
from typing import Any

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLString,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

Complete = Callable[[Any, GraphQLResolveInfo], Any]


class NotPlain(Exception):
    """A value the one-pass completion does not handle: the list is completed the ordinary way."""


class PlainListExecution(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, completing lists of plain objects in one pass."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Keyed like graphql-core's own subfield cache: by type and the identity of the field list, which
        # is kept alive beside its entry so that the identity cannot be reused during the request.
        self._plain: dict[tuple[GraphQLOutputType, int], tuple[FieldDetailsList, Complete | None]] = {}

    def complete_iterable_value(
        self,
        item_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo,
        path: Path,
        items: Iterable[Any],
        position_context: Any,
    ) -> Any:
        # Strawberry always passes a middleware manager; only one holding middleware wraps the resolvers.
        if isinstance(items, list | tuple) and not (self.middleware_manager and self.middleware_manager.middlewares):
            complete = self._completion(item_type, field_details_list)
            if complete is not None and self.get_stream_usage(field_details_list, path) is None:
                # Anything unexpected (a null where none may be, a value a serialiser refuses) is completed again
                # the ordinary way, which raises or reports it as it should; plain resolvers only read attributes.
                with suppress(Exception):
                    return [complete(item, info) for item in items]
        return super().complete_iterable_value(item_type, field_details_list, info, path, items, position_context)

    def _completion(self, type_: GraphQLOutputType, field_details_list: FieldDetailsList) -> Complete | None:
        key = (type_, id(field_details_list))
        cached = self._plain.get(key)
        if cached is None:
            cached = (field_details_list, self._plan(type_, field_details_list))
            self._plain[key] = cached
        return cached[1]

    def _plan(self, type_: GraphQLOutputType, field_details_list: FieldDetailsList) -> Complete | None:
        """A function completing one value of `type_`, or None when values of it are not plain."""
        required = is_non_null_type(type_)
        inner = type_.of_type if is_non_null_type(type_) else type_
        if is_leaf_type(inner):
            return _leaf(inner, required)
        if is_list_type(inner):
            item = self._completion(inner.of_type, field_details_list)
            return None if item is None else _list(item, required)
        if not is_object_type(inner):
            return None
        grouped, defer_usages, _ = self.collect_subfields(inner, field_details_list)
        if defer_usages:
            return None
        fields: list[tuple[str, Any, Complete | None]] = []
        for response_key, details in grouped.items():
            node = details[0].node
            if node.name.value == "__typename":
                fields.append((response_key, inner.name, None))
                continue
            field = inner.fields.get(node.name.value)
            if field is None or field.args or node.arguments or not getattr(field.resolve, "_is_default", False):
                return None
            complete = self._completion(field.type, details)
            if complete is None:
                return None
            fields.append((response_key, _reader(field), complete))
        return _object(inner, fields, required)


def _reader(field: GraphQLField) -> Callable[[Any], Any]:
    """What Strawberry's resolver of a plain field does: read the attribute (or call its own resolver)."""
    definition = field.extensions.get("strawberry-definition")
    if definition is not None and definition.base_resolver is None and definition.default_resolver is getattr:
        return attrgetter(definition.python_name)
    resolve = field.resolve
    if resolve is None:
        raise ValueError("a plain field has Strawberry's resolver")
    return lambda value: resolve(value, None)


def _leaf(type_: GraphQLLeafType, required: bool) -> Complete:
    coerce = type_.coerce_output_value
    # What the built-in serialisers answer for these exact Python types, without their checks for others.
    text, integer = type_ in (GraphQLString, GraphQLID), type_ is GraphQLInt

    def complete(value: Any, info: GraphQLResolveInfo) -> Any:
        if value is None:
            if required:
                raise NotPlain
            return None
        kind = type(value)
        if (kind is str and text) or (kind is int and integer and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT):
            return value
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise NotPlain
        return coerced

    return complete


def _list(item: Complete, required: bool) -> Complete:
    def complete(value: Any, info: GraphQLResolveInfo) -> Any:
        if value is None:
            if required:
                raise NotPlain
            return None
        if not isinstance(value, list | tuple):
            raise NotPlain
        return [item(element, info) for element in value]

    return complete


def _object(type_: GraphQLObjectType, fields: list[tuple[str, Any, Complete | None]], required: bool) -> Complete:
    is_type_of = type_.is_type_of

    def complete(value: Any, info: GraphQLResolveInfo) -> Any:
        if value is None:
            if required:
                raise NotPlain
            return None
        if is_type_of is not None and not is_type_of(value, info):
            raise NotPlain
        return {
            key: read if complete_field is None else complete_field(read(value), info)
            for key, read, complete_field in fields
        }

    return complete
