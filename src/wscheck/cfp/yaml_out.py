"""A small YAML emitter for rule sets: block mappings, cases as flow mappings, every string double-quoted.

Strings from a call are hostile: each one is written as a YAML double-quoted
scalar by PyYAML's own emitter (escapes for quotes, backslashes and anything
unprintable), so no text can end a value, open a tag or inject a key. Keys are
identifiers and are checked as such. Comments hold one line of text each.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")
_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")  # names safe unquoted: track ids, families, stages
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "none"}


class Flow(dict):
    """A mapping written on one line: {a: 1, b: "x"}."""


class Comment(str):
    """A comment line in a mapping or list."""


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar on one line."""
    return yaml.safe_dump(str(text), default_style='"', width=1_000_000, allow_unicode=True).strip()


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, Flow):
        return "{" + ", ".join(f"{_key(k)}: {scalar(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if _PLAIN.match(text) and text not in _RESERVED and len(text) < 40:
        return text
    return quote(text)


def _key(key: str) -> str:
    if not _KEY.match(str(key)):
        raise ValueError(f"not a safe YAML key: {key!r}")
    return str(key)


def comment(text: str) -> str:
    return "# " + " ".join(str(text).split())


def dump(data: dict, indent: int = 0) -> list[str]:
    """Lines of a block mapping."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, Comment):
            lines.append(pad + comment(value))
            continue
        if isinstance(value, dict) and not isinstance(value, Flow):
            lines.append(f"{pad}{_key(key)}:")
            lines.extend(dump(value, indent + 2))
        elif isinstance(value, list) and value and all(isinstance(v, (Flow, Comment)) for v in value):
            lines.append(f"{pad}{_key(key)}:")
            for item in value:
                lines.append(f"{pad}  {comment(item)}" if isinstance(item, Comment) else f"{pad}  - {scalar(item)}")
        else:
            lines.append(f"{pad}{_key(key)}: {scalar(value)}")
    return lines
