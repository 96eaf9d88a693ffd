"""Page furniture: running headers and footers and page numbers, found by their repetition across pages.

A line is furniture when it is among the first or last few lines of text of its page and the same line,
with its numbers taken out, stands at the edge of a good share of the pages. Nothing about what a
header says is written down here.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from peelgraph.loaders.pages import Line

EDGE_LINES: Final = 3
"""How many lines of text at the top and at the bottom of a page can be furniture."""
SHARE: Final = 0.4
"""Furniture stands at the edge of at least this share of the pages (running headers may alternate)."""
MIN_PAGES: Final = 3
_DIGITS: Final = re.compile(r"\d+")


def furniture(lines: Sequence[Line]) -> frozenset[int]:
    """The indices of the lines that are page furniture.

    Pages are peeled from the outside in: their first and last lines of text first, then, where those
    were furniture, the lines inside them, down to `EDGE_LINES` deep.
    """
    edges = _edges(lines)
    if len(edges) < MIN_PAGES:
        return frozenset()
    needed = max(MIN_PAGES, math.ceil(SHARE * len(edges)))
    dropped: set[int] = set()
    for depth in range(EDGE_LINES):
        candidates = [_candidates(top, bottom, depth, dropped) for top, bottom in edges]
        keys = {index: _key(lines[index].text) for found in candidates for index in found}
        pages_with = Counter(key for found in candidates for key in {keys[index] for index in found})
        furniture_now = {index for index, key in keys.items() if pages_with[key] >= needed}
        if not furniture_now:
            break
        dropped |= furniture_now
    return frozenset(dropped)


def _candidates(top: list[int], bottom: list[int], depth: int, dropped: set[int]) -> list[int]:
    """The page's lines of text `depth` in from its top and bottom, if all those outside them were dropped."""
    found = []
    for side in (top, bottom):
        if depth < len(side) and dropped.issuperset(side[:depth]):
            found.append(side[depth])
    return found


def without_furniture(lines: Sequence[Line], dropped: frozenset[int]) -> list[Line]:
    """The lines without the dropped ones; a page left with no text is merged into the next.

    The first line of text left on a page starts it, as the dropped header did.
    """
    kept = [index for index in range(len(lines)) if index not in dropped]
    with_text = sorted({lines[index].page for index in kept if lines[index].text})
    renumbered = {page: number for number, page in enumerate(with_text, 1)}
    started_by_dropped = {lines[index].page for index in dropped if lines[index].page_start}
    result: list[Line] = []
    started: set[int] = set()
    for index in kept:
        line = lines[index]
        page = renumbered[line.page] if line.page in renumbered else _page_for(line.page, with_text, renumbered)
        starts = line.page_start
        if line.text and page not in started:
            starts = starts or line.page in started_by_dropped
            started.add(page)
        result.append(line if (page, starts) == (line.page, line.page_start) else line._replace(page=page,
                                                                                                  page_start=starts))
    return result


def _edges(lines: Sequence[Line]) -> list[tuple[list[int], list[int]]]:
    """For each page with text, the indices of its first and of its last `EDGE_LINES` lines of text."""
    pages = [line.page for line in lines]
    edges = []
    for page in sorted(set(pages)):
        start, end = bisect.bisect_left(pages, page), bisect.bisect_right(pages, page)
        top = _texts(lines, range(start, end))
        bottom = _texts(lines, range(end - 1, start - 1, -1))
        if top:
            edges.append((top, bottom))
    return edges


def _texts(lines: Sequence[Line], indices: range) -> list[int]:
    found = []
    for index in indices:
        if lines[index].text:
            found.append(index)
            if len(found) == EDGE_LINES:
                break
    return found


def _key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _page_for(page: int, with_text: list[int], renumbered: dict[int, int]) -> int:
    if page in renumbered:
        return renumbered[page]
    later = [number for number in with_text if number > page]
    return renumbered[later[0]] if later else (len(with_text) or 1)
