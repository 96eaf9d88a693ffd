"""Altered copies of the report, built in code: the parser reads back what was changed."""

from __future__ import annotations

from typing import Any

import pytest

from bench.variants import (
    AREA_POOL,
    with_areas,
    with_crlf,
    with_extra_area,
    with_figures,
    with_force,
    with_form_feeds,
    with_grades,
    with_interleaved_grid,
    with_regional_unit,
    with_year,
)
from peelgraph.loaders.document import ReportDocument
from peelgraph.loaders.errors import ParseError
from peelgraph.loaders.report import default_forces
from tests.loaders.conftest import Parse


def facts(document: ReportDocument) -> dict[str, Any]:
    data = document.to_dict()
    data["report"].pop("sha256")
    return data


def line_number(text: str, wanted: str, occurrence: int = 1) -> int:
    """The 1-based number of the line whose stripped text is `wanted`, `occurrence`-th time."""
    found = [index for index, line in enumerate(text.splitlines(), 1) if line.strip() == wanted]
    return found[occurrence - 1]


@pytest.mark.parametrize(
    ("name", "short", "force_id"),
    [
        ("Durham Constabulary", "Durham", "durham"),
        ("Essex Police", "Essex", "essex"),
        ("Avon and Somerset Constabulary", "Avon and Somerset", "avon-and-somerset"),
    ],
)
def test_another_force(parse: Parse, seed_text: str, name: str, short: str, force_id: str) -> None:
    document = parse(with_force(seed_text, name, short))
    assert (document.force.id, document.force.name) == (force_id, name)
    assert document.report.title == f"PEEL: Police effectiveness 2015 \u2013 {name}"
    organisations = {entity.id for entity in document.organisations}
    assert force_id not in organisations
    assert {"bedfordshire", "hertfordshire"} <= organisations
    assert "cambridgeshire" not in organisations
    assert any(metric.id == f"recorded-crime-excluding-fraud-rate-{force_id}" for metric in document.metrics)
    assert {metric.area for metric in document.metrics} == {name, "England and Wales"}


def test_another_force_by_plain_replacement(parse: Parse, seed_text: str) -> None:
    text = seed_text.replace("Cambridgeshire Constabulary", "Durham Constabulary").replace("Cambridgeshire", "Durham")
    document = parse(text)
    assert document.force.id == "durham"
    assert "durham" not in {entity.id for entity in document.organisations}


def test_a_force_named_otherwise_than_in_the_table(parse: Parse, seed_text: str) -> None:
    document = parse(with_force(seed_text, "Hampshire and Isle of Wight Constabulary"))
    assert (document.force.id, document.force.name) == ("hampshire", "Hampshire and Isle of Wight Constabulary")
    document = parse(with_force(seed_text, "British Transport Police"))
    assert (document.force.id, document.force.name) == ("british-transport", "British Transport Police")


GRADES = {0: "Good", 1: "Outstanding", 2: "Inadequate", 3: "Good", 4: "Requires improvement"}


def test_other_grades(parse: Parse, seed_text: str) -> None:
    document = parse(with_grades(seed_text, GRADES))
    assert document.overall.grade == "Good"
    assert {q.number: q.grade for q in document.questions} == {n: g for n, g in GRADES.items() if n}


def test_grades_in_another_case_are_written_back_canonically(parse: Parse, seed_text: str) -> None:
    document = parse(seed_text.replace("Requires improvement \n", "REQUIRES IMPROVEMENT \n"))
    assert document.overall.grade == "Requires improvement"


def test_a_section_grade_that_disagrees_with_the_grid_fails(parse: Parse, seed_text: str) -> None:
    lines = seed_text.splitlines(keepends=True)
    wrong = line_number(seed_text, "Requires improvement", 4)  # Q2's section grade, after the overall and grid
    lines[wrong - 1] = "Good \n"
    with pytest.raises(ParseError) as raised:
        parse("".join(lines))
    assert str(raised.value).startswith(f"report.txt:{wrong}: expected question 2's grade to agree")


def test_an_unknown_grade_word_fails_naming_the_line(parse: Parse, seed_text: str) -> None:
    lines = seed_text.splitlines(keepends=True)
    wrong = line_number(seed_text, "Requires improvement", 5)  # Q3's section grade
    lines[wrong - 1] = "Requires improvment \n"
    with pytest.raises(ParseError) as raised:
        parse("".join(lines))
    assert str(raised.value) == (
        f"report.txt:{wrong}: expected a grade (Outstanding, Good, Requires improvement, Inadequate), "
        "got 'Requires improvment'"
    )


def test_other_figures(parse: Parse, seed: ReportDocument, seed_text: str) -> None:
    scaled = parse(with_figures(seed_text, 1.25))
    before = {metric.id: metric.value for metric in seed.metrics}
    after = {metric.id: metric.value for metric in scaled.metrics}
    assert before.keys() == after.keys()
    for metric_id, value in before.items():
        assert after[metric_id] == pytest.approx(value * 1.25, abs=0.5), metric_id
    assert after["recorded-crime-excluding-fraud-rate-cambridgeshire"] == 70.4
    assert after["anti-social-behaviour-incidents-count-cambridgeshire"] == 29671
    assert after["recorded-crime-change-since-2010-cambridgeshire"] == -24


def test_figures_replaced_by_hand(parse: Parse, seed_text: str) -> None:
    text = seed_text.replace("monitoring 47 organised", "monitoring 112 organised").replace(
        "Charged/Summonsed 6,409", "Charged/Summonsed 7,021"
    )
    metrics = {metric.id: metric.value for metric in parse(text).metrics}
    assert metrics["organised-crime-groups-count-cambridgeshire"] == 112
    assert metrics["outcomes-charged-summonsed-count-cambridgeshire"] == 7021


def test_an_added_area_for_improvement(parse: Parse, seed_text: str) -> None:
    text = with_extra_area(seed_text, 2, AREA_POOL[3])
    areas = [area.text for area in next(q for q in parse(text).questions if q.number == 2).areas_for_improvement]
    assert len(areas) == 3
    assert areas[2] == AREA_POOL[3]
    assert "well-planned and well-supervised" in areas[2]


def test_areas_for_a_question_that_had_none(parse: Parse, seed_text: str) -> None:
    text = with_areas(seed_text, 3, AREA_POOL[6:8])
    document = parse(text)
    assert [area.text for area in document.questions[2].areas_for_improvement] == list(AREA_POOL[6:8])
    assert document.questions[2].summary.endswith("undermining their confidence in the police to keep them safe.")


def test_crlf_line_endings_change_nothing(parse: Parse, seed: ReportDocument, seed_text: str) -> None:
    assert facts(parse(with_crlf(seed_text))) == facts(seed)


def test_form_feeds_as_page_breaks_change_nothing(parse: Parse, seed: ReportDocument, seed_text: str) -> None:
    assert facts(parse(with_form_feeds(seed_text))) == facts(seed)


def test_a_grid_interleaved_line_by_line(parse: Parse, seed: ReportDocument, seed_text: str) -> None:
    document = parse(with_interleaved_grid(with_grades(seed_text, GRADES)))
    assert {q.number: q.grade for q in document.questions} == {n: g for n, g in GRADES.items() if n}
    assert [q.title for q in document.questions] == [q.title for q in seed.questions]


@pytest.mark.parametrize(
    ("force_id", "unit", "other_unit"), [("durham", "nersou", "ersou"), ("hampshire", "serocu", "ersou")]
)
def test_another_forces_regional_unit(parse: Parse, seed_text: str, force_id: str, unit: str, other_unit: str) -> None:
    force = next(row for row in default_forces() if row.id == force_id)
    seed_unit = next(entity for entity in parse(seed_text).organisations if entity.id == other_unit)
    document = parse(with_force(with_regional_unit(seed_text, force), force.name))
    organisations = {entity.id: entity for entity in document.organisations}
    assert other_unit not in organisations
    assert len(organisations[unit].mentions) == len(seed_unit.mentions)


def test_a_force_without_a_regional_unit_gets_the_generic_name(parse: Parse, seed_text: str) -> None:
    force = next(row for row in default_forces() if row.rocu is None)
    text = with_regional_unit(seed_text, force)
    assert "Eastern Region Special Operations Unit" not in text and "ERSOU" not in text
    assert "rocu" in {entity.id for entity in parse(with_force(text, force.name)).organisations}


def test_another_year(parse: Parse, seed_text: str) -> None:
    document = parse(with_year(seed_text, 2019))
    assert document.report.year == 2019
    assert document.questions[0].previous is not None and document.questions[0].previous.year == 2018
    rate = next(metric for metric in document.metrics if metric.id.startswith("recorded-crime-excluding-fraud"))
    assert rate.period == "12 months to 30 June 2019"


def test_a_missing_question_section_fails(parse: Parse, seed_text: str) -> None:
    lines = seed_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(" How effective is the force at protecting"))
    end = next(i for i, line in enumerate(lines) if line.startswith(" How effective is the force at tackling"))
    with pytest.raises(ParseError, match="expected a section for question 3"):
        parse("".join(lines[:start] + lines[end:]))
