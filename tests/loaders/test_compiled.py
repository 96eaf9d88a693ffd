"""The parser runs compiled (mypyc, loaders/compiled.py) where an install built it, reads every report exactly as its
Python sources do, and never runs a build older than the sources beside it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checkout import PROJECT_ROOT
from tests.loaders.damage import KINDS

LOADERS = PROJECT_ROOT / "loaders"
REPORT = PROJECT_ROOT / "data" / "reports" / "peel-2015-effectiveness-cambridgeshire.txt"
PARSE_ALL = """
import dataclasses, json, sys
from peelgraph.loaders.compiled import in_use
from peelgraph.loaders.report import default_forces, default_gazetteer, parse_report
from tests.loaders import damage
text = open(sys.argv[1], encoding="utf-8").read()
texts = [text, damage.all_damage(text), *(kind(text) for kind in damage.KINDS.values())]
documents = [
    dataclasses.asdict(parse_report(t, source="r.txt", forces=default_forces(), gazetteer=default_gazetteer()))
    for t in texts
]
print(json.dumps({"compiled": in_use(), "documents": documents}))
"""
COMPILED_IN_USE = "from peelgraph.loaders.compiled import in_use; print(in_use())"
"""Prints whether the parser runs compiled (`in_use` imports its modules to tell)."""


def python(code: str, *args: str | Path, cwd: Path = PROJECT_ROOT, pure: bool = False) -> str:
    environment = {name: value for name, value in os.environ.items() if name != "PEELGRAPH_PURE_PYTHON"}
    if pure:
        environment["PEELGRAPH_PURE_PYTHON"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], cwd=cwd, env=environment, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_install_runs_the_parser_compiled() -> None:
    assert python(COMPILED_IN_USE) == "True", (
        "the parser runs as Python: `make setup` compiles it (a C compiler and the build's mypyc are needed)"
    )


def test_compiled_and_python_read_every_damaged_report_the_same() -> None:
    compiled = json.loads(python(PARSE_ALL, REPORT))
    pure = json.loads(python(PARSE_ALL, REPORT, pure=True))
    assert (compiled["compiled"], pure["compiled"]) == (True, False)
    assert len(compiled["documents"]) == len(KINDS) + 2
    assert compiled["documents"] == pure["documents"]


@pytest.fixture
def copied_build(tmp_path: Path) -> Path:
    """The package's Python sources and the install's compiled build, copied to a folder of their own."""
    package = tmp_path / "peelgraph"
    package.mkdir()
    (package / "__init__.py").write_text("")
    shutil.copytree(LOADERS, package / "loaders", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def test_a_source_edited_after_the_build_runs_as_python(copied_build: Path) -> None:
    assert python(COMPILED_IN_USE, cwd=copied_build) == "True"
    edited = copied_build / "peelgraph" / "loaders" / "pages.py"
    edited.write_text(edited.read_text() + "\nEDITED = True\n")
    check = "import peelgraph.loaders.pages as pages; from peelgraph.loaders.compiled import in_use; "
    assert python(check + "print(in_use(), pages.EDITED)", cwd=copied_build) == "False True"


def test_an_install_without_the_sources_runs_the_build(copied_build: Path) -> None:
    for source in (copied_build / "peelgraph" / "loaders").glob("*.py"):
        if source.stem not in ("__init__", "compiled", "document", "errors", "files", "pdf", "reference"):
            source.unlink()
    assert python(COMPILED_IN_USE, cwd=copied_build) == "True"


def test_pure_python_can_be_asked_for_at_run_time() -> None:
    assert python(COMPILED_IN_USE, pure=True) == "False"
