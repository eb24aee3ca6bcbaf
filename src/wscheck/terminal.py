"""Whether output gets colour: `--color/--no-color`, then NO_COLOR and FORCE_COLOR, then the terminal.

The command line wins over the environment. NO_COLOR (no-color.org) and FORCE_COLOR
(force-color.org) count when set to anything but the empty string; with both set,
NO_COLOR wins. Otherwise colour goes to a terminal only, never into a pipe or a file.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO


def is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def color_wanted(stream: IO[str], flag: bool | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """`flag` is --color (True), --no-color (False) or neither (None)."""
    if flag is not None:
        return flag
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", ""):
        return True
    return is_terminal(stream)
