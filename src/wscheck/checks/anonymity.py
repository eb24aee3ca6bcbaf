"""Double-blind anonymity: nothing in the PDF may reveal the authors."""
from __future__ import annotations

from wscheck.checks.base import Param
from wscheck.identity import DEFAULT_ALLOWED_HOSTS, IdentityOptions, find_leaks
from wscheck.model import CheckOutput, Finding

ID = "anonymity"
DESCRIPTION = "the paper does not reveal its authors (double-blind review)"
NEEDS = frozenset({"lines", "links", "info", "xmp", "outline", "page_sizes"})
PARAMS = {
    "allowed_hosts": Param(list, list(DEFAULT_ALLOWED_HOSTS), "URL hosts that never identify authors",
                           item_type=str),
    "authors": Param(list, [], "names (and usernames) of the authors to search for", item_type=str),
}
CONTEXT = {"authors": "authors"}

FIXES = {
    "author-block": "replace the author names with the template's anonymous block (compile without the "
                    "final/accepted option)",
    "email": "remove the e-mail address or use the template's placeholder",
    "url": "link an anonymized copy instead (e.g. https://anonymous.4open.science/)",
    "metadata": "clear the PDF metadata, e.g. \\hypersetup{pdfauthor={}} or the template's anonymous option",
    "acknowledgments": "remove acknowledgments and funding from the submission; add them in the camera-ready",
    "affiliation": "remove affiliations from the submission",
}


def check(document, params) -> CheckOutput:
    options = IdentityOptions(allowed_hosts=tuple(params["allowed_hosts"]), authors=tuple(params["authors"]))
    leaks = find_leaks(document, options)
    findings = [
        Finding(page=leak.page, text=leak.text, kind=leak.kind, box=leak.box, fix=FIXES.get(leak.kind))
        for leak in leaks
    ]
    if not findings:
        return CheckOutput(summary="no identifying information found")
    kinds = sorted({f.kind for f in findings})
    return CheckOutput(findings=findings,
                       summary=f"{len(findings)} item{'s' if len(findings) != 1 else ''} reveal the authors "
                               f"({', '.join(kinds)})")
