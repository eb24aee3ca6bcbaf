"""Lines of terminal text within a width: hanging indents, and nothing broken inside an id or a path.

The text report is set to a reading measure: the terminal's width, at most MEASURE
columns (80, the measure of man pages and commit logs). COLUMNS wins over the terminal,
and output that goes to no terminal (a pipe, a file, a CI log) uses COLUMNS or
DEFAULT_WIDTH. Wrapping happens here, not in rich: a paragraph is a list of spans
(text, style, breakable); breakable text wraps at spaces, an unbreakable span (a rule
id, a file name, "p.11 l.247") never wraps inside, and only a word longer than the
whole line is folded. A folded piece never starts a line with a CI workflow command
(`textsafe.clean(..., line_start=True)` again on each piece).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

from wscheck.terminal import is_terminal
from wscheck.textsafe import clean
from wscheck.textutil import page_ranges as ranges  # noqa: F401 - the report's page lists

MEASURE = 80  # the widest a paragraph of the report is set, whatever the terminal's width
DEFAULT_WIDTH = 80  # when no terminal and no COLUMNS say otherwise
MIN_WIDTH = 20  # a narrower COLUMNS is taken as this: below it nothing reads
MIN_TEXT = 12  # cells of text a line keeps beside its indent, however deep the layout wants it
ELLIPSIS = "…"


def output_width(stream: IO[str], environ: dict[str, str] | None = None) -> int:
    """The width to set text for: COLUMNS, else the terminal's, else DEFAULT_WIDTH."""
    env = os.environ if environ is None else environ
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    if is_terminal(stream):
        try:
            return max(MIN_WIDTH, os.get_terminal_size(stream.fileno()).columns)
        except (OSError, ValueError, AttributeError):
            pass
    return DEFAULT_WIDTH


@dataclass(frozen=True)
class Span:
    text: str
    style: str = ""
    breakable: bool = True  # False: an id, a path, a location; it moves to the next line whole


def shorten_left(text: str, width: int) -> str:
    """`text` within `width` characters, its start replaced by an ellipsis: a path keeps its file name."""
    if len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    tail = text[-(width - 1):]
    cut = tail.find("/")
    if 0 <= cut < len(tail) - 1 and len(tail) - cut >= width // 2:
        tail = tail[cut:]  # "…/corpus/paper.pdf" rather than "…rpus/paper.pdf"
    return ELLIPSIS + tail


def _tokens(spans: list[Span]) -> list[tuple[str, str, bool]]:
    """(word, style, space before it) for every word; an unbreakable span is one word."""
    out: list[tuple[str, str, bool]] = []
    space = False
    for span in spans:
        if not span.breakable:
            if span.text:
                out.append((span.text, span.style, space))
                space = False
            continue
        for number, piece in enumerate(span.text.split(" ")):
            if number > 0:
                space = True
            if piece:
                out.append((piece, span.style, space))
                space = False
    return out


def _fold(word: str, room: int) -> list[str]:
    """A word wider than a line, in pieces of at most `room` cells; no piece starts a workflow command."""
    pieces, piece, cells = [], "", 0
    for char in word:
        size = get_character_cell_size(char)
        if cells + size > room and piece:
            pieces.append(piece)
            piece, cells = "", 0
        piece += char
        cells += size
    pieces.append(piece)
    return [pieces[0]] + [clean(piece, line_start=True) for piece in pieces[1:]]


def wrap(spans: list[Span], width: int, first: Text | None = None, indent: int = 0,
         first_indent: int | None = None) -> list[Text]:
    """The spans as lines of at most `width` cells: the first line starts with `first` (or
    `first_indent` spaces), the others with `indent` spaces (a hanging indent)."""
    # on a narrow line an indent keeps MIN_TEXT cells for the text, whatever the layout asked for
    indent = max(0, min(indent, width - MIN_TEXT))
    lines: list[Text] = []
    if first is not None and first.cell_len > width - MIN_TEXT // 2:
        # a prefix too wide for the line (a narrow terminal): its words lead the text instead
        words = [piece for word in first.plain.split() for piece in (Span(word, breakable=False), Span(" "))]
        spans = [*words, *spans]
        first = None
        first_indent = 0
    if first is None:
        lead = indent if first_indent is None else max(0, min(first_indent, width - MIN_TEXT))
        line = Text(" " * lead)
    else:
        line = first.copy()
    start = line.cell_len

    def new_line() -> None:
        nonlocal line, start
        lines.append(line)
        line = Text(" " * indent)
        start = line.cell_len

    for word, style, space in _tokens(spans):
        cells = cell_len(word)
        gap = 1 if space and line.cell_len > start else 0
        fits_a_line = cells <= width - indent
        if line.cell_len + gap + cells > width and line.cell_len > start and fits_a_line:
            new_line()
            gap = 0
        room = width - line.cell_len - gap
        if cells > room:  # wider than any line: folded, from here
            if room < max(8, width // 4) and line.cell_len > start:
                new_line()
                gap, room = 0, width - line.cell_len
            if gap:
                line.append(" ")
            for number, piece in enumerate(_fold(word, max(1, room))):
                if number:
                    new_line()
                line.append(piece, style=style or None)
            continue
        if gap:
            line.append(" ")
        line.append(word, style=style or None)
    lines.append(line)
    return lines
