"""Bad input is a ParseError whose message is one line: `FILE:LINE: expected ...`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from peelgraph.loaders.errors import ParseError
from peelgraph.loaders.report import read_report

MESSAGE = re.compile(r"[^\n]+:\d+: expected [^\n]+")


def failure(path: Path) -> str:
    with pytest.raises(ParseError) as raised:
        read_report(path)
    message = str(raised.value)
    assert MESSAGE.fullmatch(message), message
    assert message.startswith(f"{path}:")
    return message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", ":1: expected a PEEL report, got an empty file"),
        (b"  \n\n \n", ":1: expected a PEEL report, got an empty file"),
        (b"line one\nline two\x00\x01binary", ":2: expected UTF-8 text, got binary data"),
        (b"\x7fELF\x02\x01\x01" + bytes(range(1, 32)) * 40, ":1: expected UTF-8 text, got binary data"),
        (b"a\nb\nc\n" + "caf\u00e9".encode("latin-1"), ":4: expected UTF-8 text"),
        (b"Dear reader,\nthis is not an inspection report.\n", ":1: expected a PEEL effectiveness report opening"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert expected in failure(path)


def test_a_missing_file(tmp_path: Path) -> None:
    assert "expected a readable report file" in failure(tmp_path / "absent.txt")


@pytest.mark.parametrize("keep", [1, 3, 20, 70, 180, 400, 640, 1000, 1300])
def test_truncated_reports_fail_on_a_line(tmp_path: Path, seed_text: str, keep: int) -> None:
    path = tmp_path / "truncated.txt"
    path.write_text("".join(seed_text.splitlines(keepends=True)[:keep]), encoding="utf-8")
    failure(path)


def test_a_byte_order_mark_is_allowed(tmp_path: Path, seed_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed_path.read_bytes())
    assert read_report(path).force.id == "cambridgeshire"
