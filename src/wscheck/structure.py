"""Section structure: headings, reading order, and where the main body ends.

Signals, strongest first:
  * the outline (hyperref bookmarks give titles and positions);
  * heading typography: bold, larger, or capitals/small caps, at a column's left edge;
  * numbering: "7 Conclusion", "A Proofs", "Appendix A", "8. References";
  * geometry: page furniture (running heads, page numbers, line-number rulers,
    margin stamps) is set aside, and two-column pages are read column by column.

Which section kinds count toward a page limit is rule data (see the
`page-limit` check); this module only says where each kind starts.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from wscheck.pdf.model import Line

# Section kinds. "body" counts toward every limit; the others are end matter
# that a rule set may exclude.
REFERENCES = "references"
APPENDIX = "appendix"
CHECKLIST = "checklist"
BODY = "body"
# Kinds that end the main body wherever they appear.
TERMINAL_KINDS = (REFERENCES, APPENDIX, CHECKLIST)

# Unnumbered end-matter statements, by kind. Matched against a heading title
# with its numbering removed, case and accents ignored.
STATEMENT_TITLES: dict[str, str] = {
    "acknowledgments": r"acknowledge?ments?( and disclosure of funding)?|acknowledge?ment of funding",
    "funding": r"funding( statement| disclosure)?|disclosure of funding",
    "impact-statement": r"(broader |societal |potential )?impacts?( statement)?|broader impacts?",
    "ethics-statement": r"ethic(s|al)? statement|ethics|ethical considerations?|ethics and broader impacts?",
    "reproducibility-statement": r"reproducibility( statement)?",
    "limitations": r"limitations?( and future work)?",
    "author-contributions": r"author contributions?|contributions",
    "llm-usage": r"(statement on |use of |usage of )?(llms?|large language models?)( usage| use)?( statement)?",
    "code-availability": r"code( and data)? availability|data availability",
}
REFERENCE_TITLES = r"references?|bibliography|literature cited|works cited|cited works|reference list|参考文献"
APPENDIX_TITLES = (
    r"appendix|appendices|supplementary( materials?)?|supplemental( materials?)?|technical appendi(x|ces)"
    r"|appendix [a-z0-9]+\b.*|supplementary (information|appendix)|online appendix"
)
CHECKLIST_TITLES = r"(neurips |iclr |icml )?(paper )?checklist|reproducibility checklist"

_REFERENCES_RE = re.compile(rf"^({REFERENCE_TITLES})$")
_APPENDIX_RE = re.compile(rf"^({APPENDIX_TITLES})$")
_CHECKLIST_RE = re.compile(rf"^({CHECKLIST_TITLES})$")
_STATEMENT_RES = {kind: re.compile(rf"^({pattern})$") for kind, pattern in STATEMENT_TITLES.items()}

# "7", "7.", "7.1", "A", "A.", "A.1", "IV.", "Appendix A:"...
_NUMBERED = re.compile(
    r"^(?P<number>(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){0,3}|[IVX]{1,5})\.?)\s+(?P<title>\S.*)$"
)
_APPENDIX_NUMBERED = re.compile(r"^(?:appendix|supplementary material)\s+(?P<number>[A-Z0-9]{1,3})\b[.:]?\s*(?P<title>.*)$", re.I)
_DIGITS = re.compile(r"^\d{1,4}$")
_SENTENCE_END = re.compile(r"[.,;:]$")


def normalise_title(text: str) -> str:
    """Lower-case, accents removed, small-caps splits ("R EFERENCES") and punctuation removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\b([A-Z]) (?=[A-Z]{2,})", r"\1", text)  # "R EFERENCES" -> "REFERENCES"
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.replace("-", " ").split())


def classify_title(title: str) -> str:
    """The section kind a heading title names (numbering already removed)."""
    norm = normalise_title(title)
    if not norm:
        return BODY
    if _REFERENCES_RE.match(norm):
        return REFERENCES
    if _CHECKLIST_RE.match(norm):
        return CHECKLIST
    if _APPENDIX_RE.match(norm):
        return APPENDIX
    for kind, pattern in _STATEMENT_RES.items():
        if pattern.match(norm):
            return kind
    return BODY


@dataclass(slots=True)
class Heading:
    line: Line
    number: str | None  # "7", "A.1", None for unnumbered
    title: str
    kind: str
    column: int
    source: str  # "outline", "typography" or "outline+typography"

    @property
    def page(self) -> int:
        return self.line.page

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def numbered(self) -> bool:
        return self.number is not None


@dataclass(slots=True)
class EndPoint:
    """Where a part of the paper ends: its last line, and what ended it."""

    line: Line
    column: int
    lines_into_page: int  # content lines on that page up to and including this one
    ended_by: Heading | None  # None when nothing after it was found

    @property
    def page(self) -> int:
        return self.line.page


@dataclass
class Structure:
    body_size: float
    columns: int
    content: list[Line]  # reading order, page furniture removed
    column_of: dict[tuple[int, int], int]
    headings: list[Heading]
    furniture: set[tuple[int, int]] = field(default_factory=set)
    page_count: int = 0

    def _position(self, line: Line) -> int:
        return self._order[(line.page, line.index)]

    def __post_init__(self) -> None:
        self._order = {(line.page, line.index): n for n, line in enumerate(self.content)}

    def heading_at(self, line: Line) -> Heading | None:
        """The heading of the section that contains `line` (None before the first heading)."""
        position = self._order.get((line.page, line.index))
        if position is None:
            return None  # page furniture belongs to no section
        current = None
        for heading in self.headings:
            if self._position(heading.line) > position:
                break
            current = heading
        return current

    def kind_at(self, line: Line) -> str:
        """The kind of section that contains `line`: body, references, appendix, acknowledgments..."""
        heading = self.heading_at(line)
        return heading.kind if heading is not None else BODY

    def is_furniture(self, line: Line) -> bool:
        return (line.page, line.index) in self.furniture

    def first(self, kind: str) -> Heading | None:
        return next((h for h in self.headings if h.kind == kind), None)

    @property
    def references(self) -> Heading | None:
        return self.first(REFERENCES)

    @property
    def appendix(self) -> Heading | None:
        """The first appendix heading after the main body has started."""
        return self.first(APPENDIX)

    @property
    def checklist(self) -> Heading | None:
        return self.first(CHECKLIST)

    def terminal_heading(self, terminal_kinds=TERMINAL_KINDS) -> Heading | None:
        """The first heading that ends the main body wherever it stands."""
        return next((h for h in self.headings if h.kind in terminal_kinds), None)

    def end_of_body(self, excluded: set[str] | frozenset[str] = frozenset(TERMINAL_KINDS)) -> EndPoint | None:
        """The last line of text that counts, when sections of the `excluded` kinds do not.

        The body ends at the first terminal heading among the excluded kinds
        (references, appendix, checklist). Excluded statements (acknowledgments,
        impact statements...) that come directly before it are cut too.
        Returns None for a paper with no text.
        """
        terminal_kinds = tuple(k for k in TERMINAL_KINDS if k in excluded) or TERMINAL_KINDS
        terminal = self.terminal_heading(terminal_kinds)
        cut = terminal
        if terminal is not None:
            before = [h for h in self.headings if self._position(h.line) < self._position(terminal.line)]
            for heading in reversed(before):
                if heading.kind in excluded and not (heading.numbered and heading.kind not in TERMINAL_KINDS):
                    cut = heading
                else:
                    break
        else:
            trailing = []
            for heading in reversed(self.headings):
                if heading.kind in excluded and heading.kind not in TERMINAL_KINDS and not heading.numbered:
                    trailing.append(heading)
                else:
                    break
            cut = trailing[-1] if trailing else None
        stop = self._position(cut.line) if cut is not None else len(self.content)
        last = None
        for line in reversed(self.content[:stop]):
            last = line
            break
        if last is None:
            return None
        on_page = [l for l in self.content[:stop] if l.page == last.page]
        return EndPoint(
            line=last,
            column=self.column_of.get((last.page, last.index), 0),
            lines_into_page=len(on_page),
            ended_by=cut,
        )

    @property
    def main_body_end(self) -> EndPoint | None:
        """End of the main body: references, appendices and checklists do not count."""
        return self.end_of_body(frozenset(TERMINAL_KINDS))

    @property
    def core_body_end(self) -> EndPoint | None:
        """End of the core body: unnumbered end-matter statements do not count either."""
        return self.end_of_body(frozenset(TERMINAL_KINDS) | frozenset(STATEMENT_TITLES))

    def summary(self) -> dict:
        """The `sections` object of `wscheck inspect` (see CONTRACT.md)."""
        main = self.main_body_end
        core = self.core_body_end
        refs = self.references
        appendix = self.appendix
        return {
            "main_body_last_page": main.page if main else None,
            "core_body_last_page": core.page if core else None,
            "references_page": refs.page if refs else None,
            "appendix_page": appendix.page if appendix else None,
        }


# ----------------------------------------------------------------------------
def analyse(document) -> Structure:
    lines = document.lines
    sizes = document.page_sizes
    page_count = len(lines)
    furniture = _furniture(lines, sizes)
    body_size = _body_size(lines, furniture)
    content: list[Line] = []
    column_of: dict[tuple[int, int], int] = {}
    two_column_pages = 0
    for page_lines, size in zip(lines, sizes):
        kept = [l for l in page_lines if (l.page, l.index) not in furniture]
        ordered, columns, page_columns = _reading_order(kept, size.width)
        two_column_pages += page_columns == 2
        column_of.update(columns)
        content.extend(ordered)
    columns = 2 if two_column_pages > max(1, page_count) * 0.4 else 1
    headings = _headings(content, column_of, body_size, document.outline)
    return Structure(
        body_size=body_size,
        columns=columns,
        content=content,
        column_of=column_of,
        headings=headings,
        furniture=furniture,
        page_count=page_count,
    )


def _body_size(lines: list[list[Line]], furniture: set[tuple[int, int]]) -> float:
    weights: Counter[float] = Counter()
    for page in lines:
        for line in page:
            if (line.page, line.index) not in furniture and line.size > 0:
                weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _furniture(lines: list[list[Line]], sizes) -> set[tuple[int, int]]:
    """Running heads and feet, page numbers, line-number rulers and margin stamps."""
    out: set[tuple[int, int]] = set()
    band_pages: dict[tuple[str, int], set[int]] = {}
    pages = len(lines)
    for page_lines, size in zip(lines, sizes):
        height = size.height or 792.0
        width = size.width or 612.0
        digit_x: Counter[int] = Counter()
        for line in page_lines:
            if _DIGITS.match(line.text):
                digit_x[round(line.x1 / 4)] += 1
        ruler_x = {x for x, n in digit_x.items() if n >= 8}
        for line in page_lines:
            key = (line.page, line.index)
            if _DIGITS.match(line.text) and round(line.x1 / 4) in ruler_x:
                out.add(key)  # a line-number ruler: many numbers right-aligned at one x
                continue
            if line.height > 3 * max(line.width, 1) and line.height > 40 and (line.x1 < 60 or line.x0 > width - 60):
                out.add(key)  # vertical margin stamp (arXiv id)
                continue
            in_top = line.bottom < height * 0.085
            in_bottom = line.top > height * 0.915
            if in_bottom and re.fullmatch(r"[-–—\s]*\d{1,4}[-–—\s]*|[ivxlc]{1,6}|page \d+( of \d+)?", line.text, re.I):
                out.add(key)  # page number
                continue
            if in_top or in_bottom:
                band = ("top" if in_top else "bottom", round(line.top / 3))
                band_pages.setdefault(band, set()).add(line.page)
    repeated = {band for band, seen in band_pages.items() if len(seen) >= max(2, pages * 0.3)}
    for page_lines, size in zip(lines, sizes):
        height = size.height or 792.0
        for line in page_lines:
            in_top = line.bottom < height * 0.085
            in_bottom = line.top > height * 0.915
            if in_top or in_bottom:
                band = ("top" if in_top else "bottom", round(line.top / 3))
                if band in repeated:
                    out.add((line.page, line.index))
    return out


def _reading_order(lines: list[Line], page_width: float) -> tuple[list[Line], dict[tuple[int, int], int], int]:
    """Order a page's lines column by column; returns (lines, column of each line, column count)."""
    if not lines:
        return [], {}, 1
    center = page_width / 2
    left = [l for l in lines if l.x1 <= center + 8 and l.width < page_width * 0.5]
    right = [l for l in lines if l.x0 >= center - 8 and l.width < page_width * 0.5]
    text_left = sum(len(l.text) for l in left)
    text_right = sum(len(l.text) for l in right)
    total = sum(len(l.text) for l in lines) or 1
    two = len(left) >= 8 and len(right) >= 8 and (text_left + text_right) / total > 0.6
    if not two:
        ordered = sorted(lines, key=lambda l: (round(l.top, 0), l.x0)) if _stream_disordered(lines) else list(lines)
        return ordered, {(l.page, l.index): 0 for l in ordered}, 1
    column_of = {}
    top_of_columns = min(l.top for l in left + right)
    groups = []
    for line in lines:
        if line.x1 <= center + 8:
            column = 0
        elif line.x0 >= center - 8:
            column = 1
        else:
            column = -1  # spans both columns
        column_of[(line.page, line.index)] = max(column, 0)
        if column == -1:
            group = -1 if line.top < top_of_columns else 2
        else:
            group = column
        groups.append((group, line.top, line.x0, line.index, line))
    groups.sort(key=lambda g: g[:4])
    return [g[-1] for g in groups], column_of, 2


def _stream_disordered(lines: list[Line]) -> bool:
    """True when the content stream jumps up and down the page (drawn out of order)."""
    backwards = sum(1 for a, b in zip(lines, lines[1:]) if b.top < a.top - 40)
    return backwards > max(3, len(lines) // 4)


def _split_number(text: str) -> tuple[str | None, str]:
    match = _APPENDIX_NUMBERED.match(text)
    if match:
        return match.group("number"), ("Appendix " + match.group("number") + " " + match.group("title")).strip()
    match = _NUMBERED.match(text)
    if match:
        return match.group("number").rstrip("."), match.group("title")
    return None, text


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters if ch.isascii())


def _column_edges(content: list[Line], column_of) -> dict[tuple[int, int], tuple[float, float]]:
    """The usual left and right edges of each (page, column): the most common x0 and x1."""
    lefts: dict[tuple[int, int], Counter] = {}
    rights: dict[tuple[int, int], Counter] = {}
    for line in content:
        col = column_of.get((line.page, line.index), 0)
        lefts.setdefault((line.page, col), Counter())[round(line.x0)] += 1
        rights.setdefault((line.page, col), Counter())[round(line.x1)] += 1
    return {
        key: (float(lefts[key].most_common(1)[0][0]), float(rights[key].most_common(1)[0][0]))
        for key in lefts
    }


def _headings(content: list[Line], column_of, body_size: float, outline) -> list[Heading]:
    edges = _column_edges(content, column_of)
    outline_titles: dict[int, list[str]] = {}
    for item in outline:
        if item.page:
            outline_titles.setdefault(item.page, []).append(normalise_title(item.title))
    headings: list[Heading] = []
    seen_body_heading = False
    seen_terminal = False
    digit_sections = 0
    for line in content:
        text = line.text.strip()
        if len(text) > 100 or len(text.split()) > 15:
            continue
        number, title = _split_number(text)
        title = title.strip()
        if not title or _SENTENCE_END.search(title) and not title.endswith(":"):
            # headings do not end like sentences ("We use 3 models.")
            if not (title.endswith(".") and classify_title(title.rstrip(".")) != BODY):
                continue
        col = column_of.get((line.page, line.index), 0)
        left, right = edges.get((line.page, col), (line.x0, line.x1))
        at_left = line.x0 <= left + 12
        centered = right - left > 100 and abs((line.x0 + line.x1) / 2 - (left + right) / 2) < 12
        bold = line.bold and line.end_bold
        larger = line.size >= body_size + 0.9
        caps = _is_caps(title)
        styled = bold or larger or caps
        norm = normalise_title(title)
        in_outline = any(norm and (norm == t or (len(norm) > 6 and (t.startswith(norm) or norm.startswith(t))))
                         for t in outline_titles.get(line.page, ()))
        kind = classify_title(title)
        if number is not None and kind == BODY and number[0].isalpha() and number[0].isupper() and seen_body_heading:
            # letter-numbered sections after the numbered body are appendices ("A Proofs");
            # appendices start at A, so a first "S (%)" or "B ..." is a figure label
            first_appendix = not any(h.kind == APPENDIX for h in headings)
            plausible = (seen_terminal or digit_sections >= 2) and (not first_appendix or number[0] == "A")
            if not title[:1].isalpha() or not title[:1].isupper():
                continue
            kind_if_heading = APPENDIX if plausible else BODY
        else:
            kind_if_heading = kind
        if number is not None and number.isalpha() and len(number) == 1 and kind == BODY and not (styled or in_outline):
            continue
        if not (at_left or centered or in_outline or kind == REFERENCES):
            continue
        if not (styled or in_outline):
            # plain-looking lines count only when they are exactly a known end-matter title
            if kind == BODY or number is not None or not text[:1].isalpha():
                continue
            if kind == APPENDIX and len(norm.split()) > 3:
                continue  # "Appendix B shows that..." is a sentence, not a heading
            if line.size < body_size - 0.6:
                continue
        if kind_if_heading == BODY and number is None and not in_outline:
            continue  # unnumbered body headings are too ambiguous to matter here
        if kind_if_heading in STATEMENT_TITLES and number is None and not (larger or caps or in_outline):
            # a body-size run-in "Limitations." is a paragraph inside the current
            # section, not an end-matter section of its own
            continue
        if number is not None and number.isdigit() and int(number) > 30:
            continue
        source = "outline+typography" if in_outline and styled else ("outline" if in_outline else "typography")
        heading = Heading(line=line, number=number, title=title, kind=kind_if_heading, column=col, source=source)
        headings.append(heading)
        if kind_if_heading == BODY:
            seen_body_heading = True
            if number and number.split(".")[0].isdigit():
                digit_sections += 1
        elif kind_if_heading in TERMINAL_KINDS:
            seen_terminal = True
    return headings
