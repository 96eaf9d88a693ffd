"""Every list of the API is bounded: a page (`first`) or a declared maximum, beside the field that has it.

A list that grows with the data (the passages naming a regional unit run to thousands at national scale)
takes a `first` argument, with a default and a maximum; a list bounded by the model (a report's judgments,
one per question) has a declared maximum only. Both paths honour them with `LIMIT` (the resolvers' statements
are generated from the same declarations), the schema's descriptions state them, and `schema/cost.py`
multiplies by them.
"""

from __future__ import annotations

from graphql import GraphQLField

from peelgraph.schema.errors import UserInputError
from peelgraph.schema.mapping import READS, Related

QUESTIONS_PER_PILLAR = 10
"""A pillar's questions (the overall question 0 and a handful of in-depth ones): a report's judgments and a
grade matrix's columns."""

BOUND = "peelgraph.bound"
"""The metadata key of a list's declared maximum, for a list no `Related` declaration reads."""


WEIGHT = "peelgraph.weight"
"""The metadata key of a long text's weight in a request's cost: what it costs beside an object's own 1."""

LONG_TEXT = 3
"""A passage's or an area's text (a few hundred characters): about three small objects' worth of answer."""
SUMMARY = 10
"""A judgment's summary (about 1.5 KB)."""


def weighing(weight: int) -> dict[str, int]:
    """The `metadata` of a text field long enough to count in a request's cost (`schema/cost.py`)."""
    return {WEIGHT: weight}


def weight_of(field: GraphQLField) -> int:
    definition = field.extensions.get("strawberry-definition")
    return 0 if definition is None else int(definition.metadata.get(WEIGHT, 0))


def bounded(maximum: int) -> dict[str, int]:
    """The `metadata` of a list field that holds at most `maximum` items."""
    return {BOUND: maximum}


def page_of(default: int, maximum: int) -> str:
    """The description of a `first` argument: `default` items unless given, at most `maximum`."""
    return f"How many items: {default} unless given, at most {maximum}."


def bound_of(field: GraphQLField) -> int | None:
    """The declared maximum of a list field (None: not declared)."""
    definition = field.extensions.get("strawberry-definition")
    metadata = {} if definition is None else definition.metadata
    declared = metadata.get(READS)
    if isinstance(declared, Related) and declared.bound is not None:
        return declared.bound
    return metadata.get(BOUND)


def checked_first(first: int, maximum: int) -> int:
    """`first` if it is a page size the field allows; a clear error otherwise."""
    if first < 0:
        raise UserInputError(f"first must be 0 or more (got {first})")
    if first > maximum:
        raise UserInputError(f"first must be at most {maximum} (got {first})")
    return first
