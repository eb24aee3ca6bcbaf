"""Is this a person's name, an affiliation, an acknowledgment of someone? Heuristics on short texts."""
from __future__ import annotations

import re

from wscheck.identity.patterns import (
    ADDRESS, DATE, FUNCTION_WORDS, FUNDER, GRANT, INSTITUTION, INSTITUTION_ACRONYM, NAME_PARTICLES, NOT_NAME_WORDS,
    ORCID, VENUE,
)


def is_prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 9 and sum(w.lower().strip(",.;:") in FUNCTION_WORDS and w[:1].islower()
                                   for w in words) >= 2


def name_token(token: str) -> bool:
    """A word that can be part of a person's name: "Jane", "O'Brien", "Jean-Pierre", "McDonald", "J.", "van"."""
    token = token.strip(",;:()*†‡§¶∗⋆♠♣♦♥#0123456789 ")
    if not token:
        return False
    if token.lower() in NAME_PARTICLES:
        return True
    if re.fullmatch(r"(?:[^\W\d_]\.-?)+", token):
        return token[0].isupper()  # initials: "J.", "J.-P.", "A.B."
    parts = re.split(r"[-'’]", token)
    for number, part in enumerate(parts):
        if not part.isalpha() or not part[0].isupper():
            return False
        rest = part[1:]
        if not rest:
            if number == len(parts) - 1:
                return False  # a lone capital ends nothing ("O'" starts "O'Brien")
            continue
        if rest.islower() or part.isupper():
            continue
        if rest[0].islower() and sum(ch.isupper() for ch in rest) == 1:
            continue  # McDonald, DeAngelis
        return False
    return True


def looks_like_names(text: str) -> bool:
    """A line of person names: "Jane Doe1, John Roe2 & Ann Lee", "Vaisakh Shaj Cameron Barker"."""
    if len(text) > 300 or "@" in text or VENUE.search(text) or DATE.search(text):
        return False
    cleaned = re.sub(r"(?<=[^\W\d_])[\d,*†‡§¶∗⋆]+(?=\s|$|,)", " ", text)
    segments = [s.strip() for s in re.split(r",|&|;|·|•|\band\b|\s{3,}", cleaned) if s.strip(" *†‡§¶∗⋆0123456789")]
    if not segments:
        return False
    named = 0
    for segment in segments:
        tokens = [t for t in segment.split() if t.strip("*†‡§¶∗⋆0123456789,")]
        if not tokens:
            continue
        if any(t.strip(",.;:()*†‡§¶∗⋆0123456789").lower() in NOT_NAME_WORDS for t in tokens):
            return False
        if not all(name_token(t) for t in tokens):
            return False
        words = [t for t in tokens if len(t.strip(".")) > 1 and t.lower() not in NAME_PARTICLES]
        if len(tokens) >= 2 and words:
            named += 1
        elif len(tokens) == 1:
            return False
    return named > 0


def is_orcid_line(text: str) -> bool:
    return bool(ORCID.search(text) or re.search(r"\borcid\b", text, re.I))


def is_affiliation(text: str) -> bool:
    return bool(INSTITUTION.search(text) or INSTITUTION_ACRONYM.search(text) or ADDRESS.search(text))


# Person names in running text: two to four capitalised words, or initials and a family name.
CAPITAL = r"[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŪŮŰŲŴŶŸŹŻŽ]"
LOWER = r"[a-zß-öø-ÿāăąćĉċčďđēėęěĝğġģĥħīįıķĺļľłńņňōőœŕŗřśŝşšţťūůűųŵŷźżž'’]"
NAME_WORD = rf"{CAPITAL}{LOWER}+(?:-{CAPITAL}?{LOWER}+)?"
PERSON_NAME = re.compile(
    rf"(?<![\w-])(?:{NAME_WORD}|{CAPITAL}\.(?:\s?-?{CAPITAL}\.)*)(?:\s+(?:{CAPITAL}\.|{NAME_WORD}|(?:van|von|de|der|da|di|del|la|le|dos)"
    rf"(?=\s+{CAPITAL}))){{0,3}}\s+{NAME_WORD}(?![\w-])"
)


def person_names(text: str) -> list[str]:
    """Person-like names in running text, minus citations and common capitalised phrases."""
    out = []
    for match in PERSON_NAME.finditer(text):
        words = match.group(0).split()
        while words and words[0].strip(".").lower() in NOT_NAME_WORDS:
            words = words[1:]
        if len(words) < 2 or any(w.strip(".").lower() in NOT_NAME_WORDS for w in words):
            continue
        if not any(len(w.strip(".")) > 1 for w in words[:-1]) and not re.fullmatch(r"[A-Z]\.", words[0]):
            continue
        after = text[match.end():match.end() + 14]
        if re.match(r"\s*(?:et\s+al|\(\d{4}|,\s*\d{4}|\[\d)", after):
            continue  # a citation, not an acknowledgment of a person
        out.append(" ".join(words))
    return out


def ack_evidence(text: str) -> list[str]:
    """What in an acknowledgments text identifies people: names, grants, funders, institutions."""
    found: list[str] = []

    def add(label: str, value: str) -> None:
        item = f"{label} {' '.join(value.split()).rstrip('.,;:')!r}"
        if item not in found:
            found.append(item)

    for name in person_names(text):
        add("person", name)
    for match in GRANT.finditer(text):
        token = match.group(0).strip()
        if not (re.fullmatch(r"(?:19|20)\d\d", token) or re.fullmatch(r"[A-Z]+\d{1,2}", token)):
            add("grant", token)
    for match in FUNDER.finditer(text):
        name = next(g for g in match.groups() if g)
        if name.split()[0].lower() not in NOT_NAME_WORDS or len(name.split()) > 1:
            add("funder", name)
    for match in list(INSTITUTION.finditer(text)) + list(INSTITUTION_ACRONYM.finditer(text)):
        add("institution", match.group(0))
    return found
