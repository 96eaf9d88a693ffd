"""What reports name: forces, organisations, schemes, initiatives and threats, and how they relate."""

from __future__ import annotations

from typing import Annotated

import strawberry

from peelgraph.graph.read import records
from peelgraph.graph.read.records import (
    EntityRecord,
    ForceRecord,
    InitiativeRecord,
    OrganisationRecord,
    PartnerRecord,
    SchemeRecord,
    ThreatRecord,
)
from peelgraph.schema.bounds import page_of
from peelgraph.schema.context import Info
from peelgraph.schema.enums import Grade, MentionRole, grade
from peelgraph.schema.fallback import related
from peelgraph.schema.mapping import MENTIONS, NAME, Narrowed, Related, Value, declared, of_pillar_and_year
from peelgraph.schema.node import Node
from peelgraph.schema.reports import Judgment, Passage, Report
from peelgraph.schema.scalars import Pillar

PillarArgument = Annotated[Pillar | None, strawberry.argument(description="Only this pillar (any pillar if left out).")]
YearArgument = Annotated[int | None, strawberry.argument(description="Only this year (any year if left out).")]

RoleArgument = Annotated[
    MentionRole | None,
    strawberry.argument(description="Only passages of this role (FORCE: prose about the force); any if left out."),
]
MentionsFirst = Annotated[int, strawberry.argument(description=page_of(100, 1000))]
PassagesFirst = Annotated[int, strawberry.argument(description=page_of(50, 1000))]
JudgmentsFirst = Annotated[int, strawberry.argument(description=page_of(100, 500))]

FORCE_KIND = "force"
"""The `kind` of a partner that is a force (organisations have their own kinds)."""


@strawberry.interface(description="Something the reports name: a force, organisation, scheme, initiative or threat.")
class Entity(Node):
    name: str = strawberry.field(description="Its name.", metadata=declared(NAME))

    @strawberry.field(
        description="The passages that name it, by page, each with its role (at most 1000).",
        metadata=declared(MENTIONS),
    )
    async def mentions(self, info: Info, first: MentionsFirst = 100, role: RoleArgument = None) -> list[Passage]:
        return [Passage.of(records.passage(row["node"], row["report"])) for row in await related(info, self.id)]


@strawberry.type(description="A police force of England and Wales; its id is the police.uk slug, e.g. cambridgeshire.")
class Force(Entity):
    ons_code: str | None = strawberry.field(description="The ONS code of the force area, e.g. E23000023.")
    country: str | None = strawberry.field(description="England or Wales.")

    @classmethod
    def of(cls, record: ForceRecord) -> Force:
        return cls(id=strawberry.ID(record.id), name=record.name, ons_code=record.ons_code, country=record.country)

    @strawberry.field(
        description="The regional organised crime unit (ROCU) the force is a member of.",
        metadata=declared(Related("({n})-[:MEMBER_OF]->({m}:Organisation)", order="{m}.id", single=True)),
    )
    async def rocu(self, info: Info) -> Organisation | None:
        found = await related(info, self.id)
        return None if found is None else Organisation.of(records.organisation(found["node"]))

    @strawberry.field(
        description="The reports inspecting the force, newest first, then by pillar (at most 25).",
        metadata=declared(Related("({n})<-[:INSPECTS]-({m}:Report)", where=of_pillar_and_year("{m}"),
                                  order="{m}.year DESC, {m}.pillar", provides=(("force", "n"),), bound=25)),
    )
    async def reports(self, info: Info, pillar: PillarArgument = None, year: YearArgument = None) -> list[Report]:
        return [Report.of(records.report(row["node"])) for row in await related(info, self.id)]

    @strawberry.field(
        description=(
            "The judgments of the force's reports: newest report first, then by pillar and question number "
            "(at most 500)."
        ),
        metadata=declared(Related(
            "({n})<-[:INSPECTS]-({r}:Report)-[:JUDGES]->({m}:Judgment)", where=of_pillar_and_year("{r}"),
            optional="({m})-[:ANSWERS]->({q}:Question)", order="{r}.year DESC, {r}.pillar, {q}.number",
            provides=(("report", "r"), ("question", "q")), bound=500,
        )),
    )
    async def judgments(
        self, info: Info, pillar: PillarArgument = None, year: YearArgument = None, first: JudgmentsFirst = 100
    ) -> list[Judgment]:
        found = await related(info, self.id)
        return [Judgment.of(records.judgment(row["node"], row["question"], row["report"])) for row in found]

    @strawberry.field(
        description="The overall grade (question 0) of its newest report of the pillar and year.",
        metadata=declared(Related(
            "({n})<-[:INSPECTS]-({r}:Report)-[:JUDGES]->({m}:Judgment)-[:ANSWERS]->(:Question {{number: 0}})",
            where=of_pillar_and_year("{r}"), order="{r}.year DESC, {r}.pillar", single=True,
            value="{m}.grade",
        )),
    )
    async def overall_grade(self, info: Info, pillar: PillarArgument = None, year: YearArgument = None) -> Grade | None:
        return grade(await related(info, self.id))

    @strawberry.field(
        description="The organisations and forces it works with, most mentioned first, then by name (at most 100).",
        metadata=declared(Related("({n})-[{rel}:WORKS_WITH]->({m})", labels=("Force", "Organisation"), keeps=True,
                                  order="{rel}.mentions DESC, {m}.name, {m}.id", bound=100)),
    )
    async def partners(self, info: Info) -> list[Partner]:
        found = await related(info, self.id)
        return [Partner.of(self.id, records.partner(row["labels"], row["node"], row["rel"])) for row in found]

    @strawberry.field(
        description=(
            "The schemes it uses (orders, disposals, offender management), most mentioned first (at most 50)."
        ),
        metadata=declared(Related("({n})-[{u}:USES]->({m}:Scheme)", order="{u}.mentions DESC, {m}.name", bound=50)),
    )
    async def schemes(self, info: Info) -> list[Scheme]:
        return [Scheme.of(records.scheme(row["node"])) for row in await related(info, self.id)]


@strawberry.type(description="An organisation or force that a force works with, and the passages that show it.")
class Partner:
    id: strawberry.ID = strawberry.field(description="The partner's id (an organisation id or a force slug).")
    name: str = strawberry.field(description="The partner's name.", metadata=declared(NAME))
    acronym: str | None = strawberry.field(
        description="The partner's acronym, if it has one.",
        metadata=declared(Value("CASE WHEN {n}:Force THEN null ELSE {n}.acronym END")),
    )
    kind: str = strawberry.field(
        description="The organisation's kind (regional-unit, national-agency...), or 'force'.",
        metadata=declared(Value(f"CASE WHEN {{n}}:Force THEN '{FORCE_KIND}' ELSE coalesce({{n}}.kind, 'other') END")),
    )
    mentions: int = strawberry.field(
        description="How many passages about the force (role FORCE) in its reports name the partner.",
        metadata=declared(Value("coalesce({rel}.mentions, 0)")),
    )
    force_id: strawberry.Private[str]
    record: strawberry.Private[ForceRecord | OrganisationRecord]

    @classmethod
    def of(cls, force_id: str, found: PartnerRecord) -> Partner:
        partner = found.partner
        if isinstance(partner, ForceRecord):
            acronym, kind = None, FORCE_KIND
        else:
            acronym, kind = partner.acronym, partner.kind or "other"
        return cls(
            id=strawberry.ID(partner.id), name=partner.name, acronym=acronym, kind=kind, mentions=found.mentions,
            force_id=force_id, record=partner,
        )

    @strawberry.field(
        description=(
            "The passages about the force (role FORCE) in its reports that name the partner: what the partnership "
            "rests on, by page (at most 1000)."
        ),
        metadata=declared(Related("({owner})<-[:INSPECTS]-({r}:Report)<-[:PART_OF]-"
                                  "({m}:Passage {{role: 'force'}})-[:MENTIONS]->({n})",
                                  order="{m}.page, {r}.id, {m}.id", provides=(("report", "r"),), bound=1000)),
    )
    async def passages(self, info: Info, first: PassagesFirst = 50) -> list[Passage]:
        found = await related(info, self.id, owner=self.force_id)
        return [Passage.of(records.passage(row["node"], row["report"])) for row in found]

    @strawberry.field(
        description="The partner, when it is an organisation.", metadata=declared(Narrowed("Organisation"))
    )
    def organisation(self) -> Organisation | None:
        return Organisation.of(self.record) if isinstance(self.record, OrganisationRecord) else None

    @strawberry.field(description="The partner, when it is a force.", metadata=declared(Narrowed("Force")))
    def force(self) -> Force | None:
        return Force.of(self.record) if isinstance(self.record, ForceRecord) else None


@strawberry.type(description="An organisation the reports name: a regional unit, agency, partnership, department...")
class Organisation(Entity):
    acronym: str | None = strawberry.field(description="Its acronym, e.g. ERSOU.")
    kind: str | None = strawberry.field(description="What it is: regional-unit, national-agency, multi-agency, ...")
    alias: str | None = strawberry.field(description="Another name it goes by (e.g. a ROCU's operation name).")

    @classmethod
    def of(cls, record: OrganisationRecord) -> Organisation:
        return cls(id=strawberry.ID(record.id), name=record.name, acronym=record.acronym, kind=record.kind,
                   alias=record.alias)

    @strawberry.field(
        description="Its member forces (a regional unit's forces), by name (at most 50).",
        metadata=declared(Related("({n})<-[:MEMBER_OF]-({m}:Force)", order="{m}.name", bound=50)),
    )
    async def members(self, info: Info) -> list[Force]:
        return [Force.of(records.force(row["node"])) for row in await related(info, self.id)]

    @strawberry.field(
        description="The forces whose reports show them working with it, most mentions first (at most 50).",
        metadata=declared(Related("({n})<-[{w}:WORKS_WITH]-({m}:Force)", order="{w}.mentions DESC, {m}.name",
                                  bound=50)),
    )
    async def forces(self, info: Info) -> list[Force]:
        return [Force.of(records.force(row["node"])) for row in await related(info, self.id)]


@strawberry.type(description="A scheme forces use: a court order, an out-of-court disposal, offender management...")
class Scheme(Entity):
    acronym: str | None = strawberry.field(description="Its acronym, e.g. IOM.")
    kind: str | None = strawberry.field(description="What it is: court-order, out-of-court-disposal, ...")

    @classmethod
    def of(cls, record: SchemeRecord) -> Scheme:
        return cls(id=strawberry.ID(record.id), name=record.name, acronym=record.acronym, kind=record.kind)

    @strawberry.field(
        description="The forces whose reports show them using it, most mentions first (at most 50).",
        metadata=declared(Related("({n})<-[{u}:USES]-({m}:Force)", order="{u}.mentions DESC, {m}.name", bound=50)),
    )
    async def forces(self, info: Info) -> list[Force]:
        return [Force.of(records.force(row["node"])) for row in await related(info, self.id)]


@strawberry.type(description="A local or national initiative the reports name (a project, a practice...).")
class Initiative(Entity):
    acronym: str | None = strawberry.field(description="Its acronym, if it has one.")
    kind: str | None = strawberry.field(description="What kind of initiative it is.")

    @classmethod
    def of(cls, record: InitiativeRecord) -> Initiative:
        return cls(id=strawberry.ID(record.id), name=record.name, acronym=record.acronym, kind=record.kind)


@strawberry.type(description="A national threat of the Strategic Policing Requirement the reports name.")
class Threat(Entity):
    acronym: str | None = strawberry.field(description="Its acronym, if it has one.")
    kind: str | None = strawberry.field(description="What kind of threat it is.")

    @classmethod
    def of(cls, record: ThreatRecord) -> Threat:
        return cls(id=strawberry.ID(record.id), name=record.name, acronym=record.acronym, kind=record.kind)


def entity_of(record: EntityRecord) -> Entity:
    """The API object for a named thing read from the graph."""
    match record:
        case ForceRecord():
            return Force.of(record)
        case OrganisationRecord():
            return Organisation.of(record)
        case SchemeRecord():
            return Scheme.of(record)
        case InitiativeRecord():
            return Initiative.of(record)
        case ThreatRecord():
            return Threat.of(record)
