"""The HTTP policy is tested through the API, with the schema tests' client."""

from tests.schema.conftest import api

__all__ = ["api"]
