"""The GraphQL schema: the root Query composed from small query classes, with the safety extensions."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from schema.errors import PublicErrors
from schema.stats import StatsQuery

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 2000

@strawberry.type(description="Everything the API can answer. There are no mutations: the API is read-only.")
class Query(StatsQuery):
    pass


def build_schema(*, debug: bool = False, introspection: bool = True) -> strawberry.Schema:
    extensions: list[Any] = [
        ParserCache(maxsize=256),
        ValidationCache(maxsize=256),
        QueryDepthLimiter(max_depth=MAX_DEPTH),
        MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        MaxTokensLimiter(max_token_count=MAX_TOKENS),
    ]
    if not introspection:
        extensions.append(AddValidationRules([NoSchemaIntrospectionCustomRule]))
    if not debug:
        extensions.append(PublicErrors())
    return strawberry.Schema(query=Query, extensions=extensions)


schema = build_schema()
"""The default schema, used to export `schema.graphql`."""
