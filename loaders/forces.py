"""Police forces by name: which force a report is about, and which other forces it names.

Names are matched on their distinctive part (`Hampshire and Isle of Wight Constabulary` and `Hampshire
Constabulary` are both Hampshire), so a renamed or differently styled force is still found. A bare
county name counts as a force only in a list of forces: `collaborated forces (Bedfordshire, ...)`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from peelgraph.loaders.prose import capitalised_run_start
from peelgraph.loaders.reference import ForceRow

_POLICE_NOUN: Final = re.compile(r"\s+(?:Police\s+Service|Police\s+Force|Police|Constabulary)$", re.I)
_FORCE_NOUNS: Final = (re.compile(r"Police(?: Service)?\b"), re.compile(r"Constabulary\b"))
"""Literal-first patterns, which the regex engine scans for fast; word starts are checked by hand."""
_NAME_JOINERS: Final = frozenset({"and", "of", "the"})
_FORCE_NOUN_WORDS: Final = frozenset({"Police", "Constabulary"})
_POLICE_OF: Final = re.compile(r"^Police(?:\s+Service|\s+Force)?\s+of\s+(?:the\s+)?")
_LEADING_THE: Final = re.compile(r"^(?:the|The)\s+")
_LIST_PATTERNS_KEPT: Final = 64


@dataclass(frozen=True, slots=True)
class ForceMention:
    force: ForceRow
    start: int
    end: int


class ForceNames:
    """The forces of the reference table, found by full or distinctive name."""

    def __init__(self, forces: tuple[ForceRow, ...]) -> None:
        self.forces = forces
        self._lists: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
        self._by_key: dict[str, ForceRow] = {}
        for force in forces:
            self._by_key.setdefault(_key(force.name), force)
            self._by_key.setdefault(_key(short_name(force.name)), force)

    def exact(self, name: str) -> ForceRow | None:
        """The table's force with exactly this name or distinctive name (any case), or None."""
        return self._by_key.get(_key(name))

    def resolve(self, name: str) -> ForceRow | None:
        """The table's force for a name as written, matching its distinctive words, or None."""
        words = _key(short_name(_LEADING_THE.sub("", name.strip()))).split()
        candidates = [words[start:] for start in range(len(words))]
        candidates += [words[:end] for end in range(len(words) - 1, 0, -1)]
        for candidate in candidates:
            force = self._by_key.get(" ".join(candidate))
            if force:
                return force
        return None

    def mentions(self, text: str, own_short_name: str) -> Iterator[ForceMention]:
        """Every force named in `text`: `X Police`/`X Constabulary`, or bare names listed as forces."""
        nouns = [noun for pattern in _FORCE_NOUNS for noun in pattern.finditer(text)]
        # A report names its own force, written the same way, many times: resolve each name once.
        resolved: dict[str, ForceRow | None] = {}
        for noun in sorted(nouns, key=lambda noun: noun.start()):
            start = capitalised_run_start(text, noun.start(), stop_words=_FORCE_NOUN_WORDS, joiners=_NAME_JOINERS)
            if start == noun.start():
                continue
            written = text[start : noun.start()]
            if written not in resolved:
                resolved[written] = self.resolve(written)
            force = resolved[written]
            if force:
                yield ForceMention(force, start, noun.end())
        if "forces" in text:
            if own_short_name not in self._lists:
                if len(self._lists) > _LIST_PATTERNS_KEPT:
                    self._lists.clear()
                self._lists[own_short_name] = _list_patterns(self.forces, own_short_name)
            listing, name = self._lists[own_short_name]
            for found in listing.finditer(text):
                if found.start() and text[found.start() - 1].isalnum():
                    continue
                for bare in name.finditer(text, found.start("list"), found.end("list")):
                    force = self.resolve(bare.group())
                    if force:
                        yield ForceMention(force, bare.start(), bare.end())


@functools.lru_cache(maxsize=8)
def force_names(forces: tuple[ForceRow, ...]) -> ForceNames:
    """The (cached) name index of a forces table."""
    return ForceNames(forces)


def short_name(name: str) -> str:
    """`Cambridgeshire Constabulary` -> `Cambridgeshire`; `Police Service of Northern Ireland` -> `Northern Ireland`."""
    return _POLICE_OF.sub("", _POLICE_NOUN.sub("", name.strip()))


def is_force_name(name: str) -> bool:
    """Whether a name is styled like a police force's (`X Police`, `X Constabulary`, `Police Service of X`)."""
    return short_name(name) not in ("", name.strip())


def _list_patterns(forces: tuple[ForceRow, ...], own_short_name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = {short_name(force.name) for force in forces} | ({own_short_name} if own_short_name else set())
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    name = rf"(?:{alternatives})\b"
    listing = re.compile(
        rf"forces\b[^.;:\n]{{0,50}}?\(?(?=[A-Z])(?P<list>{name}(?:\s*,\s*(?:and\s+)?{name}|\s+and\s+{name})+)"
    )
    return listing, re.compile(rf"\b{name}")


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def identify(candidates: Iterable[str], forces: tuple[ForceRow, ...]) -> tuple[ForceRow | None, str] | None:
    """The first candidate name that is a force, as (its table row, the name as written).

    A force-like name missing from the table (`... Police`) is the fallback, with no row; None if no
    candidate looks like a force at all.
    """
    names = force_names(forces)
    fallback = None
    for candidate in candidates:
        written = _LEADING_THE.sub("", candidate.strip())
        force = names.exact(written) or (names.resolve(written) if is_force_name(written) else None)
        if force:
            return force, written
        if fallback is None and is_force_name(written):
            fallback = None, written
    return fallback
