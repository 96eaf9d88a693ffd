"""The grade matrix in a real browser says where each grade came from: ERSOU's 2015 effectiveness grades,
the ones read from summary wording marked, and the source of a grade on click."""

from __future__ import annotations

import csv
import re

import pytest
from playwright.sync_api import Page, expect

from peelgraph.loaders.reference import REFERENCE_DIR
from tests.conftest import ARTIFACTS
from tests.web.test_explorer import wait_ready

pytestmark = pytest.mark.browser

LABELS = {"Good": "Good", "Requires improvement": "Requires improvement", "Inadequate": "Inadequate",
          "Outstanding": "Outstanding"}


def _ersou_2015() -> dict[tuple[str, int], dict[str, str]]:
    with (REFERENCE_DIR / "forces.csv").open(encoding="utf-8") as source:
        members = {row["police_uk_id"] for row in csv.DictReader(source) if row["rocu_2018_on"] == "ERSOU"}
    with (REFERENCE_DIR / "question-grades.csv").open(encoding="utf-8") as source:
        return {(row["force_id"], int(row["question"])): row for row in csv.DictReader(source)
                if row["force_id"] in members and row["year"] == "2015" and row["pillar"] == "effectiveness"}


def test_ersou_2015_matrix_shows_the_real_grades_and_marks_summary_ones(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/compare/ersou?year=2015")
    wait_ready(page, "#/compare/ersou?year=2015")
    expect(page.locator("#matrix tbody tr")).to_have_count(7)
    table = _ersou_2015()
    for (force, number), row in table.items():
        cell = page.locator(f'#matrix tr[data-force="{force}"] td.cell').nth(number)
        expect(cell).to_contain_text(LABELS[row["grade"]])
        if force == "cambridgeshire":
            expect(cell).to_have_attribute("data-source", "report")
            expect(cell.locator(".basis-marker")).to_have_count(0)
        elif row["basis"] == "summary":
            expect(cell).to_have_attribute("data-basis", "SUMMARY")
            expect(cell.locator(".basis-marker")).to_have_count(1)
        else:
            expect(cell.locator(".basis-marker")).to_have_count(0)
    assert page.locator("#matrix .basis-marker").count() == sum(
        1 for (force, _), row in table.items() if row["basis"] == "summary" and force != "cambridgeshire"
    )
    expect(page.locator("#compare-legend")).to_contain_text("summary wording")

    (force, number), row = next(item for item in sorted(table.items())
                                if item[1]["basis"] == "summary" and item[0][0] != "cambridgeshire")
    page.locator(f'#matrix tr[data-force="{force}"] td.cell').nth(number).get_by_role("button").click()
    source = page.locator("#compare-evidence .grade-source")
    expect(source).to_contain_text("summary wording")
    expect(source.get_by_role("link")).to_have_attribute("href", row["source_url"])

    page.locator('#matrix tr[data-force="cambridgeshire"] td.cell').nth(2).get_by_role("button").click()
    report_source = page.locator("#compare-evidence .grade-source")
    expect(report_source).to_contain_text(re.compile(r"read from the report.*page \d+"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(f'#matrix tr[data-force="{force}"] td.cell').nth(number).get_by_role("button").click()
    page.screenshot(path=ARTIFACTS / "explorer-grade-sources.png", full_page=True)


def test_a_judgment_in_a_force_network_says_where_its_grade_came_from(page: Page, explorer: str) -> None:
    (force, number), row = next(item for item in sorted(_ersou_2015().items())
                                if item[1]["basis"] == "summary" and item[0][0] != "cambridgeshire")
    page.goto(f"{explorer}/#/force/{force}")
    wait_ready(page, f"#/force/{force}")
    page.locator(f'#node-list .node-select[data-id="{force}-effectiveness-2015/q{number}"]').click()
    source = page.locator("#evidence .grade-source")
    expect(source).to_contain_text("summary wording")
    expect(source.get_by_role("link")).to_have_attribute("href", row["source_url"])
