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
from enum import StrEnum

from peelgraph.loaders.glossary import opens_definition
from peelgraph.loaders.prose import is_table_row


class Role(StrEnum):
    FORCE = "force"
    EXPLAINER = "explainer"
    SOURCE = "source"
    CITATION = "citation"
    DEFINITION = "definition"


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_SOURCE_LINE = re.compile(r"(?:Data\s+)?Sources?\s*:|Notes?\s*:|(?:Figure|Table|Chart)\s+\d+\s*[:.]", re.I)
_CITATION = re.compile(
    rf"\bavailable\s+(?:from|at|on)\s*:|(?:https?://|\bwww\.)\S|\b[Pp]lease\s+see\b|^See\b|\(see\b"
    rf"|\b[Ff]or\s+(?:more|further)\s+\w+,?\s+see\b"
    rf"|,\s*(?:\d{{1,2}}\s+)?{_MONTH}\s+(?:19|20)\d\d\s*(?:[.,;)]|$)|,\s*(?:19|20)\d\d\.?$|\bISBN\b"
)
"""A publication cited: its date after a comma, where to get it, or an instruction to see it."""
_GENERIC_FORCES = (
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
_OPENER = (
    r"(?:(?:However|Therefore|Also|Similarly|Increasingly|Nationally|Generally|Typically|Traditionally|"
    r"Historically|Often|Usually|Consequently|In\s+general|In\s+practice),?\s+)?"
    r"(?:(?:When|Where|If|Once|Although|While|Whilst|Because|Since|As|Unless|Before|After)\s+"
    r"|It\s+is\s+(?:\w+\s+)?(?:important|essential|vital|necessary|expected|common|usual|crucial)\s+(?:that|for)\s+"
    r"|(?:HMIC|We|The\s+inspectorate)\s+(?:expects?|would\s+expect|considers?|believes?|recommends?"
    r"|(?:has\s+)?recommended|requires?)\s+(?:that\s+)?)?"
)
_GENERIC_SUBJECT = re.compile(rf"{_OPENER}(?:{_GENERIC_FORCES})", re.I)
_ANY_FORCE = re.compile(r"\b(?:a|any|each|every)\s+(?:police\s+)?force\b|\bfrom\s+force\s+to\s+force\b", re.I)
"""A force spoken of as any force, wherever it stands in the sentence: a report calls its own `the force`."""
_LEADING_CLAUSE = re.compile(
    r"(?:Despite|Although|While|Whilst|When|Where|If|In|Across|Throughout|For|Under|Since|As|Because|Increasingly"
    r"|Nationally|Generally|Typically|Traditionally|However|Therefore)\b[^,;:]{0,140},\s+"
)
"""An opening clause before a comma, after which the main clause's subject stands."""
_DEFINING = re.compile(
    r"An?\s+[^,;:]{2,80}?\s+(?:is|are)\s+(?:an?|the)\s"
    r"|(?:The\s+)?[^,;:]{2,80}?\s+\([A-Z][A-Z&]+s?\)\s+(?:is|are)\s+(?:an?|the)\s"
    r"|.{0,80}?\b(?:is|are)\s+(?:defined\s+as|known\s+as|called)\b"
)
"""A sentence that says what something is: `A serious crime prevention order (SCPO) is a court order`."""
_INSPECTORS_FOUND = r"\b(?:we|HMIC|inspectors)\s+(?:found|saw|observed|noted|heard|(?:was|were)\s+told)\b"
_INHERITED = frozenset({Role.EXPLAINER, Role.DEFINITION})
"""Roles that carry on to the sentences after, in the same paragraph, that say nothing of their own."""


class RoleReader:
    """Reads the role of each sentence of a report about one force."""

    def __init__(self, force_short_name: str, report_text: str = "") -> None:
        """`force_short_name`: `Cambridgeshire`; the force's own acronym, where `report_text` defines one
        (`Greater Manchester Police (GMP)`), names it too."""
        names = [force_short_name] if force_short_name else []
        if force_short_name and report_text:
            names += _own_acronyms(force_short_name, report_text)
        named = "".join(rf"|\b{re.escape(name)}\b" for name in names)
        self._about_force = re.compile(
            rf"\b(?:[Tt]he|[Tt]his|[Oo]ur)\s+(?:constabulary|force)\b|^Constabulary\b{named}|{_INSPECTORS_FOUND}"
        )

    def roles(
        self, text: str, bounds: Sequence[tuple[int, int]], *, footnote: bool, after: Role | None = None
    ) -> list[Role]:
        """The role of each sentence (`text[start:end]` for each of `bounds`) of a body paragraph or a footnote.

        `after`: the role of the last sentence of the paragraph before, when this one goes on with it (a
        paragraph cut by a page break opens in mid-sentence).
        """
        if not footnote and (_SOURCE_LINE.match(text) or is_table_row(text)):
            return [Role.SOURCE] * len(bounds)
        defining_note = footnote and opens_definition(text)
        found: list[Role] = []
        previous = after or (Role.EXPLAINER if footnote else Role.FORCE)
        for start, end in bounds:
            role = self._role(text[start:end], previous, defining_note)
            found.append(role)
            previous = role
        return found

    def _role(self, sentence: str, previous: Role, defining_note: bool) -> Role:
        if _CITATION.search(sentence):
            return Role.CITATION
        if self._about_force.search(sentence):
            return Role.FORCE
        if defining_note:
            return Role.DEFINITION
        if _generic_subject(sentence):
            return Role.EXPLAINER
        if _DEFINING.match(sentence):
            return Role.DEFINITION
        return previous if previous in _INHERITED else Role.FORCE


def _own_acronyms(short_name: str, text: str) -> list[str]:
    name = r"\s+".join(map(re.escape, short_name.split()))
    defined = re.compile(rf"\b{name}\s+(?:Police(?:\s+Service)?|Constabulary)\s*\(([A-Z]{{2,6}})\)")
    return sorted({match.group(1) for match in defined.finditer(text)})


def continues(text: str, before: str) -> bool:
    """Whether a paragraph goes on with the one before: it opens in mid-sentence (a page break cut it),
    or it is an item of a list that the one before introduced (`..., including:`) or is an item of."""
    return text[:1].islower() or before.rstrip().endswith((":", ";", ",", " and", " or"))


def _generic_subject(sentence: str) -> bool:
    if _GENERIC_SUBJECT.match(sentence) or _ANY_FORCE.search(sentence):
        return True
    clause = _LEADING_CLAUSE.match(sentence)
    return clause is not None and bool(_GENERIC_SUBJECT.match(sentence, clause.end()))
