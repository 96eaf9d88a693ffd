"""Reports as PDFs: made here from the bundled report in the published layout, they read to its facts.

The PDFs are written with fpdf2 (`tests/loaders/pdfs.py`): two-column summary pages with the grids,
the single-column body, tables, footnotes in smaller type under superscript markers, page numbers in the
footer. What the reader gets from them must parse to the same document as the extracted text.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from peelgraph.loaders.document import ReportDocument
from peelgraph.loaders.errors import InputError
from peelgraph.loaders.pages import PAGE_BREAK
from peelgraph.loaders.pdf import RULE, pdf_text
from peelgraph.loaders.report import read_report
from tests.loaders.pdfs import BUNDLED_COLUMNS, report_pdf, text_pages
from tests.loaders.test_damage import check_facts, without_identity


@pytest.fixture(scope="module", params=[True, False], ids=["page numbers", "no page numbers"])
def pdf_path(request: pytest.FixtureRequest, seed_text: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("numbered" if request.param else "unnumbered")
    path = folder / "peel-2015-effectiveness-cambridgeshire.pdf"
    path.write_bytes(report_pdf(seed_text, page_numbers=request.param))
    return path


@pytest.fixture(scope="module")
def from_pdf(pdf_path: Path) -> ReportDocument:
    return read_report(pdf_path)


@pytest.fixture(scope="module")
def extracted(pdf_path: Path) -> str:
    return pdf_text(pdf_path.read_bytes(), str(pdf_path))


def _pages(entities: Any) -> dict[str, list[tuple[int, str]]]:
    return {entity.id: [(mention.page, mention.role) for mention in entity.mentions] for entity in entities}


def test_the_pdf_holds_the_grades_areas_organisations_schemes_and_metrics_of_the_text(
    from_pdf: ReportDocument, seed: ReportDocument
) -> None:
    check_facts(from_pdf)
    assert from_pdf.overall.grade == seed.overall.grade
    assert [(q.number, q.grade, q.evidence.page) for q in from_pdf.questions] == [
        (q.number, q.grade, q.evidence.page) for q in seed.questions
    ]
    assert [[(a.text, a.evidence.page) for a in q.areas_for_improvement] for q in from_pdf.questions] == [
        [(a.text, a.evidence.page) for a in q.areas_for_improvement] for q in seed.questions
    ]
    assert _pages(from_pdf.organisations) == _pages(seed.organisations)
    assert _pages(from_pdf.schemes) == _pages(seed.schemes)
    assert [(m.id, m.value, m.unit, m.evidence.page) for m in from_pdf.metrics] == [
        (m.id, m.value, m.unit, m.evidence.page) for m in seed.metrics
    ]
    assert [(g.term, g.page) for g in from_pdf.glossary] == [(g.term, g.page) for g in seed.glossary]


def test_the_pdf_reads_to_the_whole_document_of_the_text(from_pdf: ReportDocument, seed: ReportDocument) -> None:
    """Every summary, quote, page, entity, footnote and figure; only the file and its digest differ."""
    assert from_pdf.warnings == ()
    pdf_data, text_data = without_identity(from_pdf), without_identity(seed)
    pdf_data["report"].pop("source")
    text_data["report"].pop("source")
    assert pdf_data == text_data
    assert from_pdf.report.sha256 != seed.report.sha256


def test_pages_footnotes_and_page_numbers_are_laid_out_for_the_parser(
    pdf_path: Path, extracted: str, seed_text: str
) -> None:
    pages = extracted.split(PAGE_BREAK)
    expected = text_pages(seed_text)
    assert len(pages) == len(expected) == 36
    for number, (page, source) in enumerate(zip(pages, expected, strict=True), 1):
        lines = page.removesuffix("\n").split("\n")
        if source.footnotes:
            notes = lines[lines.index(RULE) + 1 :][: len(source.footnotes)]
            assert [" ".join(note.split()) for note in notes] == [" ".join(note.split()) for note in source.footnotes]
        else:
            assert RULE not in lines, number
        if pdf_path.parent.name.startswith("numbered"):
            # The page number stays last, apart from the footnotes above it; the parser drops it as furniture.
            assert lines[-2:] == ["", str(number)] if source.footnotes else lines[-1] == str(number), number
        else:
            assert lines[-1] != str(number), number


def test_the_two_columns_are_read_left_column_first(extracted: str) -> None:
    page = extracted.split(PAGE_BREAK)[1].split("\n")
    left, right = page.index("ensures that generally well-trained"), page.index(BUNDLED_COLUMNS[2])
    titles = [index for index, line in enumerate(page) if line == "How effective is the force at"]
    grades = [page.index("Good"), page.index("Requires improvement")]
    assert titles[0] < titles[1] < grades[0] < grades[1] < left < right


def _empty_pdf() -> bytes:
    """A page with only a filled box on it: what a scanner makes, without the image."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(180)
    pdf.rect(20, 20, 120, 160, "F")
    return bytes(pdf.output())


def _content_damaged(data: bytes, page_index: int) -> bytes:
    """The PDF with bytes in the middle of one page's compressed content overwritten."""
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    page = list(PDFPage.create_pages(document))[page_index]
    start = data.index(b"stream\n", data.index(b"\n%d 0 obj" % page.attrs["Contents"].objid)) + len(b"stream\n")
    return data[: start + 20] + bytes(byte ^ 0x5A for byte in data[start + 20 : start + 60]) + data[start + 60 :]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda data: _empty_pdf(), "expected a PDF with a text layer, found none in its 1 page(s)"),
        (lambda data: data[: len(data) // 2], "expected a complete PDF, but it stops before its end"),
        (lambda data: data[: len(data) // 2] + b"\n%%EOF\n", "expected a readable PDF, but it is damaged"),
        (lambda data: data[: len(data) // 3] + b"\0" * 4096 + data[len(data) // 3 + 4096 :],
         "expected a readable PDF, but it is damaged"),
        (lambda data: _content_damaged(data, 2), "damaged (the content of page 3 does not decompress)"),
        (lambda data: b"Overview: not a PDF at all\n", "expected a PDF file (it does not start with %PDF-)"),
    ],
    ids=["no text layer", "truncated", "truncated, end marker added", "overwritten", "page content", "not a PDF"],
)
def test_a_pdf_without_text_or_damaged_is_refused_naming_the_file(
    pdf_path: Path, tmp_path: Path, damage: Any, expected: str
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(damage(pdf_path.read_bytes()))
    with pytest.raises(InputError) as raised:
        read_report(bad)
    assert str(raised.value).startswith(f"{bad}: ")
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)
