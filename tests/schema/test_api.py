"""The schema's extensions: built per request, with the parser and validation caches still shared."""

from __future__ import annotations

import uuid

from strawberry.extensions import ValidationCache

from peelgraph.schema.api import build_schema


async def test_a_repeated_document_is_validated_once() -> None:
    schema = build_schema()
    cached = ValidationCache(maxsize=256).cached_validate_document
    query = f"{{ __typename }} # {uuid.uuid4()}"
    before = cached.cache_info()
    first = await schema.execute(query)
    second = await schema.execute(query)
    after = cached.cache_info()
    assert first.errors is None and second.errors is None
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 1)


async def test_round_trips_are_reported_per_request() -> None:
    result = await build_schema().execute("{ __typename }")
    assert result.extensions == {"roundTrips": 0}
