"""The file itself: within the upload size limit, not encrypted, with a text layer.

A page without a text layer is usually a scan or a page exported as an image:
reviewers cannot search it and no check can read it.
"""
from __future__ import annotations

from wscheck.checks.base import Param
from wscheck.errors import PdfReadError
from wscheck.facts import PdfFileFacts
from wscheck.model import LEVELS, CheckOutput, Finding, Level
from wscheck.textutil import plural, shortened

ID = "pdf-file"
DESCRIPTION = "the PDF is within the size limit, not encrypted, and every page has a text layer"
NEEDS = frozenset({"file", "lines", "drawables", "page_sizes"})
PARAMS = {
    "max_megabytes": Param(float, None, "largest file the venue accepts, in MB (10^6 bytes)"),
    "encrypted_level": Param(str, Level.ERROR, "level of an encrypted PDF", choices=LEVELS),
    "text_layer": Param(bool, True, "every page with content must have extractable text"),
}


def check(document, params) -> CheckOutput:
    findings = []
    try:
        size = document.size_bytes
    except PdfReadError:
        size = 0  # no file behind the document (built in memory): nothing to weigh
    megabytes = size / 1e6
    limit = params["max_megabytes"]
    if limit is not None and megabytes > limit:
        findings.append(Finding(
            page=None, text=f"{megabytes:.1f} MB", kind="size",
            detail=f"the file is {size:,} bytes; the limit is {limit:g} MB",
            fix="shrink the figures: vector PDFs instead of huge bitmaps, PNG/JPEG at 300 dpi, or "
                "gs -sDEVICE=pdfwrite -dPDFSETTINGS=/printer -o smaller.pdf paper.pdf"))
    if document.encrypted:
        findings.append(Finding(
            page=None, text="the PDF is encrypted", kind="encrypted", level=params["encrypted_level"],
            detail="it carries a security handler (permissions or a password); upload systems and "
                   "reviewers' tools may refuse it",
            fix="export or print the PDF again without security settings (e.g. qpdf --decrypt in.pdf out.pdf)"))
    scanned = []
    if params["text_layer"]:
        for number, (lines, drawables) in enumerate(zip(document.lines, document.drawables, strict=True), start=1):
            if any(line.text.strip() for line in lines):
                continue
            size_of_page = document.page_sizes[number - 1]
            area = size_of_page.width * size_of_page.height or 1.0
            images = [d for d in drawables if d.kind in ("image", "form") and not d.invisible]
            covered = sum((d.box[2] - d.box[0]) * (d.box[3] - d.box[1]) for d in images)
            if images and covered >= 0.3 * area:
                scanned.append(number)
        pages = document.page_count or 1
        for number in scanned:
            findings.append(Finding(
                page=number, text=f"page {number} has no text layer", kind="no-text",
                level=Level.ERROR if len(scanned) > pages / 2 else Level.WARNING,
                detail="the page is an image: a scan, or a page exported as a picture",
                fix="export the PDF from the source (pdflatex, Word's Save as PDF), not from a scanner or as "
                    "images"))
    facts = PdfFileFacts(megabytes=round(megabytes, 2), pages_without_text=tuple(scanned))
    if not findings:
        limit_text = f" (limit {limit:g} MB)" if limit is not None else ""
        return CheckOutput(facts=facts, summary=f"{megabytes:.1f} MB{limit_text}, not encrypted, text on every page")
    parts = []
    if any(f.kind == "size" for f in findings):
        parts.append(f"{megabytes:.1f} MB, over the {limit:g} MB limit")
    if document.encrypted:
        parts.append("encrypted")
    if scanned:
        parts.append(f"{plural(len(scanned), 'page')} without a text layer ({shortened(scanned, 10, rest='ellipsis')})")
    return CheckOutput(findings=findings, facts=facts, summary="; ".join(parts))
