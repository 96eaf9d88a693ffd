"""What the API reads from the graph, as plain dataclasses built from the rows of `cypher/read/`.

Rows carry node properties as maps (`n {.*}`); owned nodes (judgments, areas for improvement,
metrics, passages) come with the report that owns them and, where there is one, their question.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Properties = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ForceRecord:
    id: str
    name: str
    ons_code: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class OrganisationRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None
    alias: str | None


@dataclass(frozen=True, slots=True)
class SchemeRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class InitiativeRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class ThreatRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class ReportRecord:
    id: str
    title: str | None
    inspectorate: str | None
    programme: str | None
    pillar: str
    year: int
    source_url: str | None


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    id: str
    pillar: str
    number: int
    title: str | None
    years: tuple[int, ...] | None = None
    ungraded_years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class JudgmentRecord:
    id: str
    grade: str | None
    grade_rank: int | None
    grade_source: str | None
    previous_grade: str | None
    previous_year: int | None
    summary: str | None
    question: QuestionRecord | None
    report: ReportRecord | None
    summary_read: bool = True
    """False when the statement left the summary out (lists of judgments do): ask for it by id."""
    basis: str | None = None
    source_url: str | None = None
    page: int | None = None
    asked: str | None = None


@dataclass(frozen=True, slots=True)
class AreaRecord:
    id: str
    text: str
    question: QuestionRecord | None
    report: ReportRecord | None


@dataclass(frozen=True, slots=True)
class MetricRecord:
    id: str
    label: str
    value: float | None
    unit: str | None
    period: str | None
    area: str | None
    report: ReportRecord | None


@dataclass(frozen=True, slots=True)
class PassageRecord:
    id: str
    page: int
    text: str
    question: int | str | None
    """The in-depth question whose section holds the passage, when the loader recorded it."""
    report: ReportRecord | None
    role: str = "force"
    """What kind of text it is: `force` (about the inspected force), `explainer`, `source`, `citation` or
    `definition` (docs/mention-roles.md)."""


@dataclass(frozen=True, slots=True)
class TermRecord:
    id: str
    term: str
    definition: str | None
    page: int | None
    """The page of the footnote that defines it, when read through a report."""


EntityRecord = ForceRecord | OrganisationRecord | SchemeRecord | InitiativeRecord | ThreatRecord
"""Things reports name: forces, organisations, schemes, initiatives and threats."""

NodeRecord = (
    EntityRecord | ReportRecord | QuestionRecord | JudgmentRecord | AreaRecord | MetricRecord | PassageRecord
    | TermRecord
)


def force(p: Properties) -> ForceRecord:
    return ForceRecord(p["id"], p.get("name") or p["id"], p.get("onsCode"), p.get("country"))


def organisation(p: Properties) -> OrganisationRecord:
    return OrganisationRecord(p["id"], p.get("name") or p["id"], p.get("acronym"), p.get("kind"), p.get("alias"))


def scheme(p: Properties) -> SchemeRecord:
    return SchemeRecord(p["id"], p.get("name") or p["id"], p.get("acronym"), p.get("kind"))


def initiative(p: Properties) -> InitiativeRecord:
    return InitiativeRecord(p["id"], p.get("name") or p["id"], p.get("acronym"), p.get("kind"))


def threat(p: Properties) -> ThreatRecord:
    return ThreatRecord(p["id"], p.get("name") or p["id"], p.get("acronym"), p.get("kind"))


def report(p: Properties) -> ReportRecord:
    return ReportRecord(
        p["id"], p.get("title"), p.get("inspectorate"), p.get("programme"), p["pillar"], p["year"], p.get("sourceUrl")
    )


def question(p: Properties) -> QuestionRecord:
    years = p.get("years")
    return QuestionRecord(
        p["id"], p["pillar"], p["number"], p.get("title"), None if years is None else tuple(years),
        tuple(p.get("ungradedYears") or ()),
    )


def judgment(p: Properties, question_: Properties | None, report_: Properties | None) -> JudgmentRecord:
    return judgment_of(p, _maybe(question, question_), _maybe(report, report_))


def judgment_of(p: Properties, question_: QuestionRecord | None, report_: ReportRecord | None) -> JudgmentRecord:
    """A judgment whose question and report records are already built (shared by many judgments)."""
    return JudgmentRecord(
        p["id"], p.get("grade"), p.get("gradeRank"), p.get("gradeSource"), p.get("previousGrade"),
        p.get("previousYear"), p.get("summary"), question_, report_, "summary" in p,
        p.get("basis"), p.get("sourceUrl"), p.get("page"), p.get("asked"),
    )


def area(p: Properties, question_: Properties | None, report_: Properties | None) -> AreaRecord:
    return AreaRecord(p["id"], p["text"], _maybe(question, question_), _maybe(report, report_))


def metric(p: Properties, report_: Properties | None) -> MetricRecord:
    return MetricRecord(
        p["id"], p.get("label") or p["id"], p.get("value"), p.get("unit"), p.get("period"), p.get("area"),
        _maybe(report, report_),
    )


def passage(p: Properties, report_: Properties | None) -> PassageRecord:
    return passage_of(p, _maybe(report, report_))


def passage_of(p: Properties, report_: ReportRecord | None) -> PassageRecord:
    """A passage whose report record is already built (shared by the passages of one report)."""
    return PassageRecord(p["id"], p["page"], p["text"], p.get("question"), report_, p.get("role") or "force")


def term(p: Properties, page: int | None = None) -> TermRecord:
    return TermRecord(p["id"], p.get("term") or p["id"], p.get("definition"), page)


ENTITIES: dict[str, Callable[[Properties], EntityRecord]] = {
    "Force": force,
    "Organisation": organisation,
    "Scheme": scheme,
    "Initiative": initiative,
    "Threat": threat,
}


def entity(labels: list[str], p: Properties) -> EntityRecord | None:
    """The record for a named thing; None for a node of any other label."""
    for label in labels:
        if label in ENTITIES:
            return ENTITIES[label](p)
    return None


def node(labels: list[str], p: Properties, question_: Properties | None, report_: Properties | None) -> NodeRecord:
    """The record for a node of any API label, given what `read/nodes` returns beside it."""
    found = entity(labels, p)
    if found is not None:
        return found
    if "Report" in labels:
        return report(p)
    if "Question" in labels:
        return question(p)
    if "Judgment" in labels:
        return judgment(p, question_, report_)
    if "AreaForImprovement" in labels:
        return area(p, question_, report_)
    if "Metric" in labels:
        return metric(p, report_)
    if "Passage" in labels:
        return passage(p, report_)
    if "Term" in labels:
        return term(p)
    raise ValueError(f"no API type for a node labelled {labels}")


def _maybe(build: Callable[[Properties], Any], properties: Properties | None) -> Any:
    return None if properties is None else build(properties)


@dataclass(frozen=True, slots=True)
class PartnerRecord:
    """An organisation or force a force works with, and how many passages of its reports say so."""

    partner: ForceRecord | OrganisationRecord
    mentions: int
