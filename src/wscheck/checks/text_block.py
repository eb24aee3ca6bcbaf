"""The text block: body text in the template's rectangle and column count, nothing in the margins.

Two questions, both from the rule's text block (x0, top, x1, bottom in points from
the page's top-left corner):

* was the layout changed? The body lines' measured edges are held against the
  block (margins squeezed with geometry or fullpage, a taller \\textheight, one
  column instead of two);
* does anything run into the margins? Text lines, images and vector drawings
  beyond the block by more than `tolerance`.

Page furniture is not content: running heads and their rules, page numbers and
the first page's notice, any line-number ruler (whatever its style, colour or
side), arXiv margin stamps, all-white drawings, and figure content that its clip
path or bounding box hides. Link boxes are annotations, never content.
"""
from __future__ import annotations

from dataclasses import dataclass

from wscheck.checks.base import NotApplicable, Param
from wscheck.facts import TextBlockFacts
from wscheck.geometry import FAMILIES, LAYOUTS, POINTS_PER_INCH, US_LETTER
from wscheck.model import LEVELS, CheckOutput, Finding, Level
from wscheck.template import FAMILY_NAMES, banner_mode
from wscheck.textutil import page_ranges, plural_s

ID = "text-block"
DESCRIPTION = "text, figures and drawings stay inside the template's text block; its margins are unchanged"
NEEDS = frozenset({"lines", "drawables", "page_sizes", "outline"})
# measures the venue's template: not run on a paper in another template (wscheck.runner)
BOUND_TO = frozenset({"template"})
PARAMS = {
    "layout": Param(str, None, "the template whose text block and columns apply, as wscheck.geometry holds "
                               "them: iclr, icml or neurips", choices=FAMILIES),
    "block": Param(list, None, "the text block [x0, top, x1, bottom] in points from the page's top-left corner "
                               "(instead of the layout's)", item_type=float),
    "columns": Param(int, None, "how many columns the body text is set in (instead of the layout's)",
                     choices=(1, 2)),
    "page_width": Param(float, US_LETTER.width, "the page width the block is given for (US Letter: 612)"),
    "tolerance": Param(float, 5.0, "points an object may pass the block edge unnoticed (glyph overshoot, "
                                   "a table's row shading, rounding)"),
    "minor": Param(float, 18.0, "points beyond the edge up to which an overflow is a warning; further is an "
                                "error"),
    "edge_tolerance": Param(float, 5.0, "points the measured edges of the body text may differ from the block "
                                        "before the layout counts as changed"),
    "after_main_body": Param(str, Level.WARNING, "level of overflows on pages after the main body (references, "
                                             "appendices, checklist)", choices=LEVELS),
    "max_findings": Param(int, 100, "findings listed before the rest are only counted"),
}

_FIXES = {
    "layout": "use the template unmodified: remove geometry, fullpage, \\addtolength or \\setlength changes to "
              "\\textwidth, \\textheight and the margins",
    "columns": "use the template's column layout unmodified (\\documentclass options and the style file)",
    "notes": "remove the margin notes before submitting: \\todo and \\marginpar comments, rebuttal "
             "annotations (\\usepackage[disable]{todonotes} hides every \\todo)",
    "text": "let the line break: reword it, allow a break (\\sloppy, \\allowbreak, \\url{...} for a link), "
            "break long code or verbatim lines (listings: breaklines=true), or narrow a wide table "
            "(\\resizebox{\\linewidth}{!}{...}, tabularx)",
    "figure": "scale the figure to the column (\\includegraphics[width=\\linewidth]{...}) and keep it inside "
              "the text block",
    "vertical": "the page is overfull: shrink or move the float, and remove negative \\vspace around it",
}


def _geometry(params) -> dict:
    """The parameters with the layout's block and columns filled in where the rule gives none."""
    layout = LAYOUTS.get(params["layout"]) if params["layout"] else None
    block = params["block"] or (list(layout.block) if layout is not None else None)
    columns = params["columns"] if params["columns"] is not None else (layout.columns if layout else None)
    return {**params, "block": block, "columns": columns}


def message_fields(params) -> dict:
    """`{text_block}` for the rule's message: the block and columns this run applies, e.g. "the NeurIPS
    text block (5.5 x 9 in, one column)", so that a rule whose layout depends on the paper's format
    says which one it held the paper to."""
    geometry = _geometry(params)
    block = geometry["block"]
    if not block or len(block) != 4:
        return {}
    layout = LAYOUTS.get(params["layout"]) if params["layout"] and not params["block"] else None
    name = f"the {FAMILY_NAMES[layout.family]} text block" if layout is not None else "the text block"
    width, height = ((b - a) / POINTS_PER_INCH for a, b in ((block[0], block[2]), (block[1], block[3])))
    size = " x ".join(f"{v:.2f}".rstrip("0").rstrip(".") for v in (width, height)) + " in"
    columns = {1: "one column", 2: "two columns"}.get(geometry["columns"] or 0)
    return {"text_block": f"{name} ({size}{', ' + columns if columns else ''})"}


def check(document, params) -> CheckOutput:
    params = _geometry(params)
    block = params["block"]
    if not block or len(block) != 4:
        raise NotApplicable("the rule set gives no text block")
    x0, top, x1, bottom = block
    structure = document.structure
    findings: list[Finding] = []
    measured = document.analysis.text_block
    changed, explained = _layout_changed(measured, params, structure.body_size)
    findings.extend(changed)
    end = structure.main_body_end
    last_body_page = end.page if end is not None else document.page_count
    ruler = document.analysis.ruler_x1
    sizes = document.page_sizes
    overflows = 0
    for number, (lines, drawables) in enumerate(zip(document.lines, document.drawables, strict=True), start=1):
        size = sizes[number - 1]
        if abs(size.width - params["page_width"]) > 3:
            continue  # another paper size: the page-size rule reports it, margins mean nothing here
        page_box = (0.0, 0.0, size.width, size.height)
        items = _drawable_overflows(document, drawables, block, page_box, params)
        items += _text_overflows(document, lines, block, page_box, ruler, params)
        if explained:
            # lines beyond a changed block are that change, already reported once
            items = [i for i in items if not (i.text and i.side in explained)]
        overflows += len(items)
        findings.extend(_page_findings(number, items, block, params, after=number > last_body_page,
                                       body_size=structure.body_size))
    shown = findings[: params["max_findings"]]
    hidden = len(findings) - len(shown)
    box_text = f"{x0:g}-{x1:g} x {top:g}-{bottom:g} pt"
    if not findings:
        return CheckOutput(summary=f"body text fills the template's block ({measured.describe()}); nothing "
                                   f"runs into the margins", facts=TextBlockFacts(block=tuple(block)))
    layout = [f for f in findings if f.kind in ("layout", "columns")]
    parts = []
    if layout:
        parts.append("the layout was changed: " + "; ".join(f.text for f in layout))
    if overflows:
        pages = sorted({f.page for f in findings if f.kind not in ("layout", "columns") and f.page})
        parts.append(f"{overflows} object{plural_s(overflows)} beyond the text block ({box_text}) on "
                     f"page{plural_s(len(pages))} {page_ranges(pages)}")
    summary = "; ".join(parts) + (f" ({hidden} more not listed)" if hidden else "")
    return CheckOutput(findings=shown, summary=summary, facts=TextBlockFacts(block=tuple(block), overflows=overflows))


# -- was the layout changed? ---------------------------------------------------------
def _layout_changed(measured, params, body_size: float) -> tuple[list[Finding], set[str]]:
    """Findings on the block as a whole, and the sides whose overflowing lines they explain."""
    x0, top, x1, bottom = params["block"]
    tolerance = params["edge_tolerance"]
    out: list[Finding] = []
    explained: set[str] = set()
    if measured.lines < 30 or measured.x0 is None or measured.x1 is None:
        return out, explained
    columns = params["columns"]
    if columns is not None and measured.columns != columns:
        words = {1: "one column", 2: "two columns"}
        out.append(Finding(page=None, kind="columns", fix=_FIXES["columns"],
                           text=f"the body is set in {words.get(measured.columns)}; the template uses "
                                f"{words.get(columns)}"))
    width, want = (measured.x1 - measured.x0) / POINTS_PER_INCH, (x1 - x0) / POINTS_PER_INCH  # inches
    if measured.x0 < x0 - tolerance or measured.x1 > x1 + tolerance:
        out.append(Finding(
            page=None, kind="layout", fix=_FIXES["layout"],
            text=f"the text is {width:.2f} in wide ({measured.x0:.0f}-{measured.x1:.0f} pt); the template's "
                 f"block is {want:.2f} in ({x0:g}-{x1:g} pt)",
            detail="margins narrower than the template's give the paper more room than other submissions get"))
        explained |= {side for side, wider in (("left", measured.x0 < x0 - tolerance),
                                               ("right", measured.x1 > x1 + tolerance)) if wider}
    elif measured.x0 > x0 + tolerance or measured.x1 < x1 - tolerance:
        out.append(Finding(
            page=None, kind="layout", level=Level.WARNING, fix=_FIXES["layout"],
            text=f"the text is {width:.2f} in wide ({measured.x0:.0f}-{measured.x1:.0f} pt), not the "
                 f"template's {want:.2f} in ({x0:g}-{x1:g} pt)"))
    # vertically, a line's worth: glyph tops and descenders sit a few points inside and
    # outside the block, and a taller block shows as a whole extra line
    tolerance = max(tolerance, 1.1 * body_size)
    if measured.bottom is not None and measured.bottom > bottom + tolerance:
        out.append(Finding(
            page=None, kind="layout", fix=_FIXES["layout"],
            text=f"full pages run to {measured.bottom:.0f} pt from the top; the template's block ends at "
                 f"{bottom:g} pt (\\textheight was enlarged)"))
        explained.add("bottom")
    if measured.top is not None and measured.top < top - tolerance:
        out.append(Finding(
            page=None, kind="layout", fix=_FIXES["layout"],
            text=f"full pages start {measured.top:.0f} pt from the top; the template's block starts at {top:g} pt "
                 f"(the top margin was reduced)"))
        explained.add("top")
    return out, explained


# -- does anything run into the margins? ---------------------------------------------------
def _overhang(box, block) -> tuple[float, str]:
    """How far `box` passes the block, and on which side."""
    x0, top, x1, bottom = block
    sides = {"left": x0 - box[0], "right": box[2] - x1, "top": top - box[1], "bottom": box[3] - bottom}
    side = max(sides, key=lambda s: sides[s])
    return sides[side], side


def _clip(box, page_box):
    clipped = (max(box[0], page_box[0]), max(box[1], page_box[1]), min(box[2], page_box[2]),
               min(box[3], page_box[3]))
    return clipped if clipped[0] < clipped[2] and clipped[1] < clipped[3] else None


def _level(amount: float, params, after: bool) -> str:
    level = Level.ERROR if amount > params["minor"] else Level.WARNING
    if after and LEVELS.index(params["after_main_body"]) > LEVELS.index(level):
        level = params["after_main_body"]  # pages after the main body are held to this at most
    return level


def _in_margin_band(box, block, side: str) -> bool:
    """Entirely above or below the block (where running heads and feet live)."""
    return box[3] <= block[1] + 1 if side == "top" else box[1] >= block[3] - 1 if side == "bottom" else False


@dataclass
class _Item:
    """One object beyond the block."""

    box: tuple[float, float, float, float]
    amount: float  # points beyond the edge
    side: str  # left, right, top, bottom
    text: str | None  # a text line's text
    what: str  # "text", "an image", "a figure", "a drawing"


def _drawable_overflows(document, drawables, block, page_box, params) -> list[_Item]:
    out = []
    area = page_box[2] * page_box[3]
    for drawable in drawables:
        if drawable.invisible:
            continue
        box = _clip(drawable.printed_box, page_box)
        if box is None:
            continue  # entirely off the page
        amount, side = _overhang(box, block)
        if amount <= params["tolerance"]:
            continue  # the ink lies within the clipped box, so it cannot overflow either
        if drawable.ink_pending:
            # it seems to overflow: look at the ink it actually puts in the margins
            printed = document.printed_box(drawable)
            box = _clip(printed, page_box) if printed is not None else None
            if box is None:
                continue
            amount, side = _overhang(box, block)
            if amount <= params["tolerance"]:
                continue
        if (box[2] - box[0]) * (box[3] - box[1]) >= 0.8 * area:
            continue  # a page background or watermark, not part of the layout
        thin = min(box[2] - box[0], box[3] - box[1]) <= 3.0
        if thin and side in ("top", "bottom") and _in_margin_band(box, block, side) and \
                box[0] >= block[0] - params["tolerance"] and box[2] <= block[2] + params["tolerance"]:
            continue  # the running head's or foot's rule
        what = {"image": "an image", "form": "a figure", "path": "a drawing", "shading": "a shading"}[drawable.kind]
        out.append(_Item(box, amount, side, None, what))
    return out


# What runs into a margin, as an author fixes it: a note set in the margin, a line too long for
# its column, a figure too wide, or a page too full (the top and bottom margins).
MARGIN_NOTE, OVERFULL_LINE, WIDE_FIGURE, OVERFULL_PAGE = "margin-note", "overfull-line", "wide-figure", "overfull-page"
_KIND_FIX = {MARGIN_NOTE: "notes", OVERFULL_LINE: "text", WIDE_FIGURE: "figure", OVERFULL_PAGE: "vertical"}
_INSIDE = 6.0  # pt of the text block kept in a box around what runs out of it, to show the edge
_NOTE_APART = 4.0  # pt between the text block and the box around a margin note
_CLUSTER_GAP = 2.0  # body-size lines of space that separate two groups of objects in one margin


def _outside(box, block, side: str, tolerance: float) -> bool:
    """Wholly in the side margin: it starts beyond the block's edge, rather than running past it."""
    return box[0] >= block[2] - tolerance if side == "right" else box[2] <= block[0] + tolerance


def _classify(items: list[_Item], block, tolerance: float) -> dict[tuple[str, str], list[_Item]]:
    """Items by (side, kind). Text wholly in a side margin is a margin note, and so are the drawings
    on that side that frame it or lead to it (todonotes draws both); text that starts in the block
    and runs past its edge is an overfull line; any other drawing is a figure too wide."""
    out: dict[tuple[str, str], list[_Item]] = {}
    notes = [i for i in items if i.text and i.side in ("left", "right") and _outside(i.box, block, i.side,
                                                                                     tolerance)]
    noted = {i.side for i in notes}
    # how far into each margin the notes start: a line that reaches that far is a note the PDF
    # joined to the line of text beside it
    reach = {side: min((abs(i.box[0 if side == "right" else 2] - block[2 if side == "right" else 0])
                        for i in notes if i.side == side), default=0.0) for side in noted}
    for item in items:
        if item.side in ("top", "bottom"):
            kind = OVERFULL_PAGE
        elif item.text:
            joined = item.side in noted and item.amount > reach[item.side] + tolerance
            kind = MARGIN_NOTE if joined or _outside(item.box, block, item.side, tolerance) else OVERFULL_LINE
        elif item.side in noted and (item.what == "a drawing" or _outside(item.box, block, item.side, tolerance)):
            kind = MARGIN_NOTE
        else:
            kind = WIDE_FIGURE
        out.setdefault((item.side, kind), []).append(item)
    return out


def _in_margin(box, block, side: str, inside: float = _INSIDE) -> tuple[float, float, float, float]:
    """The part of a box beyond the block's edge, with `inside` points of the block to show the edge
    (a negative `inside` keeps the box off the block: a margin note is boxed alone)."""
    x0, top, x1, bottom = box
    if side == "right":
        x0 = max(x0, block[2] - inside)
    elif side == "left":
        x1 = min(x1, block[0] + inside)
    elif side == "top":
        bottom = min(bottom, block[1] + inside)
    else:
        top = max(top, block[3] - inside)
    return (x0, top, x1, bottom)


def _clusters(items: list[_Item], side: str, gap: float) -> list[list[_Item]]:
    """Objects of one margin in groups that lie apart: each margin note on its own, not the whole margin."""
    vertical = side in ("left", "right")
    start, end = (1, 3) if vertical else (0, 2)
    groups: list[list[_Item]] = []
    reach = float("-inf")
    for item in sorted(items, key=lambda i: i.box[start]):
        if groups and item.box[start] <= reach + gap:
            groups[-1].append(item)
        else:
            groups.append([item])
        reach = max(reach, item.box[end]) if len(groups[-1]) > 1 else item.box[end]
    return groups


_PLURALS = {"text": "text lines", "an image": "images", "a figure": "figures", "a drawing": "drawings",
            "a shading": "shadings"}


def _detail(kind: str, group: list[_Item], side: str, worst: _Item, block) -> str:
    vertical = side in ("top", "bottom")
    edges = f"{block[1]:g}-{block[3]:g} pt from the top" if vertical else f"{block[0]:g}-{block[2]:g} pt"
    count = len(group)
    up_to = "up to " if count > 1 else ""
    if kind == MARGIN_NOTE:
        return f"a note set in the {side} margin, {up_to}{worst.amount:.0f} pt beyond the text block ({edges})"
    beyond = f"{up_to}{worst.amount:.0f} pt into the {side} margin (text block {edges})"
    if kind == OVERFULL_LINE:
        return f"{'the line runs' if count == 1 else f'{count} lines run'} {beyond}"
    kinds = sorted({i.what if not i.text else "text" for i in group})
    things = f"{count} objects ({', '.join(_PLURALS[k] for k in kinds)})" if count > 1 else (
        "a line of text" if worst.text else worst.what)
    return f"{things} run{'s' if count == 1 else ''} {beyond}"


def _page_findings(page, items: list[_Item], block, params, after: bool, body_size: float = 10.0) -> list[Finding]:
    """One finding per group of objects in a margin, by what the author must fix (`_classify`)."""
    out = []
    order = {side: n for n, side in enumerate(("left", "right", "top", "bottom"))}
    for (side, kind), items_of_kind in sorted(_classify(items, block, params["tolerance"]).items(),
                                              key=lambda entry: (order[entry[0][0]], entry[0][1])):
        for group in _clusters(items_of_kind, side, _CLUSTER_GAP * body_size):
            worst = max(group, key=lambda i: i.amount)
            quoted = max((i for i in group if i.text), key=lambda i: i.amount, default=None)
            if kind == MARGIN_NOTE:  # the note as it reads, from the top
                quoted = min((i for i in group if i.text), key=lambda i: (i.box[1], i.box[0]), default=quoted)
            inside = -_NOTE_APART if kind == MARGIN_NOTE else _INSIDE
            parts = [_in_margin(i.box, block, side, inside) for i in group]
            union = (min(b[0] for b in parts), min(b[1] for b in parts), max(b[2] for b in parts),
                     max(b[3] for b in parts))
            out.append(Finding(
                page=page, kind=kind, box=tuple(round(v, 1) for v in union),  # type: ignore[arg-type]
                fix=_FIXES[_KIND_FIX[kind]], level=_level(worst.amount, params, after),
                text=quoted.text if quoted and quoted.text else f"{worst.what} at {worst.box[0]:.0f},"
                     f"{worst.box[1]:.0f}-{worst.box[2]:.0f},{worst.box[3]:.0f} pt",
                detail=_detail(kind, group, side, worst, block)))
    return out


def _text_overflows(document, lines, block, page_box, ruler, params) -> list[_Item]:
    """Lines of text beyond the block, but not the page's furniture, a ruler, a stamp or a figure's text."""
    structure = document.structure
    tolerance = params["tolerance"]
    # the last line's descenders, subscripts and big operators hang below the block's
    # bottom, which is the last baseline
    descent = max(tolerance, 0.6 * structure.body_size)
    bands: dict[str, list] = {"top": [], "bottom": []}
    overflowing = []
    left, top, right, bottom = block
    for line in lines:
        # most lines lie inside the block: nothing below can make them overflow (clipping and the
        # ruler only shrink a box), so they are passed at once, with the same arithmetic as _overhang
        if left - line.x0 <= tolerance and line.x1 - right <= tolerance and top - line.top <= tolerance \
                and line.bottom - bottom <= tolerance:
            continue
        if structure.is_furniture(line) or (line.width < 0.5 and line.height < 0.5):
            continue  # page furniture, or a zero-size glyph that prints nothing
        box = _clip(line.box, page_box)
        if box is None:
            continue
        if ruler is not None and _has_number(line.text):
            box = _without_ruler_number(box, block, ruler)
        amount, side = _overhang(box, block)
        if amount <= (descent if side == "bottom" else tolerance) or \
                _margin_matter(line, side, ruler, structure.body_size):
            continue
        if _in_margin_band(box, block, side):
            bands[side].append((line, box, amount))
            continue
        overflowing.append((line, box, amount, side))
    for side, entries in bands.items():
        for line, box, amount in entries:
            if len(entries) <= 3 and _running_furniture(line, box, block, structure.body_size, tolerance):
                continue  # running head, page number, the first page's notice
            overflowing.append((line, box, amount, side))
    return [_Item(box, amount, side, line.text, "text") for line, box, amount, side in overflowing]


def _without_ruler_number(box, block, ruler: float):
    """A line the PDF merged with its ruler number: the number is not text overflow."""
    if ruler < block[0] and box[0] <= ruler + 1:
        return (block[0], box[1], max(box[2], block[0]), box[3])
    if ruler > block[2] and box[2] >= ruler - 1 - 25:  # the number may reach 25 pt left of the ruler's edge
        return (box[0], box[1], min(box[2], block[2]), box[3])
    return box


def _margin_matter(line, side: str, ruler: float | None, body_size: float) -> bool:
    """What lies in the margins without being text that runs out of the block."""
    number = line.text.isdigit() and len(line.text) <= 4
    if ruler is not None and number and abs(line.x1 - ruler) <= 5:
        return True  # the review ruler, on a page with too few numbers for the structure to see it
    sideways = side in ("left", "right")
    if number and line.width < 20 and sideways and line.size < body_size - 1:
        return True  # a line number on its own, on whichever side the ruler is
    if line.height > 3 * max(line.width, 1) and line.height > 40 and sideways:
        return True  # vertical text in the margin: an arXiv or a draft stamp
    return line.in_figure  # a figure's own text: the figure's printed box is what counts


def _running_furniture(line, box, block, body_size: float, tolerance: float) -> bool:
    """In a margin band, within the block's width: a banner, or a short or small line (a running
    head, a page number); only a few such lines on a page."""
    furniture_like = banner_mode(line.text) is not None or line.width < 0.4 * (block[2] - block[0]) \
        or line.size < body_size - 0.5
    return furniture_like and box[0] >= block[0] - tolerance and box[2] <= block[2] + tolerance


def _has_number(text: str) -> bool:
    return any(token.isdigit() and len(token) <= 4 for token in text.split())
