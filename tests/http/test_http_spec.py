"""The GraphQL over HTTP specification, checked by the audit suite of the `graphql-http` package (its
`serverAudits`, run by Node.js from tests/http/node/) against the API over real HTTP."""

from __future__ import annotations

from tests.http.conftest import run_node
from tests.schema.conftest import Api

AUDITS = 61
"""How many audits graphql-http 1.23.1 (tests/http/node/package-lock.json) runs."""


def test_every_audit_of_the_specification_passes(api: Api) -> None:
    results = run_node("audit.js", api.graphql)
    failed = [f"{result['status']}: {result['name']} ({result['reason']})" for result in results
              if result["status"] != "ok"]
    assert not failed, "\n".join(failed)
    assert len(results) == AUDITS
