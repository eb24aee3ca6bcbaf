"""Plain data extracted from a PDF.

Coordinates are PDF points measured from the top-left corner of the page
(``top`` grows downwards), which is how people and pdftotext describe positions.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    """One line of text as the PDF draws it (one column's line in a two-column page)."""

    page: int  # 1-based
    index: int  # position in the page's reading order, 0-based
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    font: str  # base font name of the first character, subset prefix removed
    size: float  # font size of the first character, in points
    bold: bool  # first character is bold
    end_bold: bool  # last character is bold (a fully bold line has both)
    italic: bool
    end_size: float = 0.0  # font size of the last character
    # the line ends with a hyphen that the PDF marks as a soft line break
    hyphenated: bool = False
    # drawn by a form XObject (an included figure), not by the page's own content
    in_figure: bool = False

    @property
    def key(self) -> tuple[int, int]:
        """(page, index): names the line across the document, e.g. as a dictionary key."""
        return (self.page, self.index)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True, frozen=True)
class PageSize:
    width: float
    height: float


@dataclass(slots=True, frozen=True)
class Margins:
    """Distances in points from each edge of a page (a caller's area of interest; this
    layer knows no template)."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(slots=True, frozen=True)
class Link:
    page: int
    uri: str
    box: tuple[float, float, float, float]


@dataclass(slots=True, frozen=True)
class Drawable:
    """A non-text page object: an image, a vector path or a form XObject (figure)."""

    page: int
    kind: str  # "image", "path" or "form"
    box: tuple[float, float, float, float]
    # a path drawn only in white (or not drawn at all) cannot be seen on paper
    invisible: bool = False
    # the part that prints, when it is smaller than `box`: cut to the page and to the
    # object's clip path
    visible_box: tuple[float, float, float, float] | None = None
    # a figure or image reaching into the outer margins may put no ink there (an
    # included PDF is clipped by its BBox, an image may have a white border): its
    # printed extent needs a rendering, which `Document.printed_box` does on demand
    ink_pending: bool = False
    object_index: int | None = None  # position among the page's objects, to find it again

    @property
    def printed_box(self) -> tuple[float, float, float, float]:
        """The clipped box; for an `ink_pending` drawable, ask `Document.printed_box`."""
        return self.visible_box or self.box


@dataclass(slots=True, frozen=True)
class OutlineItem:
    level: int  # 0 for top-level bookmarks
    title: str
    page: int | None  # 1-based, None when the bookmark has no destination
    top: float | None  # y of the destination from the page top, when the PDF says


@dataclass(slots=True)
class FontInfo:
    name: str  # base font name as stored, subset prefix included
    subtype: str  # Type1, TrueType, Type3, Type0, MMType1...
    embedded: bool
    pages: list[int] = field(default_factory=list)

    @property
    def base_name(self) -> str:
        return strip_subset_prefix(self.name)


def strip_subset_prefix(name: str) -> str:
    """'ABCDEF+NimbusRomNo9L-Regu' -> 'NimbusRomNo9L-Regu'."""
    if len(name) > 7 and name[6] == "+" and name[:6].isupper() and name[:6].isalpha():
        return name[7:]
    return name
