"""Output hygiene: every string taken from a PDF or a file name passes through here before it is shown.

A PDF's text, its metadata, an attachment's name and the name of the file itself
are written by whoever made the file. Printed raw, they could:
- drive the terminal (ESC/CSI/OSC sequences clear the screen, retitle the window,
  print a fake PASS over the real verdict);
- reorder what is shown (bidi overrides);
- start a new line that a CI runner reads as a workflow command (`::error::`,
  `::add-mask::`, or the older `##[error]`);
- crash a reporter (lone surrogates from non-UTF-8 file names cannot be encoded).

`clean` neutralises all of that in one pass: C0 controls (except TAB) and DEL become
their visible Control Pictures (ESC shows as ␛), C1 controls, bidi controls and lone
surrogates become U+FFFD, and line breaks (LF, CR, VT, FF, NEL, LS, PS) become
spaces. With `line_start=True` no word of the string can begin a line with a
workflow command, wherever the text is wrapped: `::` or `##[` at the start or after
white space gets its first character in full width (`：:error`). It costs one regex
search for the common, clean string.
"""
from __future__ import annotations

import os
import re

# line breaks become spaces; the rest of the C0 range and DEL become Control Pictures
_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
                     "\u2028\u2029]")
_REPLACEMENT = "\ufffd"
# a workflow command is recognised after leading white space (the runner trims it)
_COMMAND_START = re.compile(r"^(\s*)(::|##\[)")
_COMMAND_WORD = re.compile(r"(^|\s)(::|##\[)")


def _replace(match: re.Match) -> str:
    char = match.group(0)
    if char in _BREAKS:
        return " "
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return _REPLACEMENT  # C1 controls, bidi controls, lone surrogates


def clean(value: object, *, line_start: bool = False) -> str:
    """`value` as a string safe to print: one line, no control or bidi characters, encodable as UTF-8."""
    text = value if isinstance(value, str) else str(value)
    if _UNSAFE.search(text) is not None:
        text = _UNSAFE.sub(_replace, text)
    if line_start and ("::" in text or "##[" in text):
        text = _COMMAND_WORD.sub(_defuse_command, text)
    return text


def clean_lines(text: str) -> str:
    """Text of several lines (each ending in a newline) made safe line by line, for plain-text output that
    quotes rule files or PDFs: its newlines stay, nothing in a line can start a CI workflow command."""
    return "\n".join(clean(line, line_start=True) for line in text.split("\n"))


def _defuse_command(match: re.Match) -> str:
    # the first character in its full-width form: still readable, no longer a command
    marker = match.group(2)
    return match.group(1) + {":": "\uff1a", "#": "\uff03"}[marker[0]] + marker[1:]


def clean_data(value):
    """`clean` applied to every string inside lists, tuples and dicts (keys too), for JSON output."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(v) for v in value]
    return value


# -- file names ------------------------------------------------------------------------------
def display_path(path: str | os.PathLike) -> str:
    """A path as text that can be printed: bytes that are not UTF-8 show as U+FFFD.

    On POSIX, Python keeps a non-UTF-8 file name (`caf\\xe9.pdf` from a zip made on
    Windows) as lone surrogates; they are replaced here, so the name can be shown and
    written anywhere. `path_bytes_hex` keeps the original bytes for JSON.
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text.decode("utf-8", "replace")
    if _has_surrogates(text):
        return os.fsencode(text).decode("utf-8", "replace")
    return text


def path_bytes_hex(path: str | os.PathLike) -> str | None:
    """The file name's bytes in hex when they are not valid UTF-8 (so `display_path` changed them), else None."""
    text = os.fspath(path)
    raw = text if isinstance(text, bytes) else os.fsencode(text) if _has_surrogates(text) else None
    if raw is None:
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.hex()
    return None


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# -- spreadsheets ----------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A text cell that a spreadsheet shows as text: a leading = + - @ TAB or CR is escaped with a quote.

    (OWASP's advice for CSV injection.) A cell that would start a line with a
    workflow command is escaped the same way.
    """
    if value.startswith(_FORMULA_START) or _COMMAND_START.match(value):
        return "'" + value
    return value
