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
from wscheck.identity import DEFAULT_ALLOWED_HOSTS, IdentityOptions, find_leftovers, scan
from wscheck.model import CheckOutput, Finding

ID = "anonymity"
DESCRIPTION = "a double-blind submission does not reveal its authors; the camera-ready is no longer anonymous"
NEEDS = frozenset({"lines", "links", "info", "xmp", "attachments", "outline", "page_sizes"})
PARAMS = {
    "allowed_hosts": Param(list, list(DEFAULT_ALLOWED_HOSTS),
                           "links to these hosts (or host/path prefixes) never identify the authors", item_type=str),
    "authors": Param(list, [], "the authors' identities to search for: names, \"github:USER\", \"hf:USER\", "
                               "\"institution:NAME\", \"email:ADDRESS\" (see wscheck.authors)", item_type=str),
    "anonymous_accounts": Param(list, ["hf", "site"], "platforms where an anonymous account made for the review "
                                "(a name with \"anon\") is accepted: github, gitlab, hf, twitter, site",
                                item_type=str),
    "stage": Param(str, "submission", "submission: nothing may identify the authors; camera-ready: nothing "
                                      "anonymous may remain", choices=("submission", "camera-ready")),
    "self_citation": Param(bool, True, "warn about self-citation phrasing (\"our previous work [12]\")"),
    "acknowledgments": Param(bool, True, "flag acknowledgments and funding sections in a submission"),
}
CONTEXT = {"authors": "authors", "stage": "stage"}


def check(document, params) -> CheckOutput:
    options = IdentityOptions(allowed_hosts=tuple(params["allowed_hosts"]), authors=tuple(params["authors"]),
                              anonymous_accounts=tuple(params["anonymous_accounts"]),
                              self_citation=params["self_citation"], acknowledgments=params["acknowledgments"])
    camera_ready = params["stage"] == "camera-ready"
    leaks = find_leftovers(document, options) if camera_ready else scan(document, options)
    findings = [
        Finding(page=leak.page, text=leak.text, fix=leak.fix, kind=leak.kind,
                level=None if leak.level == "error" else leak.level, box=leak.box, line=leak.line,
                column=leak.column, detail=leak.detail)
        for leak in leaks
    ]
    findings.sort(key=lambda f: ({None: 0, "warning": 1, "info": 2}.get(f.level, 0),
                                 f.page if f.page is not None else 0, f.line or 0))
    return CheckOutput(findings=findings, summary=_summary(leaks, camera_ready),
                       facts={"identity_items": sum(leak.reveals for leak in leaks)})


def _summary(leaks, camera_ready: bool) -> str:
    errors = [leak for leak in leaks if leak.level == "error"]
    warnings = [leak for leak in leaks if leak.level == "warning"]
    infos = [leak for leak in leaks if leak.level == "info"]

    def kinds(items) -> str:
        counts = Counter(leak.kind for leak in items)
        return ", ".join(f"{kind} x{n}" if n > 1 else kind for kind, n in sorted(counts.items()))

    parts = []
    if camera_ready:
        if errors:
            parts.append(f"the camera-ready is still anonymized: {len(errors)} item{_s(errors)} ({kinds(errors)})")
        if warnings:
            parts.append(f"{len(warnings)} possible leftover{_s(warnings)} ({kinds(warnings)})")
        return "; ".join(parts) or "no anonymization left in the camera-ready"
    if errors:
        parts.append(f"{len(errors)} item{_s(errors)} reveal{'' if len(errors) != 1 else 's'} the authors "
                     f"({kinds(errors)})")
    if warnings:
        parts.append(f"{len(warnings)} item{_s(warnings)} may reveal the authors ({kinds(warnings)})")
    if not parts:
        parts.append("no identifying information found")
    if infos:
        parts.append(f"{len(infos)} allowed item{_s(infos)} listed ({kinds(infos)})")
    return "; ".join(parts)


def _s(items) -> str:
    return "" if len(items) == 1 else "s"
