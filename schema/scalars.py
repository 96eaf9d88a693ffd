"""Custom scalars: `Pillar`, which takes a pillar written either as a string or as an enum-style name."""

from __future__ import annotations

from typing import Any, NewType

import strawberry
from graphql import EnumValueNode, GraphQLError, StringValueNode, ValueNode, print_ast
from strawberry.types.scalar import ScalarDefinition

from peelgraph.schema.errors import UserInputError

PILLARS = ("effectiveness", "efficiency", "legitimacy")

Pillar = NewType("Pillar", str)
"""A PEEL pillar as stored in the graph: 'effectiveness', 'efficiency' or 'legitimacy'."""


def parse_pillar(value: object) -> Pillar:
    """A pillar from a variable, in any case: 'effectiveness', 'EFFECTIVENESS'..."""
    if isinstance(value, str) and value.strip().lower() in PILLARS:
        return Pillar(value.strip().lower())
    raise UserInputError(_unknown(value))


def _parse_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> Pillar:
    # A GraphQLError carrying the node is reported as written, with its location.
    value = node.value if isinstance(node, StringValueNode | EnumValueNode) else print_ast(node)
    if isinstance(value, str) and value.lower() in PILLARS:
        return Pillar(value.lower())
    raise GraphQLError(_unknown(value), node)


def _unknown(value: object) -> str:
    return f"unknown pillar {value!r}: use effectiveness, efficiency or legitimacy (quoted or not, in any case)"


def _serialize(value: str) -> str:
    return value.lower()


SCALARS: dict[object, ScalarDefinition] = {
    Pillar: strawberry.scalar(
        name="Pillar",
        description=(
            "A PEEL pillar: effectiveness, efficiency or legitimacy. Accepted as a string or a bare name in any "
            "case (`pillar: \"effectiveness\"` or `pillar: EFFECTIVENESS`); always answered in lower case, as "
            "stored."
        ),
        serialize=_serialize,
        parse_value=parse_pillar,
        parse_literal=_parse_literal,
    )
}
