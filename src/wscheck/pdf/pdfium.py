"""Fast extraction with PDFium (through pypdfium2's raw bindings).

PDFium parses the content stream natively; Python only touches one record per
text line, link or page object, which keeps a full read of a paper close to the
cost of ``pdftotext``. Everything here is read-only.
"""
from __future__ import annotations

import ctypes
import os
import re
import stat
import sys
from array import array
from collections.abc import Iterable, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as c

from wscheck.errors import PdfReadError
from wscheck.pdf.model import Drawable, Line, Link, OutlineItem, PageSize, strip_subset_prefix

_PDFIUM_ERRORS = {
    # PDFium refuses a document without pages, reporting no error at all
    c.FPDF_ERR_SUCCESS: "the PDF has no pages (its page tree is empty or missing)",
    c.FPDF_ERR_FILE: "the file cannot be opened or read",
    c.FPDF_ERR_FORMAT: "not a PDF or the PDF is damaged beyond repair",
    c.FPDF_ERR_PASSWORD: "the PDF is encrypted and needs a password to open; upload or check a copy without "
                         "a password",
    c.FPDF_ERR_SECURITY: "the PDF is encrypted with an unsupported security handler",
    c.FPDF_ERR_PAGE: "a page is missing or damaged",
}

# PDFium marks a hyphen it removed at a soft line break with U+FFFE.
_SOFT_HYPHEN = "\ufffe"
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|medi(?!um)|-bd|\.b$|cmbx|cmb\d", re.I)
_ITALIC_NAME = re.compile(r"ital|oblique|slant|cmti|cmsl", re.I)


def sniff_pdf(path: str) -> None:
    """Reject files that are plainly not PDFs before handing them to PDFium."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise PdfReadError(f"{path}: no such file") from None
    except OSError as exc:
        raise PdfReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise PdfReadError(f"{path}: is a directory, not a PDF")
    if not stat.S_ISREG(info.st_mode):
        # a FIFO or a device would block or never end: only plain files are read
        raise PdfReadError(f"{path}: not a regular file (a pipe, socket or device), not a PDF")
    if info.st_size == 0:
        raise PdfReadError(f"{path}: the file is empty (0 bytes)")
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise PdfReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if b"%PDF-" not in head:
        kind = _guess_kind(head)
        raise PdfReadError(f"{path}: not a PDF ({kind}; no %PDF- header)")


def _guess_kind(head: bytes) -> str:
    low = head.lstrip()[:200].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low:
        return "looks like an HTML page, e.g. a login or error page saved as .pdf"
    if low.startswith(b"pk\x03\x04"):
        return "looks like a ZIP archive"
    if low.startswith(b"%!ps"):
        return "looks like PostScript"
    if low.startswith((b"{", b"[")):
        return "looks like JSON"
    if low.startswith(b"\x89png") or low.startswith(b"\xff\xd8\xff"):
        return "looks like an image"
    try:
        low.decode("utf-8")
        return "looks like a text file"
    except UnicodeDecodeError:
        return "unrecognised binary data"


def open_document(path: str, password: str | None = None) -> pdfium.PdfDocument:
    sniff_pdf(path)
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        reason = _PDFIUM_ERRORS.get(code, "PDFium could not load it")
        raise PdfReadError(f"{path}: {reason}") from None
    except (OSError, ValueError) as exc:
        raise PdfReadError(f"{path}: cannot read ({exc})") from None


def page_sizes(pdf: pdfium.PdfDocument) -> list[PageSize]:
    """Sizes from the page tree, without parsing any content stream."""
    sizes = []
    size = c.FS_SIZEF()
    for index in range(len(pdf)):
        if not c.FPDF_GetPageSizeByIndexF(pdf.raw, index, size):
            raise PdfReadError(f"page {index + 1} of {len(pdf)} is damaged (it has no readable size)")
        sizes.append(PageSize(round(size.width, 2), round(size.height, 2)))
    return sizes


def _utf16(call) -> str:
    """A string from a PDFium getter that fills a UTF-16LE buffer: call(buffer, size) -> bytes needed.

    Decoded leniently: a hostile PDF's strings may hold lone surrogates, which
    pypdfium2's own getters refuse with UnicodeDecodeError.
    """
    size = call(None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    call(buffer, size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


INFO_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate")


def info_metadata(pdf: pdfium.PdfDocument) -> dict[str, str]:
    out = {}
    for key in INFO_KEYS:
        name = key.encode("ascii") + b"\x00"
        value = _utf16(lambda buffer, size, name=name: c.FPDF_GetMetaText(pdf.raw, name, buffer, size))
        value = value.replace("\x00", "").strip()
        if value:
            out[key] = value
    return out


def outline(pdf: pdfium.PdfDocument, limit: int = 5000) -> list[OutlineItem]:
    items = []
    heights: dict[int, float] = {}
    size = c.FS_SIZEF()
    try:
        for count, mark in enumerate(pdf.get_toc(max_depth=8)):
            if count >= limit:
                break
            dest = mark.get_dest()
            page = top = None
            if dest is not None:
                index = dest.get_index()
                if index is not None and 0 <= index < len(pdf):
                    page = index + 1
                    mode, view = dest.get_view()
                    # XYZ (1) and FitH/FitBH (2, 6) views carry the target's y coordinate
                    y = None
                    if mode == 1 and len(view) >= 2:
                        y = view[1]
                    elif mode in (2, 6) and view:
                        y = view[0]
                    if y:
                        if index not in heights and c.FPDF_GetPageSizeByIndexF(pdf.raw, index, size):
                            heights[index] = size.height
                        if index in heights:
                            top = round(heights[index] - y, 1)
            title = " ".join(_utf16(lambda buffer, size: c.FPDFBookmark_GetTitle(mark.raw, buffer, size)).split())
            items.append(OutlineItem(level=mark.level, title=title, page=page, top=top))
    except (pdfium.PdfiumError, ValueError, RecursionError):
        pass  # a damaged outline is no outline; the text layout still speaks
    return items


def attachment_names(pdf: pdfium.PdfDocument) -> list[str]:
    names = []
    try:
        for index in range(min(pdf.count_attachments(), 1000)):
            attachment = c.FPDFDoc_GetAttachment(pdf.raw, index)
            if attachment:
                names.append(_utf16(lambda buffer, size: c.FPDFAttachment_GetName(attachment, buffer, size)))
    except (pdfium.PdfiumError, ValueError):
        pass
    return names


class PageReader:
    """Loads one page once and extracts whichever facts are asked for."""

    def __init__(self, pdf: pdfium.PdfDocument, index: int):
        self.pdf = pdf
        self.number = index + 1
        self.raw = c.FPDF_LoadPage(pdf.raw, index)
        if not self.raw:
            raise PdfReadError(f"page {index + 1} of {len(pdf)} is damaged and cannot be read")
        left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if c.FPDFPage_GetCropBox(self.raw, left, bottom, right, top) or c.FPDFPage_GetMediaBox(
            self.raw, left, bottom, right, top
        ):
            self.left, self.top = min(left.value, right.value), max(top.value, bottom.value)
        else:
            self.left, self.top = 0.0, c.FPDF_GetPageHeightF(self.raw)
        self._textpage = None

    def close(self) -> None:
        if self._textpage:
            c.FPDFText_ClosePage(self._textpage)
            self._textpage = None
        if self.raw:
            c.FPDF_ClosePage(self.raw)
            self.raw = None

    def __enter__(self) -> PageReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def rotation(self) -> int:
        return (c.FPDFPage_GetRotation(self.raw) % 4) * 90

    def _tp(self):
        if self._textpage is None:
            self._textpage = c.FPDFText_LoadPage(self.raw)
            if not self._textpage:
                raise PdfReadError(f"page {self.number}: text layer cannot be read")
        return self._textpage

    def _flip(self, left: float, top: float, right: float, bottom: float) -> tuple[float, float, float, float]:
        """PDF user space (y up) to top-left page coordinates (y down)."""
        return (
            round(left - self.left, 2),
            round(self.top - top, 2),
            round(right - self.left, 2),
            round(self.top - bottom, 2),
        )

    # -- text ---------------------------------------------------------------
    def lines(self) -> list[Line]:
        tp = self._tp()
        count = c.FPDFText_CountChars(tp)
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer(2 * count + 2)
        written = c.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        # `written` counts UTF-16 units with the terminator. PDFium's text indices
        # count UTF-16 units too (a character outside the BMP, such as the math
        # italic of unicode-math, is two), so string positions must stay units.
        text = _utf16_units(buffer.raw[: 2 * max(written - 1, 0)])
        out: list[Line] = []
        for start, segment, hyphenated in _segments(text):
            self._extra_lines = []
            line = self._line(tp, start, segment, hyphenated, len(out))
            for found in ([line] if line is not None else []) + self._extra_lines:
                found.index = len(out)
                out.append(found)
        return out

    def _line(self, tp, start: int, segment: str, hyphenated: bool, index: int) -> Line | None:
        """Build the line for one PDFium text segment, splitting it at wide gaps.

        PDFium joins runs that share a baseline: a review copy's line number and
        the text beside it, or two table cells. They are different lines to us.
        """
        stripped = segment.rstrip()
        lead = len(segment) - len(segment.lstrip())
        if lead >= len(stripped):
            return None
        first = _char_index(tp, start + lead)
        last = _char_index(tp, start + len(stripped) - 1)
        if first < 0 or last < first:
            return None
        rects = _rects(tp, first, last)
        if not rects:
            return None
        if len(rects) > 1:
            cuts = self._gap_cuts(tp, start, segment, rects, first, last)
            if cuts:
                pieces = []
                previous = 0
                for cut in cuts + [len(segment)]:
                    piece = segment[previous:cut]
                    previous = cut
                    if not piece.strip():
                        continue
                    piece_start = start + cut - len(piece)
                    line = self._line(tp, piece_start, piece, hyphenated and cut == len(segment), index)
                    if line is not None:
                        pieces.append(line)
                self._extra_lines.extend(pieces[1:])
                return pieces[0] if pieces else None
        x0 = min(r[0] for r in rects)
        x1 = max(r[1] for r in rects)
        y0 = min(r[2] for r in rects)
        y1 = max(r[3] for r in rects)
        font, size, bold, italic = _char_font(tp, first)
        end_size, end_bold = size, bold
        if last != first:
            _, end_size, end_bold, _ = _char_font(tp, last)
        bx0, btop, bx1, bbottom = self._flip(x0, y1, x1, y0)
        return Line(
            page=self.number,
            index=index,
            text=_join_surrogates(" ".join(stripped.split())),
            x0=bx0,
            top=btop,
            x1=bx1,
            bottom=bbottom,
            font=font,
            size=size,
            bold=bold,
            end_bold=end_bold,
            italic=italic,
            end_size=end_size,
            hyphenated=hyphenated,
        )

    @staticmethod
    def _gap_cuts(tp, start: int, segment: str, rects: list, first: int, last: int) -> list[int]:
        """Offsets in `segment` where a wide horizontal gap separates two runs."""
        ordered = sorted(rects)
        size = max(c.FPDFText_GetFontSize(tp, first), 4.0)
        cuts: list[int] = []
        reach = ordered[0][1]
        for x0, x1, y0, y1 in ordered[1:]:
            gap = x0 - reach
            reach = max(reach, x1)
            if gap <= 3.0:
                continue
            char = c.FPDFText_GetCharIndexAtPos(tp, x0 + 0.5, (y0 + y1) / 2, 1.0, 2.0)
            if not first < char <= last:
                continue
            cut = c.FPDFText_GetTextIndexFromCharIndex(tp, char) - start
            if not 0 < cut < len(segment) or not segment[:cut].strip():
                continue
            before = segment[:cut].strip()
            # a wide gap (relative to the larger type on either side), or a short
            # digit run at the start or the end (a line number in the margin) then any gap
            right_size = c.FPDFText_GetFontSize(tp, char)
            wide = 1.5 * max(size, right_size)
            after = segment[cut:].strip()
            if gap >= wide or (not cuts and before.isdigit() and len(before) <= 4
                               and _looks_like_line_number(tp, first, char)) \
                    or (after.isdigit() and len(after) <= 4 and _looks_like_line_number(tp, char, first)):
                cuts.append(cut)
        return sorted(set(cuts))

    # -- links --------------------------------------------------------------
    def links(self) -> list[Link]:
        out = []
        position = ctypes.c_int(0)
        link = c.FPDF_LINK()
        rect = c.FS_RECTF()
        buffer_size = 4096
        buffer = ctypes.create_string_buffer(buffer_size)
        while c.FPDFLink_Enumerate(self.raw, position, link):
            action = c.FPDFLink_GetAction(link)
            if not action or c.FPDFAction_GetType(action) != c.PDFACTION_URI:
                continue
            size = c.FPDFAction_GetURIPath(self.pdf.raw, action, buffer, buffer_size)
            if size <= 1:
                continue
            uri = buffer.raw[: min(size, buffer_size) - 1].decode("latin-1", errors="replace").strip()
            box = (0.0, 0.0, 0.0, 0.0)
            if c.FPDFLink_GetAnnotRect(link, rect):
                box = self._flip(rect.left, max(rect.top, rect.bottom), rect.right, min(rect.top, rect.bottom))
            out.append(Link(page=self.number, uri=uri, box=box))
            if len(out) > 5000:  # hostile files: a page of links is plenty
                break
        return out

    # -- non-text objects ---------------------------------------------------
    def drawables(self, limit: int = 20000) -> list[Drawable]:
        out = []
        left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        for obj in _page_objects(self.raw, limit):
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_TEXT:
                continue
            if not c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            name = {c.FPDF_PAGEOBJ_IMAGE: "image", c.FPDF_PAGEOBJ_PATH: "path", c.FPDF_PAGEOBJ_FORM: "form",
                    c.FPDF_PAGEOBJ_SHADING: "shading"}.get(kind)
            if name is None:
                continue
            invisible = name == "path" and _path_is_invisible(obj)
            box = self._flip(left.value, top.value, right.value, bottom.value)
            out.append(Drawable(page=self.number, kind=name, box=box, invisible=invisible))
        return out


def _page_objects(page, limit: int) -> Iterator:
    count = min(c.FPDFPage_CountObjects(page), limit)
    for index in range(count):
        obj = c.FPDFPage_GetObject(page, index)
        if obj:
            yield obj


def _path_is_invisible(obj) -> bool:
    fill_mode = ctypes.c_int()
    stroke = ctypes.c_int()
    if not c.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return False
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    visible = False
    if fill_mode.value:
        if c.FPDFPageObj_GetFillColor(obj, r, g, b, a) and not _is_white(r.value, g.value, b.value, a.value):
            visible = True
    if stroke.value:
        if c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a) and not _is_white(r.value, g.value, b.value, a.value):
            visible = True
    return not visible


def _is_white(r: int, g: int, b: int, a: int) -> bool:
    return a == 0 or (r >= 250 and g >= 250 and b >= 250)


_rect = [ctypes.c_double() for _ in range(4)]


def _rects(tp, first: int, last: int) -> list[tuple[float, float, float, float]]:
    """PDFium's boxes for a char range, one per text run: (x0, x1, y0, y1) in PDF space."""
    left, top, right, bottom = _rect
    out = []
    for rect in range(c.FPDFText_CountRects(tp, first, last - first + 1)):
        if c.FPDFText_GetRect(tp, rect, left, top, right, bottom):
            out.append((min(left.value, right.value), max(left.value, right.value),
                        min(top.value, bottom.value), max(top.value, bottom.value)))
    return out


def _looks_like_line_number(tp, number_char: int, text_char: int) -> bool:
    """A review ruler's number is set smaller, or in another face, than the text beside it;
    a section number ("1 Introduction") is not."""
    number_font, number_size, _, _ = _char_font(tp, number_char)
    text_font, text_size, _, _ = _char_font(tp, text_char)
    return number_size < 0.9 * text_size or number_font.split("-")[0] != text_font.split("-")[0]


def _char_index(tp, text_index: int) -> int:
    return c.FPDFText_GetCharIndexFromTextIndex(tp, text_index)


_font_name_buffer = ctypes.create_string_buffer(256)
_font_flags = ctypes.c_int()


_matrix = c.FS_MATRIX()


def _char_font(tp, index: int) -> tuple[str, float, bool, bool]:
    size = c.FPDFText_GetFontSize(tp, index)
    # the size PDFium reports ignores the text and form matrices; a figure scaled
    # to half its size, or a poster's unit-size font, must show its printed size
    if c.FPDFText_GetMatrix(tp, index, _matrix):
        scale = abs(_matrix.a * _matrix.d - _matrix.b * _matrix.c) ** 0.5
        if scale > 0:
            size *= scale
    size = round(size, 2)
    length = c.FPDFText_GetFontInfo(tp, index, _font_name_buffer, 256, _font_flags)
    name = ""
    if length > 1:
        name = strip_subset_prefix(_font_name_buffer.raw[: min(length, 256) - 1].decode("latin-1", errors="replace"))
    weight = c.FPDFText_GetFontWeight(tp, index)
    flags = _font_flags.value if length > 0 else 0
    bold = weight >= 600 or bool(flags & (1 << 18)) or bool(_BOLD_NAME.search(name))
    italic = bool(flags & (1 << 6)) or bool(_ITALIC_NAME.search(name))
    return name, size, bold, italic


_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf16_units(raw: bytes) -> str:
    """UTF-16LE bytes as a string with one character per UTF-16 unit (pairs left split)."""
    text = raw.decode("utf-16-le", errors="replace")
    if 2 * len(text) == len(raw):
        return text  # no surrogate pairs: the usual case, decoded natively
    units = array("H")
    units.frombytes(raw)
    if sys.byteorder == "big":
        units.byteswap()
    return "".join(map(chr, units))


def _join_surrogates(text: str) -> str:
    """Rejoin the surrogate pairs `_utf16_units` left split into real characters."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", errors="replace")


def _segments(text: str) -> Iterable[tuple[int, str, bool]]:
    """Split PDFium's page text into lines: (start index, text, ended by soft hyphen)."""
    position = 0
    for chunk in text.split("\r\n"):
        chunk_start = position
        position += len(chunk) + 2
        parts = chunk.split(_SOFT_HYPHEN)
        offset = chunk_start
        for number, part in enumerate(parts):
            hyphenated = number < len(parts) - 1
            yield offset, part + ("-" if hyphenated else ""), hyphenated
            offset += len(part) + 1
