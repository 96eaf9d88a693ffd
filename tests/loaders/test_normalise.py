"""Characters made plain line for line, and words broken at line ends joined on the line they start on."""

from __future__ import annotations

import pytest

from peelgraph.loaders.normalise import characters, dehyphenate
from peelgraph.loaders.pages import Line, clean


@pytest.mark.parametrize(
    ("damaged", "plain"),
    [
        ("Summary of \ufb01ndings", "Summary of findings"),
        ("e\ufb00ective \ufb02ow \ufb03cer", "effective flow fficer"),
        ("Areas\u00a0for\u2009improvement\u202f", "Areas for improvement "),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("\uf0b7 The constabulary should", "\u2022 The constabulary should"),
        ("\u25aa a square bullet", "\u2022 a square bullet"),
        ("the \uf001rst", "the first"),
        ("non\u2011crime", "non-crime"),
        ("caf\u00e9 \u2018quoted\u2019 \u2013 kept", "caf\u00e9 \u2018quoted\u2019 \u2013 kept"),
    ],
)
def test_characters(damaged: str, plain: str) -> None:
    assert characters(damaged) == plain


def test_characters_keep_every_line_where_it_was() -> None:
    text = "a \ufb01rst line\u00a0\n\uf0b7 second\n\nfourth \u00ad\nline\u00ad s\u00adoft"
    assert characters(text).split("\n") == ["a first line ", "\u2022 second", "", "fourth -", "line soft"]


def lines(*texts: str) -> list[Line]:
    return [Line(number, 1, text) for number, text in enumerate(texts, 1)]


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("needs im-", "provement in its", "needs improvement in its"),
        ("the quality of super-", "vision is not", "the quality of supervision is not"),
        ("the con-", "stabulary was judged", "the constabulary was judged"),
        ("crime and anti-", "social behaviour", "crime and anti-social behaviour"),
        ("an out-of-", "court disposal", "an out-of-court disposal"),
        ("generally well-", "trained officers", "generally well-trained officers"),
        ("their decision-", "making is sound", "their decision-making is sound"),
        ("2014-", "15 figures", "2014-15 figures"),
        ("see www.example.org/police-", "effectiveness", "see www.example.org/police-effectiveness"),
    ],
)
def test_words_broken_at_line_ends(first: str, second: str, joined: str) -> None:
    others = "improvement supervision constabulary; social behaviour, trained staff, making, decision"
    result = dehyphenate(lines(first, second, "", others))
    kept = [line for line in result if line.text and line.text != others]
    body = " ".join(line.text for line in kept)
    assert body.replace("- ", "-").replace("-\n", "-") == joined


def test_a_word_not_found_elsewhere_is_joined_unless_both_parts_are_words() -> None:
    result = dehyphenate(lines("an ex-", "tensive range", "a range of words"))
    assert [line.text for line in result] == ["an extensive", "range", "a range of words"]
    result = dehyphenate(lines("a range-", "words list", "a range of words"))
    assert [line.text for line in result][:2] == ["a range-", "words list"]


def test_a_line_emptied_by_the_join_goes_and_line_numbers_stay() -> None:
    result = dehyphenate(lines("the im-", "provement.", "", "next paragraph on improvement"))
    assert [(line.number, line.text) for line in result] == [
        (1, "the improvement."),
        (3, ""),
        (4, "next paragraph on improvement"),
    ]


def test_a_break_across_a_footnote_block_is_joined() -> None:
    text = (
        " the constabulary needs im-\n"
        "                                        \n"
        "1 A footnote about improvement.\n"
        " provement in its investigations.\n"
    )
    body = dehyphenate(clean(text).lines, across_removed=True)
    assert [line.text for line in body if line.text] == ["the constabulary needs improvement", "in its investigations."]
    assert [line.page for line in body if line.text] == [1, 2]
