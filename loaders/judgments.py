"""The graded judgments: the overall grade, the summary grid, and each question's section.

The summary pages print a grid per pair of questions (two titles, one after the other or interleaved
line by line, then the two grades, left column first); each question's own section repeats its grade
under "Summary of findings". The two must agree.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.document import (
    GRADES,
    AreaForImprovement,
    Evidence,
    OverallJudgment,
    PreviousJudgment,
    QuestionFinding,
)
from loaders.errors import ParseError
from loaders.pages import Line, join_lines
from loaders.prose import BULLETS, paragraphs, sentences, squash

QUESTION_NUMBERS = (1, 2, 3, 4)
QUESTION_TOPICS: dict[int, re.Pattern[str]] = {
    1: re.compile(r"preventing crime|anti-social behaviour", re.I),
    2: re.compile(r"investigating crime|managing offenders", re.I),
    3: re.compile(r"vulnerable|supporting victims", re.I),
    4: re.compile(r"serious and organised crime|national policing", re.I),
}
"""What each of the four canonical questions is about, as its title words it."""

_HEADING = re.compile(
    r"(?P<question>How effective is the force at\b)"
    r"|(?P<findings>Summary of findings\d*$)"
    r"|(?P<summary>Summary\d*$)"
    r"|(?P<areas>Areas? for improvement\d*$)"
    r"|(?P<overall>Overall judge?ment\d*$)"
    r"|(?P<annex>Annex\b)",
    re.I,
)
"""The headings the judgments hang on; a line's kind is the name of the group it matches."""
_HEADING_LINE = re.compile(f"\n(?=[hsao])(?:{_HEADING.pattern})", re.I | re.M)
"""`_HEADING` at the start of any line of the lines' texts joined by newlines (`$` ends a line); the
lookahead for the headings' first letters turns most lines away before the slower alternatives."""
_PREVIOUS = re.compile(
    r"\b((?:19|20)\d\d)\b[^.?!]{0,160}?\bjudged\s+(?:the\s+(?:constabulary|force)\s+|it\s+)?"
    r"(?:also\s+)?(?:as\s+|to\s+be\s+|to\s+)?(outstanding|good|inadequate|requir(?:es|e|ing)\s+improvement)\b",
    re.I,
)
"""A judgment of an earlier inspection: `in 2014 when the constabulary was also judged as good`."""
_GRADE_WORDS = {grade.lower(): grade for grade in GRADES}
_TITLE_LINES = 6
_GRID_LINES = 16


@dataclass(frozen=True, slots=True)
class Judgments:
    overall: OverallJudgment
    overall_line: int
    questions: tuple[QuestionFinding, ...]
    summaries: tuple[str, ...]
    """The overall judgment's text, then each question's summary, for reading names from."""


@dataclass(frozen=True, slots=True)
class _Graded:
    grade: str
    line: int


class _Headings:
    """Which lines are headings, and of what kind: the name of the `_HEADING` group the line matches."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.kinds = [""] * len(lines)
        """Each line's kind, "" for a line that is not a heading."""
        self.at: list[int] = []
        """The heading lines, in order."""
        # One regex pass over all the lines, each after a newline, is cheaper than a match per line.
        text = "\n" + "\n".join([line.text for line in lines])
        index, counted = -1, 0
        for heading in _HEADING_LINE.finditer(text):
            index += text.count("\n", counted, heading.start() + 1)
            counted = heading.start() + 1
            self.kinds[index] = heading.lastgroup or ""
            self.at.append(index)

    def next(self, start: int, end: int, wanted: tuple[str, ...]) -> int:
        """The first line from `start` (before `end`) that is a heading of one of the `wanted` kinds, else `end`."""
        for index in itertools.islice(self.at, bisect.bisect_left(self.at, start), None):
            if index >= end:
                break
            if self.kinds[index] in wanted:
                return index
        return end


def read_judgments(lines: Sequence[Line], source: str) -> Judgments:
    """Read the overall grade, the summary grid and the four question sections, checking they agree."""
    overall: OverallJudgment | None = None
    overall_line = 0
    grid: dict[int, _Graded] = {}
    sections: dict[int, tuple[QuestionFinding, int]] = {}
    headings = _Headings(lines)
    kinds = headings.kinds
    index = headings.next(0, len(lines), ("overall", "question"))
    while index < len(lines):
        if overall is None and kinds[index] == "overall":
            overall_line = lines[index].number
            overall, index = _overall(lines, headings, index, source)
        elif kinds[index] == "question":
            after_title = _title_end(lines, index)
            following = _next_text(lines, after_title)
            # A grid pairs two titles: one after the other, or interleaved line by line.
            if "question" in kinds[index + 1 : after_title] or (
                following < len(lines) and kinds[following] == "question"
            ):
                index = _grid(lines, index, grid, source)
            else:
                index = _section(lines, headings, index, after_title, sections, source)
        else:
            index += 1
        index = headings.next(index, len(lines), ("overall", "question"))
    if overall is None:
        raise ParseError(source, _first_line(lines), "expected an 'Overall judgment' heading followed by a grade")
    questions = tuple(_checked(number, grid, sections, lines, source) for number in QUESTION_NUMBERS)
    return Judgments(overall, overall_line, questions, (overall.summary, *(question.summary for question in questions)))


def parse_grade(line: Line, source: str) -> str:
    """The canonical grade a grade line names, or ParseError naming the line."""
    grade = _GRADE_WORDS.get(squash(line.text).lower())
    if grade is None:
        raise ParseError(
            source, line.number, f"expected a grade ({', '.join(reversed(GRADES))}), got {_snippet(line.text)}"
        )
    return grade


def question_number(title: str) -> int | None:
    """Which of the four questions a title asks, or None."""
    positions = _topic_positions(title)
    return positions[0][1] if positions else None


def _overall(lines: Sequence[Line], headings: _Headings, heading: int, source: str) -> tuple[OverallJudgment, int]:
    grade_index = _expect_text(lines, heading + 1, source, "expected the overall grade after 'Overall judgment'")
    grade = parse_grade(lines[grade_index], source)
    end = headings.next(grade_index + 1, len(lines), ("summary", "question"))
    summary, evidence = _summary(lines[grade_index + 1 : end], lines[grade_index], source)
    return OverallJudgment(grade, evidence, summary), end


def _grid(lines: Sequence[Line], start: int, grid: dict[int, _Graded], source: str) -> int:
    index, questions_asked, titles = start, 0, []
    while index < len(lines) and questions_asked < 2 and index - start < _GRID_LINES:
        titles.append(lines[index].text)
        questions_asked += int(lines[index].text.endswith("?"))
        index += 1
    topics = _topic_positions(" ".join(titles))
    if len(topics) != 2:
        raise ParseError(source, lines[start].number, "expected two question titles side by side in the grid")
    for _, number in topics:
        grade_index = _expect_text(lines, index, source, f"expected the grid grade for question {number}")
        if number in grid:
            raise ParseError(source, lines[grade_index].number, f"expected question {number} once in the grid")
        grid[number] = _Graded(parse_grade(lines[grade_index], source), lines[grade_index].number)
        index = grade_index + 1
    return index


def _section(
    lines: Sequence[Line],
    headings: _Headings,
    heading: int,
    after_title: int,
    sections: dict[int, tuple[QuestionFinding, int]],
    source: str,
) -> int:
    title = squash(join_lines([line.text for line in lines[heading:after_title]]))
    number = question_number(title)
    if number is None:
        raise ParseError(source, lines[heading].number, f"expected one of the four questions, got {_snippet(title)}")
    if number in sections:
        raise ParseError(source, lines[heading].number, f"expected one section for question {number}")
    end = headings.next(after_title, len(lines), ("question", "annex"))
    findings = headings.next(after_title, end, ("findings",))
    if findings == end:
        raise ParseError(
            source, lines[heading].number, f"expected 'Summary of findings' in the section for question {number}"
        )
    grade_index = _expect_text(lines, findings + 1, source, f"expected the grade of question {number}", end)
    grade = parse_grade(lines[grade_index], source)
    areas_at = headings.next(grade_index + 1, end, ("areas",))
    summary, evidence = _summary(lines[grade_index + 1 : areas_at], lines[grade_index], source)
    finding = QuestionFinding(
        number=number,
        title=title,
        grade=grade,
        summary=summary,
        previous=_previous(summary),
        evidence=evidence,
        areas_for_improvement=_areas([lines[i] for i in range(areas_at + 1, end) if headings.kinds[i] != "areas"]),
        pages=(lines[heading].page, lines[end - 1].page),
    )
    sections[number] = (finding, lines[grade_index].number)
    return end


def _summary(lines: Sequence[Line], after: Line, source: str) -> tuple[str, Evidence]:
    found = paragraphs(lines)
    if not found:
        raise ParseError(source, after.number, "expected a summary paragraph after the grade")
    first = next(sentences(found[0]))
    return " ".join(paragraph.text for paragraph in found), Evidence(first.page, first.text)


def _areas(lines: Sequence[Line]) -> tuple[AreaForImprovement, ...]:
    items: list[list[Line]] = []
    bulleted = any(line.text[:1] in BULLETS for line in lines if line.text)
    for line in lines:
        if not line.text:
            if not bulleted and items and items[-1]:
                items.append([])
            continue
        if line.text[0] in BULLETS or not items:
            items.append([])
        items[-1].append(line)
    areas = []
    for item in items:
        text = squash(join_lines([line.text.lstrip(BULLETS) for line in item]))
        if text:
            areas.append(AreaForImprovement(text, Evidence(item[0].page, text)))
    return tuple(areas)


def _previous(summary: str) -> PreviousJudgment | None:
    # The pattern needs the word `judged`; testing for it first saves a slow search of most summaries.
    match = _PREVIOUS.search(summary) if "judged" in summary.lower() else None
    if match is None:
        return None
    grade = match.group(2).lower()
    return PreviousJudgment(
        int(match.group(1)), _GRADE_WORDS["requires improvement" if "improvement" in grade else grade]
    )


def _checked(
    number: int,
    grid: dict[int, _Graded],
    sections: dict[int, tuple[QuestionFinding, int]],
    lines: Sequence[Line],
    source: str,
) -> QuestionFinding:
    if number not in sections:
        later = [line for n, (_, line) in sections.items() if n > number]
        where = min(later) if later else _last_line(lines)
        raise ParseError(source, where, f"expected a section for question {number} with a 'Summary of findings'")
    finding, grade_line = sections[number]
    if number not in grid:
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


def _snippet(text: str, limit: int = 60) -> str:
    text = squash(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
