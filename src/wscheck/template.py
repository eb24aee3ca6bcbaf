"""Which template a PDF was built with: family, year and mode.

Evidence comes from the PDF itself: banner and footer strings, the anonymous
author block, the grey line-number ruler, the text-block geometry and columns.
A PDF that merely names a venue in its text, without the layout, is "other".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

FAMILIES = ("iclr", "icml", "neurips")
MODES = ("submission", "camera_ready", "preprint", "unknown")

_ORDINAL_YEAR = {"38th": 2024, "39th": 2025, "40th": 2026, "41st": 2027}
_ICML_ORDINAL_YEAR = {"41st": 2024, "42nd": 2025, "43rd": 2026, "44th": 2027}

# (family, mode, pattern); a named group `year` or `ordinal` gives the year
BANNERS: list[tuple[str, str, re.Pattern]] = [
    ("iclr", "submission", re.compile(r"under review as a conference paper at iclr (?P<year>20\d\d)", re.I)),
    ("iclr", "camera_ready", re.compile(r"published as a conference paper at iclr (?P<year>20\d\d)", re.I)),
    ("icml", "submission", re.compile(r"preliminary work\.\s*under review (by|at) .*?(icml|machine learning)", re.I)),
    ("icml", "camera_ready", re.compile(
        r"proceedings of the (?P<ordinal>\d+\s?(st|nd|rd|th)) international conference on machine learning", re.I)),
    ("neurips", "submission", re.compile(
        r"submitted to (?P<ordinal>\d+\s?(st|nd|rd|th)) conference on neural information processing systems", re.I)),
    ("neurips", "camera_ready", re.compile(
        r"^(?P<ordinal>\d+\s?(st|nd|rd|th)) conference on neural information processing systems", re.I)),
]


@dataclass
class TemplateInfo:
    family: str = "other"
    year: int | None = None
    mode: str = "unknown"
    evidence: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    line_numbers: bool = False
    columns: int = 1
    text_block: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom of body text

    def summary(self) -> dict:
        """The `format` object of `wscheck inspect` (see CONTRACT.md)."""
        return {"family": self.family, "year": self.year, "mode": self.mode}

    def describe(self) -> str:
        if self.family == "other":
            return "a PDF in no known ML-venue template"
        name = {"iclr": "ICLR", "icml": "ICML", "neurips": "NeurIPS"}[self.family]
        year = f" {self.year}" if self.year else ""
        mode = {"submission": "submission", "camera_ready": "camera-ready", "preprint": "preprint"}.get(self.mode, "")
        return f"a {name}{year} {mode}".rstrip()


def _year_from(match: re.Match, family: str) -> int | None:
    groups = match.groupdict()
    if groups.get("year"):
        return int(groups["year"])
    ordinal = (groups.get("ordinal") or "").replace(" ", "").lower()
    table = _ICML_ORDINAL_YEAR if family == "icml" else _ORDINAL_YEAR
    return table.get(ordinal)


def detect(document) -> TemplateInfo:
    info = TemplateInfo()
    if document.page_count == 0:
        return info
    structure = document.structure
    info.columns = structure.columns
    first_page = document.page_lines(1)
    texts = [line.text for line in first_page]
    for page in range(2, min(document.page_count, 3) + 1):
        texts.extend(line.text for line in document.page_lines(page)[:3])
    joined = "\n".join(texts)
    # a notice may wrap over two or three lines (ICML's footnote does)
    windows = [" ".join(texts[i:i + span]) for span in (1, 2, 3) for i in range(len(texts) - span + 1)]
    for family, mode, pattern in BANNERS:
        for text in windows:
            match = pattern.search(text)
            if match:
                info.family, info.mode = family, mode
                info.year = _year_from(match, family)
                info.evidence.append(f"banner: {text!r}")
                break
        if info.family != "other":
            break
    info.line_numbers = _has_line_numbers(document)
    info.text_block = _text_block(structure)
    geometry_family = _family_from_geometry(info.text_block, info.columns)
    if info.family == "other":
        if geometry_family and re.search(r"^preprint\b", joined, re.I | re.M):
            info.family, info.mode = geometry_family, "preprint"
            info.evidence.append("geometry and a 'Preprint' notice")
    elif geometry_family and geometry_family != info.family and not (
        {geometry_family, info.family} == {"iclr", "neurips"}
    ):
        info.conflicts.append(
            f"the banner says {info.family.upper()} but the text block looks like {geometry_family.upper()}"
        )
    if info.family != "other" and info.mode == "submission" and not info.line_numbers and info.year and (
        info.family != "iclr" or info.year >= 2025
    ):
        info.conflicts.append("a review build of this template has line numbers, but none were found")
    return info


def _has_line_numbers(document) -> bool:
    furniture = document.structure.furniture
    for page_lines in document.lines[:3]:
        ruler = sum(1 for line in page_lines if (line.page, line.index) in furniture and line.text.isdigit())
        if ruler >= 15:
            return True
    return False


def _text_block(structure) -> tuple[float, float, float, float] | None:
    body = [l for l in structure.content if abs(l.size - structure.body_size) < 0.6 and len(l.text) > 30]
    if len(body) < 10:
        return None
    xs0 = sorted(l.x0 for l in body)
    xs1 = sorted(l.x1 for l in body)
    tops = sorted(l.top for l in body)
    bottoms = sorted(l.bottom for l in body)

    def pick(values, q):
        return values[min(len(values) - 1, max(0, int(q * len(values))))]

    return (pick(xs0, 0.05), pick(tops, 0.02), pick(xs1, 0.95), pick(bottoms, 0.98))


def _family_from_geometry(block, columns: int) -> str | None:
    if block is None:
        return None
    x0, _, x1, _ = block
    if columns == 2 and abs(x0 - 54) < 6 and abs(x1 - 542) < 8:
        return "icml"
    if columns == 1 and abs(x0 - 108) < 4 and abs(x1 - 504) < 4:
        return "neurips"  # ICLR and NeurIPS share this block; banners tell them apart
    return None
