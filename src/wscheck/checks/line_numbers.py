"""Line numbers: the review build numbers its lines, the camera-ready build must not.

A submission without them was probably compiled with the final, accepted or
preprint option; a camera-ready version with them is still the review build.
"""
from __future__ import annotations

from wscheck.checks.base import Param
from wscheck.facts import LineNumbersFacts
from wscheck.model import STAGES, CheckOutput, Finding, Level, Stage
from wscheck.textutil import plural, plural_s, shortened

ID = "line-numbers"
DESCRIPTION = "review line numbers are present in a submission and absent from a camera-ready version"
NEEDS = frozenset({"lines"})
# judges the template's build against the stage: not run on a paper in another template, and the
# template rule says it once when the build is the other stage's (wscheck.runner)
BOUND_TO = frozenset({"template", "stage"})
PARAMS = {
    "stage": Param(str, Stage.SUBMISSION, "submission or camera-ready (from --stage)",
                   choices=STAGES),
    "in_submission": Param(bool, True, "the template's review build numbers its lines"),
    "in_camera_ready": Param(bool, False, "line numbers are allowed in the camera-ready version"),
    "review_build": Param(str, "the template's default (review) options", "how to get the review build"),
    "final_build": Param(str, "the template's final option", "how to get the camera-ready build"),
}
CONTEXT = {"stage": "stage"}


def check(document, params) -> CheckOutput:
    ruler = document.analysis.ruler_x1
    stage = params["stage"]
    facts = LineNumbersFacts(line_numbers=ruler is not None)
    if stage == Stage.SUBMISSION:
        if ruler is not None or not params["in_submission"]:
            found = f"review line numbers at x {ruler:.0f} pt" if ruler is not None else "no line numbers"
            return CheckOutput(facts=facts, summary=f"{found}, as the review build has them" if ruler is not None
                               else "no line numbers; this template's review build has none")
        return CheckOutput(facts=facts, summary="no line numbers: this is not the template's review build",
                           findings=[Finding(
                               page=None, text="no line-number ruler on any page", kind="missing", level=Level.WARNING,
                               detail="the template's review build numbers its lines; without them the PDF was "
                                      "probably compiled with the final, accepted or preprint option",
                               fix=f"compile with {params['review_build']}")])
    if ruler is None or params["in_camera_ready"]:
        return CheckOutput(facts=facts, summary="no line numbers, as a camera-ready version should be"
                           if ruler is None else "line numbers are allowed in this camera-ready version")
    pages = sorted({line.page for page in document.lines for line in page
                    if line.text.isdigit() and len(line.text) <= 4 and abs(line.x1 - ruler) <= 5})
    first = next((line for page in document.lines for line in page
                  if line.text.isdigit() and len(line.text) <= 4 and abs(line.x1 - ruler) <= 5), None)
    return CheckOutput(facts=facts, summary=f"line numbers on {plural(len(pages), 'page')}: "
                                            "this is still the review build",
                       findings=[Finding(
                           page=pages[0] if pages else None, text=first.text if first else "",
                           box=first.box if first else None, kind="present",
                           detail=f"a line-number ruler at x {ruler:.0f} pt on page{plural_s(len(pages))} "
                                  f"{shortened(pages, 10)}",
                           fix=f"compile the camera-ready version with {params['final_build']}")])
