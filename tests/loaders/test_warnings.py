"""No silent loss: a structure read only loosely, or not at all, is a warning naming its line; strict, an error."""

from __future__ import annotations

import pytest

from peelgraph.loaders.errors import ParseError
from peelgraph.loaders.report import default_forces, default_gazetteer, parse_report
from tests.loaders.conftest import Parse
from tests.loaders.damage import all_damage


def line_of(text: str, wanted: str, occurrence: int = 1) -> int:
    return [number for number, line in enumerate(text.split("\n"), 1) if line.strip() == wanted][occurrence - 1]


def replace_line(text: str, number: int, new: str | None) -> str:
    lines = text.split("\n")
    lines[number - 1 : number] = [] if new is None else [new]
    return "\n".join(lines)


def strict_error(text: str) -> str:
    with pytest.raises(ParseError) as raised:
        parse_report(text, source="report.txt", forces=default_forces(), gazetteer=default_gazetteer(), strict=True)
    return str(raised.value)


@pytest.mark.parametrize("written", ["Areas for improvment", "Areas for improvement:", "AREAS FOR IMPROVEMENT."[:-1]])
def test_a_heading_read_loosely_is_read_and_warned_about(parse: Parse, seed_text: str, written: str) -> None:
    line = line_of(seed_text, "Areas for improvement", 2)
    document = parse(replace_line(seed_text, line, written))
    assert len(document.questions[1].areas_for_improvement) == 2
    if written.isupper():
        assert document.warnings == ()  # the exact heading in another case
        return
    assert [(w.line, w.message) for w in document.warnings] == [
        (line, f"expected the heading 'Areas for improvement', read {written!r} as it")
    ]
    assert strict_error(replace_line(seed_text, line, written)).startswith(f"report.txt:{line}: expected the heading")


def test_summary_of_findings_misspelt(parse: Parse, seed_text: str) -> None:
    line = line_of(seed_text, "Summary of findings", 2)
    document = parse(replace_line(seed_text, line, "Summary of fndings"))
    assert document.questions[1].grade == "Requires improvement"
    assert [w.line for w in document.warnings] == [line]


def test_an_areas_block_with_nothing_under_it_is_a_warning(parse: Parse, seed_text: str) -> None:
    heading = line_of(seed_text, "Areas for improvement", 3)
    lines = seed_text.split("\n")
    emptied = "\n".join(lines[:heading] + lines[heading + 4 :])  # the heading kept, its one area gone
    document = parse(emptied)
    assert document.questions[3].areas_for_improvement == ()
    assert [(w.line, w.message) for w in document.warnings] == [
        (heading, "expected areas for improvement under the heading of question 4, found none")
    ]
    assert strict_error(emptied) == (
        f"report.txt:{heading}: expected areas for improvement under the heading of question 4, found none"
    )


def test_a_section_without_its_grade_takes_the_grids_with_a_warning(parse: Parse, seed_text: str) -> None:
    grade = line_of(seed_text, "Requires improvement", 4)  # Q2's section grade
    document = parse(replace_line(seed_text, grade, ""))
    assert document.questions[1].grade == "Requires improvement"
    assert document.questions[1].summary.startswith("Cambridgeshire Constabulary\u2019s approach to investigating")
    [warning] = document.warnings
    assert warning.line > grade and "expected the grade of question 2 after 'Summary of findings'" in warning.message


def test_a_grid_without_its_grades_takes_the_sections_with_a_warning(parse: Parse, seed_text: str) -> None:
    text = replace_line(replace_line(seed_text, line_of(seed_text, "Good", 1), ""), line_of(seed_text, "Requires "
                        "improvement", 2), "")
    document = parse(text)
    assert [q.grade for q in document.questions[:2]] == ["Good", "Requires improvement"]
    [warning] = document.warnings
    assert warning.line == line_of(seed_text, "How effective is the force at", 1)
    assert warning.message.startswith("expected grades for questions 1 and 2 under the grid's titles, found 0")


def test_no_grade_in_the_grid_nor_the_section_is_an_error(parse: Parse, seed_text: str) -> None:
    text = replace_line(replace_line(seed_text, line_of(seed_text, "Good", 1), ""), line_of(seed_text, "Requires "
                        "improvement", 2), "")
    text = replace_line(text, line_of(text, "Good", 1), "")  # Q1's section grade too
    with pytest.raises(ParseError, match="expected a grade"):
        parse(text)


def test_a_wrapped_grade_is_read_whole(parse: Parse, seed_text: str) -> None:
    text = seed_text.replace("\nRequires improvement \n", "\nRequires \n\nimprovement \n")
    document = parse(text)
    assert document.overall.grade == "Requires improvement" and document.warnings == ()
    assert [q.grade for q in document.questions] == ["Good", "Requires improvement", "Requires improvement", "Good"]


def test_warnings_name_lines_of_the_original_text(parse: Parse, seed_text: str) -> None:
    """Through every kind of damage (which moves and adds lines), a warning names the line as given."""
    text = all_damage(seed_text)
    heading = [n for n, line in enumerate(text.split("\n"), 1) if line.strip().startswith("Areas")][1]
    document = parse(replace_line(text, heading, "Areas for improvment"))
    assert [w.line for w in document.warnings] == [heading]


@pytest.mark.parametrize(
    ("sentence", "previous"),
    [
        ("This is the same judgment as last year.", (2014, "Requires improvement")),
        ("This is a worse position than last year, when HMIC judged the constabulary as good.", (2014, "Good")),
        ("HMIC judged the constabulary as good in 2013.", None),
        ("In 2013 the constabulary was judged to be inadequate.", (2013, "Inadequate")),
    ],
)
def test_earlier_judgments_relative_to_the_report(
    parse: Parse, seed_text: str, sentence: str, previous: tuple[int, str] | None
) -> None:
    text = seed_text.replace(
        "This is a worse position than we found in our 2014 \ncrime inspection when HMIC judged the constabulary as "
        "good at investigating crime \nand managing offenders.",
        sentence,
    )
    assert sentence in text
    found = parse(text).questions[1].previous
    assert (found and (found.year, found.grade)) == previous


def test_grid_grades_side_by_side_on_one_line(parse: Parse, seed_text: str) -> None:
    text = seed_text.replace(
        "Good \n\n \nRequires improvement \n\nCambridgeshire Constabulary is good at",
        "Good          Requires improvement \n\nCambridgeshire Constabulary is good at",
        1,
    )
    assert text != seed_text
    document = parse(text)
    assert [q.grade for q in document.questions] == ["Good", "Requires improvement", "Requires improvement", "Good"]
    assert document.warnings == ()
