"""The query registry: Cypher statements live in `cypher/`, one per file, and are read by name.

Modules bind their statements at import (`STATS = statement("read/stats")`), so a missing file
stops the process at start-up instead of failing a request later.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

CYPHER_DIR = Path(str(files("peelgraph") / "cypher"))
"""The statements travel inside the installed package (peelgraph/cypher, the repository's cypher/)."""


_NAMES: dict[str, str] = {}


@cache
def statement(name: str) -> str:
    """The text of `cypher/<name>.cypher`, e.g. `statement("read/stats")`."""
    path = CYPHER_DIR / f"{name}.cypher"
    text = path.read_text(encoding="utf-8").strip()
    if not _without_comments(text):
        raise ValueError(f"{path} holds no Cypher")
    _NAMES[text] = name
    return text


GENERATED = "generated"
"""The name `name_of` gives a statement built at run time from the schema's declarations (the compiler's, the
resolvers' relationship reads)."""


def name_of(text: str) -> str:
    """The name of a statement read by `statement`, or `generated`."""
    return _NAMES.get(text, GENERATED)


def script(path: Path) -> tuple[str, ...]:
    """The `;`-separated statements of a file such as `cypher/schema.cypher`, comments dropped."""
    body = _without_comments(path.read_text(encoding="utf-8"))
    return tuple(part.strip() for part in body.split(";") if part.strip())


def names(folder: str) -> tuple[str, ...]:
    """Every statement name under `cypher/<folder>/`, e.g. `names("analysis")`."""
    return tuple(sorted(f"{folder}/{path.stem}" for path in (CYPHER_DIR / folder).glob("*.cypher")))


def header(name: str) -> str:
    """The leading `//` comment lines of a statement, without the slashes."""
    lines = []
    for line in statement(name).splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    return "\n".join(lines)


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
