"""The container image, read from its files (no Docker engine on these machines): what `COPY . .` leaves out,
the user it runs as, and its production settings."""

from __future__ import annotations

import re

from peelgraph.settings import PROJECT_ROOT

NEVER_IN_THE_IMAGE = (
    ".env",
    "web/.env",
    ".env.production",
    ".git/config",
    ".neo4j/dev/password",
    ".neo4j/dev/data/dbms/auth.ini",
    ".neo4j/lib/neo4j-5.26.30.jar",
    ".neo4j-old/dev/password",
    ".venv/bin/python",
    "web/node_modules/vite/package.json",
    "bench/peer/node_modules/neo4j-driver/package.json",
    "test-artifacts/serve-8000.log",
    "peelgraph/__pycache__/cli.cpython-311.pyc",
)
IN_THE_IMAGE = ("pyproject.toml", "server.py", "peelgraph/cli.py", "cypher/read/ping.cypher", "web/dist/index.html",
                "docs/examples.graphql", "data/reference/forces.csv", "pom.xml")


def excluded(path: str, patterns: list[str]) -> bool:
    """Whether Docker leaves `path` out of the build context: a pattern matches it or one of its parent folders
    (patterns as Docker reads them: relative to the context, `**` for any number of folders; `!` re-includes)."""
    parts = path.split("/")
    candidates = ["/".join(parts[: index + 1]) for index in range(len(parts))]
    verdict = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        regex = re.compile(_glob(pattern.removeprefix("!").strip("/")))
        if any(regex.fullmatch(candidate) for candidate in candidates):
            verdict = not negate
    return verdict


def _glob(pattern: str) -> str:
    out = ""
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out += "(?:.*/)?"
            index += 3
        elif pattern[index] == "*":
            out += "[^/]*"
            index += 1
        elif pattern[index] == "?":
            out += "[^/]"
            index += 1
        else:
            out += re.escape(pattern[index])
            index += 1
    return out


def _patterns() -> list[str]:
    lines = (PROJECT_ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_image_gets_no_secret_no_history_and_no_neo4j_data() -> None:
    patterns = _patterns()
    assert not [path for path in NEVER_IN_THE_IMAGE if not excluded(path, patterns)]
    assert not [path for path in IN_THE_IMAGE if excluded(path, patterns)]


def test_the_image_runs_as_a_user_with_introspection_off() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, flags=re.MULTILINE)
    assert users and users[-1] not in ("root", "0"), users
    assert dockerfile.index("USER") > dockerfile.index("RUN pip install")
    assert re.search(r"PEELGRAPH_INTROSPECTION=false", dockerfile)


def test_compose_has_no_default_password() -> None:
    compose = (PROJECT_ROOT / "docker-compose.yml").read_text()
    assert "peelgraph-dev" not in compose
    assert "${NEO4J_PASSWORD:?" in compose
    assert 'PEELGRAPH_INTROSPECTION: "false"' in compose
