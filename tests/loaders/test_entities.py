"""Organisations, schemes, initiatives and threats: from the gazetteer, the forces table and the text."""

from __future__ import annotations

from bench.variants import with_paragraph
from peelgraph.loaders.document import Entity, ReportDocument
from peelgraph.loaders.prose import slug
from tests.loaders.conftest import Parse


def by_id(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {entity.id: entity for entity in entities}


def test_ersou_with_every_mention(seed: ReportDocument) -> None:
    ersou = by_id(seed.organisations)["ersou"]
    assert ersou.name == "Eastern Region Special Operations Unit"
    assert (ersou.acronym, ersou.kind) == ("ERSOU", "regional-unit")
    assert sorted({mention.page for mention in ersou.mentions}) == [2, 4, 20, 31, 32, 33, 34, 35]
    quotes = [mention.quote for mention in ersou.mentions]
    assert (
        "The Eastern Region Special Operations Unit (ERSOU), a regional unit made up of officers from all forces "
        "across the region provides additional support for serious and organised crime." in quotes
    )
    assert "ERSOU has a good understanding of national and regional threats" in " ".join(quotes)


def test_partners(seed: ReportDocument) -> None:
    organisations = by_id(seed.organisations)
    for expected in (
        "ersou",
        "mcu",
        "rocu",
        "nca",
        "college-of-policing",
        "home-office",
        "cps",
        "marac",
        "mappa",
        "mash",
        "bedfordshire",
        "hertfordshire",
        "durham",
        "probation-service",
        "hmps",
        "yjb",
        "hmrc",
        "dwp",
        "immigration-enforcement",
        "border-force",
        "peterborough-safer-neighbourhood-partnership",
        "jps",
    ):
        assert expected in organisations, expected
    assert organisations["peterborough-safer-neighbourhood-partnership"].name == (
        "Peterborough Safer Neighbourhood Partnership"
    )
    assert organisations["marac"].mentions[0].quote.startswith("There are plans to include violent offenders")
    assert organisations["bedfordshire"].kind == "force"
    assert organisations["bedfordshire"].name == "Bedfordshire Police"


def test_forces_listed_by_county_name(seed: ReportDocument) -> None:
    bedfordshire = by_id(seed.organisations)["bedfordshire"]
    assert any("collaborated forces (Bedfordshire" in mention.quote for mention in bedfordshire.mentions)


def test_forces_named_only_in_footnotes_are_not_partners(seed: ReportDocument) -> None:
    # Footnotes 14 to 16 name forces only to explain a chart's data.
    forces = {entity.id for entity in seed.organisations if entity.kind == "force"}
    assert forces == {"bedfordshire", "hertfordshire", "durham"}


def test_own_force_is_not_its_own_partner(seed: ReportDocument) -> None:
    assert "cambridgeshire" not in by_id(seed.organisations)


def test_schemes_initiatives_threats(seed: ReportDocument) -> None:
    assert set(by_id(seed.schemes)) >= {
        "iom",
        "sopo",
        "shpo",
        "scpo",
        "violent-offender-order",
        "restorative-justice",
        "community-resolution",
        "voluntary-attendance",
        "cannabis-khat-warning",
        "pnd",
    }
    assert set(by_id(seed.initiatives)) >= {
        "meam",
        "care-venue",
        "safer-schools-programme",
        "victims-hub",
        "tsj",
        "foreign-national-offender-initiative",
        "multi-agency-disruption-panels",
        "evidence-based-policing",
    }
    assert set(by_id(seed.threats)) == {"serious-and-organised-crime", "terrorism", "cyber-crime", "child-sexual-abuse"}
    meam = by_id(seed.initiatives)["meam"]
    assert (meam.name, meam.acronym, meam.mentions[0].page) == ("Making every adult matter", "MEAM", 16)


def test_plurals_count_as_mentions(seed: ReportDocument) -> None:
    mappa = by_id(seed.organisations)["mappa"]
    assert any("MAPPAs are used effectively" in mention.quote for mention in mappa.mentions)


def test_ids_follow_the_acronym_or_name(seed: ReportDocument) -> None:
    for entity in (*seed.organisations, *seed.schemes, *seed.initiatives, *seed.threats):
        if entity.kind != "force":
            assert entity.id == (entity.acronym.lower() if entity.acronym else slug(entity.name))
        assert entity.mentions, entity.id


def test_a_partner_defined_in_the_text_is_found(parse: Parse, seed_text: str) -> None:
    text = with_paragraph(
        seed_text,
        4,
        "The constabulary shares intelligence with the Eastern Region Cyber Crime Unit (ERCCU), and the ERCCU "
        "supports its investigations. It has also begun to use Knife Crime Prevention Orders (KCPOs).",
    )
    document = parse(text)
    erccu = by_id(document.organisations)["erccu"]
    assert (erccu.name, erccu.acronym, erccu.kind) == ("Eastern Region Cyber Crime Unit", "ERCCU", "regional-unit")
    kcpo = by_id(document.schemes)["kcpo"]
    assert (kcpo.name, kcpo.kind) == ("Knife Crime Prevention Order", "court-order")


def test_an_unknown_proper_name_is_an_organisation_of_kind_other(parse: Parse, seed_text: str) -> None:
    text = with_paragraph(seed_text, 1, "It works closely with Fenland Street Pastors (FSP) at weekends.")
    street_pastors = by_id(parse(text).organisations)["fsp"]
    assert (street_pastors.name, street_pastors.kind) == ("Fenland Street Pastors", "other")


def test_a_place_partnership_is_found_by_pattern(parse: Parse, seed_text: str) -> None:
    text = with_paragraph(
        seed_text, 1, "The Huntingdonshire Community Safety Partnership funds two problem-solving officers."
    )
    organisations = by_id(parse(text).organisations)
    partnership = organisations["huntingdonshire-community-safety-partnership"]
    assert partnership.name == "Huntingdonshire Community Safety Partnership"
    assert partnership.kind == "local-partnership"


def test_a_partner_defined_in_a_footnote_is_found(parse: Parse, seed_text: str) -> None:
    new_page = (
        " The constabulary refers cyber-dependent crime to the ERCCU.30 \n\n"
        "                                            \n"
        "30 ERCCU brings together cyber crime specialists from the forces of the region. \n"
    )
    text = seed_text.replace(
        " Summary of findings \n\n \nGood  \n\n \nCambridgeshire Constabulary is good at identifying",
        new_page + " Summary of findings \n\n \nGood  \n\n \nCambridgeshire Constabulary is good at identifying",
    )
    assert text != seed_text
    document = parse(text)
    erccu = by_id(document.organisations)["erccu"]
    assert (erccu.name, erccu.acronym, erccu.kind) == ("ERCCU", "ERCCU", "other")
    assert erccu.mentions[0].quote == "The constabulary refers cyber-dependent crime to the ERCCU."
    assert any(term.term == "ERCCU" for term in document.glossary)
