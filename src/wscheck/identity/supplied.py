"""Identities the user supplied (--author, --authors-file), found in the text and classified by place."""
from __future__ import annotations

import re

from wscheck.authors import IdentityMatcher
from wscheck.identity.model import Leak
from wscheck.identity.page_one import PageOne
from wscheck.identity.patterns import AUTHOR_FOOTNOTE_CUE
from wscheck.identity.statements import ACK_KINDS, run_in_ack
from wscheck.identity.text import Stream, inside, leak_at
from wscheck.model import Level


def identity_matches(document, stream: Stream, matcher: IdentityMatcher, page_one: PageOne) -> list[Leak]:
    out: list[Leak] = []
    author_lines = {(ln.page, ln.index) for ln in page_one.block + page_one.footnotes}
    url_spans = stream.url_spans
    for match in matcher.find(stream.text):
        row = stream.row_at(match.start)
        line = stream.lines[row]
        section = stream.kinds[row]
        shown = " ".join(stream.text[match.start:match.end].split())
        who = match.identity.spec
        after = stream.text[match.end:match.end + 24]
        before = stream.text[max(0, match.start - 2):match.start]
        if (line.page, line.index) in author_lines or line.page == 1 and stream.small[row] and \
                AUTHOR_FOOTNOTE_CUE.search(stream.text[stream.starts[row]:stream.ends[row]]):
            level, detail = Level.ERROR, f"{who} in the author block"
        elif inside(match.start, url_spans) and match.identity.kind != "institution":
            if match.identity.kind in ("github", "gitlab", "hf", "twitter", "site"):
                continue  # the link itself is reported, as the authors' own
            level, detail = (Level.WARNING if section == "references" else Level.ERROR), f"{who} in a link"
        elif section in ACK_KINDS or _in_run_in_ack(stream, row):
            level, detail = Level.ERROR, f"{who} in the acknowledgments"
        elif match.identity.kind in ("email", "github", "gitlab", "hf", "twitter", "site", "orcid"):
            level = Level.WARNING if section == "references" else Level.ERROR
            detail = f"{who} in the {'references' if section == 'references' else 'text'}"
        elif section == "references":
            level, detail = Level.INFO, f"{who} in the references (allowed in double-blind review)"
        elif match.identity.kind == "institution":
            level, detail = Level.INFO, f"{who} mentioned in the text"
        elif re.match(r"\s*(?:et\s+al|and\s+[A-Z]|&|\(?\s*(?:19|20)\d\d|\[\d|,\s*(?:19|20)\d\d)", after) or \
                before.endswith("("):
            level, detail = Level.INFO, f"{who} cited in the third person (allowed in double-blind review)"
        else:
            level, detail = Level.WARNING, f"{who} named in the text"
        fix = "nothing to do: this is allowed in double-blind review" if level == Level.INFO else None
        out.append(leak_at(stream, document, row, "author-name", shown, level, detail, fix=fix))
    return out


def _in_run_in_ack(stream: Stream, row: int) -> bool:
    for first in range(row, max(-1, row - 10), -1):
        if first in stream.headings:
            return False
        if run_in_ack(stream.lines[first]):
            return True
    return False
