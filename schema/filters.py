"""Inputs that narrow the API's listings."""

from __future__ import annotations

import strawberry

from peelgraph.schema.enums import Grade
from peelgraph.schema.scalars import Pillar


@strawberry.input(description="Which forces to list; every field left out matches all.")
class ForceFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Only these forces (police.uk slugs).")
    rocu: strawberry.ID | None = strawberry.field(
        default=None, description="Only the members of this regional organised crime unit, e.g. ersou."
    )
    pillar: Pillar | None = strawberry.field(
        default=None, description="Only forces with a report of this pillar (judged `grade` overall, if given)."
    )
    year: int | None = strawberry.field(
        default=None, description="Only forces with a report of this year (judged `grade` overall, if given)."
    )
    grade: Grade | None = strawberry.field(
        default=None,
        description="Only forces whose report of the pillar and year is graded so on the overall question (number 0).",
    )


@strawberry.input(description="Which reports to list; every field left out matches all.")
class ReportFilter:
    force_id: strawberry.ID | None = strawberry.field(default=None, description="Only reports on this force.")
    pillar: Pillar | None = strawberry.field(default=None, description="Only reports of this pillar.")
    year: int | None = strawberry.field(default=None, description="Only reports of this year.")
