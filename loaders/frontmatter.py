"""Front matter: the cover, contents and foreword a whole-PDF extraction puts before the report's first section.

The report starts at its overview heading (`Overview`, a dash, then `How effective is the force at
keeping people safe and reducing crime?`). A contents page names that heading too, but with a page number or dot
leaders after it, and comes first; everything before the last such heading is left out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Final

from peelgraph.loaders.errors import ParseError
from peelgraph.loaders.pages import CleanText, Line
from peelgraph.loaders.prose import EN_DASH

OVERVIEW: Final = re.compile(r"Overview\s*[-\u2013\u2014:]\s*How effective is the force at keeping people safe", re.I)
_OVERVIEW_START: Final = re.compile(r"Overview\b", re.I)
_OVERVIEW_LINE: Final = re.compile(r"\n(?=[Oo][Vv][Ee][Rr][Vv][Ii][Ee][Ww]\b)")
_CONTENTS_ENTRY: Final = re.compile(r"(?:\.{3,}|\u2026|\s)\s*\d{1,3}$")
"""How a contents line ends: dot leaders or a page number."""
_HEADING_LINES: Final = 3


def skip_front_matter(cleaned: CleanText, source: str) -> CleanText:
    """The text from its overview heading on; ParseError naming the first line when there is none."""
    lines = cleaned.lines
    # The last such heading: a contents page may name it without a page number.
    start = max((index for index in _overview_lines(lines) if _opens_report(lines, index)), default=None)
    if start is None:
        first = next((line.number for line in lines if line.text), lines[0].number if lines else 1)
        raise ParseError(
            source,
            first,
            "expected a PEEL effectiveness report opening with "
            f"'Overview {EN_DASH} How effective is the force at keeping people safe and reducing crime?'",
        )
    if start == 0:
        return cleaned
    first_line = lines[start].number
    footnotes = tuple(note for note in cleaned.footnotes if note.line > first_line)
    return dataclasses.replace(cleaned, lines=lines[start:], footnotes=footnotes)


def _overview_lines(lines: Sequence[Line]) -> list[int]:
    """The indices of the lines that start with `Overview`."""
    text = "\n" + "\n".join([line.text for line in lines])
    found, index, counted = [], -1, 0
    for start in _OVERVIEW_LINE.finditer(text):
        index += text.count("\n", counted, start.start() + 1)
        counted = start.start() + 1
        found.append(index)
    return found


def _opens_report(lines: Sequence[Line], index: int) -> bool:
    if not lines[index].text or not _OVERVIEW_START.match(lines[index].text):
        return False
    heading = [line.text for line in lines[index : index + _HEADING_LINES * 2] if line.text][:_HEADING_LINES]
    if not OVERVIEW.match(" ".join(heading)):
        return False
    ending = next((text for text in heading if "?" in text), heading[-1])
    return not _CONTENTS_ENTRY.search(ending)
