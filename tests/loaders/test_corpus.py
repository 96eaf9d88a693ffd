"""Synthetic reports in the real layout (the benchmark's corpus): each parses back to what it was made with."""

from __future__ import annotations

import pytest

from bench.variants import SyntheticReport, synthetic_reports
from peelgraph.loaders.document import ReportDocument
from tests.loaders.conftest import Parse
from tests.loaders.test_roles import NOT_PARTNERS, partners

COUNT = 20


@pytest.fixture(scope="module")
def corpus(seed_text: str, parse: Parse) -> list[tuple[SyntheticReport, ReportDocument]]:
    return [(report, parse(report.text)) for report in synthetic_reports(seed_text, COUNT, seed=7)]


def test_forces_years_and_grades(corpus: list[tuple[SyntheticReport, ReportDocument]]) -> None:
    assert len({report.force.id for report, _ in corpus}) == COUNT
    for report, document in corpus:
        assert (document.force.id, document.force.name) == (report.force.id, report.force.name)
        assert document.report.year == report.year
        assert document.overall.grade == report.grades[0]
        assert {q.number: q.grade for q in document.questions} == {n: g for n, g in report.grades.items() if n}
        assert report.force.id not in {entity.id for entity in document.organisations}


def test_areas_for_improvement(corpus: list[tuple[SyntheticReport, ReportDocument]]) -> None:
    for report, document in corpus:
        found = {q.number: tuple(area.text for area in q.areas_for_improvement) for q in document.questions}
        assert found == report.areas


def test_figures(corpus: list[tuple[SyntheticReport, ReportDocument]], seed: ReportDocument) -> None:
    original = {metric.id.removesuffix("-cambridgeshire"): metric.value for metric in seed.metrics}
    for report, document in corpus:
        found = {metric.id.removesuffix(f"-{report.force.id}"): metric.value for metric in document.metrics}
        assert found.keys() == original.keys()
        for metric_id, value in original.items():
            assert found[metric_id] == pytest.approx(value * report.scale, abs=0.5), metric_id


def test_years_cycle_after_every_force(seed_text: str) -> None:
    reports = list(synthetic_reports(seed_text, 45, seed=1))
    assert [report.year for report in reports[42:45]] == [2015, 2016, 2016]
    assert reports[43].force.id == reports[0].force.id


def test_partners_only_from_prose_about_each_force(corpus: list[tuple[SyntheticReport, ReportDocument]]) -> None:
    for report, document in corpus:
        found = partners(document)
        generic_unit = {"rocu"} if report.force.rocu is None else set()
        assert not found & (set(NOT_PARTNERS) - generic_unit), report.force.id
        assert {report.force.rocu or "rocu", "mash", "cps"} <= found, report.force.id
