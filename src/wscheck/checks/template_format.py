"""The template: a family the venue accepts, of the venue's year, built in the mode the stage needs.

"This workshop accepts the ICLR style; this PDF is a NeurIPS 2025 submission."
Detection is wscheck.template's (layout first, banners second); where its
signals disagree the weaker one is listed as information.
"""
from __future__ import annotations

from wscheck.checks.base import Param
from wscheck.facts import TemplateFacts
from wscheck.model import STAGES, CheckOutput, Finding, Level, Stage
from wscheck.template import FAMILY_NAMES

ID = "template"
DESCRIPTION = "the PDF uses a template the venue accepts, of its year, built for this stage"
NEEDS = frozenset({"template"})
PARAMS = {
    "accepted": Param(list, None, "template families the venue accepts", item_type=str,
                      choices=("iclr", "icml", "neurips", "other")),
    "year": Param(int, None, "the template year the venue asks for; an older template is a warning"),
    "stage": Param(str, Stage.SUBMISSION, "submission or camera-ready (from --stage)",
                   choices=STAGES),
    "venue": Param(str, "this venue", "how messages name the venue, e.g. 'this workshop'"),
    "check_mode": Param(bool, True, "hold the build mode (review, camera-ready, preprint) against the stage"),
}
CONTEXT = {"stage": "stage"}

_EXPECTED_MODE = {"submission": "submission", "camera-ready": "camera_ready"}
_MODE_FIX = {
    ("submission", "camera_ready"): (Level.ERROR, "a camera-ready build (final/accepted option): a submission must be "
                                              "the review build, with its banner, line numbers and anonymous "
                                              "authors", "compile without the final/accepted option"),
    ("submission", "preprint"): (Level.WARNING, "a preprint build: the review build has the venue's banner, line "
                                            "numbers and anonymous authors", "compile without the preprint option"),
    ("camera-ready", "submission"): (Level.ERROR, "still the review build ('Under review' banner, line numbers, "
                                              "anonymous authors)", "compile with the final/accepted option"),
    ("camera-ready", "preprint"): (Level.WARNING, "a preprint build, not the camera-ready one (no venue notice)",
                                   "compile with the final/accepted option"),
}


def _names(families: list[str]) -> str:
    names = [FAMILY_NAMES.get(f, f) for f in families if f != "other"]
    if not names:
        return "no ML-venue style"
    return " or ".join(names) + " style"


def check(document, params) -> CheckOutput:
    info = document.template
    accepted = params["accepted"]
    findings: list[Finding] = []
    what = info.describe()
    family = FAMILY_NAMES.get(info.family, info.family)
    venue = params["venue"]
    if accepted is not None and info.family not in accepted:
        requirement = f"{venue} accepts the {_names(accepted)}"
        detail = f"{requirement}; this PDF is {what}"
        if info.family == "other":
            detail += f" ({info.block.describe()})"
        findings.append(Finding(page=None, text=f"this PDF is {what}", kind="family", detail=detail,
                                fix=f"rebuild the paper with the {_names(accepted)} file, unmodified"))
    want_year = params["year"]
    accepted_family = accepted is None or info.family in accepted
    if accepted_family and info.family != "other" and want_year is not None and info.year is not None \
            and info.year < want_year:
        findings.append(Finding(
            page=None, text=f"the {family} {info.year} template", kind="year", level=Level.WARNING,
            detail=f"{venue} asks for the {family} {want_year} template; the {info.year} style differs "
                   "(banner, page limits, line numbers)",
            fix=f"use the {family} {want_year} style file"))
    stage = params["stage"]
    if params["check_mode"] and info.family != "other" and info.mode != _EXPECTED_MODE[stage]:
        rule = _MODE_FIX.get((stage, info.mode))
        if rule is not None:
            level, problem, fix = rule
            banner = f" (banner: {info.banner!r})" if info.banner else ""
            line = info.banner_line
            findings.append(Finding(page=line.page if line else None, box=line.box if line else None,
                                    text=f"this PDF is {what}", kind="mode", level=level,
                                    detail=f"checked as a {stage}, but it is {problem}{banner}", fix=fix))
    for conflict in info.conflicts:
        findings.append(Finding(page=None, text=conflict, kind="evidence", level=Level.INFO))
    facts = TemplateFacts(family=info.family, year=info.year, mode=info.mode)
    problems = [f for f in findings if f.level != Level.INFO]
    if problems:
        parts = [problems[0].detail or problems[0].text] + [f.text if f.kind == "year" else f.detail or f.text
                                                             for f in problems[1:]]
        return CheckOutput(findings=findings, facts=facts, summary="; ".join(parts))
    summary = f"{what[0].upper()}{what[1:]}"
    if accepted is not None:
        summary += f", which {venue} accepts"
    if info.evidence:
        summary += f" ({info.evidence[0]})"
    return CheckOutput(findings=findings, facts=facts, summary=summary)
