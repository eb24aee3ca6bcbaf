"""A JSON Schema for rule set files, built from the loader's own key tables and the check types.

The schema ships in the package (`wscheck/rules.schema.json`) for editors:
a YAML language server completes keys and check parameters from it, e.g. with
this first line in a rule file:

    # yaml-language-server: $schema=<path printed by `wscheck rules schema --path`>

The loader (wscheck.ruleset) stays the authority: it also checks what a schema
cannot say well, such as "every number has a source" through shared case
sources, and track names used in cases.
"""
from __future__ import annotations

import json
from typing import Any
from importlib import resources
from pathlib import Path

from wscheck import checks
from wscheck.model import LEVELS
from wscheck.ruleset import (
    CASE_KEYS,
    CONTEXT_KEYS,
    DATE_KEYS,
    FAMILIES,
    KINDS,
    RULE_KEYS,
    STAGES,
    TOP_KEYS,
    TRACK_KEYS,
)

SCHEMA_FILE = "rules.schema.json"
SCHEMA_ID = "https://wscheck.invalid/rules.schema.json"

_STRING = {"type": "string"}
_NONEMPTY = {"type": "string", "minLength": 1}


def _one_or_many(item: dict) -> dict:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1}]}


def _context_properties() -> dict:
    return {
        "track": _one_or_many(_STRING),
        "stage": _one_or_many({"enum": list(STAGES)}),
        "format": _one_or_many({"enum": list(FAMILIES)}),
    }


def _value_schema(param) -> dict:
    """The JSON type of a parameter's value."""
    kinds: dict[type, dict[str, Any]] = {bool: {"type": "boolean"}, int: {"type": "integer"}, float: {"type": "number"},
             str: {"type": "string"}, dict: {"type": "object"}}
    if param.type is list:
        item: dict[str, Any] = kinds.get(param.item_type, {}) if param.item_type else {}
        if param.choices:
            item = {**item, "enum": list(param.choices)}
        return {"type": "array", "items": item}
    schema: dict[str, Any] = dict(kinds.get(param.type, {}))
    if param.choices:
        schema["enum"] = list(param.choices)
    return schema


def _holds_numbers(param) -> bool:
    return param.type in (int, float) or (param.type is list and param.item_type in (int, float))


def _param_schema(param) -> dict:
    """A value (numbers only with a source), {value, source}, or {cases: [...]}."""
    value = _value_schema(param)
    sourced = {
        "type": "object",
        "properties": {"value": value, "source": _NONEMPTY},
        "required": ["value", "source"] if _holds_numbers(param) else ["value"],
        "additionalProperties": False,
    }
    case = {
        "type": "object",
        "properties": {**_context_properties(), "value": value, "source": _NONEMPTY, "not_stated": _NONEMPTY},
        "additionalProperties": False,
        "oneOf": [{"required": ["value"]}, {"required": ["not_stated"]}],
    }
    cases = {
        "type": "object",
        "properties": {"cases": {"type": "array", "items": case, "minItems": 1}, "source": _NONEMPTY},
        "required": ["cases"],
        "additionalProperties": False,
    }
    options = [sourced, cases]
    if not _holds_numbers(param):
        options.insert(0, value)
    return {"description": param.help, "anyOf": options}


def _rule_schema(check_ids: list[str], module=None) -> dict:
    properties = {
        "check": {"enum": check_ids, "description": RULE_KEYS["check"]},
        "level": {"enum": list(LEVELS), "description": RULE_KEYS["level"]},
        "message": {**_STRING, "description": RULE_KEYS["message"]},
        "fix": {**_STRING, "description": RULE_KEYS["fix"]},
        "description": {**_STRING, "description": RULE_KEYS["description"]},
        "source": {**_STRING, "description": RULE_KEYS["source"]},
        "params": {"type": "object", "description": RULE_KEYS["params"]},
        "when": {"type": "object", "properties": _context_properties(), "additionalProperties": False,
                 "description": RULE_KEYS["when"]},
        "not_stated": {"type": ["string", "null"], "description": RULE_KEYS["not_stated"]},
        "inherit": {"type": "boolean", "description": RULE_KEYS["inherit"]},
        "enabled": {"type": "boolean", "description": RULE_KEYS["enabled"]},
    }
    assert set(properties) == set(RULE_KEYS), "the schema and ruleset.RULE_KEYS disagree"
    if module is not None:
        properties["params"] = {
            "type": "object",
            "description": f"parameters of {module.ID}: {module.DESCRIPTION}",
            "properties": {name: _param_schema(param) for name, param in module.PARAMS.items()},
            "additionalProperties": False,
        }
    return {"type": ["object", "null"], "properties": properties, "additionalProperties": False}


def build_schema() -> dict:
    registry = checks.registry()
    check_ids = list(registry)
    definitions = {f"params-{check_id}": _rule_schema(check_ids, module)["properties"]["params"]
                   for check_id, module in registry.items()}
    for check_id in registry:
        rule = _rule_schema(check_ids)
        rule["properties"]["params"] = {"$ref": f"#/definitions/params-{check_id}"}
        definitions[f"rule-{check_id}"] = rule
    generic_rule = _rule_schema(check_ids)
    # a rule named after its check type gets that type's parameters; any other name names its `check`
    generic_rule["allOf"] = [
        {"if": {"type": "object", "properties": {"check": {"const": check_id}}, "required": ["check"]},
         "then": {"properties": {"params": {"$ref": f"#/definitions/params-{check_id}"}}}}
        for check_id in registry
    ]
    definitions["rule"] = generic_rule
    date: dict[str, Any] = {
        "type": "object",
        "properties": {
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": DATE_KEYS["date"]},
            "time": {"type": "string", "pattern": r"^\d{1,2}:\d{2}(:\d{2})?$", "description": DATE_KEYS["time"]},
            "timezone": {**_STRING, "description": DATE_KEYS["timezone"]},
            "source": {**_NONEMPTY, "description": DATE_KEYS["source"]},
            "as_stated": {**_STRING, "description": DATE_KEYS["as_stated"]},
            "label": {**_STRING, "description": DATE_KEYS["label"]},
        },
        "required": ["date", "source"],
        "additionalProperties": False,
    }
    assert set(date["properties"]) == set(DATE_KEYS), "the schema and ruleset.DATE_KEYS disagree"
    track = {"type": ["object", "null"],
             "properties": {key: {**_STRING, "description": text} for key, text in TRACK_KEYS.items()},
             "additionalProperties": False}
    properties: dict[str, Any] = {
        "id": {**_NONEMPTY, "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]*$"},
        "name": _NONEMPTY,
        "kind": {"enum": list(KINDS)},
        "extends": _NONEMPTY,
        "description": _STRING,
        "url": _STRING,
        "call": _STRING,
        "review": _STRING,
        "family": {"enum": list(FAMILIES)},
        "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
        "formats": {"type": "array", "items": {"enum": list(FAMILIES)}},
        "tracks": {"type": "object", "additionalProperties": track},
        "default_track": _STRING,
        "stages": {"type": "array", "items": {"enum": list(STAGES)}},
        "dates": {"type": "object", "additionalProperties": date},
        "rules": {
            "type": "object",
            "properties": {check_id: {"$ref": f"#/definitions/rule-{check_id}"} for check_id in registry},
            "additionalProperties": {"$ref": "#/definitions/rule"},
        },
        "notes": _STRING,
    }
    assert set(properties) == set(TOP_KEYS), "the schema and ruleset.TOP_KEYS disagree"
    properties = {key: {"description": TOP_KEYS[key], **schema} for key, schema in properties.items()}
    assert set(CONTEXT_KEYS) == set(_context_properties())
    assert {"value", "source", "not_stated"} <= set(CASE_KEYS)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "wscheck rule set",
        "description": "A venue's rules for wscheck (see docs/writing-rule-sets.md).",
        "type": "object",
        "properties": properties,
        "required": ["id", "name"],
        "additionalProperties": False,
        "definitions": definitions,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema_path() -> Path:
    """The schema file inside the installed package."""
    return Path(str(resources.files("wscheck") / SCHEMA_FILE))
