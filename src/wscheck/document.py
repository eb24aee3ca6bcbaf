"""Document: everything wscheck knows about one PDF, each fact extracted once, on demand.

Checks never open the PDF themselves; they read facts from here. Page-level
facts (lines, links, drawables) come from one pass over the pages: a caller that
knows which facts its rules need names them in ``needs`` so that each page is
loaded only once.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import cached_property

from wscheck.errors import PdfReadError
from wscheck.pdf import objects as pdf_objects
from wscheck.pdf import pdfium as pdf_pdfium
from wscheck.pdf.model import Drawable, FontInfo, Line, Link, OutlineItem, PageSize

PAGE_FACTS = ("lines", "links", "drawables", "fonts")
# Page-level facts are read for at most this many pages (about 10 s of text
# extraction); later pages are counted and sized but read as empty. No paper
# comes near it; a 10,000-page file still gets a bounded, explained answer.
MAX_PAGES_READ = 1000
FACTS = (
    "file",
    "page_sizes",
    "info",
    "xmp",
    "outline",
    "attachments",
    "fonts",
    *PAGE_FACTS,
    "structure",
    "template",
)


# derived facts and the page facts they read, so that one pass over the pages serves all
IMPLIED_NEEDS = {
    "structure": ("lines",),
    "template": ("lines", "drawables"),
}


class Document:
    def __init__(self, path: str | os.PathLike, *, needs: Iterable[str] = (), password: str | None = None):
        self.path = os.fspath(path)
        self.name = os.path.basename(self.path)
        self.password = password
        self.needs = set(needs)
        unknown = self.needs - set(FACTS)
        if unknown:
            raise ValueError(f"unknown document facts: {sorted(unknown)}")
        for fact in list(self.needs):
            self.needs.update(IMPLIED_NEEDS.get(fact, ()))
        # names of the facts computed so far: lets tests prove laziness
        self.extracted: set[str] = set()
        self._page_facts: dict[str, list] = {}
        self._figures_marked = False  # whether lines carry in_figure marks
        self._ink: dict[tuple[int, int], tuple | None] = {}  # (page, object index) -> printed box
        # parts too large to read, and why: {"xmp": "the XMP metadata was not read: it is 5.0 MB or more..."}
        self.unread: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Document({self.path!r})"

    # -- file level ---------------------------------------------------------
    @cached_property
    def size_bytes(self) -> int:
        self.extracted.add("file")
        try:
            return os.path.getsize(self.path)
        except OSError as exc:
            raise PdfReadError(f"{self.path}: cannot read ({exc.strerror or exc})") from None

    @cached_property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        with open(self.path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    @cached_property
    def pdf(self):
        """The PDFium document; opening it is what proves the file is a readable PDF."""
        return pdf_pdfium.open_document(self.path, self.password)

    def open(self) -> Document:
        """Open the PDF now, so that an unreadable file fails before any check runs."""
        _ = self.pdf
        return self

    @cached_property
    def encrypted(self) -> bool:
        import pypdfium2.raw as c

        return c.FPDF_GetSecurityHandlerRevision(self.pdf.raw) != -1

    @cached_property
    def pdf_version(self) -> str | None:
        version = self.pdf.get_version()
        return f"{version // 10}.{version % 10}" if version else None

    @cached_property
    def page_count(self) -> int:
        return len(self.pdf)

    @cached_property
    def pages_read(self) -> int:
        """How many pages (from the first) page-level facts are read for: see MAX_PAGES_READ."""
        return min(self.page_count, MAX_PAGES_READ)

    @property
    def notes(self) -> list[str]:
        """What the reader of a report should know about how this PDF was read."""
        notes = list(self.unread.values())
        if self.pages_read < self.page_count:
            notes.append(f"only the first {self.pages_read} of {self.page_count} pages were read for text, links "
                         f"and figures (wscheck's limit); later pages count as empty")
        return notes

    @cached_property
    def page_sizes(self) -> list[PageSize]:
        self.extracted.add("page_sizes")
        return pdf_pdfium.page_sizes(self.pdf)

    @cached_property
    def info(self) -> dict[str, str]:
        """The PDF Info dictionary (Title, Author, Creator, Producer...)."""
        self.extracted.add("info")
        return pdf_pdfium.info_metadata(self.pdf)

    @cached_property
    def _reader(self):
        return pdf_objects.open_reader(self.path, self.password)

    @cached_property
    def xmp(self) -> dict[str, list[str]]:
        """XMP metadata fields that can identify people or machines (dc:creator...)."""
        self.extracted.add("xmp")
        if not pdf_objects.may_have_xmp(self.path):
            return {}  # most papers: no XMP, and no pypdf parse of the whole file
        try:
            return pdf_objects.xmp(self._reader)
        except PdfReadError:
            return {}
        except pdf_objects.StreamTooLarge as exc:
            self.unread["xmp"] = (f"the XMP metadata was not read: it is {exc.size / 1e6:.1f} MB or more, over "
                                  f"wscheck's {exc.limit / 1e6:g} MB limit")
            return {}

    @cached_property
    def outline(self) -> list[OutlineItem]:
        self.extracted.add("outline")
        return pdf_pdfium.outline(self.pdf)

    @cached_property
    def attachments(self) -> list[str]:
        """Names of embedded files."""
        self.extracted.add("attachments")
        return pdf_pdfium.attachment_names(self.pdf)

    @cached_property
    def fonts(self) -> list[FontInfo]:
        """Every font the pages' text uses (figures included), with the pages it is on."""
        found: dict[tuple[str, str, bool], FontInfo] = {}
        for number, page_fonts in enumerate(self._page_fact("fonts"), start=1):
            for name, subtype, embedded in page_fonts:
                info = found.setdefault((name, subtype, embedded), FontInfo(name, subtype, embedded))
                info.pages.append(number)
        return sorted(found.values(), key=lambda f: (f.pages[0], f.name, f.subtype, f.embedded))

    # -- page level ---------------------------------------------------------
    def _page_fact(self, fact: str) -> list:
        if fact not in self._page_facts:
            wanted = [f for f in PAGE_FACTS if (f == fact or f in self.needs) and f not in self._page_facts]
            self._read_pages(wanted)
        return self._page_facts[fact]

    def _read_pages(self, facts: list[str]) -> None:
        """One pass over the pages, loading each page once for all the facts wanted.

        Lines are marked `in_figure` when figures are read in the same pass (the
        layout checks need both); a later pass for drawables re-reads the lines so
        that the marks are never missing.
        """
        if "drawables" in facts and "lines" in self._page_facts and not self._figures_marked:
            facts = [*facts, "lines"]
        mark_figures = "drawables" in facts
        results: dict[str, list] = {fact: [] for fact in facts}
        font_cache: dict = {}
        for index in range(self.pages_read):
            with pdf_pdfium.PageReader(self.pdf, index) as page:
                page.font_cache = font_cache
                for fact in facts:
                    if fact == "lines":
                        results[fact].append(page.lines(mark_figures=mark_figures))
                    else:
                        results[fact].append(getattr(page, fact)())
        if "lines" in facts:
            self._figures_marked = mark_figures
        for fact in facts:  # one entry per page, always: pages beyond the limit read as empty
            results[fact].extend([] for _ in range(self.page_count - self.pages_read))
        self._page_facts.update(results)
        self.extracted.update(facts)

    @property
    def lines(self) -> list[list[Line]]:
        """Text lines of each page (index 0 is page 1), in the PDF's reading order."""
        return self._page_fact("lines")

    @property
    def links(self) -> list[list[Link]]:
        """URI link annotations of each page."""
        return self._page_fact("links")

    @property
    def drawables(self) -> list[list[Drawable]]:
        """Images, vector paths and embedded figures of each page."""
        return self._page_fact("drawables")

    def printed_box(self, drawable: Drawable) -> tuple[float, float, float, float] | None:
        """What a drawable really prints: its clipped box, or, for a figure reaching into
        the margins, the ink it puts there (rendered once, on first request, for all the
        pending drawables of its page). None when it prints nothing."""
        if not drawable.ink_pending or drawable.object_index is None:
            return drawable.printed_box
        key = (drawable.page, drawable.object_index)
        if key not in self._ink:
            pending = [d.object_index for d in self.drawables[drawable.page - 1] if d.ink_pending]
            with pdf_pdfium.PageReader(self.pdf, drawable.page - 1) as page:
                for index in pending:
                    self._ink[(drawable.page, index)] = page.ink_box(index)
        return self._ink[key]

    def page_lines(self, page: int) -> list[Line]:
        """Lines of one page, 1-based."""
        return self.lines[page - 1]

    def page_text(self, page: int) -> str:
        return "\n".join(line.text for line in self.page_lines(page))

    @cached_property
    def all_lines(self) -> list[Line]:
        return [line for page in self.lines for line in page]

    # -- derived facts --------------------------------------------------------
    @cached_property
    def structure(self):
        """Sections, and where the main body, references and appendix are (wscheck.structure)."""
        from wscheck.structure import analyse

        self.extracted.add("structure")
        return analyse(self)

    @cached_property
    def template(self):
        """Which template, year and mode the PDF was built with (wscheck.template)."""
        from wscheck.template import detect

        self.extracted.add("template")
        return detect(self)

    @cached_property
    def text_block(self):
        """The text block the body lines fill, measured (wscheck.template.measure_text_block)."""
        from wscheck.template import measure_text_block

        return measure_text_block(self)

    @cached_property
    def ruler_x1(self) -> float | None:
        """The right edge of the line-number ruler, or None (wscheck.template.ruler_position)."""
        from wscheck.template import ruler_position

        return ruler_position(self)

    def close(self) -> None:
        pdf = self.__dict__.pop("pdf", None)
        if pdf is not None:
            pdf.close()
        self.__dict__.pop("_reader", None)
