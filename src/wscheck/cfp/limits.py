"""Page limits: which sentences set one, for which paper type and template, and what they leave out.

A limit is a page count with a cue that makes it one: "up to 4 pages", "no more
than 8 pages", "max 4 pages", "4-page abstracts", "3-5 pages", "between 4 and 8
pages", "Page limit: 4 pages", "long (8 pages)", "Regular papers (max. 8
including references)", or an answer to a question about the page limit. A page
count without such a cue ("shorter submissions, e.g. four pages long, are also
welcome") is not a limit, and neither is one whose subject is something else
("an appendix of up to 10 pages", "this statement ..., but should not be more
than 1 page"), one that describes another body's policy ("exact page length to
be determined by each workshop"), a guess at a limit still to be decided, or one
the call has replaced (struck through, "increased from 4 to 6 pages"). A track's
name comes from the words around its count, a heading that names one paper type,
or the label that opens its line ("Fast Abstracts (up to 2 pages)"). Precision
over recall: a wrong limit turns into a false desk-reject warning, a missing one
into NOT CHECKED.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from wscheck.cfp import excludes as excl
from wscheck.cfp.sentences import Sentence

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "twenty": 20, "a": 1, "an": 1, "a single": 1, "single": 1}
NUM = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
      r"sixteen|twenty)"
_MENTION = re.compile(
    rf"(?<![\w.,/])(?:between\s+(?P<blo>{NUM})\s+and\s+(?P<bhi>{NUM})\s*-?\s*pages?"
    rf"|(?P<lo>{NUM})\s*(?:-|\u2013|\u2014|to|-to-|--)\s*(?P<hi>{NUM})[\s-]*pages?"
    rf"|(?P<n>{NUM})\)?(?P<adj>\s*[-\u2013]\s*|\s*)(?:(?:content|main[- ]text|main|body|text|total|single[- ]column|"
    rf"double[- ]column|two[- ]column|A4|letter)[\s-]+)?pages?)\b", re.I)
# "4 pages in ICML format, 5 in NeurIPS format": a count whose "pages" the sentence already said
_BARE_FORMAT = re.compile(rf"(?<![\w.,/-])(?P<n>{NUM})\s+(?:in|for|with|using)\s+(?:the\s+)?"
                          r"(?P<family>ICLR|ICML|NeurIPS|NIPS)\b", re.I)
FAMILY = re.compile(r"\b(ICLR|ICML|NeurIPS|NIPS)(?=\b|\d)", re.I)

_CUE_BEFORE = re.compile(
    r"(?:\bup\s*to|\bmax(?:imum)?\.?(?:\s+(?:of|length(?:\s+of)?|is))?|\bat\s+most|\bno\s+(?:more|longer)\s+than|"
    r"\bnot\s+(?:be\s+)?(?:more|longer)\s+than|\bnot\s+exceed(?:ing)?|\bexceed|\blimited\s+to|\blimit(?:ed)?\s+"
    r"(?:of|is|to)|\bwithin|\bless\s+than|\bfewer\s+than|\b(?:should|must|shall|will|can|may|to)\s+be|"
    r"\b(?:may|can|should|must|shall)\s+(?:have|contain|use|span|take|comprise)|\u2264|<=|\b(?:longer|more)\s+than|"
    r"\bexceeding|\bover|\bbeyond|"
    r"\blength\s*(?::|of|is)|\blimit\s*:|\bpages?\s*:|\bto|\b(?:papers?|submissions?|track|abstracts?)\s*:|"
    # "a total of 4 pages", "The expected format for all submission types is six pages"
    r"\btotal\s+of|\b(?:format|length|size)\b[^.;:()]{0,50}?\b(?:is|are))"
    r"\s*(?:the\s+|a\s+|an\s+)?$", re.I)
_CUE_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:long\b|in\s+length|max(?:imum)?\b|at\s+most|or\s+(?:less|fewer|shorter)|"
                        r"limit\b|in\s+total|total\b|maximum|(?:are|is)\s+(?:the\s+)?(?:maximum|limit))", re.I)
_LABEL = re.compile(r"^\W*(?:\(?\d\)\s*)?(?:[\w -]{0,30}\b)?(?:page\s+limits?|length|paper\s+length|page\s+length|"
                    r"pages|format|submission\s+format|limit|size|paper\s+size|number\s+of\s+pages)\s*:", re.I)
_TOPIC = re.compile(r"\bpage[- ]limits?\b|\blength\b|\bnumber\s+of\s+pages\b|\blimits?\b", re.I)
_ADJECTIVE_NOUN = re.compile(r"^\s*(?:long\s+)?(?:\w+\s+)?(?:papers?|submissions?|abstracts?|limit|manuscripts?|"
                             r"versions?|reports?|contributions?|articles?|proposals?|works?|notes?|"
                             r"extended\s+abstracts?|short\s+papers?|position\s+papers?)\b", re.I)
_EXAMPLE = re.compile(r"(?:\be\.g\.?|\bfor\s+example|\bfor\s+instance|\bsuch\s+as|\blike)[\s,]*$", re.I)
_MINIMUM = re.compile(r"(?:\bat\s+least|\bminimum(?:\s+(?:of|length(?:\s+of)?))?|\bmin\.?|\bno\s+(?:fewer|less|"
                      r"shorter)\s+than|\bnot\s+(?:be\s+)?(?:fewer|less|shorter)\s+than)\s*(?:the\s+)?$", re.I)
_EXTRA = re.compile(r"(?:\badditional|\bextra|\bmore|\bfurther|\+)\s*$", re.I)
_EXTRA_AFTER = re.compile(r"^\s*(?:additional|extra|more)\b", re.I)
# "8 pages for long papers and 4 pages for short papers": the second count shares the first one's cue
_COORDINATED = re.compile(r"^[\s,)]*(?:(?:for|in|with|using)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}?)?"
                          r"[\s,)]*(?:and|or|while|whereas|,|vs\.?)\s+(?:max(?:imum)?\.?\s+|up\s+to\s+|only\s+|"
                          r"at\s+most\s+|no\s+more\s+than\s+)?$",
                          re.I)
_COORDINATED_NAMED = re.compile(r"^[\s,)]*(?:and|or|while|whereas|,)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
                                r"(?:papers?|submissions?|tracks?)\s*(?:to|of|up\s+to|max(?:imum)?\.?|:)?\s*$", re.I)
# Limits set for someone else: ICLR's rule for all its workshops (anywhere in the clause), the main conference's
# or a journal's (before the count).
POLICY = re.compile(r"\beach\s+workshop\b|\bdetermined\s+by\b|\bat\s+the\s+discretion\b", re.I)
_OTHER_VENUE_BEFORE = re.compile(r"\bmain\s+conference\b|\bin\s+previous\s+years\b|\blast\s+year\b|\bjournal\b|"
                                 r"\bspecial\s+issue\b|\bextended\s+versions?\b|\bproceedings\s+volume\b", re.I)
_OLD_VALUE = re.compile(r"(?:\bpreviously|\bwas|\bformerly|\boriginally|\binstead\s+of|\bold\s+limit(?:\s+of)?|"
                        r"\b(?:increased|extended|raised|reduced|changed|updated)\s+from)\W*$", re.I)
_PAST_AFTER = re.compile(r"^[^;.]{0,30}\b(?:last|previous|past)\s+(?:years?|editions?|iterations?)\b", re.I)
_CHANGED_FROM = re.compile(r"\b(?:increased|extended|raised|reduced|changed|updated)\b[^.;]{0,40}\bfrom\s*$", re.I)
# "Paper length: TBD (likely 4-8 pages)": a guess at a limit still to come is no limit
_UNDECIDED = re.compile(r"\bTB[ADC]\b|\bto\s+be\s+(?:announced|determined|confirmed|decided)\b|\blikely\b|"
                        r"\bprobably\b", re.I)
_NOT_MAIN_AFTER = re.compile(r"^\s*(?:limit\s+)?(?:of|for)\s+(?:the\s+)?(?:references|bibliography|appendi|supplement|"
                             r"acknowledg|rebuttal|response|posters?|slides)", re.I)
_SUBJECT = re.compile(
    r"\b(?P<paper>papers?|submissions?|manuscripts?|abstracts?|contributions?|articles?|reports?|proposals?|"
    r"works?|main\s+(?:body|text|content|paper|part)|content|length|limits?|tracks?|body)\b|"
    r"\b(?P<other>appendi(?:x|ces)|supplementa(?:ry|l)|supplements?|references?|bibliography|rebuttals?|"
    r"responses?|cover\s+letters?|posters?|slides|cv|resumes?|bios?|biography|checklists?|acknowledge?ments?|"
    # an impact or ethics statement is a part of a paper; a "problem" or "position statement" is the paper
    r"(?:impact|ethics|ethical|reproducibility|limitations?|availability|contributions?|personal|research|"
    r"teaching|diversity|purpose|interest)\s+statements?)\b|\b(?P<neither>statements?)\b", re.I)
CAMERA_READY = re.compile(r"\bcamera[- ]?ready\b|\bfinal\s+(?:version|paper|submission|manuscript)s?\b|"
                          r"\baccepted\s+(?:papers?|submissions?|works?)\b|\bfor\s+the\s+final\b|"
                          r"\bpublication[- ]ready\b", re.I)
SOFT = re.compile(r"\brecommend(?:s|ed)?\b|\bsuggest(?:s|ed)?\b|\bencourag(?:e|ed|es)\b|\bideally\b|\bpreferabl[ye]\b|"
                  r"\bnot\s+(?:be\s+)?(?:strictly\s+)?enforced\b|\bnot\s+a\s+hard\s+limit\b|\bsoft\s+limit\b|"
                  r"\bguideline\b|\brough\s+guide\b|\bflexible\b", re.I)
# "short papers (4 pages)", "long (8 pages)", "formatting guidelines (4 pages, NIPS style)"
_PARENS_AFTER = r"(?:papers?|submissions?|tracks?|abstracts?|contributions?|notes?|articles?|reports?|proposals?|" \
                r"statements?|pieces?|long|short|full|regular|tiny|format(?:ting)?|guidelines|template|style)"
_NAMED_BEFORE = re.compile(rf"\b{_PARENS_AFTER}[\W_]*$", re.I)
_PAPERS_OF = re.compile(r"\b(?:papers?|submissions?|abstracts?|manuscripts?|contributions?)\s+of\s+(?:up\s+to\s+)?$",
                        re.I)
_ABOUT = re.compile(r"\b(?:about|around|approximately|roughly|circa|~)\s*$", re.I)
TBD = re.compile(r"\bTB[ADC]\b|\bto\s+be\s+(?:announced|determined|confirmed|decided|updated|released)\b|"
                 r"\bwill\s+be\s+(?:announced|updated|released|posted)\b|\bcoming\s+soon\b", re.I)

_NOUNS = r"(?:papers?|submissions?|tracks?|abstracts?|contributions?|notes?|articles?|reports?|proposals?|" \
         r"statements?|categor(?:y|ies)|types?)"
_STRONG_NAMES = r"tiny|demo(?:nstration)?s?|extended[- ]abstracts?|full[- ]length|work[- ]in[- ]progress|" \
                r"late[- ]breaking|position|non[- ]archival|archival|proceedings"
_WEAK_NAMES = r"short|long|full|regular|main|mini|poster|spotlight|student|industry|application|theory|opinion|" \
              r"research|vision|idea|blog(?:post)?|tutorial|survey|perspective|benchmark|dataset|challenge|" \
              r"negative[- ]results?|datasets?\s+and\s+benchmarks?|original|archival"
TRACK_NAME = re.compile(
    rf"\b(?:(?P<strong>{_STRONG_NAMES})\b(?:[- ]{_NOUNS}\b)?|(?P<weak>{_WEAK_NAMES})[- ](?:[a-z]+[- ])?(?:{_NOUNS})\b|"
    rf"(?P<label>{_WEAK_NAMES})\)?\s*[:(]|(?P<cap>(?-i:(?:[A-Z][\w-]+\s){{1,2}}))(?-i:[Tt]rack)\b)", re.I)
_NAME_AFTER = re.compile(rf"^\s*\)?\s*(?:for|in\s+the|per)\s+(?:the\s+|all\s+)?(?P<name>{_STRONG_NAMES}|"
                         rf"{_WEAK_NAMES})\b", re.I)
_NOT_NAMES = {"original", "main-track-"}
_SYNONYMS = {"full-length": "full", "demonstration": "demo", "demos": "demo", "demonstrations": "demo",
             "extended-abstracts": "extended-abstract", "blogpost": "blog", "negative-result": "negative-results",
             "datasets-and-benchmarks": "datasets-and-benchmarks"}


def camera_ready_section(sentence: Sentence) -> bool:
    """Under a heading about the camera-ready version only ("Camera-Ready Instructions")."""
    return any(CAMERA_READY.search(h) and not re.search(r"\bsubmi(?:t|ssion)", h, re.I) for h in sentence.headings)


def number(word: str) -> int:
    word = word.lower().strip()
    return int(word) if word.isdigit() else WORDS[word]


def track_name(text: str) -> str | None:
    """A normalised track name from words such as "Short paper track", "Tiny Papers", "demo submissions"."""
    matches = list(TRACK_NAME.finditer(text))
    if not matches:
        return None
    # "Full papers (archival)": a name with its noun beats a label, which beats a bare word; then the nearest
    match = max(matches, key=lambda m: (2 if re.search(rf"\b{_NOUNS}$", m.group(0), re.I) else
                                        1 if m.group("label") else 0, m.start()))
    words = next(g for g in (match.group("strong"), match.group("weak"), match.group("label"), match.group("cap"))
                 if g)
    name = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")
    name = _SYNONYMS.get(name, name)
    if name in ("the", "our", "this", "a", "each", "new", "special", "workshop") or name in _NOT_NAMES:
        return None
    return name


# ~~struck~~ (a rendered <del>/<s>), and "--April 20-- April 27": dashes hugging a number, as people strike by hand
_STRUCK = re.compile(r"~~(?P<tilde>.*?)~~|(?<![\w-])--(?=[^\s-])(?P<dash>[^-\n]{0,40}?\d[^-\n]{0,40}?)(?<=[^\s-])--"
                     r"(?![\w-])")


def struck_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, struck words) of every struck-through span, markers included in start..end."""
    return [(m.start(), m.end(), m.group("tilde") if m.group("tilde") is not None else m.group("dash"))
            for m in _STRUCK.finditer(text)]


def unmark_struck(text: str) -> str:
    """The text with the strike markers blanked but the struck words kept, offsets kept."""
    out = list(text)
    for start, end, _ in struck_spans(text):
        out[start:start + 2] = "  "
        out[end - 2:end] = "  "
    return "".join(out)


def strip_struck(text: str) -> tuple[str, list[str]]:
    """The text with struck-through spans blanked out, offsets kept; and those spans."""
    struck = []

    def blank(match: re.Match) -> str:
        struck.append(match.group("tilde") if match.group("tilde") is not None else match.group("dash"))
        return " " * len(match.group(0))

    return _STRUCK.sub(blank, text), struck


MAX_MENTIONS = 12  # page counts read per sentence; a real sentence has one to four


@dataclass
class Mention:
    """One page count in one sentence, before tracks are merged."""

    max_pages: int | None
    min_pages: int | None
    name: str | None
    family: str | None
    stage: str
    sentence: Sentence
    index: int  # the sentence's position in the call
    soft: bool = False
    heading_only: bool = False
    excludes: list[str] = field(default_factory=list)
    excludes_source: str | None = None
    struck: list[int] = field(default_factory=list)


def _values(match: re.Match) -> tuple[int | None, int | None]:
    """(min, max) of a page mention."""
    groups = match.groupdict()
    if groups.get("blo"):
        return number(groups["blo"]), number(groups["bhi"])
    if groups.get("lo"):
        return number(groups["lo"]), number(groups["hi"])
    return None, number(groups.get("n") or groups["hi"])


# "Regular papers (max. 8 including references)", "Extended Abstracts (2-4 + references)": a paper type's count
# in its own parenthesis, "pages" left unsaid
_UNIT_LESS = re.compile(rf"\b{_NOUNS}\s*\(\s*(?P<cue>(?:max(?:imum)?\.?|up\s+to|\u2264|<=)\s*)?"
                        r"(?:(?P<lo>\d{1,2})\s*[-\u2013]\s*)?(?P<hi>\d{1,2})(?=\s*(?P<after>\+|incl|excl|plus|\)|,|;))",
                        re.I)


def _unit_less(text: str) -> list[tuple[int, int, re.Match, bool]]:
    """Spans of unit-less counts that a cue, a range or what follows makes a page limit."""
    out = []
    for match in _UNIT_LESS.finditer(text):
        closing = text.find(")", match.end())
        inside = text[match.end():closing if closing >= 0 else len(text)]
        if re.search(r"\bpages?\b", inside, re.I):
            continue  # "(max. 8 pages)" is an ordinary mention
        if match.group("cue") or match.group("lo") or match.group("after") not in (")", ",", ";"):
            start = match.start("cue") if match.group("cue") else match.start("lo") if match.group("lo") else \
                match.start("hi")
            out.append((start, match.end(), match, False))
    return out


def _clause_start(text: str, position: int) -> int:
    return max((m.end() for m in re.finditer(r";|\(\d\)|\s\d\)\s", text[:position])), default=0)


def _subject_is_other(before: str) -> bool:
    """The clause is about an appendix, references, a rebuttal...: not the paper's main body."""
    text = re.sub(r"\([^()]*\)", " ", before)
    for found in excl.find(text):
        text = text[:found.start] + " " * (found.end - found.start) + text[found.end:]
    subjects = list(_SUBJECT.finditer(text))
    return bool(subjects and subjects[-1].group("other"))


# "..., but should not be more than 1 page": the count's subject is the clause's first one, left unsaid
_ELIDED = re.compile(r"[,;]?\s*\b(?:but|and|yet)\s+(?:it\s+|they\s+)?"
                     r"(?:should|must|may|can(?:not)?|will|shall|is|are)\b"
                     r"(?:(?!\b(?:papers?|submissions?|manuscripts?)\b)[^,;])*$", re.I)


def _elided_subject_is_other(window: str) -> bool:
    """ "This statement does not count toward the page limit, but should not be more than 1 page"."""
    window = window[-300:]  # a clause's subject is near; a hostile run-on sentence stays linear
    found = _ELIDED.search(window)
    if not found:
        return False
    first = _SUBJECT.search(window[:found.start()])
    return bool(first and first.group("other"))


def _is_limit(text: str, match: re.Match, window: str, sentence: Sentence, asked: bool = False) -> bool:
    """Whether a page count in `text` is stated as a limit (not an example, an extra or another part's size).

    `asked`: the sentence answers a question about the page limit ("Q: What is the page limit? A: 4 pages").
    """
    after = text[match.end():match.end() + 40]
    ranged = bool(match.groupdict().get("lo") or match.groupdict().get("blo"))
    if _EXAMPLE.search(window[-25:]) or _EXTRA.search(window[-12:]) or _EXTRA_AFTER.match(after) or \
            re.search(r"\bshorter\b", window, re.I):
        return False
    if _NOT_MAIN_AFTER.match(after) or _subject_is_other(window) or _elided_subject_is_other(window):
        return False
    if ranged or _CUE_BEFORE.search(window[-40:]) or _CUE_AFTER.match(after) or _ABOUT.search(window[-12:]):
        return True
    if _PAPERS_OF.search(window[-40:]) or _MINIMUM.search(window[-25:]):
        return True  # "short papers of 4 pages"
    if _adjective(match) and "page" in match.group(0).lower() and _ADJECTIVE_NOUN.match(after):
        return True  # "a 4-page abstract", "4 page limit"
    if _LABEL.match(text) or _TOPIC.search(window) or asked or sentence.kind == "heading":
        return True
    return bool(re.search(r"\(\s*$", window) and _NAMED_BEFORE.search(window[:window.rstrip().rfind("(")]))


def _family_near(text: str, start: int, end: int) -> str | None:
    """The template a count is given for: "in ICML format" right after it, else the nearest family before it."""
    after = re.match(r"^\s*(?:pages?\s*)?(?:\)\s*)?(?:in|for|with|using)\s+(?:the\s+)?(ICLR|ICML|NeurIPS|NIPS)\b",
                     text[end:], re.I)
    if after:
        return _family(after.group(1))
    before = list(FAMILY.finditer(text, 0, start))
    return _family(before[-1].group(1)) if before else None


def _family(word: str) -> str:
    word = word.lower()
    return "neurips" if word in ("neurips", "nips") else word


def _name_for(text: str, match: re.Match, window: str, sentence: Sentence, previous: Mention | None) -> str | None:
    """The track a count is for: "for short papers" after it, a name before it, else its heading's.

    A count coordinated with the one before ("4 pages in ICML format and 5 pages in NeurIPS format") keeps
    that one's track unless the words after the "and" name another. A count used as an adjective names the
    paper type after it ("4-page extended abstract submissions").
    """
    after = _NAME_AFTER.match(text[match.end():match.end() + 60])
    if after:
        name = track_name(after.group("name") + " papers")
        if name:
            return name
    if _adjective(match) and _ADJECTIVE_NOUN.match(text[match.end():]):
        name = track_name(text[match.end():match.end() + 40])
        if name:
            return name
    if previous is not None:
        tail = re.split(r"\b(?:and|or|while|whereas)\b|,", window)[-1]
        return track_name(tail) or previous.name
    section = track_name(sentence.heading)
    if section and _names_one_track(sentence.heading):
        return section  # under a heading that is a track's name ("Short Papers"), the heading names it
    noun_after = _NOUN_AFTER_PARENS.match(text[match.end():match.end() + 60])
    return (track_name(noun_after.group(1)) if noun_after else None) or track_name(window) or \
        label_name(window) or (section if sentence.kind != "heading" else None)


def _names_one_track(heading: str) -> bool:
    """A short heading that is one paper type's name ("Full Papers"), not a comparison ("Archival vs abstract")."""
    return len(heading.split()) <= 4 and len(TRACK_NAME.findall(heading)) == 1 and \
        not re.search(r"\b(?:vs\.?|versus|and|or)\b|[/&]", heading, re.I)


# "a short (1-2 page) position statement": the noun right after the parenthesis is the paper type
_NOUN_AFTER_PARENS = re.compile(r"\s*\)\s*(?!and\b|or\b)([A-Za-z][\w-]*(?:\s+[\w-]+){0,2})")


def _adjective(match: re.Match) -> bool:
    """ "4-page", "4 page" before a noun: not "4 pages"."""
    groups = match.groupdict()
    return bool(groups.get("n") and groups.get("adj") is not None and not match.group(0).lower().endswith("pages"))


_ITEM_LABEL = re.compile(r"^\W*([A-Z][\w-]*(?:[ -][\w-]+){0,4}?)\s*(?:\(|:)")
_GENERIC_NOUNS = re.compile(r"(?:[ -](?:papers?|submissions?|tracks?|categor(?:y|ies)|types?))+$")
_LABEL_WORDS = {"page", "pages", "limit", "limits", "length", "format", "formatting", "size", "submission",
                "submissions", "paper", "papers", "deadline", "instructions", "guidelines", "requirements", "note",
                "misc", "content", "main", "text", "template", "review", "reviews", "track", "tracks", "type",
                "types", "important", "details", "info", "information", "file", "files", "we", "our", "the", "all",
                "each", "please", "authors", "q", "a", "accepted", "camera", "ready", "camera-ready", "final",
                "workshop", "conference", "proceedings", "contributions", "contribution", "iclr", "icml", "neurips",
                "nips", "style", "original", "new", "novel", "submitted", "your", "these", "such", "other", "both"}


def label_name(window: str) -> str | None:
    """A paper type named by the label that opens its line: "Fast Abstracts (up to 2 pages)" -> fast-abstract.

    The label must name a kind of paper; only the first of joined names counts ("Short papers and position
    pieces" -> short); a label made of words about the limit itself ("Page limit:", "Length:") names nothing.
    """
    found = _ITEM_LABEL.match(window)
    if not found:
        return None
    words = re.split(r"\s+(?:and|or|&)\s+|\s*/\s*", found.group(1).lower())[0]
    if not re.search(rf"\b{_NOUNS}\b|\bpieces?\b", words):
        return None  # a label that names no kind of paper ("Later on:", "Note:")
    words = _GENERIC_NOUNS.sub("", words).strip(" -")
    if not words or any(word in _LABEL_WORDS for word in re.split(r"[ -]+", words)):
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    slug = re.sub(r"(abstract|statement|piece|note|report|proposal|article)s$", r"\1", slug)
    return _SYNONYMS.get(slug, slug)[:30] or None


def mentions_in(sentence: Sentence, index: int, question: str | None = None) -> list[Mention]:
    """The page limits one sentence states; `question`: the question it answers, if it follows one."""
    text, struck = strip_struck(sentence.text)
    struck_values = [number(m.group("n") or m.group("hi") or m.group("bhi")) for span in struck
                     for m in _MENTION.finditer(span)]
    asked = bool(question and _TOPIC.search(question))
    section = camera_ready_section(sentence) or bool(asked and question and CAMERA_READY.search(question))
    several = len(_MENTION.findall(text)) > 1
    found: list[Mention] = []
    starts: list[int] = []
    previous_end = found_end = 0
    spans = ([(m.start(), m.end(), m, False) for m in _MENTION.finditer(text)] + _unit_less(text))[:MAX_MENTIONS]
    if not spans:
        return table_mentions(sentence, index)
    spans += [(m.start(), m.end(), m, True) for m in _BARE_FORMAT.finditer(text)
              if not any(s <= m.start() < e for s, e, _, _ in spans)]
    for start, end, match, bare in sorted(spans, key=lambda s: s[0]):
        clause = max(_clause_start(text, start), previous_end)
        window = text[clause:start]
        if POLICY.search(text[slice(*_semicolon_clause(text, start))]) or _OTHER_VENUE_BEFORE.search(window) or \
                text.rstrip().endswith("?") or _UNDECIDED.search(window):
            previous_end = end
            continue
        coordinated = bool(found) and previous_end == found_end and bool(
            _COORDINATED.match(window) or _COORDINATED_NAMED.match(window))
        if not bare and not coordinated and not _is_limit(text, match, window, sentence, asked):
            previous_end = end
            continue
        low, high = (None, number(match.group("n"))) if bare else _values(match)
        if low is not None and _CHANGED_FROM.search(window[-60:]):
            struck_values.append(low)  # "the page limit was increased from 4 to 6 pages"
            low = None
        elif _OLD_VALUE.search(window[-30:]) or _PAST_AFTER.match(text[end:end + 50]):
            struck_values += [high] if high is not None else []  # "(previously 4 pages)", "4 pages ... last year"
            previous_end = end
            continue
        minimum = _MINIMUM.search(window[-25:]) and low is None
        mention = Mention(max_pages=None if minimum else high, min_pages=high if minimum else low,
                          name=_name_for(text, match, window, sentence, found[-1] if coordinated else None),
                          family=_family(match.group("family")) if bare else _family_near(text, start, end),
                          stage=_stage(text, window, end, section, several), sentence=sentence, index=index,
                          soft=bool(SOFT.search(text) or _ABOUT.search(window[-12:])),
                          heading_only=sentence.kind == "heading", struck=struck_values)
        if mention.max_pages is None or 1 <= mention.max_pages <= 60:
            found.append(mention)
            starts.append(start)
            found_end = end
        previous_end = end
    _attach_clause_exclusions(text, found, starts)
    return found


def _row_track(cell: str) -> str | None:
    """The track a table row is about: its first cell ("Research papers" -> research)."""
    name = track_name(cell + " papers")
    if name:
        return name
    words = re.sub(r"\b(?:papers?|submissions?|tracks?|category)\b", " ", cell.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return slug[:30] or None


_CELL_COUNT = re.compile(rf"^\s*(?:(?:max(?:imum)?\.?|up\s+to|\u2264|<=|<)\s*)?(?:(?P<lo>{NUM})\s*[-\u2013]\s*)?"
                         rf"(?P<hi>{NUM})\s*$", re.I)


def table_mentions(sentence: Sentence, index: int) -> list[Mention]:
    """A row of a table whose header has a "Pages" or "Page limit" column: "Full paper | 8"."""
    if sentence.kind != "row" or not sentence.table_header:
        return []
    header = [c.strip() for c in sentence.table_header.split(" | ")]
    cells = [c.strip() for c in strip_struck(sentence.text)[0].split(" | ")]
    out = []
    for column, title in enumerate(header[:len(cells)]):
        count = _CELL_COUNT.match(cells[column])
        if column == 0 or not count or not re.search(r"\bpages?\b|\blength\b|\blimit", title, re.I):
            continue
        low = number(count.group("lo")) if count.group("lo") else None
        stage = "camera-ready" if CAMERA_READY.search(title) else "submission"
        out.append(Mention(max_pages=number(count.group("hi")), min_pages=low, name=_row_track(cells[0]),
                           family=None, stage=stage, sentence=sentence, index=index))
    return out


def _stage(text: str, window: str, end: int, section: bool, several: bool) -> str:
    """camera-ready for a count under a camera-ready heading, or whose own words are about the final version
    ("accepted papers may have 5 pages"); with one count in the sentence, the whole sentence decides."""
    after = re.split(r"[,;]", text[end:end + 50], maxsplit=1)[0]
    if section or CAMERA_READY.search(window) or CAMERA_READY.search(after):
        return "camera-ready"
    return "camera-ready" if not several and CAMERA_READY.search(text) else "submission"


def _semicolon_clause(text: str, position: int) -> tuple[int, int]:
    start = text.rfind(";", 0, position) + 1
    end = text.find(";", position)
    return start, len(text) if end < 0 else end


def _attach_clause_exclusions(text: str, mentions: list[Mention], starts: list[int]) -> None:
    """Exclusions in the same clause (";"-separated) as a limit apply to every limit of that clause; those in a
    clause without a limit ("...; the appendix is unlimited") to every limit of the sentence."""
    clauses = {_semicolon_clause(text, position) for position in starts}
    shared = [p for start, end in _all_clauses(text) if (start, end) not in clauses
              for phrase in excl.find(text[start:end]) for p in phrase.parts]
    for mention, position in zip(mentions, starts, strict=True):
        start, end = _semicolon_clause(text, position)
        parts = [p for phrase in excl.find(text[start:end]) for p in phrase.parts]
        mention.excludes = list(dict.fromkeys(mention.excludes + parts + shared))


def _all_clauses(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^;]+", text)]
