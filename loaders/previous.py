"""A question's judgment at an earlier inspection, as its summary states it.

The earlier inspection is named by its year (`in its crime inspection in 2014 when the constabulary was
also judged as good`) or relative to the report's (`last year`, `the previous year`): a relative one is
the year before the report's. `the same judgment as last year` names no grade: it is the question's own.
"""

from __future__ import annotations

import re
from typing import Final

from peelgraph.loaders.document import PreviousJudgment
from peelgraph.loaders.grades import GRADE_WORDS

_WHEN: Final = (
    r"(?:(?P<year>(?:19|20)\d\d)"
    r"|(?P<relative>last\s+year|the\s+previous\s+year|a\s+year\s+ago))"
)
_GRADE: Final = r"(?P<grade>outstanding|good|inadequate|requir(?:es|e|ing)\s+improvement)"
_JUDGED: Final = re.compile(
    rf"\b{_WHEN}\b[^.?!]{{0,160}}?\b(?:judged|graded|assessed)\s+(?:the\s+(?:constabulary|force)\s+|it\s+)?"
    rf"(?:also\s+)?(?:as\s+|to\s+be\s+|to\s+)?{_GRADE}\b",
    re.I,
)
"""A judgment of an earlier inspection: `in 2014 when the constabulary was also judged as good`."""
_SAME: Final = re.compile(
    rf"\b(?:same|similar)\s+(?:judge?ment|grade)\s+(?:as\s+)?(?:(?:it\s+received|was\s+given)\s+)?(?:in\s+)?{_WHEN}\b",
    re.I,
)
"""The question's own grade, given before: `This is the same judgment as last year`."""


def previous_judgment(summary: str, grade: str, year: int) -> PreviousJudgment | None:
    """The earlier judgment a summary states, if any; `grade` and `year` are the question's and the report's."""
    lowered = summary.lower()
    # The patterns need these words; testing for them first saves a slow search of most summaries.
    judged = _JUDGED.search(summary) if "judged" in lowered or "graded" in lowered or "assessed" in lowered else None
    if judged is not None:
        found = judged.group("grade").lower()
        return PreviousJudgment(_year(judged, year), GRADE_WORDS["requires improvement" if "improvement" in found
                                                               else found])
    same = _SAME.search(summary) if "same" in lowered or "similar" in lowered else None
    if same is not None:
        return PreviousJudgment(_year(same, year), grade)
    return None


def _year(match: re.Match[str], report_year: int) -> int:
    return int(match.group("year")) if match.group("year") else report_year - 1
