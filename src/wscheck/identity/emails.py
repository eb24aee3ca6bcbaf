"""E-mail addresses anywhere: plain, brace lists, obfuscated, mailto: links."""
from __future__ import annotations

import re

from wscheck.identity.model import Leak
from wscheck.identity.patterns import BRACE_EMAILS, BRACKET_EMAIL, EMAIL, OBFUSCATED_EMAIL, PLACEHOLDER_EMAIL
from wscheck.identity.text import Stream, inside, inside_url, leak_at


_OBFUSCATION = re.compile(r"[\[({<]\s*at\s*[\])}>]|\sat\s[\w-]+\sdot\s")


def email_leaks(document, stream: Stream) -> list[Leak]:
    out: list[Leak] = []
    text = stream.text
    covered: list[tuple[int, int]] = []
    candidates: list[tuple[int, int, str]] = []
    for match in BRACE_EMAILS.finditer(text):
        locals_ = [p.strip() for p in re.split(r"[,;|]", match.group(1)) if p.strip()]
        if locals_ and all(re.fullmatch(r"[\w.%+-]+", p) for p in locals_):
            shown = " ".join(match.group(0).split())
            addresses = [f"{p}@{match.group(2)}" for p in locals_]
            if not all(PLACEHOLDER_EMAIL.search(a) for a in addresses):
                candidates.append((match.start(), match.end(), shown))
            covered.append((match.start(), match.end()))
    for match in BRACKET_EMAIL.finditer(text):
        if " " in match.group(1).split("@")[0].strip() and not inside(match.start(1), covered):
            address = match.group(1)
            if not PLACEHOLDER_EMAIL.search(address):
                candidates.append((match.start(1), match.end(1), " ".join(address.split())))
            covered.append((match.start(1), match.end(1)))
    for match in EMAIL.finditer(text):
        if inside(match.start(), covered):
            continue
        address = match.group(0)
        if PLACEHOLDER_EMAIL.search(address) or inside_url(text, match.start()):
            continue
        candidates.append((match.start(), match.end(), address))
    for match in stream.search_near(OBFUSCATED_EMAIL, _OBFUSCATION, before=70, after=70):
        shown = " ".join(match.group(0).split())
        # "at" and "dot" spelled out need the bracketed form, or both words: "jane at uni dot edu"
        if not re.search(r"[\[({<]\s*at\s*[\])}>]", shown, re.I) and not re.search(r"\sdot\s", shown, re.I):
            continue
        if not inside(match.start(), covered) and not PLACEHOLDER_EMAIL.search(re.sub(r"\W*at\W*", "@", shown, 1)):
            candidates.append((match.start(), match.end(), shown))
    for page_links in document.links:
        for link in page_links:
            if link.uri.lower().startswith("mailto:"):
                address = link.uri[7:].split("?")[0]
                if address and not PLACEHOLDER_EMAIL.search(address) and address.lower() not in stream.lower:
                    out.append(Leak(link.page, "email", address, link.box, detail="a mailto: link"))
    for start, end, shown in candidates:
        row = stream.row_at(start)
        level = "info" if stream.kinds[row] == "references" else "error"
        detail = "an e-mail address in the references" if level == "info" else "an e-mail address"
        fix = "nothing to do if it is a third party's address" if level == "info" else None
        out.append(leak_at(stream, document, row, "email", shown, level, detail, fix=fix))
    return out
