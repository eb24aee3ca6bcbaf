"""Section structure: reading order, headings, and where the main body ends.

Everything here reads the one shared extraction (`Document.lines`, `outline`,
`page_sizes`); nothing re-opens the PDF. The steps:

1. Page furniture is set aside: running heads and feet (text repeated in a
   band many pages use, or lines set apart from the text block in that band on
   many pages: a header "References" on every page is not a heading), page
   numbers, line-number rulers (a column of numbers in the margin), margin stamps.
2. Reading order: each page's columns are found from the valleys in the
   horizontal coverage of its narrow lines (two for ICML, four on a poster),
   each column holding lines of text that share a left edge; lines that cross
   a gutter (full-width titles, figure captions, tables) cut the page into
   bands read top to bottom, each band column by column.
3. Heading candidates: short lines standing alone on their baseline at a
   column's left edge (or centred), set apart by typography (bold, larger,
   capitals or small caps, a face of their own) or confirmed by the outline
   (bookmark title found on the bookmark's page). Plain body-style lines are
   kept as weak candidates: they become headings only when their title is
   known end matter and they are set off by space above. Tables of contents
   (dot leaders, a "Contents" title, stacks of numbered titles), lines spread
   across the column, and lines in the top margin are dropped.
4. Kinds: the title vocabulary (rule data, `wscheck.sections`) names
   references, appendices, checklists and end-matter statements; numbering
   does the rest: "7 Conclusion" is body, "A Proofs" opens the appendix once
   numbered body sections have been seen, and once a region has started
   (references, appendix, checklist) the headings after it belong to it.
   Numbered body headings must follow each other in order, which rejects
   table rows and figure labels ("1.19 2.95 ...", "S (%)").
5. `end_of_body(excluded)`: the main body ends at the first terminal heading
   of an excluded kind; excluded unnumbered statements right before it
   (Acknowledgments, Impact Statement...) are cut too. A heading at the very
   top of page k ends the body on page k-1.

Which kinds do not count toward a page limit is rule data (the `page-limit`
check's `excluded`); this module only says where each kind starts.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from itertools import accumulate
from dataclasses import dataclass, field, replace

from wscheck.pdf.model import Line, OutlineItem
from wscheck.sections import BODY, STATEMENT, TERMINAL, Vocabulary, builtin_vocabulary, normalise_title

REFERENCES = "references"
APPENDIX = "appendix"
CHECKLIST = "checklist"
# The kinds every page limit in the shipped rule sets leaves out; the default of `excluded`.
TERMINAL_KINDS = (REFERENCES, APPENDIX, CHECKLIST)
# Unnumbered end-matter statement kinds -> titles (from the vocabulary; kept for callers that test membership).
STATEMENT_TITLES: dict[str, list[str]] = {
    kind.id: sorted(kind.titles) for kind in builtin_vocabulary().kinds if kind.role == STATEMENT
}

# "7", "7.", "7.1", "A", "A.", "A.1", "IV.", followed by the title
_NUMBERED = re.compile(
    r"^(?P<number>(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){0,3}|[IVX]{2,5})\.?)(?:\s+|:\s+)(?P<title>\S.*)$"
)
# "Appendix A: Proofs", "Appendix B. Details", "Supplementary Material C"
_APPENDIX_NUMBERED = re.compile(
    r"^(?i:appendix|supplementary material|supplement)\s+(?P<number>[A-Z]|[A-Z]?\d{1,2})(?:\.\d{1,2})*\b[.:]?\s*(?P<title>.*)$"
)
_BARE_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){0,3}|[IVX]{2,5})\.?$")
_DIGITS = re.compile(r"^\d{1,4}$")
_PAGE_NUMBER = re.compile(r"[-–—\s]*\d{1,4}[-–—\s]*|[ivxlc]{1,6}|page \d+( of \d+)?", re.I)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
          "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}
# what bibliography entries contain: a year, "[12]", "et al.", venues, pages
_BIBLIOGRAPHIC = re.compile(
    r"\b(?:19|20)\d{2}[a-z]?\b|^\[\d{1,3}\]|\bet al\b|\barxiv\b|\bproceedings\b|\bjournal\b|\bconference\b"
    r"|\bpp\.|\bvol\.|\bdoi\b|\bpreprint\b|(?-i:\bIn [A-Z])|\bcorr\b|\burl\b|https?://"
    # lists of names: "Michael Ahn, Anthony Brohan, Noah Brown"
    r"|(?-i:[A-Z][\w'’-]+ [A-Z][\w'’-]+, [A-Z][\w'’-]+ [A-Z][\w'’-]+,)", re.I)
_NUMBERED_ENTRY = re.compile(r"^\[(\d{1,3})\]\s*\S")
_AUTHOR_ENTRY = re.compile(r"^(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, (?:[A-Z]\.|[A-Z][a-z]+)|[A-Z]\. ?(?:[A-Z]\. ?)?[A-Z][\w'’-]+,)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
TOC_RUN = 5  # this many stacked section titles with nothing between them is a table of contents


def classify_title(title: str, vocabulary: Vocabulary | None = None) -> str:
    """The section kind a heading title names (numbering already removed), or "body"."""
    return (vocabulary or builtin_vocabulary()).kind_of(title)


def split_number(text: str) -> tuple[str | None, str]:
    """("7", "Conclusion") for "7 Conclusion"; ("A", "Appendix A Proofs") for "Appendix A: Proofs"."""
    match = _APPENDIX_NUMBERED.match(text)
    if match:
        title = match.group("title").strip()
        return match.group("number"), f"Appendix {match.group('number')} {title}".strip()
    match = _NUMBERED.match(text)
    if match:
        return match.group("number").rstrip("."), match.group("title").strip()
    return None, text.strip()


def _number_type(number: str | None) -> str | None:
    """"digit" (7, 7.1), "letter" (A, A.1), "roman" (IV) or None."""
    if number is None:
        return None
    head = number.split(".")[0]
    if head.isdigit():
        return "digit"
    if len(head) == 1:
        return "letter"
    return "roman"


def _top_number(number: str) -> int | None:
    head = number.split(".")[0]
    if head.isdigit():
        return int(head)
    return _ROMAN.get(head)


@dataclass(slots=True)
class Heading:
    line: Line
    number: str | None  # "7", "A.1", None for unnumbered
    title: str
    kind: str
    column: int
    source: str  # "outline", "typography", "outline+typography", "plain", "reference-list"
    position: int = 0  # index in Structure.content

    @property
    def page(self) -> int:
        return self.line.page

    @property
    def text(self) -> str:
        return self.line.text if self.source != "reference-list" else "(reference list without a heading)"

    @property
    def numbered(self) -> bool:
        return self.number is not None


@dataclass(slots=True)
class EndPoint:
    """Where a part of the paper ends: its last line, and what ended it."""

    line: Line  # the last line that counts
    column: int  # 0-based column of that line on its page
    lines_into_page: int  # lines of text on that page, in reading order, up to and including it
    lines_into_column: int  # the same, counted in its column only
    ended_by: Heading | None  # None when nothing after it was found
    page: int  # the last page that counts (the page before, when the heading opens its page)


@dataclass(slots=True)
class Candidate:
    """A line that may be a heading; its kind is decided with a vocabulary."""

    line: Line
    position: int
    column: int
    number: str | None
    title: str
    style: tuple
    size: float
    prominent: bool  # bold, larger or capitals
    weak: bool  # looks like body text: a heading only with a known end-matter title
    outline_level: int | None  # level of the bookmark it matches, None when unconfirmed
    above: Line | None = None  # the nearest line above it in its column
    space_above: float | None = None  # white space between that line and this one; None when far


@dataclass
class Structure:
    body_size: float
    columns: int
    content: list[Line]  # reading order, page furniture removed
    column_of: dict[tuple[int, int], int]
    headings: list[Heading]
    furniture: set[tuple[int, int]] = field(default_factory=set)
    page_count: int = 0
    page_columns: list[int] = field(default_factory=list)  # columns of each page
    candidates: list[Candidate] = field(default_factory=list)
    unmatched_outline: list[OutlineItem] = field(default_factory=list)
    outline_top_level: int | None = None
    vocabulary: Vocabulary | None = None

    def __post_init__(self) -> None:
        self._order: dict[tuple[int, int], int] | None = None  # built on first use
        self._heading_positions = [h.position for h in self.headings]

    # -- section membership ---------------------------------------------------
    def position_of(self, line: Line) -> int | None:
        """Index of `line` in reading order; None for page furniture."""
        if self._order is None:
            self._order = {(l.page, l.index): n for n, l in enumerate(self.content)}
        return self._order.get((line.page, line.index))

    def heading_at(self, line: Line) -> Heading | None:
        """The heading of the section that contains `line` (None before the first heading)."""
        position = self.position_of(line)
        if position is None:
            return None  # page furniture belongs to no section
        at = bisect.bisect_right(self._heading_positions, position)
        return self.headings[at - 1] if at else None

    def kind_at(self, line: Line) -> str:
        """The kind of section that contains `line`: body, references, appendix, acknowledgments..."""
        heading = self.heading_at(line)
        return heading.kind if heading is not None else BODY

    def is_furniture(self, line: Line) -> bool:
        return (line.page, line.index) in self.furniture

    def first(self, kind: str) -> Heading | None:
        return next((h for h in self.headings if h.kind == kind), None)

    @property
    def references(self) -> Heading | None:
        """The References / Bibliography heading (a headless reference list is not one)."""
        return next((h for h in self.headings if h.kind == REFERENCES and h.source != "reference-list"), None)

    @property
    def reference_list(self) -> Heading | None:
        """Where the reference list starts: its heading, or its first entry when it has none."""
        return self.first(REFERENCES)

    @property
    def appendix(self) -> Heading | None:
        return self.first(APPENDIX)

    @property
    def checklist(self) -> Heading | None:
        return self.first(CHECKLIST)

    def with_vocabulary(self, vocabulary: Vocabulary) -> Structure:
        """The same pages read with another vocabulary (a rule set's extra section titles)."""
        if vocabulary is self.vocabulary:
            return self
        headings = _classify(self, vocabulary)
        return replace(self, headings=headings, vocabulary=vocabulary)

    # -- where the body ends --------------------------------------------------
    def _role(self, kind: str) -> str | None:
        return (self.vocabulary or builtin_vocabulary()).role(kind)

    def end_of_body(self, excluded=frozenset(TERMINAL_KINDS)) -> EndPoint | None:
        """The last line of text that counts, when sections of the `excluded` kinds do not.

        The body ends at the first terminal heading (references, appendix,
        checklist...) whose kind is excluded. Excluded unnumbered statements
        (acknowledgments, impact statements...) directly before it are cut
        too, as are excluded statements that end a paper with no terminal
        heading. Returns None for a paper with no text.
        """
        excluded = frozenset(excluded)
        terminal_at = next((n for n, h in enumerate(self.headings)
                            if h.kind in excluded and self._role(h.kind) == TERMINAL), None)
        cut_at = terminal_at
        walk_from = terminal_at if terminal_at is not None else len(self.headings)
        for n in range(walk_from - 1, -1, -1):
            heading = self.headings[n]
            if heading.kind in excluded and self._role(heading.kind) == STATEMENT and not heading.numbered:
                cut_at = n
            else:
                break
        cut = self.headings[cut_at] if cut_at is not None else None
        stop = cut.position if cut is not None else len(self.content)
        if stop <= 0:
            return None
        last = self.content[stop - 1]
        page = last.page
        if cut is not None and cut.page > last.page:
            page = cut.page - 1  # the heading opens its page: the body ends on the page before
        column = self.column_of.get((last.page, last.index), 0)
        into_page = into_column = 0
        for line in self.content[stop - 1::-1]:
            if line.page != last.page:
                break
            if self._is_text(line):
                into_page += 1
                into_column += self.column_of.get((line.page, line.index), 0) == column
        return EndPoint(line=last, column=column, lines_into_page=max(into_page, 1),
                        lines_into_column=max(into_column, 1), ended_by=cut, page=page)

    def _is_text(self, line: Line) -> bool:
        """A line of running text (not a figure's tick label or a stray symbol)."""
        return len(line.text) >= 2 and line.size >= self.body_size - 1.6

    @property
    def main_body_end(self) -> EndPoint | None:
        """End of the main body: references, appendices and checklists do not count."""
        return self.end_of_body(frozenset(TERMINAL_KINDS))

    @property
    def core_body_end(self) -> EndPoint | None:
        """End of the core body: unnumbered end-matter statements do not count either."""
        vocabulary = self.vocabulary or builtin_vocabulary()
        return self.end_of_body(frozenset(TERMINAL_KINDS) | frozenset(vocabulary.of_role(STATEMENT)))

    def summary(self) -> dict:
        """The `sections` object of `wscheck inspect` (see CONTRACT.md)."""
        main = self.main_body_end
        core = self.core_body_end
        refs = self.references
        appendix = self.appendix
        return {
            "main_body_last_page": main.page if main else None,
            "core_body_last_page": core.page if core else None,
            "references_page": refs.page if refs else None,
            "appendix_page": appendix.page if appendix else None,
        }


# ----------------------------------------------------------------------------
def analyse(document, vocabulary: Vocabulary | None = None) -> Structure:
    vocabulary = vocabulary or builtin_vocabulary()
    lines = document.lines
    sizes = document.page_sizes
    page_count = len(lines)
    furniture = _furniture(lines, sizes)
    body_size, body_font = _body_style(lines, furniture)
    content: list[Line] = []
    column_of: dict[tuple[int, int], int] = {}
    edges: dict[tuple[int, int], tuple[float, float]] = {}
    page_columns: list[int] = []
    for page_lines, size in zip(lines, sizes):
        kept = [l for l in page_lines if (l.page, l.index) not in furniture]
        ordered, columns, page_edges = _reading_order(kept, size.width or 612.0, body_size)
        column_of.update(columns)
        edges.update(page_edges)
        page_columns.append(max(len(page_edges), 1))
        content.extend(ordered)
    outline = [item for item in document.outline if item.page and 1 <= item.page <= page_count]
    candidates, unmatched, top_level = _candidates(content, column_of, edges, body_size, body_font, outline)
    structure = Structure(
        body_size=body_size,
        columns=1,
        content=content,
        column_of=column_of,
        headings=[],
        furniture=furniture,
        page_count=page_count,
        page_columns=page_columns,
        candidates=candidates,
        unmatched_outline=unmatched,
        outline_top_level=top_level,
    )
    structure = structure.with_vocabulary(vocabulary)
    # the layout of the main body (an appendix may switch to one column)
    end = structure.main_body_end
    last = end.page if end is not None else page_count
    counts = Counter(n for n, page_lines in zip(page_columns[:max(last, 1)], lines) if len(page_lines) >= 10)
    structure.columns = counts.most_common(1)[0][0] if counts else 1
    return structure


# -- furniture ------------------------------------------------------------------
def _body_style(lines: list[list[Line]], furniture: set[tuple[int, int]]) -> tuple[float, str]:
    """The size and the font of running text: those that set the most characters."""
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for page in lines:
        for line in page:
            if line.size > 0 and (line.page, line.index) not in furniture:
                sizes[round(line.size * 2) / 2] += len(line.text)
                fonts[line.font] += len(line.text)
    return (sizes.most_common(1)[0][0] if sizes else 10.0), (fonts.most_common(1)[0][0] if fonts else "")


def _furniture(lines: list[list[Line]], sizes) -> set[tuple[int, int]]:
    """Running heads and feet, page numbers, line-number rulers and margin stamps."""
    out: set[tuple[int, int]] = set()
    pages = len(lines)
    # line-number rulers: a column of bare numbers in the margin, at the same x on many lines;
    # once seen, the same x is a ruler on every page (a page with few numbered lines too)
    ruler_x: set[int] = set()
    for page_lines in lines:
        text = [l for l in page_lines if len(l.text) > 20]
        if not text:
            continue
        left, right = min(l.x0 for l in text), max(l.x1 for l in text)
        digit_x = Counter(round(l.x1 / 4) for l in page_lines
                          if _DIGITS.match(l.text) and (l.x1 < left - 2 or l.x0 > right + 2))
        ruler_x.update(x for x, n in digit_x.items() if n >= 8)
    band_lines: list[tuple[Line, tuple[str, int], bool]] = []
    for page_lines, size in zip(lines, sizes):
        height = size.height or 792.0
        width = size.width or 612.0
        for line in page_lines:
            key = (line.page, line.index)
            if ruler_x and _DIGITS.match(line.text) and (round(line.x1 / 4) in ruler_x
                                                         or round(line.x1 / 4) - 1 in ruler_x
                                                         or round(line.x1 / 4) + 1 in ruler_x):
                out.add(key)
                continue
            if line.height > 3 * max(line.width, 1) and line.height > 40 and (line.x1 < 60 or line.x0 > width - 60):
                out.add(key)  # vertical margin stamp (arXiv id)
                continue
            in_top = line.bottom < height * 0.085
            in_bottom = line.top > height * 0.915
            if in_bottom and _PAGE_NUMBER.fullmatch(line.text):
                out.add(key)  # page number
                continue
            if in_top or in_bottom:
                band = ("top" if in_top else "bottom", round(line.top / 3))
                band_lines.append((line, band, _set_apart(line, page_lines, in_top)))
    band_pages: dict[tuple[str, int], set[int]] = {}
    apart_pages: dict[tuple[str, int], set[int]] = {}
    text_pages: dict[tuple[str, str], set[int]] = {}
    for line, band, apart in band_lines:
        band_pages.setdefault(band, set()).add(line.page)
        if apart:
            apart_pages.setdefault(band, set()).add(line.page)
        text_pages.setdefault((band[0], _DIGIT_RUN.sub("#", line.text.lower())), set()).add(line.page)
    enough = max(2, pages * 0.3)
    for line, band, apart in band_lines:
        # running heads: text repeated in a band many pages use, or lines set apart from the text
        # block in the same band on many pages (heads that name the current section); a heading
        # that happens to open a page is set apart on that page only
        repeats = len(text_pages[(band[0], _DIGIT_RUN.sub("#", line.text.lower()))]) >= 2
        if repeats and len(band_pages[band]) >= enough or apart and len(apart_pages.get(band, ())) >= enough:
            out.add((line.page, line.index))
    return out


_DIGIT_RUN = re.compile(r"\d+")


def _set_apart(line: Line, page_lines: list[Line], top: bool) -> bool:
    """True when a wide gap separates `line` from the nearest text below (head) or above (foot)."""
    gap = None
    for other in page_lines:
        if other is line or other.x1 < line.x0 - 200 or other.x0 > line.x1 + 200:
            continue
        distance = other.top - line.bottom if top else line.top - other.bottom
        if distance > -1 and (gap is None or distance < gap):
            if abs(other.top - line.top) > 1:  # not a piece of the same line
                gap = distance
    return gap is None or gap >= max(8.0, 1.5 * max(line.height, 1.0))


# -- reading order ----------------------------------------------------------------
def _reading_order(lines: list[Line], page_width: float, body_size: float):
    """Order a page's lines; returns (lines, column of each line, (left, right) edges of each column)."""
    if not lines:
        return [], {}, {}
    page = lines[0].page
    intervals = _column_intervals(lines, body_size)
    if len(intervals) < 2:
        ordered = sorted(lines, key=lambda l: (round(l.top), l.x0)) if _stream_disordered(lines) else list(lines)
        return ordered, {(l.page, l.index): 0 for l in ordered}, {(page, 0): _edges(ordered)}
    column_of: dict[tuple[int, int], int] = {}
    members: list[list[Line]] = [[] for _ in intervals]
    spanning: list[Line] = []
    for line in lines:
        column = _column_for(line, intervals)
        if column is None:
            spanning.append(line)
            nearest = min(range(len(intervals)), key=lambda i: abs(intervals[i][0] - line.x0))
            column_of[(line.page, line.index)] = nearest
        else:
            members[column].append(line)
            column_of[(line.page, line.index)] = column
    spanning.sort(key=lambda l: (l.top, l.x0))
    cuts = [(l.top + l.bottom) / 2 for l in spanning]
    keyed = []
    for column, column_lines in enumerate(members):
        for line in column_lines:
            band = bisect.bisect_left(cuts, (line.top + line.bottom) / 2)
            keyed.append(((band, 0, column, round(line.top, 1), line.x0), line))
    for band, line in enumerate(spanning):
        keyed.append(((band, 1, 0, round(line.top, 1), line.x0), line))
    keyed.sort(key=lambda item: item[0])
    edges = {(page, column): _edges(column_lines) for column, column_lines in enumerate(members) if column_lines}
    return [line for _, line in keyed], column_of, edges


def _edges(lines: list[Line]) -> tuple[float, float]:
    """The usual left and right edges of a column: the most common x0 and x1."""
    lefts = Counter(round(l.x0) for l in lines)
    rights = Counter(round(l.x1) for l in lines)
    return float(lefts.most_common(1)[0][0]), float(rights.most_common(1)[0][0])


_VALLEY_RUN = re.compile(b"\x01+")


def _column_intervals(lines: list[Line], body_size: float) -> list[tuple[float, float]]:
    """The x-ranges of a page's text columns, found from the gutters between its narrow lines."""
    x_min = min(l.x0 for l in lines)
    x_max = max(l.x1 for l in lines)
    width = x_max - x_min
    if width < 100 or len(lines) < 16:
        return []
    narrow = [l for l in lines if l.width < 0.6 * width and len(l.text) > 1]
    total = sum(len(l.text) for l in lines) or 1
    if len(narrow) < 16 or sum(len(l.text) for l in narrow) < 0.6 * total:
        return []
    step = max(1.0, width / 1500)
    bins = int(width / step) + 2
    changes = [0] * (bins + 1)
    for line in narrow:
        changes[int((line.x0 - x_min) / step)] += 1
        changes[int((line.x1 - x_min) / step) + 1] -= 1
    coverage = list(accumulate(changes))[:bins]
    # a gutter is a valley of the coverage: titles, captions, equations and the cells of a
    # full-width table may cross it, but far fewer lines than fill the columns on both sides
    left_peak = [0] + list(accumulate(coverage, max))[:-1]
    right_peak = (list(accumulate(reversed(coverage), max))[::-1] + [0])[1:]
    noise = max(2, int(len(narrow) * 0.04))
    min_gap = max(5.0, 0.5 * body_size)
    gutters: list[tuple[float, float]] = []
    # one flag per bin (1: in a valley), then the runs of valley bins; a run that touches
    # either side of the page is the margin, not a gutter
    valley = bytes(count <= max(noise, 0.4 * min(left, right))
                   for count, left, right in zip(coverage, left_peak, right_peak))
    for run in _VALLEY_RUN.finditer(valley):
        start, end = run.span()
        if start > 0 and end < bins and (end - start) * step >= min_gap:
            gutters.append((x_min + start * step, x_min + end * step))
    # each column holds lines of running text that share a left edge; a gutter next to a
    # column that does not (a figure's gaps, a table's cells) is not a gutter
    narrow_chars = sum(len(l.text) for l in narrow)
    while gutters:
        bounds = [x_min] + [x for gutter in gutters for x in gutter] + [x_max]
        intervals = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        weak = next((n for n, (left, right) in enumerate(intervals)
                     if not _holds_text(narrow, left, right, narrow_chars)), None)
        if weak is None:
            return intervals
        # drop the narrower of the gutters beside the weak column
        beside = [g for g in (weak - 1, weak) if 0 <= g < len(gutters)]
        gutters.pop(min(beside, key=lambda g: gutters[g][1] - gutters[g][0]))
    return []


def _holds_text(narrow: list[Line], left: float, right: float, narrow_chars: int) -> bool:
    inside = [l for l in narrow if l.x0 >= left - 1 and l.x1 <= right + 1]
    if sum(len(l.text) for l in inside) < 0.05 * narrow_chars:
        return False
    text = [l for l in inside if len(l.text) >= 20]
    return len(text) >= 4 and Counter(round(l.x0) for l in text).most_common(1)[0][1] >= 3


def _column_for(line: Line, intervals: list[tuple[float, float]]) -> int | None:
    """The column holding `line`, or None when it spans several (a full-width title or caption)."""
    best, best_overlap = None, 0.0
    for column, (left, right) in enumerate(intervals):
        overlap = min(line.x1, right) - max(line.x0, left)
        if overlap > best_overlap:
            best, best_overlap = column, overlap
    if best is None:
        # in a gutter: the nearer column
        return min(range(len(intervals)), key=lambda i: min(abs(intervals[i][0] - line.x1),
                                                            abs(intervals[i][1] - line.x0)))
    if best_overlap >= 0.8 * line.width:
        return best
    left, right = intervals[best]
    # a line running into the gutter, not across it, stays in its column
    others = [min(line.x1, r) - max(line.x0, l) for n, (l, r) in enumerate(intervals) if n != best]
    if max(others, default=0.0) <= 0.15 * (right - left):
        return best
    return None


def _stream_disordered(lines: list[Line]) -> bool:
    """True when the content stream jumps up and down the page (drawn out of order)."""
    backwards = sum(1 for a, b in zip(lines, lines[1:]) if b.top < a.top - 40)
    return backwards > max(3, len(lines) // 4)


# -- heading candidates -------------------------------------------------------------
def _family(font: str) -> str:
    """A font's family without weight or optical size: "LMRoman12-Bold" -> "LMRoman"."""
    return _DIGIT_RUN.sub("", font.split("-")[0].split(",")[0])


def _is_caps(text: str) -> bool:
    """Capitals or small caps ("REFERENCES", "R EFERENCES"): no lower-case ASCII letter, three capitals at least."""
    ascii_text = text if text.isascii() else text.encode("ascii", "ignore").decode()
    return ascii_text.upper() == ascii_text and sum(map(str.isupper, ascii_text)) >= 3


class _Neighbours:
    """The lines of each (page, column), sorted top to bottom, for baseline and spacing tests."""

    def __init__(self, content: list[Line], column_of) -> None:
        self.groups: dict[tuple[int, int], list[Line]] = {}
        for line in content:
            self.groups.setdefault((line.page, column_of.get((line.page, line.index), 0)), []).append(line)
        self.tops: dict[tuple[int, int], list[float]] = {}
        for key, group in self.groups.items():
            group.sort(key=lambda l: (l.top, l.x0))
            self.tops[key] = [l.top for l in group]

    def around(self, line: Line, column: int) -> tuple[list[Line], Line | None]:
        """(lines sharing `line`'s baseline, the nearest line above it) in its column."""
        key = (line.page, column)
        group = self.groups.get(key, [])
        tops = self.tops.get(key, [])
        height = max(line.height, 1.0)
        lo = bisect.bisect_left(tops, line.top - max(3 * height, 40.0))
        hi = bisect.bisect_right(tops, line.bottom)
        same, above = [], None
        for other in group[lo:hi]:
            if other is line:
                continue
            overlap = min(other.bottom, line.bottom) - max(other.top, line.top)
            if overlap > 0.5 * min(height, max(other.height, 1.0)):
                same.append(other)
            elif other.bottom <= line.top + 1 and (above is None or other.bottom > above.bottom):
                above = other
        return same, above


def _typical_gap(content: list[Line], column_of, body_size: float) -> float:
    """The usual space between two lines of a paragraph (bottom of one to top of the next)."""
    gaps: list[float] = []
    previous = None
    for line in content:
        if previous is not None and previous.page == line.page and abs(line.size - body_size) < 0.6 \
                and abs(previous.size - body_size) < 0.6 \
                and column_of.get((line.page, line.index)) == column_of.get((previous.page, previous.index)):
            gap = line.top - previous.bottom
            if -2 < gap < 2 * body_size:
                gaps.append(gap)
        previous = line
        if len(gaps) >= 4000:
            break
    if not gaps:
        return 0.2 * body_size
    gaps.sort()
    return max(gaps[len(gaps) // 2], 0.0)


def _text_block_top(content: list[Line]) -> float:
    """Where running text starts on a page (lower quartile of each page's first line)."""
    firsts: dict[int, float] = {}
    for line in content:
        if line.page not in firsts or line.top < firsts[line.page]:
            firsts[line.page] = line.top
    tops = sorted(firsts.values())
    return tops[len(tops) // 4] if tops else 0.0


def _initial(title: str) -> str:
    """The first letter or digit of a title, lower case."""
    for ch in title:
        if ch.isalnum():
            return ch.lower()
    return ""


def _match_outline(content: list[Line], outline: list[OutlineItem]):
    """Match bookmarks to the lines that carry their titles on their pages.

    Returns ({line key: outline level}, bookmarks not found, whether the outline
    can be trusted: most of its bookmarks were found where they point).
    """
    if not outline:
        return {}, [], False
    initials: dict[int, set[str]] = {}  # page -> first letters of its bookmarks' titles, to skip most lines fast
    for item in outline:
        initials.setdefault(item.page, set()).add(_initial(split_number(item.title)[1]))
    by_page: dict[int, list[tuple[str, Line]]] = {}
    for line in content:
        wanted = initials.get(line.page)
        if wanted and len(line.text) <= 160:
            title = split_number(line.text)[1]
            if _initial(title) in wanted:
                by_page.setdefault(line.page, []).append((normalise_title(title), line))
    matched: dict[tuple[int, int], int] = {}
    unmatched: list[OutlineItem] = []
    for item in outline[:2000]:
        title = normalise_title(split_number(item.title)[1])
        if not title:
            continue
        best = None
        for norm, line in by_page.get(item.page, ()):
            if not norm:
                continue
            if norm == title or (len(norm) >= 8 and title.startswith(norm)) \
                    or (len(title) >= 8 and norm.startswith(title) and len(norm) <= len(title) + 3):
                if item.top is None:
                    best = line
                    break
                if best is None or abs(line.top - item.top) < abs(best.top - item.top):
                    best = line
        if best is None:
            unmatched.append(item)
        else:
            matched.setdefault((best.page, best.index), item.level)
    found = len(outline) - len(unmatched)
    trusted = found >= 2 and found >= 0.5 * len(outline)
    return matched, unmatched, trusted


def _candidates(content: list[Line], column_of, edges, body_size: float, body_font: str,
                outline: list[OutlineItem]):
    matched, unmatched, trusted = _match_outline(content, outline)
    top_level = min((item.level for item in outline), default=None)
    neighbours = _Neighbours(content, column_of)
    # left edges that many lines of text share on each page: column edges even where the
    # layout analysis saw one column
    shared: dict[int, Counter] = defaultdict(Counter)
    for line in content:
        if len(line.text) >= 20:
            shared[line.page][round(line.x0)] += 1
    page_edges = {page: [x for x, n in counts.items() if n >= 5] for page, counts in shared.items()}
    gap = _typical_gap(content, column_of, body_size)
    block_top = _text_block_top(content)
    out: list[Candidate] = []
    for position, line in enumerate(content):
        text = line.text
        if len(text) > 160:
            continue
        key = (line.page, line.index)
        level = matched.get(key)
        if level is None and (len(text) > 120 or text.count(" ") > 15):
            continue
        if _BARE_NUMBER.match(text):
            continue  # a number set apart from its title is joined to the title below
        number, title = split_number(text)
        if not title or title[0].islower() or not (title[0].isalnum() or _CJK.match(title[0])) or "??" in title:
            continue  # headings start with a capital or a digit, and never cite an unresolved "??"
        if sum(map(str.isalpha, title)) < 2 and not _CJK.search(title):
            continue
        bold = line.bold and line.end_bold
        larger = line.size >= body_size + 0.9
        caps = _is_caps(title)
        # a face of its own at full size (a word processor's heading style) also sets a line apart
        own_face = bool(line.font) and bool(body_font) and _family(line.font) != _family(body_font) \
            and not line.italic and line.size >= body_size - 0.2
        prominent = bold or larger or caps or own_face
        weak = not prominent and level is None
        ends_like_sentence = title[-1] in ".,;"
        if weak and (len(title.split()) > 6 or ends_like_sentence or line.size < body_size - 0.6):
            continue
        if ends_like_sentence and level is None and len(title.split()) > 3:
            continue  # "Limitations." opening a paragraph is not a heading; "References." alone may be
        if line.bottom < block_top - 2 and level is None:
            continue  # in the top margin: a running head that escaped the furniture test
        if level is None and line.width > len(text) * max(line.size, 0.8 * line.height) + 40:
            continue  # a few words spread across the column: a contents entry or table row with its number
        column = column_of.get(key, 0)
        same, above = neighbours.around(line, column)
        number_before = [o for o in same if o.x1 <= line.x0 + 1 and _BARE_NUMBER.match(o.text)
                         and line.x0 - o.x1 < 80]
        if level is None and any(o not in number_before and (len(o.text) > 1 or o.text.isalnum())
                                 and (max(o.x0 - line.x1, line.x0 - o.x1) < 8 or len(o.text) <= 6 and o.x0 > line.x1)
                                 for o in same):
            # shares its baseline with a close neighbour or a number to its right: a table row, a
            # contents entry with its page number (a line across a wide gap is another column)
            continue
        left, right = edges.get((line.page, column), (line.x0, line.x1))
        x0 = number_before[-1].x0 if number_before else line.x0
        reach = max(12.0, 1.2 * body_size)
        at_left = x0 <= left + reach or any(edge - 2 <= x0 <= edge + reach for edge in page_edges.get(line.page, ()))
        centred = right - left > 100 and abs((x0 + line.x1) / 2 - (left + right) / 2) < max(12.0, body_size) \
            and line.x1 - x0 < 0.8 * (right - left)
        if not (at_left or centred or level is not None):
            continue
        if weak and above is not None and line.top - above.bottom < gap + 0.35 * body_size:
            continue  # plain text with no space above it runs on from the paragraph
        if number_before:
            number, title = split_number(number_before[-1].text.rstrip(".") + " " + text)
        style = (line.font, round(line.size * 2) / 2, bold, line.italic, caps)
        out.append(Candidate(line=line, position=position, column=column, number=number,
                             title=title.rstrip(".:"), style=style, size=line.size, prominent=prominent,
                             weak=weak, outline_level=level, above=above,
                             space_above=None if above is None else line.top - above.bottom))
    return _drop_contents(out, content), (unmatched if trusted else []), top_level


_DOT_LEADER = re.compile(r"(?:\. ?){5,}|…{2,}|(?:· ?){5,}")
_CONTENTS_TITLES = {"contents", "table of contents", "appendix contents", "contents of the appendix", "目录"}


def _drop_contents(candidates: list[Candidate], content: list[Line]) -> list[Candidate]:
    """Remove tables of contents.

    A contents listing shows itself by dot leaders ("2.1 Setup . . . . 4"), by a
    "Contents" title followed by short entries, or by a stack of numbered
    section titles (1, 2, 3, A, B...) with nothing between them. Entries with
    their page number on their baseline never become candidates at all.
    """
    spans: dict[int, list[float]] = {}  # page -> [top, bottom, count] of its dot-leader lines
    listed: set[int] = set()  # positions inside a listing under a "Contents" title
    for position, line in enumerate(content):
        text = line.text
        if (". ." in text or "...." in text or "…" in text or "·" in text) and _DOT_LEADER.search(text):
            span = spans.setdefault(line.page, [line.top, line.bottom, 0])
            span[0] = min(span[0], line.top)
            span[1] = max(span[1], line.bottom)
            span[2] += 1
        elif len(text) <= 30 and ("ontents" in text.lower() or "目录" in text) \
                and normalise_title(text) in _CONTENTS_TITLES:
            end = position + 1
            while end < len(content) and _entry_like(content[end].text):
                end += 1
            listed.update(range(position, end))
    listing = {page: (top - 40, bottom + 40) for page, (top, bottom, count) in spans.items() if count >= 3}
    out = [c for c in candidates if c.position not in listed
           and not (c.line.page in listing and listing[c.line.page][0] <= c.line.top <= listing[c.line.page][1])]
    # stacks: consecutive candidates each directly under the previous one
    kept: list[Candidate] = []
    run: list[Candidate] = []
    for candidate in out + [None]:
        if candidate is not None and run and candidate.above is run[-1].line:
            run.append(candidate)
            continue
        numbered = {c.number for c in run if c.number is not None and "." not in c.number}
        if not (len(run) >= TOC_RUN and len(numbered) >= TOC_RUN - 1):
            kept.extend(run)
        run = [candidate] if candidate is not None else []
    return kept


def _entry_like(text: str) -> bool:
    """A line of a contents listing: dot leaders, a trailing page number, or a short title."""
    return bool(_DOT_LEADER.search(text) or _TRAILING_NUMBER.search(text)) or (
        len(text.split()) <= 10 and not text.endswith((".", ",", ";")))


_TRAILING_NUMBER = re.compile(r"\s\d{1,4}$")


# -- kinds ------------------------------------------------------------------------------
def _bibliographic_after(content: list[Line], position: int, count: int = 15, share: float = 0.25) -> bool:
    """True when the lines of text after `position` read like a reference list.

    Short lines (a figure's tick labels, page furniture that slipped through)
    are skipped; of the next `count` lines of text, `share` must cite a year,
    a venue, a DOI or list names.
    """
    following = []
    for line in content[position + 1:position + 1 + 8 * count]:
        if len(line.text) >= 20:
            following.append(line)
            if len(following) == count:
                break
    if not following:
        return False
    hits = sum(1 for line in following if _BIBLIOGRAPHIC.search(line.text))
    return hits >= max(1, share * len(following))


def _section_styles(candidates: list[Candidate], top_level: int | None) -> set[tuple]:
    """Typography of top-level section headings: numbered "1 ...", "2 ..." in order, or top-level bookmarks."""
    styles: Counter[tuple] = Counter()
    last = 0
    for candidate in candidates:
        if candidate.weak:
            continue
        if candidate.outline_level is not None and candidate.outline_level == top_level:
            styles[candidate.style] += 1
        kind = _number_type(candidate.number)
        if kind in ("digit", "roman") and "." not in candidate.number:
            value = _top_number(candidate.number)
            if value is not None and last < value <= last + 2:
                styles[candidate.style] += 1
                last = value
    if not styles:
        return set()
    most = styles.most_common(1)[0][1]
    return {style for style, n in styles.items() if n >= max(2, 0.3 * most)} or {styles.most_common(1)[0][0]}


def _classify(structure: Structure, vocabulary: Vocabulary) -> list[Heading]:
    content = structure.content
    candidates = sorted(structure.candidates + _outline_only(structure, vocabulary), key=lambda c: c.position)
    section_styles = _section_styles(candidates, structure.outline_top_level)

    def section_like(c: Candidate) -> bool:
        """Set like a top-level section heading ("1 Introduction")."""
        if c.outline_level is not None and c.outline_level == structure.outline_top_level:
            return True
        if section_styles:
            return c.style in section_styles
        return c.prominent and c.size >= structure.body_size + 0.9

    def set_off(c: Candidate) -> bool:
        """Space above, as headings have (a table's header row or a panel label usually not)."""
        return c.outline_level is not None or c.space_above is None or c.space_above >= 0.8 * structure.body_size

    readings = [_reading(c, vocabulary) for c in candidates]
    references = [c.position for c, kind, number_type in readings if kind == REFERENCES and number_type != "letter"]
    bibliographic: dict[int, bool] = {}

    def reads_as_list(position: int) -> bool:
        if position not in bibliographic:
            bibliographic[position] = _bibliographic_after(content, position)
        return bibliographic[position]

    headings: list[Heading] = []
    region = BODY  # what headings belong to: body, or the references / appendix / checklist they follow
    region_page = 0  # the page where the current region started
    last_top = 0  # the last top-level body section number, to keep numbered headings in order
    body_sections = 0
    for c, title_kind, number_type in readings:
        role = vocabulary.role(title_kind)
        top = c.number is not None and "." not in c.number
        if number_type == "letter" and region == BODY and top and c.number in "IVX" \
                and _ROMAN[c.number] == last_top + 1 and role != TERMINAL:
            number_type = "roman"  # "I. Introduction", "V. Conclusion"
        if c.weak and (role is None or (role == STATEMENT and c.number)
                       or (number_type == "letter" and title_kind != APPENDIX)):
            continue  # plain text is a heading only when it is exactly a known end-matter title
        if number_type == "letter":
            if title_kind == APPENDIX or region in (REFERENCES, APPENDIX, CHECKLIST):
                # "Appendix A: Proofs", or a lettered section after the references
                if not (c.prominent or c.outline_level is not None or title_kind == APPENDIX):
                    continue
                if region != APPENDIX and title_kind != APPENDIX and not (top and section_like(c)):
                    continue
            elif not (top and c.number == "A" and body_sections >= 2 and section_like(c) and set_off(c)):
                continue  # a figure's panel label, or a title that starts with "A"
            kind = region = APPENDIX
        elif role == TERMINAL:
            if title_kind == REFERENCES and not reads_as_list(c.position) \
                    and any(reads_as_list(o) for o in references if o > c.position):
                continue  # a contents entry or a label in a figure: the real reference list comes later
            if title_kind == REFERENCES and c.weak and not _bibliographic_after(content, c.position, share=0.1):
                continue  # a plain "References" line must at least be followed by some references
            kind = region = title_kind
            region_page = c.line.page
        elif number_type is not None:  # "7 Conclusion", "7.1 Setup", "IV. Evaluation"
            value = _top_number(c.number)
            if value is None:
                continue
            if region == BODY:
                if top and last_top < value <= last_top + 2:
                    last_top = value
                    body_sections += 1
                elif (top or value != last_top) and c.outline_level is None:
                    continue  # out of order: a table row, an equation number, a list item
                kind = BODY  # a numbered statement ("7 Limitations") counts as body
            elif region == REFERENCES:
                if not (top and section_like(c) and c.line.page > region_page and set_off(c)):
                    continue  # numbers inside the reference list
                kind = region = APPENDIX  # a numbered section on a page after the references opens the appendix
            else:
                kind = region
        elif role == STATEMENT:
            kind = title_kind
        else:  # an unnumbered heading with an ordinary title ("Abstract", "Proofs")
            if not (c.outline_level is not None or section_like(c)):
                continue
            if region == REFERENCES:
                if not (section_like(c) and c.line.page > region_page and set_off(c)):
                    continue
                region = APPENDIX  # e.g. "Supplementary Results" on a page after the references
            kind = region
        headings.append(Heading(line=c.line, number=c.number, title=c.title, kind=kind, column=c.column,
                                source=_source(c), position=c.position))
    if not any(h.kind == REFERENCES for h in headings):
        listed = _headless_reference_list(structure, headings)
        if listed is not None:
            headings.append(listed)
            headings.sort(key=lambda h: h.position)
    return headings


_SPLIT_CAPITAL = re.compile(r"^[A-Z] [A-Z]{2,}")


def _reading(c: Candidate, vocabulary: Vocabulary) -> tuple[Candidate, str, str | None]:
    """(candidate, kind its title names, its numbering type), small-caps splits undone."""
    number_type = _number_type(c.number)
    if number_type == "letter" and _SPLIT_CAPITAL.match(c.line.text) and vocabulary.kind_of(c.title) == BODY:
        whole = vocabulary.kind_of(c.line.text)
        if whole != BODY:
            # not "R" numbering "EFERENCES" but a small-caps split of "REFERENCES"
            return replace(c, number=None, title=c.line.text), whole, None
    return c, vocabulary.kind_of(c.title), number_type


def _source(c: Candidate) -> str:
    if c.outline_level is not None:
        return "outline+typography" if c.prominent else "outline"
    return "typography" if c.prominent else "plain"


def _outline_only(structure: Structure, vocabulary: Vocabulary) -> list[Candidate]:
    """Candidates for end-matter bookmarks whose title was not found as text (garbled fonts).

    Only from an outline whose other bookmarks were found where they point, and
    only for kinds the text itself did not show.
    """
    seen = {vocabulary.kind_of(c.title) for c in structure.candidates}
    out: list[Candidate] = []
    for item in structure.unmatched_outline:
        number, title = split_number(item.title)
        kind = vocabulary.kind_of(title)
        if vocabulary.role(kind) != TERMINAL or kind in seen:
            continue
        position = _position_at(structure, item.page, item.top)
        if position is None:
            continue
        line = structure.content[position]
        out.append(Candidate(line=line, position=position, column=structure.column_of.get((line.page, line.index), 0),
                             number=number, title=title, style=(), size=line.size, prominent=False, weak=False,
                             outline_level=item.level))
        seen.add(kind)
    return out


def _position_at(structure: Structure, page: int, top: float | None) -> int | None:
    """The line a bookmark points at: the nearest one at or below its target on its page."""
    best = None
    for position, line in enumerate(structure.content):
        if line.page == page and (top is None or line.bottom >= top - 2):
            if top is None:
                return position
            if best is None or line.top - top < structure.content[best].top - top:
                best = position
        elif line.page > page:
            break
    return best


def _headless_reference_list(structure: Structure, headings: list[Heading]) -> Heading | None:
    """The first entry of a reference list that has no heading ("[1] ...", "Author, A. ...").

    Looked for after the last body heading, up to the next end-matter heading:
    the first entry from which the rest reads as a reference list (entries
    open a fifth of the lines, half the lines cite a year or a venue).
    """
    content = structure.content
    body = [h.position for h in headings if h.kind == BODY]
    start = body[-1] + 1 if body else 0
    end = next((h.position for h in headings if h.position >= start and h.kind != BODY), len(content))
    if end - start < 4:
        return None
    entries = bibliographic = 0
    found = None
    # walk backwards keeping suffix counts, remembering the earliest entry from which the rest is a list
    for position in range(end - 1, start - 1, -1):
        text = content[position].text
        entry = bool(_NUMBERED_ENTRY.match(text) or _AUTHOR_ENTRY.match(text))
        entries += entry
        bibliographic += bool(_BIBLIOGRAPHIC.search(text))
        size = end - position
        if entry and entries >= 4 and entries >= 0.2 * size and bibliographic >= 0.5 * size:
            found = position
    return _list_heading(structure, found) if found is not None else None


def _list_heading(structure: Structure, position: int) -> Heading:
    line = structure.content[position]
    return Heading(line=line, number=None, title="", kind=REFERENCES,
                   column=structure.column_of.get((line.page, line.index), 0), source="reference-list",
                   position=position)
