"""Everything in a PDF that reveals who wrote it, and nothing else.

`scan(document, options)` lists what a double-blind submission must not carry:
named authors and affiliations on page 1 (author block and its footnotes),
e-mail addresses, links to the authors' own repositories and profiles, PDF
metadata, embedded files, acknowledgments that name people, funders or
institutions, self-citation phrasing, and any identity the user supplied.
`find_leftovers(document, options)` is the camera-ready reverse: anonymization
that was never undone. `find_leaks(document)` is what `wscheck inspect` lists
under `identity` (CONTRACT.md): only what reveals the authors.

Each result is a `Leak` with a level: "error" reveals the authors, "warning"
may reveal them (a reviewer could infer who wrote the paper), "info" is
allowed but listed (a third party's repository, a name in the references).

Everything is read from the shared extraction: the Document's lines, links,
metadata and attachments, and the structure's reading order and section kinds,
joined once into one text (`text.Stream`). The modules: `page_one` (author block
and author footnotes), `emails`, `links` (whose a URL is), `metadata`,
`statements` (acknowledgments, "work done at", self-citation), `supplied`
(identities the user gave), `leftovers` (camera-ready), with `names` and
`patterns` holding the shared heuristics.
"""
from __future__ import annotations

from wscheck.authors import IdentityMatcher
from wscheck.identity.emails import email_leaks
from wscheck.identity.leftovers import find_leftovers
from wscheck.identity.links import is_anonymized_url, url_leaks, url_owner
from wscheck.identity.metadata import attachment_leaks, metadata_leaks
from wscheck.identity.model import (
    DEFAULT_ALLOWED_HOSTS, FIXES, NOTE_KINDS, REVEALING_KINDS, IdentityOptions, Leak, unique_leaks,
)
from wscheck.identity.page_one import author_block_leaks, read_page_one
from wscheck.identity.statements import acknowledgment_leaks, self_citations, text_affiliations
from wscheck.identity.supplied import identity_matches
from wscheck.identity.text import build_stream
from wscheck.model import Level

__all__ = ["DEFAULT_ALLOWED_HOSTS", "FIXES", "NOTE_KINDS", "REVEALING_KINDS", "IdentityOptions", "Leak", "find_leaks",
           "find_leftovers", "is_anonymized_url", "scan", "url_owner"]


def scan(document, options: IdentityOptions | None = None) -> list[Leak]:
    """Everything a double-blind submission reveals or may reveal, with levels (see the module doc)."""
    options = options or IdentityOptions()
    identities = options.identities()
    matcher = IdentityMatcher(identities)
    leaks: list[Leak] = []
    leaks.extend(metadata_leaks(document, matcher))
    leaks.extend(attachment_leaks(document, matcher))
    if document.page_count:
        stream = build_stream(document)
        page_one = read_page_one(document)
        leaks.extend(author_block_leaks(document, stream, page_one))
        leaks.extend(email_leaks(document, stream))
        leaks.extend(url_leaks(document, stream, options, identities, page_one))
        leaks.extend(text_affiliations(document, stream, page_one))
        if options.acknowledgments:
            leaks.extend(acknowledgment_leaks(document, stream, options.acknowledgments_level))
        if options.self_citation:
            leaks.extend(self_citations(document, stream))
        if matcher:
            leaks.extend(_without_repeats(identity_matches(document, stream, matcher, page_one), leaks))
    return unique_leaks(leaks)


def _without_repeats(matches: list[Leak], leaks: list[Leak]) -> list[Leak]:
    """Supplied-identity matches that no failure already quotes on the same page."""
    failures = [leak for leak in leaks if leak.level == Level.ERROR]
    return [m for m in matches if not (m.level == Level.ERROR and any(
        leak.page == m.page and m.text.lower() in " ".join(leak.text.split()).lower() for leak in failures))]


def find_leaks(document, options: IdentityOptions | None = None) -> list[Leak]:
    """What reveals the authors (inspect's `identity`): the errors and warnings of revealing kinds,
    metadata first, then in page order."""
    found = [leak for leak in scan(document, options) if leak.reveals]
    return sorted(found, key=lambda leak: (leak.page or 0, leak.line or 0))


