"""Camera-ready: anonymization that was never undone."""
from __future__ import annotations

import re

from wscheck.identity.links import hit_leak, is_anonymized_url, url_hits
from wscheck.identity.metadata import unread_metadata
from wscheck.identity.model import IdentityOptions, Leak, unique_leaks
from wscheck.identity.page_one import read_page_one
from wscheck.identity.patterns import EMAIL, PLACEHOLDER, PLACEHOLDER_EMAIL
from wscheck.identity.text import build_stream, leak_at, sentence_around


LEFTOVER_PHRASE = re.compile(
    r"\b(?:removed|withheld|omitted|hidden|redacted|anonymi[sz]ed|suppressed|blinded|masked)\s+"
    r"(?:for|during|due\s+to|because\s+of)\s+(?:the\s+)?(?:double[- ]blind\s+|blind\s+|anonymous\s+)?"
    r"(?:review|reviewing|submission|anonymity|peer[- ]review)\b"
    r"|\banonymi[sz]ed\s+(?:github|repository|repo|link|url|code|version|copy)\b",
    re.I,
)
LATER_RELEASE = re.compile(
    r"\bwill\s+be\s+(?:made\s+)?(?:publicly\s+)?(?:available|released|open[- ]?sourced|provided|added|included|"
    r"published)\s+(?:upon|after|following)\s+(?:the\s+)?(?:acceptance|publication|review|decision)\b",
    re.I,
)
ANONYMOUS_CITATION = re.compile(r"\(\s*Anonymous,?\s+(?:19|20)\d\d[a-z]?\s*\)|\bAnonymous\s+\((?:19|20)\d\d[a-z]?\)"
                                r"|\bAnonymous\s+et\s+al\b")


def find_leftovers(document, options: IdentityOptions | None = None) -> list[Leak]:
    """Camera-ready: anonymization that was never undone (anonymous author block, anonymized links...)."""
    options = options or IdentityOptions()
    out = _metadata_leftovers(document)
    if not document.page_count:
        return out
    stream = build_stream(document)
    page_one = read_page_one(document)
    rows = {(stream.lines[r].page, stream.lines[r].index): r for r in stream.page_rows.get(1, [])}
    for line in page_one.block + page_one.footnotes:
        text = line.text.strip()
        if PLACEHOLDER.search(text) or any(PLACEHOLDER_EMAIL.search(e) for e in EMAIL.findall(text)):
            row = rows.get((line.page, line.index))
            detail = "the template's anonymous author block"
            out.append(leak_at(stream, document, row, "anonymous-leftover", text, detail=detail)
                       if row is not None else Leak(1, "anonymous-leftover", text, line.box, detail=detail))
    for hit in url_hits(document, stream):
        if is_anonymized_url(hit.url):
            out.append(hit_leak(document, stream, hit, "anonymous-leftover", "error",
                                 "an anonymized link made for review"))
    for pattern, level, detail in ((LEFTOVER_PHRASE, "error", "text written for the anonymous version"),
                                   (LATER_RELEASE, "warning", "a promise to release after review"),
                                   (ANONYMOUS_CITATION, "warning", "an anonymized citation")):
        for match in pattern.finditer(stream.text):
            row = stream.row_at(match.start())
            if stream.kinds[row] == "checklist" and pattern is LEFTOVER_PHRASE:
                continue  # the checklist's own guidelines talk about anonymized links
            if stream.lines[row].page == 1 and (stream.lines[row].page, stream.lines[row].index) in {
                    (block_line.page, block_line.index) for block_line in page_one.block}:
                continue  # already reported as the author block
            out.append(leak_at(stream, document, row, "anonymous-leftover",
                                sentence_around(stream, match.start(), match.end()), level, detail))
    for row, kind in enumerate(stream.kinds):
        if kind == "references" and re.match(r"^\s*(?:\[\d+\]\s*)?Anonymous[.,]", stream.lines[row].text):
            out.append(leak_at(stream, document, row, "anonymous-leftover", stream.lines[row].text.strip(),
                                "warning", "a reference to an anonymous author"))
    return unique_leaks(out)


def _metadata_leftovers(document) -> list[Leak]:
    """"Anonymous" in the PDF or XMP metadata; metadata too large to read is said, not passed."""
    out: list[Leak] = []
    value = document.info.get("Author", "")
    if re.search(r"anonym", value, re.I):
        out.append(Leak(None, "anonymous-leftover", f"Author: {value}", detail="anonymous PDF metadata"))
    for field_name in ("dc:creator", "pdf:Author"):
        values = [v for v in document.xmp.get(field_name, []) if re.search(r"anonym", v, re.I)]
        if values and not out:
            out.append(Leak(None, "anonymous-leftover", f"XMP {field_name}: {'; '.join(values)}",
                            detail="anonymous PDF metadata"))
    out.extend(unread_metadata(document, "metadata-unread"))
    return out
