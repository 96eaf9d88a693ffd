"""Areas for improvement read the same whatever marks their items, or with no marks at all."""

from __future__ import annotations

import itertools
import re

import pytest

from peelgraph.loaders.document import ReportDocument
from tests.loaders.conftest import Parse


def numbered(text: str) -> str:
    counter = itertools.count(1)
    return re.sub("\u2022 ", lambda _: f"({next(counter)}) ", text)


@pytest.mark.parametrize(
    "mark",
    [
        lambda text: text.replace("\u2022 ", ""),
        lambda text: text.replace("\u2022 ", "- "),
        lambda text: text.replace("\u2022 ", "o "),
        lambda text: text.replace("\u2022 ", "\uf0a7\t"),
        lambda text: text.replace("\u2022 ", "\u25aa"),
        numbered,
    ],
    ids=["none", "dash", "word-o", "wingdings-tab", "square", "numbered"],
)
def test_items_however_marked(parse: Parse, seed: ReportDocument, seed_text: str, mark: object) -> None:
    assert callable(mark)
    document = parse(mark(seed_text))
    assert [q.areas_for_improvement for q in document.questions] == [q.areas_for_improvement for q in seed.questions]
    assert document.warnings == ()


def test_a_contents_page_without_page_numbers_is_front_matter(parse: Parse, seed: ReportDocument,
                                                              seed_text: str) -> None:
    contents = (
        " Contents \n\nOverview \u2013 How effective is the force at keeping people safe and reducing crime? \n\n"
        "How effective is the force at preventing crime and anti-social behaviour, and keeping people safe? \n\n"
        "Summary of findings \n\nAreas for improvement \n\n"
    )
    document = parse(contents + seed_text)
    assert [q.grade for q in document.questions] == [q.grade for q in seed.questions]
    assert document.overall.evidence.page == seed.overall.evidence.page + 1


@pytest.mark.parametrize(
    ("sentence", "previous"),
    [
        ("HMIC made a similar judgment last year.", (2014, "Requires improvement")),
        ("Last year the constabulary was graded as requiring improvement.", (2014, "Requires improvement")),
        ("In the previous year HMIC assessed the force as outstanding.", (2014, "Outstanding")),
    ],
)
def test_more_ways_of_stating_an_earlier_judgment(
    parse: Parse, seed_text: str, sentence: str, previous: tuple[int, str]
) -> None:
    text = seed_text.replace("This is a worse position than we found in our 2014 \ncrime inspection when HMIC judged",
                             f"{sentence} Then", 1)
    found = parse(text).questions[1].previous
    assert found is not None and (found.year, found.grade) == previous
