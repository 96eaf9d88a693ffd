"""The headings the judgments hang on, read exactly where they can be and loosely, with a warning, where not.

A heading is read exactly when its words are there in order, however they are spaced (`Areas for
improvement`, with a footnote number after it). It is read loosely when only its letters are there, or
all but two of them (`Areas for improvement:`, `Areas for improvment`, `Summary of fndings`): the
parser uses it and says so, rather than reading a section without it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import Final

from peelgraph.loaders.document import ParseWarning
from peelgraph.loaders.pages import Line

_GAP: Final = r"[^\S\n]+"
HEADING: Final = re.compile(
    rf"(?P<question>How{_GAP}effective{_GAP}is{_GAP}the{_GAP}force{_GAP}at\b)"
    rf"|(?P<findings>Summary{_GAP}of{_GAP}findings\d*$)"
    r"|(?P<summary>Summary\d*$)"
    rf"|(?P<areas>Areas?{_GAP}for{_GAP}improvement\d*$)"
    rf"|(?P<overall>Overall{_GAP}judge?ment\d*$)"
    r"|(?P<annex>Annex\b)",
    re.I,
)
"""The headings the judgments hang on; a line's kind is the name of the group it matches."""
_HEADING_LINE: Final = re.compile(f"\n(?=[hsao])(?:{HEADING.pattern})", re.I | re.M)
"""`HEADING` at the start of any line of the lines' texts joined by newlines (`$` ends a line); the
lookahead for the headings' first letters turns most lines away before the slower alternatives."""
LOOSE: Final = {
    "summaryoffindings": ("findings", "Summary of findings"),
    "areasforimprovement": ("areas", "Areas for improvement"),
    "areaforimprovement": ("areas", "Areas for improvement"),
    "overalljudgment": ("overall", "Overall judgment"),
    "overalljudgement": ("overall", "Overall judgment"),
}
"""The letters of the headings worth reading loosely: each kind, and the heading as written."""
_LOOSE_MAX_LENGTH: Final = 40
_LOOSE_EDITS: Final = 2
_NOT_LETTERS: Final = re.compile(r"[^a-z]+")
_LOOSE_CANDIDATE: Final = re.compile(rf"\n([ASO][^\n]{{3,{_LOOSE_MAX_LENGTH - 1}}})(?<![.,;])(?=\n|$)")
"""A line of the joined texts that could be a heading read loosely."""


class Headings:
    """Which lines are headings, and of what kind: the name of the `HEADING` group the line matches."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.kinds = [""] * len(lines)
        """Each line's kind, "" for a line that is not a heading."""
        self.at: list[int] = []
        """The heading lines, in order."""
        self.warnings: list[ParseWarning] = []
        # One regex pass over all the lines, each after a newline, is cheaper than a match per line.
        text = "\n" + "\n".join([line.text for line in lines])
        index, counted = -1, 0
        for heading in _HEADING_LINE.finditer(text):
            index += text.count("\n", counted, heading.start() + 1)
            counted = heading.start() + 1
            self.kinds[index] = heading.lastgroup or ""
            self.at.append(index)
        self._read_loosely(lines, text)

    def next(self, start: int, end: int, wanted: tuple[str, ...]) -> int:
        """The first line from `start` (before `end`) that is a heading of one of the `wanted` kinds, else `end`."""
        for index in itertools.islice(self.at, bisect.bisect_left(self.at, start), None):
            if index >= end:
                break
            if self.kinds[index] in wanted:
                return index
        return end

    def _read_loosely(self, lines: Sequence[Line], text: str) -> None:
        # Headings are capitalised, short, and end without a stop: a prose line never reads as one.
        index, counted = -1, 0
        for short in _LOOSE_CANDIDATE.finditer(text):
            index += text.count("\n", counted, short.start(1))
            counted = short.start(1)
            found = None if self.kinds[index] else loose_heading(short.group(1))
            if found is None:
                continue
            kind, heading = found
            self.kinds[index] = kind
            bisect.insort(self.at, index)
            self.warnings.append(
                ParseWarning(lines[index].number, f"expected the heading '{heading}', read {short.group(1)!r} as it")
            )


def loose_heading(text: str) -> tuple[str, str] | None:
    """The kind and wording of the heading `text` is close to (the same letters, or all but two), or None."""
    letters = _NOT_LETTERS.sub("", text.lower())
    if letters in LOOSE:
        return LOOSE[letters]
    for target, found in LOOSE.items():
        if abs(len(target) - len(letters)) <= _LOOSE_EDITS and (
            letters[:4] == target[:4] or letters[-4:] == target[-4:]
        ) and _within_edits(letters, target, _LOOSE_EDITS):
            return found
    return None


def _within_edits(first: str, second: str, limit: int) -> bool:
    """Whether at most `limit` insertions, deletions or substitutions turn one word into the other."""
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, 1):
        current = [row]
        for column, other in enumerate(second, 1):
            current.append(min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + (char != other)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit
