"""Camera-ready: anonymization that was never undone."""
from __future__ import annotations

import re

from wscheck.identity.links import hit_leak, is_anonymized_url, url_hits
from wscheck.identity.metadata import unread_metadata
from wscheck.identity.model import IdentityOptions, Leak, unique_leaks
from wscheck.identity.page_one import read_page_one
from wscheck.identity.patterns import EMAIL, PLACEHOLDER, PLACEHOLDER_EMAIL
from wscheck.identity.text import build_stream, leak_at, sentence_around
from wscheck.model import Level


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
    out = _metadata_leftovers(document)
    if not document.page_count:
        return out
    stream = build_stream(document)
    page_one = read_page_one(document)
    out += _author_block_leftovers(document, stream, page_one)
    out += [hit_leak(document, stream, hit, "anonymous-leftover", Level.ERROR, "an anonymized link made for review")
            for hit in url_hits(document, stream) if is_anonymized_url(hit.url)]
    out += _phrase_leftovers(document, stream, page_one)
    out += _anonymous_references(document, stream)
    return unique_leaks(out)


def _metadata_leftovers(document) -> list[Leak]:
    """An "Anonymous" author in the Info dictionary, or else in the XMP metadata; metadata too large to
    read is said, never passed."""
    xmp = document.xmp  # read first: metadata too large to read is recorded as it is read
    unread = unread_metadata(document, "metadata-unread")
    author = document.info.get("Author", "")
    if re.search(r"anonym", author, re.I):
        return [Leak(None, "anonymous-leftover", f"Author: {author}", detail="anonymous PDF metadata"), *unread]
    for field_name in ("dc:creator", "pdf:Author"):
        values = [v for v in xmp.get(field_name, []) if re.search(r"anonym", v, re.I)]
        if values:
            return [Leak(None, "anonymous-leftover", f"XMP {field_name}: {'; '.join(values)}",
                         detail="anonymous PDF metadata"), *unread]
    return unread


def _author_block_leftovers(document, stream, page_one) -> list[Leak]:
    """The template's anonymous author block (or its placeholder e-mail) still on page 1."""
    out = []
    rows = {stream.lines[r].key: r for r in stream.page_rows.get(1, [])}
    for line in page_one.block + page_one.footnotes:
        text = line.text.strip()
        if PLACEHOLDER.search(text) or any(PLACEHOLDER_EMAIL.search(e) for e in EMAIL.findall(text)):
            row = rows.get(line.key)
            detail = "the template's anonymous author block"
            out.append(leak_at(stream, document, row, "anonymous-leftover", text, detail=detail)
                       if row is not None else Leak(1, "anonymous-leftover", text, line.box, detail=detail))
    return out


def _phrase_leftovers(document, stream, page_one) -> list[Leak]:
    """Sentences written for the anonymous version: "removed for review", "will be released after
    acceptance", "(Anonymous, 2024)"."""
    out = []
    block = {line.key for line in page_one.block}
    for pattern, level, detail in ((LEFTOVER_PHRASE, Level.ERROR, "text written for the anonymous version"),
                                   (LATER_RELEASE, Level.WARNING, "a promise to release after review"),
                                   (ANONYMOUS_CITATION, Level.WARNING, "an anonymized citation")):
        for match in pattern.finditer(stream.text):
            row = stream.row_at(match.start())
            if stream.kinds[row] == "checklist" and pattern is LEFTOVER_PHRASE:
                continue  # the checklist's own guidelines talk about anonymized links
            if stream.lines[row].page == 1 and stream.lines[row].key in block:
                continue  # already reported as the author block
            out.append(leak_at(stream, document, row, "anonymous-leftover",
                               sentence_around(stream, match.start(), match.end()), level, detail))
    return out


def _anonymous_references(document, stream) -> list[Leak]:
    return [leak_at(stream, document, row, "anonymous-leftover", stream.lines[row].text.strip(), Level.WARNING,
                    "a reference to an anonymous author")
            for row, kind in enumerate(stream.kinds)
            if kind == "references" and re.match(r"^\s*(?:\[\d+\]\s*)?Anonymous[.,]", stream.lines[row].text)]
