"""Fixtures for the parser tests: the bundled report's text, and parsing with the bundled reference data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from peelgraph.loaders.document import ReportDocument
from peelgraph.loaders.reference import REPORTS_DIR
from peelgraph.loaders.report import default_forces, default_gazetteer, parse_report

SEED = REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt"

Parse = Callable[[str], ReportDocument]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def parse() -> Parse:
    def parse_text(text: str) -> ReportDocument:
        return parse_report(text, source="report.txt", forces=default_forces(), gazetteer=default_gazetteer())

    return parse_text


@pytest.fixture(scope="session")
def seed(parse: Parse, seed_text: str) -> ReportDocument:
    return parse(seed_text)
