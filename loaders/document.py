"""The typed document a report parses into: every fact carries the page and quote it came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

GRADES: tuple[str, ...] = ("Inadequate", "Requires improvement", "Good", "Outstanding")
"""PEEL grades as reports write them, worst first: the position plus one is the grade's rank."""


def grade_rank(grade: str) -> int:
    """Inadequate 1 ... Outstanding 4."""
    return GRADES.index(grade) + 1


@dataclass(frozen=True, slots=True)
class Evidence:
    page: int
    quote: str


@dataclass(frozen=True, slots=True)
class Mention(Evidence):
    """A sentence naming an entity, and what kind of text it is (`loaders/roles.py`): `force` for prose
    about the inspected force; `explainer`, `source`, `citation` or `definition` otherwise."""

    role: str = "force"


@dataclass(frozen=True, slots=True)
class ReportInfo:
    title: str
    inspectorate: str
    programme: str
    pillar: str
    year: int
    sha256: str
    source: str = ""
    """The file the report was read from, for messages; not part of its identity."""


@dataclass(frozen=True, slots=True)
class ForceRef:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class OverallJudgment:
    grade: str
    evidence: Evidence
    summary: str = ""


@dataclass(frozen=True, slots=True)
class PreviousJudgment:
    year: int
    grade: str


@dataclass(frozen=True, slots=True)
class AreaForImprovement:
    text: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class QuestionFinding:
    number: int
    title: str
    grade: str
    summary: str
    previous: PreviousJudgment | None
    evidence: Evidence
    areas_for_improvement: tuple[AreaForImprovement, ...] = ()
    pages: tuple[int, int] = (0, 0)
    """The first and last page of the question's own section."""


@dataclass(frozen=True, slots=True)
class Entity:
    """An organisation, scheme, initiative or national threat named in the report.

    `kind` says what it is (for organisations: `regional-unit`, `national-agency`, `multi-agency`,
    `force`, ...). An organisation of kind `force` is another police force; its `id` is the force's
    police.uk slug.
    """

    id: str
    name: str
    acronym: str | None
    kind: str
    mentions: tuple[Mention, ...] = ()

    @property
    def about_the_force(self) -> bool:
        """Whether some prose about the inspected force names it: what makes a partner or a scheme it uses."""
        return any(mention.role == "force" for mention in self.mentions)


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    term: str
    definition: str
    page: int = 0


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    label: str
    value: float
    unit: str
    period: str
    area: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Text that shows a structure the parser could not read exactly: what it expected, and what it did."""

    line: int
    message: str
    """Says what was expected first (`expected ...`), so that it reads as an error under `--strict`."""

    def located(self, source: str) -> str:
        """`FILE:LINE: expected ...`, as errors are written."""
        return f"{source}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class ReportDocument:
    report: ReportInfo
    force: ForceRef
    overall: OverallJudgment
    questions: tuple[QuestionFinding, ...]
    organisations: tuple[Entity, ...] = ()
    schemes: tuple[Entity, ...] = ()
    initiatives: tuple[Entity, ...] = ()
    threats: tuple[Entity, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    metrics: tuple[Metric, ...] = field(default=())
    warnings: tuple[ParseWarning, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `peelgraph parse --json` prints (tuples become lists)."""
        return asdict(self)
