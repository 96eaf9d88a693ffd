"""What the API reads from the graph, as plain dataclasses built from the rows of `cypher/read/`.

Rows carry node properties as maps (`n {.*}`); owned nodes (judgments, areas for improvement,
metrics, passages) come with the report that owns them and, where there is one, their question.
Records are built by keyword only (`kw_only`), so a field cannot land in another's place; a property every
node of the label has is read with `p[...]` and fails loudly when a statement leaves it out, an optional one
(Neo4j stores no nulls, so `{.*}` omits it) with `p.get(...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Properties = Mapping[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class ForceRecord:
    id: str
    name: str
    ons_code: str | None
    country: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OrganisationRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None
    alias: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SchemeRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InitiativeRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreatRecord:
    id: str
    name: str
    acronym: str | None
    kind: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportRecord:
    id: str
    title: str | None
    inspectorate: str | None
    programme: str | None
    pillar: str
    year: int
    source_url: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionRecord:
    id: str
    pillar: str
    number: int
    title: str | None
    years: tuple[int, ...] | None = None
    ungraded_years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
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
    basis: str | None = None
    source_url: str | None = None
    page: int | None = None
    asked: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AreaRecord:
    id: str
    text: str
    question: QuestionRecord | None
    report: ReportRecord | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MetricRecord:
    id: str
    label: str
    value: float | None
    unit: str | None
    period: str | None
    area: str | None
    report: ReportRecord | None


@dataclass(frozen=True, slots=True, kw_only=True)
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


@dataclass(frozen=True, slots=True, kw_only=True)
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
    return ForceRecord(id=p["id"], name=p.get("name") or p["id"], ons_code=p.get("onsCode"), country=p.get("country"))


def organisation(p: Properties) -> OrganisationRecord:
    return OrganisationRecord(id=p["id"], name=p.get("name") or p["id"], acronym=p.get("acronym"), kind=p.get("kind"),
                              alias=p.get("alias"))


def scheme(p: Properties) -> SchemeRecord:
    return SchemeRecord(id=p["id"], name=p.get("name") or p["id"], acronym=p.get("acronym"), kind=p.get("kind"))


def initiative(p: Properties) -> InitiativeRecord:
    return InitiativeRecord(id=p["id"], name=p.get("name") or p["id"], acronym=p.get("acronym"), kind=p.get("kind"))


def threat(p: Properties) -> ThreatRecord:
    return ThreatRecord(id=p["id"], name=p.get("name") or p["id"], acronym=p.get("acronym"), kind=p.get("kind"))


def report(p: Properties) -> ReportRecord:
    return ReportRecord(
        id=p["id"], title=p.get("title"), inspectorate=p.get("inspectorate"), programme=p.get("programme"),
        pillar=p["pillar"], year=p["year"], source_url=p.get("sourceUrl"),
    )


def question(p: Properties) -> QuestionRecord:
    years = p.get("years")
    return QuestionRecord(id=p["id"], pillar=p["pillar"], number=p["number"], title=p.get("title"),
                          years=None if years is None else tuple(years),
                          ungraded_years=tuple(p.get("ungradedYears") or ()))


def judgment(p: Properties, question_: Properties | None, report_: Properties | None) -> JudgmentRecord:
    return judgment_of(p, _maybe(question, question_), _maybe(report, report_))


def judgment_of(p: Properties, question_: QuestionRecord | None, report_: ReportRecord | None) -> JudgmentRecord:
    """A judgment whose question and report records are already built (shared by many judgments)."""
    return JudgmentRecord(
        id=p["id"], grade=p.get("grade"), grade_rank=p.get("gradeRank"), grade_source=p.get("gradeSource"),
        previous_grade=p.get("previousGrade"), previous_year=p.get("previousYear"), summary=p.get("summary"),
        question=question_, report=report_, basis=p.get("basis"),
        source_url=p.get("sourceUrl"), page=p.get("page"), asked=p.get("asked"),
    )


def area(p: Properties, question_: Properties | None, report_: Properties | None) -> AreaRecord:
    return AreaRecord(id=p["id"], text=p["text"], question=_maybe(question, question_), report=_maybe(report, report_))


def metric(p: Properties, report_: Properties | None) -> MetricRecord:
    return MetricRecord(
        id=p["id"], label=p.get("label") or p["id"], value=p.get("value"), unit=p.get("unit"), period=p.get("period"),
        area=p.get("area"), report=_maybe(report, report_),
    )


def passage(p: Properties, report_: Properties | None) -> PassageRecord:
    return passage_of(p, _maybe(report, report_))


def passage_of(p: Properties, report_: ReportRecord | None) -> PassageRecord:
    """A passage whose report record is already built (shared by the passages of one report)."""
    return PassageRecord(id=p["id"], page=p["page"], text=p["text"], question=p.get("question"), report=report_,
                         role=p.get("role") or "force")


def term(p: Properties, page: int | None = None) -> TermRecord:
    return TermRecord(id=p["id"], term=p.get("term") or p["id"], definition=p.get("definition"), page=page)


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


@dataclass(frozen=True, slots=True, kw_only=True)
class PartnerRecord:
    """An organisation or force a force works with, and how many passages of its reports say so."""

    partner: ForceRecord | OrganisationRecord
    mentions: int


def partner(labels: list[str], p: Properties, works_with: Properties) -> PartnerRecord:
    """A force's partner, from its node and the WORKS_WITH relationship to it."""
    found = entity(labels, p)
    if not isinstance(found, ForceRecord | OrganisationRecord):
        raise ValueError(f"a WORKS_WITH ends at {labels}, not a force or an organisation")
    return PartnerRecord(partner=found, mentions=works_with.get("mentions") or 0)
