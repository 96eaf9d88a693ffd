"""The import rule of docs/code-map.md, checked on the installed package's source: imports follow the data one
way (loaders -> graph -> schema -> server and command line), settings are handed down, each third-party
library stays in the layer that owns it, and every third-party import is a declared dependency."""

from __future__ import annotations

import ast
import os
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import packages_distributions
from importlib.resources import files
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.checkout import PROJECT_ROOT

PACKAGE = Path(str(files("peelgraph")))

LAYERS: dict[str, set[str]] = {
    "peelgraph.loaders": {"peelgraph.loaders"},
    "peelgraph.graph": {"peelgraph.graph", "peelgraph.loaders"},
    "peelgraph.schema": {"peelgraph.schema", "peelgraph.graph"},
}
"""What each lower layer may import of the project; the rest of peelgraph (command line, settings, server, HTTP
policy, pipeline, managed Neo4j) sits on top and may import any of it."""

OWNERS: dict[str, set[str]] = {
    "neo4j": {"peelgraph.graph"},
    "strawberry": {"peelgraph.schema", "peelgraph.server", "peelgraph.http"},
    "graphql": {"peelgraph.schema", "peelgraph.server", "peelgraph.http"},
    "pdfminer": {"peelgraph.loaders.pdf"},
}
"""Third-party libraries only these parts may import."""

NOT_THE_PACKAGE = {"graph", "loaders", "schema", "server", "cypher", "bench", "tests"}
"""Names that exist only in the checkout: an import of one works from the repository and fails once installed."""


@dataclass(frozen=True)
class Import:
    module: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.imported}"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> Iterator[tuple[str, Path]]:
    for folder, _, names in os.walk(PACKAGE, followlinks=True):
        for name in sorted(names):
            if name.endswith(".py"):
                path = Path(folder) / name
                yield module_name(path), path


def imports_of(module: str, path: Path) -> Iterator[Import]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                yield Import(module, node.lineno, f"{base}.{node.module}" if node.module else base)
            elif node.module != "__future__":
                assert node.module is not None
                yield Import(module, node.lineno, node.module)


ALL_IMPORTS = [found for module, path in package_modules() for found in imports_of(module, path)]


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def layer_of(module: str) -> str | None:
    return next((layer for layer in LAYERS if within(module, layer)), None)


def reaching_up(imports: list[Import]) -> list[str]:
    return [
        str(found) for found in imports
        if (layer := layer_of(found.module)) is not None and within(found.imported, "peelgraph")
        and not any(within(found.imported, allowed) for allowed in LAYERS[layer])
    ]


def test_every_part_is_seen() -> None:
    modules = {found.module for found in ALL_IMPORTS}
    for expected in ("peelgraph.cli", "peelgraph.server", "peelgraph.pipeline", "peelgraph.graph.write.writer",
                     "peelgraph.schema.api", "peelgraph.loaders.report"):
        assert expected in modules


def test_imports_point_one_way() -> None:
    wrong = reaching_up(ALL_IMPORTS)
    assert wrong == [], "a lower layer reaches up (docs/code-map.md):\n" + "\n".join(wrong)


def test_libraries_stay_with_their_owners() -> None:
    wrong = [
        str(found) for found in ALL_IMPORTS
        for library, owners in OWNERS.items()
        if within(found.imported, library) and not any(within(found.module, owner) for owner in owners)
    ]
    assert wrong == [], "\n".join(wrong)


LOADERS_LIBRARIES = {"pdfminer"}
"""The one third-party library of loaders/: the PDF reader's (only `loaders/pdf.py` may import it, OWNERS)."""


def test_loaders_use_the_standard_library_only() -> None:
    wrong = [
        str(found) for found in ALL_IMPORTS
        if within(found.module, "peelgraph.loaders") and not within(found.imported, "peelgraph")
        and found.imported.partition(".")[0] not in sys.stdlib_module_names | LOADERS_LIBRARIES
    ]
    assert wrong == [], "\n".join(wrong)


def test_nothing_imports_the_checkout() -> None:
    wrong = [str(found) for found in ALL_IMPORTS if found.imported.partition(".")[0] in NOT_THE_PACKAGE]
    assert wrong == [], "import these through peelgraph.*:\n" + "\n".join(wrong)


def declared_dependencies() -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {canonicalize_name(Requirement(line).name) for line in project["dependencies"]}


def test_every_third_party_import_is_a_declared_dependency() -> None:
    distributions = packages_distributions()
    declared = declared_dependencies()
    wrong = []
    for found in ALL_IMPORTS:
        top = found.imported.partition(".")[0]
        if top in sys.stdlib_module_names or top == "peelgraph":
            continue
        providers = {canonicalize_name(name) for name in distributions.get(top, [])}
        if not providers & declared:
            wrong.append(f"{found}: from {sorted(providers) or 'nothing installed'}, not in [project] dependencies")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(("module", "imported", "allowed"), [
    ("peelgraph.graph.write.writer", "peelgraph.settings", False),
    ("peelgraph.loaders.report", "peelgraph.graph.write.rows", False),
    ("peelgraph.schema.api", "peelgraph.pipeline", False),
    ("peelgraph.graph.write.rows", "peelgraph.loaders.document", True),
    ("peelgraph.pipeline", "peelgraph.graph.write.writer", True),
])
def test_the_rule_itself(module: str, imported: str, allowed: bool) -> None:
    assert (reaching_up([Import(module, 1, imported)]) == []) is allowed
