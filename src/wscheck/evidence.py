"""Visual evidence: a PNG of every page with a failure, each violation boxed and labelled.

Runs in the batch worker right after the checks, while the Document is still
open, and only when `--evidence DIR` is given: a normal check never imports this
module, PIL or the renderer. Pages are rendered with PDFium (pypdfium2) and drawn
on with Pillow (already installed with pdfplumber).

Finding boxes are in PDF points from the top-left of the crop box of the
unrotated page, so a page with /Rotate is rendered un-rotated to keep the boxes
in place. A finding with a page but no box (e.g. a wrong paper size) frames the
whole page; findings with no page (PDF metadata) cannot be drawn and stay in the
report only.

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

SCALE = 1.5  # 108 dpi: small files, text still legible when zoomed
MAX_PIXELS = 4_000_000  # per page image; a US Letter page at SCALE is 1.1 M pixels
FOLDER_STEM_CHARS = 60
COLORS = {"error": (220, 30, 30), "warning": (230, 140, 0)}
LABEL_TEXT = (255, 255, 255)
LABEL_CHARS = 90  # an image label is a pointer to the report, which quotes the text whole
PAGE_FILE = re.compile(r"^page-\d+\.png$")


@dataclass
class Mark:
    page: int
    box: tuple[float, float, float, float] | None  # None: the whole page
    label: str
    level: str  # error or warning
    body_end: bool = False  # the last line of the main body: also rule a line across its column
    column: int | None = None  # 1 or 2 on a two-column page


def marks_for(report) -> list[Mark]:
    """What to draw: every finding with a page of a failed or warned rule."""
    marks = []
    for result in report.results:
        if result.status not in (Status.FAIL, Status.WARN):
            continue
        for finding in result.findings:
            level = finding.level or result.level
            if finding.page is None or level not in COLORS:
                continue
            facts = result.facts
            body_end = isinstance(facts, PageLimitFacts) and finding.box is not None
            if isinstance(facts, PageLimitFacts) and body_end:
                # the boxed line is the text; say what the line means instead
                limit = facts.limit
                label = f"{result.rule}: the main body ends here" + (f"; limit {limit} pages" if limit else "")
            else:
                tag = f"{result.rule} [{finding.kind}]" if finding.kind else result.rule
                text = " ".join(str(finding.text).split())
                if len(text) > LABEL_CHARS:
                    text = text[: LABEL_CHARS - 1] + "…"
                label = f"{tag}: {text}"
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


def _place_label(draw, font, text: str, anchor, image_size, taken: list) -> tuple:
    """A label rectangle near `anchor`: just above it, else just below, else further off; never over another."""
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    width, height = right - left + 6, bottom - top + 4
    x = max(0, min(anchor[0], image_size[0] - width))
    for step in range(40):
        for y in (anchor[1] - height - 1 - step * (height + 1), anchor[3] + 1 + step * (height + 1)):
            if not 0 <= y <= image_size[1] - height:
                continue
            rect = (x, y, x + width, y + height)
            if not any(rect[0] < t[2] and t[0] < rect[2] and rect[1] < t[3] and t[1] < rect[3] for t in taken):
                taken.append(rect)
                return rect
    y = max(0, min(anchor[3] + 1, image_size[1] - height))
    rect = (x, y, x + width, y + height)
    taken.append(rect)
    return rect


def draw_marks(image, marks: list[Mark], scale: float = SCALE):
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    font = _font(max(10, round(8 * scale)))
    width, height = image.size
    line_width = max(2, round(1.5 * scale))
    taken: list[tuple] = []
    for mark in marks:
        color = COLORS[mark.level]
        rect: tuple[float, float, float, float]
        if mark.box is None:
            inset = line_width * 2
            rect = (inset, inset, width - inset, height - inset)
        else:
            x0, top, x1, bottom = (v * scale for v in mark.box)
            pad = 2 * scale
            rect = (max(0, x0 - pad), max(0, top - pad), min(width - 1, x1 + pad), min(height - 1, bottom + pad))
        draw.rectangle(rect, outline=color, width=line_width)
        if mark.body_end:
            # what follows this rule (in reading order) does not count: across the column the line is in
            y = rect[3] + line_width
            start, end = {1: (0, width // 2), 2: (width // 2, width)}.get(mark.column or 0, (0, width))
            for x in range(start, end, 12):
                draw.line((x, y, min(x + 7, end), y), fill=color, width=line_width)
        # a whole-page frame has no room above it: its label goes just inside the top edge
        anchor = rect if mark.box is not None else (rect[0] + line_width, rect[1], rect[2], rect[1] + line_width)
        label = _place_label(draw, font, mark.label, anchor, image.size, taken)
        draw.rectangle(label, fill=color)
        draw.text((label[0] + 3, label[1] + 1), mark.label, fill=LABEL_TEXT, font=font)
    return image


def write_evidence(document, report, directory: str) -> list[dict]:
    """Render each page that has a drawable failure into DIRECTORY/page-NNN.png."""
    marks = marks_for(report)
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
        image = draw_marks(page_image, by_page[page_number], scale)
        path = os.path.join(directory, f"page-{page_number:03d}.png")
        image.save(path, format="PNG")
        written.append({"page": page_number, "file": path,
                        "marks": [m.label for m in by_page[page_number]]})
    return written


def attach_evidence(document, report, directory: str) -> None:
    """Write the evidence for a checked paper; a failure to write is a note, never a lost report."""
    try:
        report.evidence = write_evidence(document, report, directory)
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
