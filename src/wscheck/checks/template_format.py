"""The template: a family the venue accepts, of the venue's year, built in the mode the stage needs.

"This workshop accepts the ICLR style: this PDF is a NeurIPS 2025 submission." The other
stage's build ("checked as the camera-ready (--stage camera-ready), but it is still the review
build") is one cause: the line-number and anonymity rules leave it to this one (wscheck.runner).
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
_OTHER_STAGE = {"submission": "camera-ready", "camera-ready": "submission"}
# (stage checked, build found) -> level, what the build is, how to build for the stage; the other
# stage's build is one cause for the template, line-number and anonymity rules: it is said once, here
_MODE_FIX = {
    ("submission", "camera_ready"): (Level.ERROR, "the camera-ready build (final/accepted option: authors' names, "
                                                  "no line numbers)", "compile without the final/accepted option"),
    ("submission", "preprint"): (Level.WARNING, "a preprint build: the review build has the venue's banner, line "
                                                "numbers and anonymous authors", "compile without the preprint option"),
    ("camera-ready", "submission"): (Level.ERROR, "still the review build ('Under review' banner, line numbers, "
                                                  "anonymous authors)", "compile with the final/accepted option"),
    ("camera-ready", "preprint"): (Level.WARNING, "a preprint build, not the camera-ready one (no venue notice)",
                                   "compile with the final/accepted option"),
}


def is_what(info) -> str:
    """'is a NeurIPS 2025 submission', 'is in no known ML-venue template (not the ICLR, ICML or NeurIPS style)'."""
    if info.family == "other":
        return "is in no known ML-venue template (not the ICLR, ICML or NeurIPS style)"
    return f"is {info.describe()}"


def _names(families: list[str]) -> str:
    names = [FAMILY_NAMES.get(f, f) for f in families if f != "other"]
    if not names:
        return "no ML-venue style"
    return " or ".join(names) + " style"


def _family_finding(info, accepted: list[str], venue: str) -> Finding:
    """The paper is in a template the venue does not accept: what it is, and the evidence."""
    # for a known template, what showed it; for none, the pages' layout
    evidence = "; ".join(info.evidence[:2]) if info.evidence and info.family != "other" else info.block.describe()
    return Finding(page=None, text=f"this PDF {is_what(info)}", kind="family",
                   detail=f"{venue} accepts the {_names(accepted)}; found: {evidence}",
                   fix=f"rebuild the paper with the {_names(accepted)} file, unmodified")


def _mode_finding(info, stage: str, params) -> Finding | None:
    """The build is not the one the stage needs: one message that names the --stage option."""
    rule = _MODE_FIX.get((stage, info.mode))
    if rule is None:
        return None
    level, problem, fix = rule
    banner = f" (banner: {info.banner!r})" if info.banner else ""
    line = info.banner_line
    if level == Level.ERROR:
        other = _OTHER_STAGE[stage]
        fix = f"{fix}; or, if this PDF is your {other} version, check it with --stage {other}"
    return Finding(page=line.page if line else None, box=line.box if line else None,
                   text=f"this PDF {is_what(info)}", kind="mode", level=level,
                   detail=f"checked as the {stage} (--stage {stage}), but it is {problem}{banner}", fix=fix)


def check(document, params) -> CheckOutput:
    info = document.template
    accepted = params["accepted"]
    findings: list[Finding] = []
    what = info.describe()
    family = FAMILY_NAMES.get(info.family, info.family)
    venue = params["venue"]
    mismatch: list[str] = []
    if accepted is not None and info.family not in accepted:
        findings.append(_family_finding(info, accepted, venue))
        mismatch.append("family")
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
    other_build = False
    if params["check_mode"] and info.family != "other" and info.mode != _EXPECTED_MODE[stage]:
        finding = _mode_finding(info, stage, params)
        if finding is not None:
            findings.append(finding)
            other_build = True
            if finding.level == Level.ERROR:
                mismatch.append("stage")
    for conflict in info.conflicts:
        findings.append(Finding(page=None, text=conflict, kind="evidence", level=Level.INFO))
    facts = TemplateFacts(family=info.family, year=info.year, mode=info.mode, mismatch=tuple(mismatch) or None)
    problems = [f for f in findings if f.level != Level.INFO]
    if problems:
        # the rule's message states the requirement; the summary says what this PDF is, once
        parts = []
        if any(f.kind in ("family", "mode") for f in problems):
            checked = f", checked as the {stage} (--stage {stage})" if other_build else ""
            parts.append(f"this PDF {is_what(info)}{checked}")
        parts += [f.text for f in problems if f.kind not in ("family", "mode")]
        return CheckOutput(findings=findings, facts=facts, summary="; ".join(parts))
    summary = f"{what[0].upper()}{what[1:]}"
    if accepted is not None:
        summary += f", which {venue} accepts"
    if info.evidence:
        summary += f" ({info.evidence[0]})"
    return CheckOutput(findings=findings, facts=facts, summary=summary)
