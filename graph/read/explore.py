"""Reads that answer questions across the graph: full-text search, grade matrices and shortest paths."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from peelgraph.graph.read import records
from peelgraph.graph.read.reader import GraphReader, Row
from peelgraph.graph.read.records import (
    AreaRecord,
    EntityRecord,
    ForceRecord,
    JudgmentRecord,
    PassageRecord,
    QuestionRecord,
    ReportRecord,
)
from peelgraph.graph.statements import statement

SEARCH = statement("read/search")
GRADE_MATRIX = statement("read/grade_matrix")
PATH = statement("read/path")

LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
"""Characters with a meaning in Lucene's query syntax; escaped, they are searched for as text."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    score: float
    node: PassageRecord | AreaRecord | JudgmentRecord
    passage: PassageRecord | None
    """The passage itself, or the passage that evidences the area for improvement or judgment."""
    report: ReportRecord | None
    force: ForceRecord | None


@dataclass(frozen=True, slots=True)
class GradeRow:
    force: ForceRecord
    report: ReportRecord | None
    judgments: list[JudgmentRecord | None]
    """One per question of the matrix, in the same order; None where the report does not grade it."""


@dataclass(frozen=True, slots=True)
class GradeMatrix:
    questions: list[QuestionRecord]
    rows: list[GradeRow]


@dataclass(frozen=True, slots=True)
class Step:
    start: EntityRecord
    end: EntityRecord
    relationship: str
    """WORKS_WITH, MEMBER_OF, USES, or MENTIONED_WITH (one passage names both ends)."""
    forward: bool
    """True when the relationship points from `start` to `end`."""
    evidence: list[PassageRecord]


@dataclass(frozen=True, slots=True)
class Path:
    entities: list[EntityRecord]
    steps: list[Step]


def lucene_query(text: str) -> str | None:
    """`text` as a Lucene query that matches its words (any of them), or None when it has none.

    Every character with a meaning in Lucene's syntax is escaped and the text lower-cased (so AND, OR
    and NOT are words, not operators): no input makes the query unparseable.
    """
    if not any(character.isalnum() for character in text):
        return None
    return LUCENE_SPECIAL.sub(r"\\\1", text.lower())


async def search(reader: GraphReader, text: str, limit: int) -> list[SearchHit]:
    """Passages, areas for improvement and judgment summaries matching the words of `text`, best first."""
    query = lucene_query(text)
    if query is None:
        return []
    hits = []
    for row in await reader.rows(SEARCH, {"text": query, "limit": limit}):
        node = records.node(row["labels"], row["properties"], row["question"], row["report"])
        if not isinstance(node, PassageRecord | AreaRecord | JudgmentRecord):
            continue
        passage = None if row["passage"] is None else records.passage(row["passage"], row["report"])
        report = None if row["report"] is None else records.report(row["report"])
        force = None if row["force"] is None else records.force(row["force"])
        hits.append(SearchHit(row["score"], node, passage, report, force))
    return hits


async def grade_matrix(
    reader: GraphReader, *, pillar: str, year: int | None, ids: Sequence[str] | None = None, rocu: str | None = None
) -> GradeMatrix:
    """The pillar's questions as columns and a row per force (the given ids in their order, or the members
    of a regional unit by name) with its grade on each, from the report of that year (or its newest)."""
    row = await reader.one(GRADE_MATRIX, {"ids": None if ids is None else list(ids), "rocu": rocu,
                                          "pillar": pillar, "year": year})
    if row is None:
        return GradeMatrix([], [])
    questions = [records.question(item) for item in row["questions"]]
    rows = [_grade_row(item, questions) for item in row["rows"]]
    if ids is not None:
        position = {key: index for index, key in enumerate(ids)}
        rows.sort(key=lambda grade_row: position[grade_row.force.id])
    return GradeMatrix(questions, rows)


async def shortest_path(reader: GraphReader, from_id: str, to_id: str) -> Path | None:
    """The shortest chain of relationships between two named things, with the passages behind each step;
    None when either is unknown or they are not connected within the statement's bound."""
    row = await reader.one(PATH, {"fromId": from_id, "toId": to_id})
    return None if row is None else assemble_path(row)


def assemble_path(row: Row) -> Path:
    """The path a `read/path` row describes: its `stops` (named things, and passages where two things are only
    mentioned together) and the `steps` between them. A passage between two mentions becomes one
    MENTIONED_WITH step from the thing before it to the thing after it, with that passage as its evidence."""
    stops: list[Row] = row["stops"]
    steps: list[Step] = []
    entities: list[EntityRecord] = []
    for index, step in enumerate(row["steps"]):
        here = records.entity(stops[index]["labels"], stops[index]["properties"])
        if here is None:
            continue  # a passage between two mentions: the MENTIONED_WITH step was made at its start
        entities.append(here)
        there = records.entity(stops[index + 1]["labels"], stops[index + 1]["properties"])
        if there is not None:
            evidence = [records.passage(item["passage"], item["report"]) for item in step["evidence"]]
            steps.append(Step(here, there, step["type"], step["forward"], evidence))
            continue
        passage = stops[index + 1]
        beyond = records.entity(stops[index + 2]["labels"], stops[index + 2]["properties"])
        if beyond is None:
            raise ValueError("a path through a passage must continue to a named thing")
        steps.append(Step(here, beyond, "MENTIONED_WITH", True,
                          [records.passage(passage["properties"], passage["report"])]))
    last = records.entity(stops[-1]["labels"], stops[-1]["properties"])
    if last is not None:
        entities.append(last)
    return Path(entities, steps)


def _grade_row(item: Row, questions: list[QuestionRecord]) -> GradeRow:
    by_question = {
        judgment["question"]["id"]: records.judgment(judgment["judgment"], judgment["question"], item["report"])
        for judgment in item["judgments"]
    }
    return GradeRow(
        records.force(item["force"]),
        None if item["report"] is None else records.report(item["report"]),
        [by_question.get(question.id) for question in questions],
    )
