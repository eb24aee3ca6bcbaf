"""Where the documentation that ships with wscheck is, for `--help` to point to.

The pages are in `docs/` of a source checkout, and the wheel installs them as
`wscheck/docs/` inside the package (pyproject.toml), so that a user offline, with
neither the repository nor the network, can still read them.
"""
from __future__ import annotations

import os

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def doc_path(name: str) -> str:
    """The installed page `name` (e.g. "json-output.md"), else the source checkout's."""
    installed = os.path.join(_PACKAGE, "docs", name)
    if os.path.exists(installed):
        return installed
    return os.path.normpath(os.path.join(_PACKAGE, "..", "..", "docs", name))
