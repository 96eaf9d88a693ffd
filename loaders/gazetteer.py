"""The curated gazetteer: known organisations, schemes, initiatives and threats, and finding them in text.

Every entry is found by its name, its acronym (and their plurals) and its aliases. Words compare
case-insensitively, except acronym-like words (`ERSOU`, `HM`, `MARACs`), which must match exactly. An
entry whose name starts with `{place}` (`{place} Safer Neighbourhood Partnership`) is found only after
a place name, which becomes part of the entity's name and id.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final, NamedTuple

from peelgraph.loaders.errors import InputError
from peelgraph.loaders.files import read_text
from peelgraph.loaders.prose import capitalised_run_start, slug

CATEGORIES: Final = ("organisation", "scheme", "initiative", "threat", "term")
"""What an entry is; `term` marks a known word that is not an entity (`OCG`), so it is never guessed at."""

PLACE: Final = "{place}"
GAZETTEER_COLUMNS: Final = ("id", "name", "acronym", "kind", "category", "aliases")
_TOKEN: Final = re.compile(r"[A-Za-z0-9]+")
_FOLD: Final = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 97 <= byte <= 122 or 48 <= byte <= 57 else 32 for byte in range(256)
)
"""Lower-cases ASCII letters and blanks every other byte; the text keeps its length, so offsets carry over."""
_FORM_END: Final = -1
_FORM_BYTES_MAX: Final = 120
"""Longer forms are not names (a report's garbled definition could be any length); the trie stays shallow."""
_SPACE: Final = ord(" ")
_PLACE_JOINERS: Final = frozenset({"and", "upon", "on", "of", "under", "le"})
_NOT_PLACES: Final = frozenset(
    {
        "The",
        "A",
        "An",
        "In",
        "This",
        "That",
        "These",
        "Those",
        "Our",
        "Its",
        "Their",
        "Each",
        "Every",
        "Both",
        "Local",
        "Police",
        "Partner",
        "With",
        "And",
        "By",
        "Through",
        "For",
        "From",
        "At",
        "To",
        "Of",
    }
)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    id: str
    name: str
    acronym: str | None
    kind: str
    category: str
    aliases: tuple[str, ...] = ()

    @property
    def needs_place(self) -> bool:
        return self.name.startswith(PLACE)

    def forms(self) -> Iterator[str]:
        """Every surface form the entry is found by, plural forms included."""
        for form in (self.name.replace(PLACE, "").strip(), self.acronym or "", *self.aliases):
            if form:
                yield form
                if not form.endswith("s"):
                    yield form + "s"


class Found(NamedTuple):
    entry: GazetteerEntry
    start: int
    end: int
    place: str = ""
    """For `{place}` entries, the place name in front of the match."""

    @property
    def id(self) -> str:
        return self.entry.id.replace(PLACE, slug(self.place)) if self.place else self.entry.id

    @property
    def name(self) -> str:
        return self.entry.name.replace(PLACE, self.place) if self.place else self.entry.name


@dataclass(frozen=True, slots=True)
class _Form:
    lowered: list[bytes]
    exact: tuple[tuple[int, str], ...]
    """(position, word) for the acronym-like words that must match case and all."""
    entry: GazetteerEntry
    needs_place: bool

    @property
    def plain(self) -> bool:
        """Found wherever its words are, in any case."""
        return not (self.exact or self.needs_place)


class Gazetteer:
    """Entries found by their forms, in one regex pass over the text.

    Text is searched folded to lower-case ASCII words between spaces (every other character becomes a
    space, so offsets carry over). All forms are compiled into one trie-shaped regex, which the regex
    engine runs far faster than an alternation of the forms or a Python loop over every word; case
    (for acronyms) and place names are then checked on the few matches.
    """

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self.entries = tuple(entries)
        self._forms: dict[bytes, list[_Form]] = {}
        self._by_acronym: dict[str, GazetteerEntry] = {}
        self._by_name: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            for text in entry.forms() if entry.category != "term" else ():
                form = _form(text, entry)
                words = b" ".join(form.lowered)
                if words and len(words) <= _FORM_BYTES_MAX:
                    self._forms.setdefault(words, []).append(form)
            if entry.acronym:
                self._by_acronym.setdefault(entry.acronym.upper(), entry)
            self._by_name.setdefault(_key(entry.name), entry)
        for forms in self._forms.values():
            forms.sort(key=lambda form: not form.needs_place)
        self._plain = {key: forms[0].entry for key, forms in self._forms.items() if forms[0].plain}
        """The entry of each key whose first form needs no check of case or place: most matches take it as found."""
        self._pattern = re.compile(b" (" + _trie(self._forms) + b")(?= )") if self._forms else None

    def lookup(self, name: str = "", acronym: str = "") -> GazetteerEntry | None:
        """The entry with this name (any case) or acronym (singular or plural), if any."""
        if acronym:
            found = self._by_acronym.get(acronym.upper()) or self._by_acronym.get(acronym.upper().removesuffix("S"))
            if found:
                return found
        return self._by_name.get(_key(name)) if name else None

    def find(self, text: str) -> Iterator[Found]:
        """Every entity named in `text` (terms are only looked up), longest form first, left to right."""
        if self._pattern is None:
            return
        folded = b" " + text.encode("ascii", "replace").translate(_FOLD) + b" "
        position = 0
        while match := self._pattern.search(folded, position):
            begin, key = match.start(), match.group(1)
            plain = self._plain.get(key)
            if plain is not None and (b" " not in key or "\n" not in text[begin : begin + len(key)]):
                yield Found(plain, begin, begin + len(key))
                position = match.end()
                continue
            # The match is a form's key as it stands when its words are one space apart, as nearly always.
            found = _accepted(text, folded, begin, self._forms.get(key, ()))
            if found is None:
                words = key.split()
                for length in range(len(words), 0, -1):
                    found = _accepted(text, folded, begin, self._forms.get(b" ".join(words[:length]), ()))
                    if found:
                        break
            if found is None:
                position = begin + 1
                continue
            yield found
            position = found.end + 1


def _accepted(text: str, folded: bytes, begin: int, forms: Iterable[_Form]) -> Found | None:
    """The first of `forms` (all the same words, found at `begin`) whose case and place fit the text."""
    for form in forms:
        spans = _spans(folded, form.lowered, begin)
        # One word is all letters and digits: only the spaces between words can be line breaks.
        if (len(spans) > 1 and "\n" in text[spans[0][0] : spans[-1][1]]) or (
            form.exact and any(text[spans[at][0] : spans[at][1]] != exact for at, exact in form.exact)
        ):
            continue
        start = spans[0][0]
        if form.needs_place:
            start = capitalised_run_start(text, start, stop_words=_NOT_PLACES, joiners=_PLACE_JOINERS)
            if start == spans[0][0]:
                continue
        return Found(form.entry, start, spans[-1][1], text[start : spans[0][0] - 1] if start < spans[0][0] else "")
    return None


def _spans(folded: bytes, words: list[bytes], start: int) -> list[tuple[int, int]]:
    """Text offsets of consecutive `words`, the first right after `folded[start]` (a space)."""
    if len(words) == 1:
        return [(start, start + len(words[0]))]
    spans = []
    for word in words:
        start = folded.find(word, start)
        spans.append((start - 1, start - 1 + len(word)))
        start += len(word)
    return spans


def _trie(forms: Iterable[bytes]) -> bytes:
    """A regex for exactly these forms (words between runs of spaces), shaped as a trie, longest first."""
    tree: dict[int, dict] = {}
    for form in forms:
        node = tree
        for byte in form:
            node = node.setdefault(byte, {})
        node[_FORM_END] = {}
    return _branch(tree)


def _branch(node: dict[int, dict]) -> bytes:
    branches = [
        (b" +" if byte == _SPACE else re.escape(bytes([byte]))) + _branch(child)
        for byte, child in sorted(node.items())
        if byte != _FORM_END
    ]
    if not branches:
        return b""
    body = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
    return b"(?:" + body + b")?" if _FORM_END in node else body


def read_gazetteer(path: Path) -> Gazetteer:
    """Read `gazetteer.csv`; raise InputError naming the line of the first bad row."""
    reader = csv.DictReader(io.StringIO(read_text(path, what="CSV")))
    if tuple(reader.fieldnames or ()) != GAZETTEER_COLUMNS:
        raise InputError(str(path), 1, f"expected the header {','.join(GAZETTEER_COLUMNS)}")
    entries, seen = [], set()
    for record in reader:
        if None in record or any(record.get(column) is None for column in GAZETTEER_COLUMNS):
            raise InputError(str(path), reader.line_num, f"expected {len(GAZETTEER_COLUMNS)} fields")
        entry = GazetteerEntry(
            id=record["id"].strip(),
            name=record["name"].strip(),
            acronym=record["acronym"].strip() or None,
            kind=record["kind"].strip(),
            category=record["category"].strip(),
            aliases=tuple(alias.strip() for alias in record["aliases"].split("|") if alias.strip()),
        )
        if not (entry.id and entry.name and entry.kind) or entry.id in seen:
            raise InputError(str(path), reader.line_num, "expected a unique id, a name and a kind")
        if entry.category not in CATEGORIES:
            raise InputError(str(path), reader.line_num, f"expected a category ({', '.join(CATEGORIES)})")
        seen.add(entry.id)
        entries.append(entry)
    return Gazetteer(entries)


def _form(text: str, entry: GazetteerEntry) -> _Form:
    words = _TOKEN.findall(text)
    exact = tuple((position, word) for position, word in enumerate(words) if any(c.isupper() for c in word[1:]))
    return _Form([word.lower().encode("ascii") for word in words], exact, entry, entry.needs_place)


def _key(name: str) -> str:
    return " ".join(word.lower() for word in _TOKEN.findall(name))
