"""A report's PDF as the page-structured text the parser reads (`loaders/pages.py`).

pdfminer.six gives every line of text with its position and type size; the reading order is ours:
- the page's rows top to bottom, except where a run of rows stands on two sides of the page's middle with
  prose on both (a two-column page): there the left column is read before the right, piece by piece
  between the wide gaps that separate a summary grid's titles, grades and text;
- a table's cells on one row (a label, then its numbers) are one line, as the parser reads tables;
- footnotes (the rows in smaller type at the foot of a page, from the first that starts with a number)
  go below a blank "rule" line; a page number under them is set apart by a blank line;
- pages are separated by form feeds, so the page of every fact is the PDF's own page. Running headers,
  footers and page numbers are left to the parser's furniture step, which finds them by repetition.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peelgraph.loaders.errors import InputError
from peelgraph.loaders.pages import PAGE_BREAK

if TYPE_CHECKING:  # pdfminer takes a tenth of a second to import: only when a PDF is read
    from pdfminer.layout import LTChar, LTComponent, LTPage, LTTextLineHorizontal

PDF_MAGIC = b"%PDF-"
RULE = " " * 44
"""The blank line of spaces the parser reads as the rule above a page's footnotes."""
_END_MARKER = b"%%EOF"
_END_WINDOW = 2048
"""A complete PDF ends with `%%EOF` within its last bytes (incremental updates append after the first)."""
_SMALL = 0.9
"""Type smaller than this share of the body's is footnote type."""
_WIDE_GAP = 2.6
"""A gap between rows wider than this many line pitches separates pieces of a two-column run."""
_PARAGRAPH_GAP = 1.5
"""A gap wider than this many line pitches is a blank line between paragraphs."""
_PROSE_WIDTH = 0.3
"""In a two-column run, most right-hand cells are prose at least this share of the column wide (else a table)."""
_SUPERSCRIPT = 0.85
_FOOTNOTE_START = re.compile(r"\d{1,3}\s*\S")
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-\u2013]\s*\d{1,4}\s*[-\u2013]", re.I)
_FURNITURE_ROWS = 2


@dataclass(frozen=True, slots=True)
class _Cell:
    """One line of text as pdfminer groups it: a run of characters close together on a baseline."""

    x0: float
    x1: float
    bottom: float
    top: float
    size: float
    text: str


@dataclass(frozen=True, slots=True)
class _Row:
    """Cells side by side on the same baseline, left to right."""

    cells: tuple[_Cell, ...]

    @property
    def top(self) -> float:
        return max(cell.top for cell in self.cells)

    @property
    def bottom(self) -> float:
        return min(cell.bottom for cell in self.cells)

    @property
    def size(self) -> float:
        return max(cell.size for cell in self.cells)

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells)


def is_pdf(data: bytes) -> bool:
    """Whether the bytes are a PDF file (by its header, as readers find it: within the first kilobyte)."""
    return PDF_MAGIC in data[:1024]


def pdf_text(data: bytes, source: str) -> str:
    """The report's text, page by page with form feeds between pages, in reading order.

    Raises `InputError` (naming the file and what was expected) for a PDF that is damaged or truncated,
    encrypted, or has no text layer (a scan).
    """
    pages = [list(_cells(page)) for page in _layout(data, source)]
    if not any(pages):
        raise InputError(
            source, None, f"expected a PDF with a text layer, found none in its {len(pages)} page(s) "
            "(a scan? run it through OCR first)"
        )
    body_size = _body_size(pages)
    return PAGE_BREAK.join("\n".join(_page_lines(cells, body_size)) for cells in pages) + "\n"


def _layout(data: bytes, source: str) -> list[LTPage]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psexceptions import PSException

    if not is_pdf(data):
        raise InputError(source, None, "expected a PDF file (it does not start with %PDF-)")
    if _END_MARKER not in data[-_END_WINDOW:]:
        raise InputError(source, None, "expected a complete PDF, but it stops before its end (%%EOF): truncated?")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        pages = list(PDFPage.create_pages(document))
        _check_whole(document, pages)
        resources = PDFResourceManager()
        # boxes_flow=None: pdfminer's own ordering of text boxes is not used, so it is not computed.
        device = PDFPageAggregator(resources, laparams=LAParams(boxes_flow=None))
        interpreter = PDFPageInterpreter(resources, device)
        layouts = []
        for page in pages:
            interpreter.process_page(page)
            layouts.append(device.get_result())
        return layouts
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(source, None, "expected a PDF that opens without a password") from None
    except _Damaged as damage:
        raise InputError(source, None, f"expected a readable PDF, but it is damaged ({damage})") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise InputError(source, None, f"expected a readable PDF, but it is damaged ({_reason(error)})") from None


class _Damaged(Exception):
    """Damage pdfminer reads past silently: pages or page content lost."""


def _check_whole(document: object, pages: Sequence[object]) -> None:
    """Every page the document declares is there, and every compressed page content decompresses.

    pdfminer recovers what it can from a damaged file without a word: a page whose object is lost, or
    whose content stream does not decompress, would simply have no text.
    """
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import LIT

    declared = resolve1(resolve1(document.catalog["Pages"]).get("Count"))  # type: ignore[attr-defined]
    if isinstance(declared, int) and len(pages) < declared:
        raise _Damaged(f"{declared} pages declared, {len(pages)} found")
    for number, page in enumerate(pages, 1):
        for stream in page.contents:  # type: ignore[attr-defined]
            stream = resolve1(stream)
            if not isinstance(stream, PDFStream) or stream.rawdata is None:
                continue
            filters = [resolve1(item) for item in stream.get_filters()]
            if filters and filters[0][0] in (LIT("FlateDecode"), LIT("Fl")):
                try:
                    zlib.decompressobj().decompress(stream.rawdata)
                except zlib.error:
                    raise _Damaged(f"the content of page {number} does not decompress") from None


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:120] if text else type(error).__name__


def _cells(page: LTPage) -> Iterator[_Cell]:
    from pdfminer.layout import LTChar

    for line in _text_lines(page):
        chars = [item for item in line if isinstance(item, LTChar)]
        text = " ".join(_line_text(chars).split())
        if text:
            size = statistics.median(char.size for char in chars)
            yield _Cell(line.x0, line.x1, line.y0, line.y1, size, text)


def _text_lines(item: LTComponent) -> Iterator[LTTextLineHorizontal]:
    from pdfminer.layout import LTPage, LTTextContainer, LTTextLineHorizontal

    if isinstance(item, LTTextLineHorizontal):
        yield item
    elif isinstance(item, LTTextContainer | LTPage):
        for child in item:
            yield from _text_lines(child)


def _line_text(chars: Sequence[LTChar]) -> str:
    """The characters' text; pdfminer's word spaces come back from the gaps between them."""
    parts: list[str] = []
    for previous, char in zip([None, *chars], chars, strict=False):
        if previous is not None and not char.get_text().isspace() and not previous.get_text().isspace():
            gap = char.x0 - previous.x1
            if gap > 0.1 * max(previous.width, previous.height, char.width):
                parts.append(" ")
            elif _is_superscript(previous, char) and previous.get_text().isdigit() and char.get_text().isalpha():
                # A footnote's own number set as a superscript, its text straight after: `¹Outstanding`.
                parts.append(" ")
        parts.append(char.get_text())
    return "".join(parts)


def _is_superscript(char: LTChar, following: LTChar) -> bool:
    return char.size < _SUPERSCRIPT * following.size and char.y0 > following.y0 + 0.1 * following.size


def _body_size(pages: Sequence[Sequence[_Cell]]) -> float:
    """The type size most of the report's characters are set in."""
    weights: Counter[float] = Counter()
    for cells in pages:
        for cell in cells:
            weights[round(cell.size * 2) / 2] += len(cell.text)
    return weights.most_common(1)[0][0]


def _page_lines(cells: Sequence[_Cell], body_size: float) -> list[str]:
    rows = _rows(cells)
    body, footnotes, furniture = _split_foot(rows, body_size)
    lines = _body_lines(body)
    if footnotes:
        lines += ["", RULE, *(row.text for row in footnotes)]
    if furniture:
        lines += ["", *(row.text for row in furniture)]
    return lines


def _rows(cells: Sequence[_Cell]) -> list[_Row]:
    """Cells grouped by baseline (overlapping by half their height), top to bottom."""
    rows: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda cell: (-cell.top, cell.x0)):
        row = rows[-1] if rows else None
        if row and _overlap(row[0], cell) >= 0.5 * min(row[0].top - row[0].bottom, cell.top - cell.bottom):
            row.append(cell)
        else:
            rows.append([cell])
    return [_Row(tuple(sorted(row, key=lambda cell: cell.x0))) for row in rows]


def _overlap(first: _Cell, second: _Cell) -> float:
    return min(first.top, second.top) - max(first.bottom, second.bottom)


def _split_foot(rows: list[_Row], body_size: float) -> tuple[list[_Row], list[_Row], list[_Row]]:
    """The body rows, the footnote rows, and the page number or footer under the footnotes."""
    end = len(rows)
    while end > 0 and len(rows) - end < _FURNITURE_ROWS and _is_furniture(rows[end - 1], body_size):
        end -= 1
    start = end
    while start > 0 and rows[start - 1].size < _SMALL * body_size:
        start -= 1
    first_note = next((index for index in range(start, end) if _FOOTNOTE_START.match(rows[index].text)), None)
    if first_note is None:
        return rows, [], []
    return rows[:first_note], rows[first_note:end], rows[end:]


def _is_furniture(row: _Row, body_size: float) -> bool:
    """A page number, or a line in body type under the page's small print (a running footer)."""
    return bool(_PAGE_NUMBER.fullmatch(row.text)) or row.size >= _SMALL * body_size


def _body_lines(rows: list[_Row]) -> list[str]:
    if not rows:
        return []
    left = min(cell.x0 for row in rows for cell in row.cells)
    right = max(cell.x1 for row in rows for cell in row.cells)
    middle = (left + right) / 2
    ordered: list[_Row] = []
    for run in _runs(rows, middle):
        if _is_two_columns(run, middle, right):
            ordered += (row for piece in _pieces(run, _pitch(rows)) for column in _columns(piece, middle)
                        for row in column)
        else:
            ordered += run
    return _with_paragraphs(ordered, _pitch(rows))


def _pitch(rows: Sequence[_Row]) -> float:
    """The usual distance between the tops of consecutive lines."""
    steps = [upper.top - lower.top for upper, lower in itertools.pairwise(rows) if upper.top > lower.top]
    heights = [row.top - row.bottom for row in rows]
    return statistics.median(steps) if steps else statistics.median(heights)


def _crosses(row: _Row, middle: float) -> bool:
    return any(cell.x0 < middle - 2 < middle + 2 < cell.x1 for cell in row.cells)


def _runs(rows: list[_Row], middle: float) -> Iterator[list[_Row]]:
    """Consecutive rows: each row that crosses the page's middle alone, the rows between them together."""
    run: list[_Row] = []
    for row in rows:
        if _crosses(row, middle):
            if run:
                yield run
                run = []
            yield [row]
        else:
            run.append(row)
    if run:
        yield run


def _is_two_columns(run: list[_Row], middle: float, right: float) -> bool:
    """Prose on both sides of the middle; a table's right-hand cells are short (numbers)."""
    right_cells = [cell for row in run for cell in row.cells if cell.x0 >= middle]
    left_cells = [cell for row in run for cell in row.cells if cell.x1 <= middle]
    if not right_cells or not left_cells:
        return False
    prose = sum(cell.x1 - cell.x0 >= _PROSE_WIDTH * (right - middle) for cell in right_cells)
    return 2 * prose > len(right_cells)


def _pieces(run: list[_Row], pitch: float) -> Iterator[list[_Row]]:
    """The run cut at its wide gaps (a grid's titles, its grades, its text)."""
    piece = [run[0]]
    for upper, lower in itertools.pairwise(run):
        if upper.top - lower.top > _WIDE_GAP * pitch:
            yield piece
            piece = []
        piece.append(lower)
    yield piece


def _columns(piece: list[_Row], middle: float) -> Iterator[list[_Row]]:
    for side in (lambda cell: cell.x1 <= middle, lambda cell: cell.x1 > middle):
        column = [_Row(cells) for row in piece if (cells := tuple(cell for cell in row.cells if side(cell)))]
        if column:
            yield column


def _with_paragraphs(rows: Sequence[_Row], pitch: float) -> list[str]:
    """The rows' text, with a blank line where the gap above a row is wider than a line's, or a column starts."""
    lines: list[str] = []
    for previous, row in zip([None, *rows], rows, strict=False):
        if previous is not None and (previous.top - row.top > _PARAGRAPH_GAP * pitch or row.top > previous.top):
            lines.append("")
        lines.append(row.text)
    return lines
