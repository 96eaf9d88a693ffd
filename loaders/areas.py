"""Areas for improvement: the items under a question's 'Areas for improvement' heading.

An item starts at a list marker: one of the reports' bullets, a dash, an asterisk, Word's `o`, or a
number or letter with a stop or a bracket (`1.`, `(a)`). In a list without markers, an item starts
after a blank line that ends a sentence: a blank line inside a sentence (which extraction leaves after
a bullet's first line) does not split an item, nor does one before a line that starts in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from peelgraph.loaders.document import AreaForImprovement, Evidence
from peelgraph.loaders.pages import Line, join_lines
from peelgraph.loaders.prose import BULLETS, CLOSING_QUOTES, squash

_MARKER: Final = re.compile(rf"[{BULLETS}]\s*|(?:[-*\u2013o]|\(?(?:\d{{1,2}}|[a-z])[.)])\s+(?=\S)")
_SENTENCE_END: Final = re.compile(rf"[.?!:;][{CLOSING_QUOTES})\]]*$")


def read_areas(lines: Sequence[Line]) -> tuple[AreaForImprovement, ...]:
    """The areas for improvement the lines under the heading list, each with the page it starts on."""
    texts = [line.text for line in lines]
    marked = any(text and _MARKER.match(text) for text in texts)
    items: list[list[tuple[Line, str]]] = []
    for line, text in zip(lines, texts, strict=True):
        if not text:
            if not marked and items and items[-1]:
                items.append([])
            continue
        marker = _MARKER.match(text) if marked else None
        if marker is not None:
            text = text[marker.end() :]
        if marker is not None or not items:
            items.append([])
        items[-1].append((line, text))
    if not marked:
        items = _whole_sentences(items)
    areas = []
    for item in items:
        text = squash(join_lines([text for _, text in item]))
        if text:
            areas.append(AreaForImprovement(text, Evidence(item[0][0].page, text)))
    return tuple(areas)


def _whole_sentences(pieces: list[list[tuple[Line, str]]]) -> list[list[tuple[Line, str]]]:
    """Pieces split at blank lines joined again where the blank line fell inside a sentence."""
    items: list[list[tuple[Line, str]]] = []
    for piece in pieces:
        if not piece:
            continue
        if items and (piece[0][1][:1].islower() or not _SENTENCE_END.search(items[-1][-1][1].rstrip())):
            items[-1] += piece
        else:
            items.append(list(piece))
    return items
