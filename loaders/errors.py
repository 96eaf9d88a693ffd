"""The one error the loaders raise: it names the file, the line and what was expected."""

from __future__ import annotations


class InputError(Exception):
    """Input that cannot be read as what it claims to be.

    `str()` is the one line the CLI prints: `FILE:LINE: expected ...`.
    """

    def __init__(self, source: str, line: int | None, expected: str) -> None:
        self.source = source
        self.line = line
        self.expected = expected
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.expected}"


class ParseError(InputError):
    """A report's text does not have the shape of a PEEL report."""
