"""Body type: the dominant font size and line spacing of the main body against the template's.

Shrinking the type or the leading is the other classic way to fit more text in.
Sizes in rule files are TeX points, as the templates state them ("10 point type
with 11 point leading"); the PDF measures in PostScript points (1 pt TeX =
0.99626 pt PDF), so a 10 pt body reads as 9.96.
"""
from __future__ import annotations

from collections import Counter

from wscheck.checks.base import NotApplicable, Param
from wscheck.facts import BodyFontFacts
from wscheck.geometry import POINTS_PER_INCH
from wscheck.model import CheckOutput, Finding
from wscheck.pdf.model import Line

ID = "body-font"
DESCRIPTION = "the body text uses the template's type size and line spacing"
NEEDS = frozenset({"lines", "drawables", "outline", "page_sizes"})  # drawables: figure text is not body text
# measures the venue's template: not run on a paper in another template (wscheck.runner)
BOUND_TO = frozenset({"template"})
PARAMS = {
    "min_size": Param(float, None, "smallest body type size, in TeX points (as templates state it)"),
    "min_leading": Param(float, None, "smallest baseline-to-baseline distance of body lines, in TeX points"),
    "tolerance": Param(float, 0.25, "points the measured size or leading may fall short (rounding in the PDF)"),
    "min_lines": Param(int, 20, "body lines needed before the leading is judged"),
}
_TEX_POINT = POINTS_PER_INCH / 72.27  # a TeX point in PDF points (72.27 TeX points an inch)


def measure(document) -> tuple[float | None, float | None, int, Line | None]:
    """(dominant size, dominant leading, leading samples, an example line) of the main body."""
    structure = document.structure
    end = structure.main_body_end
    last_page = end.page if end is not None else document.page_count
    lines = [ln for ln in structure.content if ln.page <= last_page and ln.size > 0 and not ln.in_figure]
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size, 1)] += len(line.text)
    if not weights:
        return None, None, 0, None
    size = weights.most_common(1)[0][0]
    example = next((ln for ln in lines if abs(ln.size - size) < 0.06 and len(ln.text) > 60), None) or next(
        (ln for ln in lines if abs(ln.size - size) < 0.06), None)
    gaps: Counter[float] = Counter()
    previous = None
    for line in lines:
        if previous is not None and previous.page == line.page and len(line.text) > 30 and len(previous.text) > 30 \
                and abs(line.size - size) < 0.3 and abs(previous.size - size) < 0.3 \
                and structure.column_of.get((line.page, line.index), 0) == \
                structure.column_of.get((previous.page, previous.index), 0):
            gap = line.top - previous.top
            if 0.8 * size < gap < 1.6 * size:
                gaps[round(gap, 1)] += 1
        previous = line
    leading = None
    samples = sum(gaps.values())
    if gaps:
        top = gaps.most_common(1)[0][0]
        # a cluster, not one rounding bucket: 10.9 and 11.0 are the same 11 pt leading
        near = {g: n for g, n in gaps.items() if abs(g - top) <= 0.15}
        leading = round(sum(g * n for g, n in near.items()) / sum(near.values()), 2)
    return size, leading, samples, example


def check(document, params) -> CheckOutput:
    if params["min_size"] is None and params["min_leading"] is None:
        raise NotApplicable("the rule set gives no minimum type size or leading")
    size, leading, samples, example = measure(document)
    if size is None:
        raise NotApplicable("the PDF has no text to measure")
    tolerance = params["tolerance"]
    findings = []
    facts = BodyFontFacts(body_size_pt=size, leading_pt=leading)
    page = example.page if example is not None else None
    quoted = example.text if example is not None else ""
    want_size = params["min_size"]
    if want_size is not None and size < want_size * _TEX_POINT - tolerance:
        findings.append(Finding(
            page=page, text=quoted, kind="font-size", box=example.box if example else None,
            detail=f"the body text is {size:.2f} pt ({size / _TEX_POINT:.1f} pt TeX); the template's is "
                   f"{want_size:g} pt",
            fix=f"remove font-size changes (\\small, \\fontsize, a 9pt class option) from the body; the template "
                f"sets {want_size:g} pt"))
    want_leading = params["min_leading"]
    if want_leading is not None and leading is not None and samples >= params["min_lines"] \
            and leading < want_leading * _TEX_POINT - tolerance:
        findings.append(Finding(
            page=page, text=quoted, kind="leading", box=example.box if example else None,
            detail=f"body lines are {leading:.2f} pt apart ({leading / _TEX_POINT:.1f} pt TeX); the template "
                   f"sets {want_leading:g} pt",
            fix="remove \\linespread, \\baselinestretch, setspace or \\fontsize changes that tighten the lines"))
    described = f"body text {size:.2f} pt" + (f" on {leading:.2f} pt leading" if leading else "")
    wanted = " and ".join(part for part in (
        f"{want_size:g} pt type" if want_size is not None else "",
        f"{want_leading:g} pt leading" if want_leading is not None else "") if part)
    if findings:
        return CheckOutput(findings=findings, facts=facts,
                           summary=f"{described}; the template requires {wanted} (TeX points)")
    return CheckOutput(facts=facts, summary=f"{described}, as the template's {wanted}")
