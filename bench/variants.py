"""Altered copies of a report's text in its real layout: another force, year, grades, figures, areas.

The tests and the benchmark corpus build their reports here, from the bundled report, so both exercise
the parser on the same kinds of change. What to replace (the force's name, the grade lines, the
figures) is found in the text itself, never written down here.
"""

from __future__ import annotations

import itertools
import random
import re
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from peelgraph.loaders.document import GRADES, ReportDocument
from peelgraph.loaders.forces import short_name
from peelgraph.loaders.judgments import question_number
from peelgraph.loaders.prose import BULLETS, is_table_row
from peelgraph.loaders.reference import ForceRow
from peelgraph.loaders.report import default_forces, default_gazetteer, parse_report

WIDTH = 84
"""Roughly the line length of the extracted text."""
AREA_POOL = (
    "The constabulary should ensure that all neighbourhood officers receive training in the anti-social "
    "behaviour powers introduced in 2014, and understand when and how to use them.",
    "The constabulary should improve how it records and reviews the use of community resolutions, so that "
    "it can be confident they are used appropriately and take account of the views of victims.",
    "The constabulary should ensure that victims are kept informed of the progress of their investigations, "
    "in line with the Code of Practice for Victims of Crime.",
    "The constabulary should ensure that initial investigations are well-planned and well-supervised, and "
    "that opportunities to gather evidence at the scene are not missed.",
    "The constabulary should improve its management of outstanding suspects and of people wanted for "
    "arrest, so that they are located and arrested quickly.",
    "The constabulary should ensure that frontline staff know which registered sex offenders live in the "
    "areas they police, and understand the risks they pose.",
    "The constabulary should improve its response to domestic abuse, ensuring that officers take positive "
    "action and gather the best evidence, including from body-worn video cameras.",
    "The constabulary should work with partner organisations to develop a multi-agency approach to "
    "preventing people from being drawn into serious and organised crime.",
    "The constabulary should make better use of ancillary orders, such as serious crime prevention orders, "
    "to manage the risk posed by members of organised crime groups.",
    "The constabulary should evaluate its problem-solving activity and share what works across all of its "
    "neighbourhood teams. It should record the results in a way that staff can easily search.",
)
"""Areas for improvement in the reports' own style, for synthetic reports."""

_GRADE_WORDS = {grade.lower(): grade for grade in GRADES}
_QUESTION_HEADING = re.compile(r"How effective is the force at\b")
_OVERALL_HEADING = re.compile(r"Overall judge?ment\d*$")
_FINDINGS_HEADING = re.compile(r"Summary of findings\d*$")
_AREAS_HEADING = re.compile(r"Areas? for improvement\d*$")
_SECTION_END = re.compile(r"Annex\b")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:([-/])(\d\d)(?!\d))?")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PROSE_FIGURES = (
    re.compile(r"(\d[\d,]*(?:\.\d+)?)(?=\s+percent)"),
    re.compile(r"recorded\s+(\d[\d,]*)(?=\s+incidents)"),
    re.compile(r"monitoring\s+(\d[\d,]*)(?=\s+organised)"),
    re.compile(r"represents\s+(\d[\d,]*)(?=\s+OCGs)"),
    re.compile(r"issued\s+(\d[\d,]*)(?=\s+sex)"),
    re.compile(r"that\s+(\d[\d,]*)(?=\s+were\s+breached)"),
)
"""The figures of the standard sentences: percentages and the counts the parser reads."""


@dataclass(frozen=True, slots=True)
class SyntheticReport:
    """A generated report and the facts it was generated with."""

    text: str
    force: ForceRow
    year: int
    grades: dict[int, str]
    """Question number to grade; 0 is the overall grade."""
    areas: dict[int, tuple[str, ...]]
    scale: float
    """Every figure of the source report multiplied by this."""


def with_force(text: str, name: str, short: str | None = None) -> str:
    """The report about another force: its full name, then its short name (`Durham`), replaced."""
    current = _document(text).force.name
    new_short = short if short is not None else short_name(name)
    full = r"\s+".join(map(re.escape, current.split()))
    names = re.compile(rf"(?P<full>{full})|\b{re.escape(short_name(current))}\b")
    return names.sub(lambda match: _same_breaks(match.group(), name) if match.group("full") else new_short, text)


def with_regional_unit(text: str, force: ForceRow) -> str:
    """The report naming `force`'s regional organised crime unit where it names its own force's (call it first).

    A force without a unit (the London forces) gets the generic "regional organised crime unit (ROCU)".
    """
    document = _document(text)
    gazetteer = default_gazetteer()
    current_row = next((row for row in default_forces() if row.id == document.force.id), None)
    current = next((o for o in document.organisations if current_row and o.id == current_row.rocu), None)
    if current is None or current.acronym is None:
        return text
    target = gazetteer.lookup(acronym=force.rocu_acronym or "ROCU")
    if target is None or target.acronym is None:
        return text
    name = target.name[0].lower() + target.name[1:] if force.rocu is None else target.name
    acronym = target.acronym
    full = r"\s+".join(map(re.escape, current.name.split()))
    names = re.compile(rf"(?P<full>{full})|\b{re.escape(current.acronym)}\b")
    return names.sub(lambda match: _same_breaks(match.group(), name) if match.group("full") else acronym, text)


def with_year(text: str, year: int) -> str:
    """The report of another year: every year from five before the report's year to it moves along."""
    current = _document(text).report.year
    shift = year - current

    def moved(match: re.Match[str]) -> str:
        found = int(match.group(1))
        if not current - 5 <= found <= current:
            return match.group()
        suffix = f"{match.group(2)}{(int(match.group(3)) + shift) % 100:02d}" if match.group(2) else ""
        return f"{found + shift}{suffix}"

    return _YEAR.sub(moved, text)


def with_grades(text: str, grades: Mapping[int, str]) -> str:
    """Other grades (0 is the overall one), written the same in the summary grid and the sections."""
    lines = text.splitlines(keepends=True)
    titles: list[int] = []
    expecting: str = ""
    for index, line in enumerate(lines):
        stripped = line.strip().lstrip("\f").strip()
        if _OVERALL_HEADING.match(stripped):
            expecting = "overall"
        elif _FINDINGS_HEADING.match(stripped):
            expecting = "section"
        elif _QUESTION_HEADING.match(stripped):
            number = question_number(_title_from(lines, index))
            if number:
                titles.append(number)
        elif stripped.lower() in _GRADE_WORDS:
            slot = _grade_slot(expecting, titles)
            if expecting:
                expecting, titles = "", []
            if slot is not None and slot in grades:
                lines[index] = line.replace(stripped, grades[slot])
    return "".join(lines)


def with_figures(text: str, scale: float) -> str:
    """Every figure of the tables and the standard sentences multiplied by `scale` (format kept)."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if is_table_row(stripped):
            label_end = re.search(r"[A-Za-z)*]\d{0,2}\s+(?=\d)", stripped)
            cut = line.index(stripped) + (label_end.end() if label_end else 0)
            lines[index] = line[:cut] + _FIGURE.sub(lambda match: _scaled(match.group(), scale), line[cut:])
    text = "".join(lines)
    for pattern in _PROSE_FIGURES:
        text = pattern.sub(lambda match: _replace_group(match, _scaled(match.group(1), scale)), text)
    return text


def with_areas(text: str, question: int, areas: Sequence[str]) -> str:
    """The question's areas for improvement replaced by `areas` (the heading added or removed as needed)."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    start, end = _section_bounds(lines, question)
    heading = next((i for i in range(start, end) if _AREAS_HEADING.match(lines[i].strip())), None)
    cut = heading if heading is not None else _end_of_text(lines, start, end)
    block = [f"Areas for improvement {newline}"] if areas else []
    for area in areas:
        wrapped = textwrap.wrap(f"{BULLETS[0]} {area}", WIDTH, break_on_hyphens=True)
        block += [f"{newline}"] + [f"{part} {newline}" for part in wrapped]
    if areas:
        block = [newline, *block]
    return "".join([*lines[:cut], *block, *lines[end:]])


def with_extra_area(text: str, question: int, area: str) -> str:
    """One more area for improvement at the end of the question's list."""
    document = _document(text)
    current = next(q for q in document.questions if q.number == question).areas_for_improvement
    return with_areas(text, question, [*(item.text for item in current), area])


def with_paragraph(text: str, question: int, paragraph: str) -> str:
    """A paragraph added at the end of the question's section, before its summary of findings."""
    lines = text.splitlines(keepends=True)
    start, end = _section_bounds(lines, question)
    findings = next(i for i in range(start, end) if _FINDINGS_HEADING.match(lines[i].strip()))
    wrapped = [f"{part} \n" for part in textwrap.wrap(paragraph, WIDTH)]
    return "".join([*lines[:findings], *wrapped, "\n", *lines[findings:]])


def with_interleaved_grid(text: str) -> str:
    """The summary grid's pairs of titles interleaved line by line, as two-column pages often come out."""
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        if _QUESTION_HEADING.match(lines[index].strip().lstrip("\f")) and not _starts_section(lines, index):
            left_end = _title_end(lines, index)
            right = next(i for i in range(left_end, len(lines)) if lines[i].strip())
            right_end = _title_end(lines, right)
            left, right_lines = lines[index:left_end], lines[right:right_end]
            mixed = [line for pair in itertools.zip_longest(left, right_lines) for line in pair if line]
            lines[index:right_end] = mixed
            index += len(mixed)
        else:
            index += 1
    return "".join(lines)


def with_crlf(text: str) -> str:
    """Windows line endings."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def with_form_feeds(text: str) -> str:
    """Form feeds, instead of one leading space, starting each page."""
    return re.sub(r"(?m)^ (?=\S)", "\f", text)


def synthetic_reports(text: str, count: int, seed: int) -> Iterator[SyntheticReport]:
    """`count` reports made from `text`, cycling through the forces and then through ten years.

    Each names its force's own regional unit, and has its own grades, figures and areas for improvement,
    all drawn from `seed`.
    """
    rng = random.Random(seed)
    forces = default_forces()
    base_year = _document(text).report.year
    for index in range(count):
        force = forces[index % len(forces)]
        year = base_year + (index // len(forces)) % 10
        grades = {number: rng.choice(GRADES) for number in range(5)}
        scale = round(rng.uniform(0.7, 1.3), 3)
        areas = {number: tuple(rng.sample(AREA_POOL, rng.randint(0, 3))) for number in range(1, 5)}
        report = with_force(with_regional_unit(text, force), force.name)
        report = with_figures(with_grades(with_year(report, year), grades), scale)
        for number, chosen in areas.items():
            report = with_areas(report, number, chosen)
        yield SyntheticReport(report, force, year, grades, areas, scale)


def _document(text: str) -> ReportDocument:
    """The parsed text, for finding what to replace."""
    return parse_report(text, source="<variant>", forces=default_forces(), gazetteer=default_gazetteer())


def _same_breaks(found: str, name: str) -> str:
    """`name`, with a line break where the matched text had one (before its last word)."""
    breaks = re.findall(r"\s*\n\s*", found)
    if not breaks or " " not in name:
        return name
    head, _, last = name.rpartition(" ")
    return f"{head}{breaks[0]}{last}"


def _title_end(lines: Sequence[str], start: int) -> int:
    """Just after the line ending the title that starts at `start` (the one ending in `?`)."""
    end = start
    while end < len(lines) - 1 and not lines[end].strip().endswith("?"):
        end += 1
    return end + 1


def _title_from(lines: Sequence[str], start: int) -> str:
    title = []
    for line in lines[start : start + 6]:
        title.append(line.strip())
        if line.strip().endswith("?") or not line.strip():
            break
    return " ".join(title)


def _grade_slot(expecting: str, titles: list[int]) -> int | None:
    if expecting == "overall":
        return 0
    if expecting == "section":
        return titles[-1] if titles else None
    return titles.pop(0) if len(titles) >= 1 else None


def _section_bounds(lines: Sequence[str], question: int) -> tuple[int, int]:
    """The lines of the question's own section (not its grid title): from its heading to the next one."""
    start = None
    for index, line in enumerate(lines):
        stripped = line.strip().lstrip("\f")
        is_heading = bool(_QUESTION_HEADING.match(stripped))
        if start is not None and (is_heading or _SECTION_END.match(stripped)):
            return start, index
        if is_heading and question_number(_title_from(lines, index)) == question and _starts_section(lines, index):
            start = index
    if start is None:
        raise ValueError(f"no section for question {question}")
    return start, len(lines)


def _starts_section(lines: Sequence[str], index: int) -> bool:
    """A section heading is followed by prose; a grid title by the other title of its pair, or grades."""
    after = index
    while after < len(lines) and not lines[after].strip().endswith("?"):
        after += 1
    following = next((line.strip().lstrip("\f") for line in lines[after + 1 :] if line.strip()), "")
    return not (_QUESTION_HEADING.match(following) or following.lower() in _GRADE_WORDS)


def _end_of_text(lines: Sequence[str], start: int, end: int) -> int:
    """Just after the section's last line of text."""
    last = end
    while last > start and not lines[last - 1].strip():
        last -= 1
    return last


def _scaled(figure: str, scale: float) -> str:
    decimals = len(figure.partition(".")[2])
    value = round(float(figure.replace(",", "")) * scale, decimals)
    text = f"{value:,.{decimals}f}" if "," in figure else f"{value:.{decimals}f}"
    return text


def _replace_group(match: re.Match[str], value: str) -> str:
    start, end = match.span(1)
    return match.group()[: start - match.start()] + value + match.group()[end - match.start() :]
