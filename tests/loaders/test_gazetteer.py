"""The curated gazetteer: its rows, and finding its entries in text."""

from __future__ import annotations

from pathlib import Path

import pytest

from peelgraph.loaders.errors import InputError
from peelgraph.loaders.gazetteer import PLACE, read_gazetteer
from peelgraph.loaders.prose import slug
from peelgraph.loaders.reference import REFERENCE_DIR
from peelgraph.loaders.report import default_forces, default_gazetteer


def test_every_regional_unit_of_the_forces_table_is_in_the_gazetteer() -> None:
    units = {force.rocu for force in default_forces() if force.rocu}
    entries = {entry.id: entry for entry in default_gazetteer().entries}
    assert units == {"ersou", "swrocu", "nwrocu", "nersou", "emsou", "tarian", "serocu", "yhrocu", "rocuwm"}
    for unit in units:
        assert entries[unit].kind == "regional-unit"
    assert entries["swrocu"].name == "South West Regional Organised Crime Unit"
    assert entries["rocuwm"].name == "Regional Organised Crime Unit for the West Midlands"
    assert entries["rocu"].acronym == "ROCU"


def test_ids_are_the_acronym_or_the_name() -> None:
    for entry in default_gazetteer().entries:
        expected = entry.acronym.lower() if entry.acronym else slug(entry.name.replace(PLACE, "place"))
        assert entry.id.replace(PLACE, "place") == expected, entry.id


def test_finds_longest_forms_plurals_and_exact_acronyms() -> None:
    gazetteer = default_gazetteer()
    found = [
        (item.id, item.name)
        for item in gazetteer.find(
            "The South West Regional Organised Crime Unit, two MARACs and the mash; multi-agency safeguarding hubs."
        )
    ]
    assert found == [
        ("swrocu", "South West Regional Organised Crime Unit"),
        ("marac", "Multi-agency risk assessment conference"),
        ("mash", "Multi-agency safeguarding hub"),
    ]


def test_place_entries_need_a_place() -> None:
    gazetteer = default_gazetteer()
    assert [item.id for item in gazetteer.find("the Stoke-on-Trent Safer Neighbourhood Partnership")] == [
        "stoke-on-trent-safer-neighbourhood-partnership"
    ]
    assert [item.id for item in gazetteer.find("a community safety partnership")] == ["csp"]


def test_a_bad_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.csv"
    rows = (REFERENCE_DIR / "gazetteer.csv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*rows[:3], "street-pastors,Street pastors,,charity,charities,", *rows[3:]]))
    with pytest.raises(InputError, match=r"gazetteer.csv:4: expected a category"):
        read_gazetteer(path)
    path.write_text("\n".join([*rows, rows[1]]))
    with pytest.raises(InputError, match=rf"gazetteer.csv:{len(rows) + 1}: expected a unique id"):
        read_gazetteer(path)
