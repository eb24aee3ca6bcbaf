"""Fast extraction with PDFium (through pypdfium2's raw bindings).

PDFium parses the content stream natively; Python only touches one record per
text line, link or page object, which keeps a full read of a paper close to the
cost of ``pdftotext``. Everything here is read-only.
"""
from __future__ import annotations

import ctypes
import itertools
import operator
import os
import re
import stat
import sys
from array import array
from collections.abc import Iterable
from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as c

from wscheck.errors import PdfReadError
from wscheck.pdf.model import Drawable, Line, Link, Margins, OutlineItem, PageSize, strip_subset_prefix

_PDFIUM_ERRORS = {
    # PDFium refuses a document without pages, reporting no error at all (see open_document)
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


def _lean(function):
    """The same PDFium entry point with every handle and pointer typed as a plain address.

    For the calls off the hot paths that take handles held as int (fonts). Handles
    come back as int (None for NULL) and go only to other lean functions."""
    def plain(kind):
        if kind is not None and issubclass(kind, (ctypes._Pointer, ctypes.c_void_p, ctypes.c_char_p)):
            return ctypes.c_void_p
        return kind

    prototype = ctypes.CFUNCTYPE(plain(function.restype), *map(plain, function.argtypes))
    return prototype(ctypes.cast(function, ctypes.c_void_p).value)


class _Lean:
    """The PDFium calls that take int handles, by their PDFium names, with address-typed handles."""

    def __init__(self, names: Iterable[str]):
        for name in names:
            setattr(self, name, _lean(getattr(c, name)))

    def __getattr__(self, name: str) -> Any:  # the calls are set per instance; tells type checkers so
        raise AttributeError(f"PDFium call {name} is not among the lean ones")


_fast = _Lean([
    "FPDFFont_GetBaseFontName", "FPDFFont_GetIsEmbedded", "FPDFFont_GetFontData",
])


class Handle(ctypes.c_void_p):
    """A PDFium handle (page, text page, page object, clip path...) as the quick calls return it.

    A subclass of c_void_p, so that ctypes hands it back as it is and passes it on
    without conversion. Two handles to the same object are different Python objects:
    compare and hash `.value`, the address."""


# What each kind of argument of a quick call must be in C (see _Quick): the Python side
# passes a Handle for "handle", an int for "int", and a ctypes object (by reference, or
# an array) for "out"; a c_ulong or a c_double instance for "ulong" and "double".
def _kind_of(argtype) -> str:
    if argtype is ctypes.c_int:
        return "int"
    if argtype is ctypes.c_ulong:
        return "ulong"
    if argtype is ctypes.c_double:
        return "double"
    if isinstance(argtype, type) and issubclass(argtype, ctypes._Pointer) and \
            issubclass(argtype._type_, ctypes.Structure) and "fpdf_" in argtype._type_.__name__.lower():
        return "handle"
    if isinstance(argtype, type) and issubclass(argtype, (ctypes._Pointer, ctypes.c_void_p)):
        return "out"
    return argtype.__name__


class _Quick:
    """The PDFium calls of the hot paths, declared with their return type only.

    pypdfium2's prototypes convert every argument through its declared type, which
    costs more than most of these calls do inside PDFium: a corpus makes about a
    million of them. These prototypes skip the conversion, so each call site passes
    every argument already in its C type: a Handle for a handle, an int for a C
    int, a ctypes object for a pointer (a Python int where C expects a pointer or an
    unsigned long would be passed as a 32-bit int). The signatures are checked
    against pypdfium2's at import, so a binding that changes fails here, not in PDFium.
    """

    def __init__(self, calls: dict[str, tuple[Any, str]]):
        for name, (restype, kinds) in calls.items():
            function = getattr(c, name)
            declared = tuple(_kind_of(argtype) for argtype in function.argtypes or ())
            if declared != tuple(kinds.split()):
                raise ImportError(f"pypdfium2's {name} takes ({', '.join(declared)}), wscheck expects "
                                  f"({', '.join(kinds.split())}): this pypdfium2 version is not supported")
            address = ctypes.cast(function, ctypes.c_void_p).value
            if not address:
                raise ImportError(f"pypdfium2 has no address for {name}")
            setattr(self, name, ctypes.CFUNCTYPE(restype)(address))

    def __getattr__(self, name: str) -> Any:  # the calls are set per instance; tells type checkers so
        raise AttributeError(f"PDFium call {name} is not among the quick ones")


_INT, _DOUBLE, _ULONG, _ADDRESS = ctypes.c_int, ctypes.c_double, ctypes.c_ulong, ctypes.c_void_p
_quick = _Quick({
    "FPDFText_CountChars": (_INT, "handle"),
    "FPDFText_GetText": (_INT, "handle int int out"),
    "FPDFText_CountRects": (_INT, "handle int int"),
    "FPDFText_GetRect": (_INT, "handle int out out out out"),
    "FPDFText_GetFontSize": (_DOUBLE, "handle int"),
    "FPDFText_GetMatrix": (_INT, "handle int out"),
    "FPDFText_GetFontInfo": (_ULONG, "handle int out ulong out"),
    "FPDFText_GetFontWeight": (_INT, "handle int"),
    "FPDFText_GetCharIndexAtPos": (_INT, "handle double double double double"),
    "FPDFText_GetTextIndexFromCharIndex": (_INT, "handle int"),
    "FPDFText_GetCharIndexFromTextIndex": (_INT, "handle int"),
    "FPDFText_GetTextObject": (_ADDRESS, "handle int"),
    "FPDFPage_CountObjects": (_INT, "handle"),
    "FPDFPage_GetObject": (Handle, "handle int"),
    "FPDFPageObj_GetType": (_INT, "handle"),
    "FPDFFormObj_CountObjects": (_INT, "handle"),
    "FPDFFormObj_GetObject": (Handle, "handle ulong"),
    "FPDFTextObj_GetFont": (_ADDRESS, "handle"),
    "FPDFPageObj_GetBounds": (_INT, "handle out out out out"),
    "FPDFPath_GetDrawMode": (_INT, "handle out out"),
    "FPDFPageObj_GetFillColor": (_INT, "handle out out out out"),
    "FPDFPageObj_GetStrokeColor": (_INT, "handle out out out out"),
    "FPDFPageObj_GetMatrix": (_INT, "handle out"),
    "FPDFPageObj_GetClipPath": (Handle, "handle"),
    "FPDFClipPath_CountPaths": (_INT, "handle"),
    "FPDFClipPath_CountPathSegments": (_INT, "handle int"),
    "FPDFClipPath_GetPathSegment": (Handle, "handle int int"),
    "FPDFPathSegment_GetPoint": (_INT, "handle out out"),
    "FPDFLink_Enumerate": (_INT, "handle out out"),
    "FPDFLink_GetAction": (Handle, "handle"),
    "FPDFLink_GetAnnotRect": (_INT, "handle out"),
    "FPDFAction_GetType": (_ULONG, "handle"),
    "FPDFAction_GetURIPath": (_ULONG, "handle handle out ulong"),
})


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
    # PDFium's last error is one per process, and it refuses some documents (no pages)
    # without setting it: they would report the previous file's error, so that a batch
    # worker's answer depended on the file before. Opening the empty path sets a known
    # code first: a file error, which a file that sniff_pdf just read cannot really have.
    c.FPDF_LoadDocument(b"", None)
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == c.FPDF_ERR_FILE and os.access(path, os.R_OK):
            code = c.FPDF_ERR_SUCCESS  # PDFium set no error of its own
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
            title = " ".join(_utf16(
                lambda buffer, size, mark=mark: c.FPDFBookmark_GetTitle(mark.raw, buffer, size)).split())
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
                # this getter's buffer is typed FPDF_WCHAR*, not void*: ctypes wants the pointer type
                names.append(_utf16(lambda buffer, size, attachment=attachment: c.FPDFAttachment_GetName(
                    attachment, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)) if buffer else None, size)))
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
        self.handle = Handle(ctypes.cast(self.raw, ctypes.c_void_p).value)  # for the quick calls
        left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if c.FPDFPage_GetCropBox(self.raw, left, bottom, right, top) or c.FPDFPage_GetMediaBox(
            self.raw, left, bottom, right, top
        ):
            self.left, self.top = min(left.value, right.value), max(top.value, bottom.value)
        else:
            self.left, self.top = 0.0, c.FPDF_GetPageHeightF(self.raw)
        self._textpage = None
        self._text_handle = Handle()
        self._figure_text_objects: set[int | None] | None = None
        self._own: _Objects | None = None
        self._nested: _Objects | None = None
        # (name, program size) -> subtype, shared by the pages of one document
        self.font_cache: dict | None = None

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

    def _tp(self) -> Handle:
        """The page's text layer, as a handle for the quick calls."""
        if self._textpage is None:
            self._textpage = c.FPDFText_LoadPage(self.raw)
            if not self._textpage:
                raise PdfReadError(f"page {self.number}: text layer cannot be read")
            self._text_handle = Handle(ctypes.cast(self._textpage, ctypes.c_void_p).value)
        return self._text_handle

    def _flip(self, left: float, top: float, right: float, bottom: float) -> tuple[float, float, float, float]:
        """PDF user space (y up) to top-left page coordinates (y down).

        Not rounded: reports round what they print, and 200,000 calls to round() a
        corpus are measurable."""
        return (left - self.left, self.top - top, right - self.left, self.top - bottom)

    # -- text ---------------------------------------------------------------
    def lines(self, mark_figures: bool = False) -> list[Line]:
        """The page's text lines; with `mark_figures`, lines drawn inside included
        figures (form XObjects) get `in_figure`, at the cost of walking every object.

        The text comes in one call; each line then costs one call for its runs (the
        text objects it is drawn with) and one per run for their boxes, and the font
        of its first (sometimes its last) character. Characters are looked up one by
        one only where a wide gap between runs may split the line (_gap_cuts)."""
        tp = self._tp()
        count = _quick.FPDFText_CountChars(tp)
        if count <= 0:
            return []
        buffer = ctypes.create_string_buffer(2 * count + 2)
        written = _quick.FPDFText_GetText(tp, 0, count, buffer)
        # `written` counts UTF-16 units with the terminator. PDFium's text indices
        # count UTF-16 units too (a character outside the BMP, such as the math
        # italic of unicode-math, is two), so string positions must stay units.
        text = _utf16_units(buffer.raw[: 2 * max(written - 1, 0)])
        self._surrogates = _SURROGATE.search(text) is not None
        # with every character in the text once (none skipped, none split in two UTF-16
        # units), text positions are character indices and need no lookup
        self._direct_index = len(text) == count and not self._surrogates
        # text objects drawn by included figures, looked up once for the page (empty: no mark)
        self._figure_text_set = self._figure_texts() if mark_figures else set()
        out: list[Line] = []
        self._extra_lines: list[Line] = []
        for start, segment, hyphenated in _segments(text):
            line = self._line(tp, start, segment, hyphenated, len(out))
            if line is not None:
                line.index = len(out)
                out.append(line)
            if self._extra_lines:  # pieces of a line cut at a wide gap
                for found in self._extra_lines:
                    found.index = len(out)
                    out.append(found)
                self._extra_lines = []
        return out

    def _line(self, tp: Handle, start: int, segment: str, hyphenated: bool, index: int) -> Line | None:
        """Build the line for one PDFium text segment, splitting it at wide gaps.

        PDFium joins runs that share a baseline: a review copy's line number and
        the text beside it, or two table cells. They are different lines to us.
        """
        stripped = segment.rstrip()
        lead = len(segment) - len(segment.lstrip())
        if lead >= len(stripped):
            return None
        if self._direct_index:
            first, last = start + lead, start + len(stripped) - 1
        else:
            first = _quick.FPDFText_GetCharIndexFromTextIndex(tp, start + lead)
            last = _quick.FPDFText_GetCharIndexFromTextIndex(tp, start + len(stripped) - 1)
            if first < 0 or last < first:
                return None
        # PDFium's boxes are normalised (left <= right, bottom <= top)
        runs = _count_rects(tp, first, last - first + 1)
        if runs == 1:  # most lines: one run, one box
            if not _get_rect(tp, 0, *_rect_refs):
                return None
            x0, y1, x1, y0 = _rect_values
        else:
            boxes = _run_boxes(tp, runs)
            if not boxes:
                return None
            if len(boxes) > 4:
                lefts, tops, rights, bottoms = boxes[0::4], boxes[1::4], boxes[2::4], boxes[3::4]
                cuts = self._gap_cuts(tp, start, segment, (lefts, tops, rights, bottoms), first, last)
                if cuts:
                    return self._split(tp, start, segment, hyphenated, index, cuts)
                x0, x1, y0, y1 = min(lefts), max(rights), min(bottoms), max(tops)
            else:
                x0, y1, x1, y0 = boxes
        font, size, bold, italic = _char_font(tp, first)
        end_size, end_bold = size, bold
        if last != first:
            lead_char = stripped[lead]
            if bold or not lead_char.isalpha() and not stripped[lead:].isdigit():
                # the last character tells a fully bold heading from a run-in one, and
                # a footnote's small mark from its text; a line that starts with a
                # plain letter in a plain face is neither
                _, end_size, end_bold, _ = _char_font(tp, last)
            else:
                end_bold = False
        in_figure = bool(self._figure_text_set) and _quick.FPDFText_GetTextObject(tp, first) in self._figure_text_set
        text = " ".join(stripped.split())
        if self._surrogates:
            text = _join_surrogates(text)
        # positional, in Line's field order (a third cheaper than keywords for 50,000 lines a corpus);
        # the box flipped to top-left coordinates as _flip does
        left, top = self.left, self.top
        return Line(self.number, index, text, x0 - left, top - y1, x1 - left, top - y0, font, size, bold, end_bold,
                    italic, end_size, hyphenated, in_figure)

    def _split(self, tp: Handle, start: int, segment: str, hyphenated: bool, index: int,
               cuts: list[int]) -> Line | None:
        """The pieces of a segment cut at `cuts`: the first returned, the others kept in _extra_lines."""
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

    def _objects(self) -> _Objects:
        """The page's own objects, read once for every fact that walks them."""
        if self._own is None:
            self._own = _Objects(_page_objects(self.handle, _MAX_PAGE_OBJECTS))
        return self._own

    def _form_children(self) -> _Objects:
        """Everything drawn inside the page's form XObjects (included figures), nested forms
        too: one walk shared by the fonts and the figure-text marks."""
        if self._nested is None:
            nested = _Objects([])
            form_kind = c.FPDF_PAGEOBJ_FORM
            own = self._objects()
            stack = [(own.handles[index], 0) for index, kind in enumerate(own.kinds) if kind == form_kind]
            while stack and len(nested.handles) < _MAX_PAGE_OBJECTS:
                form, depth = stack.pop()
                count = min(_quick.FPDFFormObj_CountObjects(form), _MAX_FORM_CHILDREN)
                children = _Objects([child for child in map(_quick.FPDFFormObj_GetObject, itertools.repeat(form, count),
                                                            map(ctypes.c_ulong, range(count))) if child])
                nested.extend(children)
                if depth < _MAX_FORM_DEPTH:
                    stack.extend((child, depth + 1) for child, kind in zip(children.handles, children.kinds,
                                                                           strict=True) if kind == form_kind)
            self._nested = nested
        return self._nested

    def _figure_texts(self) -> set[int | None]:
        """Addresses of the text objects drawn inside form XObjects (included figures)."""
        if self._figure_text_objects is None:
            text = c.FPDF_PAGEOBJ_TEXT
            nested = self._form_children()
            self._figure_text_objects = {handle.value for handle, kind in zip(nested.handles, nested.kinds,
                                                                              strict=True) if kind == text}
        return self._figure_text_objects

    @staticmethod
    def _gap_cuts(tp: Handle, start: int, segment: str, edges: tuple[list[float], ...], first: int,
                  last: int) -> list[int]:
        """Offsets in `segment` where a wide horizontal gap separates two runs (`edges`: the lists of their
        left, top, right and bottom edges, one entry per run)."""
        lefts, tops, rights, bottoms = edges
        # left to right: by left edge, then right edge, bottom and top (runs almost always come in that
        # order already: their left edges rising, nothing to sort)
        if all(map(operator.lt, lefts, lefts[1:])):
            ordered = None
        else:
            ordered = sorted(zip(lefts, tops, rights, bottoms, strict=True), key=_LEFT_TO_RIGHT)
            lefts, rights = [rect[0] for rect in ordered], [rect[2] for rect in ordered]
        # The gap after each run's right edge bounds the gap after the reach of all the
        # runs before it, so the widest of these bounds every gap the loop below sees:
        # most lines are decided here, without the loop or a native call.
        widest = max(map(operator.sub, lefts[1:], rights))
        if widest <= 3.0:
            return []
        text = segment.strip()
        # only a gap this wide, or a number at either end (a line number), can cut
        leading, trailing = text[:1].isdigit(), text[-1:].isdigit()
        size = max(_quick.FPDFText_GetFontSize(tp, first), 4.0)
        if widest < 1.5 * size and not (leading or trailing):
            return []
        if ordered is None:
            ordered = list(zip(lefts, tops, rights, bottoms, strict=True))
        cuts: list[int] = []
        reach = ordered[0][2]
        for x0, y1, x1, y0 in ordered[1:]:
            gap = x0 - reach
            reach = max(reach, x1)
            # a narrower gap cuts only next to a number at either end, and a number at the start
            # only once: decided without a native call
            if gap <= 3.0 or (gap < 1.5 * size and not (leading and not cuts or trailing)):
                continue
            x, y = ctypes.c_double(x0 + 0.5), ctypes.c_double((y0 + y1) / 2)
            # PDFium answers the first character (in page order) whose box holds the point; only when none
            # does, the nearest within the tolerance. Asked without a tolerance first, its scan of the page's
            # characters costs half as much, and the answer is the same whenever one is found (98% of calls).
            char = _quick.FPDFText_GetCharIndexAtPos(tp, x, y, _ZERO, _ZERO)
            if char < 0:
                char = _quick.FPDFText_GetCharIndexAtPos(tp, x, y, _ONE, _TWO)
            if not first < char <= last:
                continue
            cut = _quick.FPDFText_GetTextIndexFromCharIndex(tp, char) - start
            if not 0 < cut < len(segment) or not segment[:cut].strip():
                continue
            before = segment[:cut].strip()
            # a wide gap (relative to the larger type on either side), or a short
            # digit run at the start or the end (a line number in the margin) then any gap
            right_size = _quick.FPDFText_GetFontSize(tp, char)
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
        link = Handle()  # each link's handle, written here by FPDFLink_Enumerate
        rect = c.FS_RECTF()
        buffer_size = 4096
        buffer = ctypes.create_string_buffer(buffer_size)
        document = Handle(ctypes.cast(self.pdf.raw, ctypes.c_void_p).value)
        enumerate_links, get_action, action_type = _quick.FPDFLink_Enumerate, _quick.FPDFLink_GetAction, \
            _quick.FPDFAction_GetType
        position_ref, link_ref, rect_ref, size = ctypes.byref(position), ctypes.byref(link), ctypes.byref(rect), \
            ctypes.c_ulong(buffer_size)
        while enumerate_links(self.handle, position_ref, link_ref):
            action = get_action(link)
            if not action or action_type(action) != c.PDFACTION_URI:
                continue
            length = _quick.FPDFAction_GetURIPath(document, action, buffer, size)
            if length <= 1:
                continue
            uri = buffer.raw[: min(length, buffer_size) - 1].decode("latin-1", errors="replace").strip()
            box = (0.0, 0.0, 0.0, 0.0)
            if _quick.FPDFLink_GetAnnotRect(link, rect_ref):
                box = self._flip(rect.left, max(rect.top, rect.bottom), rect.right, min(rect.top, rect.bottom))
            out.append(Link(page=self.number, uri=uri, box=box))
            if len(out) > 5000:  # hostile files: a page of links is plenty
                break
        return out

    # -- fonts ----------------------------------------------------------------
    def fonts(self) -> list[tuple[str, str, bool]]:
        """The fonts the page's text uses, figures included: (base name, subtype, embedded).

        Read from the text objects PDFium already parsed, so no content stream is
        decoded twice. A font that is "embedded" without a font program is Type 3
        (its glyphs are procedures in the file)."""
        cache = self.font_cache if self.font_cache is not None else {}
        # each font once, in the order the page first uses it
        fonts = dict.fromkeys(itertools.chain(self._objects().fonts, self._form_children().fonts))
        return list(dict.fromkeys(_describe_font(font, cache) for font in fonts if font is not None))

    # -- non-text objects ---------------------------------------------------
    def drawables(self, settled: Margins, limit: int = 20000) -> list[Drawable]:
        """The page's images, paths, shadings and figures. An object inside the `settled`
        margins (where the caller knows nothing needs a closer look) gets no clipping analysis."""
        out = []
        inner = self._inner_area(settled)
        own = self._objects()
        for index in own.others:  # text is not drawn here
            if index >= limit:
                break
            name = _DRAWABLE_KINDS.get(own.kinds[index])
            if name is None:
                continue  # an object of no known kind
            obj = own.handles[index]
            raw = _raw_bounds(obj)
            if raw is None:
                continue
            invisible = name == "path" and _path_is_invisible(obj)
            visible = None
            ink_pending = False
            if not invisible and not _inside(raw, inner):
                seen = self._visible_bounds(obj, inner)
                # rendering the margins is left to the checks that find an overflow
                ink_pending = seen is not None and name in ("form", "image") and not _inside(seen, inner) \
                    and self.rotation == 0
                if seen is None:
                    invisible = True
                elif seen != raw:
                    visible = self._flip(seen[0], seen[3], seen[2], seen[1])
            box = self._flip(raw[0], raw[3], raw[2], raw[1])
            out.append(Drawable(page=self.number, kind=name, box=box, invisible=invisible, visible_box=visible,
                                ink_pending=ink_pending, object_index=index))
        return out

    def ink_box(self, object_index: int, settled: Margins) -> tuple[float, float, float, float] | None:
        """What a figure or image really prints (top-left coordinates), the part outside the
        `settled` margins rendered; None when it prints nothing."""
        obj = self._objects().handles[object_index]
        inner = self._inner_area(settled)
        seen = self._visible_bounds(obj, inner)
        if seen is None:
            return None
        seen = self._ink_bounds(obj, seen, inner)
        return None if seen is None else self._flip(seen[0], seen[3], seen[2], seen[1])

    def _inner_area(self, settled: Margins) -> tuple[float, float, float, float]:
        """The page area (PDF space) inside the `settled` margins: whatever lies in it needs
        no clipping analysis."""
        width = c.FPDF_GetPageWidthF(self.raw)
        height = c.FPDF_GetPageHeightF(self.raw)
        bottom = self.top - height
        return (self.left + settled.left, bottom + settled.bottom, self.left + width - settled.right,
                self.top - settled.top)

    def _page_box(self) -> tuple[float, float, float, float]:
        width = c.FPDF_GetPageWidthF(self.raw)
        height = c.FPDF_GetPageHeightF(self.raw)
        return (self.left, self.top - height, self.left + width, self.top)

    def _visible_bounds(self, obj, inner) -> tuple[float, float, float, float] | None:
        """Bounds cut to the page and to clip paths; a form is the union of its visible children."""
        seen = _clipped_bounds(obj, _IDENTITY, inner, 0)
        return _intersect(seen, self._page_box()) if seen is not None else None

    def _ink_bounds(self, form, seen, inner) -> tuple[float, float, float, float] | None:
        """Shrink a figure's or an image's box to the ink it puts outside `inner`.

        An included PDF figure is clipped by its /BBox, which PDFium does not expose:
        its bounds can reach far into the margins while nothing prints there; an
        image's white border prints nothing either. The
        margin strips of the figure's box are rendered (annotations off) and text
        objects and thin rules there, which belong to the page (rulers, running heads,
        page numbers), are masked before looking for ink.
        """
        inside = _intersect(seen, inner)
        found = inside
        for strip in _strips(seen, inner):
            ink = self._ink_in(strip, form)
            if ink is not None:
                found = _union(found, ink)
        return found

    def _ink_in(self, strip, form) -> tuple[float, float, float, float] | None:
        x0, y0, x1, y1 = strip  # PDF space
        width = max(1, int((x1 - x0) * _INK_SCALE + 0.999))
        height = max(1, int((y1 - y0) * _INK_SCALE + 0.999))
        if width * height > 4_000_000:
            return strip  # absurdly large: keep it, do not render
        bitmap = c.FPDFBitmap_CreateEx(width, height, c.FPDFBitmap_BGR, None, 0)
        if not bitmap:
            return strip
        try:
            c.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xFFFFFFFF)
            # display space is top-left based, in points; move the strip to the origin
            left_px, top_px = (x0 - self.left) * _INK_SCALE, (self.top - y1) * _INK_SCALE
            matrix = c.FS_MATRIX(_INK_SCALE, 0, 0, _INK_SCALE, -left_px, -top_px)
            clip = c.FS_RECTF(0, 0, width, height)
            c.FPDF_RenderPageBitmapWithMatrix(bitmap, self.raw, matrix, clip, 0)
            for box in self._page_furniture_boxes(form):
                # a glyph's anti-aliased edge reaches a little past its box
                mx0, my0, mx1, my1 = box[0] - 1.0, box[1] - 1.0, box[2] + 1.0, box[3] + 1.0
                if mx1 <= x0 or mx0 >= x1 or my1 <= y0 or my0 >= y1:
                    continue
                px0 = max(0, int((max(mx0, x0) - x0) * _INK_SCALE) - 1)
                px1 = min(width, int((min(mx1, x1) - x0) * _INK_SCALE + 0.999) + 1)
                py0 = max(0, int((y1 - min(my1, y1)) * _INK_SCALE) - 1)
                py1 = min(height, int((y1 - max(my0, y0)) * _INK_SCALE + 0.999) + 1)
                c.FPDFBitmap_FillRect(bitmap, px0, py0, px1 - px0, py1 - py0, 0xFFFFFFFF)
            stride = c.FPDFBitmap_GetStride(bitmap)
            data = ctypes.string_at(c.FPDFBitmap_GetBuffer(bitmap), stride * height).translate(_INK_TABLE)
        finally:
            c.FPDFBitmap_Destroy(bitmap)
        first_row: int | None = None
        last_row = 0
        first_col, last_col = width, -1
        row_bytes = 3 * width
        for row in range(height):
            line = data[row * stride: row * stride + row_bytes]
            stripped = line.lstrip(b"\xff")
            if not stripped:
                continue
            first_row = row if first_row is None else first_row
            last_row = row
            first_col = min(first_col, (row_bytes - len(stripped)) // 3)
            last_col = max(last_col, (len(line.rstrip(b"\xff")) - 1) // 3)
        if first_row is None:
            return None
        return (x0 + first_col / _INK_SCALE, y1 - (last_row + 1) / _INK_SCALE,
                x0 + (last_col + 1) / _INK_SCALE, y1 - first_row / _INK_SCALE)

    def _page_furniture_boxes(self, form) -> list[tuple[float, float, float, float]]:
        """Boxes (PDF space) of the page's text objects and thin rules, except `form`."""
        cached = getattr(self, "_furniture_boxes", None)
        if cached is None:
            cached = []
            own = self._objects()
            for obj, kind in zip(own.handles, own.kinds, strict=True):
                if kind not in (c.FPDF_PAGEOBJ_TEXT, c.FPDF_PAGEOBJ_PATH):
                    continue
                box = _raw_bounds(obj)
                if box is None:
                    continue
                if kind == c.FPDF_PAGEOBJ_PATH and min(box[2] - box[0], box[3] - box[1]) > 3.0:
                    continue  # only rules: a drawn shape may be the very thing that overflows
                cached.append((obj.value, box))
            self._furniture_boxes = cached
        return [box for address, box in cached if address != form.value]


_font_name = ctypes.create_string_buffer(512)


def _describe_font(font: int, cache: dict) -> tuple[str, str, bool]:
    length = _fast.FPDFFont_GetBaseFontName(font, _font_name, 512)
    name = _font_name.raw[: max(min(length, 512) - 1, 0)].decode("latin-1", errors="replace") if length else ""
    embedded = bool(_fast.FPDFFont_GetIsEmbedded(font))
    size = ctypes.c_ulong(0)
    has_program = bool(_fast.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size))) and size.value > 0
    if embedded and not has_program:
        return (name or "[Type 3]", "Type3", True)
    if not embedded:
        return (name or "[unnamed]", "", False)  # PDFium's data would be its substitute's
    key = (name, size.value)
    if key not in cache:
        data = (ctypes.c_ubyte * size.value)()
        _fast.FPDFFont_GetFontData(font, data, size.value, ctypes.byref(size))
        cache[key] = _program_kind(bytes(data[:16]))
    return (name or "[unnamed]", cache[key], embedded)


def _program_kind(head: bytes) -> str:
    """The font format from the first bytes of its embedded program."""
    if head.startswith((b"\x80\x01", b"%!PS-AdobeFont", b"%!FontType1")):
        return "Type1"
    if head.startswith((b"\x00\x01\x00\x00", b"true", b"ttcf")):
        return "TrueType"
    if head.startswith(b"OTTO"):
        return "OpenType"
    if head[:1] == b"\x01":
        return "Type1C"  # a CFF program: Type 1 outlines, compact
    return "embedded"


_DRAWABLE_KINDS = {c.FPDF_PAGEOBJ_IMAGE: "image", c.FPDF_PAGEOBJ_PATH: "path", c.FPDF_PAGEOBJ_FORM: "form",
                   c.FPDF_PAGEOBJ_SHADING: "shading"}
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_INK_SCALE = 1.0  # pixels per point when looking for ink in the margins
_INK_TABLE = bytes(255 if value >= 0xF0 else 0 for value in range(256))  # near-white is paper


def _inside(box, area) -> bool:
    return box[0] >= area[0] and box[1] >= area[1] and box[2] <= area[2] and box[3] <= area[3]


def _intersect(a, b):
    if b is None:
        return a
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] < box[2] and box[1] < box[3] else None


def _union(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _strips(box, inner) -> list[tuple[float, float, float, float]]:
    """The parts of `box` outside `inner` (PDF space), as up to four rectangles."""
    x0, y0, x1, y1 = box
    out = []
    if x0 < inner[0]:
        out.append((x0, y0, min(x1, inner[0]), y1))
    if x1 > inner[2]:
        out.append((max(x0, inner[2]), y0, x1, y1))
    middle = (max(x0, inner[0]), min(x1, inner[2]))
    if middle[0] < middle[1]:
        if y1 > inner[3]:
            out.append((middle[0], max(y0, inner[3]), middle[1], y1))
        if y0 < inner[1]:
            out.append((middle[0], y0, middle[1], min(y1, inner[1])))
    return [s for s in out if s[0] < s[2] and s[1] < s[3]]


def _apply(m, box):
    a, b, cc, d, e, f = m
    x0, y0, x1, y1 = box
    xs = (a * x0 + cc * y0 + e, a * x0 + cc * y1 + e, a * x1 + cc * y0 + e, a * x1 + cc * y1 + e)
    ys = (b * x0 + d * y0 + f, b * x0 + d * y1 + f, b * x1 + d * y0 + f, b * x1 + d * y1 + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _compose(m, n):
    """The matrix that applies `n`, then `m`."""
    a, b, cc, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a2 * a + b2 * cc, a2 * b + b2 * d, c2 * a + d2 * cc, c2 * b + d2 * d,
            e2 * a + f2 * cc + e, e2 * b + f2 * d + f)


# out-parameters: each a ctypes object passed by reference, read back through a memoryview
# (four times cheaper than the ctypes arrays' own items)
def _out(kind, count: int):
    buffer = (kind * count)()
    step = ctypes.sizeof(kind)
    refs = tuple(ctypes.byref(buffer, index * step) for index in range(count))
    return buffer, refs, memoryview(buffer).cast("B").cast(kind._type_)


_bounds_buffer, _bounds_refs, _bounds_values = _out(ctypes.c_float, 4)
_point_buffer, _point_refs, _point_values = _out(ctypes.c_float, 2)
_draw_mode, _draw_mode_refs, _ = _out(ctypes.c_int, 2)
_colour, _colour_refs, _ = _out(ctypes.c_uint, 4)
_rect, _rect_refs, _rect_values = _out(ctypes.c_double, 4)  # left, top, right, bottom
_matrix = c.FS_MATRIX()
_matrix_ref = ctypes.byref(_matrix)
_matrix_values = memoryview(_matrix).cast("B").cast("f")  # a, b, c, d, e, f
_ZERO, _ONE, _TWO = ctypes.c_double(0.0), ctypes.c_double(1.0), ctypes.c_double(2.0)
# the calls made for every line, bound once
_count_rects, _get_rect = _quick.FPDFText_CountRects, _quick.FPDFText_GetRect
_get_font_size, _get_matrix, _get_font_info = \
    _quick.FPDFText_GetFontSize, _quick.FPDFText_GetMatrix, _quick.FPDFText_GetFontInfo


def _raw_bounds(obj: Handle):
    """(left, bottom, right, top) in PDF space, or None."""
    if not _quick.FPDFPageObj_GetBounds(obj, *_bounds_refs):
        return None
    return tuple(_bounds_values)


def _clip_box(obj: Handle):
    """The bounding box of an object's clip path, in the space of its content stream."""
    clip = _quick.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    xs, ys = [], []
    for path in range(min(_quick.FPDFClipPath_CountPaths(clip), 16)):
        for index in range(min(_quick.FPDFClipPath_CountPathSegments(clip, path), 64)):
            segment = _quick.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and _quick.FPDFPathSegment_GetPoint(segment, *_point_refs):
                x, y = _point_values
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _clipped_bounds(obj: Handle, matrix, inner, depth: int):
    """Page-space bounds of what `obj` can show: its own box (or, for a form, its
    children's), cut by clip paths. Parts inside `inner` are not refined."""
    raw = _raw_bounds(obj)
    if raw is None:
        return None
    on_page = _apply(matrix, raw)
    if _inside(on_page, inner):
        return on_page
    box = on_page
    if _quick.FPDFPageObj_GetType(obj) == c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
        form_matrix = c.FS_MATRIX()
        if _quick.FPDFPageObj_GetMatrix(obj, ctypes.byref(form_matrix)):
            inner_matrix = _compose(matrix, (form_matrix.a, form_matrix.b, form_matrix.c, form_matrix.d,
                                             form_matrix.e, form_matrix.f))
            box = None
            for index in range(min(_quick.FPDFFormObj_CountObjects(obj), _MAX_FORM_CHILDREN)):
                child = _quick.FPDFFormObj_GetObject(obj, ctypes.c_ulong(index))
                if child:
                    box = _union(box, _clipped_bounds(child, inner_matrix, inner, depth + 1))
            if box is None:
                return None
    clip = _clip_box(obj)
    return _intersect(box, _apply(matrix, clip)) if clip is not None else box


class _Objects:
    """Page objects (or the objects inside forms), read once: their handles, their kinds, and
    the font of each text object.

    Nearly every object of a paper's page is text (a word or a line), and the font call
    answers None for any other kind, so the kind is asked only of the few that are not."""

    __slots__ = ("handles", "fonts", "kinds", "others")

    def __init__(self, handles: list[Handle]) -> None:
        self.handles = handles
        # the font of each text object; None for the other objects (and a text object with no font)
        self.fonts: list[int | None] = list(map(_quick.FPDFTextObj_GetFont, handles))
        # positions of the objects with no font, the only ones whose kind must be asked
        self.others = [index for index, font in enumerate(self.fonts) if font is None]
        self.kinds = [c.FPDF_PAGEOBJ_TEXT] * len(handles)
        for index in self.others:
            self.kinds[index] = _quick.FPDFPageObj_GetType(handles[index])

    def extend(self, other: _Objects) -> None:
        self.others.extend(len(self.handles) + index for index in other.others)
        self.handles.extend(other.handles)
        self.fonts.extend(other.fonts)
        self.kinds.extend(other.kinds)


_MAX_FORM_DEPTH = 8
_MAX_FORM_CHILDREN = 50000
_MAX_PAGE_OBJECTS = 200000


def _page_objects(page: Handle, limit: int) -> list[Handle]:
    """The page's own objects, in drawing order."""
    count = min(_quick.FPDFPage_CountObjects(page), limit)
    return [obj for obj in map(_quick.FPDFPage_GetObject, itertools.repeat(page, count), range(count)) if obj]


def _path_is_invisible(obj: Handle) -> bool:
    if not _quick.FPDFPath_GetDrawMode(obj, *_draw_mode_refs):
        return False
    fill_mode, stroke = _draw_mode
    visible = False
    if fill_mode:
        if _quick.FPDFPageObj_GetFillColor(obj, *_colour_refs) and not _is_white(*_colour):
            visible = True
    if stroke:
        if _quick.FPDFPageObj_GetStrokeColor(obj, *_colour_refs) and not _is_white(*_colour):
            visible = True
    return not visible


def _is_white(r: int, g: int, b: int, a: int) -> bool:
    return a == 0 or (r >= 250 and g >= 250 and b >= 250)


# The boxes of a line's runs are read into one array, each run's four edges through references
# made once, so that reading them is one map() over the native call and one slice.
_POOLED_RUNS = 128
_run_array = (ctypes.c_double * (4 * _POOLED_RUNS))()
_run_values = memoryview(_run_array).cast("B").cast("d")
_run_refs = tuple(tuple(ctypes.byref(_run_array, 8 * (4 * run + edge)) for run in range(_POOLED_RUNS))
                  for edge in range(4))  # left, top, right, bottom


def _run_boxes(tp: Handle, runs: int) -> list[float]:
    """PDFium's boxes of the runs just counted (FPDFText_CountRects), one per text run, flat:
    [left, top, right, bottom, left, top, ...] in PDF space. A box PDFium cannot give is left out."""
    if runs <= _POOLED_RUNS:
        lefts, tops, rights, bottoms = _run_refs
        if all(map(_get_rect, itertools.repeat(tp, runs), range(runs), lefts, tops, rights, bottoms)):
            return cast(list[float], _run_values[:4 * runs].tolist())  # a memoryview of doubles
    left, top, right, bottom = _rect_refs
    boxes: list[float] = []
    for rect in range(runs):
        if _get_rect(tp, rect, left, top, right, bottom):
            boxes.extend(_rect_values.tolist())
    return boxes


_LEFT_TO_RIGHT = operator.itemgetter(0, 2, 3, 1)


def _looks_like_line_number(tp: Handle, number_char: int, text_char: int) -> bool:
    """A review ruler's number is set smaller, or in another face, than the text beside it;
    a section number ("1 Introduction") is not."""
    number_font, number_size, _, _ = _char_font(tp, number_char)
    text_font, text_size, _, _ = _char_font(tp, text_char)
    return number_size < 0.9 * text_size or number_font.split("-")[0] != text_font.split("-")[0]


_font_name_buffer = ctypes.create_string_buffer(256)
_font_name_size = ctypes.c_ulong(256)
_font_name_values = memoryview(_font_name_buffer).cast("B")
_font_flags = ctypes.c_int()
_font_flags_ref = ctypes.byref(_font_flags)


def _char_font(tp: Handle, index: int) -> tuple[str, float, bool, bool]:
    size = _get_font_size(tp, index)
    # the size PDFium reports ignores the text and form matrices; a figure scaled
    # to half its size, or a poster's unit-size font, must show its printed size
    if _get_matrix(tp, index, _matrix_ref):
        a, b, cc, d, _, _ = _matrix_values
        scale = abs(a * d - b * cc) ** 0.5
        if scale > 0:
            size *= scale
    size = round(size, 2)
    length = _get_font_info(tp, index, _font_name_buffer, _font_name_size, _font_flags_ref)
    if length > 256:  # a name longer than the buffer is not copied into it: read it whole
        long_name = ctypes.create_string_buffer(length)
        _quick.FPDFText_GetFontInfo(tp, index, long_name, ctypes.c_ulong(length), _font_flags_ref)
        raw = long_name.raw[: length - 1]
    else:
        raw = _font_name_values[: length - 1].tobytes() if length > 1 else b""
    key = (raw, _font_flags.value if length > 0 else 0)
    style = _font_styles.get(key)
    if style is None:
        # the weight belongs to the font, so it is read once per name and flags
        style = _font_styles[key] = _font_style(raw, key[1], _quick.FPDFText_GetFontWeight(tp, index))
        if len(_font_styles) > 10_000:  # hostile files: bound the cache
            _font_styles.clear()
    name, bold, italic = style
    return name, size, bold, italic


# (raw font name, descriptor flags) -> (base name, bold, italic)
_font_styles: dict[tuple[bytes, int], tuple[str, bool, bool]] = {}


def _font_style(raw: bytes, flags: int, weight: int) -> tuple[str, bool, bool]:
    name = strip_subset_prefix(raw.decode("latin-1", errors="replace")) if raw else ""
    bold = weight >= 600 or bool(flags & (1 << 18)) or bool(_BOLD_NAME.search(name))
    italic = bool(flags & (1 << 6)) or bool(_ITALIC_NAME.search(name))
    return name, bold, italic


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
