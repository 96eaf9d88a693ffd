"""Wrapped lines back into paragraphs and sentences that remember which page each part is on."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple

from peelgraph.loaders.pages import Line

BULLETS: Final = "\u2022\u00b7\u25aa\u25cf\u25e6"
"""Bullet characters: bullet, middle dot, small square, black circle, white bullet."""
OPENING_QUOTES: Final = "'\"\u2018\u201c"
CLOSING_QUOTES: Final = "'\"\u2019\u201d"
QUOTES: Final = OPENING_QUOTES + CLOSING_QUOTES
EN_DASH: Final = "\u2013"
_CAPTION: Final = re.compile(r"Figure \d+\s*[:.]")
_SOURCE: Final = re.compile(r"Source:")
_TABLE_ROW: Final = re.compile(r"[A-Za-z][^\d]*?[A-Za-z)*]\d{0,2}\s+\d[\d,]*(?:\.\d+)?(?:\s+\d[\d,]*(?:\.\d+)?)+")
_SENTENCE_END: Final = re.compile(rf"[.?!]([{CLOSING_QUOTES})\]]*)\s+(?=[{OPENING_QUOTES}(\[]?[A-Z0-9])")
_FULL_STOP_END: Final = re.compile(_SENTENCE_END.pattern.replace("[.?!]", r"\.", 1))
"""`_SENTENCE_END` for text without `?` or `!`: the regex engine scans for one literal character far faster."""
_ABBREVIATIONS: Final = frozenset({"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "vs", "cf", "approx"})
_ABBREVIATION_MAX: Final = max(map(len, _ABBREVIATIONS))
_SLUG_DROP: Final = re.compile(r"[^a-z0-9]+")
_CAPITALISED: Final = re.compile(r"[A-Z][\w-]*")
_BREAK_OPENERS: Final = frozenset(BULLETS + "SF")
"""First characters of lines that may start a paragraph: bullets, `Source:` and `Figure N:`."""


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
    """Group lines into paragraphs at blank lines, bullets, figure captions and table rows.

    The lines are in order, as `clean` gives them: their pages never decrease.
    """
    texts = [line.text for line in lines]
    spans: list[tuple[int, int]] = []  # each paragraph's first line and the line after its last
    start = 0
    for index, text in enumerate(texts):
        if text and text[0] not in _BREAK_OPENERS and not text[-1].isdigit() and not lines[index].page_start:
            continue  # the common case, in short: nothing below breaks the paragraph
        if not text:
            spans.append((start, index))
            start = index + 1
        elif text[0] in BULLETS:
            spans.append((start, index))
            texts[index] = text[1:].strip()
            start = index if texts[index] else index + 1
        elif (text[0] == "S" and _SOURCE.match(text)) or (text[-1].isdigit() and is_table_row(text)):
            spans += ((start, index), (index, index + 1))
            start = index + 1
        elif (text[0] == "F" and _CAPTION.match(text)) or (
            lines[index].page_start and start < index and _ends_sentence(texts[index - 1]) and text[0].isupper()
        ):
            spans.append((start, index))
            start = index
    spans.append((start, len(texts)))
    return [_paragraph(texts[begin:end], lines[begin:end]) for begin, end in spans if begin < end]


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
    ends = _SENTENCE_END if "?" in text or "!" in text else _FULL_STOP_END
    for boundary in ends.finditer(text):
        end = boundary.start()
        if _abbreviation_before(text, start, end):
            continue
        bounds.append((start, boundary.end(1)))
        start = boundary.end()
    if start < len(text):
        bounds.append((start, len(text.rstrip())))
    return bounds


def _abbreviation_before(text: str, start: int, end: int) -> bool:
    """Whether the word of `text[start:end]` that ends at `end` is an abbreviation (`e.g`), not a sentence's end."""
    word_start = text.rfind(" ", start, end) + 1 or start
    if end - word_start > _ABBREVIATION_MAX and text[word_start] != "(":
        return False  # lower-casing never shortens a word: one longer than every abbreviation is none
    return text[word_start:end].lower().lstrip("(") in _ABBREVIATIONS


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
    window = max(end - 100, 0)
    words = text[text.rfind("\n", window, end) + 1 or window : end - 1].split(" ")
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


def _ends_sentence(text: str) -> bool:
    return _squashed(text).endswith((".", "?", "!", ":"))


def _squashed(text: str) -> str:
    return squash(text) if "  " in text or not text.isprintable() else text


def _paragraph(texts: list[str], lines: Sequence[Line]) -> Paragraph:
    """The paragraph of `lines`, whose texts (a bullet taken off the first) are `texts`."""
    text = " ".join(texts)
    page = lines[0].page
    # Most paragraphs sit on one page and need no squashing and no hyphen joins: one join builds them.
    if lines[-1].page != page or "  " in text or "- " in text or not text.isprintable():
        return _pieced(texts, lines)
    return Paragraph(text, lines[0].number, (0,), (page,))


def _pieced(texts: list[str], lines: Sequence[Line]) -> Paragraph:
    """The paragraph line by line: white space squashed, hyphens joined, page changes noted."""
    parts: list[str] = []
    offsets: list[int] = []
    pages: list[int] = []
    length = 0
    for text, line in zip(texts, lines, strict=True):
        text = _squashed(text)
        if parts and not (parts[-1].endswith("-") and parts[-1][-2:-1].isalnum()):
            parts.append(" ")
            length += 1
        if not pages or pages[-1] != line.page:
            offsets.append(length)
            pages.append(line.page)
        parts.append(text)
        length += len(text)
    return Paragraph("".join(parts), lines[0].number, tuple(offsets), tuple(pages))
