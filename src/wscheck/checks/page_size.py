"""Every page must have the venue's paper size (US Letter for ICLR, ICML and NeurIPS)."""
from __future__ import annotations

from wscheck.checks.base import Param
from wscheck.model import CheckOutput, Finding

ID = "page-size"
DESCRIPTION = "every page has the required paper size"
NEEDS = frozenset({"page_sizes"})
PARAMS = {
    "width": Param(float, 612.0, "page width in points (US Letter: 612)"),
    "height": Param(float, 792.0, "page height in points (US Letter: 792)"),
    "name": Param(str, "US Letter", "the paper size's name, for messages"),
    "tolerance": Param(float, 2.0, "allowed difference in points"),
}

KNOWN_SIZES = {
    "US Letter": (612.0, 792.0),
    "A4": (595.28, 841.89),
    "US Legal": (612.0, 1008.0),
    "A3": (841.89, 1190.55),
    "A5": (419.53, 595.28),
    "A0": (2383.94, 3370.39),
    "B5": (498.9, 708.66),
}


def size_name(width: float, height: float, tolerance: float = 2.0) -> str | None:
    short, long = sorted((width, height))
    for name, (w, h) in KNOWN_SIZES.items():
        if abs(short - w) <= tolerance and abs(long - h) <= tolerance:
            return name
    return None


def check(document, params) -> CheckOutput:
    want_w, want_h, tol = params["width"], params["height"], params["tolerance"]
    wanted = sorted((want_w, want_h))
    runs: list[list] = []  # [first page, last page, width, height]
    for number, size in enumerate(document.page_sizes, start=1):
        got = sorted((size.width, size.height))
        if abs(got[0] - wanted[0]) <= tol and abs(got[1] - wanted[1]) <= tol:
            continue
        if runs and runs[-1][1] == number - 1 and (runs[-1][2], runs[-1][3]) == (size.width, size.height):
            runs[-1][1] = number
        else:
            runs.append([number, number, size.width, size.height])
    findings = []
    for first, last, width, height in runs:
        pages = f"page {first}" if first == last else f"pages {first}-{last}"
        known = size_name(width, height)
        described = f"{width:g} x {height:g} pt" + (f" ({known})" if known else "")
        fix = (
            f"set the paper size to {params['name']}: \\documentclass[letterpaper]{{article}} or "
            "\\usepackage[letterpaper]{geometry}; with dvips use -t letter"
            if params["name"] == "US Letter"
            else f"set the paper size to {params['name']}"
        )
        findings.append(Finding(page=first, text=f"{pages}: {described}", kind="page-size", fix=fix,
                                detail=f"required {params['name']} ({want_w:g} x {want_h:g} pt)"))
    total = len(document.page_sizes)
    if findings:
        bad = sum(last - first + 1 for first, last, *_ in runs)
        summary = f"{bad} of {total} pages are not {params['name']}"
    else:
        summary = f"all {total} pages are {params['name']}"
    return CheckOutput(findings=findings, summary=summary)
