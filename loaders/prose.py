"""Wrapped lines back into paragraphs and sentences that remember which page each part is on."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from loaders.pages import Line

BULLETS = "\u2022\u00b7\u25aa\u25cf\u25e6"
"""Bullet characters: bullet, middle dot, small square, black circle, white bullet."""
OPENING_QUOTES = "'\"\u2018\u201c"
CLOSING_QUOTES = "'\"\u2019\u201d"
QUOTES = OPENING_QUOTES + CLOSING_QUOTES
EN_DASH = "\u2013"
_CAPTION = re.compile(r"Figure \d+\s*[:.]")
_SOURCE = re.compile(r"Source:")
_TABLE_ROW = re.compile(r"[A-Za-z][^\d]*?[A-Za-z)*]\d{0,2}\s+\d[\d,]*(?:\.\d+)?(?:\s+\d[\d,]*(?:\.\d+)?)+")
_SENTENCE_END = re.compile(rf"[.?!]([{CLOSING_QUOTES})\]]*)\s+(?=[{OPENING_QUOTES}(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "vs", "cf", "approx"})
_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_CAPITALISED = re.compile(r"[A-Z][\w-]*")


class Paragraph(NamedTuple):
    text: str
    line: int
    """The source line the paragraph starts on."""
    page_offsets: tuple[int, ...]
    pages: tuple[int, ...]
    """`pages[i]` is the page from character `page_offsets[i]` of `text` on."""

    def page_at(self, offset: int) -> int:
        """The page the character at `offset` was printed on."""
        return self.pages[max(bisect.bisect_right(self.page_offsets, offset) - 1, 0)]

    @property
    def page(self) -> int:
        return self.pages[0]


class Sentence(NamedTuple):
    text: str
    start: int
    paragraph: Paragraph

    @property
    def page(self) -> int:
        return self.paragraph.page_at(self.start)


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Group lines into paragraphs at blank lines, bullets, figure captions and table rows."""
    found: list[Paragraph] = []
    builder = _Builder()
    for line in lines:
        text = line.text
        if not text:
            builder.flush(found)
            continue
        if text[0] in BULLETS:
            builder.flush(found)
            text = text[1:].strip()
            if not text:
                continue
        elif (text[0] == "S" and _SOURCE.match(text)) or is_table_row(text):
            builder.flush(found)
            builder.add(text, line)
            builder.flush(found)
            continue
        elif (text[0] == "F" and _CAPTION.match(text)) or (
            line.page_start and builder.ends_sentence() and text[0].isupper()
        ):
            builder.flush(found)
        builder.add(text, line)
    builder.flush(found)
    return found


def single_paragraph(text: str, line: int, page: int) -> Paragraph:
    """A paragraph that is already one piece of text (a footnote)."""
    return Paragraph(text, line, (0,), (page,))


def sentences(paragraph: Paragraph) -> Iterator[Sentence]:
    """The paragraph's sentences, each with its offset in the paragraph."""
    for start, end in sentence_bounds(paragraph.text):
        yield Sentence(paragraph.text[start:end], start, paragraph)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence.

    A sentence ends at a full stop, question or exclamation mark (and any closing quotes) followed by a
    capital or a digit, but not after `e.g.`, `i.e.` and the like.
    """
    bounds = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        end = boundary.start()
        if text[max(text.rfind(" ", start, end) + 1, start) : end].lower().lstrip("(") in _ABBREVIATIONS:
            continue
        bounds.append((start, boundary.end(1)))
        start = boundary.end()
    if start < len(text):
        bounds.append((start, len(text.rstrip())))
    return bounds


def is_table_row(text: str) -> bool:
    """A flattened table row: a label followed by two or more numbers."""
    return text[-1:].isdigit() and bool(_TABLE_ROW.fullmatch(text))


def slug(text: str) -> str:
    """`Eastern Region Special Operations Unit` -> `eastern-region-special-operations-unit`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_DROP.sub("-", ascii_text.lower()).strip("-")


def capitalised_run_start(
    text: str, end: int, *, stop_words: frozenset[str], joiners: frozenset[str], limit: int = 6
) -> int:
    """Where the run of capitalised words ending in the space before `end` starts (`end` if none).

    `City of London Police`: from `Police`, the run is `City of London`; joiners count only between
    capitalised words, and the run stops at a stop word (`The`) or the start of the paragraph.
    """
    if end < 2 or text[end - 1] != " ":
        return end
    words = text[max(end - 100, text.rfind("\n", 0, end) + 1, 0) : end - 1].split(" ")
    start, taken = end - 1, 0
    for position in range(len(words) - 1, max(len(words) - 1 - limit, -1), -1):
        word = words[position]
        capitalised = bool(_CAPITALISED.fullmatch(word)) and word not in stop_words
        joins = word in joiners and taken and position > 0 and bool(_CAPITALISED.fullmatch(words[position - 1]))
        if not (capitalised or joins):
            break
        start -= len(word) + (1 if taken else 0)
        taken += 1
    return start if taken else end


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


class _Builder:
    __slots__ = ("first_line", "length", "offsets", "pages", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.first_line = 0
        self.offsets: list[int] = []
        self.pages: list[int] = []

    def add(self, text: str, line: Line) -> None:
        if "  " in text or not text.isprintable():
            text = squash(text)
        if not self.parts:
            self.first_line = line.number
        elif not (self.parts[-1].endswith("-") and self.parts[-1][-2:-1].isalnum()):
            self.parts.append(" ")
            self.length += 1
        if not self.pages or self.pages[-1] != line.page:
            self.offsets.append(self.length)
            self.pages.append(line.page)
        self.parts.append(text)
        self.length += len(text)

    def ends_sentence(self) -> bool:
        return bool(self.parts) and self.parts[-1].endswith((".", "?", "!", ":"))

    def flush(self, found: list[Paragraph]) -> None:
        if self.parts:
            text = "".join(self.parts)
            found.append(Paragraph(text, self.first_line, tuple(self.offsets), tuple(self.pages)))
        self.parts = []
        self.length = 0
        self.offsets = []
        self.pages = []
