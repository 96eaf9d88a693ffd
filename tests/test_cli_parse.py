"""`peelgraph parse`: warnings on stderr naming file and line, and --strict refusing them in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.graphstate import peelgraph
from tests.loaders.damage import all_damage

SEED = Path("data/reports/peel-2015-effectiveness-cambridgeshire.txt").resolve()


@pytest.fixture
def loose(tmp_path: Path) -> tuple[Path, int]:
    """The damaged report with one heading misspelt: the file, and the heading's line."""
    lines = all_damage(SEED.read_text(encoding="utf-8")).split("\n")
    heading = next(index for index, line in enumerate(lines) if line.strip().startswith("Areas"))
    lines[heading] = "Areas for improvment"
    path = tmp_path / "loose.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, heading + 1


def test_a_damaged_report_parses_with_a_warning(loose: tuple[Path, int]) -> None:
    path, line = loose
    result = peelgraph("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert "4 areas for improvement" in result.stdout
    assert result.stderr.strip() == (
        f"warning: {path}:{line}: expected the heading 'Areas for improvement', read 'Areas for improvment' as it"
    )


def test_strict_refuses_it_in_one_line(loose: tuple[Path, int]) -> None:
    path, line = loose
    result = peelgraph("parse", "--strict", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"error: {path}:{line}: expected the heading 'Areas for improvement', read 'Areas for improvment' as it"
    )


def test_the_bundled_report_has_no_warnings() -> None:
    result = peelgraph("parse", "--strict", "--json", str(SEED))
    assert result.returncode == 0 and result.stderr == ""
    assert '"warnings": []' in result.stdout


def test_a_pdf_parses_to_what_its_text_does(report_pdf_path: Path) -> None:
    from_pdf, from_text = peelgraph("parse", str(report_pdf_path)), peelgraph("parse", str(SEED))
    assert from_pdf.returncode == 0 and from_pdf.stderr == "", from_pdf.stderr
    assert from_pdf.stdout == from_text.stdout
    assert "Requires improvement" in from_pdf.stdout and "4 areas for improvement" in from_pdf.stdout


def test_extract_prints_the_text_the_parser_reads(report_pdf_path: Path) -> None:
    result = peelgraph("extract", str(report_pdf_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\f") == 35
    assert result.stdout.startswith("Overview \u2013 How effective is the force at keeping\n")


@pytest.mark.parametrize("command", ["parse", "extract", "load"])
def test_a_pdf_without_text_is_refused_in_one_line(tmp_path: Path, command: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 160, "F")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(bytes(pdf.output()))
    result = peelgraph(command, str(scan))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip() == (
        f"error: {scan}: expected a PDF with a text layer, found none in its 1 page(s) "
        "(a scan? run it through OCR first)"
    )
