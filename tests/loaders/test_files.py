"""Inputs are checked before they are read: a device, a FIFO, a directory or a file over the limit is refused
with one line (exit 2 from the command), without reading it and without waiting."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.files import DEFAULT_MAX_BYTES, read_input
from tests.graphstate import peelgraph

SEED = Path("data/reports/peel-2015-effectiveness-cambridgeshire.txt").resolve()


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "report.txt"
    os.mkfifo(path)
    yield path


@pytest.fixture
def over_the_limit(tmp_path: Path) -> Path:
    """A sparse file just over the default limit: it takes no disk, but reading it would take the memory."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(DEFAULT_MAX_BYTES + 1)
    return path


def test_what_is_not_a_regular_file_is_refused(fifo: Path, tmp_path: Path) -> None:
    for path, kind in [(Path("/dev/zero"), "a character device"), (fifo, "a FIFO"), (tmp_path, "a directory")]:
        with pytest.raises(InputError, match=f"expected a regular file, got {kind}"):
            read_input(path)


def test_a_file_over_the_limit_is_refused(over_the_limit: Path) -> None:
    with pytest.raises(InputError, match="expected a file of at most 64 MB, got 64 MB"):
        read_input(over_the_limit)
    assert read_input(SEED, max_bytes=SEED.stat().st_size) == SEED.read_bytes()
    with pytest.raises(InputError, match="at most"):
        read_input(SEED, max_bytes=SEED.stat().st_size - 1)


def test_a_file_whose_size_is_unknown_is_read_up_to_the_limit_only() -> None:
    """/proc files say they are empty; what they hold is still capped."""
    with pytest.raises(InputError, match="more than"):
        read_input(Path("/proc/self/maps"), max_bytes=10)


@pytest.mark.parametrize("command", ["parse", "load"])
def test_the_commands_refuse_in_one_line(command: str, fifo: Path, over_the_limit: Path) -> None:
    for path in ("/dev/zero", str(fifo), str(over_the_limit)):
        result = peelgraph(command, path)
        assert result.returncode == 2, (path, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {path}"), result.stderr
        assert "Traceback" not in result.stderr


def test_the_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEELGRAPH_MAX_INPUT_MB", "0.05")
    refused = peelgraph("parse", str(SEED))
    assert refused.returncode == 2 and "at most 0.05 MB" in refused.stderr, refused.stderr
    monkeypatch.setenv("PEELGRAPH_MAX_INPUT_MB", "1")
    assert peelgraph("parse", str(SEED)).returncode == 0
