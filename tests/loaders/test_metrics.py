"""Figures from the flattened tables and the standard sentences, with units, periods, areas and signs."""

from __future__ import annotations

import pytest

from peelgraph.loaders.document import Metric, ReportDocument

FORCE = "Cambridgeshire Constabulary"
EW = "England and Wales"
JUNE = "12 months to 30 June 2015"


def metric(seed: ReportDocument, metric_id: str) -> Metric:
    return next(item for item in seed.metrics if item.id == metric_id)


@pytest.mark.parametrize(
    ("base", "force_value", "ew_value", "unit"),
    [
        ("recorded-crime-excluding-fraud-rate", 56.3, 63.0, "per 1,000 population"),
        ("victim-based-crime-rate", 50.6, 56.0, "per 1,000 population"),
        ("sexual-offences-rate", 1.5, 1.6, "per 1,000 population"),
        ("assault-with-injury-rate", 4.4, 6.3, "per 1,000 population"),
        ("burglary-in-a-dwelling-rate", 6.9, 8.4, "per 1,000 households"),
        ("anti-social-behaviour-incidents-rate", 28.6, 32.9, "per 1,000 population"),
        ("outcomes-charged-summonsed-count", 6409, 577678, "count"),
        ("outcomes-charged-summonsed-rate", 13.7, 16.0, "percent"),
        ("outcomes-taken-into-consideration-count", 322, 21318, "count"),
        ("outcomes-out-of-court-formal-count", 2086, 165384, "count"),
        ("outcomes-caution-youths-rate", 0.6, 0.5, "percent"),
        ("outcomes-caution-adults-count", 1409, 115000, "count"),
        ("outcomes-penalty-notices-for-disorder-rate", 0.9, 0.8, "percent"),
        ("outcomes-out-of-court-informal-count", 1757, 159915, "count"),
        ("outcomes-cannabis-khat-warning-rate", 1.4, 1.2, "percent"),
        ("outcomes-community-resolution-count", 1119, 117951, "count"),
        ("outcomes-community-resolution-rate", 2.4, 3.3, "percent"),
        ("recorded-crime-change-since-2010", -19, -13, "percent"),
        ("victim-based-crime-change-since-2010", -20, -12, "percent"),
        ("recorded-crime-change-year-on-year", 4, 4, "percent"),
        ("anti-social-behaviour-incidents-change", -11, -9, "percent"),
        ("victim-satisfaction", 86.5, 83.8, "percent"),
        ("organised-crime-groups-drug-activity-share", 62, 64, "percent"),
    ],
)
def test_force_and_england_and_wales_figures(
    seed: ReportDocument, base: str, force_value: float, ew_value: float, unit: str
) -> None:
    force, ew = metric(seed, f"{base}-cambridgeshire"), metric(seed, f"{base}-england-and-wales")
    assert (force.value, force.unit, force.area) == (force_value, unit, FORCE)
    assert (ew.value, ew.unit, ew.area) == (ew_value, unit, EW)


@pytest.mark.parametrize(
    ("metric_id", "value", "unit", "period"),
    [
        ("anti-social-behaviour-incidents-count-cambridgeshire", 23737, "count", JUNE),
        ("organised-crime-groups-count-cambridgeshire", 47, "count", "as at 30 June 2015"),
        ("organised-crime-groups-per-million-cambridgeshire", 57, "per million population", "as at 30 June 2015"),
        ("sopos-issued-cambridgeshire", 76, "count", JUNE),
        ("sopos-breached-cambridgeshire", 19, "count", JUNE),
    ],
)
def test_force_only_figures(seed: ReportDocument, metric_id: str, value: float, unit: str, period: str) -> None:
    found = metric(seed, metric_id)
    assert (found.value, found.unit, found.period, found.area) == (value, unit, period, FORCE)


def test_periods_and_evidence(seed: ReportDocument) -> None:
    rate = metric(seed, "recorded-crime-excluding-fraud-rate-cambridgeshire")
    assert rate.period == JUNE
    assert (rate.evidence.page, rate.evidence.quote) == (11, "Recorded crime (excluding fraud) 56.3 63.0")
    satisfaction = metric(seed, "victim-satisfaction-england-and-wales")
    assert satisfaction.period == "12 months to 31 March 2015"
    assert satisfaction.evidence.quote.startswith("This is higher than the national victim satisfaction rate")
    change = metric(seed, "recorded-crime-change-since-2010-cambridgeshire")
    assert change.period == "12 months to 30 June 2015 compared with 12 months to 30 June 2010"
    assert change.evidence.page == 9
    outcome = metric(seed, "outcomes-charged-summonsed-count-cambridgeshire")
    assert outcome.evidence.page == 18 and outcome.period == JUNE


def test_ids_are_unique(seed: ReportDocument) -> None:
    ids = [item.id for item in seed.metrics]
    assert len(ids) == len(set(ids)) == 65
