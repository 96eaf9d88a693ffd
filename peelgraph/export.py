"""Tables and graph files out: CSV (RFC 4180, by the csv module) and GraphML (for Gephi, networkx, yEd).

A CSV cell holds text as it is, numbers as Python writes them, `true`/`false`, nothing for null, and
lists and maps as JSON. GraphML keeps each node's labels (`labels`, joined by `:`) and properties, and
each relationship's type (`type`) and properties; lists and maps, which GraphML has no type for, are
JSON text. Files are written whole or not at all: into a temporary file, then renamed.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from peelgraph.graph.read.network import Network

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODES_FILE = "nodes.csv"
RELATIONSHIPS_FILE = "relationships.csv"
NODE_COLUMNS = ("key", "labels")
RELATIONSHIP_COLUMNS = ("source", "target", "type")
DISPLAY_PROPERTIES = ("label", "name", "title", "term", "id")
"""The property that names a node in Gephi (its `label` attribute), the first a node has."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (a form feed in a quote, say)."""


def cell(value: Any) -> str:
    """A value as one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def write_table(stream: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """A header row, then a row per mapping, RFC 4180 quoting (CRLF line ends)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([cell(row.get(column)) for column in columns] for row in rows)


def write_csv_lists(network: Network, folder: Path) -> tuple[Path, Path]:
    """`nodes.csv` (key, labels, then each property) and `relationships.csv` (source, target, type, then each
    property), the keys as in GraphML, in `folder` (made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes_path, relationships_path = folder / NODES_FILE, folder / RELATIONSHIPS_FILE
    node_properties = _property_names(node.properties for node in network.nodes)
    relationship_properties = _property_names(rel.properties for rel in network.relationships)
    with _replacing(nodes_path) as nodes, _replacing(relationships_path) as relationships:
        write_table(
            nodes,
            [*NODE_COLUMNS, *(name for name in node_properties if name not in NODE_COLUMNS)],
            ({**node.properties, "key": node.key, "labels": ":".join(node.labels)} for node in network.nodes),
        )
        write_table(
            relationships,
            [*RELATIONSHIP_COLUMNS, *(name for name in relationship_properties if name not in RELATIONSHIP_COLUMNS)],
            ({**rel.properties, "source": rel.start, "target": rel.end, "type": rel.type}
             for rel in network.relationships),
        )
    return nodes_path, relationships_path


def write_graphml(network: Network, path: Path | None) -> None:
    """The network as GraphML, to `path` or (None) to standard output."""
    tree = ElementTree.ElementTree(graphml(network))
    ElementTree.indent(tree)
    if path is None:
        import sys

        tree.write(sys.stdout.buffer, encoding="utf-8", xml_declaration=True)
        return
    with _replacing(path) as stream:
        tree.write(stream, encoding="unicode", xml_declaration=True)


def graphml(network: Network) -> ElementTree.Element:
    root = ElementTree.Element("graphml", xmlns=GRAPHML_NS)
    node_rows = [
        {**node.properties, "labels": ":".join(node.labels), "label": _display(node.properties, node.key)}
        for node in network.nodes
    ]
    edge_rows = [{**rel.properties, "type": rel.type} for rel in network.relationships]
    node_keys = _keys(root, "node", node_rows)
    edge_keys = _keys(root, "edge", edge_rows)
    graph = ElementTree.SubElement(root, "graph", id="G", edgedefault="directed")
    for node, row in zip(network.nodes, node_rows, strict=True):
        _data(ElementTree.SubElement(graph, "node", id=node.key), node_keys, row)
    for index, (rel, row) in enumerate(zip(network.relationships, edge_rows, strict=True)):
        edge = ElementTree.SubElement(graph, "edge", id=f"e{index}", source=rel.start, target=rel.end)
        _data(edge, edge_keys, row)
    return root


def _display(properties: Mapping[str, Any], key: str) -> str:
    return str(next((properties[name] for name in DISPLAY_PROPERTIES if properties.get(name) is not None), key))


def _keys(root: ElementTree.Element, domain: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Declares a GraphML key per property name of the domain, typed by its values; returns name -> key id."""
    keys: dict[str, str] = {}
    for index, name in enumerate(_property_names(rows)):
        key = f"{domain[0]}{index}"
        kind = _graphml_type([row[name] for row in rows if row.get(name) is not None])
        ElementTree.SubElement(root, "key", {"id": key, "for": domain, "attr.name": name, "attr.type": kind})
        keys[name] = key
    return keys


def _graphml_type(values: Sequence[Any]) -> str:
    if values and all(isinstance(value, bool) for value in values):
        return "boolean"
    if values and all(isinstance(value, int) and not isinstance(value, bool) for value in values):
        return "long"
    if values and all(isinstance(value, int | float) and not isinstance(value, bool) for value in values):
        return "double"
    return "string"


def _data(element: ElementTree.Element, keys: Mapping[str, str], row: Mapping[str, Any]) -> None:
    for name, value in row.items():
        if value is not None:
            ElementTree.SubElement(element, "data", key=keys[name]).text = _NOT_XML.sub("", cell(value))


def _property_names(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    names: set[str] = set()
    for row in rows:
        names.update(row)
    return sorted(names)


@contextmanager
def _replacing(path: Path) -> Iterator[IO[str]]:
    """A file written beside `path` and renamed onto it only when all of it is written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
