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
check's `excluded`); this module only says where each kind starts. Every
threshold is a named field of `StructureSettings` with its reason; the decisions
of steps 3 and 4 are named predicates (`_starts_like_title`, `_Classifier.section_like`...).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, compress
from typing import Protocol

from wscheck.geometry import page_dimensions
from wscheck.model import SectionsSummary
from wscheck.pdf.model import Line, OutlineItem, PageSize
from wscheck.sections import (
    APPENDIX, BODY, CHECKLIST, REFERENCES, STATEMENT, TERMINAL, TERMINAL_KINDS, Vocabulary, builtin_vocabulary,
    normalise_title,
)

__all__ = ["APPENDIX", "BODY", "CHECKLIST", "REFERENCES", "TERMINAL_KINDS", "Candidate", "EndPoint", "Heading",
           "Structure", "StructureSettings", "analyse", "split_number"]


# -- settings ------------------------------------------------------------------------------
@dataclass(frozen=True)
class FurnitureSettings:
    """What sets a line apart as page furniture rather than content (step 1)."""

    head_band: float = 0.085  # share of the page height from the top where running heads sit
    foot_band: float = 0.915  # ... and from where running feet and page numbers sit
    band_step: float = 3.0  # pt: lines within this much of each other's top share a band
    running_page_share: float = 0.3  # a band used on this share of the pages (at least 2) is running
    running_min_pages: int = 2
    apart_reach: float = 200.0  # pt: text further to the side does not sit under or over a head
    apart_gap: float = 8.0  # pt: a head is set apart by at least this white space ...
    apart_gap_lines: float = 1.5  # ... or this many of its own line heights, whichever is more
    ruler_step: float = 4.0  # pt: line-number right edges within one step are one ruler
    ruler_min_numbers: int = 8  # bare numbers at one x on a page that make a ruler
    ruler_text_chars: int = 20  # lines this long give the text's edges the ruler lies outside
    ruler_outside: float = 2.0  # pt beyond those edges a ruler number must be
    stamp_aspect: float = 3.0  # a line this many times taller than wide is set vertically ...
    stamp_min_height: float = 40.0  # pt: ... and this tall ...
    stamp_margin: float = 60.0  # pt: ... this close to a side edge: an arXiv or draft stamp


@dataclass(frozen=True)
class ColumnSettings:
    """How a page's columns and reading order are found (step 2)."""

    min_width: float = 100.0  # pt: text narrower than this is one column
    min_lines: int = 16  # a page needs this many lines (and narrow lines) to show columns
    narrow_share: float = 0.6  # a line narrower than this share of the text width may sit in a column ...
    narrow_chars_share: float = 0.6  # ... and narrow lines must set this share of the page's characters
    bins: int = 1500  # coverage is counted in this many steps across the text width (at most 1 pt each)
    noise_share: float = 0.04  # lines crossing a gutter (titles, equations): at most this share ...
    noise_min: int = 2  # ... or this many, of the narrow lines
    valley_depth: float = 0.4  # a gutter's coverage stays under this share of the lower peak beside it
    min_gutter: float = 5.0  # pt: the narrowest gutter ...
    min_gutter_body: float = 0.5  # ... or this many body sizes, whichever is more
    column_chars_share: float = 0.05  # a column sets at least this share of the narrow characters ...
    column_text_chars: int = 20  # ... in at least `column_text_lines` lines of this length ...
    column_text_lines: int = 4
    column_shared_left: int = 3  # ... of which this many share a left edge
    inside_column: float = 0.8  # a line with this share of its width in one column is in it
    into_gutter: float = 0.15  # a line reaching this share of a column's width into the next spans both
    disorder_jump: float = 40.0  # pt: a line this far above the previous one jumps back up
    disorder_min: int = 3  # more jumps than this (and a quarter of the lines) is a disordered stream


@dataclass(frozen=True)
class HeadingSettings:
    """What makes a line a heading candidate (step 3)."""

    max_chars: int = 160  # longer lines are never headings (nor matched against bookmarks)
    max_chars_unconfirmed: int = 120  # without a bookmark, longer lines are prose ...
    max_spaces_unconfirmed: int = 15  # ... as are lines of more words than this
    min_letters: int = 2  # a title spells a word (CJK titles excepted)
    larger_by: float = 0.9  # pt above the body size that makes a line larger
    own_face_slack: float = 0.2  # pt under the body size a heading face may be set
    weak_max_words: int = 6  # plain body-style lines this long are prose
    weak_smaller_by: float = 0.6  # pt under the body size: a plain line this small is a caption or note
    sentence_max_words: int = 3  # "Limitations." may head a run-in paragraph; longer, it is a sentence
    run_in_text_chars: int = 6  # text this long on a heading's baseline, right of it, is its paragraph's
    top_margin_slack: float = 2.0  # pt above the text block's top where a line is a running head
    spread_slack: float = 40.0  # pt: a line wider than its characters need plus this is spread out
    spread_height: float = 0.8  # characters are at least this share of the line height wide
    number_gap: float = 80.0  # pt: a section number this close left of a title belongs to it
    neighbour_gap: float = 8.0  # pt: a line this close on its baseline makes a table row
    page_number_chars: int = 6  # a short text right of a line may be its page number (contents)
    left_reach: float = 12.0  # pt right of a column edge a heading may start ...
    left_reach_body: float = 1.2  # ... or this many body sizes, whichever is more
    centred_min_column: float = 100.0  # pt: columns narrower than this centre nothing
    centred_slack: float = 12.0  # pt (or a body size) off the column's centre a centred heading may sit
    centred_max_width: float = 0.8  # a centred heading is narrower than this share of its column
    run_on_space: float = 0.35  # body sizes over the usual line gap that set a plain heading off
    gap_samples: int = 4000  # line gaps sampled for the usual gap ...
    gap_size_slack: float = 0.6  # pt: ... between lines of body size ...
    gap_max_body: float = 2.0  # ... less than this many body sizes apart
    default_gap: float = 0.2  # body sizes: the usual gap when none can be measured
    above_reach: float = 40.0  # pt (or three line heights) above a line where its neighbour above may start
    above_reach_lines: float = 3.0
    baseline_overlap: float = 0.5  # lines overlapping by this share of the smaller height share a baseline
    left_slack: float = 2.0  # pt left of a shared left edge a heading may start
    edge_line_chars: int = 20  # lines this long ...
    edge_min_lines: int = 5  # ... this many of which start at one x mark a column edge on their page
    outline_matches: int = 2000  # bookmarks matched to lines at most
    outline_prefix: int = 8  # characters a title must have to match a bookmark by prefix
    outline_extra: int = 3  # characters a line may add to a bookmark title it starts with
    outline_trusted: float = 0.5  # share of bookmarks found where they point that makes an outline trusted
    contents_title_chars: int = 30  # a "Contents" title is short
    contents_entry_words: int = 10  # a contents entry is a short title
    leader_lines: int = 3  # dot-leader lines on a page that make a contents listing
    leader_margin: float = 40.0  # pt above and below those lines that belong to the listing
    contents_run: int = 5  # this many stacked section titles with nothing between them is a table of contents


@dataclass(frozen=True)
class KindSettings:
    """How headings get their kinds and reference lists are recognised (step 4)."""

    section_style_share: float = 0.3  # a typography used this share as often as the commonest is a section style
    section_style_min: int = 2  # ... and at least this often
    number_skip: int = 2  # a numbered section may skip this many numbers (a lost heading)
    set_off: float = 0.8  # body sizes of space above that set a heading off
    sections_before_lettered: int = 2  # "A Proofs" opens the appendix after this many numbered body sections
    list_lines: int = 15  # lines of text read after a References heading ...
    list_scan: int = 8  # ... found within this many times as many lines ...
    list_line_chars: int = 20  # ... counting only lines this long ...
    list_share: float = 0.25  # ... of which this share must cite a year, a venue or names
    plain_list_share: float = 0.1  # ... or this share after a plain "References" line
    headless_min_lines: int = 4  # a headless reference list has at least this many lines ...
    headless_entries: int = 4  # ... and entries ...
    headless_entry_share: float = 0.2  # ... opening this share of its lines ...
    headless_cite_share: float = 0.5  # ... this share of which cite a year or a venue


@dataclass(frozen=True)
class BodySettings:
    """Measures of the running text that the end of the body is counted in."""

    default_size: float = 10.0  # pt: the body size of a PDF with no text
    text_min_chars: int = 2  # shorter lines are stray symbols, not lines of text ...
    text_size_slack: float = 1.6  # ... as are lines this much smaller than the body (tick labels)
    column_vote_lines: int = 10  # pages with this many lines vote on the body's column count


@dataclass(frozen=True)
class StructureSettings:
    """Every threshold of the section analysis, with its reason (pdfplumber's TableSettings is the model)."""

    furniture: FurnitureSettings = field(default_factory=FurnitureSettings)
    columns: ColumnSettings = field(default_factory=ColumnSettings)
    headings: HeadingSettings = field(default_factory=HeadingSettings)
    kinds: KindSettings = field(default_factory=KindSettings)
    body: BodySettings = field(default_factory=BodySettings)


SETTINGS = StructureSettings()


# -- titles and numbers --------------------------------------------------------------------
# "7", "7.", "7.1", "A", "A.", "A.1", "IV.", followed by the title
_NUMBERED = re.compile(
    r"^(?P<number>(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){0,3}|[IVX]{2,5})\.?)(?:\s+|:\s+)(?P<title>\S.*)$"
)
# "Appendix A: Proofs", "Appendix B. Details", "Supplementary Material C"
_APPENDIX_NUMBERED = re.compile(
    r"^(?i:appendix|supplementary material|supplement)\s+(?P<number>[A-Z]|[A-Z]?\d{1,2})(?:\.\d{1,2})*\b[.:]?\s*"
    r"(?P<title>.*)$"
)
_BARE_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){0,3}|[IVX]{2,5})\.?$")
_DIGITS = re.compile(r"^\d{1,4}$")
_DIGIT_RUN = re.compile(r"\d+")
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
_AUTHOR_ENTRY = re.compile(r"^(?:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?, (?:[A-Z]\.|[A-Z][a-z]+)"
                           r"|[A-Z]\. ?(?:[A-Z]\. ?)?[A-Z][\w'’-]+,)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


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


def _half_point(size: float) -> float:
    """A type size to the nearest half point: sizes a PDF reports as 9.96 and 10.0 are one size."""
    return round(size * 2) / 2


# -- the result ----------------------------------------------------------------------------
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
    run_in: bool = False  # a paragraph's run-in title ("Limitations.", or text follows on its baseline)


@dataclass
class Structure:
    body_size: float
    columns: int
    content: list[Line]  # reading order, page furniture removed
    column_of: dict[tuple[int, int], int]
    headings: list[Heading]
    vocabulary: Vocabulary
    furniture: set[tuple[int, int]] = field(default_factory=set)
    page_count: int = 0
    page_columns: list[int] = field(default_factory=list)  # columns of each page
    settings: StructureSettings = SETTINGS

    def __post_init__(self) -> None:
        self._order: dict[tuple[int, int], int] | None = None  # built on first use
        self._heading_positions = [h.position for h in self.headings]

    # -- section membership ---------------------------------------------------
    def position_of(self, line: Line) -> int | None:
        """Index of `line` in reading order; None for page furniture."""
        if self._order is None:
            self._order = {ln.key: n for n, ln in enumerate(self.content)}
        return self._order.get(line.key)

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
        return line.key in self.furniture

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

    # -- where the body ends --------------------------------------------------
    def end_of_body(self, excluded: Iterable[str] = frozenset(TERMINAL_KINDS)) -> EndPoint | None:
        """The last line of text that counts, when sections of the `excluded` kinds do not.

        The body ends at the first terminal heading (references, appendix,
        checklist...) whose kind is excluded. Excluded unnumbered statements
        (acknowledgments, impact statements...) directly before it are cut
        too, as are excluded statements that end a paper with no terminal
        heading. Returns None for a paper with no text.
        """
        excluded = frozenset(excluded)
        role = self.vocabulary.role
        terminal_at = next((n for n, h in enumerate(self.headings)
                            if h.kind in excluded and role(h.kind) == TERMINAL), None)
        cut_at = terminal_at
        walk_from = terminal_at if terminal_at is not None else len(self.headings)
        for n in range(walk_from - 1, -1, -1):
            heading = self.headings[n]
            if heading.kind in excluded and role(heading.kind) == STATEMENT and not heading.numbered:
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
        column = self.column_of.get(last.key, 0)
        into_page = into_column = 0
        for line in self.content[stop - 1::-1]:
            if line.page != last.page:
                break
            if self.is_text(line):
                into_page += 1
                into_column += self.column_of.get(line.key, 0) == column
        return EndPoint(line=last, column=column, lines_into_page=max(into_page, 1),
                        lines_into_column=max(into_column, 1), ended_by=cut, page=page)

    def is_text(self, line: Line) -> bool:
        """A line of running text (not a figure's tick label or a stray symbol)."""
        body = self.settings.body
        return len(line.text) >= body.text_min_chars and line.size >= self.body_size - body.text_size_slack

    @property
    def main_body_end(self) -> EndPoint | None:
        """End of the main body: references, appendices and checklists do not count."""
        return self.end_of_body(frozenset(TERMINAL_KINDS))

    @property
    def core_body_end(self) -> EndPoint | None:
        """End of the core body: unnumbered end-matter statements do not count either."""
        return self.end_of_body(frozenset(TERMINAL_KINDS) | frozenset(self.vocabulary.of_role(STATEMENT)))

    def summary(self) -> SectionsSummary:
        """The `sections` object of `wscheck inspect` (see CONTRACT.md)."""
        main = self.main_body_end
        core = self.core_body_end
        refs = self.references
        appendix = self.appendix
        return SectionsSummary(main_body_last_page=main.page if main else None,
                               core_body_last_page=core.page if core else None,
                               references_page=refs.page if refs else None,
                               appendix_page=appendix.page if appendix else None)


# ----------------------------------------------------------------------------
class PageFacts(Protocol):
    """What the analysis reads of a Document."""

    @property
    def lines(self) -> list[list[Line]]: ...

    @property
    def page_sizes(self) -> list[PageSize]: ...

    @property
    def outline(self) -> list[OutlineItem]: ...


def analyse(document: PageFacts, vocabulary: Vocabulary | None = None,
            settings: StructureSettings = SETTINGS) -> Structure:
    vocabulary = vocabulary or builtin_vocabulary()
    lines = document.lines
    sizes = document.page_sizes
    page_count = len(lines)
    furniture = _furniture(lines, sizes, settings.furniture)
    body_size, body_font = _body_style(lines, furniture, settings.body)
    content: list[Line] = []
    column_of: dict[tuple[int, int], int] = {}
    edges: dict[tuple[int, int], tuple[float, float]] = {}
    page_columns: list[int] = []
    for page_lines, size in zip(lines, sizes, strict=False):
        kept = [ln for ln in page_lines if ln.key not in furniture]
        ordered, columns, page_edges = _reading_order(kept, page_dimensions(size)[0], body_size, settings.columns)
        column_of.update(columns)
        edges.update(page_edges)
        page_columns.append(max(len(page_edges), 1))
        content.extend(ordered)
    outline = [item for item in document.outline if item.page and 1 <= item.page <= page_count]
    page = _PageText(content, column_of, edges, body_size, body_font, settings.headings)
    candidates, unmatched, top_level = _candidates(page, outline)
    unclassified = Structure(body_size=body_size, columns=1, content=content, column_of=column_of, headings=[],
                             vocabulary=vocabulary, furniture=furniture, page_count=page_count,
                             page_columns=page_columns, settings=settings)
    candidates = sorted(candidates + _outline_only(unclassified, candidates, unmatched, vocabulary),
                        key=lambda c: c.position)
    structure = replace(unclassified, headings=_Classifier(unclassified, candidates, top_level).headings())
    # the layout of the main body (an appendix may switch to one column)
    end = structure.main_body_end
    last = end.page if end is not None else page_count
    counts = Counter(n for n, page_lines in zip(page_columns[:max(last, 1)], lines, strict=False)
                     if len(page_lines) >= settings.body.column_vote_lines)
    structure.columns = counts.most_common(1)[0][0] if counts else 1
    return structure


# -- furniture ------------------------------------------------------------------
def _body_style(lines: list[list[Line]], furniture: set[tuple[int, int]],
                settings: BodySettings = SETTINGS.body) -> tuple[float, str]:
    """The size and the font of running text: those that set the most characters."""
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for page in lines:
        for line in page:
            if line.size > 0 and line.key not in furniture:
                sizes[_half_point(line.size)] += len(line.text)
                fonts[line.font] += len(line.text)
    return ((sizes.most_common(1)[0][0] if sizes else settings.default_size),
            (fonts.most_common(1)[0][0] if fonts else ""))


def _ruler_steps(lines: list[list[Line]], settings: FurnitureSettings) -> set[int]:
    """Line-number rulers: a column of bare numbers in the margin, at the same x on many
    lines; once seen, the same x is a ruler on every page (a page with few numbered lines too).
    Returned as right edges divided by `ruler_step`."""
    steps: set[int] = set()
    for page_lines in lines:
        text = [ln for ln in page_lines if len(ln.text) > settings.ruler_text_chars]
        if not text:
            continue
        left, right = min(ln.x0 for ln in text), max(ln.x1 for ln in text)
        outside = settings.ruler_outside
        digit_x = Counter(round(ln.x1 / settings.ruler_step) for ln in page_lines
                          if _DIGITS.match(ln.text) and (ln.x1 < left - outside or ln.x0 > right + outside))
        steps.update(x for x, n in digit_x.items() if n >= settings.ruler_min_numbers)
    return steps


def _on_ruler(line: Line, ruler_steps: set[int], settings: FurnitureSettings) -> bool:
    if not ruler_steps or not _DIGITS.match(line.text):
        return False
    step = round(line.x1 / settings.ruler_step)
    return step in ruler_steps or step - 1 in ruler_steps or step + 1 in ruler_steps


def _margin_stamp(line: Line, page_width: float, settings: FurnitureSettings) -> bool:
    """Vertical text by a side edge: an arXiv identifier or a draft stamp."""
    return line.height > settings.stamp_aspect * max(line.width, 1) and line.height > settings.stamp_min_height \
        and (line.x1 < settings.stamp_margin or line.x0 > page_width - settings.stamp_margin)


def _furniture(lines: list[list[Line]], sizes: Sequence[PageSize],
               settings: FurnitureSettings = SETTINGS.furniture) -> set[tuple[int, int]]:
    """Running heads and feet, page numbers, line-number rulers and margin stamps."""
    out: set[tuple[int, int]] = set()
    ruler_steps = _ruler_steps(lines, settings)
    band_lines: list[tuple[Line, tuple[str, int], bool]] = []
    for page_lines, size in zip(lines, sizes, strict=False):
        width, height = page_dimensions(size)
        for line in page_lines:
            if _on_ruler(line, ruler_steps, settings) or _margin_stamp(line, width, settings):
                out.add(line.key)
                continue
            in_top = line.bottom < height * settings.head_band
            in_bottom = line.top > height * settings.foot_band
            if in_bottom and _PAGE_NUMBER.fullmatch(line.text):
                out.add(line.key)  # page number
                continue
            if in_top or in_bottom:
                band = ("top" if in_top else "bottom", round(line.top / settings.band_step))
                band_lines.append((line, band, _set_apart(line, page_lines, in_top, settings)))
    out.update(_running_lines(band_lines, len(lines), settings))
    return out


def _running_lines(band_lines: list[tuple[Line, tuple[str, int], bool]], pages: int,
                   settings: FurnitureSettings) -> Iterable[tuple[int, int]]:
    """Running heads: text repeated in a band many pages use, or lines set apart from the text
    block in the same band on many pages (heads that name the current section); a heading that
    happens to open a page is set apart on that page only."""
    band_pages: dict[tuple[str, int], set[int]] = {}
    apart_pages: dict[tuple[str, int], set[int]] = {}
    text_pages: dict[tuple[str, str], set[int]] = {}
    for line, band, apart in band_lines:
        band_pages.setdefault(band, set()).add(line.page)
        if apart:
            apart_pages.setdefault(band, set()).add(line.page)
        text_pages.setdefault((band[0], _DIGIT_RUN.sub("#", line.text.lower())), set()).add(line.page)
    enough = max(settings.running_min_pages, pages * settings.running_page_share)
    for line, band, apart in band_lines:
        repeats = len(text_pages[(band[0], _DIGIT_RUN.sub("#", line.text.lower()))]) >= 2
        if repeats and len(band_pages[band]) >= enough or apart and len(apart_pages.get(band, ())) >= enough:
            yield line.key


def _set_apart(line: Line, page_lines: list[Line], top: bool,
               settings: FurnitureSettings = SETTINGS.furniture) -> bool:
    """True when a wide gap separates `line` from the nearest text below (head) or above (foot)."""
    gap = None
    reach = settings.apart_reach
    for other in page_lines:
        if other is line or other.x1 < line.x0 - reach or other.x0 > line.x1 + reach:
            continue
        distance = other.top - line.bottom if top else line.top - other.bottom
        if distance > -1 and (gap is None or distance < gap):
            if abs(other.top - line.top) > 1:  # not a piece of the same line
                gap = distance
    return gap is None or gap >= max(settings.apart_gap, settings.apart_gap_lines * max(line.height, 1.0))


# -- reading order ----------------------------------------------------------------
def _reading_order(lines: list[Line], page_width: float, body_size: float,
                   settings: ColumnSettings = SETTINGS.columns):
    """Order a page's lines; returns (lines, column of each line, (left, right) edges of each column)."""
    if not lines:
        return [], {}, {}
    page = lines[0].page
    intervals = _column_intervals(lines, body_size, settings)
    if len(intervals) < 2:
        ordered = sorted(lines, key=lambda ln: (round(ln.top), ln.x0)) if _stream_disordered(lines, settings) \
            else list(lines)
        return ordered, {ln.key: 0 for ln in ordered}, {(page, 0): _edges(ordered)}
    column_of: dict[tuple[int, int], int] = {}
    members: list[list[Line]] = [[] for _ in intervals]
    spanning: list[Line] = []
    for line in lines:
        column = _column_for(line, intervals, settings)
        if column is None:
            spanning.append(line)
            nearest = min(range(len(intervals)), key=lambda i: abs(intervals[i][0] - line.x0))
            column_of[line.key] = nearest
        else:
            members[column].append(line)
            column_of[line.key] = column
    spanning.sort(key=lambda ln: (ln.top, ln.x0))
    cuts = [(ln.top + ln.bottom) / 2 for ln in spanning]
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
    lefts = Counter(round(ln.x0) for ln in lines)
    rights = Counter(round(ln.x1) for ln in lines)
    return float(lefts.most_common(1)[0][0]), float(rights.most_common(1)[0][0])


_VALLEY_RUN = re.compile(b"\x01+")


def _column_intervals(lines: list[Line], body_size: float,
                      settings: ColumnSettings = SETTINGS.columns) -> list[tuple[float, float]]:
    """The x-ranges of a page's text columns, found from the gutters between its narrow lines."""
    x_min = min(ln.x0 for ln in lines)
    x_max = max(ln.x1 for ln in lines)
    width = x_max - x_min
    if width < settings.min_width or len(lines) < settings.min_lines:
        return []
    narrow = [ln for ln in lines if ln.width < settings.narrow_share * width and len(ln.text) > 1]
    total = sum(len(ln.text) for ln in lines) or 1
    if len(narrow) < settings.min_lines or sum(len(ln.text) for ln in narrow) < settings.narrow_chars_share * total:
        return []
    gutters = _gutters(narrow, x_min, width, body_size, settings)
    # each column holds lines of running text that share a left edge; a gutter next to a
    # column that does not (a figure's gaps, a table's cells) is not a gutter
    narrow_chars = sum(len(ln.text) for ln in narrow)
    while gutters:
        bounds = [x_min] + [x for gutter in gutters for x in gutter] + [x_max]
        intervals = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        weak = next((n for n, (left, right) in enumerate(intervals)
                     if not _holds_text(narrow, left, right, narrow_chars, settings)), None)
        if weak is None:
            return intervals
        # drop the narrower of the gutters beside the weak column
        beside = [g for g in (weak - 1, weak) if 0 <= g < len(gutters)]
        gutters.pop(min(beside, key=lambda g: gutters[g][1] - gutters[g][0]))
    return []


def _gutters(narrow: list[Line], x_min: float, width: float, body_size: float,
             settings: ColumnSettings) -> list[tuple[float, float]]:
    """Valleys in the horizontal coverage of the narrow lines, wide enough to be gutters."""
    step = max(1.0, width / settings.bins)
    bins = int(width / step) + 2
    changes = [0] * (bins + 1)
    for line in narrow:
        changes[int((line.x0 - x_min) / step)] += 1
        changes[int((line.x1 - x_min) / step) + 1] -= 1
    coverage = list(accumulate(changes))[:bins]
    # a gutter is a valley of the coverage: titles, captions, equations and the cells of a
    # full-width table may cross it, but far fewer lines than fill the columns on both sides
    noise = max(settings.noise_min, int(len(narrow) * settings.noise_share))
    min_gap = max(settings.min_gutter, settings.min_gutter_body * body_size)
    gutters: list[tuple[float, float]] = []
    # one flag per bin (1: in a valley), then the runs of valley bins; a run that touches
    # either side of the page is the margin, not a gutter
    valley = _valley_flags(coverage, changes, lambda count, left, right: count <= max(
        noise, settings.valley_depth * min(left, right)))
    for run in _VALLEY_RUN.finditer(valley):
        start, end = run.span()
        if start > 0 and end < bins and (end - start) * step >= min_gap:
            gutters.append((x_min + start * step, x_min + end * step))
    return gutters


def _valley_flags(coverage: list[int], changes: list[int], in_valley) -> bytes:
    """A byte per bin: `in_valley(count, left peak, right peak)`, the peaks being the highest coverage
    strictly left and right of the bin (0 at the edges).

    The coverage only changes where a line starts or ends (`changes`, non-zero there), so the test is
    made once per stretch of equal coverage (and at its first and last bins, where the peak beside it
    may differ), not for each of the 1,500 bins.
    """
    bins = len(coverage)
    starts = [0, *compress(range(1, bins), changes[1:bins])]
    counts = [coverage[start] for start in starts]
    before = [0, *accumulate(counts, max)][:-1]  # the peak of the stretches left of each stretch
    after = [*accumulate(reversed(counts), max)][::-1][1:] + [0]  # ... and right of it
    flags = []
    for start, end, count, left, right in zip(starts, [*starts[1:], bins], counts, before, after, strict=True):
        if end - start == 1:
            flags.append(b"\x01" if in_valley(count, left, right) else b"\x00")
            continue
        flags.append(b"\x01" if in_valley(count, left, max(right, count)) else b"\x00")
        inside = in_valley(count, max(left, count), max(right, count))
        flags.append((b"\x01" if inside else b"\x00") * (end - start - 2))
        flags.append(b"\x01" if in_valley(count, max(left, count), right) else b"\x00")
    return b"".join(flags)


def _holds_text(narrow: list[Line], left: float, right: float, narrow_chars: int,
                settings: ColumnSettings = SETTINGS.columns) -> bool:
    inside = [ln for ln in narrow if ln.x0 >= left - 1 and ln.x1 <= right + 1]
    if sum(len(ln.text) for ln in inside) < settings.column_chars_share * narrow_chars:
        return False
    text = [ln for ln in inside if len(ln.text) >= settings.column_text_chars]
    return len(text) >= settings.column_text_lines and \
        Counter(round(ln.x0) for ln in text).most_common(1)[0][1] >= settings.column_shared_left


def _column_for(line: Line, intervals: list[tuple[float, float]],
                settings: ColumnSettings = SETTINGS.columns) -> int | None:
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
    if best_overlap >= settings.inside_column * line.width:
        return best
    left, right = intervals[best]
    # a line running into the gutter, not across it, stays in its column
    others = [min(line.x1, r) - max(line.x0, ln) for n, (ln, r) in enumerate(intervals) if n != best]
    if max(others, default=0.0) <= settings.into_gutter * (right - left):
        return best
    return None


def _stream_disordered(lines: list[Line], settings: ColumnSettings = SETTINGS.columns) -> bool:
    """True when the content stream jumps up and down the page (drawn out of order)."""
    backwards = sum(1 for a, b in zip(lines, lines[1:], strict=False) if b.top < a.top - settings.disorder_jump)
    return backwards > max(settings.disorder_min, len(lines) // 4)


# -- heading candidates -------------------------------------------------------------
def _family(font: str) -> str:
    """A font's family without weight or optical size: "LMRoman12-Bold" -> "LMRoman"."""
    family = _FAMILIES.get(font)
    if family is None:  # a paper uses a few dozen fonts, asked about for every heading candidate
        if len(_FAMILIES) > 10_000:  # hostile files: bound the memo
            _FAMILIES.clear()
        family = _FAMILIES[font] = _DIGIT_RUN.sub("", font.split("-")[0].split(",")[0])
    return family


_FAMILIES: dict[str, str] = {}


_CAPS_MIN = 3  # capitals a title in capitals has at least ("REFERENCES"; "AI" is an acronym)


def _is_caps(text: str) -> bool:
    """Capitals or small caps ("REFERENCES", "R EFERENCES"): no lower-case ASCII letter, three capitals at least."""
    ascii_text = text if text.isascii() else text.encode("ascii", "ignore").decode()
    return ascii_text.upper() == ascii_text and sum(map(str.isupper, ascii_text)) >= _CAPS_MIN


class _Neighbours:
    """The lines of each (page, column), sorted top to bottom, for baseline and spacing tests."""

    def __init__(self, content: list[Line], column_of, settings: HeadingSettings = SETTINGS.headings) -> None:
        self.settings = settings
        self.groups: dict[tuple[int, int], list[Line]] = {}
        for line in content:
            self.groups.setdefault((line.page, column_of.get(line.key, 0)), []).append(line)
        self.tops: dict[tuple[int, int], list[float]] = {}
        for key, group in self.groups.items():
            group.sort(key=lambda ln: (ln.top, ln.x0))
            self.tops[key] = [ln.top for ln in group]

    def around(self, line: Line, column: int) -> tuple[list[Line], Line | None]:
        """(lines sharing `line`'s baseline, the nearest line above it) in its column."""
        key = (line.page, column)
        group = self.groups.get(key, [])
        tops = self.tops.get(key, [])
        height = max(line.height, 1.0)
        settings = self.settings
        lo = bisect.bisect_left(tops, line.top - max(settings.above_reach_lines * height, settings.above_reach))
        hi = bisect.bisect_right(tops, line.bottom)
        same, above = [], None
        for other in group[lo:hi]:
            if other is line:
                continue
            overlap = min(other.bottom, line.bottom) - max(other.top, line.top)
            if overlap > settings.baseline_overlap * min(height, max(other.height, 1.0)):
                same.append(other)
            elif other.bottom <= line.top + 1 and (above is None or other.bottom > above.bottom):
                above = other
        return same, above


def _typical_gap(content: list[Line], column_of, body_size: float,
                 settings: HeadingSettings = SETTINGS.headings) -> float:
    """The usual space between two lines of a paragraph (bottom of one to top of the next)."""
    gaps: list[float] = []
    previous = None
    for line in content:
        if previous is not None and previous.page == line.page \
                and abs(line.size - body_size) < settings.gap_size_slack \
                and abs(previous.size - body_size) < settings.gap_size_slack \
                and column_of.get(line.key) == column_of.get(previous.key):
            gap = line.top - previous.bottom
            if -2 < gap < settings.gap_max_body * body_size:  # (a little overlap is still the next line)
                gaps.append(gap)
        previous = line
        if len(gaps) >= settings.gap_samples:
            break
    if not gaps:
        return settings.default_gap * body_size
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


def _titles_match(line_title: str, bookmark: str, settings: HeadingSettings) -> bool:
    """A line carries a bookmark's title: the same, or one a prefix of the other (a title
    broken over two lines, or a line that adds a short tail)."""
    return line_title == bookmark \
        or (len(line_title) >= settings.outline_prefix and bookmark.startswith(line_title)) \
        or (len(bookmark) >= settings.outline_prefix and line_title.startswith(bookmark)
            and len(line_title) <= len(bookmark) + settings.outline_extra)


def _match_outline(content: list[Line], outline: list[OutlineItem], settings: HeadingSettings = SETTINGS.headings):
    """Match bookmarks to the lines that carry their titles on their pages.

    Returns ({line key: outline level}, bookmarks not found, whether the outline
    can be trusted: most of its bookmarks were found where they point).
    """
    if not outline:
        return {}, [], False
    initials: dict[int, set[str]] = {}  # page -> first letters of its bookmarks' titles, to skip most lines fast
    for item in outline:
        if item.page is not None:
            initials.setdefault(item.page, set()).add(_initial(split_number(item.title)[1]))
    by_page: dict[int, list[tuple[str, Line]]] = {}
    for line in content:
        wanted = initials.get(line.page)
        if wanted and len(line.text) <= settings.max_chars:
            title = split_number(line.text)[1]
            if _initial(title) in wanted:
                by_page.setdefault(line.page, []).append((normalise_title(title), line))
    matched: dict[tuple[int, int], int] = {}
    unmatched: list[OutlineItem] = []
    for item in outline[:settings.outline_matches]:
        title = normalise_title(split_number(item.title)[1])
        if not title:
            continue
        best = None
        for norm, line in by_page.get(item.page or 0, ()):
            if not norm or not _titles_match(norm, title, settings):
                continue
            if item.top is None:
                best = line
                break
            if best is None or abs(line.top - item.top) < abs(best.top - item.top):
                best = line
        if best is None:
            unmatched.append(item)
        else:
            matched.setdefault(best.key, item.level)
    found = len(outline) - len(unmatched)
    trusted = found >= 2 and found >= settings.outline_trusted * len(outline)
    return matched, unmatched, trusted


@dataclass
class _PageText:
    """The reading-order text a page's headings are looked for in, with what the tests measure once."""

    content: list[Line]
    column_of: dict[tuple[int, int], int]
    edges: dict[tuple[int, int], tuple[float, float]]
    body_size: float
    body_font: str
    settings: HeadingSettings = SETTINGS.headings

    def __post_init__(self) -> None:
        settings = self.settings
        self.neighbours = _Neighbours(self.content, self.column_of, settings)
        # left edges that many lines of text share on each page: column edges even where the
        # layout analysis saw one column
        shared: dict[int, Counter] = defaultdict(Counter)
        for line in self.content:
            if len(line.text) >= settings.edge_line_chars:
                shared[line.page][round(line.x0)] += 1
        self.page_edges = {page: [x for x, n in counts.items() if n >= settings.edge_min_lines]
                           for page, counts in shared.items()}
        self.gap = _typical_gap(self.content, self.column_of, self.body_size, self.settings)
        self.block_top = _text_block_top(self.content)


@dataclass(frozen=True)
class _Look:
    """A line's typography, against the body text's."""

    bold: bool
    caps: bool
    prominent: bool  # bold, larger, capitals or a face of its own
    weak: bool  # none of those and no bookmark: body-style text


def _short_enough(text: str, confirmed: bool, settings: HeadingSettings) -> bool:
    """Headings are short: a line of many words is prose unless a bookmark names it."""
    if len(text) > settings.max_chars:
        return False
    return confirmed or not (len(text) > settings.max_chars_unconfirmed
                             or text.count(" ") > settings.max_spaces_unconfirmed)


def _starts_like_title(title: str, settings: HeadingSettings = SETTINGS.headings) -> bool:
    """Headings start with a capital or a digit, spell a word, and never cite an unresolved "??"."""
    if not title or title[0].islower() or not (title[0].isalnum() or _CJK.match(title[0])) or "??" in title:
        return False
    if len(title) >= settings.min_letters and title[:settings.min_letters].isalpha():
        return True  # most titles spell their word from the start: no need to count every letter
    return sum(map(str.isalpha, title)) >= settings.min_letters or bool(_CJK.search(title))


def _look(line: Line, title: str, confirmed: bool, page: _PageText) -> _Look:
    settings = page.settings
    bold = line.bold and line.end_bold
    larger = line.size >= page.body_size + settings.larger_by
    caps = _is_caps(title)
    # a face of its own at full size (a word processor's heading style) also sets a line apart
    own_face = bool(line.font) and bool(page.body_font) and _family(line.font) != _family(page.body_font) \
        and not line.italic and line.size >= page.body_size - settings.own_face_slack
    prominent = bold or larger or caps or own_face
    return _Look(bold=bold, caps=caps, prominent=prominent, weak=not prominent and not confirmed)


def _reads_as_prose(line: Line, title: str, look: _Look, confirmed: bool, page: _PageText) -> bool:
    """A sentence, or a plain line too long or too small to be a heading."""
    settings = page.settings
    words = len(title.split())
    ends_like_sentence = title[-1] in ".,;"
    if look.weak and (words > settings.weak_max_words or ends_like_sentence
                      or line.size < page.body_size - settings.weak_smaller_by):
        return True
    # "Limitations." opening a paragraph is not a heading; "References." alone may be
    return ends_like_sentence and not confirmed and words > settings.sentence_max_words


def _run_in(line: Line, title: str, same: list[Line], page: _PageText) -> bool:
    """A paragraph's run-in title, not a section heading: set at the body size, and ending like a
    run-in title ("Limitations.", "Broader impact:") or followed by its paragraph's text on its
    baseline (a run-in title the PDF drew apart from its text)."""
    settings = page.settings
    if line.size >= page.body_size + settings.larger_by:
        return False
    text_after = any(o.x0 >= line.x1 - 1 and len(o.text) > settings.run_in_text_chars for o in same)
    return title.rstrip().endswith((".", ":")) or text_after


def _in_top_margin(line: Line, page: _PageText) -> bool:
    """Above the text block: a running head that escaped the furniture test."""
    return line.bottom < page.block_top - page.settings.top_margin_slack


def _spread_out(line: Line, settings: HeadingSettings) -> bool:
    """A few words spread across the column: a contents entry or table row with its number."""
    return line.width > len(line.text) * max(line.size, settings.spread_height * line.height) + settings.spread_slack


def _number_before(line: Line, same: list[Line], settings: HeadingSettings) -> list[Line]:
    """Section numbers set a tab away to the left of `line` on its baseline."""
    return [o for o in same if o.x1 <= line.x0 + 1 and _BARE_NUMBER.match(o.text)
            and line.x0 - o.x1 < settings.number_gap]


def _shares_baseline(line: Line, same: list[Line], number_before: list[Line], settings: HeadingSettings) -> bool:
    """A close neighbour on the baseline, or a number to the right: a table row, or a contents
    entry with its page number (a line across a wide gap is another column)."""
    return any(o not in number_before and (len(o.text) > 1 or o.text.isalnum())
               and (max(o.x0 - line.x1, line.x0 - o.x1) < settings.neighbour_gap
                    or len(o.text) <= settings.page_number_chars and o.x0 > line.x1)
               for o in same)


def _aligned(line: Line, column: int, number_before: list[Line], page: _PageText) -> bool:
    """At a column's left edge (or a left edge many lines of the page share), or centred in the column."""
    settings = page.settings
    left, right = page.edges.get((line.page, column), (line.x0, line.x1))
    x0 = number_before[-1].x0 if number_before else line.x0
    reach = max(settings.left_reach, settings.left_reach_body * page.body_size)
    at_left = x0 <= left + reach or any(edge - settings.left_slack <= x0 <= edge + reach
                                        for edge in page.page_edges.get(line.page, ()))
    centred = right - left > settings.centred_min_column \
        and abs((x0 + line.x1) / 2 - (left + right) / 2) < max(settings.centred_slack, page.body_size) \
        and line.x1 - x0 < settings.centred_max_width * (right - left)
    return at_left or centred


def _runs_on(line: Line, above: Line | None, page: _PageText) -> bool:
    """No more space above than between the lines of a paragraph: the line runs on from it."""
    return above is not None and line.top - above.bottom < page.gap + page.settings.run_on_space * page.body_size


def _candidates(page: _PageText, outline: list[OutlineItem]):
    """The lines that may be headings, tables of contents removed; bookmarks not found (from a
    trusted outline); the outline's top level."""
    settings = page.settings
    matched, unmatched, trusted = _match_outline(page.content, outline, settings)
    top_level = min((item.level for item in outline), default=None)
    out: list[Candidate] = []
    for position, line in enumerate(page.content):
        level = matched.get(line.key)
        if not _short_enough(line.text, level is not None, settings):
            continue  # most lines of a paper end here
        candidate = _candidate(page, position, line, level)
        if candidate is not None:
            out.append(candidate)
    return _drop_contents(out, page.content, settings), (unmatched if trusted else []), top_level


def _candidate(page: _PageText, position: int, line: Line, level: int | None) -> Candidate | None:
    settings = page.settings
    text = line.text
    confirmed = level is not None
    if _BARE_NUMBER.match(text):
        return None  # a number set apart from its title is joined to the title below
    number, title = split_number(text)
    if not _starts_like_title(title, settings):
        return None
    look = _look(line, title, confirmed, page)
    if _reads_as_prose(line, title, look, confirmed, page):
        return None
    if not confirmed and (_in_top_margin(line, page) or _spread_out(line, settings)):
        return None
    column = page.column_of.get(line.key, 0)
    same, above = page.neighbours.around(line, column)
    number_before = _number_before(line, same, settings)
    if not confirmed and _shares_baseline(line, same, number_before, settings):
        return None
    if not (confirmed or _aligned(line, column, number_before, page)):
        return None
    if look.weak and _runs_on(line, above, page):
        return None
    if number_before:
        number, title = split_number(number_before[-1].text.rstrip(".") + " " + text)
    style = (line.font, _half_point(line.size), look.bold, line.italic, look.caps)
    return Candidate(line=line, position=position, column=column, number=number, title=title.rstrip(".:"),
                     style=style, size=line.size, prominent=look.prominent, weak=look.weak, outline_level=level,
                     above=above, space_above=None if above is None else line.top - above.bottom,
                     run_in=not confirmed and _run_in(line, title, same, page))


_DOT_LEADER = re.compile(r"(?:\. ?){5,}|…{2,}|(?:· ?){5,}")
_CONTENTS_TITLES = {"contents", "table of contents", "appendix contents", "contents of the appendix", "目录"}
_TRAILING_NUMBER = re.compile(r"\s\d{1,4}$")


def _dot_leader(text: str) -> bool:
    return (". ." in text or "...." in text or "…" in text or "·" in text) and bool(_DOT_LEADER.search(text))


def _contents_title(text: str, settings: HeadingSettings) -> bool:
    return len(text) <= settings.contents_title_chars and ("ontents" in text.lower() or "目录" in text) \
        and normalise_title(text) in _CONTENTS_TITLES


def _drop_contents(candidates: list[Candidate], content: list[Line],
                   settings: HeadingSettings = SETTINGS.headings) -> list[Candidate]:
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
        if _dot_leader(text):
            span = spans.setdefault(line.page, [line.top, line.bottom, 0])
            span[0] = min(span[0], line.top)
            span[1] = max(span[1], line.bottom)
            span[2] += 1
        elif _contents_title(text, settings):
            end = position + 1
            while end < len(content) and _entry_like(content[end].text, settings):
                end += 1
            listed.update(range(position, end))
    margin = settings.leader_margin
    listing = {page: (top - margin, bottom + margin) for page, (top, bottom, count) in spans.items()
               if count >= settings.leader_lines}
    out = [c for c in candidates if c.position not in listed
           and not (c.line.page in listing and listing[c.line.page][0] <= c.line.top <= listing[c.line.page][1])]
    return _without_stacks(out, settings.contents_run)


def _without_stacks(candidates: list[Candidate], run_length: int) -> list[Candidate]:
    """Drop stacks of numbered section titles: consecutive candidates each directly under the
    previous one, `run_length` or more, numbered 1, 2, 3... (a table of contents)."""
    kept: list[Candidate] = []
    run: list[Candidate] = []
    for candidate in [*candidates, None]:
        if candidate is not None and run and candidate.above is run[-1].line:
            run.append(candidate)
            continue
        numbered = {c.number for c in run if c.number is not None and "." not in c.number}
        if not (len(run) >= run_length and len(numbered) >= run_length - 1):
            kept.extend(run)
        run = [candidate] if candidate is not None else []
    return kept


def _entry_like(text: str, settings: HeadingSettings = SETTINGS.headings) -> bool:
    """A line of a contents listing: dot leaders, a trailing page number, or a short title."""
    return bool(_DOT_LEADER.search(text) or _TRAILING_NUMBER.search(text)) or (
        len(text.split()) <= settings.contents_entry_words and not text.endswith((".", ",", ";")))


# -- kinds ------------------------------------------------------------------------------
def _bibliographic_after(content: list[Line], position: int, settings: KindSettings = SETTINGS.kinds,
                         share: float | None = None) -> bool:
    """True when the lines of text after `position` read like a reference list.

    Short lines (a figure's tick labels, page furniture that slipped through)
    are skipped; of the next `list_lines` lines of text, `share` (by default
    `list_share`) must cite a year, a venue, a DOI or list names.
    """
    count = settings.list_lines
    share = settings.list_share if share is None else share
    following = []
    for line in content[position + 1:position + 1 + settings.list_scan * count]:
        if len(line.text) >= settings.list_line_chars:
            following.append(line)
            if len(following) == count:
                break
    if not following:
        return False
    hits = sum(1 for line in following if _BIBLIOGRAPHIC.search(line.text))
    return hits >= max(1, share * len(following))


def _in_sequence(value: int, last: int, settings: KindSettings) -> bool:
    """The next top-level section number: after `last`, at most `number_skip` further on."""
    return last < value <= last + settings.number_skip


def _section_styles(candidates: list[Candidate], top_level: int | None,
                    settings: KindSettings = SETTINGS.kinds) -> set[tuple]:
    """Typography of top-level section headings: numbered "1 ...", "2 ..." in order, or top-level bookmarks."""
    styles: Counter[tuple] = Counter()
    last = 0
    for candidate in candidates:
        if candidate.weak:
            continue
        if candidate.outline_level is not None and candidate.outline_level == top_level:
            styles[candidate.style] += 1
        kind = _number_type(candidate.number)
        if kind in ("digit", "roman") and candidate.number is not None and "." not in candidate.number:
            value = _top_number(candidate.number)
            if value is not None and _in_sequence(value, last, settings):
                styles[candidate.style] += 1
                last = value
    if not styles:
        return set()
    most = styles.most_common(1)[0][1]
    enough = max(settings.section_style_min, settings.section_style_share * most)
    return {style for style, n in styles.items() if n >= enough} or {styles.most_common(1)[0][0]}


def _roman_numbered(c: Candidate, number_type: str | None, region: str, last_top: int, role: str | None) -> bool:
    """A single-letter number that is the next Roman section number ("I. Introduction",
    "V. Conclusion"), not a lettered appendix."""
    return number_type == "letter" and region == BODY and c.number is not None and "." not in c.number \
        and c.number in "IVX" and _ROMAN[c.number] == last_top + 1 and role != TERMINAL


def _plain_but_not_end_matter(c: Candidate, role: str | None, number_type: str | None, title_kind: str) -> bool:
    """Plain text is a heading only when it is exactly a known end-matter title (unnumbered, or
    a lettered appendix title)."""
    return c.weak and (role is None or (role == STATEMENT and bool(c.number))
                       or (number_type == "letter" and title_kind != APPENDIX))


class _Classifier:
    """Gives each candidate its kind, or drops it, walking the paper in reading order.

    What headings belong to (`region`) starts as the body and changes at the references,
    the appendix or the checklist; numbered body headings must come in order.
    """

    def __init__(self, structure: Structure, candidates: list[Candidate], outline_top_level: int | None) -> None:
        self.structure = structure
        self.vocabulary = structure.vocabulary
        self.settings = structure.settings.kinds
        self.candidates = candidates
        self.outline_top_level = outline_top_level
        self.section_styles = _section_styles(candidates, outline_top_level, self.settings)
        self.readings = [_reading(c, self.vocabulary) for c in candidates]
        self.reference_positions = [c.position for c, kind, number_type in self.readings
                                    if kind == REFERENCES and number_type != "letter"]
        self._lists: dict[int, bool] = {}
        self.region = BODY  # the body, or the references / appendix / checklist headings follow
        self.region_page = 0  # the page where the current region started
        self.last_top = 0  # the last top-level body section number, to keep numbered headings in order
        self.body_sections = 0
        self.headings_seen = 0  # headings found so far: after one, a run-in paragraph is in a section

    # -- predicates ---------------------------------------------------------------------
    def section_like(self, c: Candidate) -> bool:
        """Set like a top-level section heading ("1 Introduction")."""
        if c.outline_level is not None and c.outline_level == self.outline_top_level:
            return True
        if self.section_styles:
            return c.style in self.section_styles
        return c.prominent and c.size >= self.structure.body_size + self.structure.settings.headings.larger_by

    def set_off(self, c: Candidate) -> bool:
        """Space above, as headings have (a table's header row or a panel label usually not)."""
        return c.outline_level is not None or c.space_above is None \
            or c.space_above >= self.settings.set_off * self.structure.body_size

    def reads_as_list(self, position: int) -> bool:
        """The text after `position` reads like a reference list (computed once per position)."""
        if position not in self._lists:
            self._lists[position] = _bibliographic_after(self.structure.content, position, self.settings)
        return self._lists[position]

    def after_references_page(self, c: Candidate) -> bool:
        """A section heading set off on a page after the one the references start on: the appendix."""
        return self.section_like(c) and c.line.page > self.region_page and self.set_off(c)

    def paragraph_of_its_section(self, c: Candidate, title_kind: str) -> bool:
        """A run-in paragraph ("Limitations. Our method...", "Broader impact.") inside a section
        ("6 Discussion and Conclusion") is that section's text, not a statement of its own;
        acknowledgments stay statements whatever their typography (the vocabulary's `run_in`)."""
        return c.run_in and c.outline_level is None and self.headings_seen > 0 \
            and not self.vocabulary.run_in(title_kind)

    # -- kinds --------------------------------------------------------------------------
    def headings(self) -> list[Heading]:
        headings: list[Heading] = []
        for c, title_kind, number_type in self.readings:
            kind = self.kind_of(c, title_kind, number_type)
            if kind is not None:
                headings.append(Heading(line=c.line, number=c.number, title=c.title, kind=kind, column=c.column,
                                        source=_source(c), position=c.position))
        if not any(h.kind == REFERENCES for h in headings):
            listed = _headless_reference_list(self.structure, headings)
            if listed is not None:
                headings.append(listed)
                headings.sort(key=lambda h: h.position)
        return headings

    def kind_of(self, c: Candidate, title_kind: str, number_type: str | None) -> str | None:
        """The kind of the heading `c` is, or None when it is no heading."""
        kind = self._kind(c, title_kind, number_type)
        self.headings_seen += kind is not None
        return kind

    def _kind(self, c: Candidate, title_kind: str, number_type: str | None) -> str | None:
        role = self.vocabulary.role(title_kind)
        top = c.number is not None and "." not in c.number
        if _roman_numbered(c, number_type, self.region, self.last_top, role):
            number_type = "roman"
        if _plain_but_not_end_matter(c, role, number_type, title_kind):
            return None
        if number_type == "letter":
            return self._lettered(c, title_kind, top)
        if role == TERMINAL:
            return self._terminal(c, title_kind)
        if number_type is not None:  # "7 Conclusion", "7.1 Setup", "IV. Evaluation"
            return self._numbered(c, top)
        if role == STATEMENT:
            return None if self.paragraph_of_its_section(c, title_kind) else title_kind
        return self._unnumbered(c)

    def _lettered(self, c: Candidate, title_kind: str, top: bool) -> str | None:
        """"Appendix A: Proofs", "B Details" after the references, or "A Proofs" after the body."""
        if title_kind == APPENDIX or self.region in (REFERENCES, APPENDIX, CHECKLIST):
            # "Appendix A: Proofs", or a lettered section after the references
            if not (c.prominent or c.outline_level is not None or title_kind == APPENDIX):
                return None
            if self.region != APPENDIX and title_kind != APPENDIX and not (top and self.section_like(c)):
                return None
        elif not (top and c.number == "A" and self.body_sections >= self.settings.sections_before_lettered
                  and self.section_like(c) and self.set_off(c)):
            return None  # a figure's panel label, or a title that starts with "A"
        self.region = APPENDIX
        return APPENDIX

    def _terminal(self, c: Candidate, title_kind: str) -> str | None:
        """References, appendix or checklist by title."""
        if title_kind == REFERENCES and not self.reads_as_list(c.position) \
                and any(self.reads_as_list(o) for o in self.reference_positions if o > c.position):
            return None  # a contents entry or a label in a figure: the real reference list comes later
        if title_kind == REFERENCES and c.weak and not _bibliographic_after(
                self.structure.content, c.position, self.settings, share=self.settings.plain_list_share):
            return None  # a plain "References" line must at least be followed by some references
        self.region = title_kind
        self.region_page = c.line.page
        return title_kind

    def _numbered(self, c: Candidate, top: bool) -> str | None:
        value = _top_number(c.number) if c.number is not None else None
        if value is None:
            return None
        if self.region == BODY:
            if top and _in_sequence(value, self.last_top, self.settings):
                self.last_top = value
                self.body_sections += 1
            elif (top or value != self.last_top) and c.outline_level is None:
                return None  # out of order: a table row, an equation number, a list item
            return BODY  # a numbered statement ("7 Limitations") counts as body
        if self.region == REFERENCES:
            if not (top and self.after_references_page(c)):
                return None  # numbers inside the reference list
            self.region = APPENDIX  # a numbered section on a page after the references opens the appendix
            return APPENDIX
        return self.region

    def _unnumbered(self, c: Candidate) -> str | None:
        """An unnumbered heading with an ordinary title ("Abstract", "Proofs")."""
        if not (c.outline_level is not None or self.section_like(c)):
            return None
        if self.region == REFERENCES:
            if not self.after_references_page(c):
                return None
            self.region = APPENDIX  # e.g. "Supplementary Results" on a page after the references
        return self.region


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


def _outline_only(structure: Structure, candidates: list[Candidate], unmatched: list[OutlineItem],
                  vocabulary: Vocabulary) -> list[Candidate]:
    """Candidates for end-matter bookmarks whose title was not found as text (garbled fonts).

    Only from an outline whose other bookmarks were found where they point, and
    only for kinds the text itself did not show.
    """
    seen = {vocabulary.kind_of(c.title) for c in candidates}
    out: list[Candidate] = []
    for item in unmatched:
        number, title = split_number(item.title)
        kind = vocabulary.kind_of(title)
        if vocabulary.role(kind) != TERMINAL or kind in seen or item.page is None:
            continue
        position = _position_at(structure, item.page, item.top)
        if position is None:
            continue
        line = structure.content[position]
        out.append(Candidate(line=line, position=position, column=structure.column_of.get(line.key, 0),
                             number=number, title=title, style=(), size=line.size, prominent=False, weak=False,
                             outline_level=item.level))
        seen.add(kind)
    return out


def _position_at(structure: Structure, page: int, top: float | None) -> int | None:
    """The line a bookmark points at: the nearest one at or below its target on its page."""
    best = None
    for position, line in enumerate(structure.content):
        # a line reaching 2 pt above the target is at it
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
    settings = structure.settings.kinds
    content = structure.content
    body = [h.position for h in headings if h.kind == BODY]
    start = body[-1] + 1 if body else 0
    end = next((h.position for h in headings if h.position >= start and h.kind != BODY), len(content))
    if end - start < settings.headless_min_lines:
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
        if entry and entries >= settings.headless_entries and entries >= settings.headless_entry_share * size \
                and bibliographic >= settings.headless_cite_share * size:
            found = position
    return _list_heading(structure, found) if found is not None else None


def _list_heading(structure: Structure, position: int) -> Heading:
    line = structure.content[position]
    return Heading(line=line, number=None, title="", kind=REFERENCES,
                   column=structure.column_of.get(line.key, 0), source="reference-list", position=position)
