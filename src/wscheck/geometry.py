"""Template geometry, in one place: each template's page, text block and furniture positions.

Every number here is what a venue's style file sets (anchors.md B, from the template
repositories named there), in PDF points from the top-left corner of a US Letter page.
Template detection (`wscheck.template`) holds a PDF against these layouts; the
`text-block` rules of the shipped rule sets name a layout (`layout: iclr`) instead of
repeating its numbers; the Document tells the PDF layer which part of a page every
template keeps for text (`SETTLED_MARGINS`), so that the PDF layer itself knows no
template.
"""
from __future__ import annotations

from dataclasses import dataclass

from wscheck.pdf.model import Margins, PageSize

POINTS_PER_INCH = 72.0  # PDF user space units

# The paper size of every ICLR, ICML and NeurIPS template (\paperwidth 8.5in, \paperheight
# 11in), and what a page whose size cannot be read is taken to be.
US_LETTER = PageSize(612.0, 792.0)


def page_dimensions(size: PageSize | None) -> tuple[float, float]:
    """(width, height) of a page, US Letter for a size that is missing or zero."""
    if size is None:
        return US_LETTER.width, US_LETTER.height
    return size.width or US_LETTER.width, size.height or US_LETTER.height


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
    page: PageSize = US_LETTER

    @property
    def margins(self) -> Margins:
        """The block as distances from the page's edges."""
        x0, top, x1, bottom = self.block
        return Margins(x0, top, self.page.width - x1, self.page.height - bottom)


# The blocks keep the numbers as the anchors state them (an integral one stays an int), so
# that reports quoting a block read "108-504 pt" exactly as the rule data always gave it.
LAYOUTS = {
    # B1 (ICLR/Master-Template, the same in 2024-2026): \textwidth 5.5in, \oddsidemargin .5in
    # -> x 108-504 (1.5 in to 7.0 in; body x = 108.0-504.0 pt measured in iclr2026_conference.pdf);
    # \topmargin -0.625in and \headsep +0.25in put the first text line at y ~82 pt, \textheight
    # 9.0in (648 pt) below it: 82-730; single column. Running head "Under review as ..." at
    # y ~29 above a rule; ABSTRACT centred in small caps; ruler (\iclrruler) 35 pt left of the text.
    "iclr": Layout("iclr", 1, (108, 82, 504, 730), 86.0, False, 38.8, True, 306.0, True, "header",
                   ruler_years=(2025, 2026, 2027)),
    # B2: \textwidth 6.75in, \oddsidemargin -0.23in -> x 55.4-541.4 (measured body x ~54-543 pt),
    # two columns (\twocolumn) 0.25 in apart (\columnsep); body from ~67 pt (68-70 on pages 2
    # onward), \textheight 9.0in; running title above a rule on pages 2+; the notice is a
    # footnote of column 1; ruler at x 25.6-40.5.
    "icml": Layout("icml", 2, (55.4, 67, 541.4, 715), 40.5, True, 56.6, False, 172.9, False,
                   "column-footnote", ruler_years=(2024, 2025, 2026, 2027)),
    # B3: \newgeometry{textheight=9in, textwidth=5.5in, top=1in}, horizontally centred (1.5 in
    # left and right) -> 108-504 x 72-720; single column; title between a 4 pt and a 1 pt
    # rule; the notice in the first page's footer.
    "neurips": Layout("neurips", 1, (108, 72, 504, 720), 98.0, True, None, False, 306.0, False,
                      "footer", ruler_years=(2024, 2025, 2026, 2027)),
}
FAMILIES = tuple(LAYOUTS)


def _settled_margins() -> Margins:
    """The margins every known template keeps clear of text: inside them lies the part of
    the page that all their text blocks share (1.5 in at the sides, 82 pt from the top,
    77 pt from the bottom). Objects there need no clipping analysis in any template."""
    margins = [layout.margins for layout in LAYOUTS.values()]
    return Margins(max(float(m.left) for m in margins), max(float(m.top) for m in margins),
                   max(float(m.right) for m in margins), max(float(m.bottom) for m in margins))


SETTLED_MARGINS = _settled_margins()
