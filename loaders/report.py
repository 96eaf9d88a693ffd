"""Read a PEEL effectiveness report's extracted text into a ReportDocument.

`parse_report` is pure: text in, document out, ParseError (naming the line and what was expected) for
anything that is not such a report. `read_report` adds the file handling and the bundled reference data.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

from peelgraph.loaders.document import ForceRef, ParseWarning, ReportDocument, ReportInfo
from peelgraph.loaders.entities import find_entities
from peelgraph.loaders.errors import InputError, ParseError
from peelgraph.loaders.files import DEFAULT_MAX_BYTES, read_input
from peelgraph.loaders.forces import force_names, identify, short_name
from peelgraph.loaders.frontmatter import skip_front_matter
from peelgraph.loaders.gazetteer import Gazetteer, read_gazetteer
from peelgraph.loaders.glossary import glossary
from peelgraph.loaders.judgments import Judgments, read_judgments
from peelgraph.loaders.metrics import find_metrics
from peelgraph.loaders.normalise import characters, dehyphenate
from peelgraph.loaders.pages import clean
from peelgraph.loaders.pdf import is_pdf, pdf_text
from peelgraph.loaders.prose import EN_DASH, Paragraph, paragraphs, single_paragraph, slug
from peelgraph.loaders.reference import REFERENCE_DIR, ForceRow, read_forces

INSPECTORATE: Final = "HMIC"
PROGRAMME: Final = "PEEL"
PILLAR: Final = "effectiveness"

_NAME: Final = r"[A-Z][\w-]*(?:\s+(?:(?:and|of|the)\s+)?[A-Z][\w-]*)*"
_JUDGED_FORCE: Final = re.compile(rf"HMIC judges that overall (?:the )?(?P<name>{_NAME})")
_LEADING_NAME: Final = re.compile(rf"(?:The )?(?P<name>{_NAME})")
_NAMED_FORCE_CLUES: Final = (
    re.compile(rf"inspection of (?:the )?(?P<name>{_NAME})\s*\."),
    re.compile(rf"efficiency and legitimacy of (?:the )?(?P<name>{_NAME}) are available"),
    re.compile(rf"Police effectiveness (?:19|20)\d\d(?: \(\w+\))? {EN_DASH} (?:the )?(?P<name>{_NAME})"),
)
_YEAR_CLUES: Final = (
    re.compile(r"PEEL:\s*Police effectiveness ((?:19|20)\d\d)"),
    re.compile(r"inspected forces [^.]*?between \w+ and \w+ ((?:19|20)\d\d)"),
    re.compile(r"12 months to \d{1,2} \w+ ((?:19|20)\d\d)"),
)
_BINARY_SAMPLE: Final = 4096
_BINARY_CONTROLS: Final = bytes(byte for byte in range(32) if byte not in b"\t\n\r\f\v")
"""Control bytes that text files do not contain; more than one in twenty bytes means a binary file."""


def parse_report(
    text: str,
    *,
    source: str,
    forces: Sequence[ForceRow],
    gazetteer: Gazetteer,
    sha256: str | None = None,
    strict: bool = False,
) -> ReportDocument:
    """Parse a PEEL effectiveness report's text; raise ParseError naming the line where it goes wrong.

    The text is first made plain (ligatures, spaces, bullets, page furniture, front matter, words broken
    at line ends); line numbers and pages stay those of `text`. What could be read only loosely is in
    the document's `warnings`; with `strict`, the first of them is raised as a ParseError instead.
    `sha256` is the digest of the source bytes; without it, the digest of the text's UTF-8 encoding.
    """
    cleaned = skip_front_matter(clean(characters(text)), source)
    lines = dehyphenate(cleaned.lines, across_removed=True)  # `clean` judged the breaks with no footnote between
    body = paragraphs(lines)
    notes = [single_paragraph(note.text, note.line, note.page) for note in cleaned.footnotes]
    year = _year([*body, *notes], source)
    judgments = read_judgments(lines, source, year)
    if strict and judgments.warnings:
        raise as_error(judgments.warnings[0], source)
    force = _force(judgments, body, tuple(forces), source)
    entities = find_entities(body, notes, gazetteer, force_names(tuple(forces)), force.id, short_name(force.name))
    report = ReportInfo(
        title=f"{PROGRAMME}: Police {PILLAR} {year} {EN_DASH} {force.name}",
        inspectorate=INSPECTORATE,
        programme=PROGRAMME,
        pillar=PILLAR,
        year=year,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        source=source,
    )
    return ReportDocument(
        report=report,
        force=force,
        overall=judgments.overall,
        questions=judgments.questions,
        organisations=entities.organisations,
        schemes=entities.schemes,
        initiatives=entities.initiatives,
        threats=entities.threats,
        glossary=glossary(cleaned.footnotes),
        metrics=find_metrics(body, force),
        warnings=judgments.warnings,
    )


def as_error(warning: ParseWarning, source: str) -> ParseError:
    """The warning as the error `--strict` makes of it."""
    return ParseError(source, warning.line, warning.message)


def read_report(
    path: Path,
    *,
    forces: Sequence[ForceRow] | None = None,
    gazetteer: Gazetteer | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ReportDocument:
    """Read and parse a report file (its PDF, or text extracted from it), with the bundled forces table and
    gazetteer unless given others; a file that is not a regular one, or is over `max_bytes`, is refused
    before it is read."""
    data = _read_bytes(path, max_bytes)
    return parse_report(
        report_text(data, str(path), path.suffix),
        source=str(path),
        forces=default_forces() if forces is None else forces,
        gazetteer=default_gazetteer() if gazetteer is None else gazetteer,
        sha256=hashlib.sha256(data).hexdigest(),
        strict=strict,
    )


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text the parser reads from a report file."""
    return report_text(_read_bytes(path, max_bytes), str(path), path.suffix)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        return read_input(path, max_bytes, "report")
    except InputError as error:
        raise ParseError(str(path), 1, error.expected) from None


def report_text(data: bytes, source: str, suffix: str = "") -> str:
    """The text the parser reads: a PDF's, laid out page by page (`loaders/pdf.py`), or the file's own."""
    if suffix.lower() == ".pdf" or is_pdf(data):
        return pdf_text(data, source)
    return decode(data, source)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text of a report file; ParseError for an empty, binary or non-UTF-8 file."""
    if not data.strip():
        raise ParseError(source, 1, "expected a PEEL report, got an empty file")
    if b"\x00" in data:
        raise ParseError(source, _line_at(data, data.index(b"\x00")), "expected UTF-8 text, got binary data")
    sample = data[:_BINARY_SAMPLE]
    if (len(sample) - len(sample.translate(None, _BINARY_CONTROLS))) * 20 > len(sample):
        raise ParseError(source, 1, "expected UTF-8 text, got binary data")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ParseError(source, _line_at(data, error.start), "expected UTF-8 text") from None


@functools.cache
def default_forces() -> tuple[ForceRow, ...]:
    """The bundled forces table, read once."""
    return read_forces(REFERENCE_DIR / "forces.csv")


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once."""
    return read_gazetteer(REFERENCE_DIR / "gazetteer.csv")


def _force(judgments: Judgments, body: Sequence[Paragraph], forces: tuple[ForceRow, ...], source: str) -> ForceRef:
    found = identify(_force_candidates(judgments, body), forces)
    if found is None:
        raise ParseError(
            source,
            judgments.overall_line,
            "expected the force's name, as in 'HMIC judges that overall <force> requires improvement ...'",
        )
    row, written = found
    return ForceRef(row.id if row else _fallback_id(written), written)


def _force_candidates(judgments: Judgments, body: Sequence[Paragraph]) -> Iterator[str]:
    for summary in judgments.summaries:
        judged = _JUDGED_FORCE.search(summary)
        if judged:
            yield judged.group("name")
    for summary in judgments.summaries[1:]:
        leading = _LEADING_NAME.match(summary)
        if leading:
            yield leading.group("name")
    for paragraph in body:
        for clue in (_JUDGED_FORCE, *_NAMED_FORCE_CLUES):
            for match in clue.finditer(paragraph.text):
                yield match.group("name")


def _fallback_id(name: str) -> str:
    return slug(short_name(name)) or slug(name)


def _year(passages: Sequence[Paragraph], source: str) -> int:
    for clue in _YEAR_CLUES:
        for paragraph in passages:
            match = clue.search(paragraph.text)
            if match:
                return int(match.group(1))
    raise ParseError(
        source,
        passages[-1].line if passages else 1,
        "expected the inspection year, as in 'PEEL: Police effectiveness 2015'",
    )


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
