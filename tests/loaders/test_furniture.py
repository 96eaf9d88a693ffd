"""Running headers, footers and page numbers are found by their repetition at page edges, and only they."""

from __future__ import annotations

from peelgraph.loaders.pages import clean


def report(pages: list[list[str]]) -> str:
    """Pages joined by form feeds."""
    return "\f".join("\n".join(lines) + "\n" for lines in pages)


WORDS = ("crime", "victims", "officers", "partners", "neighbourhood", "supervision", "evidence", "offenders", "schools",
         "abuse", "fraud")


def body(page: int) -> list[str]:
    return [f"The {WORDS[page]} of this page", "", f"and its {WORDS[-page]}."]


def texts(text: str) -> list[tuple[int, str]]:
    return [(line.page, line.text) for line in clean(text).lines if line.text]


def test_headers_and_page_numbers_are_dropped_and_pages_kept() -> None:
    pages = [["PEEL: Police effectiveness 2015", *body(page), f"Page {page} of 6"] for page in range(1, 7)]
    assert texts(report(pages)) == [(page, text) for page in range(1, 7) for text in body(page) if text]


def test_alternating_headers_and_bare_numbers() -> None:
    pages = [
        ["Cambridgeshire Constabulary" if page % 2 else "PEEL: Police effectiveness 2015", *body(page), str(page)]
        for page in range(1, 9)
    ]
    assert texts(report(pages)) == [(page, text) for page in range(1, 9) for text in body(page) if text]


def test_a_header_that_makes_its_own_page_is_merged_into_the_next() -> None:
    text = "".join(f" Running header\n The {WORDS[page]}\nand {WORDS[-page]}\n{page}\n" for page in range(1, 6))
    expected = [(page, line) for page in range(1, 6) for line in (f"The {WORDS[page]}", f"and {WORDS[-page]}")]
    assert texts(text) == expected
    assert all(line.page_start for line in clean(text).lines if line.text.startswith("The "))


def test_lines_repeated_on_a_few_pages_stay() -> None:
    pages = [[("Summary of findings" if page < 4 else WORDS[page - 1].title()), *body(page)] for page in range(1, 11)]
    assert ("Summary of findings") in [text for _, text in texts(report(pages))]
    assert len(texts(report(pages))) == 30


def test_a_page_number_after_footnotes_is_not_part_of_the_last_footnote() -> None:
    pages = [
        [*body(page), "                              ", f"{page} A note on {WORDS[page]}.", str(page)]
        for page in range(1, 6)
    ]
    notes = clean(report(pages)).footnotes
    assert [note.text for note in notes] == [f"A note on {WORDS[page]}." for page in range(1, 6)]
