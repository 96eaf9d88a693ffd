"""The API's enums."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="A PEEL grade, ordered from the worst (INADEQUATE) to the best (OUTSTANDING).")
class Grade(Enum):
    INADEQUATE = strawberry.enum_value("Inadequate", description="Inadequate (rank 1).")
    REQUIRES_IMPROVEMENT = strawberry.enum_value("Requires improvement", description="Requires improvement (rank 2).")
    GOOD = strawberry.enum_value("Good", description="Good (rank 3).")
    OUTSTANDING = strawberry.enum_value("Outstanding", description="Outstanding (rank 4).")


@strawberry.enum(description="How a grade from a published table was read from its public page.")
class GradeBasis(Enum):
    STATED = strawberry.enum_value("stated", description="The page gives the grade in so many words.")
    SUMMARY = strawberry.enum_value(
        "summary", description="Read from the inspectorate's summary wording (e.g. 'needs to improve')."
    )
    CARRIED_OVER = strawberry.enum_value(
        "carried-over", description="A later page says the grade stood from the year before."
    )


@strawberry.enum(description="How to order a list of forces.")
class ForceOrder(Enum):
    NAME = strawberry.enum_value("NAME", description="By name, A to Z.")
    GRADE = strawberry.enum_value(
        "GRADE",
        description=(
            "By the overall grade (question 0) of the filter's pillar and year, best first, then by name; the "
            "newest matching report's grade when the filter leaves the pillar or year open."
        ),
    )


@strawberry.enum(description="What a full-text search hit is.")
class SearchHitKind(Enum):
    PASSAGE = strawberry.enum_value("Passage", description="A passage of a report's text.")
    AREA_FOR_IMPROVEMENT = strawberry.enum_value("AreaForImprovement", description="An area for improvement.")
    JUDGMENT = strawberry.enum_value("Judgment", description="The summary of a graded judgment.")


@strawberry.enum(
    description=(
        "What kind of text a passage is. Only passages about the force support a force's partners and schemes; "
        "the others are kept as evidence of what the report names."
    )
)
class MentionRole(Enum):
    FORCE = strawberry.enum_value(
        "force", description="Prose about the inspected force: what it, its staff or its partners do, or what the "
        "inspectors found there."
    )
    EXPLAINER = strawberry.enum_value(
        "explainer", description="A general explainer: how policing works, what all forces do, what a scheme is for."
    )
    SOURCE = strawberry.enum_value("source", description="A chart's or table's source line, caption or row.")
    CITATION = strawberry.enum_value("citation", description="A citation of or reference to a publication.")
    DEFINITION = strawberry.enum_value("definition", description="A definition, such as a footnote defining a term.")


@strawberry.enum(description="How two neighbours on a path are related.")
class PathRelationship(Enum):
    WORKS_WITH = strawberry.enum_value("WORKS_WITH", description="A force works with an organisation or force.")
    MEMBER_OF = strawberry.enum_value("MEMBER_OF", description="A force is a member of a regional unit.")
    USES = strawberry.enum_value("USES", description="A force uses a scheme.")
    MENTIONED_WITH = strawberry.enum_value("MENTIONED_WITH", description="One passage names both.")


def grade(label: str | None) -> Grade | None:
    """The enum member for a grade as stored ('Requires improvement'), None for none."""
    return None if label is None else Grade(label)


def label(member: Grade) -> str:
    """The grade as stored and as HMIC writes it ('Requires improvement')."""
    return str(member.value)
