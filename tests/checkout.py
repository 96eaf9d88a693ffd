"""The source checkout the tests run from (the package itself finds its files through importlib.resources)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
