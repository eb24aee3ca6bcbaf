"""E-mail addresses anywhere: plain, brace lists, obfuscated, mailto: links."""
from __future__ import annotations

import re

from wscheck.identity.model import Leak
from wscheck.identity.patterns import (
    BRACE_EMAILS, BRACKET_EMAIL, EMAIL, EMAIL_HINT, OBFUSCATED_EMAIL, PLACEHOLDER_EMAIL,
)
from wscheck.identity.text import Stream, finditer_in_words, inside, inside_url, leak_at
from wscheck.model import Level


_OBFUSCATION = re.compile(r"[\[({<]\s*at\s*[\])}>]|\sat\s[\w-]+\sdot\s")


_Candidate = tuple[int, int, str]  # start, end, the address as shown


def email_leaks(document, stream: Stream) -> list[Leak]:
    """Every e-mail address in the text and in mailto: links, placeholders left out; one in the
    references is information (a third party's, most likely)."""
    text = stream.text
    covered: list[tuple[int, int]] = []  # spans already read as brace or bracket lists
    candidates = _brace_lists(text, covered) + _bracketed(text, covered) + _plain(text, covered) \
        + _obfuscated(stream, covered)
    out = _mailto_links(document, stream)
    for start, _end, shown in candidates:
        row = stream.row_at(start)
        in_references = stream.kinds[row] == "references"
        level = Level.INFO if in_references else Level.ERROR
        detail = "an e-mail address in the references" if in_references else "an e-mail address"
        fix = "nothing to do if it is a third party's address" if in_references else None
        out.append(leak_at(stream, document, row, "email", shown, level, detail, fix=fix))
    return out


def _brace_lists(text: str, covered: list[tuple[int, int]]) -> list[_Candidate]:
    """"{jane, rahul}@uni.edu": one candidate for the list, unless every address is a placeholder."""
    out = []
    for match in BRACE_EMAILS.finditer(text):
        locals_ = [p.strip() for p in re.split(r"[,;|]", match.group(1)) if p.strip()]
        if locals_ and all(re.fullmatch(r"[\w.%+-]+", p) for p in locals_):
            addresses = [f"{p}@{match.group(2)}" for p in locals_]
            if not all(PLACEHOLDER_EMAIL.search(a) for a in addresses):
                out.append((match.start(), match.end(), " ".join(match.group(0).split())))
            covered.append((match.start(), match.end()))
    return out


def _bracketed(text: str, covered: list[tuple[int, int]]) -> list[_Candidate]:
    """An address whose local part the PDF spaced out, in angle brackets: "<jane . doe@uni.edu>"."""
    out = []
    for match in BRACKET_EMAIL.finditer(text):
        if " " in match.group(1).split("@")[0].strip() and not inside(match.start(1), covered):
            address = match.group(1)
            if not PLACEHOLDER_EMAIL.search(address):
                out.append((match.start(1), match.end(1), " ".join(address.split())))
            covered.append((match.start(1), match.end(1)))
    return out


def _plain(text: str, covered: list[tuple[int, int]]) -> list[_Candidate]:
    out = []
    for match in finditer_in_words(EMAIL, text, EMAIL_HINT):
        if inside(match.start(), covered):
            continue
        address = match.group(0)
        if PLACEHOLDER_EMAIL.search(address) or inside_url(text, match.start()):
            continue
        out.append((match.start(), match.end(), address))
    return out


def _obfuscated(stream: Stream, covered: list[tuple[int, int]]) -> list[_Candidate]:
    """"jane [at] uni [dot] edu": "at" and "dot" spelled out need the bracketed form, or both words."""
    out = []
    for match in stream.search_near(OBFUSCATED_EMAIL, _OBFUSCATION, before=70, after=70):
        shown = " ".join(match.group(0).split())
        if not re.search(r"[\[({<]\s*at\s*[\])}>]", shown, re.I) and not re.search(r"\sdot\s", shown, re.I):
            continue
        if not inside(match.start(), covered) and \
                not PLACEHOLDER_EMAIL.search(re.sub(r"\W*at\W*", "@", shown, count=1)):
            out.append((match.start(), match.end(), shown))
    return out


def _mailto_links(document, stream: Stream) -> list[Leak]:
    """mailto: links to an address the text does not show."""
    out = []
    for page_links in document.links:
        for link in page_links:
            if link.uri.lower().startswith("mailto:"):
                address = link.uri[7:].split("?")[0]
                if address and not PLACEHOLDER_EMAIL.search(address) and address.lower() not in stream.lower:
                    out.append(Leak(link.page, "email", address, link.box, detail="a mailto: link"))
    return out
