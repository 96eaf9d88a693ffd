"""docs/researchers.md's worked example: its networkx step runs on an export, as written, and says true things."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from neo4j import Driver

from peelgraph.settings import PROJECT_ROOT
from tests.graphstate import peelgraph

DOC = PROJECT_ROOT / "docs" / "researchers.md"
EXPORT = re.compile(r"^peelgraph (export --node \S+ --depth \d+ -o cambridgeshire\.graphml)$", re.M)


def _python_block() -> str:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)[0]


def test_the_networkx_step_runs_on_the_export_the_doc_makes(loaded_graph: Driver, tmp_path: Path) -> None:
    command = EXPORT.search(DOC.read_text(encoding="utf-8"))
    assert command, "the doc exports cambridgeshire.graphml"
    export = peelgraph(*command.group(1).replace("cambridgeshire.graphml", str(tmp_path / "cambridgeshire.graphml"))
                       .split())
    assert export.returncode == 0, export.stderr
    result = subprocess.run([sys.executable, "-c", _python_block()], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    nodes, relationships = (int(number) for number in re.findall(r"\d+", lines[0]))
    assert nodes > 40 and relationships > nodes
    top = loaded_graph.execute_query(
        "MATCH (:Force {id: 'cambridgeshire'})-[w:WORKS_WITH]->(p) RETURN w.mentions AS mentions, "
        "coalesce(p.name, p.id) AS name ORDER BY mentions DESC, name DESC LIMIT 1"
    ).records[0]
    assert lines[1].split(None, 1) == [str(top["mentions"]), top["name"]]
    assert lines[-1].endswith(" forces") and " links " in lines[-1]
