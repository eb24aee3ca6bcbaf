"""Single- or double-blind review, the submission site, and the anonymizers a call recommends."""
from __future__ import annotations

import re
from collections import Counter

from wscheck.cfp.model import Stated
from wscheck.cfp.sentences import Sentence

_DOUBLE = re.compile(r"\bdouble[- ]?(?:blind(?:ed)?|anonymous|anonymi[sz]ed)\b", re.I)
# "single-anonymous review"; "a single anonymized PDF" is one file, not a review mode
_SINGLE = re.compile(r"\bsingle[- ]?blind(?:ed)?\b|\bsingle-anonym(?:ous|i[sz]ed)\b|"
                     r"\bsingle\s+anonymous\s+(?:review|manner)|"
                     r"\bnon[- ]?anonymi[sz]ed\s+(?:submissions?|papers?|review)\b|"
                     r"\b(?:need|do(?:es)?)\s+not\s+(?:need\s+to\s+)?(?:be\s+)?anonymi[sz]e|\bnot\s+(?:be\s+)?"
                     r"anonymi[sz]ed\b|\bneed\s+not\s+be\s+anonymous\b|\bno\s+need\s+to\s+anonymi[sz]e\b|"
                     r"\bauthor\s+names\s+(?:should|must)\s+be\s+(?:included|listed)\b|\bnon[- ]anonymous\b", re.I)
_NEGATED_DOUBLE = re.compile(r"\bnot\s+(?:a\s+)?double[- ]?blind|\bdouble[- ]?blind\s+is\s+not\b", re.I)
_ANONYMIZED = re.compile(r"\banonymi[sz](?:ed|e|ation)\b|\banonymous\b", re.I)
_ABOUT_PAPER = re.compile(r"\b(?:submissions?|papers?|manuscripts?|submitted|anonymi[sz]ation)\b", re.I)
_OBLIGATION = re.compile(r"\bonly\b|\bmust\b|\bshould\b|\brequired?\b|\bneed(?:s)?\s+to\b|\bhave\s+to\b|\bensure\b|"
                         r"\bplease\b|\bdesk[- ]reject|\brejected\b|:", re.I)
_NO_NAMES = re.compile(r"\b(?:do|should|must|may)\s+not\s+(?:include|reveal|contain|list)\s+(?:any\s+)?"
                       r"(?:the\s+)?(?:authors?'?s?|their|your)?\s*(?:names?|identit|identifying|affiliations?)", re.I)
# "The reviewing process is blind", "blind peer review": authors hidden from reviewers, as double-blind reads it
_BLIND = re.compile(r"(?<![\w-])(?<!single[- ])(?<!double[- ])(?<!triple[- ])blind(?:ed)?\s+(?:peer[- ])?review|"
                    r"\breview(?:ing|s)?\s+(?:process\s+)?(?:is|will\s+be)\s+blind\b", re.I)
_ONLY_LINKS = re.compile(r"\banonymi[sz]ed\s+(?:links?|repositor(?:y|ies)|github|code|urls?|websites?|accounts?|"
                         r"versions?\s+of\s+(?:the\s+)?code)\b|\banonymous\s+(?:links?|repositor(?:y|ies)|github|"
                         r"accounts?|websites?|huggingface)", re.I)

_SITES = {
    "openreview": re.compile(r"\bopen\s?review\b|openreview\.net", re.I),
    "cmt": re.compile(r"\bcmt\d?\b|cmt3\.research\.microsoft\.com|\bmicrosoft\s+cmt\b", re.I),
    "easychair": re.compile(r"\beasy\s?chair\b|easychair\.org", re.I),
    "other": re.compile(r"\bhotcrp\b|\bsoftconf\b|\bstart\s+system\b|\bgoogle\s+forms?\b|forms\.gle|"
                        r"docs\.google\.com/forms|\bconftool\b|\bprecision\s?conference\b|\bmicrosoft\s+forms\b|"
                        r"\btypeform\b|tally\.so/|\bjotform\b|"
                        r"\b(?:submit|send)\b(?:\s+[\w-]+){0,3}?\s+(?:by|via|through)\s+e-?mail\b|"
                        r"\be-?mail\s+(?:your\s+)?submissions?\s+to\b", re.I),
}
_SUBMIT_CONTEXT = re.compile(r"\bsubmi(?:t|ssions?|tted|tting)\b|\bportal\b|\bupload\b|\bvia\b|\bthrough\b|"
                             r"\bsite\b|\blink\b|\bsystem\b|\bplatform\b|\b(?:managed|handled|hosted)\b", re.I)
_HOST = re.compile(r"https?://([a-z0-9.-]+\.[a-z]{2,})", re.I)


def find_review(sentences: list[Sentence]) -> tuple[Stated | None, list[str]]:
    """(double-blind or single-blind with its sentence, notes for a human)."""
    double = single = anonymized = None
    for sentence in sentences:
        text = sentence.text
        if _DOUBLE.search(text) and not _NEGATED_DOUBLE.search(text):
            double = double or sentence.text
        elif _SINGLE.search(text) or _NEGATED_DOUBLE.search(text):
            single = single or sentence.text
        elif (_ANONYMIZED.search(text) and _ABOUT_PAPER.search(text) and _OBLIGATION.search(text) and
              not _ONLY_LINKS.search(text)) or _NO_NAMES.search(text) or _BLIND.search(text):
            anonymized = anonymized or sentence.text
    if double and single:
        return Stated("double-blind", double), [f'the call says both "{double}" and "{single}": reviewing is '
                                                "taken as double-blind; check with the organizers"]
    if double or (anonymized and not single):
        return Stated("double-blind", double or anonymized or ""), []
    if single:
        return Stated("single-blind", single), []
    return None, []


def find_site(sentences: list[Sentence]) -> Stated | None:
    """The submission system: the one named most often where the call speaks of submitting."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for sentence in sentences:
        if not _SUBMIT_CONTEXT.search(sentence.text) and sentence.kind != "row":
            continue
        for site, pattern in _SITES.items():
            if pattern.search(sentence.text):
                counts[site] += 1
                first.setdefault(site, sentence.text)
    if not counts:
        return None
    site = max(counts, key=lambda s: (counts[s], -list(first).index(s)))
    return Stated(site, first[site])


def anonymizer_hosts(sentences: list[Sentence]) -> list[Stated]:
    """Hosts the call recommends for sharing code anonymously (e.g. anonymous.4open.science)."""
    out: dict[str, Stated] = {}
    for sentence in sentences:
        if not re.search(r"\banonym", sentence.text, re.I):
            continue
        for match in _HOST.finditer(sentence.text):
            host = match.group(1).lower().rstrip(".")
            if "anonym" in host or re.search(r"\b(?:recommend|use|share|via|through)\b", sentence.text, re.I) \
                    and "anonym" in sentence.text[max(0, match.start() - 80):match.end() + 80].lower():
                if host not in ("openreview.net", "github.com", "huggingface.co"):
                    out.setdefault(host, Stated(host, sentence.text))
    return list(out.values())
