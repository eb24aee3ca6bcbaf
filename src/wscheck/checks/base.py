"""The shape of a check type.

A check type is a module (see `wscheck.checks`) that defines:

    ID = "page-size"                     # what rule files write after `check:`
    DESCRIPTION = "one line"
    NEEDS = frozenset({"page_sizes"})    # Document facts it reads (wscheck.document.FACTS)
    PARAMS = {"width": Param(float, 612.0, "page width in points"), ...}
    CONTEXT = {"stage": "stage"}         # params filled from the run (track, stage, authors...)
    BOUND_TO = frozenset({"template"})   # optional: not run when the template rule finds the paper
                                         # in another template ("template") or the other stage's
                                         # build ("stage", or "stage:camera-ready" for that stage
                                         # only); NOT CHECKED with the reason instead

    def check(document, params) -> CheckOutput
    def message_fields(params) -> dict   # optional: more {fields} for the rule's message and fix

`check` is pure: it reads the document and its parameters and returns
findings; it never prints, never writes, and never opens another file.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import builtins
from typing import Any

_TYPE_NAMES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "mapping"}


@dataclass(frozen=True)
class Param:
    type: type
    default: Any
    help: str
    choices: tuple | None = None
    item_type: builtins.type | None = None  # for lists
    # a further check of a well-typed value (e.g. regex vetting): an error phrase or None
    check: Callable[[Any], str | None] | None = None

    @property
    def type_name(self) -> str:
        name = _TYPE_NAMES.get(self.type, self.type.__name__)
        if self.type is list and self.item_type is not None:
            name += f" of {_TYPE_NAMES.get(self.item_type, self.item_type.__name__)}s"
        return name

    def validate(self, value: Any) -> str | None:
        """An error message, or None when `value` fits this parameter."""
        if value is None:
            return None if self.default is None else "must not be empty"
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if self.type is int and isinstance(value, bool) or not isinstance(value, self.type):
            return f"must be a {self.type_name}, not {type(value).__name__}"
        if self.choices is not None:
            items = value if isinstance(value, list) else [value]
            bad = [v for v in items if v not in self.choices]
            if bad:
                return f"{bad[0]!r} is not one of: {', '.join(map(str, self.choices))}"
        if isinstance(value, list) and self.item_type is not None:
            for item in value:
                expected = (int, float) if self.item_type is float else self.item_type
                if not isinstance(item, expected) or isinstance(item, bool) and self.item_type is not bool:
                    return f"items must be {_TYPE_NAMES.get(self.item_type)}s, not {type(item).__name__}"
        if self.check is not None:
            return self.check(value)
        return None

    def coerce(self, value: Any) -> Any:
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value


class NotApplicable(Exception):
    """Raised by a check that cannot judge this paper; the rule shows NOT CHECKED."""
