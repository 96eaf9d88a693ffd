"""Whatever is done to a report's text, the parser either reads it or raises a one-line ParseError."""

from __future__ import annotations

import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peelgraph.loaders.document import GRADES
from peelgraph.loaders.errors import ParseError
from peelgraph.loaders.reference import REPORTS_DIR
from peelgraph.loaders.report import decode, default_forces, default_gazetteer, parse_report

SEED = (REPORTS_DIR / "peel-2015-effectiveness-cambridgeshire.txt").read_text(encoding="utf-8")
LINES = SEED.splitlines(keepends=True)
MESSAGE = re.compile(r"mutated\.txt:\d+: expected [^\n]+")
ANY_CHARACTER = st.characters(exclude_categories=())
"""Every code point, surrogates and controls included."""
SCALE = int(os.environ.get("PEELGRAPH_PROPERTY_SCALE", "1"))
"""Multiplies every example count, for a long run: `PEELGRAPH_PROPERTY_SCALE=20 pytest ...`."""


def examples(count: int) -> settings:
    return settings(max_examples=count * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parses_or_fails_cleanly(text: str) -> None:
    try:
        document = parse_report(text, source="mutated.txt", forces=default_forces(), gazetteer=default_gazetteer())
    except ParseError as error:
        assert MESSAGE.fullmatch(str(error)), str(error)
        return
    assert [question.number for question in document.questions] == [1, 2, 3, 4]
    assert {question.grade for question in document.questions} | {document.overall.grade} <= set(GRADES)
    data = document.to_dict()
    json.dumps(data, ensure_ascii=False)
    entities = [entity for group in ("organisations", "schemes", "initiatives", "threats") for entity in data[group]]
    assert all(mention["page"] >= 1 for entity in entities for mention in entity["mentions"])


@examples(300)
@given(st.integers(min_value=0, max_value=len(SEED)))
def test_truncation_anywhere(cut: int) -> None:
    parses_or_fails_cleanly(SEED[:cut])


@examples(150)
@given(st.integers(min_value=0, max_value=len(SEED)), st.integers(min_value=1, max_value=4000))
def test_a_slice_cut_out(start: int, length: int) -> None:
    parses_or_fails_cleanly(SEED[:start] + SEED[start + length :])


@st.composite
def line_edits(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "blank", "strip", "indent"]))
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, lines[index])
        elif operation == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif operation == "blank":
            lines[index] = "\n"
        elif operation == "strip":
            lines[index] = lines[index].lstrip()
        else:
            lines[index] = " " + lines[index]
        if not lines:
            break
    return "".join(lines)


@examples(300)
@given(line_edits())
def test_lines_deleted_duplicated_swapped(text: str) -> None:
    parses_or_fails_cleanly(text)


@st.composite
def character_edits(draw: st.DrawFn) -> str:
    text = SEED
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        position = draw(st.integers(min_value=0, max_value=len(text)))
        inserted = draw(st.text(alphabet=ANY_CHARACTER, max_size=12))
        removed = draw(st.integers(min_value=0, max_value=3))
        text = text[:position] + inserted + text[position + removed :]
    return text


@examples(300)
@given(character_edits())
def test_characters_replaced_and_inserted(text: str) -> None:
    parses_or_fails_cleanly(text)


@examples(100)
@given(st.text(alphabet=ANY_CHARACTER, max_size=400))
def test_arbitrary_text(text: str) -> None:
    parses_or_fails_cleanly(text)


@examples(150)
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=6))
def test_bytes_flipped(flips: list[tuple[int, int]]) -> None:
    data = bytearray(SEED.encode("utf-8"))
    for position, value in flips:
        data[position % len(data)] = value
    try:
        text = decode(bytes(data), "mutated.txt")
    except ParseError as error:
        assert MESSAGE.fullmatch(str(error)), str(error)
        return
    parses_or_fails_cleanly(text)


def test_the_unchanged_seed_parses_whole() -> None:
    """The properties above hold trivially if every input fails: the seed itself must read cleanly."""
    document = parse_report(SEED, source="seed.txt", forces=default_forces(), gazetteer=default_gazetteer())
    assert [question.number for question in document.questions] == [1, 2, 3, 4]
    assert document.metrics and document.organisations
    assert not document.warnings


def runaway(pattern: str, replacement: str) -> str:
    """The seed with the one line that `pattern` finds rewritten (found by its words, not its line number)."""
    text, found = re.subn(pattern, replacement, SEED, count=1, flags=re.MULTILINE)
    assert found == 1, f"the seed has no line matching {pattern!r}"
    return text


def test_runaway_numbers_and_names() -> None:
    parses_or_fails_cleanly(runaway(r"^(Overall judgment)\S*.*$", r"\g<1>1 " + "9" * 5000))
    parses_or_fails_cleanly(runaway(r"^(Recorded crime \(excluding fraud\)) [\d.]+", r"\g<1> " + "7" * 5000))
    parses_or_fails_cleanly(runaway("Peterborough Safer", "A" + "x" * 3000 + " B" + "y" * 3000 + " (AB) Safer"))
