"""What wscheck derives from a Document's facts: sections, template, text block, ruler, printed lines.

The Document holds what the PDF says (pages, lines, links, drawables, metadata); this
object holds what wscheck makes of it. Each analysis runs once, on first use, and
every check reads the same result: one Structure per run, read with the run's section
vocabulary (`wscheck.sections.SectionRules`), whatever check asks first.

Imports run one way: document -> analysis -> structure, template. The analyses read
the Document's facts (and each other) through the Document they are given.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from wscheck.ruler import LineLocator
from wscheck.sections import SectionRules
from wscheck.structure import Structure
from wscheck.structure import analyse as analyse_structure
from wscheck.template import TemplateInfo, TextBlock, detect, measure_text_block, ruler_position

if TYPE_CHECKING:
    from wscheck.document import Document


class Analysis:
    def __init__(self, document: Document, sections: SectionRules) -> None:
        self._document = document
        self.sections = sections

    def assume(self, *, template: TemplateInfo | None = None) -> None:
        """Take a result as given instead of computing it (`Document.from_facts`: a check that
        judges the template is tested with the template it should judge)."""
        if template is not None:
            self.__dict__["template"] = template  # what the cached property would hold
            self._document.extracted.add("template")

    @cached_property
    def structure(self) -> Structure:
        """Sections, and where the main body, references and appendix are (wscheck.structure)."""
        self._document.extracted.add("structure")
        return analyse_structure(self._document, self.sections.vocabulary)

    @cached_property
    def template(self) -> TemplateInfo:
        """Which template, year and mode the PDF was built with (wscheck.template)."""
        self._document.extracted.add("template")
        return detect(self._document)

    @cached_property
    def text_block(self) -> TextBlock:
        """The text block the body lines fill, measured (wscheck.template.measure_text_block)."""
        return measure_text_block(self._document)

    @cached_property
    def ruler_x1(self) -> float | None:
        """The right edge of the line-number ruler, or None (wscheck.template.ruler_position)."""
        return ruler_position(self._document)

    @cached_property
    def printed_lines(self) -> LineLocator:
        """The line numbers a review ruler prints, page by page, and lines counted in their columns
        (wscheck.ruler): where findings are, as the author sees them."""
        return LineLocator(self._document)
