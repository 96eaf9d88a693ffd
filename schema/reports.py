"""Reports and what they contain: questions, judgments, areas for improvement, metrics, terms, passages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from peelgraph.graph.read import records
from peelgraph.graph.read.records import (
    AreaRecord,
    JudgmentRecord,
    MetricRecord,
    PassageRecord,
    QuestionRecord,
    ReportRecord,
    TermRecord,
)
from peelgraph.schema.bounds import LONG_TEXT, QUESTIONS_PER_PILLAR, SUMMARY, bounded, page_of, weighing
from peelgraph.schema.context import Info
from peelgraph.schema.enums import Grade, GradeBasis, MentionRole, grade
from peelgraph.schema.fallback import Row, related
from peelgraph.schema.mapping import (
    ENTITY_LABELS,
    EVIDENCE,
    REPORT_OF_AREA,
    REPORT_OF_JUDGMENT,
    REPORT_OF_METRIC,
    REPORT_OF_PASSAGE,
    Related,
    Value,
    declared,
)
from peelgraph.schema.node import Node
from peelgraph.schema.scalars import Pillar

if TYPE_CHECKING:
    from peelgraph.schema.entities import Entity, Force

EvidenceFirst = Annotated[int, strawberry.argument(description=page_of(3, 100))]
JudgmentsFirst = Annotated[int, strawberry.argument(description=page_of(100, 500))]

# schema.entities imports this module, so its types are referenced lazily and imported where used.
LazyForce = Annotated["Force", strawberry.lazy("peelgraph.schema.entities")]
LazyEntity = Annotated["Entity", strawberry.lazy("peelgraph.schema.entities")]


@strawberry.type(description="A PEEL inspection report on one force: one pillar, one year.")
class Report(Node):
    title: str | None = strawberry.field(description="The report's title.")
    inspectorate: str | None = strawberry.field(description="Who inspected (HMIC).")
    programme: str | None = strawberry.field(description="The inspection programme (PEEL).")
    pillar: Pillar = strawberry.field(description="The pillar inspected.")
    year: int = strawberry.field(description="The year of the inspection.")
    source_url: str | None = strawberry.field(description="Where the report or its grades were published.")

    @classmethod
    def of(cls, record: ReportRecord) -> Report:
        return cls(
            id=strawberry.ID(record.id), title=record.title, inspectorate=record.inspectorate,
            programme=record.programme, pillar=Pillar(record.pillar), year=record.year, source_url=record.source_url,
        )

    @strawberry.field(
        description="The force inspected.",
        metadata=declared(Related("({n})-[:INSPECTS]->({m}:Force)", order="{m}.id", single=True)),
    )
    async def force(self, info: Info) -> LazyForce | None:
        from peelgraph.schema.entities import Force

        found = await related(info, self.id)
        return None if found is None else Force.of(records.force(found["node"]))

    @strawberry.field(
        description="The grade of the pillar's overall question (number 0).",
        metadata=declared(Related("({n})-[:JUDGES]->({m}:Judgment)-[:ANSWERS]->(:Question {{number: 0}})",
                               order="{m}.id", single=True, value="{m}.grade")),
    )
    async def overall_grade(self, info: Info) -> Grade | None:
        return grade(await related(info, self.id))

    @strawberry.field(
        description=(
            "The graded judgments, by question number (0, the overall question, first; "
            f"at most {QUESTIONS_PER_PILLAR})."
        ),
        metadata=declared(Related("({n})-[:JUDGES]->({m}:Judgment)", optional="({m})-[:ANSWERS]->({q}:Question)",
                                  order="{q}.number, {m}.id", provides=(("report", "n"), ("question", "q")),
                                  bound=QUESTIONS_PER_PILLAR)),
    )
    async def judgments(self, info: Info) -> list[Judgment]:
        return _judgments(await related(info, self.id))

    @strawberry.field(
        description="The areas for improvement the report identifies, by question number (at most 30).",
        metadata=declared(Related("({n})-[:IDENTIFIES]->({m}:AreaForImprovement)",
                                  optional="({m})-[:UNDER]->({q}:Question)", order="{q}.number, {m}.id",
                                  provides=(("report", "n"), ("question", "q")), bound=30)),
    )
    async def areas_for_improvement(self, info: Info) -> list[AreaForImprovement]:
        found = await related(info, self.id)
        return [AreaForImprovement.of(records.area(row["node"], row["question"], row["report"])) for row in found]

    @strawberry.field(
        description="The figures the report gives, by label and area (at most 100).",
        metadata=declared(Related("({n})-[:REPORTS]->({m}:Metric)", order="{m}.label, {m}.area, {m}.id",
                                  provides=(("report", "n"),), bound=100)),
    )
    async def metrics(self, info: Info) -> list[Metric]:
        return [Metric.of(records.metric(row["node"], row["report"])) for row in await related(info, self.id)]

    @strawberry.field(
        description="The terms the report defines in its footnotes, by page (at most 50).",
        metadata=declared(Related("({n})-[{rel}:DEFINES]->({m}:Term)", order="{rel}.page, {m}.term", keeps=True,
                                  bound=50)),
    )
    async def terms(self, info: Info) -> list[Term]:
        return [Term.of(records.term(row["node"], row["rel"].get("page"))) for row in await related(info, self.id)]


@strawberry.type(description="A PEEL question; number 0 is the pillar's overall question.")
class Question(Node):
    pillar: Pillar = strawberry.field(description="The pillar the question belongs to.")
    number: int = strawberry.field(description="0 for the overall question, then 1, 2, 3...")
    title: str | None = strawberry.field(
        description="The question as HMIC words it, in the wording its years share (a judgment's `asked` is its "
        "year's own wording)."
    )
    years: list[int] | None = strawberry.field(
        description="The years the question was asked in, where recorded (null: not recorded, asked every year).",
        metadata=bounded(10),
    )
    ungraded_years: list[int] = strawberry.field(
        description="The years the inspectorate asked the question without grading it (empty: graded whenever "
        "asked). A matrix cell left empty in another year is a grade the graph does not hold.",
        metadata=bounded(10),
    )

    @classmethod
    def of(cls, record: QuestionRecord) -> Question:
        return cls(
            id=strawberry.ID(record.id), pillar=Pillar(record.pillar), number=record.number, title=record.title,
            years=None if record.years is None else list(record.years), ungraded_years=list(record.ungraded_years),
        )

    @strawberry.field(
        description="The judgments answering the question, newest first, then by force (at most 500).",
        metadata=declared(Related(
            "({n})<-[:ANSWERS]-({m}:Judgment)<-[:JUDGES]-({r}:Report)-[:INSPECTS]->({f}:Force)",
            where=("{r}.year = {arg_year}",), order="{r}.year DESC, {f}.name, {m}.id",
            provides=(("report", "r"), ("question", "n")), bound=500,
        )),
    )
    async def judgments(
        self,
        info: Info,
        year: Annotated[int | None, strawberry.argument(description="Only this year.")] = None,
        first: JudgmentsFirst = 100,
    ) -> list[Judgment]:
        return _judgments(await related(info, self.id))


@strawberry.type(description="A graded answer of one report to one question.")
class Judgment(Node):
    grade: Grade | None = strawberry.field(description="The grade.")
    grade_label: str | None = strawberry.field(
        description="The grade as written, e.g. 'Requires improvement'.", metadata=declared(Value("{n}.grade"))
    )
    grade_rank: int | None = strawberry.field(description="1 (Inadequate) to 4 (Outstanding).")
    grade_source: str | None = strawberry.field(
        description="'report' (read from the report: see `page`) or 'table' (from a published table: see `basis` "
        "and `sourceUrl`)."
    )
    basis: GradeBasis | None = strawberry.field(
        description="How a table's grade was read from its page; null for a grade read from the report."
    )
    source_url: str | None = strawberry.field(
        description="The public page a table's grade came from; null for a grade read from the report."
    )
    page: int | None = strawberry.field(
        description="The page of the report that states the grade; null for a table's grade."
    )
    asked: str | None = strawberry.field(
        description="The question as worded in the judgment's year (`question.title` is the wording that "
        "questions of the same pillar and number share across years)."
    )
    previous_grade: Grade | None = strawberry.field(description="The grade of the previous inspection, if given.")
    previous_year: int | None = strawberry.field(description="The year of the previous inspection, if given.")
    question: Question | None = strawberry.field(
        description="The question answered.",
        metadata=declared(Related("({n})-[:ANSWERS]->({m}:Question)", order="{m}.id", single=True)),
    )
    report: Report | None = strawberry.field(
        description="The report that makes the judgment.", metadata=declared(REPORT_OF_JUDGMENT)
    )
    summary: str | None = strawberry.field(description="The report's summary of the judgment.",
                                           metadata={**declared(Value("{n}.summary")), **weighing(SUMMARY)})

    @classmethod
    def of(cls, record: JudgmentRecord) -> Judgment:
        return cls(
            id=strawberry.ID(record.id), grade=grade(record.grade), grade_label=record.grade,
            grade_rank=record.grade_rank, grade_source=record.grade_source, previous_grade=grade(record.previous_grade),
            previous_year=record.previous_year, summary=record.summary,
            basis=None if record.basis is None else GradeBasis(record.basis), source_url=record.source_url,
            page=record.page, asked=record.asked,
            question=None if record.question is None else Question.of(record.question),
            report=None if record.report is None else Report.of(record.report),
        )

    @strawberry.field(description="The passages that show the judgment, by page (at most 100).",
                      metadata=declared(EVIDENCE))
    async def evidence(self, info: Info, first: EvidenceFirst = 3) -> list[Passage]:
        return await _evidence(info, self.id)


@strawberry.type(description="Something a report says the force should improve.")
class AreaForImprovement(Node):
    text: str = strawberry.field(description="What should improve, as the report words it.",
                                 metadata=weighing(LONG_TEXT))
    question: Question | None = strawberry.field(
        description="The question it sits under.",
        metadata=declared(Related("({n})-[:UNDER]->({m}:Question)", order="{m}.id", single=True)),
    )
    report: Report | None = strawberry.field(
        description="The report that identifies it.", metadata=declared(REPORT_OF_AREA)
    )

    @classmethod
    def of(cls, record: AreaRecord) -> AreaForImprovement:
        return cls(
            id=strawberry.ID(record.id), text=record.text,
            question=None if record.question is None else Question.of(record.question),
            report=None if record.report is None else Report.of(record.report),
        )

    @strawberry.field(
        description="The organisations, schemes and forces it concerns, by name (at most 50).",
        metadata=declared(Related("({n})-[:CONCERNS]->({m})", labels=ENTITY_LABELS, order="{m}.name, {m}.id",
                                  bound=50)),
    )
    async def concerns(self, info: Info) -> list[LazyEntity]:
        return _entities(await related(info, self.id))

    @strawberry.field(description="The passages that state it, by page (at most 100).", metadata=declared(EVIDENCE))
    async def evidence(self, info: Info, first: EvidenceFirst = 3) -> list[Passage]:
        return await _evidence(info, self.id)


@strawberry.type(description="A figure a report gives, for the force or for England and Wales.")
class Metric(Node):
    label: str = strawberry.field(
        description="What is measured.", metadata=declared(Value("coalesce({n}.label, {n}.id)"))
    )
    value: float | None = strawberry.field(description="The value.")
    unit: str | None = strawberry.field(description="The unit of the value (e.g. percent).")
    period: str | None = strawberry.field(description="The period measured.")
    area: str | None = strawberry.field(description="'England and Wales', or the force's name.")
    report: Report | None = strawberry.field(
        description="The report that gives it.", metadata=declared(REPORT_OF_METRIC)
    )

    @classmethod
    def of(cls, record: MetricRecord) -> Metric:
        return cls(
            id=strawberry.ID(record.id), label=record.label, value=record.value, unit=record.unit,
            period=record.period, area=record.area, report=None if record.report is None else Report.of(record.report),
        )

    @strawberry.field(description="The passages that give the figure, by page (at most 100).",
                      metadata=declared(EVIDENCE))
    async def evidence(self, info: Info, first: EvidenceFirst = 3) -> list[Passage]:
        return await _evidence(info, self.id)


@strawberry.type(description="A term a report defines in a footnote.")
class Term(Node):
    term: str = strawberry.field(description="The term.", metadata=declared(Value("coalesce({n}.term, {n}.id)")))
    definition: str | None = strawberry.field(description="The report's definition.", metadata=weighing(LONG_TEXT))
    page: int | None = strawberry.field(
        description="The page of the defining footnote, when read from a report.",
        metadata=declared(Value("{rel}.page")),
    )

    @classmethod
    def of(cls, record: TermRecord) -> Term:
        return cls(id=strawberry.ID(record.id), term=record.term, definition=record.definition, page=record.page)


@strawberry.type(description="A passage of a report's text: the evidence behind judgments, areas and relationships.")
class Passage(Node):
    page: int = strawberry.field(description="The page of the report it is on.")
    text: str = strawberry.field(description="The passage, as the report words it.", metadata=weighing(LONG_TEXT))
    role: MentionRole = strawberry.field(
        description=(
            "What kind of text it is: prose about the force (FORCE), a general explainer, a chart or table source, "
            "a citation or a definition. Only FORCE passages make partners and schemes."
        ),
        metadata=declared(Value("coalesce({n}.role, 'force')")),
    )
    report_record: strawberry.Private[ReportRecord | None]

    @classmethod
    def of(cls, record: PassageRecord) -> Passage:
        return cls(
            id=strawberry.ID(record.id), page=record.page, text=record.text, role=MentionRole(record.role),
            report_record=record.report,
        )

    # Built when asked for: an entity's mentions can run to thousands of passages whose report is not.
    @strawberry.field(description="The report it is part of.", metadata=declared(REPORT_OF_PASSAGE))
    def report(self) -> Report | None:
        return None if self.report_record is None else Report.of(self.report_record)

    @strawberry.field(
        description="The in-depth question whose section the passage sits in, when recorded.",
        metadata=declared(Related(
            "({n})-[:PART_OF]->({r}:Report), ({m}:Question)",
            where=("{m}.id = CASE WHEN {n}.question IS :: STRING AND NOT {n}.question =~ '[0-9]+' "
                   "THEN {n}.question ELSE {r}.pillar + '-' + toString(toInteger({n}.question)) END",),
            order="{m}.id", single=True,
        )),
    )
    async def question(self, info: Info) -> Question | None:
        found = await related(info, self.id)
        return None if found is None else Question.of(records.question(found["node"]))

    @strawberry.field(
        description="The forces, organisations, schemes, initiatives and threats it names, by name (at most 50).",
        metadata=declared(Related("({n})-[:MENTIONS]->({m})", labels=ENTITY_LABELS, order="{m}.name, {m}.id",
                                  bound=50)),
    )
    async def mentions(self, info: Info) -> list[LazyEntity]:
        return _entities(await related(info, self.id))


async def _evidence(info: Info, node_id: str) -> list[Passage]:
    """The passages that evidence a judgment, an area for improvement or a metric, by page."""
    return [Passage.of(records.passage(row["node"], row["report"])) for row in await related(info, node_id)]


def _judgments(rows: list[Row]) -> list[Judgment]:
    return [Judgment.of(records.judgment(row["node"], row["question"], row["report"])) for row in rows]


def _entities(rows: list[Row]) -> list[Entity]:
    from peelgraph.schema.entities import entity_of

    return [entity_of(found) for row in rows if (found := records.entity(row["labels"], row["node"])) is not None]
