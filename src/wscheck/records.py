"""A paper's report as exact, self-describing JSON, and back: what `--cache` and `--resume` keep on disk.

`PaperReport.to_dict()` is the public JSON (CONTRACT.md): it leaves out what the
reporters need but a reader does not (a rule's description, "and 263,800 more
e-mail addresses", evidence marks) and rounds numbers. A record keeps every
field of every dataclass, so a report read back renders exactly as the one that
was written, in every format.

Each dataclass becomes {"c": class name, "f": {field: value}}, a tuple
{"t": [...]}, a dict {"d": {...}}; lists, strings, numbers, booleans and null are
themselves. Reading is strict: only the report classes below are built, each
field must be one the class declares and must hold a value of its declared type;
anything else raises RecordError, so a damaged or foreign file is a miss, never a
report. A record names this module's FORMAT, and callers never read one written
by another version of wscheck (the cache and the journal key on it).
"""
from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from typing import Any, Union

from wscheck import facts as facts_module
from wscheck.model import Finding, FormatSummary, PaperReport, RuleResult

FORMAT = 1
MAX_DEPTH = 32  # reports are a few levels deep; anything deeper is not one of ours

_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (PaperReport, RuleResult, Finding, FormatSummary)}
_CLASSES |= {cls.__name__: cls for cls in (*facts_module.FACTS_TYPES.values(), facts_module.JsonFacts)}
_HINTS: dict[type, dict[str, Any]] = {}


class RecordError(ValueError):
    """A record that is not a report this version wrote."""


def to_record(report: PaperReport) -> dict:
    """The report as JSON-ready data (json.dumps gives the text)."""
    return _encode(report)


def from_record(data: Any) -> PaperReport:
    """The report a record holds; RecordError when it is anything else."""
    report = _decode(data, 0)
    if not isinstance(report, PaperReport):
        raise RecordError("not a paper report")
    return report


def dumps(report: PaperReport) -> str:
    """One line of ASCII JSON (no newline inside; a lone surrogate from a PDF's text is escaped, and read back)."""
    return json.dumps(to_record(report), ensure_ascii=True, separators=(",", ":"))


def loads(text: str | bytes) -> PaperReport:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise RecordError(f"not JSON: {exc}") from None
    return from_record(data)


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, enum.Enum) else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise RecordError(f"{name} cannot be recorded")
        return {"c": name, "f": {item.name: _encode(getattr(value, item.name))
                                 for item in dataclasses.fields(value) if item.init}}
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise RecordError("a dict with keys that are not strings cannot be recorded")
        return {"d": {key: _encode(v) for key, v in value.items()}}
    raise RecordError(f"a {type(value).__name__} cannot be recorded")


def _decode(data: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise RecordError("nested too deeply")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [_decode(v, depth + 1) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise RecordError("not a record")
    if set(data) == {"t"} and isinstance(data["t"], list):
        return tuple(_decode(v, depth + 1) for v in data["t"])
    if set(data) == {"d"} and isinstance(data["d"], dict):
        return {key: _decode(v, depth + 1) for key, v in data["d"].items()}
    if set(data) == {"c", "f"} and isinstance(data["f"], dict):
        return _build(data["c"], data["f"], depth)
    raise RecordError("not a record")


def _build(name: Any, values: dict, depth: int) -> Any:
    cls = _CLASSES.get(name) if isinstance(name, str) else None
    if cls is None:
        raise RecordError(f"unknown record class {name!r}")
    hints = _hints(cls)
    kwargs = {}
    for field_name, raw in values.items():
        if field_name not in hints:
            raise RecordError(f"{name} has no field {field_name!r}")
        value = _decode(raw, depth + 1)
        if not _fits(value, hints[field_name]):
            raise RecordError(f"{name}.{field_name} does not hold a {hints[field_name]}")
        kwargs[field_name] = value
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise RecordError(f"{name}: {exc}") from None


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        hints = typing.get_type_hints(cls)
        _HINTS[cls] = {item.name: hints[item.name] for item in dataclasses.fields(cls) if item.init}
    return _HINTS[cls]


def _fits(value: Any, hint: Any) -> bool:
    """Whether a decoded value is of the declared type (the shapes report fields use)."""
    if hint is Any:
        return True
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        return any(_fits(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is list:
        return isinstance(value, list) and all(_fits(v, args[0]) for v in value)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_fits(v, args[0]) for v in value)
        return len(args) == len(value) and all(_fits(v, a) for v, a in zip(value, args, strict=True))
    if origin is dict:
        return isinstance(value, dict) and all(_fits(v, args[1]) for v in value.values())
    if isinstance(hint, type):
        return isinstance(value, hint)
    return False
