"""The paper as one text in reading order: lines joined across breaks and hyphens, with each
line's offset, section kind and size class, and the sentence around any offset."""
from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass, field
from functools import cached_property

from wscheck.identity.model import Leak
from wscheck.identity.patterns import URL_HINT, URL_TEXT
from wscheck.model import Level


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@dataclass
class Stream:
    """The paper's text in reading order, lines joined, with each line's offset and section kind."""

    text: str
    lines: list
    starts: list[int]
    ends: list[int]
    kinds: list[str]
    headings: dict[int, str]  # rows that are section headings -> the heading's title
    small: list[bool]  # rows set smaller than the body text (footnotes, captions)
    page_rows: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # lower-cased once, same offsets: case-blind searches run on it without re.I (much faster)
        lower = self.text.lower()
        self.lower = lower if len(lower) == len(self.text) else self.text.translate(_ASCII_LOWER)

    def row_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    @cached_property
    def url_spans(self) -> list[tuple[int, int]]:
        """Where URLs are written in the text."""
        return [(m.start(), m.end()) for m in finditer_in_words(URL_TEXT, self.lower, URL_HINT)]

    def search_near(self, pattern: re.Pattern, trigger: re.Pattern, before: int = 80, after: int = 160) -> list:
        """`pattern`'s matches, looked for only around `trigger`'s matches in the lower-cased text.

        A rare, cheap trigger (a literal word the pattern needs) keeps an elaborate
        pattern from being tried at every position of a long paper.
        """
        found: list = []
        for hit in trigger.finditer(self.lower):
            lo = max(0, hit.start() - before, found[-1].end() if found else 0)
            match = pattern.search(self.text, lo, min(len(self.text), hit.end() + after))
            if match and match.start() <= hit.start() < match.end() + 1:
                found.append(match)
        return found

    def line_number(self, row: int) -> int:
        """1-based position of the row among its page's content lines."""
        rows = self.page_rows.get(self.lines[row].page, [])
        return bisect.bisect_left(rows, row) + 1


_SPACE = re.compile(r"\s")


def finditer_in_words(pattern: re.Pattern, text: str, hint: re.Pattern) -> list[re.Match]:
    """`pattern.finditer(text)`, for a pattern whose matches never hold white space and always hold a
    match of `hint`: searched only in the words (runs of non-space) where `hint` occurs.

    An elaborate pattern tried at every position of a long paper costs more than a literal hint
    found by a fast scan. Its matches are the same: each lies in one word, the scan restarts at
    every space, and a search bounded to the word sees the space before it (lookbehind) and
    the end of the text after it, which no such pattern tells from a space.
    """
    found: list[re.Match] = []
    scanned = 0  # the end of the last word searched
    for hit in hint.finditer(text):
        at = hit.start()
        if at < scanned:
            continue  # in the word just searched
        start = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1
        for space in _SPACE.finditer(text, start, at):  # other white space (a tab): rare
            start = space.end()
        after = _SPACE.search(text, hit.end())
        scanned = after.start() if after is not None else len(text)
        found.extend(pattern.finditer(text, start, scanned))
    return found


def finditer_at(pattern: re.Pattern, text: str, starts: list[int]) -> list[re.Match]:
    """`pattern.finditer(text)`, for a pattern that never matches empty text and that can only match at
    one of `starts` (sorted positions): tried there only, the same leftmost matches that never overlap."""
    found: list[re.Match] = []
    end = 0
    for at in starts:
        if at >= end:
            match = pattern.match(text, at)
            if match is not None:
                found.append(match)
                end = match.end()
    return found


_URLISH = re.compile(r"https?:|www\.|://|^[\w-]+(?:\.[\w-]+)+/|\.(?:com|org|net|io|edu|ai|co|science|dev)(?:/|$)",
                     re.I)
_URL_BREAK_CHARS = ("/", "-", "_", "?", "=", "&", "#", "~", "%", ":", "@")
_MAY_JOIN = frozenset(_URL_BREAK_CHARS) | {".", "\u00ad"}
_TLDS = {"com", "org", "net", "io", "edu", "ai", "co", "science", "dev", "app", "me", "ms", "info", "page"}


def joiner(a_text: str, b_text: str) -> str:
    """How two consecutive lines join: "" (continues), "-" (drop a line-end hyphen) or "\\n"."""
    a_text, b_text = a_text.rstrip(), b_text.lstrip()
    if not a_text or not b_text:
        return "\n"
    if a_text[-1] not in _MAY_JOIN and b_text[0] != "@":
        return "\n"  # every rule below needs one of these endings, or an "@" to start the next line
    last = a_text.rsplit(None, 1)[-1]
    first = b_text.split(None, 1)[0]
    if _URLISH.search(last):
        if last.endswith(_URL_BREAK_CHARS):
            return ""
        if last.endswith(".") and ("/" in first or first.rstrip(".,;)").lower() in _TLDS) \
                and re.match(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:/|[.,;)]?$)", first):
            return ""
        return "\n"
    if last.endswith("@") or first.startswith("@"):
        return ""
    if a_text.endswith(("-", "\u00ad")) and len(last) > 1 and last[-2].isalpha():
        return "-" if first[:1].islower() else ""
    return "\n"


def build_stream(document) -> Stream:
    structure = document.structure
    body = structure.body_size
    heading_of = {(h.page, h.line.index): h for h in structure.headings}
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    headings: dict[int, str] = {}
    small: list[bool] = []
    page_rows: dict[int, list[int]] = {}
    kind = "body"
    position = 0
    previous = None
    for row, line in enumerate(structure.content):
        key = (line.page, line.index)
        if key in heading_of:
            kind = heading_of[key].kind
            headings[row] = heading_of[key].title
        text = line.text
        if previous is not None:
            join = joiner(previous, text)
            if join == "-":
                parts[-1] = parts[-1].rstrip()[:-1]
                position = starts[-1] + len(parts[-1])
                ends[-1] = position
                join = ""
            parts.append(join)
            position += len(join)
        starts.append(position)
        parts.append(text)
        position += len(text)
        ends.append(position)
        kinds.append(kind)
        small.append(max(line.size, line.end_size or line.size) <= body - 0.6)
        page_rows.setdefault(line.page, []).append(row)
        previous = text
    return Stream("".join(parts), list(structure.content), starts, ends, kinds, headings, small, page_rows)


def leak_at(stream: Stream, document, row: int, kind: str, text: str, level: str = Level.ERROR,
             detail: str | None = None, box=None, fix: str | None = None) -> Leak:
    line = stream.lines[row]
    structure = document.structure
    column = None
    if structure.columns == 2:
        column = structure.column_of.get((line.page, line.index), 0) + 1
    return Leak(page=line.page, kind=kind, text=text, box=box or line.box, level=level, detail=detail,
                line=stream.line_number(row), column=column, fix_hint=fix)


SENTENCE_END = re.compile(r"(?<!\bet al)(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\bvs)(?<!\b[A-Z])[.!?][\"”’)]*\s+"
                           r"(?=[A-Z0-9(\[“\"])")


def context_around(stream: Stream, start: int, end: int, before: int = 240, after: int = 80) -> tuple[str, str]:
    """The sentence around [start, end): the text before it and after it, within one block of text.

    The block stops at section headings and where the text changes between
    body size and small print (a footnote is not the sentence above it).
    """
    row = stream.row_at(start)
    first = row
    while first > 0 and row - first < 8:
        prev = first - 1
        if prev in stream.headings or first in stream.headings or stream.small[prev] != stream.small[row] \
                or stream.lines[prev].page != stream.lines[row].page:
            break
        first = prev
    last = stream.row_at(max(start, end - 1))
    while last + 1 < len(stream.lines) and last - row < 3:
        nxt = last + 1
        if nxt in stream.headings or stream.small[nxt] != stream.small[row]:
            break
        last = nxt
    lo = max(stream.starts[first], start - before)
    hi = min(stream.ends[last], end + after)
    head = stream.text[lo:start]
    tail = stream.text[end:hi]
    # a sentence may end right before `start`: let the boundary see the next character
    cuts = [c for c in SENTENCE_END.finditer(head + stream.text[start:start + 1]) if c.end() <= len(head)]
    if cuts:
        head = head[cuts[-1].end():]
    cut = SENTENCE_END.search(tail)
    if cut:
        tail = tail[:cut.start() + 1]
    return head, tail


def sentence_around(stream: Stream, start: int, end: int, limit: int = 320) -> str:
    head, tail = context_around(stream, start, end, before=limit, after=limit)
    text = " ".join((head + stream.text[start:end] + tail).split())
    return text


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def inside_url(text: str, position: int) -> bool:
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    return "://" in text[start:position]


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset of its first character, sentence) for each sentence of `text`."""
    out = []
    position = 0
    for cut in list(SENTENCE_END.finditer(text)) + [None]:
        end = cut.start() + 1 if cut else len(text)
        piece = text[position:end]
        if piece.strip():
            out.append((position + len(piece) - len(piece.lstrip()), piece.strip()))
        if cut:
            position = cut.end()
    return out
