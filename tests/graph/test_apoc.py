"""APOC Core in the managed Neo4j: its read-only procedures and functions work, from `peelgraph cypher` and from
any Bolt connection (Neo4j Browser's too); nothing that writes or touches files or URLs is even loaded, and
`peelgraph cypher` refuses it by name on a server that has it."""

from __future__ import annotations

import json

import neo4j
import pytest
from neo4j import Driver
from neo4j.exceptions import ClientError

from peelgraph import neo4j_server
from peelgraph.graph.read.ad_hoc import _operators, _procedure, is_allowed_apoc
from peelgraph.settings import Settings
from tests.graphstate import counts, peelgraph, snapshot

SUBGRAPH = (
    "MATCH (f:Force {id: 'cambridgeshire'}) CALL apoc.path.subgraphAll(f, {maxLevel: 1}) YIELD nodes "
    "RETURN size(nodes) AS nodes, apoc.text.join(apoc.coll.sort([n IN nodes WHERE n:Force | n.id]), ',') AS forces"
)
REFUSED = {
    "create": "CALL apoc.create.node(['Spy'], {name: 'x'}) YIELD node RETURN node",
    "merge": "CALL apoc.merge.node(['Force'], {id: 'cambridgeshire'}, {name: 'x'}) YIELD node RETURN node",
    "refactor": "MATCH (f:Force) CALL apoc.refactor.rename.label('Force', 'Police', [f]) YIELD total RETURN total",
    "periodic": "CALL apoc.periodic.iterate('MATCH (f:Force) RETURN f', 'SET f.name = \"x\"', {}) YIELD total "
                "RETURN total",
    "cypher": "CALL apoc.cypher.doIt('CREATE (:Spy) RETURN 1 AS one', {}) YIELD value RETURN value",
    "file load": "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
    "url load": "CALL apoc.load.json('http://127.0.0.1:9/x.json') YIELD value RETURN value",
    "export": "CALL apoc.export.csv.all('graph.csv', {}) YIELD file RETURN file",
    "import": "CALL apoc.import.csv([{fileName: 'file:///etc/passwd', labels: ['X']}], [], {}) YIELD nodes "
              "RETURN nodes",
    "util": "RETURN apoc.util.sleep(10) AS slept",
}


def test_apoc_is_in_this_instance_s_plugins_not_in_the_shared_jars(neo4j: Settings) -> None:
    plugins = {jar.name for jar in (neo4j.neo4j_home / "plugins").glob("*.jar")}
    assert any(name.startswith("apoc-core-5.26.") for name in plugins)
    assert not any(jar.name.startswith("apoc-") for jar in neo4j_server.lib_dir(neo4j).glob("*.jar"))
    config = (neo4j.neo4j_home / "conf" / "apoc.conf").read_text()
    assert "apoc.import.file.enabled=false" in config and "apoc.export.file.enabled=false" in config


def test_an_allowed_procedure_works_through_peelgraph_cypher(loaded_graph: Driver) -> None:
    result = peelgraph("cypher", SUBGRAPH, "--json")
    assert result.returncode == 0, result.stderr
    row = json.loads(result.stdout)
    assert row["nodes"] > 10 and "cambridgeshire" in row["forces"].split(",")


def test_an_allowed_procedure_works_over_a_plain_bolt_session(loaded_graph: Driver) -> None:
    """A write-mode session as the user, as Neo4j Browser opens one: APOC's reads answer there too."""
    with loaded_graph.session(default_access_mode=neo4j.WRITE_ACCESS) as session:
        record = session.run(SUBGRAPH).single()
    assert record is not None and record["nodes"] > 10


@pytest.mark.parametrize("name", REFUSED)
def test_writes_files_and_urls_through_apoc_are_refused_and_the_graph_is_unchanged(
    loaded_graph: Driver, name: str
) -> None:
    before = (counts(loaded_graph), snapshot(loaded_graph))
    result = peelgraph("cypher", REFUSED[name])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: refused: apoc.") and "is not one of the APOC procedures" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # Not even loaded: a Bolt session that skips peelgraph's check (as Browser's does) cannot call it either.
    with loaded_graph.session(default_access_mode=neo4j.WRITE_ACCESS) as session, pytest.raises(ClientError):
        session.run(REFUSED[name]).consume()
    assert (counts(loaded_graph), snapshot(loaded_graph)) == before


def test_on_a_server_with_all_of_apoc_the_plan_check_refuses_by_name() -> None:
    """`peelgraph cypher` against one's own Neo4j: apoc.load.json and apoc.export.* are planned as reads."""
    plan = {
        "operatorType": "ProduceResults@neo4j",
        "children": [{"operatorType": "ProcedureCall@neo4j",
                      "args": {"Details": "apoc.load.json($url) :: (value :: MAP)"}, "children": []}],
    }
    assert {_procedure(details) for name, details in _operators(plan) if name == "ProcedureCall"} == {"apoc.load.json"}
    assert not is_allowed_apoc("apoc.load.json") and not is_allowed_apoc("apoc.export.csv.all")
    assert not is_allowed_apoc("apoc.convert.setJsonProperty") and not is_allowed_apoc("apoc.nodes.delete")
    assert is_allowed_apoc("apoc.path.subgraphAll") and is_allowed_apoc("apoc.convert.toJson")
