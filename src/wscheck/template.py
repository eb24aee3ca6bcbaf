"""Which template a PDF was built with: family, year and mode.

Evidence comes from the PDF itself, never from what its text claims alone:

* the text-block geometry and columns (ICLR and NeurIPS: 5.5 x 9 in, one column;
  ICML: 6.75 x 9 in, two columns);
* the furniture each style file draws: NeurIPS's and ICML's title rules, ICLR's
  running head and its rule, ICML's running title rule, the Abstract heading as
  the style centres it, the review ruler at the style's position;
* the banner in the slot the style prints it in (ICLR's running head, the NeurIPS
  footer, ICML's first-column footnote) and the anonymous author block.

Each piece of evidence is a `Signal` (data: a name, a weight, whether the style file
draws it); a layout's score is the sum of the signals found for it. A PDF that names
a venue but has neither its layout nor its furniture is "other"; where signals
disagree, the weaker one is named in `conflicts`. The layouts themselves are
`wscheck.geometry`'s; every other threshold is a named field of `TemplateSettings`.
All positions are PDF points from the top-left of a US Letter page (anchors.md B).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wscheck.geometry import FAMILIES, LAYOUTS, POINTS_PER_INCH, Layout, page_dimensions
from wscheck.model import FormatSummary
from wscheck.pdf.model import Drawable, Line

if TYPE_CHECKING:
    from wscheck.document import Document

__all__ = ["FAMILIES", "FAMILY_NAMES", "LAYOUTS", "Signal", "TemplateInfo", "TemplateSettings", "TextBlock",
           "banner_mode", "detect", "measure_text_block", "ruler_position", "title_page"]

FAMILY_NAMES = {"iclr": "ICLR", "icml": "ICML", "neurips": "NeurIPS", "other": "other"}
MODE_NAMES = {"submission": "submission", "camera_ready": "camera-ready", "preprint": "preprint",
              "unknown": "build of unknown mode"}


# -- settings ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeasureSettings:
    """How the text block and the review ruler are measured."""

    body_size_slack: float = 0.6  # pt off the body size a measured line may be set
    body_line_chars: int = 25  # lines this long ...
    body_line_width: float = 100.0  # pt: ... and this wide are lines of running text
    min_lines: int = 10  # body lines needed before the block is measured
    edge_share: float = 0.12  # a column edge is shared by this share of the lines ...
    edge_min: int = 4  # ... and at least this many
    edge_near: float = 1.5  # pt: positions this close to the edge measure it
    middle_slack: float = 10.0  # pt past the page's middle a two-column line may reach
    full_page_lines: int = 20  # a page with this many body lines is full (one column) ...
    full_page_lines_two_columns: int = 30  # ... or this many (two columns)
    ruler_pages: int = 6  # the ruler is looked for on the first pages
    ruler_number_width: float = 25.0  # pt: a line number is narrower than this
    ruler_step: float = 3.0  # pt: line-number right edges within one step are one ruler
    ruler_per_page: int = 15  # line numbers per page (on two pages at least) that make a ruler
    ruler_pages_needed: int = 2


@dataclass(frozen=True)
class SlotSettings:
    """Where each template prints its banner (anchors.md B), and the title page."""

    header_bottom: float = 62.0  # pt: the running head ends above this
    footer_top: float = 0.9  # share of the page height (less `footer_lift`) where the first page's footer starts ...
    footer_lift: float = 10.0
    footer_edge: float = 20.0  # pt: ... and ends this far above the page's bottom edge
    small_by: float = 0.4  # pt under the body size that marks small print (notices, footnotes)
    column_top: float = 0.72  # share of the page height where ICML's first-column footnote may start ...
    column_bottom: float = 0.93  # ... and ends
    column_slack: float = 6.0  # pt past the page's middle a first-column line may reach
    page_number_centre: float = 20.0  # pt off the page's centre a page number sits
    row_overlap: float = 0.4  # pieces overlapping by this share of the smaller height share a row
    title_text_chars: int = 20  # lines this long count as text when the title page is chosen:
    cover_max_lines: int = 8  # a first page with fewer is a cover ...
    title_min_lines: int = 20  # ... when the next page has this many


@dataclass(frozen=True)
class SignalSettings:
    """Tolerances of the signals, in points, and the scores that decide."""

    enough: int = 5  # a layout is recognised from this score on (the geometry alone gives 3) ...
    enough_without_geometry: int = 6  # ... or, with margins changed, its own banner and drawn furniture ...
    enough_furniture: int = 5  # ... or, banner removed too, this much of the style's own furniture ...
    furniture_signals: int = 3  # ... in this many signals (the anonymous block or a drawn one among them)
    geometry: float = 5.0  # pt the measured edges may differ from a layout's block
    rule_max_height: float = 5.0  # pt: a rule is a path no taller than this ...
    rule_min_width: float = 150.0  # pt: ... and at least this wide
    spans_block: float = 4.0  # pt a rule's ends may differ from the block's edges
    title_rules_top: float = 200.0  # pt: title rules sit above this ...
    title_rules_below_block: float = 30.0  # ... and the first within this far below the block's top
    thick_rule: float = 3.0  # pt: NeurIPS's rule over the title is at least this thick (ICML's are thin)
    header_pages: int = 3  # the running-head rule is looked for on the first pages
    header_rule: float = 4.0  # pt off the style's running-head rule position
    running_head_bottom: float = 45.0  # pt: ICLR's running head ends above this ...
    edge: float = 4.0  # pt: ... at the block's left edge, within this (the NeurIPS footer too)
    footer_above_edge: float = 40.0  # pt: the NeurIPS notice ends this far above the page's bottom
    running_title_top: tuple[float, float] = (40.0, 52.0)  # pt: ICML's page-2 running title lies between
    centred: float = 12.0  # pt off the block's centre a centred running title may sit
    abstract_centre: float = 8.0  # pt off the style's Abstract centre
    abstract_flush: float = 6.0  # pt off the block's left edge: a flush-left Abstract heading
    ruler: float = 6.0  # pt off the style's ruler position
    title_lines: int = 6  # the title is among the first lines of the title page ...
    title_size: float = 13.0  # pt: ... set this large ...
    title_edge: float = 3.0  # pt: ... at the block's left edge ...
    title_caps_share: float = 0.6  # ... in capitals (this share of its letters)
    author_block_lines: int = 60  # the anonymous author block is among the first lines of the title page
    claim_lines: int = 80  # venue claims are looked for in the title page's first lines
    claim_chars: int = 90  # characters of a claim quoted in a conflict
    banner_line_chars: int = 6  # a line this long may start a banner


@dataclass(frozen=True)
class TemplateSettings:
    """Every threshold of template detection, with its reason (pdfplumber's TableSettings is the model)."""

    measure: MeasureSettings = field(default_factory=MeasureSettings)
    slots: SlotSettings = field(default_factory=SlotSettings)
    signals: SignalSettings = field(default_factory=SignalSettings)


SETTINGS = TemplateSettings()


@dataclass(frozen=True)
class Signal:
    """One kind of evidence that a PDF was built with a template, as data.

    `weight` is what it adds to the layout's score (negative: evidence against);
    `drawn` says the style file draws it (rules, running heads, the ruler), which a
    paper's text cannot imitate; a signal found in a PDF carries its `note`, the
    evidence as reports show it.
    """

    name: str
    weight: int
    drawn: bool = False
    note: str = ""

    def found(self, note: str) -> Signal:
        return replace(self, note=note)


SIGNALS = {signal.name: signal for signal in (
    Signal("banner", 4),  # the template's own banner, naming its venue, in the slot its style prints it in
    Signal("geometry", 3),  # the text block and the columns
    Signal("title-rules", 2, drawn=True),  # rules above and below the title (NeurIPS: a thick one first)
    Signal("running-head-rule", 1, drawn=True),
    Signal("running-head", 1, drawn=True),  # ICLR's running head at the block's left edge
    Signal("footer-notice", 1),  # NeurIPS's notice below the block on the title page
    Signal("running-title", 1, drawn=True),  # ICML's centred bold running title on page 2
    Signal("banner-position", 1),  # a banner naming no venue, in the template's slot
    Signal("abstract-centred", 1),  # the Abstract heading centred as the style sets it
    Signal("abstract-flush-left", -5),  # every one of these templates centres it: a redefined abstract
    Signal("anonymous-block", 2),  # the template's anonymous author block
    Signal("review-ruler", 1, drawn=True),  # review line numbers at the style's position
    Signal("title-small-caps", 1),  # ICLR's title flush left in small capitals
)}


# Ordinals printed in the banners (anchors.md B2, B3). ICML 2025's accepted notice says
# "41st" like 2024's (B2: the official files disagree), so a printed year wins.
_NEURIPS_ORDINAL_YEAR = {"37th": 2023, "38th": 2024, "39th": 2025, "40th": 2026, "41st": 2027}
_ICML_ORDINAL_YEAR = {"40th": 2023, "41st": 2024, "42nd": 2025, "43rd": 2026, "44th": 2027}

# Venue names in a banner; a banner naming one venue is strong evidence, but only in
# the slot where that venue's style prints it.
_VENUE_NAMES = {
    "iclr": re.compile(r"\bICLR\b|learning representations", re.I),
    "icml": re.compile(r"\bICML\b|international conference on machine learning", re.I),
    "neurips": re.compile(r"\bNeurIPS\b|\bEurIPS\b|\bNIPS\b|neural information processing systems", re.I),
}
# What the banner says about the build (anchors.md B: "Under review as", "Submitted to",
# "Preliminary work. Under review", "Published as", "Proceedings of", "Preprint.").
_SUBMISSION = re.compile(r"\bunder\s+review\b|\bsubmitted\s+to\b|\bdo\s+not\s+distribute\b|\bpreliminary\s+work\b"
                         r"|double-blind\s+review", re.I)
_PREPRINT = re.compile(r"^\W*(preprint|arxiv)\b|\bwork\s+in\s+progress\b", re.I | re.M)
_CAMERA_READY = re.compile(r"\bpublished\s+(as|at|in)\b|\baccepted\s+(as|at|to|for|by|in)\b|\bproceedings\s+of\b"
                           r"|camera[- ]ready|\bworkshop\b|\bconference\s+on\b|\bPMLR\b|copyright|\btrack\b"
                           r"|\b(ICLR|ICML|NeurIPS|EurIPS)\s+20\d\d\b", re.I)
_ORDINAL = re.compile(r"\b(\d{2})\s?(st|nd|rd|th)\b", re.I)
_YEAR = re.compile(r"\b(20[1-3]\d)\b")

# The anonymous author blocks the style files print (anchors.md B).
_ANONYMOUS_BLOCKS = {
    "iclr": (re.compile(r"^anonymous authors$", re.I), re.compile(r"^paper under double-blind review$", re.I)),
    "icml": (re.compile(r"^anonymous authors\s*1?$", re.I), re.compile(r"^1?\s*anonymous institution\b", re.I)),
    "neurips": (re.compile(r"^anonymous author\(s\)$", re.I), re.compile(r"^affiliation$", re.I)),
}
_ABSTRACT = re.compile(r"^a\s?bstract[.:]?$", re.I)
_DIGITS = re.compile(r"^\d{1,4}$")


@dataclass
class TextBlock:
    """Where the body text sits, measured from the body-size lines of the whole PDF."""

    x0: float | None = None
    x1: float | None = None
    top: float | None = None
    bottom: float | None = None
    columns: int = 1
    lines: int = 0  # body lines measured

    def as_tuple(self) -> tuple[float, float, float, float] | None:
        if self.x0 is None or self.top is None or self.x1 is None or self.bottom is None:
            return None
        return (self.x0, self.top, self.x1, self.bottom)

    def describe(self) -> str:
        if self.x0 is None or self.x1 is None:
            return "no measurable text block"
        width = (self.x1 - self.x0) / POINTS_PER_INCH
        columns = "two columns" if self.columns == 2 else "one column"
        return f"text {self.x0:.0f}-{self.x1:.0f} pt ({width:.2f} in wide, {columns})"


@dataclass
class TemplateInfo:
    family: str = "other"
    year: int | None = None
    mode: str = "unknown"
    evidence: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    line_numbers: bool = False
    columns: int = 1
    text_block: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom of body text
    block: TextBlock = field(default_factory=TextBlock)
    banner: str | None = None  # the banner as printed, when one was found in the template's slot
    banner_line: Line | None = None  # the banner's first line (its page and box)
    scores: dict[str, int] = field(default_factory=dict)
    ruler_x1: float | None = None  # right edge of the line-number column, when there is one

    def summary(self) -> FormatSummary:
        """The `format` object of `wscheck inspect` and `check` (see CONTRACT.md)."""
        return FormatSummary(family=self.family, year=self.year, mode=self.mode)

    @property
    def layout(self) -> Layout | None:
        return LAYOUTS.get(self.family)

    def describe(self) -> str:
        """'a NeurIPS 2025 submission', 'an ICML camera-ready', 'a PDF in no known ML-venue template'."""
        if self.family == "other":
            return "a PDF in no known ML-venue template (not the ICLR, ICML or NeurIPS style)"
        name = FAMILY_NAMES[self.family]
        year = f" {self.year}" if self.year else ""
        mode = {"submission": " submission", "camera_ready": " camera-ready version",
                "preprint": " preprint"}.get(self.mode, " PDF")
        article = "an" if name[0] in "AEIOU" else "a"
        return f"{article} {name}{year}{mode}"


# ----------------------------------------------------------------------------
def detect(document: Document, settings: TemplateSettings = SETTINGS) -> TemplateInfo:
    info = TemplateInfo()
    if document.page_count == 0:
        return info
    structure = document.structure
    info.columns = structure.columns
    info.block = document.analysis.text_block
    info.text_block = info.block.as_tuple()
    info.ruler_x1 = document.analysis.ruler_x1
    info.line_numbers = info.ruler_x1 is not None
    evidence = _Evidence(document, info, _banner_slots(document, settings.slots), settings)
    signals = {family: _score(evidence, layout) for family, layout in LAYOUTS.items()}
    info.scores = {family: sum(s.weight for s in found) for family, found in signals.items()}
    scores = info.scores
    best = max(scores, key=lambda f: scores[f])
    grounds = {family: ground for family in LAYOUTS
               if (ground := _recognised(evidence, LAYOUTS[family], signals[family])) is not None}
    if grounds:
        # the template whose text block the pages fill, then the strongest evidence
        best = max(grounds, key=lambda f: (grounds[f] in ("geometry", "banner and geometry"), scores[f]))
        _adopt(evidence, best, grounds[best], signals[best])
    _claims(evidence, signals[best] if info.family == "other" else [])
    if info.family != "other":
        _mode_and_year(evidence, evidence.slots[LAYOUTS[info.family].notice])
    return info


def _recognised(evidence: _Evidence, layout: Layout, signals: list[Signal]) -> str | None:
    """On what grounds the PDF is in `layout`'s template, or None.

    "banner and geometry": the template's own banner, naming its venue, in the slot its style
    prints it in, on pages with its text block and columns (whatever else was redefined);
    "geometry": enough evidence, the text block among it; "banner": the margins were changed,
    but its own banner and furniture the style draws remain; "furniture": banner removed and
    margins changed, but enough of what the style itself prints remains (the anonymous author
    block or drawn furniture among it), so the layout rules can report the tampering.
    """
    settings = evidence.settings
    score = sum(signal.weight for signal in signals)
    geometry_fits = _geometry_fits(evidence.info.block, layout, settings.geometry)
    slot = evidence.slots[layout.notice]
    own_banner = bool(slot) and _banner_family(slot) == layout.family and banner_mode(slot) is not None
    if own_banner and geometry_fits:
        return "banner and geometry"
    if score >= settings.enough and geometry_fits:
        return "geometry"
    # text is easy to imitate; furniture the style file draws at its own positions is not
    drawn = any(signal.drawn for signal in signals)
    if own_banner and drawn and score >= settings.enough_without_geometry:
        return "banner"
    furniture = [s for s in signals if s.name not in ("geometry", "banner", "banner-position")]
    if len(furniture) >= settings.furniture_signals and sum(s.weight for s in furniture) >= settings.enough_furniture \
            and any(s.drawn or s.name == "anonymous-block" for s in furniture):
        return "furniture"
    return None


def _adopt(evidence: _Evidence, family: str, ground: str, signals: list[Signal]) -> None:
    """Take `family` as the template, with its evidence and what disagrees with it."""
    info = evidence.info
    layout = LAYOUTS[family]
    name = FAMILY_NAMES[family]
    info.family = family
    info.evidence.extend(signal.note for signal in signals)
    if ground in ("banner", "furniture"):
        what = "banner and furniture" if ground == "banner" else "furniture (its banner was removed)"
        info.conflicts.append(
            f"{info.block.describe()}, not the {name} template's {layout.block[0]:.0f}-{layout.block[2]:.0f} pt: "
            f"the layout was changed; going by the {name} {what}")
    scores = info.scores
    runner_up = max((f for f in scores if f != family), key=lambda f: scores[f])
    if scores[runner_up] >= evidence.settings.enough:
        why = "its own banner on its text block" if ground == "banner and geometry" else "the stronger evidence"
        info.conflicts.append(
            f"the layout also resembles {FAMILY_NAMES[runner_up]} (score {scores[runner_up]} against "
            f"{scores[family]}); going by {name}: {why}")


# -- measurements ------------------------------------------------------------------
def _body_lines(document: Document, settings: MeasureSettings) -> list[Line]:
    structure = document.structure
    body = structure.body_size
    return [line for line in structure.content
            if abs(line.size - body) <= settings.body_size_slack and len(line.text) >= settings.body_line_chars
            and line.width >= settings.body_line_width]


def _edge(values: list[float], side: str, settings: MeasureSettings = SETTINGS.measure) -> float | None:
    """A column's edge: the outermost position many lines share. Indents, lists and
    quotes only move lines inwards, and a ragged line ends short of the right edge."""
    if not values:
        return None
    counts = Counter(round(v) for v in values)
    enough = max(settings.edge_min, settings.edge_share * len(values))
    support = {v: sum(counts.get(v + d, 0) for d in (-1, 0, 1)) for v in counts}  # with the points beside it
    candidates = [v for v, n in support.items() if n >= enough]
    if not candidates:
        candidates = [max(support, key=lambda v: support[v])]
    best = min(candidates) if side == "left" else max(candidates)
    near = sorted(v for v in values if abs(v - best) <= settings.edge_near)
    return round(near[len(near) // 2], 1)


def measure_text_block(document: Document, settings: MeasureSettings = SETTINGS.measure) -> TextBlock:
    """The text block the body lines fill: left and right edges (mode of the line ends,
    which justified text sets exactly), top and bottom (median over full pages)."""
    structure = document.structure
    lines = _body_lines(document, settings)
    block = TextBlock(columns=structure.columns, lines=len(lines))
    if len(lines) < settings.min_lines:
        return block
    width = page_dimensions(document.page_sizes[0] if document.page_sizes else None)[0]
    if structure.columns == 2:
        middle = width / 2
        left = [ln for ln in lines if ln.x1 <= middle + settings.middle_slack]
        right = [ln for ln in lines if ln.x0 >= middle - settings.middle_slack]
        block.x0 = _edge([ln.x0 for ln in left], "left", settings) if left else None
        block.x1 = _edge([ln.x1 for ln in right], "right", settings) if right else None
    else:
        block.x0 = _edge([ln.x0 for ln in lines], "left", settings)
        block.x1 = _edge([ln.x1 for ln in lines], "right", settings)
    tops: list[float] = []
    bottoms: list[float] = []
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    full = settings.full_page_lines_two_columns if structure.columns == 2 else settings.full_page_lines
    for page_lines in by_page.values():
        if len(page_lines) >= full:  # a page full of text
            tops.append(min(ln.top for ln in page_lines))
            bottoms.append(max(ln.bottom for ln in page_lines))
    if tops:
        tops.sort()
        bottoms.sort()
        block.top = tops[len(tops) // 2]
        block.bottom = bottoms[len(bottoms) // 2]
    return block


def ruler_position(document: Document, settings: MeasureSettings = SETTINGS.measure) -> float | None:
    """The right edge of a line-number ruler, whatever its style or position: short
    digit runs stacked at one x on many lines, outside the body text."""
    first_pages = document.lines[:settings.ruler_pages]
    step = settings.ruler_step
    counts: Counter[int] = Counter()
    pages_with: dict[int, set[int]] = {}
    for page_lines in first_pages:
        for line in page_lines:
            if _DIGITS.match(line.text) and line.width < settings.ruler_number_width:
                key = round(line.x1 / step)
                counts[key] += 1
                pages_with.setdefault(key, set()).add(line.page)
    if not counts:
        return None
    key, count = counts.most_common(1)[0]
    needed = min(len(first_pages), settings.ruler_pages_needed)
    if count >= settings.ruler_per_page * needed and len(pages_with[key]) >= needed:
        xs = [line.x1 for page_lines in first_pages for line in page_lines
              if _DIGITS.match(line.text) and round(line.x1 / step) == key]
        xs.sort()
        return xs[len(xs) // 2]
    return None


def _geometry_fits(block: TextBlock, layout: Layout, tolerance: float = SETTINGS.signals.geometry) -> bool:
    if block.x0 is None or block.x1 is None:
        return False
    return (block.columns == layout.columns and abs(block.x0 - layout.block[0]) <= tolerance
            and abs(block.x1 - layout.block[2]) <= tolerance)


def title_page(document: Document, settings: SlotSettings = SETTINGS.slots) -> int:
    """0-based index of the page the paper starts on: page 1, unless page 1 is nearly empty
    (a style's complaint, a cover note) and page 2 carries the title block."""
    lines = document.lines
    if len(lines) > 1:
        def text_lines(page):
            return sum(1 for ln in page if len(ln.text) > settings.title_text_chars and not _DIGITS.match(ln.text))
        if text_lines(lines[0]) < settings.cover_max_lines and text_lines(lines[1]) >= settings.title_min_lines:
            return 1
    return 0


# -- banner slots ---------------------------------------------------------------------
def _join(lines: list[Line], settings: SlotSettings = SETTINGS.slots) -> str:
    """Lines in reading order, one text line per row; pieces of one row (a superscript
    ordinal, a split number) joined by spaces."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        row = rows[-1] if rows else None
        if row is not None:
            top, bottom = min(ln.top for ln in row), max(ln.bottom for ln in row)
            overlap = min(bottom, line.bottom) - max(top, line.top)
            if overlap >= settings.row_overlap * min(line.height, bottom - top):
                row.append(line)
                continue
        rows.append([line])
    return "\n".join(" ".join(ln.text for ln in sorted(row, key=lambda ln: ln.x0)) for row in rows).strip()



def _banner_slots(document: Document, settings: SlotSettings = SETTINGS.slots) -> dict[str, str]:
    """The text in each place a template prints its banner.

    header: the running head above the text block (pages 1-2);
    footer: page 1 below the text block, left-aligned, in small type (NeurIPS);
    column-footnote: the last footnote lines of page 1's first column (ICML).
    """
    structure = document.structure
    small = structure.body_size - settings.small_by
    sizes = document.page_sizes
    out = {"header": "", "footer": "", "column-footnote": ""}
    if not document.lines or not sizes:
        return out
    width, height = page_dimensions(sizes[0])
    start = title_page(document, settings)
    first = document.lines[start]

    def running_head(page: list[Line]) -> list[Line]:
        return [ln for ln in page if ln.bottom <= settings.header_bottom and not _DIGITS.match(ln.text)]

    header_lines = running_head(first)
    if not header_lines and len(document.lines) > start + 1:
        header_lines = running_head(document.lines[start + 1])
    out["header"] = _join(header_lines, settings)
    out["footer"] = _join([ln for ln in first if settings.footer_top * height - settings.footer_lift <= ln.top
                           < height - settings.footer_edge and not _DIGITS.match(ln.text) and ln.size <= small
                           and ln.x0 < width / 2], settings)
    column = [ln for ln in first
              if ln.x1 <= width / 2 + settings.column_slack and settings.column_top * height <= ln.top
              < settings.column_bottom * height and (ln.size <= small or ln.italic)
              and not _page_number(ln, width, settings)]
    out["column-footnote"] = _join(column, settings)
    return out


def _page_number(line: Line, page_width: float, settings: SlotSettings) -> bool:
    centre = (line.x0 + line.x1) / 2
    return bool(_DIGITS.match(line.text)) and abs(centre - page_width / 2) < settings.page_number_centre


def _banner_family(text: str) -> str | None:
    named = [family for family, pattern in _VENUE_NAMES.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


def banner_mode(text: str) -> str | None:
    """What a banner says about the build, or None when it says nothing."""
    if not text:
        return None
    if _PREPRINT.search(text):
        return "preprint"  # "Preprint. Under review." is NeurIPS's preprint option
    if _SUBMISSION.search(text):
        return "submission"
    if _CAMERA_READY.search(text):
        return "camera_ready"
    return None


# -- signals ----------------------------------------------------------------------------
class _Evidence:
    """What the signals of every layout read, gathered once per PDF."""

    def __init__(self, document: Document, info: TemplateInfo, slots: dict[str, str],
                 settings: TemplateSettings) -> None:
        self.document = document
        self.info = info
        self.slots = slots
        self.settings = settings.signals
        self.slot_settings = settings.slots
        self.start = title_page(document, settings.slots)
        self.title_lines = document.lines[self.start] if document.lines else []
        self.body_size = document.structure.body_size
        self.abstract = next((ln for ln in self.title_lines if _ABSTRACT.match(ln.text.strip())), None)
        self._anonymous: dict[str, str | None] = {}

    def rules(self, page: int) -> list[Drawable]:
        """Horizontal rules drawn on a page (1-based): thin, wide, visible paths."""
        drawables = self.document.drawables
        if page > len(drawables):
            return []
        return [d for d in drawables[page - 1]
                if d.kind == "path" and not d.invisible and d.box[3] - d.box[1] <= self.settings.rule_max_height
                and d.box[2] - d.box[0] >= self.settings.rule_min_width]

    def spans_block(self, box: tuple[float, float, float, float], layout: Layout) -> bool:
        """A rule across the template's text block, or across the measured one (margins changed)."""
        tolerance = self.settings.spans_block
        return any(abs(box[0] - left) <= tolerance and abs(box[2] - right) <= tolerance
                   for left, right in zip(self.positions(layout, layout.block[0]),
                                          self.positions(layout, layout.block[2]), strict=True))

    def positions(self, layout: Layout, x: float) -> tuple[float, ...]:
        """Where the style puts something at `x`: on its own text block, and on the measured block when
        the margins were changed (furniture moves with the block: the same distance outside it, or the
        same share of its width inside it)."""
        block = self.info.block
        if block.x0 is None or block.x1 is None:
            return (x,)
        left, right = layout.block[0], layout.block[2]
        if x < left:
            moved = block.x0 - (left - x)
        elif x > right:
            moved = block.x1 + (x - right)
        else:
            moved = block.x0 + (x - left) * (block.x1 - block.x0) / (right - left)
        return (x, moved)

    def near(self, value: float, layout: Layout, x: float, tolerance: float) -> bool:
        """`value` is where the style puts something at `x` (see `positions`)."""
        return any(abs(value - at) <= tolerance for at in self.positions(layout, x))

    def anonymous_block(self, family: str) -> str | None:
        """The template's anonymous author block on the title page, as printed, or None."""
        if family not in self._anonymous:
            first, second = _ANONYMOUS_BLOCKS[family]
            page = self.title_lines
            found = None
            for number, line in enumerate(page[:self.settings.author_block_lines]):
                if first.match(line.text.strip()) and any(second.match(o.text.strip()) for o in page[number + 1:]):
                    found = line.text
                    break
            self._anonymous[family] = found
        return self._anonymous[family]


def _banner(evidence: _Evidence, layout: Layout) -> Signal | None:
    slot = evidence.slots[layout.notice]
    if slot and _banner_family(slot) == layout.family:
        return SIGNALS["banner"].found(f"banner: {_banner_text(slot)!r}")
    return None


def _geometry(evidence: _Evidence, layout: Layout) -> Signal | None:
    block = evidence.info.block
    if _geometry_fits(block, layout, evidence.settings.geometry):
        return SIGNALS["geometry"].found(f"geometry: {block.describe()}, as the {FAMILY_NAMES[layout.family]} "
                                         "template")
    return None


def _title_rules(evidence: _Evidence, layout: Layout) -> Signal | None:
    settings = evidence.settings
    if not layout.title_rules:
        return None
    top_rules = [r for r in evidence.rules(evidence.start + 1)
                 if evidence.spans_block(r.box, layout) and r.box[1] < settings.title_rules_top]
    if len(top_rules) < 2 or top_rules[0].box[1] > layout.block[1] + settings.title_rules_below_block:
        return None
    first, second = sorted(top_rules, key=lambda r: r.box[1])[:2]
    thick = first.box[3] - first.box[1]
    # NeurIPS: a 4 pt rule over the title; ICML: two thin ones
    if (layout.family == "neurips") != (thick >= settings.thick_rule):
        return None
    return SIGNALS["title-rules"].found(f"title between two rules across the text block (y {first.box[1]:.0f} "
                                        f"and {second.box[1]:.0f} pt)")


def _running_head_rule(evidence: _Evidence, layout: Layout) -> Signal | None:
    if layout.header_rule_top is None:
        return None
    lines = evidence.document.lines
    for page in range(1 if layout.header_on_first_page else 2, min(len(lines), evidence.settings.header_pages) + 1):
        rules = [r for r in evidence.rules(page) if evidence.spans_block(r.box, layout)
                 and abs(r.box[1] - layout.header_rule_top) <= evidence.settings.header_rule]
        if rules:
            return SIGNALS["running-head-rule"].found(f"running-head rule at y {rules[0].box[1]:.0f} pt (page {page})")
    return None


def _running_head(evidence: _Evidence, layout: Layout) -> Signal | None:
    settings = evidence.settings
    if layout.notice != "header" or not evidence.document.lines:
        return None
    heads = [ln for ln in evidence.title_lines if ln.bottom <= settings.running_head_bottom
             and evidence.near(ln.x0, layout, layout.block[0], settings.edge)]
    if heads:
        return SIGNALS["running-head"].found(f"running head at the top left of the text block: {heads[0].text!r}")
    return None


def _footer_notice(evidence: _Evidence, layout: Layout) -> Signal | None:
    settings = evidence.settings
    document = evidence.document
    if layout.notice != "footer" or not document.lines:
        return None
    height = document.page_sizes[evidence.start].height
    small = evidence.body_size - evidence.slot_settings.small_by
    feet = [ln for ln in evidence.title_lines if evidence.near(ln.x0, layout, layout.block[0], settings.edge)
            and layout.block[3] < ln.top < height - settings.footer_above_edge and ln.size < small]
    if feet:
        return SIGNALS["footer-notice"].found(f"page-1 notice below the text block: {feet[0].text!r}")
    return None


def _running_title(evidence: _Evidence, layout: Layout) -> Signal | None:
    """ICML's running title: bold, centred over the block, at the top of page 2."""
    settings = evidence.settings
    lines = evidence.document.lines
    if layout.family != "icml" or len(lines) <= evidence.start + 1:
        return None
    centre = (layout.block[0] + layout.block[2]) / 2
    low, high = settings.running_title_top
    heads = [ln for ln in lines[evidence.start + 1] if low <= ln.top <= high and ln.bold
             and evidence.near((ln.x0 + ln.x1) / 2, layout, centre, settings.centred)]
    if heads:
        return SIGNALS["running-title"].found(f"centred bold running title on page 2: {heads[0].text!r}")
    return None


def _banner_position(evidence: _Evidence, layout: Layout) -> Signal | None:
    slot = evidence.slots[layout.notice]
    if slot and _banner_family(slot) is None and banner_mode(slot):
        return SIGNALS["banner-position"].found(f"banner in the {FAMILY_NAMES[layout.family]} position: "
                                                f"{_one_line(slot)!r}")
    return None


def _abstract(evidence: _Evidence, layout: Layout) -> Signal | None:
    """The Abstract heading centred as the style sets it, or flush left (a redefined abstract)."""
    settings = evidence.settings
    abstract = evidence.abstract
    block = evidence.info.block
    if abstract is None or block.x0 is None:
        return None
    centre = (abstract.x0 + abstract.x1) / 2
    if evidence.near(centre, layout, layout.abstract_center, settings.abstract_centre):
        small_caps = abstract.text.strip().isupper() and not abstract.bold
        if small_caps != layout.abstract_small_caps:
            return None
        return SIGNALS["abstract-centred"].found("Abstract heading centred " + (
            "in small caps" if small_caps else "in bold"))
    if abs(abstract.x0 - block.x0) <= settings.abstract_flush:
        return SIGNALS["abstract-flush-left"].found(
            f"the Abstract heading is flush left (x {abstract.x0:.0f} pt); the {FAMILY_NAMES[layout.family]} "
            "style centres it")
    return None


def _anonymous_author_block(evidence: _Evidence, layout: Layout) -> Signal | None:
    anonymous = evidence.anonymous_block(layout.family)
    if anonymous:
        return SIGNALS["anonymous-block"].found(f"the {FAMILY_NAMES[layout.family]} anonymous author block: "
                                                f"{anonymous!r}")
    return None


def _review_ruler(evidence: _Evidence, layout: Layout) -> Signal | None:
    ruler = evidence.info.ruler_x1
    if ruler is not None and evidence.near(ruler, layout, layout.ruler_x1, evidence.settings.ruler):
        return SIGNALS["review-ruler"].found(f"review line numbers at x {ruler:.0f} pt")
    return None


def _title_small_caps(evidence: _Evidence, layout: Layout) -> Signal | None:
    """ICLR's title: large, flush left at the block's edge, in capitals."""
    settings = evidence.settings
    if layout.family != "iclr" or not evidence.document.lines:
        return None
    first = [ln for ln in evidence.title_lines if not _DIGITS.match(ln.text)]  # not the review ruler
    titles = [ln for ln in first[:settings.title_lines]
              if ln.size >= settings.title_size and evidence.near(ln.x0, layout, layout.block[0], settings.title_edge)]
    if not titles:
        return None
    text = titles[0].text
    if sum(ch.isupper() for ch in text) >= settings.title_caps_share * sum(ch.isalpha() for ch in text):
        return SIGNALS["title-small-caps"].found("title flush left in small capitals")
    return None


# The signals in the order reports list them: the banner first, then the layout's evidence.
_SIGNAL_TESTS: tuple[Callable[[_Evidence, Layout], Signal | None], ...] = (
    _banner, _geometry, _title_rules, _running_head_rule, _running_head, _footer_notice, _running_title,
    _banner_position, _abstract, _anonymous_author_block, _review_ruler, _title_small_caps,
)


def _score(evidence: _Evidence, layout: Layout) -> list[Signal]:
    """The signals of `layout` the PDF shows, strongest first; its score is the sum of their weights."""
    return [signal for test in _SIGNAL_TESTS if (signal := test(evidence, layout)) is not None]


def _banner_text(slot: str) -> str:
    """The notice itself: the slot from its first line that says something about the build
    (ICML's footnote starts with the affiliations)."""
    lines = slot.split("\n")
    for number, line in enumerate(lines):
        if banner_mode(" ".join(lines[number:number + 2])) is not None and (
                banner_mode(line) is not None or _banner_family(line)):
            return _one_line(" ".join(lines[number:]))
    return _one_line(slot)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- claims, mode and year -----------------------------------------------------------------
def _claims(evidence: _Evidence, best_signals: list[Signal]) -> None:
    """Name the weaker signal where the text claims a venue the layout does not support.

    `best_signals`: for a PDF in no known template, the signals of the layout it resembles most.
    """
    info = evidence.info
    settings = evidence.settings
    claimed: dict[str, str] = {}
    for slot in evidence.slots.values():
        family = _banner_family(slot) if slot and banner_mode(slot) else None
        if family:
            claimed.setdefault(family, _banner_text(slot))
    for line in evidence.title_lines[:settings.claim_lines]:
        family = _banner_family(line.text)
        if family and (_SUBMISSION.search(line.text) or _CAMERA_READY.search(line.text)):
            claimed.setdefault(family, line.text)
    for family, text in claimed.items():
        if family == info.family:
            continue
        layout = LAYOUTS[family]
        quoted = text[:settings.claim_chars]
        if info.family == "other":
            info.conflicts.append(
                f"page 1 names {FAMILY_NAMES[family]} ({quoted!r}) but the pages are not in its template: "
                f"{info.block.describe()}; the {FAMILY_NAMES[family]} style sets "
                f"{layout.block[0]:.0f}-{layout.block[2]:.0f} pt, "
                f"{'two columns' if layout.columns == 2 else 'one column'}")
        else:
            info.conflicts.append(
                f"page 1 names {FAMILY_NAMES[family]} ({quoted!r}) but the layout is the "
                f"{FAMILY_NAMES[info.family]} template; going by the layout")
    if info.family == "other":
        flush = [s.note for s in best_signals if s.name == "abstract-flush-left"]
        if flush and any(s.name in ("geometry", "title-rules") for s in best_signals):
            best = max(info.scores, key=lambda f: info.scores[f])
            info.conflicts.append(f"{FAMILY_NAMES[best]}-like pages, but {flush[0]}: not the "
                                  f"{FAMILY_NAMES[best]} style file")


def _mode_and_year(evidence: _Evidence, slot: str) -> None:
    info = evidence.info
    layout = LAYOUTS[info.family]
    name = FAMILY_NAMES[info.family]
    slot_family = _banner_family(slot) if slot else None
    mode = banner_mode(slot) if slot and slot_family in (None, info.family) else None
    if slot and mode:
        info.banner = _banner_text(slot)
        info.banner_line = _locate(evidence, info.banner)
    anonymous = evidence.anonymous_block(info.family)
    if mode is None:
        if info.line_numbers or anonymous:
            mode = "submission"
            info.evidence.append("no banner; " + ("review line numbers" if info.line_numbers else
                                                  "the anonymous author block") + " make it a review build")
        else:
            mode = "preprint"
            info.evidence.append(f"no {name} banner and no line numbers: a preprint build")
    elif mode != "submission" and info.line_numbers and anonymous:
        # the strongest evidence: the review build both numbers its lines and hides the authors,
        # whatever a replaced footer or running head says
        info.conflicts.append(f"the banner says {MODE_NAMES[mode]} ({info.banner!r}) but review line numbers and "
                              f"{name}'s anonymous author block make it a review build")
        mode = "submission"
    info.mode = mode
    info.year = _year(slot if info.banner else "", info.family)
    if mode == "submission" and not info.line_numbers and info.year in layout.ruler_years:
        info.conflicts.append(f"a review build of the {name} {info.year} template numbers its lines, but none "
                              "were found")
    if mode in ("camera_ready", "preprint") and info.line_numbers:
        info.conflicts.append(f"the banner says {MODE_NAMES[mode]} but the pages carry review line numbers")
    if mode == "camera_ready" and anonymous:
        info.conflicts.append(f"the banner says camera-ready but the author block is {name}'s anonymous one")


def _locate(evidence: _Evidence, banner: str) -> Line | None:
    """The line a banner starts with, on the title page or the one after it."""
    start = evidence.start
    for page in evidence.document.lines[start:start + 2]:
        for line in page:
            text = _one_line(line.text)
            if len(text) >= evidence.settings.banner_line_chars and banner.startswith(text):
                return line
    return None


def _year(text: str, family: str) -> int | None:
    if not text:
        return None
    match = _YEAR.search(text)
    if match:
        return int(match.group(1))
    ordinal = _ORDINAL.search(text)
    if ordinal:
        key = (ordinal.group(1) + ordinal.group(2)).lower()
        table = _ICML_ORDINAL_YEAR if family == "icml" else _NEURIPS_ORDINAL_YEAR
        return table.get(key)
    return None
