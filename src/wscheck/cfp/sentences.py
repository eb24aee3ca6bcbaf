"""Sentences of a call, each verbatim and with where it stands: its block and the heading above it.

A value's `source` is the sentence it comes from, exactly as the call writes it,
so sentences are slices of their block's text, never rewritten. Headings come
from the markup (h1-h6, #) or, in plain text, from short lines that read like
one ("Important Dates", "Camera-Ready Instructions").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from wscheck.cfp.markup import Block

# Words after which a period does not end a sentence.
_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "cf", "fig", "figs", "al", "no", "nos", "approx", "incl", "dr", "prof", "st", "mr",
    "ms", "mrs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "resp", "eq", "sec", "ca", "u.s", "p",
    "pp", "vol", "ed", "eds", "min", "max", "a.m", "p.m", "est", "viz", "esp",
}
_END = re.compile(r"[.!?](?:[\"'\u201d\u2019)\]]*)(?=\s+(?:[\"'\u201c\u2018(\[~*]*[A-Z0-9\u00c0-\u024f]|[-\u2022]\s))")
_DATE_HINT = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}(?:st|nd|rd|th)?"
                        r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|"
                        r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b", re.I)


@dataclass
class Sentence:
    text: str
    block: int  # index of its block
    kind: str  # the block's kind: para, item, row, heading
    heading: str = ""  # the nearest heading above it ("" at the top)
    headings: list[str] = field(default_factory=list)  # every open heading, outermost first
    first: bool = True  # the first sentence of its block
    table_header: str | None = None  # for a table row: the first row of its table


def looks_like_heading(block: Block) -> bool:
    """A short line without a sentence's end, not a date line: a heading in plain text."""
    text = block.text.strip()
    if block.kind == "heading":
        return True
    if block.kind != "para" or len(text) > 80 or len(text.split()) > 10:
        return False
    if text.endswith((".", ",", ";", "!")) or "<http" in text or _DATE_HINT.search(text):
        return False
    return bool(re.match(r"^[^a-z]", text))


def split(text: str) -> list[str]:
    """Sentences of one block, verbatim: their concatenation with single spaces is the block."""
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        before = text[start:match.start()].rsplit(None, 1)
        word = before[-1].lower().lstrip("([\"'") if before else ""
        if word in _ABBREVIATIONS or re.fullmatch(r"[a-z]|\d{1,2}\.\d{1,2}", word) or \
                _inside_link(text, match.start()):
            continue
        pieces.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [chunk for piece in pieces if piece for chunk in _bounded(piece)]


MAX_SENTENCE = 1500  # characters; a call's sentences are far shorter, a hostile line is not


def _bounded(piece: str) -> list[str]:
    """A run-on "sentence" (a page without periods) in pieces of at most MAX_SENTENCE, cut at spaces."""
    out = []
    while len(piece) > MAX_SENTENCE:
        cut = piece.rfind(" ", 0, MAX_SENTENCE)
        cut = cut if cut > MAX_SENTENCE // 2 else MAX_SENTENCE
        out.append(piece[:cut].strip())
        piece = piece[cut:].strip()
    return out + ([piece] if piece else [])


def _inside_link(text: str, position: int) -> bool:
    opened = text.rfind("<", 0, position)
    return opened >= 0 and text.find(">", opened) > position and text.rfind(">", 0, position) < opened


def sentences(blocks: list[Block]) -> list[Sentence]:
    """Every sentence of the call with its block index and the headings above it."""
    out: list[Sentence] = []
    stack: list[tuple[int, str]] = []  # (level, text) of open headings
    header: str | None = None
    for index, block in enumerate(blocks):
        previous_row = index > 0 and blocks[index - 1].kind == "row"
        header = (header if previous_row else block.text) if block.kind == "row" else None
        if looks_like_heading(block):
            level = block.level or 6
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, block.text))
            out.append(Sentence(text=block.text, block=index, kind="heading",
                                heading=stack[-2][1] if len(stack) > 1 else "",
                                headings=[t for _, t in stack[:-1]]))
            continue
        heading = stack[-1][1] if stack else ""
        for number, piece in enumerate(split(block.text)):
            out.append(Sentence(text=piece, block=index, kind=block.kind, heading=heading,
                                headings=[t for _, t in stack], first=number == 0,
                                table_header=header if header != block.text else None))
    return out
