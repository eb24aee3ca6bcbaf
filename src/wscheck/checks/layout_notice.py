"""A style file's own alarm: text it typesets when its page layout was changed.

The ICML style checks its lengths at \\begin{document} and, if any differs,
prints "The page layout violates the ICML style." into the paper (anchors.md B2).
"""
from __future__ import annotations

from wscheck.checks.base import NotApplicable, Param
from wscheck.model import CheckOutput, Finding

ID = "layout-notice"
DESCRIPTION = "the PDF does not carry the style file's own layout-violation notice"
NEEDS = frozenset({"lines"})
# the venue's style file prints it: not looked for in a paper in another template (wscheck.runner)
BOUND_TO = frozenset({"template"})
PARAMS = {
    "notices": Param(list, [], "sentences the style prints when the layout was changed", item_type=str),
}


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def check(document, params) -> CheckOutput:
    notices = [n for n in params["notices"] if n.strip()]
    if not notices:
        raise NotApplicable("the rule set names no layout-violation notice")
    wanted = {_norm(n): n for n in notices}
    findings = []
    for page_lines in document.lines:
        # nearly every page lacks the notice altogether: one search of the page's text says so
        page_text = _norm(" ".join(line.text for line in page_lines))
        if not any(key in page_text for key in wanted):
            continue
        # the notice may wrap: look in each line and in each pair of neighbours
        for number, line in enumerate(page_lines):
            text = _norm(line.text)
            pair = text + " " + _norm(page_lines[number + 1].text) if number + 1 < len(page_lines) else text
            for key, notice in wanted.items():
                if key in text or (key in pair and key not in _norm(page_lines[number + 1].text)):
                    findings.append(Finding(
                        page=line.page, text=line.text, kind="style-notice", box=line.box,
                        detail=f"the style file printed {notice!r}: a page-layout length differs from the "
                               "template's",
                        fix="remove geometry, fullpage, savetrees and any \\setlength or \\addtolength of the page "
                            "dimensions; the style lists the altered lengths after the notice"))
                    break
    if findings:
        return CheckOutput(findings=findings[:5],
                           summary=f"the style file's layout-violation notice is printed on page {findings[0].page}")
    return CheckOutput(summary="no layout-violation notice from the style file")
