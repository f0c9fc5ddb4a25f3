"""Every property of every schema `hybrooster schema` prints has a description (issue 22: a plan that explains itself)."""

from __future__ import annotations

import json

import pytest

from api import commands
from api.cli import main
from solver.replan.whatif import change_json_schema, parse_change
from solver.term import Calendar, ProposedRoster


def _undescribed(schema: dict) -> list[str]:
    """`Model.field` for every property, in the schema and in its $defs, without a non-empty description."""
    missing = []
    models = {schema.get("title", "(root)"): schema, **schema.get("$defs", {})}
    for model, node in models.items():
        for name, prop in (node.get("properties") or {}).items():
            if not str(prop.get("description", "")).strip():
                missing.append(f"{model}.{name}")
    return missing


SCHEMAS = {
    "plan": lambda: commands.json_schema(),
    "timetable": lambda: commands.json_schema(timetable=True),
    "calendar": Calendar.model_json_schema,
    "change": change_json_schema,
    "roster": ProposedRoster.model_json_schema,
}


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_property_has_a_description(kind):
    schema = SCHEMAS[kind]()
    assert schema.get("properties") or schema.get("$defs"), "the walk found nothing to check"
    missing = _undescribed(schema)
    assert not missing, f"{kind}: {len(missing)} properties without a description: {', '.join(missing)}"


def test_the_walk_names_a_property_without_a_description():
    schema = {"title": "T", "properties": {"a": {"description": "ok"}, "b": {"type": "string"}},
              "$defs": {"U": {"properties": {"c": {"description": "  "}}}}}
    assert _undescribed(schema) == ["T.b", "U.c"]


def test_schema_change_prints_every_change_type(capsys):
    assert main(["schema", "--change"]) == 0
    schema = json.loads(capsys.readouterr().out)
    tags = {d["properties"]["type"]["const"] for d in schema["$defs"].values() if "type" in d.get("properties", {})
            and "const" in d["properties"]["type"]}
    assert tags == {"unavailable_mark", "teacher_unavailable", "add_lesson", "remove_room", "add_hto"}
    assert not _undescribed(schema)


def test_descriptions_do_not_change_what_a_change_file_accepts():
    change = parse_change({"type": "remove_room", "room": "B104"})
    assert change.room == "B104" and change.school is None and change.type == "remove_room"
    with pytest.raises(Exception) as error:
        parse_change({"type": "remove_room", "room": "B104", "colour": "red"})
    assert "colour" in str(error.value)


def test_times_say_their_format():
    plan = commands.json_schema()
    start = plan["$defs"]["Period"]["properties"]["start"]
    assert "HH:MM" in start["description"] and start["type"] == "string"
