"""The parser's modules compiled to C with mypyc (loaders/compiled.py); everything else is in pyproject.toml.

Compiling is optional: with PEELGRAPH_PURE_PYTHON=1 at install, or where mypyc or a C compiler is missing, the
package installs as plain Python and reads every report the same, only slower.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

from setuptools import setup

LOADERS = Path("loaders")


def compiled_extensions() -> list:
    compiled = runpy.run_path(str(LOADERS / "compiled.py"))
    if os.environ.get(compiled["PURE_PYTHON"]) == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("peelgraph: mypyc is not installed; the parser installs as plain Python")
        return []
    name = compiled["build_name"](LOADERS)
    for stale in LOADERS.glob("parser_*__mypyc.*"):  # earlier in-place builds, of other sources
        if not stale.name.startswith(f"{name.rpartition('.')[2]}__mypyc."):
            stale.unlink()
    # Not the project's mypy settings (their pydantic plugin is not installed where the package is built), and
    # the PDF reader's pdfminer.six may not be installed yet either: the parser's own types are what matter.
    options = ["--config-file=", "--ignore-missing-imports"]
    try:
        extensions = mypycify(
            [*options, *(f"peelgraph/loaders/{module}.py" for module in compiled["COMPILED"])], group_name=name
        )
    except (Exception, SystemExit) as error:  # mypyc exits on what it cannot compile
        print(f"peelgraph: the parser installs as plain Python: mypyc could not compile it ({error})")
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: plain Python, not a failed install
    return extensions


setup(ext_modules=compiled_extensions())
