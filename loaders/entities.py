"""The organisations, schemes, initiatives and threats a report names, each with every mention.

Three sources: the curated gazetteer; the forces table; and definitions in the report itself,
`Full Name (ACR)` in the text or `ACR is/are/brings ...` opening a footnote, so a partner the gazetteer
does not know is still found (its kind guessed from words like Unit, Agency or Order).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from peelgraph.loaders.document import Entity, Mention
from peelgraph.loaders.forces import ForceNames
from peelgraph.loaders.gazetteer import Found, Gazetteer, GazetteerEntry
from peelgraph.loaders.prose import QUOTES, Paragraph
from peelgraph.loaders.roles import PassageRoles, RoleReader

_DEFINED_ACRONYM: Final = re.compile(r"\(([A-Z][A-Z&]+)(s?)\)")
_FOOTNOTE_ACRONYM: Final = re.compile(r"([A-Z][A-Z&]+)(s?) (?:is|are|was|were|brings|bring|provides|provide)\b")
_NAME_WORD_CHARS: Final = 40
_SKIPPABLE: Final = frozenset({"and", "of", "for", "the", "in", "on", "to", "&", "a"})

_CUES: Final[dict[str, tuple[str, str]]] = {
    "unit": ("organisation", "unit"),
    "agency": ("organisation", "agency"),
    "service": ("organisation", "service"),
    "board": ("organisation", "board"),
    "partnership": ("organisation", "local-partnership"),
    "department": ("organisation", "department"),
    "office": ("organisation", "office"),
    "authority": ("organisation", "authority"),
    "council": ("organisation", "council"),
    "commission": ("organisation", "commission"),
    "hub": ("organisation", "multi-agency"),
    "centre": ("organisation", "centre"),
    "bureau": ("organisation", "bureau"),
    "order": ("scheme", "court-order"),
    "notice": ("scheme", "police-notice"),
    "scheme": ("scheme", "scheme"),
    "programme": ("initiative", "programme"),
    "project": ("initiative", "project"),
    "initiative": ("initiative", "initiative"),
}
"""Head words that say what a newly defined name is: (category, kind)."""
_PROPER_CUES: Final = {"team": ("organisation", "team"), "network": ("organisation", "network")}
"""Head words trusted only in a proper name (`Regional Asset Recovery Team`, not `prisoner handling teams`)."""


@dataclass(frozen=True, slots=True)
class EntityGroups:
    organisations: tuple[Entity, ...] = ()
    schemes: tuple[Entity, ...] = ()
    initiatives: tuple[Entity, ...] = ()
    threats: tuple[Entity, ...] = ()


@dataclass(slots=True)
class _Collected:
    id: str
    name: str
    acronym: str | None
    kind: str
    category: str
    order: int
    mentions: list[Mention] = field(default_factory=list)


def find_entities(
    body: Sequence[Paragraph],
    footnotes: Sequence[Paragraph],
    gazetteer: Gazetteer,
    forces: ForceNames,
    own_force_id: str,
    own_short_name: str,
) -> EntityGroups:
    """Every entity named in the body and footnotes, each mention with its role (`loaders/roles.py`); the
    report's own force is never its own partner."""
    passages = [*body, *footnotes]
    text = "\n".join(paragraph.text for paragraph in passages)
    offsets = list(itertools.accumulate((len(paragraph.text) + 1 for paragraph in passages), initial=0))
    defined = Gazetteer(_defined(text, footnotes, gazetteer))
    collected: dict[str, _Collected] = {}
    seen: set[tuple[str, int, int]] = set()
    in_body: set[str] = set()
    footnotes_start = offsets[len(body)]
    roles = PassageRoles(RoleReader(own_short_name, text), passages, len(body))
    which = -1
    for found in _found(text, gazetteer, defined, forces, own_short_name):
        found_id = found.id
        if found_id == own_force_id:
            continue
        if found.start >= offsets[which + 1]:
            # Found in text order: each passage's sentences are split once, when its first entity is reached.
            which = bisect.bisect_right(offsets, found.start) - 1
            paragraph = passages[which]
            bounds = roles.bounds(which)
            starts = [start for start, _ in bounds]
        offset = found.start - offsets[which]
        sentence = max(bisect.bisect_right(starts, offset) - 1, 0)
        mention = (found_id, which, sentence)
        if mention in seen:
            continue
        seen.add(mention)
        if found.start < footnotes_start:
            in_body.add(found_id)
        entity = collected.get(found_id)
        if entity is None:
            entity = collected[found_id] = _Collected(
                found_id, found.name, found.entry.acronym, found.entry.kind, found.entry.category, len(collected)
            )
        start, end = bounds[sentence]
        role = roles.role(which, sentence)
        entity.mentions.append(Mention(paragraph.page_at(offset), paragraph.text[start:end], role))
    groups: dict[str, list[Entity]] = {"organisation": [], "scheme": [], "initiative": [], "threat": []}
    for entity in sorted(collected.values(), key=lambda item: (min(m.page for m in item.mentions), item.order)):
        if entity.kind == "force" and entity.id not in in_body:
            # Another force named only in footnotes is named about a chart's data, not as a partner.
            continue
        mentions = tuple(sorted(entity.mentions, key=lambda mention: mention.page))
        groups[entity.category].append(Entity(entity.id, entity.name, entity.acronym, entity.kind, mentions))
    return EntityGroups(
        tuple(groups["organisation"]), tuple(groups["scheme"]), tuple(groups["initiative"]), tuple(groups["threat"])
    )


def _found(text: str, gazetteer: Gazetteer, defined: Gazetteer, forces: ForceNames, own_short_name: str) -> list[Found]:
    candidates = [*gazetteer.find(text), *defined.find(text)]
    candidates += [
        Found(_force_entry(mention.force.id, mention.force.name), mention.start, mention.end)
        for mention in forces.mentions(text, own_short_name)
    ]
    candidates.sort(key=lambda found: (found.start, found.start - found.end))
    kept: list[Found] = []
    for found in candidates:
        if not kept or found.start >= kept[-1].end:
            kept.append(found)
    return kept


@functools.lru_cache(maxsize=256)
def _force_entry(force_id: str, name: str) -> GazetteerEntry:
    return GazetteerEntry(force_id, name, None, "force", "organisation")


def _defined(text: str, footnotes: Sequence[Paragraph], gazetteer: Gazetteer) -> Iterator[GazetteerEntry]:
    seen: set[str] = set()
    for match in _DEFINED_ACRONYM.finditer(text):
        acronym, plural = match.group(1), bool(match.group(2))
        # Most acronyms a report defines are known ones: look the acronym up before spelling out its name.
        if acronym in seen or gazetteer.lookup(acronym=acronym):
            continue
        name = _expansion(acronym, _sentence_before(text, match.start()))
        if name and not gazetteer.lookup(name):
            entry = _classified(acronym, _singular(name) if plural else name, name)
            if entry:
                seen.add(acronym)
                yield entry
    for footnote in footnotes:
        opening = _FOOTNOTE_ACRONYM.match(footnote.text)
        if opening and opening.group(1) not in seen and not gazetteer.lookup(acronym=opening.group(1)):
            acronym = opening.group(1)
            seen.add(acronym)
            category, kind = _cue_in(footnote.text.split(". ")[0])
            yield GazetteerEntry(acronym.lower(), acronym, acronym, kind, category)


def _sentence_before(text: str, end: int) -> str:
    """The text from the start of the sentence that `end` is in, up to `end`."""
    # Sentences end within their paragraph: search back to its start only, not to the start of the text.
    line = text.rfind("\n", 0, end)
    within = max(line, 0)
    start = max(line, text.rfind(". ", within, end), text.rfind("? ", within, end), text.rfind("; ", within, end))
    return text[start + 1 : end] if start >= 0 else text[:end]


def _expansion(acronym: str, before: str) -> str | None:
    """The words before `(ACR)` whose initials spell it: `Eastern Region Cyber Crime Unit (ERCCU)`."""
    letters = acronym.lower().replace("&", "")
    # Words are runs of characters other than white space and brackets.
    spaced = before.replace("(", " ").replace(")", " ")
    words = spaced.split()
    position = len(letters)
    for index in range(len(words) - 1, -1, -1):
        word = words[index].strip(QUOTES + ",")
        if len(word) > _NAME_WORD_CHARS:
            return None
        parts = [part for part in word.split("-") if part]
        for part in reversed(parts):
            if position == 0:
                break
            if part.isupper() and len(part) > 1 and letters[:position].endswith(part.lower()):
                position -= len(part)
            elif part[0].lower() == letters[position - 1]:
                position -= 1
            elif part.lower() not in _SKIPPABLE or index == len(words) - 1:
                return None
        if position == 0:
            start = len(spaced) - len(spaced.split(None, index)[-1])
            return before[start:].strip().strip(QUOTES).strip()
        if len(words) - index > len(letters) + 4:
            return None
    return None


def _classified(acronym: str, name: str, written: str) -> GazetteerEntry | None:
    words = re.findall(r"[A-Za-z]+", name)
    proper = all(word[0].isupper() for word in words if word.lower() not in _SKIPPABLE)
    head = words[-1].lower() if words else ""
    singular = head.removesuffix("s")
    cue = _CUES.get(head) or _CUES.get(singular) or (_PROPER_CUES.get(singular) if proper else None)
    if cue is None and not proper:
        return None
    category, kind = cue or ("organisation", "other")
    if kind == "unit" and re.search(r"\bRegion(?:al)?\b", written, re.I):
        kind = "regional-unit"
    elif kind == "agency" and re.search(r"\bNational\b", written):
        kind = "national-agency"
    display = name[0].upper() + name[1:]
    return GazetteerEntry(acronym.lower(), display, acronym, kind, category)


def _cue_in(text: str) -> tuple[str, str]:
    for word in re.findall(r"[a-z]+", text.lower()):
        cue = _CUES.get(word) or _CUES.get(word.removesuffix("s"))
        if cue:
            return cue
    return "organisation", "other"


def _singular(name: str) -> str:
    head, _, last = name.rpartition(" ")
    if last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}".strip()
