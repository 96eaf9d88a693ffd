"""Root fields that look things up by id or list them, page by page."""

from __future__ import annotations

from typing import Annotated, TypeVar

import strawberry

from peelgraph.graph.read import listings, records
from peelgraph.graph.read.records import (
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
from peelgraph.schema.bounds import bounded
from peelgraph.schema.context import Info
from peelgraph.schema.entities import Force, Initiative, Organisation, Scheme, entity_of
from peelgraph.schema.enums import ForceOrder, label
from peelgraph.schema.errors import UserInputError
from peelgraph.schema.fallback import related
from peelgraph.schema.filters import ForceFilter, ReportFilter
from peelgraph.schema.mapping import NODE_LABELS, ById, Listing, Related, declared
from peelgraph.schema.node import Node
from peelgraph.schema.pagination import DEFAULT_FIRST, MAX_FIRST, After, Connection, First, connection, window
from peelgraph.schema.reports import AreaForImprovement, Judgment, Metric, Passage, Question, Report, Term
from peelgraph.schema.scalars import Pillar

R = TypeVar("R")

Id = Annotated[strawberry.ID, strawberry.argument(description="The domain id, e.g. cambridgeshire, ersou, iom.")]
Search = Annotated[str | None, strawberry.argument(description="Only those containing this text (any case).")]
OrganisationKind = Annotated[
    str | None, strawberry.argument(description="Only this kind, e.g. regional-unit or national-agency.")
]
SchemeKind = Annotated[str | None, strawberry.argument(description="Only this kind, e.g. court-order.")]

# The listings as `cypher/read/*_page.cypher` read them, for the compiled path (schema/compiler.py).
FORCES = Listing(
    match="MATCH ({m}:Force)",
    where=(
        "{m}.id IN {arg_filter__ids}",
        "EXISTS {{ ({m})-[:MEMBER_OF]->(:Organisation {{id: {arg_filter__rocu}}}) }}",
        "EXISTS {{ MATCH ({m})<-[:INSPECTS]-({r}:Report)-[:JUDGES]->({j}:Judgment)"
        "-[:ANSWERS]->(:Question {{number: 0}}) "
        "WHERE ({arg_filter__pillar} IS NULL OR {r}.pillar = {arg_filter__pillar}) "
        "AND ({arg_filter__year} IS NULL OR {r}.year = {arg_filter__year}) "
        "AND ({arg_filter__grade} IS NULL OR {j}.grade = {arg_filter__grade}) }}",
    ),
    order="CASE {arg_orderBy} WHEN 'GRADE' THEN coalesce(COLLECT {{ "
    "MATCH ({m})<-[:INSPECTS]-({r}:Report)-[:JUDGES]->({j}:Judgment)-[:ANSWERS]->(:Question {{number: 0}}) "
    "WHERE ({arg_filter__pillar} IS NULL OR {r}.pillar = {arg_filter__pillar}) "
    "AND ({arg_filter__year} IS NULL OR {r}.year = {arg_filter__year}) "
    "AND ({arg_filter__grade} IS NULL OR {j}.grade = {arg_filter__grade}) "
    "RETURN {j}.gradeRank ORDER BY {r}.year DESC, {r}.pillar LIMIT 1 }}[0], 0) ELSE 0 END DESC, {m}.name, {m}.id",
)
ORGANISATIONS = Listing(
    match="MATCH ({m}:Organisation)",
    where=(
        "{m}.kind = {arg_kind}",
        "(toLower({m}.name) CONTAINS toLower({arg_search}) "
        "OR toLower(coalesce({m}.acronym, '')) CONTAINS toLower({arg_search}) "
        "OR toLower(coalesce({m}.alias, '')) CONTAINS toLower({arg_search}) "
        "OR {m}.id CONTAINS toLower({arg_search}))",
    ),
    order="{m}.name, {m}.id",
)
SCHEMES = Listing(
    match="MATCH ({m}:Scheme)",
    where=(
        "{m}.kind = {arg_kind}",
        "(toLower({m}.name) CONTAINS toLower({arg_search}) "
        "OR toLower(coalesce({m}.acronym, '')) CONTAINS toLower({arg_search}) "
        "OR {m}.id CONTAINS toLower({arg_search}))",
    ),
    order="{m}.name, {m}.id",
)
REPORTS = Listing(
    match="MATCH ({m}:Report)-[:INSPECTS]->({f}:Force)",
    where=("{f}.id = {arg_filter__forceId}", "{m}.pillar = {arg_filter__pillar}", "{m}.year = {arg_filter__year}"),
    order="{m}.year DESC, {m}.pillar, {f}.name, {m}.id",
)
AREAS = Listing(
    match="MATCH ({f}:Force)<-[:INSPECTS]-({r}:Report)-[:IDENTIFIES]->({m}:AreaForImprovement) "
    "OPTIONAL MATCH ({m})-[:UNDER]->({q}:Question) WITH {f}, {r}, {m}, {q}",
    where=(
        "{f}.id = {arg_forceId}",
        "{r}.pillar = {arg_pillar}",
        "{r}.year = {arg_year}",
        "CASE WHEN {arg_question} =~ '[0-9]{{1,9}}' THEN {q}.number = toInteger({arg_question}) "
        "ELSE {q}.id = {arg_question} END",
        "toLower({m}.text) CONTAINS toLower({arg_search})",
    ),
    order="{r}.year DESC, {f}.name, {q}.number, {m}.id",
)


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
    @strawberry.field(
        description="Any object by its id (forces, organisations, reports, judgments, passages...).",
        metadata=declared(ById(NODE_LABELS)),
    )
    async def node(self, info: Info, id: Id) -> Node | None:
        found = await info.context.dataloaders.nodes.load(id)
        return node_of(found[0]) if found else None

    @strawberry.field(
        description=f"Objects by id, in the order asked, null for an unknown id (at most {MAX_FIRST}).",
        metadata={**declared(ById(NODE_LABELS, many=True)), **bounded(MAX_FIRST)},
    )
    async def nodes(
        self, info: Info, ids: Annotated[list[strawberry.ID], strawberry.argument(description="The domain ids.")]
    ) -> list[Node | None]:
        if len(ids) > MAX_FIRST:
            raise UserInputError(f"ids: at most {MAX_FIRST} at a time (got {len(ids)})")
        found = await info.context.dataloaders.nodes.load_many(ids)
        return [node_of(records[0]) if records else None for records in found]


@strawberry.type
class ForceQuery:
    @strawberry.field(
        description="A force by its police.uk slug, e.g. cambridgeshire; null if there is none.",
        metadata=declared(ById(("Force",))),
    )
    async def force(self, info: Info, id: Id) -> Force | None:
        found = await _lookup(info, id, ForceRecord)
        return None if found is None else Force.of(found)

    @strawberry.field(description="Forces, filtered, by name or by grade.", metadata=declared(FORCES))
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
    @strawberry.field(
        description="An organisation by id, e.g. ersou or nca; null if there is none.",
        metadata=declared(ById(("Organisation",))),
    )
    async def organisation(self, info: Info, id: Id) -> Organisation | None:
        found = await _lookup(info, id, OrganisationRecord)
        return None if found is None else Organisation.of(found)

    @strawberry.field(
        description="Organisations, by name; optionally of one kind or containing some text.",
        metadata=declared(ORGANISATIONS),
    )
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

    @strawberry.field(
        description="A scheme by id, e.g. iom; null if there is none.", metadata=declared(ById(("Scheme",)))
    )
    async def scheme(self, info: Info, id: Id) -> Scheme | None:
        found = await _lookup(info, id, SchemeRecord)
        return None if found is None else Scheme.of(found)

    @strawberry.field(
        description="Schemes, by name; optionally of one kind or containing some text.", metadata=declared(SCHEMES)
    )
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

    @strawberry.field(
        description="An initiative by id; null if there is none.", metadata=declared(ById(("Initiative",)))
    )
    async def initiative(self, info: Info, id: Id) -> Initiative | None:
        found = await _lookup(info, id, InitiativeRecord)
        return None if found is None else Initiative.of(found)


@strawberry.type
class ReportQuery:
    @strawberry.field(
        description="A report by id, e.g. cambridgeshire-effectiveness-2015; null if there is none.",
        metadata=declared(ById(("Report",))),
    )
    async def report(self, info: Info, id: Id) -> Report | None:
        found = await _lookup(info, id, ReportRecord)
        return None if found is None else Report.of(found)

    @strawberry.field(description="Reports, newest first, then by pillar and force.", metadata=declared(REPORTS))
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

    @strawberry.field(
        description="Areas for improvement, newest report first, then by force and question.", metadata=declared(AREAS)
    )
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

    @strawberry.field(
        description="The PEEL questions, by pillar and number; optionally of one pillar (at most 50).",
        metadata=declared(Related("({m}:Question)", where=("{m}.pillar = {arg_pillar}",),
                                  order="{m}.pillar, {m}.number", bound=50)),
    )
    async def questions(
        self, info: Info, pillar: Annotated[Pillar | None, strawberry.argument(description="Only this pillar.")] = None
    ) -> list[Question]:
        return [Question.of(records.question(row["node"])) for row in await related(info, None)]


async def _lookup(info: Info, id: str, kind: type[R]) -> R | None:
    found = await info.context.dataloaders.nodes.load(id)
    return next((record for record in found if isinstance(record, kind)), None)
