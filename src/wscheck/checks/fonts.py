"""Fonts: every font embedded; Type 3 (bitmap or figure) fonts flagged.

The NeurIPS .tex asks for "only Type 1 or Embedded TrueType fonts" and ICML's
for "only Type-1 fonts" (anchors.md B2, B3). An unembedded font prints in
whatever the reader substitutes; a Type 3 font is usually a bitmap font from a
missing cm-super, or text from a matplotlib figure saved with pdf.fonttype 3.
"""
from __future__ import annotations

from wscheck.checks.base import Param
from wscheck.facts import FontsFacts
from wscheck.model import LEVELS, CheckOutput, Finding, Level
from wscheck.textutil import plural, plural_s, shortened

ID = "fonts"
DESCRIPTION = "all fonts are embedded; Type 3 fonts are reported"
NEEDS = frozenset({"fonts"})
PARAMS = {
    "unembedded_level": Param(str, Level.ERROR, "level of an unembedded font", choices=LEVELS),
    "type3_level": Param(str, Level.WARNING, "level of a Type 3 font", choices=LEVELS),
}

FIXES = {
    "unembedded": "embed every font: for figures, save them with embedded fonts (matplotlib: "
                  "rcParams['pdf.fonttype'] = 42); or re-distill the PDF, e.g. gs -dPDFSETTINGS=/prepress "
                  "-dEmbedAllFonts=true",
    "type3": "for LaTeX text use scalable fonts (\\usepackage{times} or lmodern, or install cm-super with "
             "T1 fontenc); for matplotlib figures set rcParams['pdf.fonttype'] = 42",
}


def _pages(pages: list[int]) -> str:
    pages = sorted(set(pages))
    return f"page{plural_s(len(pages))} {shortened(pages, 10)}"


def check(document, params) -> CheckOutput:
    fonts = document.fonts
    findings = []
    unembedded = [f for f in fonts if not f.embedded]
    type3 = [f for f in fonts if f.subtype == "Type3"]
    for font in unembedded:
        findings.append(Finding(
            page=min(font.pages) if font.pages else None, text=font.base_name, kind="unembedded",
            level=params["unembedded_level"], fix=FIXES["unembedded"],
            detail=f"font {font.name} is not embedded ({_pages(font.pages)}): readers substitute another"))
    for font in type3:
        findings.append(Finding(
            page=min(font.pages) if font.pages else None, text=font.base_name, kind="type3",
            level=params["type3_level"], fix=FIXES["type3"],
            detail=f"Type 3 font {font.name} ({_pages(font.pages)}): glyphs drawn as procedures, usually "
                   "bitmaps from METAFONT or text of a matplotlib figure"))
    facts = FontsFacts(fonts=len(fonts), unembedded=len(unembedded), type3=len(type3))
    if not fonts:
        return CheckOutput(facts=facts, summary="no font dictionaries found (an image-only PDF?)")
    parts = []
    if unembedded:
        names = ", ".join(sorted({f.base_name for f in unembedded})[:6])
        parts.append(f"{plural(len(unembedded), 'font')} not embedded ({names})")
    if type3:
        parts.append(f"{plural(len(type3), 'Type 3 font')} "
                     f"({_pages([p for f in type3 for p in f.pages])})")
    if parts:
        return CheckOutput(findings=findings, facts=facts, summary="; ".join(parts))
    return CheckOutput(facts=facts, summary=f"all {len(fonts)} fonts embedded, none Type 3")
