"""The GraphiQL playground page, opening on our example queries."""

from __future__ import annotations

import json
import re
from pathlib import Path

_EXAMPLES_OPEN = '<script id="peelgraph-examples" type="application/json">'
_EXAMPLES_SLOT = re.compile(re.escape(_EXAMPLES_OPEN) + r".*?</script>", re.DOTALL)


def playground_page(built: Path, document: str) -> str:
    """The GraphQL playground (web/playground.html, GraphiQL bundled by the web build: nothing fetched from
    another host) as `built` (web/dist/playground.html) holds it, opening on `document`, or a page saying how to
    build it."""
    if not built.is_file():
        return ('<!doctype html><title>peelgraph</title><p>The GraphQL playground is not built: run <code>make '
                'setup</code>. The API answers GraphQL over POST at this address.</p>')
    # A JSON string in a script element: `</` escaped so that the text cannot close the element.
    examples = json.dumps(document).replace("</", "<\\/")
    page, replaced = _EXAMPLES_SLOT.subn(lambda _: f"{_EXAMPLES_OPEN}{examples}</script>", built.read_text("utf-8"))
    if replaced != 1:
        raise RuntimeError(f"{built} has no {_EXAMPLES_OPEN}: rebuild web/ (make setup)")
    return page
