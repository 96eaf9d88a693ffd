"""schema.graphql, the committed contract, is what the code serves."""

from __future__ import annotations

from strawberry.printer import print_schema

from peelgraph.schema.api import schema
from tests.checkout import PROJECT_ROOT

REGENERATE = ".venv/bin/strawberry export-schema peelgraph.schema.api:schema > schema.graphql"


def test_schema_file_matches_the_code() -> None:
    committed = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8").strip()
    assert committed == print_schema(schema).strip(), (
        f"schema.graphql and the code have drifted apart; regenerate it with `{REGENERATE}` and review the diff"
    )


def test_every_type_and_field_is_described() -> None:
    undescribed = []
    for type_ in schema._schema.type_map.values():
        if type_.name.startswith("__") or type_.name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not type_.description:
            undescribed.append(type_.name)
        for field_name, field in getattr(type_, "fields", {}).items():
            if not field.description:
                undescribed.append(f"{type_.name}.{field_name}")
    assert undescribed == []
