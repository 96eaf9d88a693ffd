"""PDFs made from a report's text, in the published reports' layout, for the PDF reader's tests.

The text's pages become PDF pages: the single-column body; the summary pages in two columns (a grid per
pair of questions: the two titles side by side, the two grades under them in larger type, then each
question's summary in its own column, running on to the next page); tables as a label and number cells;
footnotes in smaller type at the foot of the page under their markers set as superscripts; the page
number in the footer. Which lines are in the right-hand column is written down here for the bundled
report (`BUNDLED_COLUMNS`), as a designer would lay it out; the reader is told nothing of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
"""DejaVu (Debian's fonts-dejavu-core): the report's curly quotes and dashes need a Unicode font."""
BODY_SIZE = 9.0
FOOTNOTE_SIZE = 7.0
TITLE_SIZE = 10.0
GRADE_SIZE = 13.0
MARGIN = 40.0
GUTTER = 24.0
LEADING = 1.28
GRID_GAP = 3
"""Blank lines between a grid's titles, its grades and its text (the boxes of the printed grid)."""

BUNDLED_COLUMNS: Mapping[int, str] = {
    2: "Cambridgeshire Constabulary\u2019s",
    3: "offenders to justice. Although many",
    4: "Cambridgeshire Constabulary is good at",
    5: "groups. There is some good early work",
}
"""For each two-column page of the bundled report, the first line of its right-hand column."""

_GRID_START = "How effective is the force at"
_TABLE_ROW = re.compile(
    r"(?P<label>[A-Za-z][^\d]*?[A-Za-z)*])(?P<numbers>(?:\s+(?:\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.\d{1,6})?){2,4})"
)
_FOOTNOTE = re.compile(r"(\d{1,3}) (\S.*)")
_LINK = re.compile(r"https?://\S+")
_MARKER = re.compile(r"(?<=[A-Za-z.,;:\u2019')\]])(\d{1,2})(?=[\s.,;:]|$)|(?<=(?:19|20)\d\d)(\d{1,2})(?=[\s.,;:]|$)")


@dataclass
class _Page:
    body: list[str]
    footnotes: list[str] = field(default_factory=list)


def text_pages(text: str) -> list[_Page]:
    """The text's pages (a line opening with one space starts one), footnotes apart, link lines left out."""
    pages: list[list[str]] = []
    for line in text.split("\n"):
        if line[:1] == " " and line[1:2].strip() and pages:
            pages.append([])
        if not pages:
            pages.append([])
        pages[-1].append(line)
    return [_split_page(lines) for lines in pages]


def _split_page(lines: list[str]) -> _Page:
    page = _Page([])
    index = 0
    while index < len(lines):
        line = lines[index]
        rule = not line.strip() and len(line) >= 10
        if rule and index + 1 < len(lines) and _FOOTNOTE.fullmatch(lines[index + 1].strip()):
            index += 1
            while index < len(lines) and lines[index].strip():
                page.footnotes.append(lines[index].strip())
                index += 1
            continue
        if not _LINK.fullmatch(line.strip()):
            page.body.append(line.strip())
        index += 1
    return page


class ReportPdf:
    """Lays out pages of text on a PDF with fpdf2, every line where the report's designer would put it."""

    def __init__(self, width: float, height: float) -> None:
        self.pdf = FPDF(unit="pt", format=(width, height))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_compression(True)
        self.pdf.add_font("body", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.pdf.add_font("body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.width, self.height = width, height
        self.text_width = width - 2 * MARGIN
        self.column_width = (self.text_width - GUTTER) / 2
        self.y = MARGIN

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = MARGIN

    def line(self, text: str, x: float = MARGIN, size: float = BODY_SIZE, *, bold: bool = False,
             markers: frozenset[int] = frozenset()) -> None:
        """One line at the cursor, footnote markers in it set as superscripts; the cursor moves down."""
        self.y += size * LEADING
        self.words(text, x, self.y, size, bold=bold, markers=markers)

    def words(self, text: str, x: float, baseline: float, size: float, *, bold: bool = False,
              markers: frozenset[int] = frozenset(), superscript: bool = False) -> float:
        """Draws the text from `x` on the baseline; returns where it ends."""
        style = "B" if bold else ""
        pieces = [(text, True)] if superscript else _pieces(text, markers)
        for piece, superscript in pieces:
            piece_size = size * 0.62 if superscript else size
            self.pdf.set_font("body", style, piece_size)
            self.pdf.text(x, baseline - (size * 0.38 if superscript else 0), piece)
            x += self.pdf.get_string_width(piece)
        return x

    def gap(self, lines: int = 1, size: float = BODY_SIZE) -> None:
        self.y += lines * size * LEADING

    def string_width(self, text: str, size: float) -> float:
        self.pdf.set_font("body", "", size)
        return self.pdf.get_string_width(text)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _pieces(text: str, markers: frozenset[int]) -> Iterator[tuple[str, bool]]:
    """The text cut around its footnote markers: (text, is a marker)."""
    position = 0
    for match in _MARKER.finditer(text):
        if int(match.group()) not in markers:
            continue
        if match.start() > position:
            yield text[position : match.start()], False
        yield match.group(), True
        position = match.end()
    if position < len(text):
        yield text[position:], False


def report_pdf(text: str, columns: Mapping[int, str] = BUNDLED_COLUMNS, *, page_numbers: bool = True) -> bytes:
    """The report's text as a PDF in the published layout (page `n` of the text is page `n` of the PDF)."""
    pages = text_pages(text)
    probe = ReportPdf(1000, 1000)
    width = 2 * MARGIN + max(
        max((probe.string_width(line, BODY_SIZE) for page in pages for line in page.body if len(line) > 50),
            default=0),
        max((probe.string_width(line, FOOTNOTE_SIZE) for page in pages for line in page.footnotes), default=0),
        2 * max(probe.string_width(line, BODY_SIZE) for number in columns for line in pages[number - 1].body
                if len(line) <= 50) + GUTTER,
    ) + 2
    height = 2 * MARGIN + max(_height(page) for page in pages)
    document = ReportPdf(width, height)
    for number, page in enumerate(pages, 1):
        document.new_page()
        markers = frozenset(int(_FOOTNOTE.fullmatch(note).group(1)) for note in page.footnotes  # type: ignore[union-attr]
                            if _FOOTNOTE.fullmatch(note))
        if number in columns:
            _two_column_page(document, page.body, columns[number], markers)
        else:
            _single_column(document, page.body, markers)
        _footnotes(document, page.footnotes)
        if page_numbers:
            label = str(number)
            x = (width - document.string_width(label, FOOTNOTE_SIZE)) / 2
            document.words(label, x, height - MARGIN / 2, FOOTNOTE_SIZE)
    return document.output()


def _height(page: _Page) -> float:
    return (len(page.body) + GRID_GAP * 4) * BODY_SIZE * LEADING + (len(page.footnotes) + 2) * FOOTNOTE_SIZE * LEADING


def _paragraph_lines(lines: Sequence[str]) -> Iterator[str]:
    """The lines with each run of blank lines as one."""
    previous = ""
    for line in lines:
        if line or previous:
            yield line
        previous = line


def _single_column(document: ReportPdf, lines: Sequence[str], markers: frozenset[int]) -> None:
    for line in _paragraph_lines(lines):
        row = _TABLE_ROW.fullmatch(line)
        if row:
            _table_row(document, row.group("label"), row.group("numbers").split())
        elif line:
            document.line(line, markers=markers)
        else:
            document.gap()


def _table_row(document: ReportPdf, label: str, numbers: Sequence[str]) -> None:
    """A label at the left, each number right-aligned in its own column over the right half of the page."""
    document.y += BODY_SIZE * LEADING
    document.words(label, MARGIN, document.y, BODY_SIZE)
    for index, number in enumerate(numbers):
        right = MARGIN + document.text_width * (0.5 + 0.5 * (index + 1) / len(numbers))
        document.words(number, right - document.string_width(number, BODY_SIZE), document.y, BODY_SIZE)


def _two_column_page(document: ReportPdf, lines: list[str], right_start: str, markers: frozenset[int]) -> None:
    """Single-column text down to the grid, if any; the grid's titles and grades; the two columns."""
    if _GRID_START in lines:
        grid = lines.index(_GRID_START)
        _single_column(document, lines[:grid], markers)
        document.gap(GRID_GAP)
        rest = lines[grid:]
        left_title, rest = _until_question_mark(rest)
        right_title, rest = _until_question_mark(rest)
        _side_by_side(document, left_title, right_title, TITLE_SIZE, bold=True)
        document.gap(GRID_GAP)
        grades = [line for line in rest[:8] if line]
        rest = rest[rest.index(grades[1]) + 1 :]
        _side_by_side(document, [grades[0]], [grades[1]], GRADE_SIZE, bold=True)
        document.gap(GRID_GAP)
    else:
        rest = lines
    split = next(index for index, line in enumerate(rest) if line.startswith(right_start))
    left = list(_paragraph_lines(_trimmed(rest[:split])))
    right = list(_paragraph_lines(_trimmed(rest[split:])))
    top = document.y
    for x, column in ((MARGIN, left), (MARGIN + document.column_width + GUTTER, right)):
        document.y = top
        for line in column:
            if line:
                document.line(line, x, markers=markers)
            else:
                document.gap()
    document.y = top + max(len(left), len(right)) * BODY_SIZE * LEADING


def _until_question_mark(lines: list[str]) -> tuple[list[str], list[str]]:
    lines = _trimmed(lines, end=False)
    end = next(index for index, line in enumerate(lines) if line.endswith("?"))
    return lines[: end + 1], lines[end + 1 :]


def _trimmed(lines: list[str], *, end: bool = True) -> list[str]:
    start = next((index for index, line in enumerate(lines) if line), len(lines))
    lines = lines[start:]
    while end and lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def _side_by_side(document: ReportPdf, left: Sequence[str], right: Sequence[str], size: float, *, bold: bool) -> None:
    top = document.y
    for x, column in ((MARGIN, left), (MARGIN + document.column_width + GUTTER, right)):
        document.y = top
        for line in column:
            document.line(line, x, size, bold=bold)
    document.y = top + max(len(left), len(right)) * size * LEADING


def _footnotes(document: ReportPdf, notes: Sequence[str]) -> None:
    """The page's footnotes at its foot, in small type, each number a superscript."""
    if not notes:
        return
    document.y = document.height - MARGIN - (len(notes) + 1) * FOOTNOTE_SIZE * LEADING
    previous = 0
    for note in notes:
        start = _FOOTNOTE.fullmatch(note)
        document.y += FOOTNOTE_SIZE * LEADING
        # As the parser reads them: a note starts at the page's first number, then at the next in turn.
        if start and (not previous or int(start.group(1)) == previous + 1):
            previous = int(start.group(1))
            end = document.words(start.group(1), MARGIN, document.y, FOOTNOTE_SIZE, superscript=True)
            document.words(start.group(2), end + 1, document.y, FOOTNOTE_SIZE)
        else:
            document.words(note, MARGIN, document.y, FOOTNOTE_SIZE)
