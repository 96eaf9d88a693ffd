"""Undo what PDF extraction does to characters and to words broken at line ends.

Both keep each piece of text on the source line it came from, so provenance still points at the
original: `characters` maps one line to one line, and `dehyphenate` moves the end of a broken word up
to the line its start is on.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from peelgraph.loaders.pages import Line

BULLET: Final = "\u2022"
_COMMON: Final = "\u2018\u2019\u201c\u201d\u2013\u2014\u2022"
"""Characters the reports use as they are: quotes, dashes and the bullet."""
_UNUSUAL: Final = re.compile(rf"[^\x00-\x7f{_COMMON}]")
_ASCII_BYTES: Final = bytes(range(128))
_COMMON_UTF8: Final = tuple(char.encode() for char in _COMMON)
_BULLET_LIKE: Final = frozenset(
    "\u00b7\u2023\u2043\u2219\u25a0\u25aa\u25ab\u25b6\u25ba\u25cb\u25cf\u25e6\u25c6\u2666\u27a2\u2756"
)
"""Bullets of other fonts (small squares, circles, arrows, diamonds), written as the one bullet."""
_PRIVATE_USE_LIGATURES: Final = {"\uf001": "fi", "\uf002": "fl"}
"""Private-use code points some fonts give their ligatures (Adobe's standard encoding)."""
_HYPHENS: Final = frozenset("\u00ad\u2010\u2011\u2212")
_SOFT_HYPHEN_AT_END: Final = re.compile("\u00ad(?=[ \t]*(?:\r?\n|$))", re.M)

_BROKEN_END: Final = re.compile(r"(?<![\w/.@-])([A-Za-z]+)-$")
"""The start of a word broken at the line's end: letters after a space (not inside a compound or an address)."""
_WORD_START: Final = re.compile(r"[a-z]+")
_SCANNED_BREAKS: Final = 12
"""Up to this many breaks, each is judged by searching the text; beyond, from a set of its words."""
_WORD: Final = re.compile(r"(?<![\w-])(?<!-\n)[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")
"""A word (or hyphenated compound) standing on its own: not part of a break at a line's end."""
_LINE_END_HYPHEN: Final = re.compile(r"-\n(?<=[^\W\d_]-\n)")
"""A hyphen ending a line of the joined texts, after a letter."""
BREAK_LINES: Final = 3
"""A broken word's second part is on one of the next lines (blank ones may come between)."""
COMPOUND_HEADS: Final = frozenset(
    {"anti", "non", "multi", "semi", "cyber", "co", "ex", "mid", "self", "cross", "well", "ill", "low", "high",
     "long", "short", "full", "part", "half", "under", "over", "out", "counter", "pan", "post", "ultra"}
)  # fmt: skip
"""Words that open hyphenated compounds (`anti-social`, `low-level`): a break after one keeps its hyphen."""


def characters(text: str) -> str:
    """Text with compatibility forms (ligatures), every kind of space and private-use bullets made plain.

    One line stays one line: nothing is added or removed that ends a line.
    """
    if text.isascii() or not _has_unusual(text):
        return text
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_AT_END.sub("-", text)
    for char in set(_UNUSUAL.findall(text)):
        text = text.replace(char, _plain(char))  # a few scans of the text: faster than translate()
    return text


def _has_unusual(text: str) -> bool:
    """Whether `text` holds a character `_UNUSUAL` matches: its UTF-8 with the ASCII bytes and the common
    characters taken out is empty. (A lead byte opens every character's UTF-8, so the common ones are found only
    whole.) Three passes in C, three times faster than the regex over every character."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    for common in _COMMON_UTF8:
        rest = rest.replace(common, b"")
    return bool(rest)


@functools.cache
def _plain(char: str) -> str:
    if char in _PRIVATE_USE_LIGATURES:
        return _PRIVATE_USE_LIGATURES[char]
    category = unicodedata.category(char)
    if category == "Co" or char in _BULLET_LIKE:
        return BULLET  # a private-use glyph in a text is a symbol font's bullet (U+F0B7 from Word)
    if char == "\u00ad" or category == "Cf":
        return ""  # soft hyphens inside a line, zero-width spaces and joiners
    if category == "Zs":
        return " "
    if char in _HYPHENS:
        return "-"
    return unicodedata.normalize("NFKC", char)


def dehyphenate(lines: Sequence[Line], *, across_removed: bool = False) -> tuple[Line, ...]:
    """Words broken at a line's end joined again, on the line they start on; compounds keep their hyphen.

    A break is undone when the joined word occurs elsewhere in the text and the hyphenated one does not;
    failing both, unless the second part is a word of the text and the first is one too or opens
    compounds (`well-trained`, `decision-making`, `anti-social` stay; `ex-tensive` is joined). With
    `across_removed`, only breaks whose two lines had source lines taken out between them (footnotes)
    are judged: a second pass over the body, the first having seen every other break.
    """
    text = "\n".join([line.text for line in lines]) + "\n"
    breaks = [
        (index, following)
        for index, following in _breaks(lines, text)
        if not across_removed or lines[following].number - lines[index].number > following - index
    ]
    if not breaks:
        return tuple(lines)
    joined: list[Line | None] = list(lines)
    vocabulary = _Vocabulary(text, indexed=len(breaks) > _SCANNED_BREAKS)
    changed = False
    for index, following in breaks:
        current, after = joined[index], joined[following]
        if current is None or after is None or current.text[-1:] != "-":
            continue  # a line emptied by an earlier join
        left = _BROKEN_END.search(current.text)
        right = _WORD_START.match(after.text)
        if left is None or right is None or not vocabulary.is_broken_word(left.group(1), right.group()):
            continue
        word_end = after.text.find(" ")
        moved, rest = (after.text, "") if word_end < 0 else (after.text[:word_end], after.text[word_end + 1 :].lstrip())
        joined[index] = current._replace(text=current.text[:-1] + moved)
        joined[following] = after._replace(text=rest) if rest else None
        changed = True
    if not changed:
        return tuple(lines)  # every break a compound's: nothing to take out
    return tuple(line for line in joined if line is not None)


def _breaks(lines: Sequence[Line], text: str) -> list[tuple[int, int]]:
    """Each line ending in a letter and a hyphen, with the next line of text if it opens with a small letter.

    `text` is the lines' texts, each followed by a newline.
    """
    found = []
    index, counted = 0, 0
    for end in _LINE_END_HYPHEN.finditer(text):
        index += text.count("\n", counted, end.start())
        counted = end.start()
        following = _next_text(lines, index + 1)
        if following is not None and lines[following].text[:1].islower():
            found.append((index, following))
    return found


def _word_char(char: str) -> bool:
    return char == "-" or char.isalpha()


def _next_text(lines: Sequence[Line], start: int, within: int = BREAK_LINES) -> int | None:
    for index in range(start, min(start + within, len(lines))):
        if lines[index].text:
            return index
    return None


class _Vocabulary:
    """Which words occur in a text, in lower case or capitalised: searched for, or looked up when indexed."""

    def __init__(self, text: str, *, indexed: bool = False) -> None:
        self.text = text
        self.words: set[str] | None = None
        self.heads: set[str] = set()
        if indexed:
            self.words = set(_WORD.findall(text))
            self.heads = {word.partition("-")[0] for word in self.words if "-" in word}

    def occurs(self, word: str, *, before_hyphen: bool = False) -> bool:
        """Whether `word` stands on its own somewhere: not inside a word, nor as the second part of a break.

        With `before_hyphen`, whether it opens a compound somewhere (`low-level`), not at a line's end.
        """
        if self.words is not None:
            found = self.heads if before_hyphen else self.words
            return word in found or word.capitalize() in found
        return self._occurs(word, before_hyphen) or self._occurs(word.capitalize(), before_hyphen)

    def _occurs(self, word: str, before_hyphen: bool) -> bool:
        text, start = self.text, self.text.find(word)
        while start >= 0:
            end = start + len(word)
            before, after = text[start - 1 : start], text[end : end + 2]
            ends = (after[:1] == "-" and after[1:].isalpha()) if before_hyphen else not _word_char(after[:1])
            if ends and not _word_char(before) and text[max(start - 2, 0) : start] != "-\n":
                return True
            start = text.find(word, start + 1)
        return False

    def is_broken_word(self, left: str, right: str) -> bool:
        left, right = left.lower(), right.lower()
        if self.occurs(f"{left}-{right}"):
            return False
        if self.occurs(left + right):
            return True
        opens_compounds = left in COMPOUND_HEADS or self.occurs(left, before_hyphen=True)
        return not ((opens_compounds or self.occurs(left)) and self.occurs(right))
