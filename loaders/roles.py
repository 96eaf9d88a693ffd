"""What kind of text each sentence of a report is: prose about the inspected force, or something else.

A report names many organisations it does not say the force works with: in explainers of how policing
works everywhere, in chart sources, in citations and in definitions. Each sentence gets one role, read
from the text's own structure and wording (docs/mention-roles.md):

- `source`: a chart's or table's furniture: a `Source:` line, a `Figure N:` caption, a table row;
- `citation`: a reference to a publication: `Title, Publisher, Month Year`, `Available from:`, a web
  address, `please see ...`;
- `definition`: a footnote that opens by defining a term, or a sentence of the form `An X is a ...`,
  `Full Name (ACR) is a ...`;
- `explainer`: a sentence whose subject is forces in general (`Police forces ...`, `All forces ...`,
  `When a police force ...`) or that speaks of any force (`in a force`, `from force to force`), what
  follows it in its paragraph, and footnotes that neither define nor cite nor speak of the force;
- `force`: everything else in the body: what the force, its staff and its partners do, and what the
  inspectors found there. A sentence that names the force (`the constabulary`, its name) is always
  `force`, unless it is a source line or a citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from peelgraph.loaders.glossary import opens_definition
from peelgraph.loaders.prose import Paragraph, is_table_row, sentence_bounds


class Role(StrEnum):
    FORCE = "force"
    EXPLAINER = "explainer"
    SOURCE = "source"
    CITATION = "citation"
    DEFINITION = "definition"


_MONTH: Final = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_SOURCE_LINE: Final = re.compile(r"(?:Data\s+)?Sources?\s*:|Notes?\s*:|(?:Figure|Table|Chart)\s+\d+\s*[:.]", re.I)
_CITATION_WORDS: Final = ("see", "See", "available", "http", "www.", "ISBN")
"""Each match of `_CITATION` holds one of these: a sentence with none is told apart without a regex search."""
_CITED_DATE: Final = re.compile(rf",\s*(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+(?:19|20)\d\d\s*(?:[.,;)]|$)|(?:19|20)\d\d\.?$)")
"""A publication cited by its date after a comma; opening with the comma, it is searched for as fast as a literal."""
_GENERIC_FORCES: Final = (
    r"(?:(?:all|most|many|some|other|several|individual|few|no|(?:a|the)\s+(?:number|few|minority|majority)\s+of"
    r"|(?:many|most|some|all)\s+of\s+the)\s+)?(?:\d+\s+)?"
    r"(?:(?:police|local|territorial)\s+)?forces\b"
    r"(?!\s+(?:in|of|across|within)\s+(?:the\s+)?(?:\w+\s+){0,2}"
    r"(?:region|alliance|collaboration|partnership|county|area)\b)"
    r"|(?:a|any|each|every|no)\s+(?:police\s+)?force\b"
    r"|(?:the\s+)?police\s+services?\b(?!\s+of\b)"
    r"|(?:regional\s+organised\s+crime\s+units|ROCUs)\b"
    r"|(?:the\s+)?police\s+(?:in|across)\s+England\b"
)
"""Subjects that are forces in general: `Police forces`, `All 43 forces`, `A police force`, `ROCUs`; not
`the forces`, `both forces` or `these forces`, which point at forces named before, nor the forces of a
region or an alliance."""
_OPENER: Final = (
    r"(?:(?:However|Therefore|Also|Similarly|Increasingly|Nationally|Generally|Typically|Traditionally|"
    r"Historically|Often|Usually|Consequently|In\s+general|In\s+practice),?\s+)?"
    r"(?:(?:When|Where|If|Once|Although|While|Whilst|Because|Since|As|Unless|Before|After)\s+"
    r"|It\s+is\s+(?:\w+\s+)?(?:important|essential|vital|necessary|expected|common|usual|crucial)\s+(?:that|for)\s+"
    r"|(?:HMIC|We|The\s+inspectorate)\s+(?:expects?|would\s+expect|considers?|believes?|recommends?"
    r"|(?:has\s+)?recommended|requires?)\s+(?:that\s+)?)?"
)
_GENERIC_SUBJECT: Final = re.compile(rf"{_OPENER}(?:{_GENERIC_FORCES})", re.I)
_ANY_FORCE: Final = re.compile(r"\b(?:a|any|each|every)\s+(?:police\s+)?force\b|\bfrom\s+force\s+to\s+force\b", re.I)
"""A force spoken of as any force, wherever it stands in the sentence: a report calls its own `the force`."""
_GENERIC_WORDS: Final = ("force", "pol", "organ", "rocu")
"""Each match of `_GENERIC_SUBJECT` holds one of these in any case, and each of `_ANY_FORCE` the first: a sentence
whose lower case has none is told apart without a regex match. (None has an i, k or s, letters that some
non-ASCII letters match in any case.)"""
_LEADING_CLAUSE: Final = re.compile(
    r"(?:Despite|Although|While|Whilst|When|Where|If|In|Across|Throughout|For|Under|Since|As|Because|Increasingly"
    r"|Nationally|Generally|Typically|Traditionally|However|Therefore)\b[^,;:]{0,140},\s+"
)
"""An opening clause before a comma, after which the main clause's subject stands."""
_DEFINING: Final = re.compile(
    r"An?\s+[^,;:]{2,80}?\s+(?:is|are)\s+(?:an?|the)\s"
    r"|(?:The\s+)?[^,;:]{2,80}?\s+\([A-Z][A-Z&]+s?\)\s+(?:is|are)\s+(?:an?|the)\s"
    r"|.{0,80}?\b(?:is|are)\s+(?:defined\s+as|known\s+as|called)\b"
)
"""A sentence that says what something is: `A serious crime prevention order (SCPO) is a court order`."""
_DEFINING_WORDS: Final = ("(", "defined", "known", "called")
"""A match of `_DEFINING` opens with `A` or holds one of these."""


def _at_word_start(words: Sequence[str]) -> str:
    """`\b(?:word|...)`, written so that each word opens with its literal first character: the regex engine
    skips ahead to a pattern's possible first characters fast, but tries one that opens with `\b` everywhere."""
    return f"(?:{'|'.join(map(_word_start, words))})"


def _word_start(word: str) -> str:
    """`\bword` as `_at_word_start` writes it."""
    return rf"{re.escape(word[0])}(?<=\b{re.escape(word[0])}){re.escape(word[1:])}"


def _citation_pattern() -> re.Pattern[str]:
    """A publication cited by where to get it or an instruction to see it; `See` opening a sentence aside.

    Every alternative opens with a literal character (word starts checked behind it), so the regex engine
    skips to the places where one can start instead of trying them all at every position.
    """
    phrases = {
        "available": r"\s+(?:from|at|on)\s*:",
        "www.": r"\S",
        "please": r"\s+see\b",
        "Please": r"\s+see\b",
        "for": r"\s+(?:more|further)\s+\w+,?\s+see\b",
        "For": r"\s+(?:more|further)\s+\w+,?\s+see\b",
        "ISBN": r"\b",
    }
    alternatives = [_word_start(word) + rest for word, rest in phrases.items()]
    return re.compile("|".join([*alternatives, r"https?://\S", r"\(see\b"]))


_CITATION: Final = _citation_pattern()
_OPENING_SEE: Final = re.compile(r"See\b")
_THIS_FORCE: Final = re.compile(
    _at_word_start(("the", "The", "this", "This", "our", "Our")) + r"\s+(?:constabulary|force)\b"
)
"""`the constabulary`, `this force`: how a report names the force it is about."""
_OPENING_CONSTABULARY: Final = re.compile(r"Constabulary\b")
_INSPECTORS_FOUND: Final = re.compile(
    _at_word_start(("we", "HMIC", "inspectors")) + r"\s+(?:found|saw|observed|noted|heard|(?:was|were)\s+told)\b"
)
_FINDING_WORDS: Final = ("found", "saw", "observed", "noted", "heard", "told")
"""A match of `_INSPECTORS_FOUND` holds one of these."""
_INHERITED: Final = frozenset({Role.EXPLAINER, Role.DEFINITION})
"""Roles that carry on to the sentences after, in the same paragraph, that say nothing of their own."""
_CONTINUED_MAX: Final = 20
"""The most paragraphs looked back through for the start of the one a paragraph goes on with (list items)."""


class RoleReader:
    """Reads the role of each sentence of a report about one force."""

    def __init__(self, force_short_name: str, report_text: str = "") -> None:
        """`force_short_name`: `Cambridgeshire`; the force's own acronym, where `report_text` defines one
        (`Greater Manchester Police (GMP)`), names it too."""
        names = [force_short_name] if force_short_name else []
        if force_short_name and report_text:
            names += _own_acronyms(force_short_name, report_text)
        self._names = tuple(names)
        self._named = re.compile(_at_word_start(names) + r"\b") if names else None

    def roles(
        self, text: str, bounds: Sequence[tuple[int, int]], *, footnote: bool, after: Role | None = None
    ) -> list[Role]:
        """The role of each sentence (`text[start:end]` for each of `bounds`) of a body paragraph or a footnote.

        `after`: the role of the last sentence of the paragraph before, when this one goes on with it (a
        paragraph cut by a page break opens in mid-sentence).
        """
        if not footnote and is_source(text):
            return [Role.SOURCE] * len(bounds)
        defining_note = footnote and opens_definition(text)
        found: list[Role] = []
        previous = after or _first_default(footnote)
        for start, end in bounds:
            previous = self.own_role(text[start:end], defining_note) or _carried(previous)
            found.append(previous)
        return found

    def own_role(self, sentence: str, defining_note: bool = False) -> Role | None:
        """The role a sentence of prose (not a source line) has by its own wording; None where it says nothing
        of its own and goes on in the role of the sentence before. `defining_note`: it is in a footnote that
        opens by defining a term."""
        if _cites(sentence):
            return Role.CITATION
        if self._about_force(sentence):
            return Role.FORCE
        if defining_note:
            return Role.DEFINITION
        if _generic_subject(sentence):
            return Role.EXPLAINER
        if (sentence[:1] == "A" or _holds_any(sentence, _DEFINING_WORDS)) and _DEFINING.match(sentence):
            return Role.DEFINITION
        return None

    def _about_force(self, sentence: str) -> bool:
        """Whether the sentence names the force (`the constabulary`, its name) or says what inspectors found.

        Each kind is searched for only where the sentence holds a word it needs.
        """
        if ("force" in sentence or "constabulary" in sentence) and _THIS_FORCE.search(sentence):
            return True
        if sentence.startswith("Constabulary") and _OPENING_CONSTABULARY.match(sentence):
            return True
        if self._named and _holds_any(sentence, self._names) and self._named.search(sentence):
            return True
        return _holds_any(sentence, _FINDING_WORDS) and bool(_INSPECTORS_FOUND.search(sentence))


@dataclass(slots=True)
class _Passage:
    """A passage's sentences and what is known of them so far."""

    text: str
    bounds: list[tuple[int, int]]
    source: bool
    """A body paragraph that is a chart's or table's furniture: all its sentences are `source`."""
    defining_note: bool
    own: dict[int, Role | None] = field(default_factory=dict)
    """The role each sentence read so far has by its own wording (`RoleReader.own_role`)."""


class PassageRoles:
    """The role of any sentence of a report's passages (body paragraphs, then footnotes), read when asked for.

    A sentence's role needs only its own wording or, where that says nothing, the role before it: only the
    sentences back to the nearest one with a role of its own are read, each once.
    """

    def __init__(self, reader: RoleReader, passages: Sequence[Paragraph], body: int) -> None:
        """`body`: how many of `passages` are body paragraphs; the rest are footnotes."""
        self._reader = reader
        self._passages = passages
        self._body = body
        self._read: dict[int, _Passage] = {}
        self._roles: dict[tuple[int, int], Role] = {}

    def bounds(self, which: int) -> list[tuple[int, int]]:
        """The sentences of `passages[which]`, as `sentence_bounds` gives them."""
        return self._passage(which).bounds

    def role(self, which: int, sentence: int) -> Role:
        """The role of sentence `sentence` of `passages[which]`, as `RoleReader.roles` gives it.

        A body paragraph goes on from the paragraphs before it that it `continues` (looking back through up
        to `_CONTINUED_MAX` of them), opening in the last role of the one before.
        """
        key = (which, sentence)
        found = self._roles.get(key)
        if found is None:
            found = self._roles[key] = self._read_role(which, sentence)
        return found

    def _read_role(self, which: int, sentence: int) -> Role:
        footnote = which >= self._body
        limit = which if footnote else max(which - _CONTINUED_MAX, 0)
        passage, last = which, sentence
        while True:
            read = self._passage(passage)
            for index in range(last, -1, -1):
                if index in read.own:
                    own = read.own[index]
                elif read.source:
                    own = read.own[index] = Role.SOURCE
                else:
                    start, end = read.bounds[index]
                    own = read.own[index] = self._reader.own_role(read.text[start:end], read.defining_note)
                if own is not None:
                    return own if passage == which and index == sentence else _carried(own)
            if passage <= limit or not continues(read.text, self._passages[passage - 1].text):
                return _carried(_first_default(footnote))
            passage -= 1
            last = len(self._passage(passage).bounds) - 1

    def _passage(self, which: int) -> _Passage:
        read = self._read.get(which)
        if read is None:
            text = self._passages[which].text
            footnote = which >= self._body
            read = self._read[which] = _Passage(
                text, sentence_bounds(text), not footnote and is_source(text), footnote and opens_definition(text)
            )
        return read


def is_source(text: str) -> bool:
    """Whether a body paragraph is a chart's or table's furniture: a source line, a caption, a table row."""
    return bool(_SOURCE_LINE.match(text)) or is_table_row(text)


def _first_default(footnote: bool) -> Role:
    """The role before a paragraph's first sentence, when it goes on with no paragraph."""
    return Role.EXPLAINER if footnote else Role.FORCE


def _carried(previous: Role) -> Role:
    """The role of a sentence that says nothing of its own, after one of role `previous`."""
    return previous if previous in _INHERITED else Role.FORCE


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `words`; a plain loop costs about half of `any()` over a generator."""
    for word in words:  # noqa: SIM110 (see the docstring)
        if word in text:
            return True
    return False


def _cites(sentence: str) -> bool:
    if _holds_any(sentence, _CITATION_WORDS) and (
        _CITATION.search(sentence) or (sentence[:3] == "See" and _OPENING_SEE.match(sentence))
    ):
        return True
    return "," in sentence and bool(_CITED_DATE.search(sentence))


def _own_acronyms(short_name: str, text: str) -> list[str]:
    words = [re.escape(word) for word in short_name.split()] or [""]
    # The word boundary is checked behind the first word, not before it: a pattern that opens with a literal
    # word is searched for far faster than one that opens with an assertion.
    words[0] = rf"{words[0]}(?<=\b{words[0]})"
    name = r"\s+".join(words)
    defined = re.compile(rf"{name}\s+(?:Police(?:\s+Service)?|Constabulary)\s*\(([A-Z]{{2,6}})\)")
    return sorted({match.group(1) for match in defined.finditer(text)})


def continues(text: str, before: str) -> bool:
    """Whether a paragraph goes on with the one before: it opens in mid-sentence (a page break cut it),
    or it is an item of a list that the one before introduced (`..., including:`) or is an item of."""
    return text[:1].islower() or before.rstrip().endswith((":", ";", ",", " and", " or"))


def _generic_subject(sentence: str) -> bool:
    lowered = sentence.lower()
    if not _holds_any(lowered, _GENERIC_WORDS):
        return False
    if _GENERIC_SUBJECT.match(sentence) or ("force" in lowered and _ANY_FORCE.search(sentence)):
        return True
    clause = _LEADING_CLAUSE.match(sentence)
    return clause is not None and bool(_GENERIC_SUBJECT.match(sentence, clause.end()))
