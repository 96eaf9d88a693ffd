"""Filtered, ordered listings for the API's connections: one page and the total in one statement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from peelgraph.graph.read import records
from peelgraph.graph.read.reader import GraphReader
from peelgraph.graph.read.records import AreaRecord, ForceRecord, OrganisationRecord, ReportRecord, SchemeRecord
from peelgraph.graph.statements import statement

T = TypeVar("T")

FORCES_PAGE = statement("read/forces_page")
REPORTS_PAGE = statement("read/reports_page")
ORGANISATIONS_PAGE = statement("read/organisations_page")
SCHEMES_PAGE = statement("read/schemes_page")
AREAS_PAGE = statement("read/areas_page")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """`items` from position `skip` of everything that matched; `total` counts everything that matched."""

    items: list[T]
    total: int
    skip: int


@dataclass(frozen=True, slots=True)
class Window:
    """Which slice of a listing to read: `limit` items from position `skip`."""

    skip: int
    limit: int


async def forces(
    reader: GraphReader,
    window: Window,
    *,
    ids: Sequence[str] | None = None,
    rocu: str | None = None,
    pillar: str | None = None,
    year: int | None = None,
    grade: str | None = None,
    order: str = "NAME",
) -> Page[ForceRecord]:
    """Forces, optionally of some ids or one regional unit; with pillar, year or grade (a stored grade such
    as 'Good'), those a matching report judges so on the pillar's overall question. `order` is NAME, or
    GRADE for that overall grade, best first."""
    parameters = {"ids": None if ids is None else list(ids), "rocu": rocu, "pillar": pillar, "year": year,
                  "grade": grade, "orderBy": order}
    return await _page(reader, FORCES_PAGE, window, parameters, "forces", records.force)


async def reports(
    reader: GraphReader,
    window: Window,
    *,
    force_id: str | None = None,
    pillar: str | None = None,
    year: int | None = None,
) -> Page[ReportRecord]:
    """Reports, optionally of one force, pillar or year: newest first, then by pillar and force."""
    parameters = {"forceId": force_id, "pillar": pillar, "year": year}
    return await _page(reader, REPORTS_PAGE, window, parameters, "reports", records.report)


async def organisations(
    reader: GraphReader, window: Window, *, kind: str | None = None, search: str | None = None
) -> Page[OrganisationRecord]:
    """Organisations, optionally of one kind and containing some text in name, acronym, alias or id; by name."""
    parameters = {"kind": kind, "search": search}
    return await _page(reader, ORGANISATIONS_PAGE, window, parameters, "organisations", records.organisation)


async def schemes(
    reader: GraphReader, window: Window, *, kind: str | None = None, search: str | None = None
) -> Page[SchemeRecord]:
    """Schemes, optionally of one kind and containing some text in name, acronym or id; by name."""
    parameters = {"kind": kind, "search": search}
    return await _page(reader, SCHEMES_PAGE, window, parameters, "schemes", records.scheme)


async def areas(
    reader: GraphReader,
    window: Window,
    *,
    search: str | None = None,
    question_id: str | None = None,
    question_number: int | None = None,
    force_id: str | None = None,
    pillar: str | None = None,
    year: int | None = None,
) -> Page[AreaRecord]:
    """Areas for improvement, optionally containing some text, under one question, of one force, pillar or
    year: newest report first, then by force and question."""
    parameters = {"search": search, "questionId": question_id, "questionNumber": question_number,
                  "forceId": force_id, "pillar": pillar, "year": year}
    return await _page(reader, AREAS_PAGE, window, parameters, "areas",
                       lambda item: records.area(item["area"], item["question"], item["report"]))


async def _page(
    reader: GraphReader,
    text: str,
    window: Window,
    parameters: dict[str, Any],
    column: str,
    build: Callable[[Any], T],
) -> Page[T]:
    row = await reader.one(text, {**parameters, "skip": window.skip, "limit": window.limit})
    if row is None:
        return Page([], 0, window.skip)
    return Page([build(item) for item in row[column]], row["total"], window.skip)
