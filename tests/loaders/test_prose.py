"""Paragraphs and sentences: the quick paths for common text give what the line-by-line rules give."""

from __future__ import annotations

import pytest

from peelgraph.loaders.pages import Line
from peelgraph.loaders.prose import Paragraph, paragraphs, sentence_bounds


def test_lines_join_into_paragraphs_at_blank_lines() -> None:
    lines = [Line(1, 1, "The constabulary works well"), Line(2, 1, "with partners."), Line(3, 1, ""), Line(4, 1, "A")]
    assert paragraphs(lines) == [
        Paragraph("The constabulary works well with partners.", 1, (0,), (1,)),
        Paragraph("A", 4, (0,), (1,)),
    ]


def test_hyphens_join_words_and_white_space_is_squashed() -> None:
    hyphens = [Line(1, 1, "It runs a multi-"), Line(2, 1, "agency hub - and more.")]
    assert paragraphs(hyphens) == [Paragraph("It runs a multi-agency hub - and more.", 1, (0,), (1,))]
    spaces = [Line(1, 1, "Victims are  supported.2  There"), Line(2, 1, "is more\tto do.")]
    assert paragraphs(spaces) == [Paragraph("Victims are supported.2 There is more to do.", 1, (0,), (1,))]


def test_a_paragraph_over_a_page_break_knows_both_pages() -> None:
    running = [Line(1, 1, "Officers told us that the"), Line(2, 2, "response was quick", True), Line(3, 2, "too.")]
    assert paragraphs(running) == [Paragraph("Officers told us that the response was quick too.", 1, (0, 26), (1, 2))]
    ended = [Line(1, 1, "It ended here."), Line(2, 2, "A new paragraph", True), Line(3, 2, "starts.")]
    assert [paragraph.text for paragraph in paragraphs(ended)] == ["It ended here.", "A new paragraph starts."]


def test_bullets_captions_sources_and_table_rows_stand_apart() -> None:
    lines = [
        Line(1, 1, "Areas:"),
        Line(2, 1, "\u2022 first area"),
        Line(3, 1, "continued"),
        Line(4, 1, "\u2022"),
        Line(5, 1, "\u2022 second"),
        Line(6, 1, "Figure 2: Crime rate"),
        Line(7, 1, "Burglary 4.1 5.2"),
        Line(8, 1, "Source: Home Office 2015"),
        Line(9, 1, "Text after."),
    ]
    assert [(paragraph.text, paragraph.line) for paragraph in paragraphs(lines)] == [
        ("Areas:", 1),
        ("first area continued", 2),
        ("second", 5),
        ("Figure 2: Crime rate", 6),
        ("Burglary 4.1 5.2", 7),
        ("Source: Home Office 2015", 8),
        ("Text after.", 9),
    ]


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("One. Two three. Four", [(0, 4), (5, 15), (16, 20)]),
        ("Is it? Yes! No.", [(0, 6), (7, 11), (12, 15)]),
        ("See e.g. Table 2 and (i.e. Box 3). Then Mr. Smith left. End", [(0, 34), (35, 55), (56, 59)]),
        ("Quoted.\u201d Next one. 3 things.", [(0, 8), (9, 18), (19, 28)]),
        ("Ends with a stop. ", [(0, 17)]),
        ("", []),
    ],
)
def test_sentences_end_at_stops_but_not_after_abbreviations(text: str, bounds: list[tuple[int, int]]) -> None:
    assert sentence_bounds(text) == bounds
