"""Terms the footnotes define: `MARACs are local meetings ...`, `This programme is called X.`"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from peelgraph.loaders.document import GlossaryTerm
from peelgraph.loaders.pages import Footnote
from peelgraph.loaders.prose import CLOSING_QUOTES, OPENING_QUOTES, QUOTES

_DEFINES: Final = re.compile(
    r"(?:(?:A|An|The)\s+)?(?P<term>[^,;:.]{2,90}?)\s+"
    r"(?:is|are|was|were|brings|bring|means|refers\s+to|refer\s+to)\s+(?!not\b)(?![a-z]+ing\b)"
)
_CALLED: Final = re.compile(r"\b(?:is|are)\s+(?:called|known\s+as)\s+(?P<term>[^.]{2,90}?)\.?$")
_QUOTED_TERM: Final = re.compile(
    rf"[{OPENING_QUOTES}](?P<term>[^{CLOSING_QUOTES}]{{2,60}})[{CLOSING_QUOTES}]\s+(?:is|are|means)\s+"
)
_SENTENCE_END: Final = re.compile(rf"\s(?<=[.?!]\s)\s*(?=[{OPENING_QUOTES}A-Z])")
"""White space after a full stop, question or exclamation mark, written to start with the white space: the
regex engine skips to a character class fast, but tries a lookbehind at every position."""
_MAX_TERM_WORDS: Final = 7


def glossary(footnotes: Sequence[Footnote]) -> tuple[GlossaryTerm, ...]:
    """One term per definition found in the footnotes, in footnote order, each term once."""
    terms: dict[str, GlossaryTerm] = {}
    for footnote in footnotes:
        for term, definition in _definitions(footnote):
            terms.setdefault(term.lower(), GlossaryTerm(term, definition, footnote.page))
    return tuple(terms.values())


def opens_definition(text: str) -> bool:
    """Whether a footnote's text opens by defining a term: `MARACs are local meetings ...`, `A plant ...`."""
    return text.startswith(("A ", "An ")) or bool(_term(_SENTENCE_END.split(text, 1)[0], True))


def _definitions(footnote: Footnote) -> Iterator[tuple[str, str]]:
    sentences = _SENTENCE_END.split(footnote.text)
    starts = [(index, term) for index, sentence in enumerate(sentences) if (term := _term(sentence, index == 0))]
    anchored = footnote.anchor.rsplit("/", 1)[-1]
    if not starts and footnote.text.startswith(("A ", "An ")) and anchored:
        starts = [(0, anchored)]
    for position, (index, term) in enumerate(starts):
        following = starts[position + 1][0] if position + 1 < len(starts) else len(sentences)
        yield term, " ".join(sentences[0 if position == 0 else index : following])


def _term(sentence: str, first: bool) -> str:
    # A slow search, and it cannot match without one of these words.
    called = _CALLED.search(sentence) if "called" in sentence or "known" in sentence else None
    if called:
        return _tidy(called.group("term"))
    match = _QUOTED_TERM.match(sentence) or (_DEFINES.match(sentence) if first else None)
    if match is None or len(match.group("term").split()) > _MAX_TERM_WORDS:
        return ""
    return _tidy(match.group("term"))


def _tidy(term: str) -> str:
    """Strip quotes; lower-case a first word capitalised only because it starts the sentence."""
    term = term.strip().strip(QUOTES).strip()
    words = re.sub(r"\([^)]*\)", "", term).split()
    if words and words[0][1:].islower() and all(word.islower() for word in words[1:]):
        term = term[0].lower() + term[1:]
    return term
