"""What each GraphQL field reads from the graph, declared once beside its Strawberry field.

A field carries its declaration in `metadata={READS: ...}`; `schema/compiler.py` turns a whole selection
into one Cypher statement from these declarations, and a field without one reads the property of its
own name. The templates are Cypher with placeholders in braces: `{n}` is the object the field belongs
to, `{m}` the object (or value) it reaches, `{rel}` a relationship the child keeps (Term.page,
Partner.mentions), `{owner}` the parent's object kept by the child (a partner's force); `{arg_x}` is the
field's argument `x`, always passed as a parameter; any other name is a variable of the template's own,
renamed so that it cannot clash with another template's. Literal braces are doubled. Labels,
relationship types and properties in generated Cypher come only from these templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

READS = "peelgraph.reads"
"""The metadata key of a field's declaration."""

ENTITY_LABELS = ("Force", "Organisation", "Scheme", "Initiative", "Threat")
"""Labels of the named things, in the order a node with several is typed (graph/read/records.py `ENTITIES`)."""

NODE_LABELS = (*ENTITY_LABELS, "Report", "Question", "Judgment", "AreaForImprovement", "Metric", "Passage", "Term")
"""Labels of every type `node(id:)` answers, in the order a node with several is typed."""


@dataclass(frozen=True, slots=True)
class Value:
    """A value of the object itself: a Cypher expression of `{n}` (and `{rel}`, which is null where the
    object was not reached through a relationship)."""

    expression: str


@dataclass(frozen=True, slots=True)
class Related:
    """Objects (or one value) reached from the object: `match` binds `{m}`; `where` filters (each
    condition naming arguments applies when at least one of them is given), `optional` is matched if it
    can be (for `order`), `order` sorts.

    `single`: the first only (null if none). `value`: a leaf field answers this expression of the match
    rather than an object. `labels`: for an abstract result, the labels a match may have. `keeps`: the
    child's `{rel}` is the template's `{rel}`, and its `{owner}` is this object. `provides`: (field, variable)
    pairs naming a single-object field of the child that the match has already bound (`n`: this object),
    read from there rather than matched again. `bound`: a list holds at most this many (its `first`
    argument, where it has one, may not ask for more: `schema/bounds.py`). `exports`: variables of the
    template the child's own templates may name (a search hit's `{score}`). `converts`: (argument, function)
    pairs giving an argument's parameter from all the field's arguments (raising UserInputError for a value
    the API refuses). `match` is a pattern, or whole clauses when it starts with one (`CALL ...`).
    """

    match: str
    where: tuple[str, ...] = ()
    optional: str = ""
    order: str = ""
    single: bool = False
    value: str | None = None
    labels: tuple[str, ...] = ()
    keeps: bool = False
    provides: tuple[tuple[str, str], ...] = ()
    bound: int | None = None
    exports: tuple[str, ...] = ()
    converts: tuple[tuple[str, Callable[[Mapping[str, Any]], Any]], ...] = ()


@dataclass(frozen=True, slots=True)
class Itself:
    """The object itself, as another type of the schema (a search hit's node)."""


@dataclass(frozen=True, slots=True)
class Narrowed:
    """The object itself when it has `label`, else null (a partner as an organisation or as a force)."""

    label: str


@dataclass(frozen=True, slots=True)
class ById:
    """Root lookups: the node with the id `{arg_id}` (or each of `{arg_ids}`, in order, null for unknown
    ones) among these labels, the first label winning."""

    labels: tuple[str, ...]
    many: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    """A root connection: `match` binds `{m}`, `where` filters it as `Related.where` does, `order` sorts the
    whole listing, which is then read a page at a time (`first` items after the cursor `after`)."""

    match: str
    where: tuple[str, ...]
    order: str


@dataclass(frozen=True, slots=True)
class Matrix:
    """A grade matrix (`compareForces`): the columns `questions` (binding `{q}`, by `{q}.number`), a row per
    force of the first of `forces` that applies (binding `{f}`, in its own order), each row's `report`
    (binding `{r}` from `{f}`, the first by `report_order`) and its judgments `judgment` (binding `{m}` and
    the question `{q}` it answers, from `{r}`), one per column; `questions_where` and `report_where` filter
    columns and reports as `Related.where` does. The matrix's own fields: `pillar`, `year`, `questions`,
    `rows`; a row's: `force`, `report`, `grades`, `judgments`."""

    questions: str
    forces: tuple[str, ...]
    report: str
    report_where: tuple[str, ...]
    report_order: str
    judgment: str
    columns: int
    rows: int
    converts: tuple[tuple[str, Callable[[Mapping[str, Any]], Any]], ...] = ()
    questions_where: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ShortestPath:
    """The shortest path between two named things (`connection`). Its ends are the nodes with the ids
    `{arg_fromId}` and `{arg_toId}` among the labels `ends` (the first label winning), `pattern` the path
    between them (binding `{a}` and `{b}`). A stop labelled `joins` (a passage naming both its neighbours)
    makes its two neighbours one step, `joined`, whose evidence is that stop; any other step is its
    relationship, whose `evidence` pattern binds the passages `{m}` (and their report `{r}`) from the
    relationship's start `{start}` and end `{end}`, by `evidence_order`, at most `evidence_bound`. The path's
    own fields: `length`, `entities`, `steps`; a step's: `start`, `end`, `relationship`, `forward`, `evidence`."""

    ends: tuple[str, ...]
    pattern: str
    joins: str
    joined: str
    evidence: str
    evidence_order: str
    evidence_bound: int
    converts: tuple[tuple[str, Callable[[Mapping[str, Any]], Any]], ...] = ()


Read = Value | Related | Itself | Narrowed | ById | Listing | Matrix | ShortestPath


def declared(declaration: Read) -> dict[str, Read]:
    """The `metadata` of a Strawberry field that reads so."""
    return {READS: declaration}


NAME = Value("coalesce({n}.name, {n}.id)")
"""Names fall back to the id, as `graph/read/records.py` reads them."""

MENTIONS = Related(
    "({m}:Passage)-[:MENTIONS]->({n}), ({m})-[:PART_OF]->({r}:Report)", where=("{m}.role = {arg_role}",),
    order="{m}.page, {r}.id, {m}.id", provides=(("report", "r"),), bound=1000,
)
EVIDENCE = Related(
    "({n})-[:EVIDENCED_BY]->({m}:Passage)-[:PART_OF]->({r}:Report)", order="{m}.page, {m}.id",
    provides=(("report", "r"),), bound=100,
)
REPORT_OF_JUDGMENT = Related("({n})<-[:JUDGES]-({m}:Report)", order="{m}.id", single=True)
REPORT_OF_AREA = Related("({n})<-[:IDENTIFIES]-({m}:Report)", order="{m}.id", single=True)
REPORT_OF_METRIC = Related("({n})<-[:REPORTS]-({m}:Report)", order="{m}.id", single=True)
REPORT_OF_PASSAGE = Related("({n})-[:PART_OF]->({m}:Report)", order="{m}.id", single=True)


def of_pillar_and_year(report: str) -> tuple[str, ...]:
    """The conditions of the `pillar` and `year` arguments on the report `report` (`{m}`, `{r}`...)."""
    return (f"{report}.pillar = {{arg_pillar}}", f"{report}.year = {{arg_year}}")
