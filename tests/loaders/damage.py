"""What PDF extractors and other forces' reports do to a report's text, done to a clean text in code.

Each function takes a report's text in the bundled layout (a page starts at a line with one leading
space) and returns it damaged one way; `ALL` applies every kind in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PAGE_START = re.compile(r" (?=\S)")
_HEADINGS = re.compile(
    r"(?:Summary of findings|Areas for improvement|Overall judgment|How effective is the force at)\b.*", re.I
)
_LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02"))
_UNICODE_SPACES = ("\u00a0", "\u2009", "\u202f", "\u2002")
_WORD = re.compile(r"[^\W\d_]{7,}(?=[\s,.;:]|$)")
_COMPOUND = re.compile(r"[a-z]+-(?=[a-z])")
_VOWELS = frozenset("aeiouy")


def ligatures(text: str) -> str:
    """`fi`, `fl`, `ff`, `ffi`, `ffl` as the single ligature characters many extractors emit."""
    for letters, ligature in _LIGATURES:
        text = text.replace(letters, ligature)
    return text


def unicode_spaces(text: str) -> str:
    """Every space inside a heading a no-break (or thin, or narrow) space; dates and units too."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        heading = _HEADINGS.match(line.strip())
        if heading:
            space = _UNICODE_SPACES[index % len(_UNICODE_SPACES)]
            lead = line[: len(line) - len(line.lstrip())]
            lines[index] = lead + line.strip().replace(" ", space) + " "
    text = "\n".join(lines)
    return re.sub(r"(?<=\d) (?=(?:June|March|population|percent)\b)", "\u00a0", text)


def word_bullets(text: str) -> str:
    """Bullets as pdftotext gives Word's: the Symbol font's private-use U+F0B7."""
    return text.replace("\u2022", "\uf0b7")


HEADER = "PEEL: Police effectiveness 2015 \u2013 Cambridgeshire Constabulary"


def running_headers(text: str, header: str = HEADER) -> str:
    """A running header opening every page and the page's number closing it, as a whole-page extraction gives."""
    lines = text.split("\n")
    out: list[str] = []
    page = 0
    for line in lines:
        if PAGE_START.match(line):
            if page:
                out.append(f"{page}")
            page += 1
            out += [f" {header}", line[1:]]
        else:
            out.append(line)
    out.append(f"{page}")
    return "\n".join(out)


def front_matter(text: str) -> str:
    """A cover page and a contents page before the overview, as a whole-PDF extraction gives them."""
    cover = [
        " PEEL: Police effectiveness 2015 ",
        "An inspection of Cambridgeshire Constabulary ",
        "",
        "February 2016 ",
        "",
        "\u00a9 HMIC 2016 ",
        "ISBN: 978-1-78246-937-3 ",
        "www.justiceinspectorates.gov.uk/hmic ",
        "",
    ]
    contents = [
        " Contents ",
        "",
        "Overview \u2013 How effective is the force at keeping people safe and reducing ",
        "crime? .................................................................................................. 3 ",
        "",
        "Overall judgment ........................................................................................ 3 ",
        "",
        "How effective is the force at preventing crime and anti-social behaviour, and ",
        "keeping people safe? ................................................................................... 9 ",
        "",
        "How effective is the force at investigating crime and managing offenders? ........ 18 ",
        "",
        "Summary of findings ................................................................................... 18 ",
        "",
        "Annex A \u2013 HMIC judgments ........................................................................... 40 ",
        "",
    ]
    return "\n".join([*cover, *contents]) + "\n" + text


def wrapped_grades(text: str) -> str:
    """Every two-word grade wrapped over two lines, as a narrow grade box comes out."""
    return re.sub(r"(?m)^Requires improvement *$", "Requires \nimprovement ", text)


def hyphenation(text: str) -> str:
    """Words broken at line ends: the first long word of a line moved up, split where a syllable ends.

    A hyphenated compound opening a line (`anti-social`) is broken at its own hyphen, as typesetters do.
    """
    lines = text.split("\n")
    for index in range(len(lines) - 1):
        above, below = lines[index], lines[index + 1]
        if not above.strip() or not above.rstrip()[-1:].isalpha() or PAGE_START.match(below) or not below[:1].islower():
            continue
        compound = _COMPOUND.match(below)
        word = _WORD.match(below)
        if compound:
            cut = compound.end()
            lines[index], lines[index + 1] = f"{above.rstrip()} {below[:cut]}", below[cut:]
        elif word and (cut := _syllable_end(word.group())):
            lines[index], lines[index + 1] = f"{above.rstrip()} {below[:cut]}-", below[cut:]
    return "\n".join(lines)


def last_year(text: str) -> str:
    """Earlier judgments stated relative to the report's year: `the same judgment as last year`."""
    text = re.sub(
        r"HMIC made a similar judgment in its\s+crime inspection in 2014 when the\s+constabulary was also judged "
        r"as good\s+at reducing crime and\s+preventing\s+offending\.",
        "This is the same judgment as last year.",
        text,
    )
    return re.sub(r"than we found in our 2014\s+crime inspection when", "than we found last year, when", text)


def _syllable_end(word: str) -> int | None:
    """Where the word's first syllable ends: after its first vowels and one consonant."""
    position = next((i for i, char in enumerate(word) if char.lower() in _VOWELS), None)
    if position is None:
        return None
    while position < len(word) and word[position].lower() in _VOWELS:
        position += 1
    position += 1
    return position if 2 <= position <= len(word) - 3 else None


KINDS: dict[str, Callable[[str], str]] = {
    "last year": last_year,
    "ligatures": ligatures,
    "unicode spaces": unicode_spaces,
    "word bullets": word_bullets,
    "hyphenation": hyphenation,
    "wrapped grades": wrapped_grades,
    "running headers": running_headers,
    "front matter": front_matter,
}
"""Each kind of damage, in the order `all_damage` applies them (the layout ones last)."""


def all_damage(text: str) -> str:
    for damage in KINDS.values():
        text = damage(text)
    return text
