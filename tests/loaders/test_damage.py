"""Extraction damage, each kind alone and all together, reads to the facts written by hand for the clean report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.variants import synthetic_reports
from peelgraph.loaders.document import ReportDocument
from tests.loaders import damage
from tests.loaders.conftest import Parse

EXPECTED = json.loads((Path(__file__).parent / "expected" / "peel-2015-effectiveness-cambridgeshire.json").read_text())
KINDS = [*damage.KINDS, "all"]
FRONT_MATTER_PAGES = 2
"""The cover and contents pages `damage.front_matter` puts before the overview."""


def damaged(text: str, kind: str) -> str:
    return damage.all_damage(text) if kind == "all" else damage.KINDS[kind](text)


def check_facts(document: ReportDocument) -> None:
    """The document holds the hand-written facts: grades, earlier judgments, areas for improvement, figures."""
    assert (document.force.id, document.report.year) == (EXPECTED["force"], EXPECTED["year"])
    assert document.overall.grade == EXPECTED["overall"]
    for question in document.questions:
        expected = EXPECTED["questions"][str(question.number)]
        assert question.grade == expected["grade"], question.number
        previous = question.previous and [question.previous.year, question.previous.grade]
        assert previous == expected["previous"], question.number
        areas = [area.text for area in question.areas_for_improvement]
        assert len(areas) == len(expected["areas"]), (question.number, areas)
        for text, (opening, closing) in zip(areas, expected["areas"], strict=True):
            assert text.startswith(opening) and text.endswith(closing), text
            assert "-" not in text.replace("anti-social", ""), text
    figures = {metric.id: metric.value for metric in document.metrics}
    assert {key: figures.get(key) for key in EXPECTED["figures"]} == EXPECTED["figures"]


def without_identity(document: ReportDocument) -> dict[str, Any]:
    data = document.to_dict()
    data["report"].pop("sha256")
    return data


def test_the_clean_report_holds_the_hand_written_facts(seed: ReportDocument) -> None:
    check_facts(seed)
    assert seed.warnings == ()


@pytest.mark.parametrize("kind", KINDS)
def test_damaged_reads_to_the_same_facts(parse: Parse, seed_text: str, kind: str) -> None:
    text = damaged(seed_text, kind)
    assert text != seed_text
    document = parse(text)
    check_facts(document)
    assert document.warnings == ()


@pytest.mark.parametrize("kind", [kind for kind in damage.KINDS if kind not in ("front matter", "last year")])
def test_damage_that_adds_no_page_changes_nothing_at_all(parse: Parse, seed_text: str, kind: str) -> None:
    """Every summary, quote, page, entity, footnote and figure as in the clean report."""
    assert without_identity(parse(damaged(seed_text, kind))) == without_identity(parse(seed_text))


def test_front_matter_moves_every_page_by_its_own(parse: Parse, seed: ReportDocument, seed_text: str) -> None:
    document = parse(damage.front_matter(seed_text))
    assert document.overall.evidence.page == seed.overall.evidence.page + FRONT_MATTER_PAGES
    for question, clean in zip(document.questions, seed.questions, strict=True):
        assert question.evidence == type(clean.evidence)(clean.evidence.page + FRONT_MATTER_PAGES, clean.evidence.quote)
        assert question.summary == clean.summary
        assert [area.evidence.page for area in question.areas_for_improvement] == [
            area.evidence.page + FRONT_MATTER_PAGES for area in clean.areas_for_improvement
        ]


def test_the_damage_is_what_extractors_give(seed_text: str) -> None:
    assert "Summary of \ufb01ndings" in damage.ligatures(seed_text)
    assert "Areas\u00a0for\u00a0improvement" in damage.unicode_spaces(seed_text) or (
        "Areas\u2009for\u2009improvement" in damage.unicode_spaces(seed_text)
    )
    assert "\uf0b7 The constabulary should" in damage.word_bullets(seed_text)
    assert "Requires \nimprovement" in damage.wrapped_grades(seed_text)
    assert "the same judgment as last year" in damage.last_year(seed_text)
    hyphenated = damage.hyphenation(seed_text)
    assert "con-\nstabulary" in hyphenated and "im-\nprovement" in hyphenated and "anti-\nsocial" in hyphenated
    headed = damage.running_headers(seed_text)
    pages = sum(1 for line in seed_text.split("\n") if damage.PAGE_START.match(line))
    assert headed.count(damage.HEADER) == pages and headed.endswith(f"\n{pages}")


@pytest.mark.parametrize("index", range(3))
def test_other_forces_damaged_read_as_their_clean_text(parse: Parse, seed_text: str, index: int) -> None:
    """Other forces, years, grades and areas for improvement: all the damage changes none of their facts."""
    report = list(synthetic_reports(seed_text, 3, seed=20))[index]
    header = f"{report.force.name} \u2013 PEEL: Police effectiveness {report.year}"
    text = report.text
    for kind, hurt in damage.KINDS.items():
        text = damage.running_headers(text, header) if kind == "running headers" else hurt(text)
    clean, hurt_document = parse(report.text), parse(text)
    assert hurt_document.warnings == ()
    assert (hurt_document.force, hurt_document.report.year) == (clean.force, clean.report.year)
    assert hurt_document.overall.grade == clean.overall.grade == report.grades[0]
    for question, clean_question in zip(hurt_document.questions, clean.questions, strict=True):
        assert question.grade == clean_question.grade == report.grades[question.number]
        assert question.previous == clean_question.previous
        assert [a.text for a in question.areas_for_improvement] == list(report.areas[question.number])
    assert {m.id: m.value for m in hurt_document.metrics} == {m.id: m.value for m in clean.metrics}
