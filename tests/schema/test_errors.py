"""What clients and logs see of errors: user mistakes as written, outages as one fixed line, bugs masked."""

from __future__ import annotations

import logging

import pytest
from graphql import GraphQLError

from peelgraph.graph.errors import GraphUnavailable
from peelgraph.schema.errors import UNAVAILABLE_MESSAGE, PublicErrors, UserInputError, log_errors
from tests.schema.conftest import Api


def _masked(original: Exception) -> GraphQLError:
    error = GraphQLError(str(original), original_error=original)
    extension = PublicErrors()
    return extension.anonymise_error(error) if extension.should_mask_error(error) else error


def test_user_errors_are_shown_as_written() -> None:
    assert _masked(UserInputError("first must be at most 100")).message == "first must be at most 100"


def test_outages_become_a_fixed_message() -> None:
    error = _masked(GraphUnavailable("Neo4j at bolt://127.0.0.1:7688 is not answering"))
    assert (error.message, error.extensions) == (UNAVAILABLE_MESSAGE, {"code": "GRAPH_UNAVAILABLE"})


def test_bugs_are_masked() -> None:
    error = _masked(KeyError("MATCH (n) RETURN n"))
    assert (error.message, error.extensions) == ("Unexpected error.", {"code": "INTERNAL_ERROR"})


def test_expected_errors_log_one_line_without_traceback(caplog: pytest.LogCaptureFixture) -> None:
    outage = GraphQLError("graph down", original_error=GraphUnavailable("down"))
    with caplog.at_level(logging.WARNING, logger="peelgraph.api"):
        log_errors([outage, outage, outage, GraphQLError("bad", original_error=UserInputError("bad"))])
    assert [record.getMessage() for record in caplog.records] == [
        "GraphQL request failed: graph down (3 fields)", "GraphQL request refused: bad"
    ]
    assert all(record.exc_info is None for record in caplog.records)


def test_bugs_log_their_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="peelgraph.api"):
        log_errors([GraphQLError("boom", original_error=KeyError("k"))])
    assert caplog.records[0].levelno == logging.ERROR and caplog.records[0].exc_info is not None


@pytest.mark.parametrize(("query", "field"), [
    ('{ force(id: "essex") { } }', "force"),
    ('{ force(id: "essex") { name reports { } } }', "reports"),
])
def test_an_empty_selection_is_refused_saying_which(api: Api, query: str, field: str) -> None:
    answer = api.post(query)
    assert answer["data"] is None
    assert [error["message"] for error in answer["errors"]] == [
        f"The selection of `{field}` is empty: ask for at least one of its fields."
    ]
