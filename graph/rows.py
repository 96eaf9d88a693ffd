"""Typed documents and reference tables turned into the parameter rows of the write statements.

Pure functions: ids are derived from content so that loading the same input twice yields the same
rows, and `documentHash` lets the writer skip a report whose facts are already in the graph.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from loaders.document import Entity, Evidence, Mention, ReportDocument, grade_rank
from loaders.question_grades import QuestionGradeRow, WordingRow
from loaders.reference import ForceRow, PillarGradeRow, QuestionRow
from loaders.roles import Role

Row = dict[str, Any]

FORCE_ROLE = Role.FORCE.value
"""The role of a passage about the inspected force: only such passages support WORKS_WITH and USES."""
ROW_FORMAT = 2
"""Part of every report's fingerprint: raised when the rows written for the same facts change (2: judgments
carry the page that states them and the question as worded in their year), so a loaded report is rewritten."""
ENTITY_LABELS = ("Organisation", "Scheme", "Initiative", "Threat", "Force")
"""Labels a passage can MENTION; the writer has one statement per label (no label is spliced)."""


@dataclass(frozen=True, slots=True)
class ReportRows:
    report: Row
    passages: list[Row]
    judgments: list[Row]
    areas: list[Row]
    metrics: list[Row]
    terms: list[Row]
    mentions: dict[str, list[Row]] = field(default_factory=dict)
    """Entity rows by label (one of ENTITY_LABELS), each with the passage ids that mention it."""


@dataclass(frozen=True, slots=True)
class ReferenceRows:
    forces: list[Row]
    rocus: list[Row]
    questions: list[Row]
    reports: list[Row]
    judgments: list[Row]
    """Graded judgments of the tables, each with its `basis` (null for pillar-grades rows) and `sourceUrl`."""


def report_id(force_id: str, pillar: str, year: int) -> str:
    return f"{force_id}-{pillar}-{year}"


def question_id(pillar: str, number: int) -> str:
    return f"{pillar}-{number}"


def report_title(pillar: str, year: int, force_name: str) -> str:
    return f"PEEL: Police {pillar} {year} – {force_name}"  # noqa: RUF001 (the dash HMIC titles use)


def document_hash(document: ReportDocument) -> str:
    """A fingerprint of every fact in the document: equal hashes mean nothing to write.

    The path the file was read from is no fact, nor are the parser's warnings: the same report given by
    another path is skipped too.
    """
    facts = document.to_dict()
    facts["report"]["source"] = ""
    facts.pop("warnings")
    facts["rowFormat"] = ROW_FORMAT
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def asked_titles(
    questions: Sequence[QuestionRow], wordings: Sequence[WordingRow], pillar: str, year: int
) -> dict[tuple[str, int], str]:
    """The questions of a pillar as worded in `year`: that year's wording where known, else the canonical one."""
    titles = {(q.pillar, q.number): q.title for q in questions}
    titles.update({(w.pillar, w.number): w.title for w in wordings if w.pillar == pillar and w.year == year})
    return titles


def report_rows(
    document: ReportDocument, questions: Sequence[QuestionRow] = (), wordings: Sequence[WordingRow] = ()
) -> ReportRows:
    info = document.report
    rid = report_id(document.force.id, info.pillar, info.year)
    passages = _Passages(rid, {finding.number: finding.pages for finding in document.questions})
    canonical_titles = {(q.pillar, q.number): q.title for q in questions}
    asked = asked_titles(questions, wordings, info.pillar, info.year)

    judgments = [
        _judgment_row(rid, info.pillar, 0, (canonical_titles, asked), document.overall.grade, None,
                      document.overall.summary, passages, document.overall.evidence)
    ]
    areas: list[Row] = []
    for finding in document.questions:
        judgments.append(
            _judgment_row(rid, info.pillar, finding.number, (canonical_titles, asked), finding.grade, finding.previous,
                          finding.summary, passages, finding.evidence, finding.title)
        )
        for index, area in enumerate(finding.areas_for_improvement, start=1):
            areas.append({
                "id": f"{rid}/q{finding.number}/afi-{index}",
                "text": area.text,
                "questionId": question_id(info.pillar, finding.number),
                "passageId": passages.add(area.evidence),
            })

    metrics = [
        {"id": f"{rid}/metric/{metric.id}", "label": metric.label, "value": metric.value, "unit": metric.unit,
         "period": metric.period, "area": metric.area, "passageId": passages.add(metric.evidence)}
        for metric in document.metrics
    ]
    mentions = _mention_rows(document, passages)
    _attach_concerns(areas, document)
    terms = [
        {"id": f"term/{_slug(term.term)}", "term": term.term, "definition": term.definition, "page": term.page}
        for term in document.glossary
    ]
    report = {
        "id": rid,
        "title": info.title,
        "inspectorate": info.inspectorate,
        "programme": info.programme,
        "pillar": info.pillar,
        "year": info.year,
        "sha256": info.sha256,
        "documentHash": document_hash(document),
        "forceId": document.force.id,
        "forceName": document.force.name,
    }
    return ReportRows(report, passages.rows(), judgments, areas, metrics, terms, mentions)


def reference_rows(
    forces: Sequence[ForceRow],
    pillar_grades: Sequence[PillarGradeRow],
    question_grades: Sequence[QuestionGradeRow],
    questions: Sequence[QuestionRow],
    wordings: Sequence[WordingRow],
    organisation_names: Mapping[str, str],
) -> ReferenceRows:
    """Rows for the forces, their regional units, the questions and the tables' grades (duplicates dropped).

    Where both tables grade a pillar's overall question, the question-grades row (which has a basis) is kept.
    """
    force_names = {force.id: force.name for force in forces}
    reports: dict[str, Row] = {}
    judgments: dict[str, Row] = {}
    table_grades = [
        *((g.force_id, g.year, g.pillar, 0, g.grade, None, g.source_url) for g in pillar_grades),
        *((g.force_id, g.year, g.pillar, g.question, g.grade, g.basis, g.source_url) for g in question_grades),
    ]
    for force_id, year, pillar, number, grade, basis, source_url in table_grades:
        rid = report_id(force_id, pillar, year)
        reports.setdefault(rid, {
            "id": rid, "forceId": force_id, "pillar": pillar, "year": year,
            "title": report_title(pillar, year, force_names[force_id]), "sourceUrl": source_url,
        })
        judgments[f"{rid}/q{number}"] = {
            "id": f"{rid}/q{number}", "reportId": rid, "questionId": question_id(pillar, number),
            "grade": grade, "gradeRank": grade_rank(grade), "basis": basis, "sourceUrl": source_url,
            "asked": asked_titles(questions, wordings, pillar, year).get((pillar, number)),
        }
    return ReferenceRows(
        forces=[
            {"id": force.id, "name": force.name, "onsCode": force.ons_code, "country": force.country,
             "rocu": force.rocu}
            for force in forces
        ],
        rocus=_rocu_rows(forces, organisation_names),
        questions=_question_rows(questions, wordings),
        reports=list(reports.values()),
        judgments=list(judgments.values()),
    )


def _rocu_rows(forces: Sequence[ForceRow], organisation_names: Mapping[str, str]) -> list[Row]:
    rocus: dict[str, Row] = {}
    for force in forces:
        if force.rocu is None:
            continue
        unit = rocus.setdefault(force.rocu, {
            "id": force.rocu,
            "acronym": force.rocu_acronym,
            "name": organisation_names.get(force.rocu, force.rocu_acronym),
            "alias": force.rocu_alias,
            "members": [],
        })
        unit["members"].append(force.id)
    return list(rocus.values())


def _question_rows(questions: Sequence[QuestionRow], wordings: Sequence[WordingRow]) -> list[Row]:
    """Canonical questions, and any question only some year asked; `years` lists the years a wording is known for,
    `ungradedYears` those of them in which the question was asked without taking a grade."""
    years: dict[tuple[str, int], set[int]] = {}
    rows: dict[tuple[str, int], Row] = {
        (q.pillar, q.number): {"id": question_id(q.pillar, q.number), "pillar": q.pillar, "number": q.number,
                               "title": q.title, "years": None, "ungradedYears": []}
        for q in questions
    }
    for w in wordings:
        row = rows.setdefault((w.pillar, w.number), {
            "id": question_id(w.pillar, w.number), "pillar": w.pillar, "number": w.number, "title": w.title,
            "years": None, "ungradedYears": [],
        })
        years.setdefault((w.pillar, w.number), set()).add(w.year)
        row["years"] = sorted(years[(w.pillar, w.number)])
        if not w.graded:
            row["ungradedYears"] = sorted({*row["ungradedYears"], w.year})
    return list(rows.values())


class _Passages:
    """Collects the evidence passages of one report under ids derived from page and text.

    Each passage also records the question whose section holds its page (0 for the summary pages
    before the first section, None after the last one, the annexes) and its role: a mention's role
    (`loaders/roles.py`), else `force` (a judgment's, area's or metric's own evidence is the report's
    finding about the force).
    """

    def __init__(self, rid: str, sections: Mapping[int, tuple[int, int]]) -> None:
        self._rid = rid
        self._rows: dict[str, Row] = {}
        self._first_section_page = min((first for first, _ in sections.values()), default=0)
        self._sections = sections

    def add(self, evidence: Evidence) -> str:
        digest = hashlib.sha1(evidence.quote.encode()).hexdigest()[:16]
        pid = f"{self._rid}/p{evidence.page}/{digest}"
        row = self._rows.setdefault(pid, {
            "id": pid, "page": evidence.page, "text": evidence.quote, "question": self._question(evidence.page),
            "role": None,
        })
        if isinstance(evidence, Mention):
            row["role"] = _either_role(row["role"], evidence.role)
        return pid

    def _question(self, page: int) -> int | None:
        for number, (first, last) in self._sections.items():
            if first <= page <= last:
                return number
        return 0 if page < self._first_section_page else None

    def rows(self) -> list[Row]:
        return [{**row, "role": row["role"] or FORCE_ROLE} for row in self._rows.values()]


def _either_role(current: str | None, read: str) -> str:
    """One sentence read twice (on one page, in two places) is about the force if either reading says so."""
    return FORCE_ROLE if FORCE_ROLE in (current, read) else current or read


def _judgment_row(
    rid: str,
    pillar: str,
    number: int,
    titles: tuple[Mapping[tuple[str, int], str], Mapping[tuple[str, int], str]],
    grade: str,
    previous: Any,
    summary: str,
    passages: _Passages,
    evidence: Evidence,
    title: str = "",
) -> Row:
    return {
        "id": f"{rid}/q{number}",
        "questionId": question_id(pillar, number),
        "pillar": pillar,
        "number": number,
        "title": titles[0].get((pillar, number), title),
        "asked": titles[1].get((pillar, number), title),
        "grade": grade,
        "gradeRank": grade_rank(grade),
        "previousGrade": previous.grade if previous else None,
        "previousYear": previous.year if previous else None,
        "summary": summary,
        "passageId": passages.add(evidence),
        "page": evidence.page,
    }


def _mention_rows(document: ReportDocument, passages: _Passages) -> dict[str, list[Row]]:
    by_label: dict[str, list[Row]] = {label: [] for label in ENTITY_LABELS}
    groups: Iterable[tuple[str, Sequence[Entity]]] = (
        ("Organisation", document.organisations),
        ("Scheme", document.schemes),
        ("Initiative", document.initiatives),
        ("Threat", document.threats),
    )
    for label, entities in groups:
        for entity in entities:
            target = "Force" if label == "Organisation" and entity.kind == "force" else label
            if target == "Force" and entity.id == document.force.id:
                continue
            by_label[target].append({
                "id": entity.id,
                "name": entity.name,
                "acronym": entity.acronym,
                "kind": entity.kind,
                "passageIds": sorted({passages.add(mention) for mention in entity.mentions}),
            })
    return by_label


def _attach_concerns(areas: list[Row], document: ReportDocument) -> None:
    """An area for improvement CONCERNS each organisation or scheme mentioned inside its text."""
    candidates = [("Organisation", e) for e in document.organisations] + [("Scheme", e) for e in document.schemes]
    for area in areas:
        text = area["text"]
        area["concerns"] = {"Organisation": [], "Scheme": [], "Force": []}
        for label, entity in candidates:
            if any(mention.quote and mention.quote in text for mention in entity.mentions):
                target = "Force" if entity.kind == "force" else label
                if entity.id != document.force.id:
                    area["concerns"][target].append(entity.id)


def _slug(text: str) -> str:
    cleaned = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in cleaned.split("-") if part)
