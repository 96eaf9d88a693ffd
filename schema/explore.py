"""Questions across the graph: full-text search, a grade matrix of forces, the path between two things."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import strawberry

from peelgraph.graph.read import explore
from peelgraph.graph.read.listings import Window
from peelgraph.graph.read.records import AreaRecord, JudgmentRecord, PassageRecord
from peelgraph.schema.bounds import QUESTIONS_PER_PILLAR, SUMMARY, bounded, weighing
from peelgraph.schema.context import Info
from peelgraph.schema.entities import Entity, Force, entity_of
from peelgraph.schema.enums import Grade, PathRelationship, SearchHitKind, grade
from peelgraph.schema.errors import UserInputError
from peelgraph.schema.mapping import ENTITY_LABELS, Itself, Matrix, Related, ShortestPath, Value, declared
from peelgraph.schema.node import Node
from peelgraph.schema.pagination import DEFAULT_FIRST, MAX_FIRST, First, window
from peelgraph.schema.queries import node_of
from peelgraph.schema.reports import Judgment, Passage, Question, Report
from peelgraph.schema.scalars import Pillar

MAX_SEARCH_CHARACTERS = 500
MAX_EVIDENCE = 1000
"""The passages shown for one step of a path."""
MAX_PATH = 8
"""Relationships on a path (`cypher/read/path.cypher` looks no further)."""


_OWNING_REPORT = (
    "CALL ({n}) {{ MATCH ({n})-[:PART_OF]->({r}:Report) RETURN {r} "
    "UNION MATCH ({n})<-[:JUDGES|IDENTIFIES]-({r}:Report) RETURN {r} }}"
)
"""The report a hit belongs to: a passage's, or the one that judges or identifies it (binds `{r}`)."""


def _search_text(arguments: Mapping[str, Any]) -> str:
    text = arguments["text"]
    if len(text) > MAX_SEARCH_CHARACTERS:
        raise UserInputError(f"text: at most {MAX_SEARCH_CHARACTERS} characters (got {len(text)})")
    query = explore.lucene_query(text)
    if query is None:
        raise UserInputError("text: no words to search for")  # the resolver answers an empty list
    return query


def _page(arguments: Mapping[str, Any]) -> Window:
    return window(arguments["first"], None)


SEARCH = Related(
    "CALL db.index.fulltext.queryNodes('reportText', {arg_text}, {{limit: {arg_first}}}) "
    "YIELD node AS {m}, score AS {score}",
    labels=("Passage", "AreaForImprovement", "Judgment"), order="{score} DESC, {m}.id", bound=MAX_FIRST,
    exports=("score",), converts=(("text", _search_text), ("first", lambda arguments: _page(arguments).limit)),
)
"""The search, compiled (`cypher/read/search.cypher` for the resolvers)."""


@strawberry.type(description="A passage, area for improvement or judgment summary that matches a search.")
class SearchHit:
    score: float = strawberry.field(description="How well it matches (higher is better).",
                                    metadata=declared(Value("{score}")))
    kind: SearchHitKind = strawberry.field(
        description="What matched.",
        metadata=declared(Value(
            "CASE WHEN {n}:Passage THEN 'Passage' WHEN {n}:AreaForImprovement THEN 'AreaForImprovement' "
            "ELSE 'Judgment' END"
        )),
    )
    text: str = strawberry.field(
        description="The matching text.",
        metadata={**declared(Value("CASE WHEN {n}:Judgment THEN coalesce({n}.summary, '') ELSE {n}.text END")),
                  **weighing(SUMMARY)},
    )
    node: Node = strawberry.field(
        description="The passage, area for improvement or judgment that matched.", metadata=declared(Itself())
    )
    passage: Passage | None = strawberry.field(
        description="The passage that matched, or the passage that evidences the area or judgment.",
        metadata=declared(Related(
            "CALL ({n}) {{ WITH {n} AS {m} WHERE {m}:Passage RETURN {m} "
            "UNION MATCH ({n})-[:EVIDENCED_BY]->({m}:Passage) RETURN {m} }}",
            order="{m}.page, {m}.id", single=True,
        )),
    )
    report: Report | None = strawberry.field(
        description="The report it comes from.",
        metadata=declared(Related(_OWNING_REPORT.replace("{r}", "{m}"), order="{m}.id", single=True)),
    )
    force: Force | None = strawberry.field(
        description="The force that report inspects.",
        metadata=declared(Related(_OWNING_REPORT + " MATCH ({r})-[:INSPECTS]->({m}:Force)", order="{m}.id",
                                  single=True)),
    )

    @classmethod
    def of(cls, hit: explore.SearchHit) -> SearchHit:
        match hit.node:
            case PassageRecord():
                kind, text = SearchHitKind.PASSAGE, hit.node.text
            case AreaRecord():
                kind, text = SearchHitKind.AREA_FOR_IMPROVEMENT, hit.node.text
            case JudgmentRecord():
                kind, text = SearchHitKind.JUDGMENT, hit.node.summary or ""
        return cls(
            score=hit.score, kind=kind, text=text, node=node_of(hit.node),
            passage=None if hit.passage is None else Passage.of(hit.passage),
            report=None if hit.report is None else Report.of(hit.report),
            force=None if hit.force is None else Force.of(hit.force),
        )


def _forces_by_id(arguments: Mapping[str, Any]) -> list[str]:
    ids = arguments.get("ids")
    if ids is None or arguments.get("rocu") is not None:
        raise UserInputError("compareForces takes either ids or rocu (exactly one of them)")
    if len(ids) > MAX_FIRST:
        raise UserInputError(f"ids: at most {MAX_FIRST} forces (got {len(ids)})")
    return list(ids)


def _members_of(arguments: Mapping[str, Any]) -> str:
    if arguments.get("ids") is not None or arguments.get("rocu") is None:
        raise UserInputError("compareForces takes either ids or rocu (exactly one of them)")
    return str(arguments["rocu"])


GRADE_MATRIX = Matrix(
    questions="MATCH ({q}:Question {{pillar: {arg_pillar}}})",
    # a year's columns are the questions asked that year (a question that names no years is asked in all)
    questions_where=("{q}.years IS NULL OR {arg_year} IN {q}.years",),
    forces=(
        # the forces asked for, in the order asked (a repeated id where it is last asked, as the resolver does)
        "UNWIND range(0, size({arg_ids}) - 1) AS {i} MATCH ({f}:Force {{id: {arg_ids}[{i}]}}) "
        "WITH {f}, max({i}) AS {i} ORDER BY {i}",
        "MATCH (:Organisation {{id: {arg_rocu}}})<-[:MEMBER_OF]-({f}:Force) WITH {f} ORDER BY {f}.name",
    ),
    report="({f})<-[:INSPECTS]-({r}:Report {{pillar: {arg_pillar}}})",
    report_where=("{r}.year = {arg_year}",),
    report_order="{r}.year DESC",
    judgment="({r})-[:JUDGES]->({m}:Judgment)-[:ANSWERS]->({q})",
    columns=QUESTIONS_PER_PILLAR,
    rows=MAX_FIRST,
    converts=(("ids", _forces_by_id), ("rocu", _members_of)),
)
"""The grade matrix, compiled (`cypher/read/grade_matrix.cypher` for the resolvers)."""


def _path_start(arguments: Mapping[str, Any]) -> str:
    if arguments["fromId"] == arguments["toId"]:
        raise UserInputError("fromId and toId are the same: a path needs two different ends")
    return str(arguments["fromId"])


SHORTEST_PATH = ShortestPath(
    ends=ENTITY_LABELS,
    pattern=f"shortestPath(({{a}})-[:WORKS_WITH|MEMBER_OF|USES|MENTIONS*..{MAX_PATH}]-({{b}}))",
    joins="Passage",
    joined="MENTIONED_WITH",
    evidence="({start})<-[:INSPECTS]-({r}:Report)<-[:PART_OF]-({m}:Passage)-[:MENTIONS]->({end})",
    evidence_order="{m}.page, {m}.id",
    evidence_bound=MAX_EVIDENCE,
    converts=(("fromId", _path_start),),
)
"""The shortest path, compiled (`cypher/read/path.cypher` for the resolvers)."""


@strawberry.type(description="One force's row of a grade matrix.")
class GradeRow:
    force: Force = strawberry.field(description="The force.")
    report: Report | None = strawberry.field(description="The report graded (null when the force has none).")
    grades: list[Grade | None] = strawberry.field(
        description="The grade on each question of the matrix, in the order of `questions`; null where not graded.",
        metadata=bounded(QUESTIONS_PER_PILLAR),
    )
    judgments: list[Judgment | None] = strawberry.field(
        description="The judgment on each question, in the order of `questions`; null where not graded.",
        metadata=bounded(QUESTIONS_PER_PILLAR),
    )


@strawberry.type(description="Forces side by side: the pillar's questions as columns, a row per force.")
class GradeMatrix:
    pillar: Pillar = strawberry.field(description="The pillar compared.")
    year: int | None = strawberry.field(description="The year compared (null: each force's newest report).")
    questions: list[Question] = strawberry.field(
        description=f"The columns: the pillar's questions, by number (at most {QUESTIONS_PER_PILLAR}).",
        metadata=bounded(QUESTIONS_PER_PILLAR),
    )
    rows: list[GradeRow] = strawberry.field(
        description=f"A row per force, in the order asked (a unit's by name; at most {MAX_FIRST}).",
        metadata=bounded(MAX_FIRST),
    )


@strawberry.type(description="One step of a path: two neighbours, how they are related and the passages that show it.")
class PathStep:
    start: Entity = strawberry.field(description="Where the step starts.")
    end: Entity = strawberry.field(description="Where the step ends.")
    relationship: PathRelationship = strawberry.field(description="How the two are related.")
    forward: bool = strawberry.field(
        description="True when the relationship reads from start to end (start works with, is a member of, uses end)."
    )
    evidence: list[Passage] = strawberry.field(
        description=f"The passages that show the relationship, by page (at most {MAX_EVIDENCE}).",
        metadata=bounded(MAX_EVIDENCE),
    )


@strawberry.type(description="The shortest chain of relationships between two named things.")
class Path:
    length: int = strawberry.field(description="How many steps.")
    entities: list[Entity] = strawberry.field(
        description="The things along the path, from the first to the last.", metadata=bounded(MAX_PATH + 1)
    )
    steps: list[PathStep] = strawberry.field(description="The steps, in order.", metadata=bounded(MAX_PATH))

    @classmethod
    def of(cls, path: explore.Path) -> Path:
        steps = [
            PathStep(
                start=entity_of(step.start), end=entity_of(step.end), relationship=PathRelationship(step.relationship),
                forward=step.forward, evidence=[Passage.of(passage) for passage in step.evidence[:MAX_EVIDENCE]],
            )
            for step in path.steps
        ]
        return cls(length=len(steps), entities=[entity_of(entity) for entity in path.entities], steps=steps)


@strawberry.type
class ExploreQuery:
    @strawberry.field(
        description=(
            "Full-text search of the reports' passages, areas for improvement and judgment summaries, best "
            "first. Words are matched (any of them); punctuation is searched as text, never as query syntax."
        ),
        metadata=declared(SEARCH),
    )
    async def search(
        self,
        info: Info,
        text: Annotated[str, strawberry.argument(description="The words to look for.")],
        first: First = DEFAULT_FIRST,
    ) -> list[SearchHit]:
        if len(text) > MAX_SEARCH_CHARACTERS:
            raise UserInputError(f"text: at most {MAX_SEARCH_CHARACTERS} characters (got {len(text)})")
        limit = window(first, None).limit
        return [SearchHit.of(hit) for hit in await explore.search(info.context.graph, text, limit)]

    @strawberry.field(
        description=(
            "A grade matrix: the pillar's questions as columns and a row per force (by `ids`, or the members of "
            "the regional unit `rocu`), with its grade on each question and nulls where not graded."
        ),
        metadata=declared(GRADE_MATRIX),
    )
    async def compare_forces(
        self,
        info: Info,
        pillar: Annotated[Pillar, strawberry.argument(description="The pillar to compare.")],
        ids: Annotated[
            list[strawberry.ID] | None, strawberry.argument(description="The forces to compare, in this order.")
        ] = None,
        rocu: Annotated[
            strawberry.ID | None, strawberry.argument(description="Compare this regional unit's members instead.")
        ] = None,
        year: Annotated[
            int | None, strawberry.argument(description="The year; left out, each force's newest report of the pillar.")
        ] = None,
    ) -> GradeMatrix:
        if (ids is None) == (rocu is None):
            raise UserInputError("compareForces takes either ids or rocu (exactly one of them)")
        if ids is not None and len(ids) > MAX_FIRST:
            raise UserInputError(f"ids: at most {MAX_FIRST} forces (got {len(ids)})")
        matrix = await explore.grade_matrix(info.context.graph, pillar=pillar, year=year, ids=ids, rocu=rocu)
        return GradeMatrix(
            pillar=pillar, year=year,
            questions=[Question.of(question) for question in matrix.questions[:QUESTIONS_PER_PILLAR]],
            rows=[
                GradeRow(
                    force=Force.of(row.force), report=None if row.report is None else Report.of(row.report),
                    grades=[None if judgment is None else grade(judgment.grade)
                            for judgment in row.judgments[:QUESTIONS_PER_PILLAR]],
                    judgments=[None if judgment is None else Judgment.of(judgment)
                               for judgment in row.judgments[:QUESTIONS_PER_PILLAR]],
                )
                for row in matrix.rows[:MAX_FIRST]
            ],
        )

    @strawberry.field(
        description=(
            "The shortest path between two forces, organisations, schemes, initiatives or threats (by id) through "
            "WORKS_WITH, MEMBER_OF, USES and shared mentions, with the evidence for each step; null when they "
            "are not connected within 8 relationships or an id is unknown."
        ),
        metadata=declared(SHORTEST_PATH),
    )
    async def connection(
        self,
        info: Info,
        from_id: Annotated[
            strawberry.ID, strawberry.argument(description="Where the path starts, e.g. cambridgeshire.")
        ],
        to_id: Annotated[strawberry.ID, strawberry.argument(description="Where it ends, e.g. nca.")],
    ) -> Path | None:
        _path_start({"fromId": from_id, "toId": to_id})
        found = await explore.shortest_path(info.context.graph, from_id, to_id)
        return None if found is None else Path.of(found)
