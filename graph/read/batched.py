"""The API's batched reads: each takes many keys, runs one statement and answers in key order.

Relationship fields go through these (via the per-request DataLoaders of `schema/dataloaders.py`), so
a request costs one round trip per relationship it asks for, however many results it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from peelgraph.graph.read import records
from peelgraph.graph.read.reader import GraphReader, Row
from peelgraph.graph.read.records import (
    AreaRecord,
    EntityRecord,
    ForceRecord,
    JudgmentRecord,
    MetricRecord,
    NodeRecord,
    OrganisationRecord,
    PartnerRecord,
    PassageRecord,
    QuestionRecord,
    ReportRecord,
    SchemeRecord,
    TermRecord,
)
from peelgraph.graph.statements import statement

T = TypeVar("T")

NODES = statement("read/nodes")
FORCE_REPORTS = statement("read/force_reports")
FORCE_JUDGMENTS = statement("read/force_judgments")
FORCE_ROCUS = statement("read/force_rocus")
FORCE_PARTNERS = statement("read/force_partners")
PARTNER_PASSAGES = statement("read/partner_passages")
FORCE_SCHEMES = statement("read/force_schemes")
ORGANISATION_MEMBERS = statement("read/organisation_members")
ORGANISATION_FORCES = statement("read/organisation_forces")
SCHEME_FORCES = statement("read/scheme_forces")
MENTIONS = statement("read/mentions")
EVIDENCE = statement("read/evidence")
REPORT_JUDGMENTS = statement("read/report_judgments")
REPORT_AREAS = statement("read/report_areas")
REPORT_METRICS = statement("read/report_metrics")
REPORT_TERMS = statement("read/report_terms")
REPORT_FORCES = statement("read/report_forces")
PASSAGE_MENTIONS = statement("read/passage_mentions")
AREA_CONCERNS = statement("read/area_concerns")
QUESTION_JUDGMENTS = statement("read/question_judgments")
JUDGMENT_SUMMARIES = statement("read/judgment_summaries")
QUESTIONS = statement("read/questions")
STATS = statement("read/stats")


async def nodes(reader: GraphReader, ids: Sequence[str]) -> list[list[NodeRecord]]:
    """Every node with each id, whatever its label (ids are unique across labels, so normally one)."""
    found: dict[str, list[NodeRecord]] = {}
    for row in await reader.rows(NODES, {"ids": list(ids)}):
        record = records.node(row["labels"], row["properties"], row["question"], row["report"])
        found.setdefault(row["id"], []).append(record)
    return [found.get(key, []) for key in ids]


async def reports_of_forces(reader: GraphReader, ids: Sequence[str]) -> list[list[ReportRecord]]:
    """The reports inspecting each force, newest first, then by pillar."""
    return await _lists(reader, FORCE_REPORTS, ids, "reports", records.report)


async def judgments_of_forces(reader: GraphReader, ids: Sequence[str]) -> list[list[JudgmentRecord]]:
    """Every judgment of each force's reports: newest report first, then by pillar and question number."""
    found = {row["id"]: _judgments(row) for row in await reader.rows(FORCE_JUDGMENTS, {"ids": list(ids)})}
    return [found.get(key, []) for key in ids]


async def rocus_of_forces(reader: GraphReader, ids: Sequence[str]) -> list[OrganisationRecord | None]:
    """The regional organised crime unit each force belongs to."""
    return await _singles(reader, FORCE_ROCUS, ids, "rocu", records.organisation)


async def partners_of_forces(reader: GraphReader, ids: Sequence[str]) -> list[list[PartnerRecord]]:
    """The organisations and forces each force works with, most mentioned first, then by name."""
    return await _lists(reader, FORCE_PARTNERS, ids, "partners", _partner)


async def partner_passages(reader: GraphReader, pairs: Sequence[tuple[str, str]]) -> list[list[PassageRecord]]:
    """For (force id, partner id) pairs: the passages of the force's reports naming the partner, by page."""
    rows = await reader.rows(PARTNER_PASSAGES, {"pairs": [{"forceId": f, "partnerId": p} for f, p in pairs]})
    found = {(row["forceId"], row["partnerId"]): _passages(row) for row in rows}
    return [found.get(pair, []) for pair in pairs]


async def schemes_of_forces(reader: GraphReader, ids: Sequence[str]) -> list[list[SchemeRecord]]:
    """The schemes each force uses, most mentioned first, then by name."""
    return await _lists(reader, FORCE_SCHEMES, ids, "schemes", records.scheme)


async def members_of_organisations(reader: GraphReader, ids: Sequence[str]) -> list[list[ForceRecord]]:
    """The member forces of each organisation, by name."""
    return await _lists(reader, ORGANISATION_MEMBERS, ids, "members", records.force)


async def forces_working_with(reader: GraphReader, ids: Sequence[str]) -> list[list[ForceRecord]]:
    """The forces that work with each organisation, most mentions first, then by name."""
    return await _lists(reader, ORGANISATION_FORCES, ids, "forces", records.force)


async def forces_using(reader: GraphReader, ids: Sequence[str]) -> list[list[ForceRecord]]:
    """The forces that use each scheme, most mentions first, then by name."""
    return await _lists(reader, SCHEME_FORCES, ids, "forces", records.force)


async def mentions_of(reader: GraphReader, ids: Sequence[str]) -> list[list[PassageRecord]]:
    """The passages naming each force, organisation, scheme, initiative or threat, by page."""
    return await _passage_lists(reader, MENTIONS, ids)


async def evidence_for(reader: GraphReader, ids: Sequence[str]) -> list[list[PassageRecord]]:
    """The passages evidencing each judgment, area for improvement or metric, by page."""
    return await _passage_lists(reader, EVIDENCE, ids)


async def judgments_of_reports(reader: GraphReader, ids: Sequence[str]) -> list[list[JudgmentRecord]]:
    """The judgments of each report, by question number."""
    return await _lists(reader, REPORT_JUDGMENTS, ids, "judgments", _judgment)


async def areas_of_reports(reader: GraphReader, ids: Sequence[str]) -> list[list[AreaRecord]]:
    """The areas for improvement of each report, by question number."""
    return await _lists(reader, REPORT_AREAS, ids, "areas", area)


async def metrics_of_reports(reader: GraphReader, ids: Sequence[str]) -> list[list[MetricRecord]]:
    """The figures of each report, by label and area."""
    return await _lists(reader, REPORT_METRICS, ids, "metrics", _metric)


async def terms_of_reports(reader: GraphReader, ids: Sequence[str]) -> list[list[TermRecord]]:
    """The glossary of each report, by page."""
    return await _lists(reader, REPORT_TERMS, ids, "terms", lambda item: records.term(item["term"], item["page"]))


async def forces_of_reports(reader: GraphReader, ids: Sequence[str]) -> list[ForceRecord | None]:
    """The force each report inspects."""
    return await _singles(reader, REPORT_FORCES, ids, "force", records.force)


async def mentioned_in(reader: GraphReader, ids: Sequence[str]) -> list[list[EntityRecord]]:
    """The forces, organisations, schemes, initiatives and threats each passage names, by name."""
    return await _lists(reader, PASSAGE_MENTIONS, ids, "entities", _entity)


async def concerns_of_areas(reader: GraphReader, ids: Sequence[str]) -> list[list[EntityRecord]]:
    """The organisations, schemes and forces each area for improvement concerns, by name."""
    return await _lists(reader, AREA_CONCERNS, ids, "entities", _entity)


async def judgments_of_questions(reader: GraphReader, ids: Sequence[str]) -> list[list[JudgmentRecord]]:
    """The judgments answering each question, newest report first, then by force name."""
    return await _lists(reader, QUESTION_JUDGMENTS, ids, "judgments", _judgment)


async def summaries_of_judgments(reader: GraphReader, ids: Sequence[str]) -> list[str | None]:
    """The summary of each judgment (the lists of judgments leave them out)."""
    return await _singles(reader, JUDGMENT_SUMMARIES, ids, "summary", str)


async def questions(reader: GraphReader, pillar: str | None) -> list[QuestionRecord]:
    """The PEEL questions (of one pillar, or all), by pillar and number."""
    return [records.question(row["question"]) for row in await reader.rows(QUESTIONS, {"pillar": pillar})]


async def graph_size(reader: GraphReader) -> tuple[int, int]:
    """How many nodes and relationships the graph holds."""
    row = await reader.one(STATS)
    if row is None:
        raise ValueError("read/stats returned no row")
    return row["nodeCount"], row["relationshipCount"]


def area(item: Row) -> AreaRecord:
    return records.area(item["area"], item["question"], item["report"])


def _judgment(item: Row) -> JudgmentRecord:
    return records.judgment(item["judgment"], item["question"], item["report"])


def _metric(item: Row) -> MetricRecord:
    return records.metric(item["metric"], item["report"])


def _judgments(row: Row) -> list[JudgmentRecord]:
    """The judgments of a row whose questions and reports come once and are named by id in `judgments`."""
    questions = {question["id"]: records.question(question) for question in row["questions"]}
    reports = {report["id"]: records.report(report) for report in row["reports"]}
    return [
        records.judgment_of(item["judgment"], questions.get(item["question"]), reports.get(item["report"]))
        for item in row["judgments"]
    ]


def _passages(row: Row) -> list[PassageRecord]:
    """The passages of a row whose reports come once, in `reports`, and are named by id in `passages`."""
    reports = {report["id"]: records.report(report) for report in row["reports"]}
    return [records.passage_of(item["passage"], reports.get(item["report"])) for item in row["passages"]]


def _partner(item: Row) -> PartnerRecord:
    partner = records.entity(item["labels"], item["properties"])
    if not isinstance(partner, ForceRecord | OrganisationRecord):
        raise ValueError(f"a WORKS_WITH ends at {item['labels']}, not a force or an organisation")
    return PartnerRecord(partner=partner, mentions=item["mentions"] or 0)


def _entity(item: Row) -> EntityRecord | None:
    return records.entity(item["labels"], item["properties"])


async def _lists(
    reader: GraphReader,
    text: str,
    ids: Sequence[str],
    column: str,
    build: Callable[[Any], T | None],
) -> list[list[T]]:
    found: dict[str, list[T]] = {}
    for row in await reader.rows(text, {"ids": list(ids)}):
        found[row["id"]] = [record for item in row[column] if (record := build(item)) is not None]
    return [found.get(key, []) for key in ids]


async def _passage_lists(reader: GraphReader, text: str, ids: Sequence[str]) -> list[list[PassageRecord]]:
    found = {row["id"]: _passages(row) for row in await reader.rows(text, {"ids": list(ids)})}
    return [found.get(key, []) for key in ids]


async def _singles(
    reader: GraphReader, text: str, ids: Sequence[str], column: str, build: Callable[[Any], T]
) -> list[T | None]:
    found = {row["id"]: build(row[column]) for row in await reader.rows(text, {"ids": list(ids)}) if row[column]}
    return [found.get(key) for key in ids]
