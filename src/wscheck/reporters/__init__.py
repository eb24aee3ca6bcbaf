"""Reporters turn reports into output; they never check anything.

Each module has `render(reports, stream, options)` for `wscheck check`, and a
`Writer` that does the same one paper at a time (`begin`, `paper`, `end`:
wscheck.reporters.streaming), which is how a batch drives it. Options:
`single` (one file was given: JSON prints an object, not an array), `ruleset`
(the RuleSet that ran, for rule descriptions), `output` (the report's path, or
None for stdout: the HTML report links evidence relative to it).
"""
from __future__ import annotations

import importlib
from types import ModuleType

from wscheck.reporters.streaming import Writer

CHECK_FORMATS = ("text", "json", "jsonl", "csv", "junit", "sarif", "github", "markdown", "html")


def get(name: str) -> ModuleType:
    if name not in CHECK_FORMATS:
        raise KeyError(name)
    return importlib.import_module(f"{__name__}.{name}_report")


def writer(name: str) -> Writer:
    """A new writer for one report in format `name` (wscheck.reporters.streaming)."""
    return get(name).Writer()
