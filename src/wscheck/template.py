"""Which template a PDF was built with: family, year and mode.

Evidence comes from the PDF itself, never from what its text claims alone:

* the text-block geometry and columns (ICLR and NeurIPS: 5.5 x 9 in, one column;
  ICML: 6.75 x 9 in, two columns);
* the furniture each style file draws: NeurIPS's and ICML's title rules, ICLR's
  running head and its rule, ICML's running title rule, the Abstract heading as
  the style centres it, the review ruler at the style's position;
* the banner in the slot the style prints it in (ICLR's running head, the NeurIPS
  footer, ICML's first-column footnote) and the anonymous author block.

A PDF that names a venue but has neither its layout nor its furniture is
"other"; where signals disagree, the weaker one is named in `conflicts`. All
positions are PDF points from the top-left of a US Letter page (anchors.md B).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from wscheck.pdf.model import Line

FAMILIES = ("iclr", "icml", "neurips")
MODES = ("submission", "camera_ready", "preprint", "unknown")
FAMILY_NAMES = {"iclr": "ICLR", "icml": "ICML", "neurips": "NeurIPS", "other": "other"}
MODE_NAMES = {"submission": "submission", "camera_ready": "camera-ready", "preprint": "preprint",
              "unknown": "build of unknown mode"}


@dataclass(frozen=True)
class Layout:
    """What a template's pages look like, as its style file draws them (anchors.md B)."""

    family: str
    columns: int
    block: tuple[float, float, float, float]  # x0, top, x1, bottom of the text block
    ruler_x1: float  # right edge of the review ruler's numbers
    title_rules: bool  # rules above and below the title on page 1
    header_rule_top: float | None  # y of the running head's rule
    header_on_first_page: bool
    abstract_center: float  # x centre of the Abstract heading
    abstract_small_caps: bool
    notice: str  # where the mode banner is printed: "header", "footer" or "column-footnote"
    ruler_years: tuple[int, ...] = ()  # template years whose review build numbers its lines


LAYOUTS = {
    # B1: \textwidth 5.5in, \oddsidemargin .5in -> x 108-504; \topmargin -0.625in and
    # \headsep +0.25in put the block at 82-730 pt; running head "Under review as ..." at
    # y ~29 above a rule; ABSTRACT centred in small caps; ruler 35 pt left of the text.
    "iclr": Layout("iclr", 1, (108.0, 82.0, 504.0, 730.0), 86.0, False, 38.8, True, 306.0, True, "header",
                   ruler_years=(2025, 2026, 2027)),
    # B2: \textwidth 6.75in, \oddsidemargin -0.23in -> x 55.4-541.4, two columns 0.25 in
    # apart; body from ~67 pt; running title above a rule on pages 2+; the notice is a
    # footnote of column 1; ruler at x 25.6-40.5.
    "icml": Layout("icml", 2, (55.4, 67.0, 541.4, 715.0), 40.5, True, 56.6, False, 172.9, False,
                   "column-footnote", ruler_years=(2024, 2025, 2026, 2027)),
    # B3: geometry textwidth=5.5in, textheight=9in, top=1in, centred -> 108-504 x 72-720;
    # title between a 4 pt and a 1 pt rule; the notice in the first page's footer.
    "neurips": Layout("neurips", 1, (108.0, 72.0, 504.0, 720.0), 98.0, True, None, False, 306.0, False,
                      "footer", ruler_years=(2024, 2025, 2026, 2027)),
}

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

# a layout is recognised from this score on (see _score); the geometry alone gives 3
_ENOUGH = 5
# evidence notes (see _score) for furniture a style file draws, as opposed to text it prints
_DRAWN = ("title between", "running-head rule", "running head at the top left", "centred bold running title",
          "review line numbers at")


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
        if None in (self.x0, self.top, self.x1, self.bottom):
            return None
        return (self.x0, self.top, self.x1, self.bottom)

    def describe(self) -> str:
        if self.x0 is None or self.x1 is None:
            return "no measurable text block"
        width = (self.x1 - self.x0) / 72
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

    def summary(self) -> dict:
        """The `format` object of `wscheck inspect` (see CONTRACT.md)."""
        return {"family": self.family, "year": self.year, "mode": self.mode}

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
def detect(document) -> TemplateInfo:
    info = TemplateInfo()
    if document.page_count == 0:
        return info
    structure = document.structure
    info.columns = structure.columns
    info.block = document.text_block
    info.text_block = info.block.as_tuple()
    info.ruler_x1 = document.ruler_x1
    info.line_numbers = info.ruler_x1 is not None
    slots = _banner_slots(document)
    scores: dict[str, int] = {}
    notes: dict[str, list[str]] = {}
    for family, layout in LAYOUTS.items():
        scores[family], notes[family] = _score(document, layout, info, slots)
    info.scores = scores
    best = max(scores, key=lambda f: scores[f])
    layout = LAYOUTS[best]
    geometry_fits = _geometry_fits(info.block, layout)
    slot = slots[layout.notice]
    # the template's own banner in its own slot, with more of its furniture, is the template
    # even when its margins were changed (that is for the text-block rule to report)
    own_banner = bool(slot) and _banner_family(slot) == best and banner_mode(slot) is not None
    # text is easy to imitate; furniture the style file draws at its own positions is not
    drawn = any(note.startswith(_DRAWN) for note in notes[best])
    if scores[best] >= _ENOUGH and (geometry_fits or (own_banner and drawn and scores[best] >= _ENOUGH + 1)):
        info.family = best
        info.evidence.extend(notes[best])
        if not geometry_fits:
            info.conflicts.append(
                f"{info.block.describe()}, not the {FAMILY_NAMES[best]} template's "
                f"{layout.block[0]:.0f}-{layout.block[2]:.0f} pt: the layout was changed; going by the "
                f"{FAMILY_NAMES[best]} banner and furniture")
        runner_up = max((f for f in scores if f != best), key=lambda f: scores[f])
        if scores[runner_up] >= _ENOUGH:
            info.conflicts.append(
                f"the layout also resembles {FAMILY_NAMES[runner_up]} (score {scores[runner_up]} against "
                f"{scores[best]}); going by the stronger {FAMILY_NAMES[best]} evidence")
    _claims(document, info, slots, notes)
    if info.family != "other":
        _mode_and_year(document, info, slots[LAYOUTS[info.family].notice])
    return info


# -- measurements ------------------------------------------------------------------
def _body_lines(document) -> list[Line]:
    structure = document.structure
    body = structure.body_size
    return [line for line in structure.content
            if abs(line.size - body) <= 0.6 and len(line.text) >= 25 and line.width >= 100]


def _edge(values: list[float], side: str) -> float | None:
    """A column's edge: the outermost position many lines share. Indents, lists and
    quotes only move lines inwards, and a ragged line ends short of the right edge."""
    if not values:
        return None
    counts = Counter(round(v) for v in values)
    enough = max(4, 0.12 * len(values))
    support = {v: sum(counts.get(v + d, 0) for d in (-1, 0, 1)) for v in counts}
    candidates = [v for v, n in support.items() if n >= enough]
    if not candidates:
        candidates = [max(support, key=lambda v: support[v])]
    best = min(candidates) if side == "left" else max(candidates)
    near = sorted(v for v in values if abs(v - best) <= 1.5)
    return round(near[len(near) // 2], 1)


def measure_text_block(document) -> TextBlock:
    """The text block the body lines fill: left and right edges (mode of the line ends,
    which justified text sets exactly), top and bottom (median over full pages)."""
    structure = document.structure
    lines = _body_lines(document)
    block = TextBlock(columns=structure.columns, lines=len(lines))
    if len(lines) < 10:
        return block
    width = document.page_sizes[0].width if document.page_sizes else 612.0
    if structure.columns == 2:
        middle = width / 2
        left = [l for l in lines if l.x1 <= middle + 10]
        right = [l for l in lines if l.x0 >= middle - 10]
        block.x0 = _edge([l.x0 for l in left], "left") if left else None
        block.x1 = _edge([l.x1 for l in right], "right") if right else None
    else:
        block.x0 = _edge([l.x0 for l in lines], "left")
        block.x1 = _edge([l.x1 for l in lines], "right")
    tops: list[float] = []
    bottoms: list[float] = []
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page, page_lines in by_page.items():
        if len(page_lines) >= (30 if structure.columns == 2 else 20):  # a page full of text
            tops.append(min(l.top for l in page_lines))
            bottoms.append(max(l.bottom for l in page_lines))
    if tops:
        tops.sort()
        bottoms.sort()
        block.top = tops[len(tops) // 2]
        block.bottom = bottoms[len(bottoms) // 2]
    return block


def ruler_position(document) -> float | None:
    """The right edge of a line-number ruler, whatever its style or position: short
    digit runs stacked at one x on many lines, outside the body text."""
    counts: Counter[int] = Counter()
    pages_with: dict[int, set[int]] = {}
    for page_lines in document.lines[:6]:
        for line in page_lines:
            if _DIGITS.match(line.text) and line.width < 25:
                key = round(line.x1 / 3)
                counts[key] += 1
                pages_with.setdefault(key, set()).add(line.page)
    if not counts:
        return None
    key, count = counts.most_common(1)[0]
    pages = len(document.lines[:6])
    if count >= 15 * min(pages, 2) and len(pages_with[key]) >= min(pages, 2):
        xs = [line.x1 for page_lines in document.lines[:6] for line in page_lines
              if _DIGITS.match(line.text) and round(line.x1 / 3) == key]
        xs.sort()
        return xs[len(xs) // 2]
    return None


def _geometry_fits(block: TextBlock, layout: Layout, tolerance: float = 5.0) -> bool:
    if block.x0 is None or block.x1 is None:
        return False
    return (block.columns == layout.columns and abs(block.x0 - layout.block[0]) <= tolerance
            and abs(block.x1 - layout.block[2]) <= tolerance)


def title_page(document) -> int:
    """0-based index of the page the paper starts on: page 1, unless page 1 is nearly empty
    (a style's complaint, a cover note) and page 2 carries the title block."""
    lines = document.lines
    if len(lines) > 1:
        def text_lines(page):
            return sum(1 for l in page if len(l.text) > 20 and not _DIGITS.match(l.text))
        if text_lines(lines[0]) < 8 and text_lines(lines[1]) >= 20:
            return 1
    return 0


# -- banner slots ---------------------------------------------------------------------
def _join(lines: list[Line]) -> str:
    """Lines in reading order, one text line per row; pieces of one row (a superscript
    ordinal, a split number) joined by spaces."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        row = rows[-1] if rows else None
        if row is not None:
            top, bottom = min(l.top for l in row), max(l.bottom for l in row)
            overlap = min(bottom, line.bottom) - max(top, line.top)
            if overlap >= 0.4 * min(line.height, bottom - top):
                row.append(line)
                continue
        rows.append([line])
    return "\n".join(" ".join(l.text for l in sorted(row, key=lambda l: l.x0)) for row in rows).strip()


def _banner_slots(document) -> dict[str, str]:
    """The text in each place a template prints its banner.

    header: the running head above the text block (pages 1-2);
    footer: page 1 below the text block, left-aligned, in small type (NeurIPS);
    column-footnote: the last footnote lines of page 1's first column (ICML).
    """
    structure = document.structure
    body = structure.body_size
    sizes = document.page_sizes
    out = {"header": "", "footer": "", "column-footnote": ""}
    if not document.lines or not sizes:
        return out
    height = sizes[0].height or 792.0
    width = sizes[0].width or 612.0
    start = title_page(document)
    first = document.lines[start]
    header_lines = [l for l in first if l.bottom <= 62 and not _DIGITS.match(l.text)]
    if not header_lines and len(document.lines) > start + 1:
        header_lines = [l for l in document.lines[start + 1] if l.bottom <= 62 and not _DIGITS.match(l.text)]
    out["header"] = _join(header_lines)
    out["footer"] = _join([l for l in first if l.top >= 0.9 * height - 10 and l.top < height - 20
                           and not _DIGITS.match(l.text) and l.size <= body - 0.4 and l.x0 < width / 2])
    column = [l for l in first if l.x1 <= width / 2 + 6 and 0.72 * height <= l.top < 0.93 * height
              and (l.size <= body - 0.4 or l.italic)
              and not (_DIGITS.match(l.text) and abs((l.x0 + l.x1) / 2 - width / 2) < 20)]  # page number
    out["column-footnote"] = _join(column)
    return out


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


# -- scoring --------------------------------------------------------------------------
def _rules(document, page: int) -> list:
    if page > len(document.drawables):
        return []
    return [d for d in document.drawables[page - 1]
            if d.kind == "path" and not d.invisible and d.box[3] - d.box[1] <= 5.0 and d.box[2] - d.box[0] >= 150]


def _spans_block(box, layout: Layout, tolerance: float = 4.0) -> bool:
    return abs(box[0] - layout.block[0]) <= tolerance and abs(box[2] - layout.block[2]) <= tolerance


def _abstract_heading(document) -> Line | None:
    for line in document.lines[title_page(document)] if document.lines else []:
        if _ABSTRACT.match(line.text.strip()):
            return line
    return None


def _score(document, layout: Layout, info: TemplateInfo, slots: dict[str, str]) -> tuple[int, list[str]]:
    """How much of `layout` the PDF shows, and the evidence, strongest first."""
    score = 0
    notes: list[str] = []
    name = FAMILY_NAMES[layout.family]
    start = title_page(document)
    title_lines = document.lines[start] if document.lines else []
    if _geometry_fits(info.block, layout):
        score += 3
        notes.append(f"geometry: {info.block.describe()}, as the {name} template")
    top_rules = [r for r in _rules(document, start + 1) if _spans_block(r.box, layout) and r.box[1] < 200]
    if layout.title_rules and len(top_rules) >= 2 and top_rules[0].box[1] <= layout.block[1] + 30:
        first, second = sorted(top_rules, key=lambda r: r.box[1])[:2]
        thick = first.box[3] - first.box[1]
        # NeurIPS: a 4 pt rule over the title; ICML: two thin ones
        if (layout.family == "neurips") == (thick >= 3.0):
            score += 2
            notes.append(f"title between two rules across the text block (y {first.box[1]:.0f} and "
                         f"{second.box[1]:.0f} pt)")
    if layout.header_rule_top is not None:
        pages = range(1 if layout.header_on_first_page else 2, min(len(document.lines), 3) + 1)
        for page in pages:
            rules = [r for r in _rules(document, page)
                     if _spans_block(r.box, layout) and abs(r.box[1] - layout.header_rule_top) <= 4]
            if rules:
                score += 1
                notes.append(f"running-head rule at y {rules[0].box[1]:.0f} pt (page {page})")
                break
    if layout.notice == "header" and document.lines:
        heads = [l for l in title_lines if l.bottom <= 45 and abs(l.x0 - layout.block[0]) <= 4]
        if heads:
            score += 1
            notes.append(f"running head at the top left of the text block: {heads[0].text!r}")
    if layout.notice == "footer" and document.lines:
        height = document.page_sizes[start].height
        feet = [l for l in title_lines if abs(l.x0 - layout.block[0]) <= 4
                and layout.block[3] < l.top < height - 40 and l.size < document.structure.body_size - 0.4]
        if feet:
            score += 1
            notes.append(f"page-1 notice below the text block: {feet[0].text!r}")
    if layout.family == "icml" and len(document.lines) > start + 1:
        centre = (layout.block[0] + layout.block[2]) / 2
        heads = [l for l in document.lines[start + 1] if 40 <= l.top <= 52 and l.bold
                 and abs((l.x0 + l.x1) / 2 - centre) <= 12]
        if heads:
            score += 1
            notes.append(f"centred bold running title on page 2: {heads[0].text!r}")
    slot = slots[layout.notice]
    if slot:
        family = _banner_family(slot)
        if family == layout.family:
            score += 4
            notes.insert(0, f"banner: {_banner_text(slot)!r}")
        elif family is None and banner_mode(slot):
            score += 1
            notes.append(f"banner in the {name} position: {_one_line(slot)!r}")
    abstract = _abstract_heading(document)
    if abstract is not None and info.block.x0 is not None:
        centre = (abstract.x0 + abstract.x1) / 2
        if abs(centre - layout.abstract_center) <= 8:
            small_caps = abstract.text.strip().isupper() and not abstract.bold
            if small_caps == layout.abstract_small_caps:
                score += 1
                notes.append("Abstract heading centred " + ("in small caps" if small_caps else "in bold"))
        elif abs(abstract.x0 - info.block.x0) <= 6:
            score -= 5  # every one of these templates centres it: a redefined abstract
            notes.append(f"the Abstract heading is flush left (x {abstract.x0:.0f} pt); the {name} style "
                         "centres it")
    anonymous = _anonymous_block(document, layout.family)
    if anonymous:
        score += 2
        notes.append(f"the {name} anonymous author block: {anonymous!r}")
    if info.ruler_x1 is not None and abs(info.ruler_x1 - layout.ruler_x1) <= 6:
        score += 1
        notes.append(f"review line numbers at x {info.ruler_x1:.0f} pt")
    if layout.family == "iclr" and document.lines:
        titles = [l for l in title_lines[:6] if l.size >= 13 and abs(l.x0 - layout.block[0]) <= 3]
        if titles and sum(ch.isupper() for ch in titles[0].text) >= 0.6 * sum(ch.isalpha() for ch in
                                                                             titles[0].text):
            score += 1
            notes.append("title flush left in small capitals")
    return score, notes


def _anonymous_block(document, family: str) -> str | None:
    first, second = _ANONYMOUS_BLOCKS[family]
    page = document.lines[title_page(document)] if document.lines else []
    for number, line in enumerate(page[:60]):
        if first.match(line.text.strip()):
            following = page
            if any(second.match(other.text.strip()) for other in following[number + 1:]):
                return line.text
    return None


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
def _claims(document, info: TemplateInfo, slots: dict[str, str], notes: dict[str, list[str]]) -> None:
    """Name the weaker signal where the text claims a venue the layout does not support."""
    claimed: dict[str, str] = {}
    for slot in slots.values():
        family = _banner_family(slot) if slot and banner_mode(slot) else None
        if family:
            claimed.setdefault(family, _banner_text(slot))
    for line in document.lines[title_page(document)][:80] if document.lines else []:
        family = _banner_family(line.text)
        if family and (_SUBMISSION.search(line.text) or _CAMERA_READY.search(line.text)):
            claimed.setdefault(family, line.text)
    for family, text in claimed.items():
        if family == info.family:
            continue
        layout = LAYOUTS[family]
        if info.family == "other":
            info.conflicts.append(
                f"page 1 names {FAMILY_NAMES[family]} ({text[:90]!r}) but the pages are not in its template: "
                f"{info.block.describe()}; the {FAMILY_NAMES[family]} style sets "
                f"{layout.block[0]:.0f}-{layout.block[2]:.0f} pt, "
                f"{'two columns' if layout.columns == 2 else 'one column'}")
        else:
            info.conflicts.append(
                f"page 1 names {FAMILY_NAMES[family]} ({text[:90]!r}) but the layout is the "
                f"{FAMILY_NAMES[info.family]} template; going by the layout")
    if info.family == "other":
        best = max(info.scores, key=lambda f: info.scores[f])
        flush = [n for n in notes[best] if "flush left" in n and "Abstract" in n]
        if flush and any(n.startswith(("geometry", "title between")) for n in notes[best]):
            info.conflicts.append(f"{FAMILY_NAMES[best]}-like pages, but {flush[0]}: not the "
                                  f"{FAMILY_NAMES[best]} style file")


def _mode_and_year(document, info: TemplateInfo, slot: str) -> None:
    layout = LAYOUTS[info.family]
    name = FAMILY_NAMES[info.family]
    slot_family = _banner_family(slot) if slot else None
    mode = banner_mode(slot) if slot and slot_family in (None, info.family) else None
    if slot and mode:
        info.banner = _banner_text(slot)
        info.banner_line = _locate(document, info.banner)
    anonymous = _anonymous_block(document, info.family)
    if mode is None:
        if info.line_numbers or anonymous:
            mode = "submission"
            info.evidence.append("no banner; " + ("review line numbers" if info.line_numbers else
                                                  "the anonymous author block") + " make it a review build")
        else:
            mode = "preprint"
            info.evidence.append(f"no {name} banner and no line numbers: a preprint build")
    info.mode = mode
    info.year = _year(slot if info.banner else "", info.family)
    if mode == "submission" and not info.line_numbers and info.year in layout.ruler_years:
        info.conflicts.append(f"a review build of the {name} {info.year} template numbers its lines, but none "
                              "were found")
    if mode in ("camera_ready", "preprint") and info.line_numbers:
        info.conflicts.append(f"the banner says {MODE_NAMES[mode]} but the pages carry review line numbers")
    if mode == "camera_ready" and anonymous:
        info.conflicts.append(f"the banner says camera-ready but the author block is {name}'s anonymous one")


def _locate(document, banner: str) -> Line | None:
    """The line a banner starts with, on the title page or the one after it."""
    start = title_page(document)
    for page in document.lines[start:start + 2]:
        for line in page:
            text = _one_line(line.text)
            if len(text) >= 6 and banner.startswith(text):
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
