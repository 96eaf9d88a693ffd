"""Each mention's role: prose about the force makes a partner; explainers, sources, citations and definitions don't."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.variants import with_force, with_paragraph
from peelgraph.loaders.document import Entity, ReportDocument
from peelgraph.loaders.prose import sentence_bounds
from peelgraph.loaders.roles import Role, RoleReader
from tests.loaders.conftest import Parse

NOT_PARTNERS = ("hmrc", "dwp", "immigration-enforcement", "border-force", "yjb", "htcu", "rocu")
"""Named by the bundled report only in explainers, sources, citations or definitions."""
PARTNERS = ("ersou", "mcu", "marac", "mappa", "mash", "jps", "bedfordshire", "hertfordshire", "schools", "cps")


def roles_of(text: str, *, footnote: bool = False, force: str = "Kent") -> list[str]:
    return [str(role) for role in RoleReader(force).roles(text, sentence_bounds(text), footnote=footnote)]


def partners(document: ReportDocument) -> set[str]:
    return {entity.id for entity in named(document) if entity.about_the_force}


def named(document: ReportDocument) -> tuple[Entity, ...]:
    return (*document.organisations, *document.schemes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Source: Ministry of Justice data", ["source"]),
        ("Sources: police recorded crime, Home Office", ["source"]),
        ("Figure 3: Victim satisfaction by force, 12 months to March 2016", ["source"]),
        ("Conditional caution 312 1.1 40,210 1.4", ["source"]),
        ("Note: figures for the British Transport Police are not included.", ["source"]),
    ],
)
def test_chart_furniture_is_a_source(text: str, expected: list[str]) -> None:
    assert roles_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Everyone's business: improving the police response to domestic abuse, HMIC, March 2014.",
        "Available from: www.gov.uk/government/publications/serious-crime-act-2015-fact-sheets",
        "For the figures please see Crime in England and Wales, Office for National Statistics, 2016.",
        "State of Policing: The Annual Assessment of Policing in England and Wales, 2015.",
        "For more information, see the College of Policing's authorised professional practice on investigation.",
    ],
)
def test_references_are_citations(text: str) -> None:
    assert roles_of(text, footnote=True) == ["citation"]


def test_a_footnote_that_defines_is_a_definition_throughout() -> None:
    text = (
        "Channel panels are multi-agency panels that support people at risk of radicalisation. Members include "
        "the local authority and health services. Other agencies may attend, for example the Probation Service."
    )
    assert roles_of(text, footnote=True) == ["definition"] * 3


def test_a_sentence_that_says_what_something_is_is_a_definition() -> None:
    assert roles_of("A Domestic Violence Protection Order (DVPO) is a civil order that bans a suspect.") == [
        "definition"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Police forces share intelligence with HM Revenue and Customs and the Gangmasters Licensing Authority.",
        "All forces must refer suspected victims of modern slavery to the National Referral Mechanism.",
        "Most forces in England and Wales now have a multi-agency safeguarding hub.",
        "When a police force suspects that a child is at risk, it informs children's social care services.",
        "It is essential that forces work with Trading Standards to tackle doorstep crime.",
        "Despite national guidance, many forces still do not refer cases to the Crown Prosecution Service early.",
        "Regional organised crime units provide forces with capabilities such as undercover policing.",
        "All 43 police forces in England and Wales record crime in the same way as the Home Office counts it.",
        "A number of forces have set up Channel panels with their local authorities.",
        "HMIC expects forces to work with Youth Offending Teams to divert young people from crime.",
        "If knife crime is prevalent in a force, it is likely to make more use of Knife Crime Prevention Orders.",
    ],
)
def test_sentences_about_forces_in_general_are_explainers(text: str) -> None:
    assert roles_of(text) == ["explainer"]


def test_an_explainer_carries_on_through_its_paragraph_until_the_force_is_named() -> None:
    text = (
        "Police forces rely on partners to share information. This is often done through a hub run with "
        "social services. In Kent, the constabulary leads such a hub with the county council."
    )
    assert roles_of(text) == ["explainer", "explainer", "force"]


@pytest.mark.parametrize(
    "text",
    [
        "The constabulary works with other forces in the region to tackle county lines.",
        "Kent Police and Essex Police run a joint serious crime directorate.",
        "We found that the multi-agency safeguarding hub shares information quickly.",
        "There is a mature multi-agency safeguarding hub which brings together appropriate services.",
        "The forces in the alliance share a major crime unit.",
        "Both forces share a multi-agency safeguarding hub with the county council.",
        "Forces in the eastern region share a major crime unit.",
    ],
)
def test_prose_about_the_force_is_force(text: str) -> None:
    assert roles_of(text) == ["force"]


def test_a_list_goes_on_in_the_role_of_its_introduction(parse: Parse, seed_text: str) -> None:
    text = with_paragraph(with_force(seed_text, "Suffolk Constabulary"), 1, (
        "Police forces work with a range of partners to prevent crime, including: LIST"
    ))
    text = text.replace(
        "LIST", "\n\n\u2022 Victim Support; \n\n\u2022 Crimestoppers; and \n\n\u2022 the National Health Service.", 1
    )
    document = parse(text)
    roles = {e.id: {str(m.role) for m in e.mentions} for e in document.organisations}
    assert roles["victim-support"] == roles["crimestoppers"] == roles["nhs"] == {"explainer"}


def test_the_forces_own_acronym_names_it() -> None:
    reader = RoleReader("Greater Manchester", "HMIC inspected Greater Manchester Police (GMP) in 2016.")
    text = "Police forces rely on partners to share information. GMP shares it with Trading Standards."
    assert [str(role) for role in reader.roles(text, sentence_bounds(text), footnote=False)] == [
        "explainer", "force"
    ]


def test_a_paragraph_cut_by_a_page_break_keeps_the_role_it_had(parse: Parse, seed_text: str) -> None:
    # The bundled report's paragraph about OCG mapping across forces runs over a page and its footnotes.
    rocu = next(entity for entity in parse(seed_text).organisations if entity.id == "rocu")
    recommended = next(m for m in rocu.mentions if "HMIC has recommended that ROCUs" in m.quote)
    assert recommended.role == Role.EXPLAINER


def test_bundled_report_partners_are_those_it_says_the_force_works_with(seed: ReportDocument) -> None:
    found = partners(seed)
    assert not found & set(NOT_PARTNERS)
    assert set(PARTNERS) <= found


def test_mentions_that_make_no_partner_are_kept_with_their_roles(seed: ReportDocument) -> None:
    roles = {entity.id: {str(m.role) for m in entity.mentions} for entity in named(seed)}
    assert roles["hmrc"] == roles["dwp"] == roles["border-force"] == {"explainer"}
    assert roles["yjb"] == {"definition"}
    assert {"explainer", "citation"} <= roles["rocu"]
    assert {"source", "citation", "force"} <= roles["home-office"]
    home_office = next(entity for entity in seed.organisations if entity.id == "home-office")
    assert all(m.quote.startswith("Source:") for m in home_office.mentions if m.role == Role.SOURCE)


def test_another_forces_report_reads_the_same(parse: Parse, seed_text: str) -> None:
    text = with_force(seed_text, "Kent Police")
    text = with_paragraph(text, 3, (
        "Every force is expected to refer victims to Victim Support and to share information with the National "
        "Health Service. These arrangements are set out nationally."
    ))
    text = with_paragraph(text, 1, "Kent Police works closely with Trading Standards to protect older people.")
    document = parse(text)
    assert document.force.id == "kent"
    found = partners(document)
    assert not found & {*NOT_PARTNERS, "victim-support", "nhs"}
    assert {*PARTNERS, "trading-standards"} <= found
    assert {str(m.role) for e in document.organisations if e.id == "nhs" for m in e.mentions} == {"explainer"}


def test_a_general_paragraph_in_another_report_makes_no_partner(parse: Parse, seed_text: str) -> None:
    text = with_paragraph(with_force(seed_text, "Norfolk Constabulary"), 2, (
        "Police forces also work with the Gangmasters and Labour Abuse Authority (GLAA) and Trading Standards to "
        "disrupt organised crime. They share intelligence with Crimestoppers through regional hubs."
    ))
    document = parse(text)
    general = {e.id: {str(m.role) for m in e.mentions} for e in document.organisations}
    assert general["glaa"] == general["trading-standards"] == general["crimestoppers"] == {"explainer"}
    assert not {"glaa", "trading-standards", "crimestoppers"} & partners(document)


def test_parse_json_prints_each_mentions_role(seed_path: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "peelgraph"), "parse", "--json", str(seed_path)],
        capture_output=True, text=True, check=True,
    )
    printed = json.loads(result.stdout)
    hmrc = next(entity for entity in printed["organisations"] if entity["id"] == "hmrc")
    assert [mention["role"] for mention in hmrc["mentions"]] == ["explainer"]


def test_parse_summary_counts_partners(seed_path: Path, seed: ReportDocument) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "peelgraph"), "parse", str(seed_path)],
        capture_output=True, text=True, check=True,
    )
    organisations = [entity for entity in seed.organisations if entity.about_the_force]
    assert f"{len(seed.organisations)} organisations ({len(organisations)} partners)" in result.stdout
