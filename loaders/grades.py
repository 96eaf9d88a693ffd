"""Grade lines: a grade as the reports write it, in any case, or wrapped over two lines.

A grade box can come out of the PDF as `Requires` on one line and `improvement` on the next; the grade
is read whole, and the line it ends on is where reading goes on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from peelgraph.loaders.document import GRADES
from peelgraph.loaders.errors import ParseError
from peelgraph.loaders.pages import Line
from peelgraph.loaders.prose import squash

GRADE_WORDS: Final = {grade.lower(): grade for grade in GRADES}
_GRADE: Final = r"(outstanding|good|inadequate|requires\s+improvement)"
_PAIR: Final = re.compile(rf"{_GRADE}\s+{_GRADE}", re.I)
_WRAP_LINES: Final = 3
"""A wrapped grade's second part is on one of the next lines (a blank one may come between)."""


def grade_of(text: str) -> str | None:
    """The canonical grade a line names, or None."""
    return GRADE_WORDS.get(squash(text).lower())


def grade_pair(text: str) -> tuple[str, str] | None:
    """Two grades side by side on one line (a grid's two columns extracted as one line), or None."""
    pair = _PAIR.fullmatch(text.strip())
    if pair is None:
        return None
    first, second = grade_of(pair.group(1)), grade_of(pair.group(2))
    return (first, second) if first and second else None


def read_grade(lines: Sequence[Line], index: int, source: str) -> tuple[str, int]:
    """The grade starting at `lines[index]` and the index of its last line; ParseError naming the line."""
    grade = grade_of(lines[index].text)
    if grade is not None:
        return grade, index
    wrapped = wrapped_grade(lines, index)
    if wrapped is not None:
        return wrapped
    raise ParseError(source, lines[index].number, f"expected a grade ({', '.join(reversed(GRADES))}), got "
                     f"{snippet(lines[index].text)}")


def wrapped_grade(lines: Sequence[Line], index: int) -> tuple[str, int] | None:
    """A grade begun on `lines[index]` and ended on one of the next lines, with the index of its end."""
    start = squash(lines[index].text).lower()
    if not start or not any(grade.startswith(start + " ") for grade in GRADE_WORDS):
        return None
    for following in range(index + 1, min(index + 1 + _WRAP_LINES, len(lines))):
        if lines[following].text:
            grade = grade_of(f"{start} {lines[following].text}")
            return (grade, following) if grade else None
    return None


def snippet(text: str, limit: int = 60) -> str:
    """The text quoted for a message, cut at `limit` characters."""
    text = squash(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
