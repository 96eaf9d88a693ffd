"""The figures a reader would quote: the flattened tables and the standard sentences around them.

Tables come out of the PDF as a label followed by its numbers, under a `Figure N:` caption that gives
the period and unit. Rate tables have two columns (the force, then England and Wales); the outcomes
table has four (number and rate for the force, then for England and Wales). Prose figures are read
from the sentences these reports use for them; a fall is written as a negative change.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

from peelgraph.loaders.document import Evidence, ForceRef, Metric
from peelgraph.loaders.prose import QUOTES, Paragraph, is_table_row, sentence_bounds, slug

ENGLAND_AND_WALES: Final = "England and Wales"
_NUMBER: Final = r"(?:\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.\d{1,6})?"
_PERIOD: Final = r"12 months to \d{1,2} \w+ (?:19|20)\d\d"
_DATE: Final = r"\d{1,2} \w+ (?:19|20)\d\d"
_ROW: Final = re.compile(rf"(?P<label>[A-Za-z][^\d]*?[A-Za-z)*])\d{{0,2}}(?P<numbers>(?:\s+{_NUMBER}){{2,4}})")
_CAPTION: Final = re.compile(r"Figure \d+\s*[:.]\s*(?P<title>.*)")
_CAPTION_UNIT: Final = re.compile(r"\(per ([\d,]+ \w+)\)")
_CAPTION_PERIOD: Final = re.compile(rf"(?:for|in) the ({_PERIOD})")
_ROW_UNIT: Final = re.compile(r"rate for (?P<label>[^.]+?) is the rate per (?P<unit>[\d,]+ \w+)", re.I)
_FALLS: Final = frozenset(
    {"fell", "decreased", "reduced", "dropped", "declined", "fewer", "reduction", "decrease", "fall", "drop", "lower"}
)


def _change(direction: str, value: str) -> str:
    """A change in percent: `fell by 19 percent`, `a reduction of 13 percent`."""
    return rf"(?P<{direction}>[a-z]+) (?:by|of) (?P<{value}>{_NUMBER}) percent"


@dataclass(frozen=True, slots=True)
class _Rule:
    needle: str
    """Text the pattern cannot match without, to skip most paragraphs cheaply."""
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str], _Reader], Iterator[Metric]]


class _Reader:
    """Builds metrics from one match, quoting the sentence each number is in."""

    def __init__(self, paragraph: Paragraph, force: ForceRef, state: dict[str, str]) -> None:
        self.paragraph = paragraph
        self.force = force
        self.state = state
        self._sentences: list[tuple[int, int]] | None = None

    def metric(
        self,
        match: re.Match[str],
        group: str,
        base: str,
        label: str,
        unit: str,
        period: str,
        *,
        area: str | None = None,
        sign_group: str | None = None,
    ) -> Metric:
        area_name = area or self.force.name
        area_key = "england-and-wales" if area_name == ENGLAND_AND_WALES else self.force.id
        value = _number(match.group(group))
        if sign_group and match.group(sign_group).lower() in _FALLS:
            value = -value
        return Metric(f"{base}-{area_key}", label, value, unit, period, area_name, self._evidence(match.start(group)))

    def _evidence(self, offset: int) -> Evidence:
        if self._sentences is None:
            self._sentences = sentence_bounds(self.paragraph.text)
        for start, end in self._sentences:
            if start <= offset < end:
                return Evidence(self.paragraph.page_at(start), self.paragraph.text[start:end])
        return Evidence(self.paragraph.page_at(offset), self.paragraph.text)


def find_metrics(paragraphs: Sequence[Paragraph], force: ForceRef) -> tuple[Metric, ...]:
    """Every figure in the tables and standard sentences, unique by id (the first one wins)."""
    metrics: dict[str, Metric] = {}
    caption = _Caption()
    state: dict[str, str] = {}
    row_units = {
        match.group("label").lower(): "per " + match.group("unit")
        for paragraph in paragraphs
        if "rate per" in paragraph.text
        for match in _ROW_UNIT.finditer(paragraph.text)
    }
    rules_for = _rules_by_paragraph([paragraph.text for paragraph in paragraphs])
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        caption_match = _CAPTION.match(text) if text[:1] == "F" else None
        if caption_match:
            caption = _caption(caption_match.group("title"))
            continue
        row = _ROW.fullmatch(text) if is_table_row(text) else None
        found: Iterator[Metric] = iter(())
        if row and caption.title:
            found = _table_row(row, paragraph, force, caption, row_units)
        elif not row and (rules := rules_for.get(index)):
            reader = _Reader(paragraph, force, state)
            matches = ((rule, match) for rule in rules for match in rule.pattern.finditer(text))
            found = (metric for rule, match in matches for metric in rule.build(match, reader))
        for metric in found:
            metrics.setdefault(metric.id, metric)
    return tuple(metrics.values())


def _rules_by_paragraph(texts: list[str]) -> dict[int, list[_Rule]]:
    """Which rules' needles each paragraph holds, found by searching all the text once per needle."""
    joined = "\n".join(texts)
    starts = list(itertools.accumulate((len(text) + 1 for text in texts), initial=0))
    found: dict[int, list[_Rule]] = {}
    for rule in _RULES:
        position = joined.find(rule.needle)
        while position != -1:
            rules = found.setdefault(bisect.bisect_right(starts, position) - 1, [])
            if not rules or rules[-1] is not rule:
                rules.append(rule)
            position = joined.find(rule.needle, position + 1)
    return found


class _Caption(NamedTuple):
    title: str = ""
    period: str = ""
    """The period the title names (`12 months to 31 March 2015`), or ""."""
    unit: str = ""
    """The rate's unit the title names (`(per 1,000 population)`), or ""."""


def _caption(title: str) -> _Caption:
    period = _CAPTION_PERIOD.search(title)
    unit = _CAPTION_UNIT.search(title)
    return _Caption(title, period.group(1) if period else "", "per " + unit.group(1) if unit else "")


def _table_row(
    row: re.Match[str], paragraph: Paragraph, force: ForceRef, caption: _Caption, row_units: dict[str, str]
) -> Iterator[Metric]:
    label = row.group("label").rstrip("*").strip()
    label_slug = slug(label)
    numbers = [_number(number) for number in row.group("numbers").split()]
    period = caption.period
    evidence = Evidence(paragraph.page, paragraph.text)
    areas = ((force.name, force.id), (ENGLAND_AND_WALES, "england-and-wales"))
    if len(numbers) == 2:
        unit = row_units.get(label.lower()) or caption.unit or "rate"
        for (area, key), value in zip(areas, numbers, strict=True):
            yield Metric(f"{label_slug}-rate-{key}", f"{label} rate", value, unit, period, area, evidence)
    elif len(numbers) == 4:
        for (area, key), (count, rate) in zip(areas, (numbers[:2], numbers[2:]), strict=True):
            base = f"outcomes-{label_slug}"
            yield Metric(f"{base}-count-{key}", f"{label}: number of outcomes", count, "count", period, area, evidence)
            yield Metric(
                f"{base}-rate-{key}", f"{label}: outcomes per 100 offences", rate, "percent", period, area, evidence
            )


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _long_term_change(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    base_year = match.group("base")[-4:]
    period = f"{match.group('period')} compared with {match.group('base')}"
    reader.state["long_term"] = period
    reader.state["base_year"] = base_year
    label = f"Change in police recorded crime (excluding fraud) since {match.group('base')}"
    base = f"recorded-crime-change-since-{base_year}"
    yield reader.metric(match, "v1", base, label, "percent", period, sign_group="d1")
    yield reader.metric(match, "v2", base, label, "percent", period, area=ENGLAND_AND_WALES, sign_group="d2")


def _victim_based_change(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    period = reader.state.get("long_term", "")
    base = "victim-based-crime-change" + (f"-since-{reader.state['base_year']}" if "base_year" in reader.state else "")
    label = "Change in victim-based crime" + (f" ({period})" if period else "")
    yield reader.metric(match, "v1", base, label, "percent", period, sign_group="d1")
    yield reader.metric(match, "v2", base, label, "percent", period, area=ENGLAND_AND_WALES, sign_group="d2")


def _year_on_year_change(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    period = f"{match.group('period')} compared with the previous 12 months"
    label = "Change in police recorded crime (excluding fraud) on the previous year"
    base = "recorded-crime-change-year-on-year"
    yield reader.metric(match, "v1", base, label, "percent", period, sign_group="d1")
    yield reader.metric(match, "v2", base, label, "percent", period, area=ENGLAND_AND_WALES, sign_group="d2")


def _anti_social_behaviour(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    period = match.group("period")
    change_period = f"{period} compared with the previous 12 months"
    label = "Change in anti-social behaviour incidents on the previous year"
    yield reader.metric(
        match,
        "count",
        "anti-social-behaviour-incidents-count",
        "Anti-social behaviour incidents recorded",
        "count",
        period,
    )
    yield reader.metric(
        match, "v1", "anti-social-behaviour-incidents-change", label, "percent", change_period, sign_group="d1"
    )
    if match.group("v2"):
        yield reader.metric(
            match,
            "v2",
            "anti-social-behaviour-incidents-change",
            label,
            "percent",
            change_period,
            area=ENGLAND_AND_WALES,
            sign_group="d2",
        )


def _victim_satisfaction(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    label = "Victims satisfied with their whole experience with the police"
    period = match.group("period")
    yield reader.metric(match, "v1", "victim-satisfaction", label, "percent", period)
    if match.group("v2"):
        yield reader.metric(match, "v2", "victim-satisfaction", label, "percent", period, area=ENGLAND_AND_WALES)


def _organised_crime_groups(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    period = f"as at {match.group('date')}"
    yield reader.metric(match, "count", "organised-crime-groups-count", "Organised crime groups", "count", period)
    if match.group("rate"):
        yield reader.metric(
            match,
            "rate",
            "organised-crime-groups-per-million",
            "Organised crime groups per million population",
            "per million population",
            period,
        )


def _predominant_type(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    crime_type = match.group("type").strip()
    period = f"as at {match.group('date')}"
    base = f"organised-crime-groups-{slug(crime_type)}-share"
    label = f"Organised crime groups whose predominant crime type is {crime_type.lower()}"
    yield reader.metric(match, "v1", base, label, "percent", period)
    if match.group("v2"):
        yield reader.metric(match, "v2", base, label, "percent", period, area=ENGLAND_AND_WALES)


def _prevention_orders(match: re.Match[str], reader: _Reader) -> Iterator[Metric]:
    period = match.group("period")
    yield reader.metric(match, "v1", "sopos-issued", "Sexual offences prevention orders issued", "count", period)
    if match.group("v2"):
        label = "Sexual offences prevention orders breached"
        yield reader.metric(match, "v2", "sopos-breached", label, "count", period)


_RULES: Final = (
    _Rule(
        "police recorded crime (excluding fraud) for the",
        re.compile(
            rf"compared with the (?P<base>{_PERIOD}), police recorded crime \(excluding fraud\) for the "
            rf"(?P<period>{_PERIOD}) {_change('d1', 'v1')} in [^.]*?compared with an? "
            rf"{_change('d2', 'v2')} across (?:all forces in )?England and Wales"
        ),
        _long_term_change,
    ),
    _Rule(
        "victim-based crime",
        re.compile(
            rf"victim-based crime (?:\([^)]*\) )?{_change('d1', 'v1')} in [^.]*?compared with an? "
            rf"{_change('d2', 'v2')} across (?:all forces in )?England and Wales"
        ),
        _victim_based_change,
    ),
    _Rule(
        "(excluding fraud) in",
        re.compile(
            rf"police recorded crime \(excluding fraud\) in [^.]*?{_change('d1', 'v1')} for the "
            rf"(?P<period>{_PERIOD})\. This is compared with an? {_change('d2', 'v2')} across "
            r"(?:all forces in )?England and Wales"
        ),
        _year_on_year_change,
    ),
    _Rule(
        "incidents of anti-social behaviour",
        re.compile(
            rf"In the (?P<period>{_PERIOD}),? [^.]*?recorded (?P<count>{_NUMBER}) incidents of anti-social "
            rf"behaviour\. This is (?P<v1>{_NUMBER}) percent (?P<d1>fewer|more) incidents than [^.]*?\."
            rf"(?: When considering all forces across England and Wales, there were (?P<v2>{_NUMBER}) percent "
            r"(?P<d2>fewer|more) incidents)?"
        ),
        _anti_social_behaviour,
    ),
    _Rule(
        "were satisfied",
        re.compile(
            rf"victim of a crime in [^.]*? in the (?P<period>{_PERIOD}), (?P<v1>{_NUMBER}) percent were "
            rf"satisfied[^.]*\.(?: [^.]*?national victim satisfaction rate of (?P<v2>{_NUMBER}) percent)?"
        ),
        _victim_satisfaction,
    ),
    _Rule(
        "organised crime groups",
        re.compile(
            rf"As at (?P<date>{_DATE}), [^.]*? (?P<count>{_NUMBER}) organised crime groups(?: \(OCGs\))?\."
            rf"(?: This represents (?P<rate>{_NUMBER}) OCGs per (?:one )?million)?"
        ),
        _organised_crime_groups,
    ),
    _Rule(
        "was the predominant crime type",
        re.compile(
            rf"[{QUOTES}](?P<type>[^{QUOTES}]{{3,40}})[{QUOTES}] was the predominant crime type "
            rf"\((?P<v1>{_NUMBER}) percent\) "
            rf"of the OCGs [^.]*?as at (?P<date>{_DATE})\.(?: [^.]*?England and Wales, with "
            rf"(?P<v2>{_NUMBER}) percent)?"
        ),
        _predominant_type,
    ),
    _Rule(
        "prevention orders",
        re.compile(
            rf"In the (?P<period>{_PERIOD}),? [^.]*?issued (?P<v1>{_NUMBER}) sex(?:ual)? offences? prevention "
            rf"orders(?: \(SOPOs\))?\.(?: The (?:constabulary|force) reported that (?P<v2>{_NUMBER}) "
            r"(?:were|had been) breached)?"
        ),
        _prevention_orders,
    ),
)
