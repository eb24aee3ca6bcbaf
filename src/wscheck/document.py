"""Document: everything wscheck knows about one PDF, each fact extracted once, on demand.

Checks never open the PDF themselves; they read facts from here:

* file-level facts (size, page sizes, metadata, outline, attachments, fonts);
* page-level facts, all pages or one (`document.page(n).lines`, `.links`,
  `.drawables`): they come from one pass over the pages, so a caller that knows
  which facts its rules need names them in ``needs`` and each page is loaded once;
* derived analyses (`document.analysis`: structure, template, text block, ruler),
  read with the run's section vocabulary (`sections`), the same for every check.

`Document.from_facts(...)` builds one from facts instead of a file: the seam that
tests use to give a check exactly the lines, links or drawables it should judge.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

import pypdfium2 as pdfium

from wscheck.analysis import Analysis
from wscheck.errors import PdfReadError
from wscheck.geometry import SETTLED_MARGINS, US_LETTER
from wscheck.pdf import objects as pdf_objects
from wscheck.pdf import pdfium as pdf_pdfium
from wscheck.pdf.model import Drawable, FontInfo, Line, Link, OutlineItem, PageSize
from wscheck.sections import SectionRules
from wscheck.structure import Structure
from wscheck.template import TemplateInfo

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


class Page:
    """One page's facts, 1-based; read through the Document, so nothing is extracted twice."""

    __slots__ = ("_document", "number")

    def __init__(self, document: Document, number: int) -> None:
        self._document = document
        self.number = number

    def __repr__(self) -> str:
        return f"Page({self.number} of {self._document.name!r})"

    @property
    def size(self) -> PageSize:
        return self._document.page_sizes[self.number - 1]

    @property
    def lines(self) -> list[Line]:
        """Text lines in the PDF's reading order."""
        return self._document.lines[self.number - 1]

    @property
    def links(self) -> list[Link]:
        return self._document.links[self.number - 1]

    @property
    def drawables(self) -> list[Drawable]:
        return self._document.drawables[self.number - 1]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class Document:
    def __init__(self, path: str | os.PathLike, *, needs: Iterable[str] = (), password: str | None = None,
                 sections: SectionRules | None = None):
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
        self._in_memory = False  # built by from_facts: no PDF behind it
        self.sections = sections if sections is not None else SectionRules()
        self.analysis = Analysis(self, self.sections)

    def __repr__(self) -> str:
        return f"Document({self.path!r})"

    @classmethod
    def from_facts(cls, lines: Sequence[list[Line]] = (), *, page_sizes: Sequence[PageSize] | None = None,
                   links: Sequence[list[Link]] = (), drawables: Sequence[list[Drawable]] = (),
                   fonts: Sequence[FontInfo] = (), outline: Sequence[OutlineItem] = (),
                   info: dict[str, str] | None = None, xmp: dict[str, list[str]] | None = None,
                   attachments: Sequence[str] = (), sections: SectionRules | None = None,
                   template: TemplateInfo | None = None, name: str = "facts.pdf", size_bytes: int = 0,
                   encrypted: bool = False) -> Document:
        """A Document made of the facts given (pages of lines, links, drawables...) instead of a file.

        The page count is that of `page_sizes` (US Letter pages by default, one per page of
        `lines`); page facts not given are empty. The analyses run on these facts as on a
        real PDF's, except a `template` given as already detected. Drawables given here are taken
        as printed: nothing can be rendered.
        """
        count = len(page_sizes) if page_sizes is not None else max(len(lines), len(links), len(drawables))
        document = cls(name, sections=sections)
        document._in_memory = True

        def per_page(pages: Sequence[list]) -> list[list]:
            return [list(page) for page in pages[:count]] + [[] for _ in range(count - len(pages))]

        document._page_facts = {"lines": per_page(lines), "links": per_page(links),
                                "drawables": per_page(drawables), "fonts": [[] for _ in range(count)]}
        document._figures_marked = True
        known: dict[str, Any] = {
            "page_count": count, "pages_read": count,
            "page_sizes": list(page_sizes) if page_sizes is not None else [US_LETTER] * count,
            "info": dict(info or {}), "xmp": dict(xmp or {}), "outline": list(outline),
            "attachments": list(attachments), "fonts": list(fonts), "size_bytes": size_bytes,
            "encrypted": encrypted, "pdf_version": None,
        }
        document.__dict__.update(known)  # the values the cached properties would compute
        document.extracted.update({"file", "page_sizes", "info", "xmp", "outline", "attachments", *PAGE_FACTS})
        document.analysis.assume(template=template)
        return document

    # -- file level ---------------------------------------------------------
    @cached_property
    def size_bytes(self) -> int:
        self.extracted.add("file")
        try:
            return os.path.getsize(self.path)
        except OSError as exc:
            raise PdfReadError(f"{self.path}: cannot read ({exc.strerror or exc})") from None

    @cached_property
    def pdf(self) -> pdfium.PdfDocument:
        """The PDFium document; opening it is what proves the file is a readable PDF."""
        if self._in_memory:
            raise PdfReadError(f"{self.name}: built from facts, there is no PDF to read")
        return pdf_pdfium.open_document(self.path, self.password)

    def open(self) -> Document:
        """Open the PDF now, so that an unreadable file fails before any check runs."""
        if not self._in_memory:
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
        except PdfReadError as exc:
            # PDFium reads the pages, pypdf cannot reach the metadata: say so, never pass on silence
            self.unread["xmp"] = f"the XMP metadata was not read: {exc.reason or exc}"
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
    def page(self, number: int) -> Page:
        """One page's facts, 1-based."""
        if not 1 <= number <= self.page_count:
            raise IndexError(f"page {number} of a {self.page_count}-page document")
        return Page(self, number)

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
                    elif fact == "drawables":
                        results[fact].append(page.drawables(SETTLED_MARGINS))
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

    def page_lines(self, page: int) -> list[Line]:
        """Lines of one page, 1-based (the same as `page(n).lines`)."""
        return self.lines[page - 1]

    @cached_property
    def all_lines(self) -> list[Line]:
        """Every page's lines, one list, in page order."""
        return [line for page in self.lines for line in page]

    def printed_box(self, drawable: Drawable) -> tuple[float, float, float, float] | None:
        """What a drawable really prints: its clipped box, or, for a figure reaching into
        the margins, the ink it puts there (rendered once, on first request, for all the
        pending drawables of its page). None when it prints nothing."""
        if not drawable.ink_pending or drawable.object_index is None or self._in_memory:
            return drawable.printed_box
        key = (drawable.page, drawable.object_index)
        if key not in self._ink:
            pending = [d.object_index for d in self.drawables[drawable.page - 1] if d.ink_pending]
            with pdf_pdfium.PageReader(self.pdf, drawable.page - 1) as page:
                for index in pending:
                    if index is not None:
                        self._ink[(drawable.page, index)] = page.ink_box(index, SETTLED_MARGINS)
        return self._ink[key]

    # -- derived analyses (wscheck.analysis) -------------------------------------
    @property
    def structure(self) -> Structure:
        """The one section structure of this run (`analysis.structure`)."""
        return self.analysis.structure

    @property
    def template(self) -> TemplateInfo:
        """The template the PDF was built with (`analysis.template`)."""
        return self.analysis.template

    def close(self) -> None:
        pdf = self.__dict__.pop("pdf", None)
        if pdf is not None:
            pdf.close()
        self.__dict__.pop("_reader", None)
