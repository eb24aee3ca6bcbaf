"""Acknowledgments and funding, "work done at" phrases and ORCID iDs, self-citation phrasing."""
from __future__ import annotations

import re

from wscheck.identity.model import Leak
from wscheck.identity.names import ack_evidence
from wscheck.identity.page_one import PageOne
from wscheck.identity.patterns import ORCID, ORCID_HINT
from wscheck.identity.text import (
    Stream, finditer_at, finditer_in_words, inside, leak_at, sentence_around, split_sentences,
)
from wscheck.model import Level


# -- acknowledgments ----------------------------------------------------------------------------
ACK_KINDS = ("acknowledgments", "funding", "author-contributions")
_ACK_TITLE = (r"acknowledge?ments?|acknowledgments? and disclosure of funding|funding|funding statement"
              r"|financial support|author contributions?")
ACK_RUN_IN = re.compile(rf"^\s*(?P<title>{_ACK_TITLE})\s*(?:[.:—–]\s*|$)", re.I)
# "Acknowledgments We thank ..." set as a bold run-in heading (\paragraph) without punctuation
ACK_BOLD_RUN_IN = re.compile(rf"^\s*(?P<title>{_ACK_TITLE})\s+(?=[A-Z])", re.I)


def run_in_ack(line) -> re.Match | None:
    """The run-in acknowledgments title that starts `line`, if any."""
    match = ACK_RUN_IN.match(line.text)
    if match and (line.bold or line.italic or match.end() < len(line.text.rstrip())):
        return match
    match = ACK_BOLD_RUN_IN.match(line.text)
    if match and line.bold and not line.end_bold:
        return match
    return None


ACK_INSTRUCTIONS = re.compile(
    r"withheld|omitted|removed|redacted|hidden|anonymi[sz]ed|will be (?:added|included|provided|inserted|restored)"
    r"|camera[- ]ready|upon acceptance|after (?:the )?review|final (?:version|paper)|do not include|should not"
    r"|use unnumbered|go at the end|at the discretion|is optional|if you|you may|must not|placeholder|lorem ipsum",
    re.I,
)
def _ack_sections(stream: Stream) -> list[tuple[int, int, int, str]]:
    """(first row, offset where its text starts, end row, title) of each acknowledgments-like section.

    Both headed sections and run-in paragraphs ("Acknowledgments. We thank...").
    """
    out = []
    rows = len(stream.lines)
    for row in range(rows):
        if row in stream.headings:
            title = stream.headings[row].strip()
            if stream.kinds[row] not in ACK_KINDS or \
                    stream.kinds[row] == "author-contributions" and "author" not in title.lower():
                continue  # "Contributions: 1. ..." lists the paper's contributions, not its authors'
            text = stream.lines[row].text
            at = text.find(title)
            # a run-in heading ("Acknowledgments. We thank...") keeps its text on the line
            start = stream.starts[row] + at + len(title) if at >= 0 and text[at + len(title):].strip(" .:—–") \
                else stream.ends[row]
            limit = row + 40
        else:
            match = run_in_ack(stream.lines[row])
            if match is None or stream.kinds[row] in ("references", "checklist"):
                continue  # a reference's or a checklist answer's "Funding: ..." is no acknowledgment
            start, title, limit = stream.starts[row] + match.end(), match.group("title"), row + 10
        end = row + 1
        while end < rows and end < limit and end not in stream.headings:
            end += 1
        out.append((row, start, end, title))
    return out


def acknowledgment_leaks(document, stream: Stream, present_level: str = Level.WARNING) -> list[Leak]:
    """Acknowledgments and funding that name people, grants or institutions (errors), and those that
    name nobody, at `present_level` (the rule set's: a blind submission has no acknowledgments)."""
    out: list[Leak] = []
    for first, start, end, title in _ack_sections(stream):
        text = stream.text[start:stream.ends[end - 1]]
        if not text.strip():
            continue
        section = re.sub(r"\W+", " ", title).strip().lower()
        section = "funding statement" if "funding" in section and "acknowledg" not in section or \
            "financial" in section else "author contributions" if "contribution" in section else "acknowledgments"
        evidence = ack_evidence(text)
        if not evidence:
            if ACK_INSTRUCTIONS.search(text) or re.search(r"\banonymous reviewers?\b", text, re.I) and \
                    len(text.split()) < 40:
                continue
            sentence = " ".join(text.split())[:300]
            out.append(leak_at(stream, document, first, "acknowledgments-present", f"{title.rstrip('.:')}: {sentence}",
                                present_level, f"{section} in a blind submission (no names found in it)"))
            continue
        reported = 0
        for sentence_start, sentence in split_sentences(text):
            found = ack_evidence(sentence)
            if not found:
                continue
            row = stream.row_at(start + sentence_start)
            out.append(leak_at(stream, document, row, "acknowledgments", " ".join(sentence.split()), Level.ERROR,
                                f"the {section} name " + "; ".join(found[:4])))
            reported += 1
            if reported >= 3:
                break
    return out


# -- affiliations and ORCID iDs in the text ----------------------------------------------------------
WORK_DONE_AT = re.compile(
    r"(?i:\b(?:this\s+)?(?:work|research|project|paper)\s+(?:was\s+)?(?:partly\s+|partially\s+|mostly\s+)?"
    r"(?:done|conducted|performed|carried\s+out|completed)\s+(?:while|during|when|as)\b[^.;]{0,80}?\b(?:at|with)\s+)"
    r"(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*"
    r"|(?i:\b(?:during\s+(?:an?\s+|my\s+|his\s+|her\s+|their\s+)?internship|as\s+an?\s+intern|visiting\s+"
    r"(?:researcher|student|scholar))\s+(?:at|with)\s+)(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*"
)


# each verb spelt out in its own alternative: a pattern whose alternatives all start with a letter is
# tried only where one of those letters is (twice as fast as a group of verbs first; the same matches)
_WORK_DONE_TRIGGER = re.compile("|".join(rf"{verb}\s+(?:while|during|when|as)\b"
                                         for verb in ("done", "conducted", "performed", "carried out", "completed"))
                                + r"|internship|as an? intern\b|visiting (?:researcher|student|scholar)")


def text_affiliations(document, stream: Stream, page_one: PageOne) -> list[Leak]:
    """ORCID iDs and "work done while at Google" anywhere outside the references and the author block."""
    out = []
    skip = {(ln.page, ln.index) for ln in page_one.block + page_one.footnotes}
    urls = stream.url_spans
    matches = [(match, "orcid", "an ORCID iD") for match in finditer_in_words(ORCID, stream.text, ORCID_HINT)]
    matches += [(match, "affiliation", "the text says where the authors work")
                for match in stream.search_near(WORK_DONE_AT, _WORK_DONE_TRIGGER, before=60, after=140)]
    for match, kind, detail in matches:
        row = stream.row_at(match.start())
        line = stream.lines[row]
        if stream.kinds[row] == "references" or (line.page, line.index) in skip or \
                (kind == "orcid" and inside(match.start(), urls)):
            continue  # the author block, its footnotes and links are judged on their own
        text = match.group(0) if kind == "orcid" else sentence_around(stream, match.start(), match.end())
        out.append(leak_at(stream, document, row, kind, " ".join(text.split()), Level.ERROR, detail))
    return out


# -- self-citation --------------------------------------------------------------------------------
# Phrasing that says "we wrote that cited work". Words match in any case ((?i:...));
# the capitals of author names and citations stay significant.
_CITED = r"(?:\[\d|\(?[A-Z][\w-]+\s+et\s+al|\([A-Z][^)]{0,60}\d{4})"
SELF_CITATION = re.compile(
    r"(?i:\b(?:our|my)\s+(?:own\s+)?(?:previous|prior|earlier|past|preliminary|companion|former)\s+(?:[\w-]+\s+)?"
    r"(?:work|works|paper|papers|study|studies|publication|publications|research|article|articles)\b)"
    r"|(?i:\b(?:our|my)\s+(?:own\s+)?(?:previous|prior|earlier|past|recent|preliminary|companion|former)\s+"
    r"(?:[\w-]+\s+)?(?:results?|findings|analysis|approach|method|system|model|framework|version|submission)\s*)"
    + _CITED +
    r"|(?i:\bin\s+(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:paper|article|publication|work|study)\s*)" + _CITED +
    r"|(?i:\b(?:we|I)\s+(?:have\s+)?(?:previously|earlier|recently|already|formerly)\s+(?:showed|shown|proposed"
    r"|introduced|demonstrated|presented|developed|studied|reported|found|established|argued|described|published"
    r"|investigated|explored|analy[sz]ed)\b)"
    r"|(?i:\bas\s+(?:we|I)\s+(?:have\s+)?(?:showed|shown|proposed|demonstrated|reported|found|argued|described"
    r"|published|noted|observed)\s+(?:previously\s+|before\s+|earlier\s+)?(?:in|elsewhere)\s*)" + _CITED +
    r"|(?i:\b(?:extends?|extending|builds?\s+(?:up)?on|building\s+(?:up)?on|continuation\s+of|follow[- ]up\s+"
    r"(?:to|on)|expands?\s+(?:up)?on)\s+our\s+(?:[\w-]+\s+){0,3}?(?:work|paper|study|method|approach|framework"
    r"|findings|results)\b)"
    r"|\b[Ii]n\s+\[\d+(?:\s*[,–-]\s*\d+)*\],?\s+we\b"
    r"|\b[Ii]n\s+(?:[A-Z][\w-]+\s+et\s+al\.?|[A-Z][\w-]+(?:\s+(?:and|&)\s+[A-Z][\w-]+)?)\s*,?\s*\(?(?:19|20)\d\d"
    r"[a-z]?\)?,?\s+we\b"
)


# Every SELF_CITATION phrase contains one of these words; searching near them only keeps the scan fast.
# Each word is a literal stem and the rest of its pattern: the stems are found with str.find (see
# self_citation_triggers), much faster than trying the pattern at every position of the text.
_SELF_CITATION_WORD_PARTS = (
    ("previous", "(?:ly)?"), ("prior", ""), ("earlier", ""), ("past", ""), ("preliminary", ""), ("companion", ""),
    ("former", "(?:ly)?"), ("recent", "(?:ly)?"), ("already", ""), ("extend", "s?"), ("extending", ""),
    ("build", "s?"), ("building", ""), ("continuation", ""), ("follow", "[- ]up"), ("expand", "s?"),
)
_SELF_CITATION_WORDS = re.compile(  # on lower-cased text
    r"\b(?:" + "|".join(stem + rest for stem, rest in _SELF_CITATION_WORD_PARTS) + r")\b|\bas\s+(?:we|i)\s"
)
_AS_WE = re.compile(r"as\s+(?:we|i)\s")  # the start of the last alternative (a literal: found fast)
_SELF_CITATION_IN = re.compile(r"[Ii]n\s+(?:\[|[A-Z][\w-]+\s+(?:et\s|and\s|&|\(?(?:19|20)))")


def self_citation_triggers(lower: str) -> list[re.Match]:
    """`_SELF_CITATION_WORDS.finditer(lower)`, tried only where one of its words' stems (or "as") is."""
    starts = {match.start() for match in _AS_WE.finditer(lower)}
    for stem in dict.fromkeys(stem for stem, _rest in _SELF_CITATION_WORD_PARTS):
        at = lower.find(stem)
        while at != -1:
            starts.add(at)
            at = lower.find(stem, at + 1)
    return finditer_at(_SELF_CITATION_WORDS, lower, sorted(starts))


def self_citations(document, stream: Stream) -> list[Leak]:
    out = []
    text = stream.text
    matches: list[re.Match] = []
    triggers = sorted(self_citation_triggers(stream.lower) + list(_SELF_CITATION_IN.finditer(text)),
                      key=lambda m: m.start())
    for trigger in triggers:
        lo = max(0, trigger.start() - 40)
        match = SELF_CITATION.search(text, lo, min(len(text), trigger.end() + 120))
        if match and match.start() <= trigger.start() and (not matches or match.start() >= matches[-1].end()):
            matches.append(match)
    for match in matches:
        row = stream.row_at(match.start())
        if stream.kinds[row] in ("references", "checklist"):
            continue
        sentence = sentence_around(stream, match.start(), match.end())
        phrase = re.sub(r"\s*[\[(][^\])]*$", "", " ".join(match.group(0).split()))
        out.append(leak_at(stream, document, row, "self-citation", sentence, Level.WARNING,
                            f"self-citation phrasing: {phrase!r}"))
    return out
