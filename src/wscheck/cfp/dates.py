"""Dates of a call: which milestone, which day, what time and time zone, as the call states them.

Days are read in the forms calls use: "May 8th, 2026", "Feb 2, 2026 (AoE)",
"October 6 (AOE), 2023", "8 May 2026", "8.5.2026", "19.10.", "8-May-2026",
"2025/05/27, 11:59PM UTC", "Saturday, February 10, 2024 (23:59 AoE)"; 05/08/2026
is read day first when the call's other days are. A milestone is named by the
words before its day ("Submission deadline", "decisions will be released by",
"Camera-ready, poster, and video submission"), or after it in a list ("May 8:
paper deadline"), in list items, table rows ("Notification date | Sunday, March
3, 2024") and prose alike; the host conference's own dates ("ECCV paper
notifications") are not the workshop's. Struck-through days are superseded
("~~Feb 6th~~ Feb 8th", "--April 20-- April 27"); a milestone whose every day is
struck through has passed, and its last day is the one that held. Two possible
days ("December 5th or 6th") or "to be announced" give a milestone without an
exact day. A day without a year takes the year of the nearest dated day of the
call (else the workshop's). Time zones come from the date itself, the heading
above it ("Key Dates (AOE)") or a sentence about all deadlines ("All deadlines
are 23:59 AoE").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from wscheck.cfp.limits import TBD, strip_struck, struck_spans, track_name, unmark_struck
from wscheck.cfp.model import DateValue
from wscheck.cfp.sentences import Sentence

MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
          "nov": 11, "dec": 12}
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|" \
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|" \
         r"JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?|january|february|march|" \
         r"april|june|july|august|september|october|november|december)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_OTHER_DAY = r"(?P<other>\s*(?:or|/|&)\s*(?:[A-Z][a-z]+\.?\s+)?[0-3]?\d(?:st|nd|rd|th)?(?![\d:]))?" \
             r"(?P<span>\s*(?:-|\u2013|\u2014|to|until)\s*(?:[A-Z][a-z]+\.?\s+)?[0-3]?\d(?:st|nd|rd|th)?(?![\d:]))?"
_PAREN = r"(?:\s*\((?P<paren>[^()]{1,40})\))?"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d)(?!\d))?"
_PATTERNS = (
    ("ymd", re.compile(r"(?<![\d/.-])(?P<year>20\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?![\d/])")),
    ("dots", re.compile(r"(?<![\d./])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:20)?\d\d)(?![\d.]\d)")),
    # "19.10." (a day and a month, European style, the year left to the reader): a full stop after the month
    ("dots_short", re.compile(r"(?<![\w.,/:])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?=\s|$|\)|\|)")),
    ("slash", re.compile(r"(?<![\d/])(?P<first>[0-3]?\d)/(?P<second>[0-3]?\d)/(?P<year>(?:20)?\d\d)(?![\d/])")),
    # "08-05-2026": read like a slashed day, with a full year so that "4-8" pages stay pages
    ("dashes", re.compile(r"(?<![\d-])(?P<first>[0-3]?\d)-(?P<second>[0-3]?\d)-(?P<year>20\d\d)(?![\d-])")),
    ("month_day", re.compile(rf"\b{_MONTH}\s*{_DAY}(?![\d:]){_OTHER_DAY}{_PAREN}{_YEAR}")),
    ("day_month", re.compile(rf"(?<![\d.:/])(?:(?P<other>[0-3]?\d(?:st|nd|rd|th)?\s*(?:or|/|&)\s*)|"
                             rf"(?P<span>[0-3]?\d(?:st|nd|rd|th)?\s*(?:-|\u2013|to)\s*))?{_DAY}(?:\s+|-)(?:of\s+)?"
                             rf"{_MONTH}(?![a-z]),?(?:-(?=(?:19|20)?\d\d\b))?{_YEAR}")),
)
_SLASH, _DASHES = dict(_PATTERNS)["slash"], dict(_PATTERNS)["dashes"]
_DAY_FIRST = re.compile(r"(?<![\w.,/:])[0-3]?\d\.[01]?\d\.(?:(?:20)?\d\d(?![\d.]\d)|(?=\s|$|\)|\|))|"
                        rf"\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])", re.I)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s*[0-3]?\d(?:st|nd|rd|th)?(?![\d:])", re.I)
_TIME = re.compile(r"(?<![\d:.])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\b\.?)|"
                   r"(?<![\d:.])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])|\b(?P<noon>noon)\b", re.I)
_ZONE = re.compile(
    r"\b(?P<aoe>AoE|Anywhere\s+on\s+Earth)\b|\b(?P<offset>(?:UTC|GMT)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?)|"
    r"\b(?P<utc>UTC|GMT)\b|\b(?P<named>Pacific(?:\s+(?:Standard|Daylight))?\s+Time|Eastern(?:\s+(?:Standard|"
    r"Daylight))?\s+Time|Central\s+European(?:\s+Summer)?\s+Time|Beijing\s+Time|China\s+Standard\s+Time)\b|"
    r"(?-i:\b(?P<abbr>PST|PDT|PT|EST|EDT|ET|CST|CDT|CET|CEST|BST|JST|KST|SGT|HKT|AEST|AEDT|IST|MST|MDT)\b)", re.I)
_NAMED_ZONES = {"pacific": "PT", "eastern": "ET", "central european": "CET", "beijing": "UTC+8", "china": "UTC+8"}

_MILESTONES = (
    ("camera_ready", re.compile(r"camera[- ]?ready|\bfinal\s+(?:version|paper|manuscript|submission|copy)s?\b|"
                                r"publication[- ]ready", re.I)),
    ("notification", re.compile(r"\bnotif\w*|\bdecisions?\b|\bacceptance\b|\baccept/reject\b|\bresults?\s+"
                                r"(?:announce|release)", re.I)),
    ("abstract", re.compile(r"(?<!extended )\babstracts?\s+(?:submission|registration|deadline|due)\b|"
                            r"(?<!extended )\babstract\s+deadline|"
                            r"\btitle\s+and\s+abstract|\bpaper\s+registration", re.I)),
    ("submission", re.compile(r"\bsubmi(?:t|ssions?|tted)\b|\bdeadline\b|\bdue\b", re.I)),
    ("workshop", re.compile(r"\bworkshop\b|\bevent\b|\bsymposium\b", re.I)),
)
_NOT_MILESTONE = re.compile(r"\bjournal\b|\bfinancial\b|\bvisa\b|\btravel\b|\bgrants?\b|\bopens?\b|\bopening\b|"
                            r"\bstarts?\b|\bbegins?\b|\breviewers?\b|\breview\s+period\b|\brebuttal\b|"
                            r"\bdiscussion\b|\bearly\s+bird\b|\bhotel\b|\bsince\b|\bregistration\b|\bprofiles?\b|\baccounts?\b|\bmain\s+conference\b|"
                            r"\bvideos?\b|\bposters?\b|\bslides\b|\bregistration\s+(?:opens|closes)\b|\bwebsite\b|"
                            r"\bdissemination\b|\bnominat", re.I)
_DATES_SECTION = re.compile(r"\bdates?\b|\bdeadlines?\b|\btimeline\b|\bschedule\b", re.I)
_OLD = re.compile(r"(?:\bwas|\boriginally|\bpreviously|\bformerly|\bextended\s+from|\bold(?:\s+deadline)?|"
                  r"\binstead\s+of)\W*$", re.I)
_NEW = re.compile(r"(?:\bextended(?:\s+(?:to|until|deadline))?|\bnow|\bnew(?:\s+deadline)?|\bpostponed\s+to|"
                  r"\bmoved\s+to|\u2192|->|=>|\bupdated(?:\s+to)?)\W*$", re.I)
_EXTENDED = re.compile(r"\bextended\s+(?:to|until|from|till)\b|\b(?:has|have|had)\s+been\s+extended\b|"
                       r"\b(?:is|was|deadline)\s+extended\b|\(extended\)|\bextended\s*!|\bextension\b|\bpostponed\b|"
                       r"\bnew\s+deadline\b|\bmoved\s+to\b|\bdelayed\b", re.I)
_ALL_DEADLINES = re.compile(r"\b(?:all\s+(?:the\s+)?(?:submission\s+)?deadlines?|deadlines?\s+(?:are|is))\b", re.I)
_ALL_DATES = re.compile(r"\ball\s+(?:the\s+)?(?:dates?|times?)\b|\b(?:dates?|times?)\s+(?:are|is|listed|given|shown)\b",
                        re.I)
_TBD_LABEL = re.compile(r"deadline|date|\bdue\b|notif|camera|decision|:\s*$|\|\s*$", re.I)
DEADLINES = ("abstract", "submission", "camera_ready")
MAX_DAYS = 12  # days read per sentence


@dataclass
class Hit:
    """One day written in a sentence (struck-through text blanked out)."""

    start: int
    end: int
    month: int
    day: int
    year: int | None
    undecided: str | None = None  # "two possible days"
    zone: str | None = None
    time: str | None = None
    last: tuple[int, int] | None = None  # (month, day) a span ends on: "April 1 - May 8"


@dataclass
class Entry:
    """A milestone as one sentence states it, before years and zones are settled."""

    milestone: str
    sentence: Sentence
    index: int
    hits: list[Hit] = field(default_factory=list)
    as_stated: str = ""
    superseded: list[str] = field(default_factory=list)
    tbd: str | None = None
    zone: str | None = None
    zone_from: str | None = None
    time: str | None = None
    track: str | None = None
    listed: bool = False  # from a list item, a table row or a dates section: preferred over prose
    struck_only: bool = False  # every day the sentence gives for it is struck through
    label: str = ""  # the words that name it
    notes: list[str] = field(default_factory=list)
    start: int = 0  # where its words begin in the sentence
    end: int = 0  # where its last day ends


def zone_name(match: re.Match) -> str:
    """A time zone as the call states it, in its usual spelling: AoE, UTC, UTC+8, PT, CET..."""
    if match.group("aoe"):
        return "AoE"
    if match.group("offset"):
        return re.sub(r"\s+", "", match.group("offset")).replace("\u2212", "-").upper().replace("GMT", "UTC")
    if match.group("utc"):
        return match.group("utc").upper()
    if match.group("named"):
        lower = match.group("named").lower()
        return next(v for k, v in _NAMED_ZONES.items() if lower.startswith(k))
    return match.group("abbr")


def find_zone(text: str) -> str | None:
    match = _ZONE.search(text)
    return zone_name(match) if match else None


def find_time(text: str) -> str | None:
    """'23:59' from "23:59", "11:59PM", "11:59 p.m.", "5pm", "noon"."""
    match = _TIME.search(text)
    if not match:
        return None
    if match.group("noon"):
        return "12:00"
    if match.group("h24"):
        return f"{int(match.group('h24')):02d}:{match.group('m24')}"
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    if hour > 12:
        return None
    afternoon = match.group("ap").lower().startswith("p")
    hour = hour % 12 + (12 if afternoon else 0)
    return f"{hour:02d}:{minute:02d}"


def _month(word: str) -> int:
    return MONTHS[word.lower()[:3]]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


_NOT_A_DAY = re.compile(r"\b(?:sections?|sec|tables?|fig(?:ure)?s?|eq(?:uation)?s?|versions?|v|chapters?|steps?|"
                        r"items?|no|nr|appendix|theorem|lemma|page|pages|pp|rule|clause)\.?\s*$", re.I)


def _hit(kind: str, match: re.Match, slash_order: str) -> Hit | None:
    groups = match.groupdict()
    if kind in ("month_day", "day_month"):
        word = groups["mon"].rstrip(".")
        if word.islower() and kind == "month_day" and word in ("may", "march"):
            return None  # "authors may 2 ..." is not a month
        month, day = _month(word), int(groups["day"])
    elif kind in ("slash", "dashes"):
        first, second = int(groups["first"]), int(groups["second"])
        day_first = first > 12 or (second <= 12 and slash_order == "dmy")
        month, day = (second, first) if day_first else (first, second)
    else:
        if kind == "dots_short" and _NOT_A_DAY.search(match.string[max(0, match.start() - 16):match.start()]):
            return None  # "Section 4.2.", "version 1.3."
        month, day = int(groups["month"]), int(groups["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    hit = Hit(match.start(), match.end(), month, day, _year(groups.get("year")))
    if groups.get("other"):
        hit.undecided = f"two possible days ({match.group(0).strip()})"
    if kind == "month_day" and groups.get("span"):
        last = re.search(r"([A-Za-z]{3,})\.?\s+([0-3]?\d)|([0-3]?\d)", groups["span"])
        if last and last.group(1) and last.group(1).lower()[:3] in MONTHS:
            hit.last = (_month(last.group(1)), int(last.group(2)))
        elif last and last.group(3):
            hit.last = (month, int(last.group(3)))
    paren = groups.get("paren") or ""
    hit.zone, hit.time = find_zone(paren), find_time(paren)
    return hit


def slash_order(texts: list[str]) -> str:
    """mdy or dmy: how this call writes 05/08/2026, from its unambiguous slashed dates; when none tells, from
    how it writes its other dates ("8 May 2026", "8.5.2026" are day first; "May 8, 2026" month first)."""
    for text in texts:
        for match in [*_SLASH.finditer(text), *_DASHES.finditer(text)]:
            if int(match.group("first")) > 12:
                return "dmy"
            if int(match.group("second")) > 12:
                return "mdy"
    day_first = sum(len(_DAY_FIRST.findall(text)) for text in texts)
    month_first = sum(len(_MONTH_FIRST.findall(text)) for text in texts)
    return "dmy" if day_first > month_first else "mdy"


def find_days(text: str, order: str = "mdy") -> list[Hit]:
    """Every day written in `text`, left to right, none overlapping."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            hit = _hit(kind, match, order)
            if hit:
                hits.append(hit)
                taken.append((match.start(), match.end()))
    return sorted(hits, key=lambda h: h.start)


# "(ECCV paper notifications: July 3rd)", "NeurIPS main conference decisions": the host conference's dates
_CONFERENCE_LABEL = re.compile(r"(?-i:\b(?:ICML|ICLR|NeurIPS|NIPS|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|AAAI|IJCAI|KDD|COLM|"
                               r"AISTATS|UAI|CoRL|ICRA|IROS|WACV|MICCAI|SIGIR|WWW)\b)\s*'?(?:20)?(?:\d\d\s+)?"
                               r"(?:main\s+|full\s+)?(?:papers?|conference|track)\b", re.I)
_HELD_ON = re.compile(r"\b(?:held|takes?\s+place|taking\s+place|will\s+run)(?:\s+(?:on|in))?\W{0,10}$", re.I)


def milestone_of(label: str) -> str | None:
    """The milestone a label names, the most specific first ("Camera-ready submission" is camera-ready)."""
    if _HELD_ON.search(label):
        return "workshop"  # "We invite submissions to the workshop, to be held on September 29"
    if _CONFERENCE_LABEL.search(label) and not re.search(r"\bworkshops?\b", label, re.I):
        return None
    for name, pattern in _MILESTONES:
        if pattern.search(label):
            if name in ("submission", "workshop") and _NOT_MILESTONE.search(re.sub(r"\([^()]*\)", " ", label)):
                return None
            if name in ("camera_ready", "notification") and re.search(r"\bjournal\b|\bmain\s+conference\b",
                                                                       label, re.I):
                return None
            return name
    return None


def _suffix_end(text: str, start: int, limit: int) -> int:
    """Where the words that belong to a day end: the next day, a ';', or 60 characters on."""
    stop = text.find(";", start, limit)
    return min(limit, start + 60, stop if stop >= 0 else limit)


_CONNECTORS = re.compile(r"\b(?:and|or|to|the|aoe|utc|gmt|was|now|new|extended|from|originally|previously|"
                         r"formerly|postponed|moved|updated|instead|of|deadline)\b|[^\w]", re.I)


def _continues(label: str) -> bool:
    """Between two days, only connectors ("was", "extended to", "->"): the second day is the same milestone's."""
    return not re.search(r"[A-Za-z]{3,}", _CONNECTORS.sub(" ", label))


def _column_label(sentence: Sentence, text: str, position: int) -> str | None:
    """In a table row, the header of the column a day stands in, with the row's first cell (its track)."""
    if sentence.kind != "row" or not sentence.table_header:
        return None
    column = text.count(" | ", 0, position)
    header = sentence.table_header.split(" | ")
    first = text.split(" | ", 1)[0]
    if column >= len(header) or (column == 0 and not find_days(first)):
        return None
    return f"{first} {header[column]}" if not find_days(first) else header[column]


def _entries_in(sentence: Sentence, index: int, order: str, before: Sentence | None = None) -> list[Entry]:
    original = sentence.text
    text, _ = strip_struck(original)
    hits = find_days(text, order)[:MAX_DAYS]
    struck_only = not hits and bool(struck_spans(original))
    if struck_only:
        # every day of the sentence is struck through and none replaces it: a milestone that has passed
        # ("~~May 15: submission deadline~~"), or a chain of extensions all closed ("~~Aug 4~~ ~~Aug 18~~")
        text = unmark_struck(original)
        hits = find_days(text, order)[:MAX_DAYS]
    listed = sentence.kind in ("item", "row") or any(_DATES_SECTION.search(h) for h in sentence.headings[-1:])
    entries = _read_entries(sentence, index, text, hits, listed, before)
    for number, entry in enumerate(entries):
        if struck_only:
            _last_of_struck(entry)
        else:
            entry.superseded += [words for start, _, words in struck_spans(original)
                                 if entry.start <= start < entry.end and find_days(words, order)]
        # "23.05.2025 (extended from 16.05.2025), 23:59 CEST": the zone may follow the old day
        region = text[entry.start:entries[number + 1].start if number + 1 < len(entries) else len(text)]
        for hit in entry.hits[:1]:
            hit.zone = hit.zone or find_zone(region)
            hit.time = hit.time or find_time(region)
    return entries + _tbd_entries(sentence, index, text, hits, listed)


def _read_entries(sentence: Sentence, index: int, text: str, hits: list[Hit], listed: bool,
                  before: Sentence | None) -> list[Entry]:
    """The milestones of one sentence, each with its days, left to right."""
    entries: list[Entry] = []
    current: Entry | None = None
    previous_end = 0
    for position, hit in enumerate(hits):
        following = hits[position + 1].start if position + 1 < len(hits) else len(text)
        suffix = text[hit.end:_suffix_end(text, hit.end, following)]
        hit.zone = hit.zone or find_zone(suffix)
        hit.time = hit.time or find_time(suffix)
        label, milestone, label_after = _label_of(sentence, text, hit, position == 0, previous_end, following,
                                                  listed, before)
        if milestone is not None:
            current = Entry(milestone, sentence, index, listed=listed, track=track_name(label), start=previous_end,
                            label=label)
            current.zone = find_zone(label[_keyword_end(label):])
            entries.append(current)
        elif current is None or not _continues(label):
            current, previous_end = None, hit.end
            continue
        _add_hit(current, hit, "" if label_after else label, sentence.text, suffix, previous_end)
        current.end = hit.end
        previous_end = hit.end
    return entries


def _label_of(sentence: Sentence, text: str, hit: Hit, first: bool, previous_end: int, following: int,
              listed: bool, before: Sentence | None) -> tuple[str, str | None, bool]:
    """(the words that name a day's milestone, the milestone, whether those words follow the day)."""
    label = text[previous_end:hit.start]
    milestone = milestone_of(label)
    column = _column_label(sentence, text, hit.start)
    if milestone is None and column and milestone_of(column):
        return column, milestone_of(column), False  # "Submission | Notification" over "May 8 | June 1"
    bare = first and not re.search(r"[A-Za-z]{3,}", label)  # the day opens its sentence
    if milestone is None and bare and listed and milestone_of(text[hit.end:following]):
        return text[hit.end:following], milestone_of(text[hit.end:following]), True  # "May 8: paper deadline"
    if milestone is None and bare and before is not None and before.block != sentence.block \
            and len(before.text) <= 60 and not find_days(before.text):
        return before.text, milestone_of(before.text), True  # "<div>Submission deadline</div><div>May 8</div>"
    return label, milestone, False


def _last_of_struck(entry: Entry) -> None:
    """All of a milestone's days struck through: the last one is the one that held."""
    if len(entry.hits) > 1:
        entry.superseded += [entry.sentence.text[h.start:h.end] for h in entry.hits[:-1]]
        entry.hits = entry.hits[-1:]
    entry.struck_only = True
    entry.notes.append(f"the call strikes through the {entry.milestone.replace('_', '-')} date "
                       f"({entry.as_stated.replace('~~', '').strip()}) without giving another: it is read as "
                       "the date that held")


def _add_hit(entry: Entry, hit: Hit, label: str, original: str, suffix: str, label_start: int) -> None:
    """One more day for a milestone: an old one ("was May 1") is superseded, a new one replaces the others."""
    if _OLD.search(label) and entry.hits:
        entry.superseded.append(original[hit.start:hit.end])
        return
    if _NEW.search(label) and entry.hits:
        entry.superseded += [original[h.start:h.end] for h in entry.hits]
        entry.hits = []
    entry.hits.append(hit)
    entry.as_stated = _as_stated(original, label, label_start, hit, suffix, entry.as_stated)


def _keyword_end(label: str) -> int:
    ends = [m.end() for _, pattern in _MILESTONES for m in pattern.finditer(label)]
    return max(ends, default=0)


def _as_stated(original: str, label: str, label_start: int, hit: Hit, suffix: str, before: str) -> str:
    """The day as the call writes it: from after the label's colon (struck text included) to its zone or time."""
    cut = max(label.rfind(":"), label.rfind("|"))
    start = label_start + cut + 1 if cut >= 0 and not before else hit.start
    tail = re.match(r"^[\s,]*(?:\([^()]{0,40}\)|(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|\d{1,2}:\d\d)|AoE|Anywhere\s+on"
                    r"\s+Earth(?:\s*\(AOE\))?|UTC[+\-]?\d*|GMT[+\-]?\d*|[A-Z]{2,4}T|,|\s)*", suffix, re.I)
    end = hit.end + (len(tail.group(0).rstrip(" ,")) if tail else 0)
    text = re.sub(r"^(?:(?:due|by|on|until|till|is|are|will\s+be)\s+)+", "", original[start:end].strip(" ,;|"),
                  flags=re.I)
    return f"{before} {text}".strip() if before and start == hit.start else text


def _tbd_entries(sentence: Sentence, index: int, text: str, hits: list[Hit], listed: bool) -> list[Entry]:
    """A milestone the call names without a day: "Camera-ready deadline: to be announced"."""
    if hits:
        return []
    found = TBD.search(text)
    if not found:
        return []
    label = text[:found.start()]
    milestone = milestone_of(label)
    if milestone is None or not _TBD_LABEL.search(label):
        return []
    entry = Entry(milestone, sentence, index, listed=listed, tbd=found.group(0), track=track_name(label), label=label)
    entry.as_stated = text[found.start():found.end()]
    return [entry]


def _undecided_alternatives(entry: Entry) -> None:
    """Several days for one milestone with no word saying which is current: not an exact day."""
    days = {(h.month, h.day, h.year) for h in entry.hits}
    zones = [h.zone for h in entry.hits]
    if len(days) > 1 and all(zones) and len(set(zones)) == len(zones):
        entry.hits = entry.hits[:1]  # "May 8 (AoE) / May 9, 12:00 UTC": one moment in two zones
    elif len(days) > 1 and entry.milestone != "workshop":
        entry.notes.append(f"the call gives {len(days)} days for the {entry.milestone.replace('_', '-')} "
                           f"({entry.as_stated}): check which one holds")
        entry.hits = [Hit(entry.hits[0].start, entry.hits[0].end, 0, 0, None,
                          undecided=f"several days ({entry.as_stated})")]


def _global_zones(sentences: list[Sentence]) -> tuple[tuple[str, str | None, str] | None, tuple[str, str] | None]:
    """((zone, time, sentence) for all deadlines, (zone, sentence) for all dates) from sentences about them."""
    deadlines = dates = None
    for sentence in sentences:
        zone = find_zone(sentence.text)
        if not zone or find_days(sentence.text):
            continue
        if _ALL_DATES.search(sentence.text) and dates is None:
            dates = (zone, sentence.text)
        elif _ALL_DEADLINES.search(sentence.text) and deadlines is None:
            deadlines = (zone, find_time(sentence.text), sentence.text)
    return deadlines, dates


def _settle_zone(entry: Entry, deadlines, dates) -> None:
    hit = entry.hits[0] if entry.hits else None
    own = (hit.zone if hit else None) or entry.zone
    entry.time = hit.time if hit else None
    if own:
        entry.zone = own
        return
    headings = list(entry.sentence.headings) + [entry.sentence.table_header or ""]
    heading_zone = next((find_zone(h) for h in reversed(headings) if find_zone(h)), None)
    if heading_zone:
        entry.zone, entry.zone_from = heading_zone, next(h for h in reversed(headings) if find_zone(h))
    elif deadlines and entry.milestone in DEADLINES:
        entry.zone, entry.zone_from = deadlines[0], deadlines[2]
        entry.time = entry.time or deadlines[1]
    elif dates:
        entry.zone, entry.zone_from = dates
    if deadlines and entry.milestone in DEADLINES and entry.zone == deadlines[0]:
        entry.time = entry.time or deadlines[1]


def _years(entries: list[Entry], workshop_year: int | None) -> None:
    """A day without a year takes the year of the nearest dated day of the call, else the workshop's."""
    dated = [(e.index, h) for e in entries for h in e.hits if h.year]
    for entry in entries:
        for hit in entry.hits:
            if hit.year or hit.month == 0:
                continue
            before = [h for i, h in dated if i <= entry.index]
            after = [h for i, h in dated if i > entry.index]
            anchor = before[-1] if before else (after[0] if after else None)
            if anchor is not None:
                hit.year = anchor.year
                if anchor.month >= 9 and hit.month <= 4 and before:
                    hit.year = (anchor.year or 0) + 1  # "Oct 15, 2025 ... workshop: Jan 27"
            else:
                hit.year = workshop_year
            if hit.year:
                entry.notes.append(f"the call gives no year for the {entry.milestone.replace('_', '-')} "
                                   f"({entry.as_stated}); {hit.year} is assumed")


def _to_value(entry: Entry) -> DateValue:
    hit = entry.hits[0] if entry.hits else None
    day = None
    undecided = entry.tbd and f"the call says {entry.tbd!r}"
    if hit is not None and not hit.undecided and hit.year:
        month, dom = hit.last if hit.last and entry.milestone in DEADLINES else (hit.month, hit.day)
        try:
            day = date(hit.year, month, dom)  # a submission window closes on its last day
        except ValueError:
            undecided = f"{entry.as_stated!r} is not a calendar day"
    elif hit is not None:
        undecided = hit.undecided or "the call gives no year"
    return DateValue(milestone=entry.milestone, day=day, time=entry.time, timezone=entry.zone,
                     as_stated=entry.as_stated, source=entry.sentence.text,
                     year_inferred=bool(hit and any("no year" in n for n in entry.notes)), zone_from=entry.zone_from,
                     superseded=list(dict.fromkeys(entry.superseded)), undecided=undecided or None,
                     track=entry.track)


def _rank(entry: Entry) -> tuple:
    """Which statement of a milestone wins: a day over a struck-only one or a "TBD"; an extension or a
    replacement over the rest; a list or table over prose; the paper's over what is sent beside it (data, code,
    ARR reviews); then the first (of struck-only ones, the last)."""
    changed = bool(entry.superseded and not entry.struck_only) or bool(_EXTENDED.search(entry.sentence.text))
    return (entry.struck_only, entry.tbd is not None, not changed, not entry.listed,
            bool(_SIDE_SUBMISSION.search(entry.label)), -entry.index if entry.struck_only else entry.index)


# "Sample data submission deadline", "ARR submission deadline": something sent beside the paper
_SIDE_SUBMISSION = re.compile(r"\b(?:data|sample|code|artifacts?|datasets?|supplementa\w*|ARR|rolling\s+review|"
                              r"videos?|slides|posters?|reviews?|bids?|bidding)\b", re.I)


def find_dates(sentences: list[Sentence], workshop_year: int | None) -> tuple[dict[str, DateValue],
                                                                               list[DateValue], list[str]]:
    """(milestone -> its date, further per-track dates, notes for a human)."""
    order = slash_order([s.text for s in sentences])
    entries = [e for index, s in enumerate(sentences)
               for e in _entries_in(s, index, order, sentences[index - 1] if index else None)]
    deadlines, all_dates = _global_zones(sentences)
    for entry in entries:
        _undecided_alternatives(entry)
        _settle_zone(entry, deadlines, all_dates)
    _years(entries, workshop_year)
    chosen: dict[str, DateValue] = {}
    per_track: list[DateValue] = []
    notes: list[str] = []
    for entry in sorted(entries, key=_rank):
        value = _to_value(entry)
        known = chosen.get(entry.milestone)
        if known is None:
            chosen[entry.milestone] = value
            notes += entry.notes
        elif value.day == known.day and value.timezone and not known.timezone:
            # "extended to October 4!" and "Deadline: ~~Oct 1~~ Oct 4 (11:59pm AoE)": one day, the zone of either
            known.timezone, known.time, known.zone_from = value.timezone, known.time or value.time, value.source
        elif entry.track and entry.track != known.track and value.day != known.day:
            per_track.append(value)
        elif value.day and known.day and value.day != known.day and not entry.listed and entry.milestone != "workshop":
            notes.append(f"the call also gives {entry.as_stated!r} for the {entry.milestone.replace('_', '-')} "
                         f"(\"{entry.sentence.text}\"); {known.as_stated!r} is used")
    return chosen, per_track, notes
