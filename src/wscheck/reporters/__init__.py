"""Reporters turn reports into output; they never check anything.

Each module has `render(reports, stream, options)` for `wscheck check`.
"""
from __future__ import annotations

import importlib
from types import ModuleType

CHECK_FORMATS = ("text", "json")


def get(name: str) -> ModuleType:
    if name not in CHECK_FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}_report")
