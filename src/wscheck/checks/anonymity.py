"""Double-blind anonymity: nothing in a submission may reveal its authors, and nothing
anonymous may remain in the camera-ready.

At submission, every leak `wscheck.identity.scan` finds is a finding: names,
affiliations, e-mail addresses, the authors' own repository and profile links,
metadata, embedded files, acknowledgments (failures); self-citation phrasing and
pseudonymous accounts (warnings); third-party links and names cited in the
third person or in the references (information). At the camera-ready stage the
check runs in reverse (`wscheck.identity.find_leftovers`): a leftover anonymous
author block, anonymized links or "Anonymous" metadata fail.
"""
from __future__ import annotations

from collections import Counter

from wscheck.checks.base import Param
from wscheck.facts import AnonymityFacts
from wscheck.identity import DEFAULT_ALLOWED_HOSTS, IdentityOptions, find_leftovers, scan
from wscheck.model import STAGES, CheckOutput, Finding, Level, Stage
from wscheck.textutil import plural

ID = "anonymity"
DESCRIPTION = "a double-blind submission does not reveal its authors; the camera-ready is no longer anonymous"
NEEDS = frozenset({"lines", "links", "info", "xmp", "attachments", "outline", "page_sizes"})
# a review build checked as the camera-ready is still anonymous: the template rule says so once
# (wscheck.runner). The reverse stays a finding here: names in a submission are the failure that
# matters, whatever build printed them.
BOUND_TO = frozenset({"stage:camera-ready"})
PARAMS = {
    "allowed_hosts": Param(list, list(DEFAULT_ALLOWED_HOSTS),
                           "links to these hosts (or host/path prefixes) never identify the authors", item_type=str),
    "authors": Param(list, [], "the authors' identities to search for: names, \"github:USER\", \"hf:USER\", "
                               "\"institution:NAME\", \"email:ADDRESS\" (see wscheck.authors)", item_type=str),
    "anonymous_accounts": Param(list, ["hf", "site"], "platforms where an anonymous account made for the review "
                                "(a name with \"anon\") is accepted: github, gitlab, hf, twitter, site",
                                item_type=str),
    "stage": Param(str, Stage.SUBMISSION, "submission: nothing may identify the authors; camera-ready: nothing "
                                      "anonymous may remain", choices=STAGES),
    "self_citation": Param(bool, True, "warn about self-citation phrasing (\"our previous work [12]\")"),
    "acknowledgments": Param(bool, True, "flag acknowledgments and funding sections in a submission"),
    "acknowledgments_level": Param(str, Level.WARNING, "level of an acknowledgments section that names nobody "
                                   "(\"We thank our advisor\"): error where the venue says to leave "
                                   "acknowledgments out of the submission, warning elsewhere",
                                   choices=(Level.ERROR, Level.WARNING)),
}
CONTEXT = {"authors": "authors", "stage": "stage"}


def check(document, params) -> CheckOutput:
    options = IdentityOptions(allowed_hosts=tuple(params["allowed_hosts"]), authors=tuple(params["authors"]),
                              anonymous_accounts=tuple(params["anonymous_accounts"]),
                              self_citation=params["self_citation"], acknowledgments=params["acknowledgments"],
                              acknowledgments_level=params["acknowledgments_level"])
    camera_ready = params["stage"] == Stage.CAMERA_READY
    leaks = find_leftovers(document, options) if camera_ready else scan(document, options)
    findings = [
        Finding(page=leak.page, text=leak.text, fix=leak.fix, kind=leak.kind,
                level=None if leak.level == Level.ERROR else leak.level, box=leak.box, line=leak.line,
                column=leak.column, detail=leak.detail)
        for leak in leaks
    ]
    rank: dict[str | None, int] = {None: 0, Level.WARNING: 1, Level.INFO: 2}
    findings.sort(key=lambda f: (rank.get(f.level, 0),
                                 f.page if f.page is not None else 0, f.line or 0))
    summary = _summary(leaks, camera_ready)
    if not camera_ready and (params["authors"] or not any(leak.level == Level.ERROR for leak in leaks)):
        # what was searched for; with no identities given, how to give them (a paper that already
        # names its authors needs no reminder)
        summary += "; " + searched(params["authors"])
    return CheckOutput(findings=findings, summary=summary,
                       facts=AnonymityFacts(identity_items=sum(leak.reveals for leak in leaks)))


SHOWN_IDENTITIES = 6


def searched(identities: list[str]) -> str:
    """What the search looked for beyond what every paper is searched for (e-mail addresses, links,
    metadata): the authors' identities given, or how to give them."""
    if not identities:
        return ("no author identities given: to search for names, GitHub/HF usernames and institutions too, "
                "add --author \"Jane Doe\" (or github:USER, hf:USER, institution:NAME)")
    shown = ", ".join(identities[:SHOWN_IDENTITIES])
    more = f" and {len(identities) - SHOWN_IDENTITIES} more" if len(identities) > SHOWN_IDENTITIES else ""
    return f"searched for {plural(len(identities), 'author identity', 'author identities')}: {shown}{more}"


def _summary(leaks, camera_ready: bool) -> str:
    errors = [leak for leak in leaks if leak.level == Level.ERROR]
    warnings = [leak for leak in leaks if leak.level == Level.WARNING]
    infos = [leak for leak in leaks if leak.level == Level.INFO]

    def kinds(items) -> str:
        counts = Counter(leak.kind for leak in items)
        return ", ".join(f"{kind} x{n}" if n > 1 else kind for kind, n in sorted(counts.items()))

    parts = []
    if camera_ready:
        if errors:
            parts.append(f"the camera-ready is still anonymized: {plural(len(errors), 'item')} ({kinds(errors)})")
        if warnings:
            parts.append(f"{plural(len(warnings), 'possible leftover')} ({kinds(warnings)})")
        return "; ".join(parts) or "no anonymization left in the camera-ready"
    if errors:
        parts.append(f"{plural(len(errors), 'item')} reveal{'' if len(errors) != 1 else 's'} the authors "
                     f"({kinds(errors)})")
    if warnings:
        parts.append(f"{plural(len(warnings), 'item')} may reveal the authors ({kinds(warnings)})")
    if not parts:
        parts.append("no identifying information found")
    if infos:
        parts.append(f"{plural(len(infos), 'allowed item')} listed ({kinds(infos)})")
    return "; ".join(parts)
