"""The GraphQL over HTTP specification, checked by the audit suite of the `graphql-http` package (its
`serverAudits`, run by Node.js from tests/http/audit/) against the API over real HTTP."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.checkout import PROJECT_ROOT
from tests.schema.conftest import Api

AUDIT = PROJECT_ROOT / "tests" / "http" / "audit"
AUDITS = 61
"""How many audits graphql-http 1.23.1 (package-lock.json) runs."""


def run_audit(url: str) -> list[dict[str, str]]:
    node = shutil.which("node")
    if node is None or not (AUDIT / "node_modules" / "graphql-http").is_dir():
        pytest.fail(f"the audit needs Node.js and its package: `make test` installs it (cd {AUDIT} && npm ci)")
    finished = subprocess.run([node, "audit.js", url], cwd=AUDIT, capture_output=True, text=True, timeout=300,
                              check=False)
    assert finished.returncode == 0, finished.stderr
    results: list[dict[str, str]] = json.loads(finished.stdout)
    return results


def test_every_audit_of_the_specification_passes(api: Api) -> None:
    results = run_audit(api.graphql)
    failed = [f"{result['status']}: {result['name']} ({result['reason']})" for result in results
              if result["status"] != "ok"]
    assert not failed, "\n".join(failed)
    assert len(results) == AUDITS
