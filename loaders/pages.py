"""Undo the PDF extraction: number the pages, drop page furniture, lift footnotes out of the body, strip markers.

A page starts at a form feed or at a line that begins with exactly one space and then text. A footnote
block starts at a line of many spaces followed by `N text` lines and runs to a blank line or the next
page. Footnote markers are glued to the word or year before them (`rehabilitation.9`, `201514 15`);
they are removed only where the same page defines that footnote, so ordinary numbers survive.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass
from typing import Final, NamedTuple

from peelgraph.loaders.furniture import furniture, without_furniture
from peelgraph.loaders.normalise import dehyphenate

PAGE_BREAK: Final = "\f"
_RULE_WIDTH: Final = 10
"""A blank line at least this wide (of spaces) is the rule above a page's footnotes."""
_FOOTNOTE_START: Final = re.compile(r"(\d{1,3}) (\S.*)")
_LINK: Final = re.compile(r"https?://\S+")
_DIGIT_RUN: Final = re.compile(r"\d+")
_DIGIT: Final = re.compile(r"\d")
_MARKER_AFTER: Final = frozenset(".,:;?!")
_MARKER_DIGITS_MAX: Final = 6
"""The longest digit run that can hold a marker: a year with a two-digit footnote number glued on."""
_FIRST_CHARACTER: Final = operator.itemgetter(slice(None, 1))
_MARKER_CLOSERS: Final = frozenset(")]'\"\u2019\u201d")


class Line(NamedTuple):
    number: int
    """1-based line of the source text."""
    page: int
    text: str
    """Stripped of surrounding whitespace and of footnote markers."""
    page_start: bool = False


class Footnote(NamedTuple):
    number: int
    page: int
    line: int
    text: str
    anchor: str = ""
    """The word the footnote's marker is glued to in the body (`cannabis/khat`), if found."""


@dataclass(frozen=True, slots=True)
class CleanText:
    lines: tuple[Line, ...]
    """Body lines in order, blank lines kept as empty text, footnote blocks and link lines removed."""
    footnotes: tuple[Footnote, ...]


def clean(text: str) -> CleanText:
    """Split report text into numbered, paged body lines and the footnotes found at page bottoms."""
    raw, rules = _raw_lines(text)
    dropped = furniture(raw)
    if dropped:
        rules = [rule - sum(1 for index in dropped if index < rule) for rule in rules]
        raw = without_furniture(raw, dropped)
    if any(line.text[-1:] == "-" for line in raw):
        raw, rules = _dehyphenated(raw, rules)
    notes: list[tuple[int, int, int, list[str]]] = []
    kept: list[Line] = []
    kept_from = 0
    for rule in rules:
        if rule < kept_from or not _opens_footnotes(raw, rule + 1):
            continue
        end = rule + 1
        while end < len(raw) and raw[end].text and (end == rule + 1 or not raw[end].page_start):
            if not _is_link(raw[end].text):
                _add_footnote_line(notes, raw[end], end == rule + 1)
            end += 1
        kept += raw[kept_from:rule]
        kept_from = end
    kept += raw[kept_from:]
    footnote_pages: dict[int, set[int]] = {}
    for number, page, _, _ in notes:
        footnote_pages.setdefault(page, set()).add(number)
    written = {page: tuple(map(str, numbers)) for page, numbers in footnote_pages.items()}
    anchors: dict[int, str] = {}
    body = [
        _without_markers(line, footnote_pages[line.page], anchors)
        if line.page in footnote_pages and _may_hold_marker(line.text, written[line.page])
        else line
        for line in kept
        if line.text[:4] != "http" or not _LINK.fullmatch(line.text)
    ]
    footnotes = tuple(
        Footnote(number, page, line, join_lines(parts), anchors.get(number, "")) for number, page, line, parts in notes
    )
    return CleanText(tuple(body), footnotes)


def _dehyphenated(raw: list[Line], rules: list[int]) -> tuple[list[Line], list[int]]:
    """Words broken at line ends joined (in footnotes too), the rules' indices kept right."""
    joined = list(dehyphenate(raw))
    if len(joined) == len(raw):
        return joined, rules  # no line was emptied by a join, and a rule (a blank line) is never joined
    rule_lines = {id(raw[rule]) for rule in rules}
    return joined, [index for index, line in enumerate(joined) if id(line) in rule_lines]


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines into one: a line ending in a hyphen joins the next without a space."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
        elif text.endswith("-") and len(text) > 1 and text[-2].isalnum():
            text += part
        else:
            text += " " + part
    return " ".join(text.split())


def _raw_lines(text: str) -> tuple[list[Line], list[int]]:
    """Stripped lines with their pages, and the indices of footnote rules (blank lines of many spaces)."""
    physical = (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text).split("\n")
    if PAGE_BREAK in text:
        return _raw_lines_with_form_feeds(physical)
    stripped = list(map(str.strip, physical))
    # Page starts and rules both begin with white space: only those few lines need a closer look. (Iterators
    # of built-ins, with no Python code run per line, find them several times faster than a comprehension.)
    indented = list(itertools.compress(itertools.count(), map(str.isspace, map(_FIRST_CHARACTER, physical))))
    starts = [index for index in indented if _starts_page(physical[index])]
    rules = [index for index in indented if not stripped[index] and len(physical[index]) >= _RULE_WIDTH]
    first_text = next((index for index, line in enumerate(stripped) if line), 0)
    # A page start opens a new page, except one opening the text: it is page 1.
    bounds = [0, *(index for index in starts if index != first_text), len(physical)]
    pages: list[int] = []
    for page, (begin, end) in enumerate(itertools.pairwise(bounds), 1):
        pages += itertools.repeat(page, end - begin)
    page_starts = [False] * len(physical)
    for index in starts:
        page_starts[index] = True
    fields = zip(range(1, len(physical) + 1), pages, stripped, page_starts, strict=True)
    # tuple.__new__ makes each Line without a call to its Python-level __new__, at half the cost.
    return list(map(tuple.__new__, itertools.repeat(Line), fields)), rules


def _starts_page(line: str) -> bool:
    return line[:1] == " " and not line[1:2].isspace() and line[1:2] != ""


def _raw_lines_with_form_feeds(physical: list[str]) -> tuple[list[Line], list[int]]:
    lines: list[Line] = []
    rules: list[int] = []
    page = 1
    page_has_text = False
    for number, text in enumerate(physical, 1):
        parts = text.split(PAGE_BREAK)
        for index, part in enumerate(parts):
            stripped = part.strip()
            starts = index > 0 or (part[:1] == " " and bool(part[1:2].strip()))
            if starts and page_has_text:
                page += 1
                page_has_text = False
            if index > 0 and not stripped:
                continue
            page_has_text = page_has_text or bool(stripped)
            if not stripped and len(part) >= _RULE_WIDTH:
                rules.append(len(lines))
            lines.append(Line(number, page, stripped, starts))
    return lines, rules


def _is_link(text: str) -> bool:
    """A line that is only a web address: the PDF's link annotations, printed at page ends."""
    return text.startswith("http") and bool(_LINK.fullmatch(text))


def _opens_footnotes(raw: list[Line], index: int) -> bool:
    return index < len(raw) and not raw[index].page_start and bool(_FOOTNOTE_START.fullmatch(raw[index].text))


def _add_footnote_line(notes: list[tuple[int, int, int, list[str]]], line: Line, block_start: bool) -> None:
    start = _FOOTNOTE_START.fullmatch(line.text)
    if start and (block_start or not notes or int(start.group(1)) == notes[-1][0] + 1):
        notes.append((int(start.group(1)), line.page, line.number, [start.group(2)]))
    elif notes:
        notes[-1][3].append(line.text)


def _may_hold_marker(text: str, numbers: tuple[str, ...]) -> bool:
    """Whether `text` can hold a marker of one of the footnotes `numbers` (written in ASCII digits).

    A marker's digits, in ASCII text, are the number as written (with leading zeros at most, or after a
    year): a line holding none of the numbers needs no closer look.
    """
    if not text.isascii():
        return bool(_DIGIT.search(text))
    for number in numbers:  # noqa: SIM110 (a plain loop costs about half of `any()` over a generator)
        if number in text:
            return True
    return False


def _without_markers(line: Line, numbers: set[int], anchors: dict[int, str]) -> Line:
    text = _remove_markers(line.text, numbers, anchors)
    return line if text == line.text else Line(line.number, line.page, text, line.page_start)


def _remove_markers(text: str, numbers: set[int], anchors: dict[int, str]) -> str:
    cuts: list[tuple[int, int]] = []
    previous: tuple[int, int] | None = None
    anchor = ""
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            previous = None
            continue
        digits = run.group()
        if len(digits) > _MARKER_DIGITS_MAX or not (int(digits) in numbers or _glued_to_year(digits, numbers)):
            previous = None  # it cannot be a marker, whatever is around it
            continue
        if previous and start == previous[1] + 1 and text[previous[1]] == " " and int(digits) == previous[0] + 1:
            marker_start = previous[1]
        elif _glued_to_year(digits, numbers):
            start += 4
            marker_start = start
        elif _glued_to_word(text, start, digits):
            marker_start = start
        else:
            previous = None
            continue
        number = int(text[start:end])
        if number not in numbers:
            previous = None
            continue
        if not previous:
            anchor = _anchor(text, marker_start)
        anchors.setdefault(number, anchor)
        cuts.append((marker_start, end))
        previous = (number, end)
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    return text


def _glued_to_year(digits: str, numbers: set[int]) -> bool:
    return len(digits) in (5, 6) and digits[:2] in ("19", "20") and int(digits[4:]) in numbers


def _glued_to_word(text: str, start: int, digits: str) -> bool:
    if start == 0 or len(digits) > 3:
        return False
    before = text[start - 1]
    if before.isalpha() or before in _MARKER_CLOSERS:
        return True
    if before not in _MARKER_AFTER:
        return False
    if before == "," and len(digits) == 3:
        return False
    word_start = start - 1
    while word_start > 0 and text[word_start - 1].isdigit():
        word_start -= 1
    number_before = text[word_start : start - 1]
    return not number_before or (len(number_before) == 4 and number_before[:2] in ("19", "20"))


def _anchor(text: str, end: int) -> str:
    words = text[:end].split()
    return words[-1].strip("'\"\u2018\u2019\u201c\u201d()[].,:;") if words else ""
