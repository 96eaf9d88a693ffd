"""The bundled Cambridgeshire report parses into every fact it states, with page and quote."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from peelgraph.loaders.document import ReportDocument
from peelgraph.loaders.report import read_report

AREAS = {
    1: [
        "The constabulary should use evidence of \u2018what works\u2019 drawn from other forces, academics and "
        "partners to continually improve its approach to the prevention of crime and anti-social behaviour. "
        "There should be routine evaluation of tactics and sharing of effective practice."
    ],
    2: [
        "The constabulary should ensure that there is regular and active supervision of investigations to "
        "check quality and progress.",
        "The constabulary should improve its ability to retrieve digital evidence from mobile phones, computers "
        "and other electronic devices quickly enough to ensure that investigations are not delayed.",
    ],
    3: [],
    4: [
        "The constabulary should improve the awareness of organised crime groups among neighbourhood teams to "
        "ensure that they can reliably identify these groups, collect intelligence and disrupt their activity."
    ],
}


def test_report_identity(seed: ReportDocument, seed_path: Path) -> None:
    assert seed.report.title == "PEEL: Police effectiveness 2015 \u2013 Cambridgeshire Constabulary"
    assert (seed.report.inspectorate, seed.report.programme, seed.report.pillar) == ("HMIC", "PEEL", "effectiveness")
    assert seed.report.year == 2015
    assert seed.force.id == "cambridgeshire"
    assert seed.force.name == "Cambridgeshire Constabulary"
    assert read_report(seed_path).report.sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()


def test_overall_judgment(seed: ReportDocument) -> None:
    assert seed.overall.grade == "Requires improvement"
    assert seed.overall.evidence.page == 1
    assert seed.overall.evidence.quote == (
        "HMIC judges that overall Cambridgeshire Constabulary requires improvement in the way it keeps people "
        "safe and reduces crime."
    )
    assert seed.overall.summary.endswith("a year-on-year comparison is not possible.")


def test_question_grades_and_previous_judgments(seed: ReportDocument) -> None:
    found = {q.number: (q.grade, q.previous and (q.previous.year, q.previous.grade)) for q in seed.questions}
    assert found == {
        1: ("Good", (2014, "Good")),
        2: ("Requires improvement", (2014, "Good")),
        3: ("Requires improvement", None),
        4: ("Good", None),
    }


def test_question_titles(seed: ReportDocument) -> None:
    titles = {q.number: q.title for q in seed.questions}
    assert titles[1] == (
        "How effective is the force at preventing crime and anti-social behaviour, and keeping people safe?"
    )
    assert titles[2] == "How effective is the force at investigating crime and managing offenders?"
    assert titles[3] == (
        "How effective is the force at protecting from harm those who are vulnerable, and supporting victims?"
    )
    assert titles[4].startswith("How effective is the force at tackling serious and organised crime")


def test_summaries_are_clean_prose_with_evidence(seed: ReportDocument) -> None:
    first = {q.number: q for q in seed.questions}
    assert first[1].evidence.page == 17
    assert first[1].evidence.quote == (
        "Cambridgeshire Constabulary is good at preventing crime and anti-social behaviour and keeping people safe."
    )
    assert "generally well-trained officers are assigned" in first[1].summary
    # Q2's summary runs over a page break with a footnote in between.
    assert "There are also backlogs in the constabulary\u2019s forensic examination of digital" in first[2].summary
    assert "Sexual Offences Prevention Orders" not in first[2].summary
    assert first[3].evidence.page == 26 and first[4].evidence.page == 35
    for question in seed.questions:
        assert "\n" not in question.summary and "  " not in question.summary


def test_areas_for_improvement_verbatim(seed: ReportDocument) -> None:
    found = {q.number: [area.text for area in q.areas_for_improvement] for q in seed.questions}
    assert found == AREAS
    pages = {q.number: [area.evidence.page for area in q.areas_for_improvement] for q in seed.questions}
    assert pages == {1: [17], 2: [25, 25], 3: [], 4: [35]}


def test_glossary_from_footnotes(seed: ReportDocument) -> None:
    terms = [term.term for term in seed.glossary]
    for expected in (
        "vulnerable person",
        "IOM",
        "MAPPAs",
        "MARACs",
        "khat",
        "transforming summary justice (TSJ)",
        "Joint Protective Services (JPS)",
        "community resolutions",
    ):
        assert expected in terms
    assert any("SCPO" in term for term in terms) and any("SOPOs" in term for term in terms)
    khat = next(term for term in seed.glossary if term.term == "khat")
    assert khat.definition.startswith("A plant native to Africa") and khat.page == 18


def test_json_shape(seed: ReportDocument) -> None:
    data = json.loads(json.dumps(seed.to_dict(), ensure_ascii=False))
    assert set(data) >= {
        "report",
        "force",
        "overall",
        "questions",
        "organisations",
        "schemes",
        "initiatives",
        "glossary",
        "metrics",
    }
    assert set(data["report"]) >= {"title", "inspectorate", "programme", "pillar", "year", "sha256"}
    assert set(data["overall"]) >= {"grade", "evidence"}
    question = data["questions"][0]
    assert set(question) >= {"number", "title", "grade", "summary", "previous", "evidence", "areas_for_improvement"}
    assert set(question["areas_for_improvement"][0]) == {"text", "evidence"}
    assert set(data["organisations"][0]) >= {"id", "name", "acronym", "kind", "mentions"}
    assert set(data["metrics"][0]) >= {"id", "label", "value", "unit", "period", "area", "evidence"}
