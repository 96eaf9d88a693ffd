"""Per-request DataLoaders: every relationship field loads through one, so each relationship asked for
costs one round trip per request however many parents ask (see `graph/read/batched.py`)."""

from __future__ import annotations

import asyncio
from asyncio import Future
from functools import partial
from typing import TypeVar

from strawberry.dataloader import DataLoader as StrawberryDataLoader

from peelgraph.graph.read import batched
from peelgraph.graph.read.reader import GraphReader
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
    ReportRecord,
    SchemeRecord,
    TermRecord,
)

K = TypeVar("K")
V = TypeVar("V")


class DataLoader(StrawberryDataLoader[K, V]):
    """Strawberry's DataLoader whose loads a cancelled field cannot cancel for the others waiting on them.

    When a field's error nulls a non-null parent, graphql-core cancels the parent's pending fields; one of
    them may be awaiting a batch another field awaits too, and cancelling that shared future would make the
    other field raise CancelledError out of the whole request (an HTTP 500)."""

    def load(self, key: K) -> Future[V]:
        return asyncio.shield(super().load(key))


class DataLoaders:
    """One set per request (a loader's cache must not outlive the request that filled it)."""

    def __init__(self, graph: GraphReader) -> None:
        self.nodes = DataLoader[str, list[NodeRecord]](partial(batched.nodes, graph))
        self.force_reports = DataLoader[str, list[ReportRecord]](partial(batched.reports_of_forces, graph))
        self.force_judgments = DataLoader[str, list[JudgmentRecord]](partial(batched.judgments_of_forces, graph))
        self.force_rocu = DataLoader[str, OrganisationRecord | None](partial(batched.rocus_of_forces, graph))
        self.force_partners = DataLoader[str, list[PartnerRecord]](partial(batched.partners_of_forces, graph))
        self.partner_passages = DataLoader[tuple[str, str], list[PassageRecord]](
            partial(batched.partner_passages, graph)
        )
        self.force_schemes = DataLoader[str, list[SchemeRecord]](partial(batched.schemes_of_forces, graph))
        self.organisation_members = DataLoader[str, list[ForceRecord]](
            partial(batched.members_of_organisations, graph)
        )
        self.organisation_forces = DataLoader[str, list[ForceRecord]](partial(batched.forces_working_with, graph))
        self.scheme_forces = DataLoader[str, list[ForceRecord]](partial(batched.forces_using, graph))
        self.mentions = DataLoader[str, list[PassageRecord]](partial(batched.mentions_of, graph))
        self.evidence = DataLoader[str, list[PassageRecord]](partial(batched.evidence_for, graph))
        self.report_judgments = DataLoader[str, list[JudgmentRecord]](partial(batched.judgments_of_reports, graph))
        self.report_areas = DataLoader[str, list[AreaRecord]](partial(batched.areas_of_reports, graph))
        self.report_metrics = DataLoader[str, list[MetricRecord]](partial(batched.metrics_of_reports, graph))
        self.report_terms = DataLoader[str, list[TermRecord]](partial(batched.terms_of_reports, graph))
        self.report_force = DataLoader[str, ForceRecord | None](partial(batched.forces_of_reports, graph))
        self.passage_mentions = DataLoader[str, list[EntityRecord]](partial(batched.mentioned_in, graph))
        self.area_concerns = DataLoader[str, list[EntityRecord]](partial(batched.concerns_of_areas, graph))
        self.judgment_summaries = DataLoader[str, str | None](partial(batched.summaries_of_judgments, graph))
        self.question_judgments = DataLoader[str, list[JudgmentRecord]](
            partial(batched.judgments_of_questions, graph)
        )
