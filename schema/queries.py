"""Root fields that look things up by id or list them, page by page."""

from __future__ import annotations

from typing import Annotated, TypeVar

import strawberry

from graph import listings, reads
from graph.records import (
    AreaRecord,
    ForceRecord,
    InitiativeRecord,
    JudgmentRecord,
    MetricRecord,
    NodeRecord,
    OrganisationRecord,
    PassageRecord,
    QuestionRecord,
    ReportRecord,
    SchemeRecord,
    TermRecord,
)
from schema.context import Info
from schema.entities import Force, Initiative, Organisation, Scheme, entity_of
from schema.enums import ForceOrder, label
from schema.errors import UserInputError
from schema.filters import ForceFilter, ReportFilter
from schema.node import Node
from schema.pagination import DEFAULT_FIRST, MAX_FIRST, After, Connection, First, connection, window
from schema.reports import AreaForImprovement, Judgment, Metric, Passage, Question, Report, Term
from schema.scalars import Pillar

R = TypeVar("R")

Id = Annotated[strawberry.ID, strawberry.argument(description="The domain id, e.g. cambridgeshire, ersou, iom.")]
Search = Annotated[str | None, strawberry.argument(description="Only those containing this text (any case).")]
OrganisationKind = Annotated[
    str | None, strawberry.argument(description="Only this kind, e.g. regional-unit or national-agency.")
]
SchemeKind = Annotated[str | None, strawberry.argument(description="Only this kind, e.g. court-order.")]


def node_of(record: NodeRecord) -> Node:
    """The API object for any node read from the graph."""
    match record:
        case ReportRecord():
            return Report.of(record)
        case QuestionRecord():
            return Question.of(record)
        case JudgmentRecord():
            return Judgment.of(record)
        case AreaRecord():
            return AreaForImprovement.of(record)
        case MetricRecord():
            return Metric.of(record)
        case PassageRecord():
            return Passage.of(record)
        case TermRecord():
            return Term.of(record)
        case _:
            return entity_of(record)


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its id (forces, organisations, reports, judgments, passages...).")
    async def node(self, info: Info, id: Id) -> Node | None:
        found = await info.context.loaders.nodes.load(id)
        return node_of(found[0]) if found else None

    @strawberry.field(description=f"Objects by id, in the order asked, null for an unknown id (at most {MAX_FIRST}).")
    async def nodes(
        self, info: Info, ids: Annotated[list[strawberry.ID], strawberry.argument(description="The domain ids.")]
    ) -> list[Node | None]:
        if len(ids) > MAX_FIRST:
            raise UserInputError(f"ids: at most {MAX_FIRST} at a time (got {len(ids)})")
        found = await info.context.loaders.nodes.load_many(ids)
        return [node_of(records[0]) if records else None for records in found]


@strawberry.type
class ForceQuery:
    @strawberry.field(description="A force by its police.uk slug, e.g. cambridgeshire; null if there is none.")
    async def force(self, info: Info, id: Id) -> Force | None:
        found = await _lookup(info, id, ForceRecord)
        return None if found is None else Force.of(found)

    @strawberry.field(description="Forces, filtered, by name or by grade.")
    async def forces(
        self,
        info: Info,
        filter: Annotated[ForceFilter | None, strawberry.argument(description="Which forces (all if none).")] = None,
        order_by: Annotated[ForceOrder, strawberry.argument(description="NAME unless given.")] = ForceOrder.NAME,
        first: First = DEFAULT_FIRST,
        after: After = None,
    ) -> Connection[Force]:
        chosen = filter or ForceFilter()
        page = await listings.forces(
            info.context.graph, window(first, after), ids=chosen.ids, rocu=chosen.rocu, pillar=chosen.pillar,
            year=chosen.year, grade=None if chosen.grade is None else label(chosen.grade), order=order_by.name,
        )
        return connection(page, Force.of)


@strawberry.type
class OrganisationQuery:
    @strawberry.field(description="An organisation by id, e.g. ersou or nca; null if there is none.")
    async def organisation(self, info: Info, id: Id) -> Organisation | None:
        found = await _lookup(info, id, OrganisationRecord)
        return None if found is None else Organisation.of(found)

    @strawberry.field(description="Organisations, by name; optionally of one kind or containing some text.")
    async def organisations(
        self,
        info: Info,
        kind: OrganisationKind = None,
        search: Search = None,
        first: First = DEFAULT_FIRST,
        after: After = None,
    ) -> Connection[Organisation]:
        page = await listings.organisations(info.context.graph, window(first, after), kind=kind, search=search)
        return connection(page, Organisation.of)

    @strawberry.field(description="A scheme by id, e.g. iom; null if there is none.")
    async def scheme(self, info: Info, id: Id) -> Scheme | None:
        found = await _lookup(info, id, SchemeRecord)
        return None if found is None else Scheme.of(found)

    @strawberry.field(description="Schemes, by name; optionally of one kind or containing some text.")
    async def schemes(
        self,
        info: Info,
        kind: SchemeKind = None,
        search: Search = None,
        first: First = DEFAULT_FIRST,
        after: After = None,
    ) -> Connection[Scheme]:
        page = await listings.schemes(info.context.graph, window(first, after), kind=kind, search=search)
        return connection(page, Scheme.of)

    @strawberry.field(description="An initiative by id; null if there is none.")
    async def initiative(self, info: Info, id: Id) -> Initiative | None:
        found = await _lookup(info, id, InitiativeRecord)
        return None if found is None else Initiative.of(found)


@strawberry.type
class ReportQuery:
    @strawberry.field(description="A report by id, e.g. cambridgeshire-effectiveness-2015; null if there is none.")
    async def report(self, info: Info, id: Id) -> Report | None:
        found = await _lookup(info, id, ReportRecord)
        return None if found is None else Report.of(found)

    @strawberry.field(description="Reports, newest first, then by pillar and force.")
    async def reports(
        self,
        info: Info,
        filter: Annotated[ReportFilter | None, strawberry.argument(description="Which reports (all if none).")] = None,
        first: First = DEFAULT_FIRST,
        after: After = None,
    ) -> Connection[Report]:
        chosen = filter or ReportFilter()
        page = await listings.reports(
            info.context.graph, window(first, after), force_id=chosen.force_id, pillar=chosen.pillar, year=chosen.year
        )
        return connection(page, Report.of)

    @strawberry.field(description="Areas for improvement, newest report first, then by force and question.")
    async def areas_for_improvement(
        self,
        info: Info,
        search: Search = None,
        question: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only under this question: its number (2) or its id (effectiveness-2)."),
        ] = None,
        force_id: Annotated[strawberry.ID | None, strawberry.argument(description="Only this force's.")] = None,
        pillar: Annotated[Pillar | None, strawberry.argument(description="Only of this pillar.")] = None,
        year: Annotated[int | None, strawberry.argument(description="Only of this year.")] = None,
        first: First = DEFAULT_FIRST,
        after: After = None,
    ) -> Connection[AreaForImprovement]:
        # A number too long for a question number is no question's number: it is looked up as an id (none).
        is_number = question is not None and question.isascii() and question.isdigit() and len(question) <= 9
        number = int(question) if question is not None and is_number else None
        page = await listings.areas(
            info.context.graph, window(first, after), search=search,
            question_id=None if question is None or number is not None else question, question_number=number,
            force_id=force_id, pillar=pillar, year=year,
        )
        return connection(page, AreaForImprovement.of)

    @strawberry.field(description="The PEEL questions, by pillar and number; optionally of one pillar.")
    async def questions(
        self, info: Info, pillar: Annotated[Pillar | None, strawberry.argument(description="Only this pillar.")] = None
    ) -> list[Question]:
        return [Question.of(found) for found in await reads.questions(info.context.graph, pillar)]


async def _lookup(info: Info, id: str, kind: type[R]) -> R | None:
    found = await info.context.loaders.nodes.load(id)
    return next((record for record in found if isinstance(record, kind)), None)
