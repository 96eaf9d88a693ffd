"""The graded judgments: the overall grade, the summary grid, and each question's section.

The summary pages print a grid per pair of questions (two titles, one after the other or interleaved
line by line, then the two grades, left column first); each question's own section repeats its grade
under "Summary of findings". The two must agree. Where one of the two has no grade at all, the other's
stands and the document carries a warning naming the line; where both lack it, the parse fails.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from peelgraph.loaders.areas import read_areas
from peelgraph.loaders.document import (
    Evidence,
    OverallJudgment,
    ParseWarning,
    QuestionFinding,
)
from peelgraph.loaders.errors import ParseError
from peelgraph.loaders.grades import grade_of, grade_pair, read_grade, snippet, wrapped_grade
from peelgraph.loaders.headings import Headings
from peelgraph.loaders.pages import Line, join_lines
from peelgraph.loaders.previous import previous_judgment
from peelgraph.loaders.prose import paragraphs, sentences, squash

QUESTION_NUMBERS: Final = (1, 2, 3, 4)
QUESTION_TOPICS: Final[dict[int, re.Pattern[str]]] = {
    1: re.compile(r"preventing crime|anti-social behaviour", re.I),
    2: re.compile(r"investigating crime|managing offenders", re.I),
    3: re.compile(r"vulnerable|supporting victims", re.I),
    4: re.compile(r"serious and organised crime|national policing", re.I),
}
"""What each of the four canonical questions is about, as its title words it."""

_TITLE_LINES: Final = 6
_GRID_LINES: Final = 16
_GRADE_WORDS_MAX: Final = 3


@dataclass(frozen=True, slots=True)
class Judgments:
    overall: OverallJudgment
    overall_line: int
    questions: tuple[QuestionFinding, ...]
    summaries: tuple[str, ...]
    """The overall judgment's text, then each question's summary, for reading names from."""
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class _Graded:
    grade: str
    line: int


@dataclass
class _Reading:
    """What has been read so far, and what could not be read exactly."""

    lines: Sequence[Line]
    headings: Headings
    source: str
    year: int
    grid: dict[int, _Graded] = dataclasses.field(default_factory=dict)
    ungraded_grid: set[int] = dataclasses.field(default_factory=set)
    """Questions whose grid titles had no grades under them (warned about): their sections' grades stand."""
    sections: dict[int, tuple[QuestionFinding, int]] = dataclasses.field(default_factory=dict)
    warnings: list[ParseWarning] = dataclasses.field(default_factory=list)


def read_judgments(lines: Sequence[Line], source: str, year: int) -> Judgments:
    """Read the overall grade, the summary grid and the four question sections, checking they agree.

    `year` is the report's, for earlier judgments stated relative to it (`last year`).
    """
    headings = Headings(lines)
    reading = _Reading(lines, headings, source, year, warnings=list(headings.warnings))
    overall: OverallJudgment | None = None
    overall_line = 0
    kinds = headings.kinds
    index = headings.next(0, len(lines), ("overall", "question"))
    while index < len(lines):
        if overall is None and kinds[index] == "overall":
            overall_line = lines[index].number
            overall, index = _overall(reading, index)
        elif kinds[index] == "question":
            after_title = _title_end(lines, index)
            following = _next_text(lines, after_title)
            # A grid pairs two titles: one after the other, or interleaved line by line.
            if "question" in kinds[index + 1 : after_title] or (
                following < len(lines) and kinds[following] == "question"
            ):
                index = _grid(reading, index)
            else:
                index = _section(reading, index, after_title)
        else:
            index += 1
        index = headings.next(index, len(lines), ("overall", "question"))
    if overall is None:
        raise ParseError(source, _first_line(lines), "expected an 'Overall judgment' heading followed by a grade")
    questions = tuple(_checked(reading, number) for number in QUESTION_NUMBERS)
    return Judgments(
        overall,
        overall_line,
        questions,
        (overall.summary, *(question.summary for question in questions)),
        tuple(sorted(reading.warnings, key=lambda warning: warning.line)),
    )


def question_number(title: str) -> int | None:
    """Which of the four questions a title asks, or None."""
    positions = _topic_positions(title)
    return positions[0][1] if positions else None


def _overall(reading: _Reading, heading: int) -> tuple[OverallJudgment, int]:
    lines = reading.lines
    expected = "expected the overall grade after 'Overall judgment'"
    grade_index = _expect_text(lines, heading + 1, reading.source, expected)
    grade, grade_end = read_grade(lines, grade_index, reading.source)
    end = reading.headings.next(grade_end + 1, len(lines), ("summary", "question"))
    summary, evidence = _summary(lines[grade_end + 1 : end], lines[grade_index], reading.source)
    return OverallJudgment(grade, evidence, summary), end


def _grid(reading: _Reading, start: int) -> int:
    lines, source = reading.lines, reading.source
    index, questions_asked, titles = start, 0, []
    while index < len(lines) and questions_asked < 2 and index - start < _GRID_LINES:
        titles.append(lines[index].text)
        questions_asked += int(lines[index].text.endswith("?"))
        index += 1
    topics = [number for _, number in _topic_positions(" ".join(titles))]
    if len(topics) != 2:
        raise ParseError(source, lines[start].number, "expected two question titles side by side in the grid")
    grades: list[_Graded] = []
    while len(grades) < len(topics):
        grade_index = _expect_text(lines, index, source, f"expected the grid grade for question {topics[len(grades)]}")
        pair = grade_pair(lines[grade_index].text) if not grades else None
        if pair is not None:  # the two columns' grades side by side on one line
            grades += [_Graded(grade, lines[grade_index].number) for grade in pair]
            index = grade_index + 1
            continue
        grade = _grade_at(lines, grade_index)
        if grade is None:
            if _looks_like_a_grade(lines[grade_index]):
                read_grade(lines, grade_index, source)  # raises: expected a grade, got ...
            break
        grades.append(_Graded(grade[0], lines[grade_index].number))
        index = grade[1] + 1
    if len(grades) < len(topics):
        reading.ungraded_grid.update(topics)
        reading.warnings.append(ParseWarning(
            lines[start].number,
            f"expected grades for questions {topics[0]} and {topics[1]} under the grid's titles, found "
            f"{len(grades)}; the grades of their sections are taken",
        ))
        return index
    for number, graded in zip(topics, grades, strict=True):
        if number in reading.grid:
            raise ParseError(source, graded.line, f"expected question {number} once in the grid")
        reading.grid[number] = graded
    return index


def _grade_at(lines: Sequence[Line], index: int) -> tuple[str, int] | None:
    grade = grade_of(lines[index].text)
    return (grade, index) if grade is not None else wrapped_grade(lines, index)


def _section(reading: _Reading, heading: int, after_title: int) -> int:
    lines, headings, source = reading.lines, reading.headings, reading.source
    title = squash(join_lines([line.text for line in lines[heading:after_title]]))
    number = question_number(title)
    if number is None:
        raise ParseError(source, lines[heading].number, f"expected one of the four questions, got {snippet(title)}")
    if number in reading.sections:
        raise ParseError(source, lines[heading].number, f"expected one section for question {number}")
    end = headings.next(after_title, len(lines), ("question", "annex"))
    findings = headings.next(after_title, end, ("findings",))
    if findings == end:
        raise ParseError(
            source, lines[heading].number, f"expected 'Summary of findings' in the section for question {number}"
        )
    grade_index = _expect_text(lines, findings + 1, source, f"expected the grade of question {number}", end)
    grade, grade_end = _section_grade(reading, number, grade_index)
    areas_at = headings.next(grade_end + 1, end, ("areas",))
    summary, evidence = _summary(lines[grade_end + 1 : areas_at], lines[grade_index], source)
    areas = read_areas([lines[i] for i in range(areas_at + 1, end) if headings.kinds[i] != "areas"])
    if areas_at < end and not areas:
        reading.warnings.append(ParseWarning(
            lines[areas_at].number,
            f"expected areas for improvement under the heading of question {number}, found none",
        ))
    finding = QuestionFinding(
        number=number,
        title=title,
        grade=grade,
        summary=summary,
        previous=previous_judgment(summary, grade, reading.year),
        evidence=evidence,
        areas_for_improvement=areas,
        pages=(lines[heading].page, lines[end - 1].page),
    )
    reading.sections[number] = (finding, lines[grade_index].number)
    return end


def _section_grade(reading: _Reading, number: int, index: int) -> tuple[str, int]:
    """The grade under 'Summary of findings' and its last line; with none there, the grid's (warned about)."""
    found = _grade_at(reading.lines, index)
    if found is not None:
        return found
    line = reading.lines[index]
    if number not in reading.grid or _looks_like_a_grade(line):
        read_grade(reading.lines, index, reading.source)  # raises: expected a grade, got ...
    reading.warnings.append(ParseWarning(
        line.number,
        f"expected the grade of question {number} after 'Summary of findings', got {snippet(line.text)}; "
        "the summary grid's grade is taken",
    ))
    return reading.grid[number].grade, index - 1


def _looks_like_a_grade(line: Line) -> bool:
    """A short line where a grade should be is a grade misspelt, not a box left without one."""
    return len(line.text.split()) <= _GRADE_WORDS_MAX


def _summary(lines: Sequence[Line], after: Line, source: str) -> tuple[str, Evidence]:
    found = paragraphs(lines)
    if not found:
        raise ParseError(source, after.number, "expected a summary paragraph after the grade")
    first = next(sentences(found[0]))
    return " ".join(paragraph.text for paragraph in found), Evidence(first.page, first.text)


def _checked(reading: _Reading, number: int) -> QuestionFinding:
    sections, grid, source = reading.sections, reading.grid, reading.source
    if number not in sections:
        later = [line for n, (_, line) in sections.items() if n > number]
        where = min(later) if later else _last_line(reading.lines)
        raise ParseError(source, where, f"expected a section for question {number} with a 'Summary of findings'")
    finding, grade_line = sections[number]
    if number not in grid:
        if number in reading.ungraded_grid:
            return finding
        raise ParseError(source, grade_line, f"expected question {number} in the summary grid as well")
    if grid[number].grade != finding.grade:
        raise ParseError(
            source,
            grade_line,
            f"expected question {number}'s grade to agree with the summary grid "
            f"({grid[number].grade!r} at line {grid[number].line}), got {finding.grade!r}",
        )
    return finding


def _topic_positions(text: str) -> list[tuple[int, int]]:
    text = squash(text)
    found = []
    for number, topic in QUESTION_TOPICS.items():
        match = topic.search(text)
        if match:
            found.append((match.start(), number))
    found.sort()
    return found


def _title_end(lines: Sequence[Line], start: int) -> int:
    for index in range(start, min(start + _TITLE_LINES, len(lines))):
        if not lines[index].text:
            return index
        if lines[index].text.endswith("?"):
            return index + 1
    return start + 1


def _next_text(lines: Sequence[Line], index: int) -> int:
    while index < len(lines) and not lines[index].text:
        index += 1
    return index


def _expect_text(lines: Sequence[Line], index: int, source: str, expected: str, end: int | None = None) -> int:
    found = _next_text(lines, index)
    if found >= (len(lines) if end is None else end):
        raise ParseError(source, lines[index - 1].number if 0 < index <= len(lines) else _last_line(lines), expected)
    return found


def _first_line(lines: Sequence[Line]) -> int:
    return lines[0].number if lines else 1


def _last_line(lines: Sequence[Line]) -> int:
    return lines[-1].number if lines else 1
