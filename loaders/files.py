"""Input files, checked before they are read: a regular file no larger than a limit.

`/dev/zero`, a FIFO, a directory or a file of gigabytes would otherwise be read whole into memory (or
wait forever for a writer); each is refused with one line instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from loaders.errors import InputError

DEFAULT_MAX_BYTES = 64 * 2**20
"""The default limit: a PEEL report's text is under 1 MB, a reference table under 100 KB."""

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def read_input(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "input") -> bytes:
    """The bytes of `path`; raise InputError, before reading, if it is not a regular file or is over `max_bytes`."""
    source = str(path)
    try:
        # Non-blocking: opening a FIFO with no writer would otherwise wait forever (it is refused just below).
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InputError(source, None, f"expected a readable {what} file ({error.strerror or error})") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(source, None, f"expected a regular file, got {_kind(info.st_mode)}")
        if info.st_size > max_bytes:
            raise _too_large(source, max_bytes, _megabytes(info.st_size))
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise InputError(source, None, f"expected a readable {what} file ({error.strerror or error})") from None
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:  # it grew after it was measured, or its size is not known (/proc)
        raise _too_large(source, max_bytes, f"more than {_megabytes(max_bytes)}")
    return data


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "text") -> str:
    """`read_input` decoded as UTF-8 (a byte-order mark dropped); InputError if it is not UTF-8."""
    try:
        return read_input(path, max_bytes, what).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(str(path), None, f"expected a UTF-8 {what} file") from None


def _too_large(source: str, max_bytes: int, got: str) -> InputError:
    return InputError(
        source, None, f"expected a file of at most {_megabytes(max_bytes)}, got {got} (limit: PEELGRAPH_MAX_INPUT_MB)"
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.3g} MB"


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")
