"""Where a finding is, as the author sees it: the printed line number beside it, or its place in its column.

A review build prints a ruler of line numbers beside the text (ICLR's `\\iclrruler`
at a fixed 12 pt pitch, ICML's grey ruler left of the page, NeurIPS's `lineno` beside
each line). Reviewers quote those numbers ("l.247"), so a finding on a page with a
ruler gives the number printed beside its first line, and its column on a
two-column page (ICML prints one ruler for both columns). On a page without a ruler
the finding gives its line's place among the text lines of its column, counted from
the top (of the page when it has one column), and says that it was counted
(`Finding.line_kind`).

A ruler is found on each page by what it is, whatever its style or side: short
numbers at one x outside the body text, counting up from the top of the page one
by one. A column of table figures is not one: its numbers do not count up by one,
or it stands inside the text. `locate` runs after the checks, on the lines they
already read; it never extracts anything a rule set did not need.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wscheck.geometry import page_dimensions
from wscheck.pdf.model import Line

if TYPE_CHECKING:
    from wscheck.document import Document
    from wscheck.model import Finding

PRINTED = "printed"
COUNTED = "counted"
_NUMBER = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class RulerSettings:
    number_width: float = 25.0  # pt: a printed line number is narrower than this
    step: float = 4.0  # pt: numbers whose right edges round to one step share a ruler
    min_numbers: int = 8  # numbers on one page that make a ruler
    counting_share: float = 0.8  # of the steps between neighbours (top to bottom), this share adds one
    outside: float = 2.0  # pt: a ruler lies this far outside the text's edges at least
    text_chars: int = 20  # lines this long give the text's edges
    beside: float = 0.6  # a number is beside a line when their centres are within this share of the pitch
    same_line: float = 2.5  # pt: a box whose top is this close to a line's top starts at that line


SETTINGS = RulerSettings()


@dataclass(frozen=True)
class PageRuler:
    """The printed numbers of one page, top to bottom: (vertical centre, number)."""

    centres: tuple[float, ...]
    numbers: tuple[int, ...]
    pitch: float  # median distance between neighbouring numbers

    def number_at(self, centre: float, settings: RulerSettings = SETTINGS) -> int | None:
        """The number printed beside a line whose vertical centre is `centre`, or None when none is."""
        at = bisect.bisect_left(self.centres, centre)
        nearest = min((i for i in (at - 1, at) if 0 <= i < len(self.centres)),
                      key=lambda i: abs(self.centres[i] - centre), default=None)
        if nearest is None or abs(self.centres[nearest] - centre) > settings.beside * self.pitch:
            return None
        return self.numbers[nearest]


def page_ruler(lines: list[Line], page_width: float, settings: RulerSettings = SETTINGS) -> PageRuler | None:
    """The line-number ruler printed on a page, or None."""
    text = [ln for ln in lines if len(ln.text) >= settings.text_chars]
    if text:
        left = min(ln.x0 for ln in text) - settings.outside
        right = max(ln.x1 for ln in text) + settings.outside
    else:
        left, right = page_width / 4, page_width * 3 / 4
    by_x: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if _NUMBER.match(line.text) and line.width < settings.number_width and (line.x1 < left or line.x0 > right):
            by_x[round(line.x1 / settings.step)].append(line)
    best: PageRuler | None = None
    for key in sorted(by_x):
        # neighbouring steps are one ruler (a "1" ends a little left of a "10")
        group = by_x[key] + by_x.get(key + 1, [])
        if len(group) < settings.min_numbers:
            continue
        group.sort(key=lambda ln: ln.top)
        numbers = [int(ln.text) for ln in group]
        counting = sum(b - a == 1 for a, b in zip(numbers, numbers[1:], strict=False))
        if counting < settings.counting_share * (len(numbers) - 1):
            continue  # figures of a table, not a count of lines
        centres = [(ln.top + ln.bottom) / 2 for ln in group]
        gaps = sorted(b - a for a, b in zip(centres, centres[1:], strict=False) if b > a)
        if not gaps:
            continue
        ruler = PageRuler(tuple(centres), tuple(numbers), gaps[len(gaps) // 2])
        if best is None or len(ruler.numbers) > len(best.numbers):
            best = ruler
    return best


class LineLocator:
    """Printed line numbers and counted lines for the findings of one document (built on first use)."""

    def __init__(self, document: Document, settings: RulerSettings = SETTINGS) -> None:
        self._document = document
        self._settings = settings
        self._rulers: dict[int, PageRuler | None] = {}
        self._columns: dict[int, dict[int, list[Line]]] | None = None

    def ruler(self, page: int) -> PageRuler | None:
        if page not in self._rulers:
            document = self._document
            lines = document.lines[page - 1] if 1 <= page <= len(document.lines) else []
            size = document.page_sizes[page - 1] if page <= len(document.page_sizes) else None
            self._rulers[page] = page_ruler(lines, page_dimensions(size)[0], self._settings)
        return self._rulers[page]

    def _text_columns(self, page: int) -> dict[int, list[Line]]:
        """Text lines of a page by column (0-based), top to bottom, as the structure reads them."""
        if self._columns is None:
            structure = self._document.structure
            columns: dict[int, dict[int, list[Line]]] = defaultdict(lambda: defaultdict(list))
            for line in structure.content:
                if structure.is_text(line):
                    columns[line.page][structure.column_of.get(line.key, 0)].append(line)
            for by_column in columns.values():
                for column_lines in by_column.values():
                    column_lines.sort(key=lambda ln: ln.top)
            self._columns = columns
        return self._columns.get(page, {})

    def first_line(self, page: int, box: tuple[float, float, float, float]) -> tuple[int, int, Line] | None:
        """(column, place in the column from 1, line) of the text line a box starts with, or None."""
        x0, top, x1, _bottom = box
        for column, column_lines in self._text_columns(page).items():
            for place, line in enumerate(column_lines, start=1):
                if abs(line.top - top) <= self._settings.same_line and line.x0 < x1 and x0 < line.x1:
                    return column, place, line
        return None

    def locate(self, finding: Finding, counted: bool) -> None:
        """Give the finding its printed line number (and column), else its counted place, when it has a box.

        `counted`: whether the structure was read, so that lines can be counted in their columns.
        """
        if finding.page is None:
            return
        if finding.box is None:
            if finding.line is not None and finding.line_kind is None:
                finding.line_kind = COUNTED
            return
        found = self.first_line(finding.page, finding.box) if counted else None
        two_columns = counted and self._document.structure.columns >= 2
        if found is not None:
            column, place, line = found
            centre = (line.top + line.bottom) / 2
        else:
            column, place = None, None
            top, bottom = finding.box[1], finding.box[3]
            centre = top + min(bottom - top, 12.0) / 2  # the first line of what the box holds
        ruler = self.ruler(finding.page)
        printed = ruler.number_at(centre, self._settings) if ruler is not None else None
        if two_columns and column is not None:
            finding.column = column + 1
        if printed is not None:
            finding.line, finding.line_kind = printed, PRINTED
        elif place is not None:
            finding.line, finding.line_kind = place, COUNTED
        elif finding.line is not None:
            finding.line_kind = COUNTED


def locate(document: Document, findings: list[Finding]) -> None:
    """Printed line numbers, or counted lines, for findings on pages whose lines were read.

    Nothing is extracted for this: without the lines (a rule set that reads only
    metadata) findings keep what their checks gave, and lines are counted only when
    the structure was read.
    """
    if "lines" not in document.extracted:
        for finding in findings:
            if finding.line is not None and finding.line_kind is None:
                finding.line_kind = COUNTED
        return
    locator = document.analysis.printed_lines
    counted = "structure" in document.extracted
    for finding in findings:
        locator.locate(finding, counted)


def printed_number(document: Document, line: Line) -> int | None:
    """The number a review ruler prints beside `line`, or None when its page has no ruler."""
    ruler = document.analysis.printed_lines.ruler(line.page)
    return ruler.number_at((line.top + line.bottom) / 2) if ruler is not None else None
