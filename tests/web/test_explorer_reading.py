"""The Explorer as a new reader sees it (issue 22): empty grades that say why, names beside grade badges,
distinct readable labels after expanding, a phone-sized window, search by name and through the reports' text,
and the smaller things a reader trips over. Each is checked in Chromium on the page as drawn."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ARTIFACTS
from tests.web.test_explorer import choose, node_centre, wait_ready

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}

FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
"""Wait for the canvas's next frames (labels are sized and culled in one after a zoom or a pan)."""

DRAWN_LABELS = """() => {
  const cy = window.peelgraphExplorer.cy;
  return cy.nodes(':visible').filter((node) => !node.hasClass('label-culled')).map((node) => ({
    id: node.id(),
    label: node.data('label'),
    px: parseFloat(node.style('font-size')) * cy.zoom(),
    box: node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true,
                                    includeOverlays: false, includeUnderlays: false }),
  }));
}"""


def shot(page: Page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=full_page)


def drawn_labels(page: Page) -> list[dict[str, Any]]:
    page.evaluate(FRAMES)
    labels: list[dict[str, Any]] = page.evaluate(DRAWN_LABELS)
    return labels


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]


def assert_labels_readable(page: Page) -> list[dict[str, Any]]:
    """Every label drawn is at least 11 px, inside the canvas, and overlaps no other label drawn."""
    labels = drawn_labels(page)
    width, height = page.evaluate("[window.peelgraphExplorer.cy.width(), window.peelgraphExplorer.cy.height()]")
    assert labels, "no label is drawn"
    for label in labels:
        assert label["px"] >= 10.95, f"{label['label']!r} is drawn at {label['px']:.1f} px"
        box = label["box"]
        assert box["x1"] >= -1 and box["y1"] >= -1 and box["x2"] <= width + 1 and box["y2"] <= height + 1, (
            f"{label['label']!r} is cut by the canvas edge: {box}"
        )
    for index, first in enumerate(labels):
        for second in labels[index + 1:]:
            assert not overlap(first["box"], second["box"]), f"{first['label']!r} overlaps {second['label']!r}"
    return labels


# 1. "Not in the data" and "not graded by the inspectorate" look different and say so.

def test_empty_grades_say_whether_the_data_lacks_them_or_the_inspectorate_gave_none(
    page: Page, explorer: str
) -> None:
    page.goto(f"{explorer}/#/compare/ersou?year=2016")
    wait_ready(page, "#/compare/ersou?year=2016")
    fifth = page.locator("#matrix tbody tr td.cell:last-child")
    expect(fifth).to_have_count(7)
    for index in range(7):
        expect(fifth.nth(index)).to_have_attribute("data-absent", "ungraded")
        expect(fifth.nth(index)).to_have_text(re.compile(r"Not graded in 2016"))
    missing = page.locator('#matrix td.cell[data-absent="missing"]')
    assert missing.count() > 0
    expect(missing.first).to_contain_text("Not in the data")
    looks = page.evaluate("""() => ['missing', 'ungraded'].map((kind) => {
        const style = getComputedStyle(document.querySelector(`#matrix td[data-absent="${kind}"]`));
        return [style.backgroundImage, style.borderStyle, style.borderColor].join(' ');
    })""")
    assert looks[0] != looks[1]
    legend = page.locator("#compare-legend")
    expect(legend).to_contain_text("Not in the data: the inspectorate graded it")
    expect(legend).to_contain_text("Not graded: the inspectorate asked this question")
    shot(page, "explorer-absent-grades", full_page=True)

    # A force with no report of that year in the graph: its row says so rather than "not graded".
    page.goto(f"{explorer}/#/compare?forces=cambridgeshire,durham&year=2014")
    wait_ready(page, "#/compare?forces=cambridgeshire,durham&year=2014")
    row = page.locator('#matrix tr[data-force="durham"]')
    expect(row.locator(".report-year")).to_have_text("None in the data")
    for cell in row.locator("td.cell").all():
        expect(cell).to_have_attribute("data-absent", "missing")
        expect(cell).to_contain_text("Not in the data")


# 2. Names stay readable beside the grade badges.

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_node_list_names_are_whole_beside_their_grade_badges(
    page: Page, explorer: str, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    graded = page.locator("#node-group-grade + ul .node-select:has(.grade-badge)")
    assert graded.count() >= 8
    names = graded.evaluate_all("""(buttons) => buttons.map((button) => {
        const name = button.querySelector('.node-name');
        return { text: name.textContent, width: name.getBoundingClientRect().width,
                 cut: name.scrollWidth > name.clientWidth + 1 || name.scrollHeight > name.clientHeight + 1 };
    })""")
    for name in names:
        assert not name["cut"] and name["width"] >= 60, name
    texts = [name["text"] for name in names]
    assert any("Effectiveness 2016" in text for text in texts) and any("Efficiency 2015" in text for text in texts)
    report = page.locator('#node-list .node-select[data-id="cambridgeshire-efficiency-2015"]')
    expect(report.locator(".node-name")).to_have_text(re.compile("Efficiency 2015"))
    expect(report.locator(".grade-badge")).to_contain_text("Good")
    report.scroll_into_view_if_needed()
    shot(page, f"explorer-node-list-{'phone' if viewport is PHONE else 'desktop'}")


# 3. Look-alike nodes after expanding: labels distinct, readable, not overlapping, not cut.

def test_expanded_forces_reports_are_told_apart_and_labels_stay_readable(page: Page, explorer: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    for force in ("durham", "bedfordshire"):
        page.evaluate("id => window.peelgraphExplorer.expand(id)", force)
        page.wait_for_function(f"window.peelgraphExplorer.cy.$id('{force}-effectiveness-2016').nonempty()")
        page.wait_for_function("document.body?.dataset.state === 'ready'")
    labels = page.evaluate("window.peelgraphExplorer.cy.nodes().map((node) => node.data('label'))")
    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)
    for force, short in (("durham", "Durham"), ("bedfordshire", "Bedfordshire"), ("cambridgeshire", "Cambridgeshire")):
        label = page.evaluate(f"window.peelgraphExplorer.cy.$id('{force}-effectiveness-2016').data('label')")
        assert label == f"{short} · Effectiveness 2016"
        item = page.locator(f'#node-list .node-select[data-id="{force}-effectiveness-2016"] .node-name')
        expect(item).to_have_text(label)
    drawn = assert_labels_readable(page)
    assert any(label["id"] == "cambridgeshire" for label in drawn)
    shot(page, "explorer-expanded-labels")

    # Zooming in makes room for labels left out at the fitted scale.
    page.evaluate("""() => { const cy = window.peelgraphExplorer.cy;
        cy.zoom({ level: cy.zoom() * 2.5, renderedPosition: cy.$id('cambridgeshire').renderedPosition() }); }""")
    closer = assert_labels_readable(page)
    assert {label["id"] for label in closer} - {label["id"] for label in drawn}, "zooming in drew no new label"

    # Any node's full name on hover, label drawn or not.
    page.locator("#fit-button").click()
    page.evaluate(FRAMES)
    centre = node_centre(page, "durham-effectiveness-2016")
    page.mouse.move(centre["x"], centre["y"])
    tip = page.locator(".graph-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Durham · Effectiveness 2016")


# 4. A phone-sized window.

def test_network_on_a_phone_is_full_width_readable_and_shows_evidence_when_chosen(page: Page, explorer: str) -> None:
    page.set_viewport_size(PHONE)
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    graph = page.locator("#graph-wrap").bounding_box()
    assert graph is not None and graph["width"] >= 0.9 * PHONE["width"]
    assert page.evaluate("window.peelgraphExplorer.cy.zoom()") >= 0.5
    assert_labels_readable(page)
    # The list of nodes is part of the page, not a box scrolling inside the scrolling page.
    sidebar = page.evaluate("""() => { const box = document.querySelector('.sidebar');
        const list = document.querySelector('#node-list');
        return { overflow: getComputedStyle(box).overflowY, height: box.clientHeight, list: list.scrollHeight }; }""")
    assert sidebar["overflow"] == "visible" and sidebar["height"] >= sidebar["list"], sidebar
    shot(page, "explorer-phone-network")

    # Tap a partner drawn in the window (the page fits the network at a readable scale, not all of it).
    partner = page.evaluate("""() => { const cy = window.peelgraphExplorer.cy;
        const inside = (node) => { const at = node.renderedPosition();
            return at.x > 30 && at.x < cy.width() - 30 && at.y > 30 && at.y < cy.height() - 30; };
        const node = cy.nodes('[kind = "organisation"]').filter(inside).first();
        return { id: node.id(), name: node.data('name') }; }""")
    centre = node_centre(page, partner["id"])
    page.mouse.click(centre["x"], centre["y"])
    page.wait_for_function("id => window.peelgraphExplorer.state.selectedId === id", arg=partner["id"])
    heading = page.locator("#evidence h2")
    expect(heading).to_have_text(partner["name"])
    expect(heading).to_be_in_viewport()
    shot(page, "explorer-phone-evidence")
    page.locator("#evidence").get_by_role("button", name="Back to the network").click()
    expect(page.locator("#graph")).to_be_in_viewport()


def test_grade_matrix_on_a_phone_keeps_the_force_column_and_says_it_scrolls(page: Page, explorer: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{explorer}/#/compare/ersou?year=2016")
    wait_ready(page, "#/compare/ersou?year=2016")
    cue = page.locator("#matrix-cue")
    expect(cue).to_be_visible()
    expect(cue).to_have_text(re.compile("Scroll sideways"))
    page.locator("#matrix").scroll_into_view_if_needed()
    shot(page, "explorer-phone-matrix")
    wrap = page.locator("#matrix").bounding_box()
    assert wrap is not None
    page.evaluate("document.querySelector('#matrix').scrollLeft = 10000")
    expect(cue).to_have_text(re.compile("Scroll back"))
    force = page.locator('#matrix tr[data-force="kent"] th').bounding_box()
    assert force is not None and abs(force["x"] - wrap["x"]) <= 8, (force, wrap)
    last = page.locator('#matrix tr[data-force="kent"] td.cell').last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= wrap["x"] + wrap["width"] + 1
    assert last["x"] >= force["x"] + force["width"] - 1, "the last question slides under the force column"
    shot(page, "explorer-phone-matrix-scrolled")


# 5. Search: the best match first, and the reports' text through the API's full-text search.

def test_search_ranks_exact_names_and_initials_first(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    search = page.get_by_role("combobox", name="Find a force, organisation or scheme")
    search.fill("nca")
    options = page.locator("#search-options [role=option]")
    # The first answer from the full-text search can wait for Neo4j to plan it (more on a busy machine).
    expect(options.first).to_contain_text("National Crime Agency", timeout=30_000)
    names = options.locator(".option-name").all_text_contents()
    assert any("Lancashire" in name for name in names[1:]), names
    search.fill("durham")
    expect(options.first).to_contain_text("Durham Constabulary")
    search.fill("ersou")
    expect(options.first).to_contain_text("Eastern Region Special Operations Unit")


def test_search_finds_areas_for_improvement_by_their_words_and_opens_them(page: Page, explorer: str) -> None:
    answer = httpx.post(f"{explorer}/graphql", json={
        "query": "{ search(text: \"digital\", first: 5) { kind text node { id } passage { id page } force { id } } }"
    }).json()["data"]["search"]
    area = next(hit for hit in answer if hit["kind"] == "AREA_FOR_IMPROVEMENT")

    page.goto(f"{explorer}/#/force/durham")
    wait_ready(page, "#/force/durham")
    search = page.get_by_role("combobox", name="Find a force, organisation or scheme")
    search.fill("digital")
    hits = page.locator('#search-options [role=option][data-kind="text"]')
    expect(hits).to_have_count(len([hit for hit in answer if hit["force"]]), timeout=30_000)
    expect(page.locator("#search-options .option-heading")).to_contain_text("In the reports\u2019 text")
    option = page.locator(f'#search-options [role=option][data-id="{area["node"]["id"]}"]')
    expect(option).to_contain_text("digital")
    expect(option).to_contain_text("Area for improvement")
    shot(page, "explorer-search-text")
    option.click()
    wait_ready(page, f"#/force/{area['force']['id']}")
    page.wait_for_function("id => window.peelgraphExplorer.state.selectedId === id", arg=area["node"]["id"])
    evidence = page.locator("#evidence")
    expect(evidence.locator("h2")).to_have_text("Area for improvement")
    expect(evidence.locator(".area-text")).to_have_text(area["text"])
    found = evidence.locator(".found .passage")
    expect(found).to_contain_text(f"Page {area['passage']['page']}")
    expect(found).to_contain_text("digital")
    shot(page, "explorer-search-opened")

    # The link holds the choice: reloading shows the same passage.
    page.reload()
    wait_ready(page, f"#/force/{area['force']['id']}")
    expect(page.locator("#evidence .found .passage")).to_contain_text(f"Page {area['passage']['page']}")


# 6. The smaller things.

def test_unknown_unit_and_pillar_are_said_plainly(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/compare/nowhere")
    page.wait_for_function("document.body?.dataset.state === 'error'")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("There is no regional unit “nowhere”")
    expect(page.locator("#compare-unit option:checked")).to_have_text("Unknown: nowhere")
    expect(page.locator("main")).not_to_contain_text("add some with the box above")
    expect(page.locator("#matrix tbody tr")).to_have_count(0)
    shot(page, "explorer-unknown-unit")

    page.goto(f"{explorer}/#/compare/ersou?pillar=bogus")
    page.wait_for_function("document.body?.dataset.state === 'error' && location.hash.includes('bogus')")
    expect(alert).to_contain_text("There is no pillar “bogus”")
    expect(alert).not_to_contain_text("refused")
    expect(page.locator("#compare-pillar option:checked")).to_have_text("Unknown: bogus")

    page.get_by_label("Pillar").select_option("effectiveness")
    wait_ready(page, "#/compare/ersou")
    expect(page.locator("#matrix tbody tr")).to_have_count(7)
    expect(page.locator("#alert")).to_be_empty()


def test_capital_e_expands_and_counts_follow_the_drawing(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    summary = page.locator("#network-summary")
    before = summary.text_content()
    page.locator('#node-list .node-select[data-id="hertfordshire"]').focus()
    page.keyboard.press("Shift+E")
    page.wait_for_function("window.peelgraphExplorer.cy.$id('hertfordshire-effectiveness-2016').nonempty()")
    page.wait_for_function("document.body?.dataset.state === 'ready'")
    nodes, edges = page.evaluate("[peelgraphExplorer.cy.nodes().length, peelgraphExplorer.cy.edges().length]")
    expect(summary).to_have_text(f"{nodes} nodes, {edges} relationships.")
    assert summary.text_content() != before

    page.goto(f"{explorer}/#/scheme/iom")
    wait_ready(page, "#/scheme/iom")
    expect(summary).to_have_text("2 nodes, 1 relationship.")


def test_loading_line_names_the_force_not_its_id(page: Page, explorer: str) -> None:
    page.add_init_script("""
        window.statusLines = [];
        document.addEventListener('DOMContentLoaded', () => {
            const line = document.querySelector('#status');
            new MutationObserver(() => window.statusLines.push(line.textContent))
                .observe(line, { childList: true, characterData: true, subtree: true });
        });
    """)
    page.goto(f"{explorer}/#/force/cambridgeshire")
    wait_ready(page, "#/force/cambridgeshire")
    choose(page, "Durham", "Durham Constabulary")
    wait_ready(page, "#/force/durham")
    lines: list[str] = page.evaluate("window.statusLines")
    assert "Loading the network of Durham Constabulary…" in lines, lines
    assert not [line for line in lines if re.search(r"\bforce (durham|cambridgeshire)\b", line)], lines


def test_removing_a_compared_force_keeps_the_keyboard_on_the_chips(page: Page, explorer: str) -> None:
    page.goto(f"{explorer}/#/compare?forces=cambridgeshire,durham,kent")
    wait_ready(page, "#/compare?forces=cambridgeshire,durham,kent")
    page.get_by_role("button", name="Remove Durham Constabulary").focus()
    page.keyboard.press("Enter")
    wait_ready(page, "#/compare?forces=cambridgeshire,kent")
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Remove Kent Police'")
    page.keyboard.press("Enter")
    wait_ready(page, "#/compare?forces=cambridgeshire")
    page.wait_for_function("document.activeElement.getAttribute('aria-label') === 'Remove Cambridgeshire Constabulary'")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body?.dataset.state === 'ready' && !location.hash.includes('cambridgeshire')")
    page.wait_for_function("document.activeElement.id === 'compare-add'")
    expect(page.locator("#matrix")).to_contain_text("No forces chosen yet: add one with the “Add a force” box above.")
