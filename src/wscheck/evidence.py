"""Visual evidence: a PNG of every page with a failure, each violation boxed and numbered.

Runs in the batch worker right after the checks, while the Document is still
open, and only when `--evidence DIR` is given: a normal check never imports this
module, PIL or the renderer. Pages are rendered with PDFium (pypdfium2) and drawn
on with Pillow. Only failures are drawn (what fails a rule); warnings too with
`--evidence-warnings`.

Labels never cover what they mark, or each other: each mark is a box on the page
and a number just outside it, placed where the page is emptiest and never on a box
or another number; a legend below the page says what each number is. Pages are
saved with a palette (PALETTE_COLORS), which keeps text sharp at a third of the
bytes of full colour.

Finding boxes are in PDF points from the top-left of the crop box of the
unrotated page, so a page with /Rotate is rendered un-rotated to keep the boxes
in place. A finding about a page as a whole (a wrong paper size, no text layer)
frames the whole page; findings with no page (PDF metadata) or no place on it (a
font) are not drawn and stay in the report only.

A page is rendered within MAX_PIXELS: a hostile page of 14400 x 5600 points is
drawn smaller rather than as a 180-megapixel image. Each paper's images go to a
folder of their own, named after the file and a short hash of its path
(`evidence_dirs`), so two papers called `paper.pdf` in different folders never
share, or delete, each other's images.
"""
from __future__ import annotations

import hashlib
import math
import os
import re
import tempfile
from dataclasses import dataclass

from wscheck.errors import UsageError
from wscheck.facts import PageLimitFacts
from wscheck.model import Status
from wscheck.reporters.summary import group_noun
from wscheck.textsafe import clean

SCALE = 1.5  # 108 dpi: small files, text still legible when zoomed
MAX_PIXELS = 4_000_000  # per page image; a US Letter page at SCALE is 1.1 M pixels
FOLDER_STEM_CHARS = 60
COLORS = {"error": (220, 30, 30), "warning": (230, 140, 0)}
LABEL_TEXT = (255, 255, 255)
LEGEND_TEXT = (30, 30, 30)
LABEL_CHARS = 90  # a legend entry is a pointer to the report, which quotes the text whole
PALETTE_COLORS = 64  # pages are saved with a palette of this many colours: a third of the bytes, as legible
PAGE_FILE = re.compile(r"^page-\d+\.png$")
# findings with a page and no box that are about the page itself, which is framed whole; others with no
# box (a Type 3 font first used on a page) are not drawn: a frame would say nothing the report does not
WHOLE_PAGE_KINDS = frozenset({"page-size", "no-text", "over-limit", "end-not-found"})


@dataclass
class Mark:
    page: int
    box: tuple[float, float, float, float] | None  # None: the whole page
    label: str
    level: str  # error or warning
    body_end: bool = False  # the last line of the main body: also rule a line across its column
    column: int | None = None  # 1 or 2 on a two-column page
    number: int = 0  # its number on the page, in the margin and in the legend


def _drawn_levels(warnings: bool) -> set[str]:
    return {"error", "warning"} if warnings else {"error"}


def marks_for(report, warnings: bool = False) -> list[Mark]:
    """What to draw: every finding with a page that fails its rule; with `warnings`, warnings too."""
    levels = _drawn_levels(warnings)
    marks = []
    for result in report.results:
        if result.status not in (Status.FAIL, Status.WARN):
            continue
        for finding in result.findings:
            level = finding.level or result.level
            if finding.page is None or level not in levels or level not in COLORS:
                continue
            if finding.box is None and finding.kind not in WHOLE_PAGE_KINDS:
                continue
            facts = result.facts
            body_end = isinstance(facts, PageLimitFacts) and finding.box is not None
            if isinstance(facts, PageLimitFacts) and body_end:
                # the boxed line is the text; say what the line means instead
                limit = facts.limit
                label = f"{result.rule}: the main body ends here" + (f"; limit {limit} pages" if limit else "")
            else:
                noun = group_noun(finding.kind, 1) if finding.kind else ""
                tag = f"{result.rule}: {noun}" if noun and not noun.startswith("finding") else (
                    f"{result.rule} [{finding.kind}]" if finding.kind else result.rule)
                text = " ".join(clean(finding.text).split())
                if len(text) > LABEL_CHARS:
                    text = text[: LABEL_CHARS - 1] + "…"
                label = f"{tag} \u201c{text}\u201d" if noun and not noun.startswith("finding") else f"{tag}: {text}"
            marks.append(Mark(finding.page, finding.box, label, level, body_end, finding.column))
    return marks


def _font(size: int):
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has only the small bitmap font
        return ImageFont.load_default()


def render_scale(width_pt: float, height_pt: float) -> float:
    """SCALE, or less for a page so large that SCALE would give more than MAX_PIXELS."""
    area = abs(width_pt * height_pt)
    if not math.isfinite(area) or math.ceil(width_pt * SCALE) * math.ceil(height_pt * SCALE) <= MAX_PIXELS:
        return SCALE
    scale = math.sqrt(MAX_PIXELS / area)
    while math.ceil(abs(width_pt) * scale) * math.ceil(abs(height_pt) * scale) > MAX_PIXELS:
        scale *= 0.99  # the renderer rounds each side up
    return scale


def _render(pdf, page_number: int):
    """The page as an RGB image, and the scale it was rendered at (pixels per point)."""
    page = pdf[page_number - 1]
    try:
        rotation = page.get_rotation()
        width, height = page.get_size()
        scale = render_scale(width, height)
        bitmap = page.render(scale=scale, rotation=(360 - rotation) % 360)
        return bitmap.to_pil().convert("RGB"), scale
    finally:
        page.close()


@dataclass
class _Layout:
    """Where things go on the evidence image: the page between two gutters, the legend below it."""

    gutter: int  # px beside the page, left and right: room for the numbers of boxes at the page's edges
    badge: int  # px: the height of a number badge
    line: int  # px: the height of a legend line
    legend: int  # px: the legend's height


def _layout(image_size, marks: list[Mark], font_size: int) -> _Layout:
    badge = font_size + 6
    gutter = badge + 8 + (8 if len(marks) > 9 else 0)
    line = font_size + 8
    return _Layout(gutter=gutter, badge=badge, line=line, legend=line * len(marks) + 16)


def _page_rect(mark: Mark, scale: float, size, line_width: int) -> tuple[float, float, float, float]:
    width, height = size
    if mark.box is None:
        inset = line_width * 2
        return (inset, inset, width - inset, height - inset)
    x0, top, x1, bottom = (v * scale for v in mark.box)
    pad = 2 * scale
    return (max(0, x0 - pad), max(0, top - pad), min(width - 1, x1 + pad), min(height - 1, bottom + pad))


def number_marks(marks: list[Mark]) -> list[Mark]:
    """The marks of one page numbered 1, 2... from the top (whole-page marks first), left to right.

    Marks that box the same place (two e-mail addresses found on one line) are one mark, with both
    labels in the legend, so that no box and no number hides another."""
    merged: dict[tuple | None, Mark] = {}
    for mark in marks:
        key = tuple(round(v) for v in mark.box) if mark.box is not None else None
        if key in merged:
            kept = merged[key]
            rule = kept.label.split(":", 1)[0] + ":"
            more = mark.label[len(rule):].lstrip() if mark.label.startswith(rule) else mark.label
            kept.label = f"{kept.label}; {more}"
            kept.level = "error" if "error" in (kept.level, mark.level) else kept.level
            kept.body_end = kept.body_end or mark.body_end
        else:
            merged[key] = Mark(mark.page, mark.box, mark.label, mark.level, mark.body_end, mark.column)
    ordered = sorted(merged.values(),
                     key=lambda m: (m.box is not None, m.box[1] if m.box else 0, m.box[0] if m.box else 0))
    for number, mark in enumerate(ordered, start=1):
        mark.number = number
    return ordered


def draw_marks(image, marks: list[Mark], scale: float = SCALE):
    """The page with each mark boxed and numbered, the legend below the page. Returns (image, the boxes
    in its pixels, the numbers' rectangles).

    A mark's number sits just outside its box, where the page is emptiest (`_badge_place`): never
    on a box, nor on another number, so no label covers what it marks or another label. Narrow
    gutters beside the page give room to the numbers of boxes at its edges."""
    from PIL import Image, ImageDraw

    marks = number_marks(marks)
    font_size = max(11, round(8 * scale))
    font = _font(font_size)
    width, height = image.size
    layout = _layout(image.size, marks, font_size)
    canvas = Image.new("RGB", (width + 2 * layout.gutter, height + layout.legend), "white")
    canvas.paste(image, (layout.gutter, 0))
    ink = canvas.convert("L")  # where the page is printed on, to keep the numbers off it
    draw = ImageDraw.Draw(canvas)
    line_width = max(2, round(1.5 * scale))
    rects = []
    for mark in marks:
        x0, top, x1, bottom = _page_rect(mark, scale, (width, height), line_width)
        rects.append((x0 + layout.gutter, top, x1 + layout.gutter, bottom))
    taken = [part for rect in rects for part in _outline(rect, line_width, (width, height), layout.gutter)]
    badge_width = max(layout.badge, round(draw.textlength(str(len(marks)), font=font)) + 8)
    badges = []
    for mark, rect in zip(marks, rects, strict=True):
        color = COLORS[mark.level]
        draw.rectangle(rect, outline=color, width=line_width)
        if mark.body_end:
            # what follows this line (in reading order) does not count: a dashed rule across its column
            y = rect[3] + line_width
            start, end = {1: (0, width // 2), 2: (width // 2, width)}.get(mark.column or 0, (0, width))
            for x in range(start, end, 12):
                draw.line((x + layout.gutter, y, min(x + 7, end) + layout.gutter, y), fill=color, width=line_width)
        badge = _badge_place(rect, (badge_width, layout.badge), (canvas.size[0], height), taken, ink, line_width)
        taken.append(_grown(badge, 1))
        badges.append(badge)
        draw.rounded_rectangle(badge, radius=layout.badge // 3, fill=color)
        _centred_text(draw, badge, str(mark.number), font)
    _draw_legend(draw, marks, font, layout, (canvas.size[0], height))
    boxes = [[round(v) for v in rect] for rect in rects]
    area = canvas.size[0] * canvas.size[1]
    if area > MAX_PIXELS:  # a page so wide that even its legend strip passes the budget: the whole image smaller
        factor = math.sqrt(MAX_PIXELS / area) * 0.99
        canvas = canvas.resize((max(1, int(canvas.size[0] * factor)), max(1, int(canvas.size[1] * factor))))
        boxes = [[round(v * factor) for v in box] for box in boxes]
        badges = [(badge[0] * factor, badge[1] * factor, badge[2] * factor, badge[3] * factor) for badge in badges]
    return canvas, boxes, badges


def _outline(rect, by: float, page_size, gutter: int) -> list[tuple[float, float, float, float]]:
    """What a box keeps free of numbers: all of it, or only its border when it frames (nearly) the
    whole page, whose numbers can go nowhere else."""
    width, height = page_size
    if (rect[2] - rect[0]) * (rect[3] - rect[1]) < 0.5 * width * height:
        return [_grown(rect, by)]
    x0, top, x1, bottom = _grown(rect, by)
    band = 3 * by
    return [(x0, top, x1, top + band), (x0, bottom - band, x1, bottom), (x0, top, x0 + band, bottom),
            (x1 - band, top, x1, bottom)]


def _grown(rect, by: float) -> tuple[float, float, float, float]:
    return (rect[0] - by, rect[1] - by, rect[2] + by, rect[3] + by)


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _badge_place(rect, size, bounds, taken: list, ink, gap: float) -> tuple[float, float, float, float]:
    """Where a mark's number goes: beside its box (left, right, above, below, at either end), on no
    box and no other number, and of those places the one with the least print under it."""
    bw, bh = size
    x0, top, x1, bottom = rect
    inner = (x0 < x1 - 3 * bw and top < bottom - 3 * bh)  # a whole-page frame: its number goes inside
    candidates = [
        (x0 - bw - gap, top), (x1 + gap, top), (x0, top - bh - gap), (x0, bottom + gap),
        (x1 - bw, top - bh - gap), (x1 - bw, bottom + gap), (x0 - bw - gap, bottom - bh), (x1 + gap, bottom - bh),
    ]
    if inner:
        candidates.append((x0 + 2 * gap, top + 2 * gap))
    best, best_ink = None, None
    for cx, cy in candidates:
        box = (cx, cy, cx + bw, cy + bh)
        if box[0] < 0 or box[1] < 0 or box[2] > bounds[0] or box[3] > bounds[1]:
            continue
        if any(_overlaps(box, other) for other in taken):
            continue
        printed = _ink(ink, box)
        if best_ink is None or printed < best_ink:
            best, best_ink = box, printed
            if printed == 0:
                break
    if best is None:  # crowded: beside the box's top-left corner, wherever that is
        cx = min(max(0.0, x0 - bw - gap), bounds[0] - bw)
        cy = min(max(0.0, top), bounds[1] - bh)
        best = (cx, cy, cx + bw, cy + bh)
    return best


def _ink(gray, box) -> int:
    """How many pixels of `box` are printed on (darker than light grey)."""
    crop = gray.crop(tuple(round(v) for v in box))
    histogram = crop.histogram()
    return sum(histogram[:200])


def _centred_text(draw, rect, text: str, font) -> None:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (rect[0] + rect[2] - (right - left)) / 2 - left
    y = (rect[1] + rect[3] - (bottom - top)) / 2 - top
    draw.text((x, y), text, fill=LABEL_TEXT, font=font)


def _draw_legend(draw, marks: list[Mark], font, layout: _Layout, size) -> None:
    """Below the page: each mark's number and what it marks, one line each."""
    width, top = size
    draw.line((0, top, width, top), fill=(200, 200, 200), width=1)
    y = top + 8
    for mark in marks:
        badge = (layout.gutter, y, layout.gutter + max(layout.badge, round(draw.textlength(str(len(marks)),
                                                                                       font=font)) + 8),
                 y + layout.badge)
        draw.rounded_rectangle(badge, radius=layout.badge // 3, fill=COLORS[mark.level])
        _centred_text(draw, badge, str(mark.number), font)
        text = mark.label
        room = width - badge[2] - 8 - layout.gutter
        while len(text) > 1 and draw.textlength(text, font=font) > room:
            text = text[:-2] + "…"
        left, text_top, _right, text_bottom = draw.textbbox((0, 0), text, font=font)
        draw.text((badge[2] + 8 - left, (badge[1] + badge[3] - (text_bottom - text_top)) / 2 - text_top), text,
                  fill=LEGEND_TEXT, font=font)
        y += layout.line


def _save(image, path: str) -> None:
    """A PNG with a palette of PALETTE_COLORS: text and marks stay sharp at a third of the bytes."""
    from PIL import Image

    quantized = image.quantize(colors=PALETTE_COLORS, method=Image.Quantize.FASTOCTREE)
    quantized.save(path, format="PNG", optimize=True)


def write_evidence(document, report, directory: str, warnings: bool = False) -> list[dict]:
    """Render each page that has a drawable failure (and warning, with `warnings`) into
    DIRECTORY/page-NNN.png."""
    marks = marks_for(report, warnings)
    by_page: dict[int, list[Mark]] = {}
    for mark in marks:
        if 1 <= mark.page <= document.page_count:
            by_page.setdefault(mark.page, []).append(mark)
    if os.path.isdir(directory):  # pages from an earlier run must not pass for this run's evidence
        for name in os.listdir(directory):
            if PAGE_FILE.match(name):
                os.remove(os.path.join(directory, name))
    if not by_page:
        return []
    os.makedirs(directory, exist_ok=True)
    written = []
    for page_number in sorted(by_page):
        page_image, scale = _render(document.pdf, page_number)
        numbered = number_marks(by_page[page_number])
        image, boxes, _badges = draw_marks(page_image, numbered, scale)
        path = os.path.join(directory, f"page-{page_number:03d}.png")
        _save(image, path)
        # "marks": the legend, as the image numbers it; "boxes": where each mark is, in the image's pixels
        written.append({"page": page_number, "file": path, "marks": [f"{m.number}. {m.label}" for m in numbered],
                        "boxes": boxes})
    return written


def attach_evidence(document, report, directory: str, warnings: bool = False) -> None:
    """Write the evidence for a checked paper; a failure to write is a note, never a lost report."""
    try:
        report.evidence = write_evidence(document, report, directory, warnings)
    except Exception as exc:  # noqa: BLE001 - the check results matter more than the pictures
        report.notes.append(f"evidence could not be written to {directory}: {type(exc).__name__}: {exc}")


# -- where each paper's images go ------------------------------------------------------------
def prepare_root(root: str) -> None:
    """Make the evidence folder and prove it can be written, before any paper is checked (UsageError if not)."""
    if os.path.exists(root) and not os.path.isdir(root):
        raise UsageError(f"--evidence {root}: exists and is not a folder")
    try:
        os.makedirs(root, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".wscheck-probe-", dir=root)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UsageError(f"--evidence {root}: cannot write there ({exc.strerror or exc})") from None


def evidence_dirs(root: str | None, files: list[str]) -> list[str | None]:
    """One folder per input path under ROOT: the file's name and a short hash of its absolute path.

    `x/paper.pdf` and `y/paper.pdf` get `paper-<hash>` folders that differ, and differ from
    the folder of a real `paper-2.pdf`; the same path given twice gets a numbered second folder.
    """
    if not root:
        return [None] * len(files)
    out: list[str | None] = []
    used: set[str] = set()
    for file in files:
        name = os.path.basename(file)
        stem = name[:-4] if name.lower().endswith(".pdf") else name
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")[:FOLDER_STEM_CHARS] or "paper"
        digest = hashlib.sha256(os.fsencode(os.path.abspath(file))).hexdigest()
        folder = f"{stem}-{digest[:10]}"
        number = 2
        while folder in used:  # the same path twice
            folder = f"{stem}-{digest[:10]}-{number}"
            number += 1
        used.add(folder)
        out.append(os.path.join(root, folder))
    return out
