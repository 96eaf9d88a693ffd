"""Which parser modules mypyc compiles, and whether the compiled build in place is one of exactly these sources.

The parser's modules are plain Python, and an install compiles them to C extensions with mypyc (`setup.py`):
the same code, about a fifth faster (docs/benchmarks.md). The compiled modules call each other directly, so
they are used all together or not at all: only when the build's name carries the digest of the sources now
next to it. A source edited since the build (in a checkout), a build that failed or was skipped
(`PEELGRAPH_PURE_PYTHON=1` at install), or `PEELGRAPH_PURE_PYTHON=1` at run time: the Python sources run.

This module is read by `setup.py` before the package exists: it imports only the standard library.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

COMPILED = (
    "areas", "entities", "forces", "frontmatter", "furniture", "gazetteer", "glossary", "grades", "headings",
    "judgments", "metrics", "normalise", "pages", "previous", "prose", "report", "roles",
)  # fmt: skip
"""The modules of `loaders/` a parse runs (not the document types, the errors, file reading or the PDF reader)."""
PACKAGE = "peelgraph.loaders"
PURE_PYTHON = "PEELGRAPH_PURE_PYTHON"
"""Set to 1: install without compiling, or run the Python sources even where a compiled build is installed."""


def build_name(directory: Path) -> str:
    """The name of the compiled build of the sources in `directory` (mypyc's group, a module of this package)."""
    digest = hashlib.sha256()
    for module in COMPILED:
        digest.update((directory / f"{module}.py").read_bytes())
    return f"{PACKAGE}.parser_{digest.hexdigest()[:16]}"


def in_use() -> bool:
    """Whether the parser's modules run compiled in this process (they are imported to tell)."""
    modules = [importlib.import_module(f"{PACKAGE}.{module}") for module in COMPILED]
    return all(isinstance(module.__loader__, importlib.machinery.ExtensionFileLoader) for module in modules)


def choose(package_path: Sequence[str]) -> None:
    """Make the parser's modules import as Python sources unless the compiled build of these sources is installed.

    Called by `loaders/__init__.py`, before any of them is imported.
    """
    directory = Path(package_path[0])
    if os.environ.get(PURE_PYTHON) != "1" and _compiled_present(directory):
        try:
            name = build_name(directory)
        except OSError:
            return  # an install without the sources: the compiled build is all there is
        if importlib.util.find_spec(f"{name}__mypyc"):
            return
    if not any(isinstance(finder, _SourceFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder(directory))


def _compiled_present(directory: Path) -> bool:
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    return any((directory / f"{COMPILED[0]}{suffix}").exists() for suffix in suffixes)


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the parser's modules as their `.py` sources, ahead of any compiled extension beside them."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, module = fullname.rpartition(".")
        if package != PACKAGE or module not in COMPILED:
            return None
        return importlib.util.spec_from_file_location(fullname, self._directory / f"{module}.py")
