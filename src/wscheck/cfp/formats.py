"""Templates a call accepts, the conference it belongs to, and the workshop's year.

A family counts when the call names it as a template ("ICML 2026 LaTeX
Template", "ICML and NeurIPS formats", "(ICLR conference style)", "template
adapted from ICLR") or links an official style file (icml2025.zip,
NeurIPS2025/Styles.zip). A template of the workshop's own ("ICML duality
workshop template", "want_neurips_2023_templates") or of another venue (ACL,
CVPR, LNCS...) is `other`. "accepted at ICML 2025" or "the ICLR 2026 main
conference" name the conference, not a template.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote

from wscheck.cfp.limits import CAMERA_READY
from wscheck.cfp.model import Format, Stated
from wscheck.cfp.sentences import Sentence

FAMILIES = ("iclr", "icml", "neurips")
_FAMILY_NAMES = "ICLR|ICML|NeurIPS|NIPS"
_FAMILY = f"(?:{_FAMILY_NAMES})"
_NOUN = (r"(?:templates?|formats?|formatting|styles?|style\s*files?|stylefiles?|author\s+(?:kit|guide(?:lines)?|"
         r"instructions)|(?:single|double|two|one)[- ]column|latex|overleaf|\.sty\b|kit)")
_BETWEEN = re.compile(rf"^(?:[\s,'’/&-]|\b(?:and|or|the|conference|main|official|latex|paper|submission|"
                      rf"camera[- ]ready|s|20\d\d|\d\d|{_FAMILY_NAMES})\b)*", re.I)
_NOUN_AT = re.compile(rf"^{_NOUN}", re.I)
_FAMILY_WORD = re.compile(rf"\b({_FAMILY})(?:[\s_-]*'?((?:20)?\d\d))?(?:_conference)?(?![\w])", re.I)
_BASED_ON = re.compile(rf"{_NOUN}[^.;]{{0,60}}?\b(?:(?:adapted|based|derived|built|modified)\s+(?:from|on)|follows?|"
                       rf"following|same\s+as|as\s+in|as\s+for|as|like|for|of)\s+(?:the\s+)?({_FAMILY})"
                       rf"(?:\s*(20\d\d))?|"
                       rf"\b(?:format|template|style)\s*:\s*(?:the\s+)?({_FAMILY})(?:\s*(20\d\d))?\b", re.I)
_OWN_TEMPLATE = re.compile(r"\btemplates?\b|\bstyle\s*files?\b|\bstylefiles?\b|\.sty\b|\bauthor\s+kit\b|"
                           r"\blatex\s+(?:style|files?)\b|\boverleaf\b", re.I)
_OTHER_VENUES = re.compile(r"\b(ACL|ACM|AAAI|CVPR|ICCV|ECCV|IEEE|LNCS|Springer|IJCAI|COLM|TMLR|JMLR|EMNLP|NAACL|CEUR|"
                           r"LIPIcs|Elsevier|ISMIR|MIDL|ML4H|CHIL|IJCNN|ECML|PKDD|ECAI|ICDE|WSDM|RecSys|CoLLAs|COLT|"
                           r"L4DC|ICMI|ISWC|ESWC|MLSys|AAMAS|LREC|EACL|AACL|TACL|SIGGRAPH|ACCV|ICPR|ICIP|ISBI|CSCW|"
                           r"UIST|IUI|HRI|CLeaR|SIAM|INFORMS|AMIA|IJCAR|"
                           r"KDD|AISTATS|UAI|CoRL|RSS|MICCAI|Interspeech|ICASSP|ICRA|IROS|WACV|BMVC|CHI|PMLR|"
                           r"ARR|COLING|EACL|SIGIR|WWW|ICDM|SDM|CIKM)\b(?:\s*20\d\d)?\s+(?:[\w-]+\s+){0,2}?"
                           r"(?:templates?|formats?|style|style\s*files?|guidelines|kit|latex)", re.I)
# "send it by e-mail following the template below": a message's template, not a paper's
_MAIL_TEMPLATE = re.compile(r"\be-?mails?\b|\bsubject\s+line\b", re.I)
_LINK = re.compile(r"<([^<>\s]+)>")
_OFFICIAL_FILE = re.compile(r"(?:^|/)(iclr|icml|neurips)[_-]?(20\d\d)(?:_conference)?(?:[_-]?\w{0,12})?"
                            r"\.(?:zip|sty|tex|tar\.gz)$", re.I)
_OFFICIAL_PATH = re.compile(r"(?:media\.)?(icml|neurips|iclr)\.cc/Conferences/(?:ICML|NeurIPS|ICLR)?(20\d\d)/"
                            r"(?:Styles|AuthorGuide|AuthorInstructions|CallForPapers|PaperInformation)", re.I)
# a link to the style files themselves (not to an author guide or a call) names the template on its own
_STYLE_LINK = re.compile(r"/Styles\b|/StyleFiles\b|Master-Template|\.(?:zip|sty|tar\.gz)$", re.I)
_MASTER_TEMPLATE = re.compile(r"github\.com/ICLR/Master-Template(?:/[^/]+)*/iclr(20\d\d)", re.I)
_NO_TEMPLATE = re.compile(r"\bno\s+(?:required\s+|specific\s+|particular\s+|mandatory\s+)?(?:templates?|format|style)|"
                          r"\bany\s+(?:templates?|format|style)|\b(?:templates?|style\s*files?)\s+(?:is|are)\s+"
                          r"(?:not\s+required|optional)|\bfree\s+format\b", re.I)
_CONFERENCE_TEMPLATE = re.compile(
    r"\b(?:main\s+)?conference(?:'s)?\s+(?:style|template|format|formatting|style\s*files?|latex\s+template)\b|"
    r"\b(?:template|style\s*files?|format|formatting\s+(?:guidelines|instructions))\s+(?:of|for|from)\s+the\s+"
    r"(?:main\s+)?conference\b", re.I)
_NEGATED_USE = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:use|accept|allow)", re.I)
_OBLIGATION = re.compile(r"\b(?:must|should|required?|need(?:s)?\s+to|has\s+to|have\s+to|only|converted)\b", re.I)
_HOST = re.compile(rf"\b({_FAMILY})\s*'?(20\d\d|\d\d)\b|\b({_FAMILY})(20\d\d)\b", re.I)
_OPENREVIEW_GROUP = re.compile(r"openreview\.net/group\?id=(ICLR|ICML|NeurIPS)\.cc/(20\d\d)/Workshop", re.I)
_WORKSHOP_OF = re.compile(rf"(?:@\s*|\bworkshops?\s+(?:at|@)\s+(?:the\s+)?)({_FAMILY})\s*'?(20\d\d)?|"
                          rf"\b({_FAMILY})\s*'?(20\d\d)\s+workshops?\b", re.I)


def _family(word: str) -> str:
    word = word.lower()
    return "neurips" if word in ("neurips", "nips") else word


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


def official_link(url: str) -> tuple[str, int] | None:
    """(family, year) of a link to a conference's own style files; None for anything else."""
    url = unquote(url)
    for pattern in (_OFFICIAL_PATH, _OFFICIAL_FILE):
        found = pattern.search(url)
        if found:
            return _family(found.group(1)), int(found.group(2))
    found = _MASTER_TEMPLATE.search(url)
    return ("iclr", int(found.group(1))) if found else None


def _named(text: str) -> list[tuple[str, int | None]]:
    """Families the text names as templates: a family word, then (after "and", years...) a template noun."""
    out: list[tuple[str, int | None]] = []
    words = list(_FAMILY_WORD.finditer(text))
    for index, word in enumerate(words):
        rest = text[word.end():]
        gap = _BETWEEN.match(rest)
        position = gap.end() if gap else 0
        if not _NOUN_AT.match(rest[position:]) or re.search(r"\bworkshop\b", rest[:position], re.I):
            continue
        out.append((_family(word.group(1)), _year(word.group(2))))
        # "ICML and NeurIPS formats": every family in the run before the noun shares it
        for later in words[index + 1:]:
            if later.start() < word.end() + position:
                out.append((_family(later.group(1)), _year(later.group(2))))
    for found in _BASED_ON.finditer(text):
        family, year = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        out.append((_family(family), _year(year)))
    return [item for item in dict.fromkeys(out)]


def _links(text: str) -> list[tuple[str, int, bool]]:
    """(family, year, whether the link is to the style files themselves) of each official link in `text`."""
    out = []
    for match in _LINK.finditer(text):
        found = official_link(match.group(1))
        if found:
            out.append((*found, bool(_STYLE_LINK.search(unquote(match.group(1))))))
    return out


def find_formats(sentences: list[Sentence], host: str | None = None) -> tuple[list[Format], str | None]:
    """(accepted templates, the sentence naming a template of the workshop's own when no family is named).

    "the main conference's template" names the host conference's family.
    """
    found: dict[str, Format] = {}
    own: str | None = None
    conference: str | None = None
    for sentence in sentences:
        text = sentence.text
        if _NEGATED_USE.search(text):
            continue
        named = _named(_LINK.sub(" ", text))
        if not named and conference is None and _CONFERENCE_TEMPLATE.search(text) and not _OTHER_VENUES.search(text):
            conference = text
            continue
        for family, year in named:
            _add(found, family, year, text)
        for family, year, style_files in _links(text):
            if style_files or _OWN_TEMPLATE.search(text) or family in found or named:
                _add(found, family, year, text)
        other = _OTHER_VENUES.search(text)
        if other:
            other_year = re.search(r"20\d\d", other.group(0))
            _add(found, "other", _year(other_year.group(0)) if other_year else None, text)
        elif own is None and not named and _OWN_TEMPLATE.search(text) and not CAMERA_READY.search(text) \
                and not _NO_TEMPLATE.search(text) and not _MAIL_TEMPLATE.search(text):
            own = text
    if not found and conference and host:
        found[host] = Format(host, None, conference)
    if not found and own:
        found["other"] = Format("other", None, own)
    return list(found.values()), own if "other" in found else None


def _add(found: dict[str, Format], family: str, year: int | None, source: str) -> None:
    known = found.get(family)
    if known is None:
        found[family] = Format(family, year, source, source if year else None)
    elif known.year is None and year is not None:
        known.year, known.year_source = year, source


def camera_ready_formats(sentences: list[Sentence]) -> Stated | None:
    """ "all camera ready papers must be in ICML format": the families the camera-ready version must use."""
    for sentence in sentences:
        for clause in re.split(r",\s*but\b|;|\bwhile\b|\bwhereas\b", sentence.text):
            if not CAMERA_READY.search(clause) or not _OBLIGATION.search(clause):
                continue
            families = sorted({family for family, _ in _named(clause)})
            if len(families) == 1 and families[0] in FAMILIES:
                return Stated(families, sentence.text)
    return None


def host_and_year(sentences: list[Sentence], title: str) -> tuple[str | None, int | None, str | None]:
    """(the conference the workshop is held at, its year, the sentence that says so)."""
    for sentence in [Sentence(title, -1, "heading")] + sentences:
        found = _OPENREVIEW_GROUP.search(sentence.text) or _WORKSHOP_OF.search(sentence.text)
        if found:
            groups = [g for g in found.groups() if g]
            year = next((g for g in groups if g[:1].isdigit()), None)
            if year or len(groups) == 1:
                return _family(groups[0]), _year(year), sentence.text
    counts: Counter[tuple[str, int]] = Counter()
    first: dict[tuple[str, int], str] = {}
    for sentence in sentences:
        for match in _HOST.finditer(sentence.text):
            family, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            key = (_family(family), _year(year) or 0)
            counts[key] += 1
            first.setdefault(key, sentence.text)
    if not counts:
        return _host_from_links(sentences)
    (family, year), _ = counts.most_common(1)[0]
    return family, year, first[(family, year)]


_CONFERENCE_PAGE = re.compile(r"\b(iclr|icml|neurips|nips)\.cc/Conferences/(20\d\d)\b", re.I)


def _host_from_links(sentences: list[Sentence]) -> tuple[str | None, int | None, str | None]:
    """The conference and year of the conference pages the call links ("NeurIPS style <neurips.cc/Conferences/2020/
    ...>"), when its words name neither: the workshop's year for days written without one."""
    counts: Counter[tuple[str, int]] = Counter()
    first: dict[tuple[str, int], str] = {}
    for sentence in sentences:
        for match in _CONFERENCE_PAGE.finditer(sentence.text):
            key = (_family(match.group(1)), int(match.group(2)))
            counts[key] += 1
            first.setdefault(key, sentence.text)
    if not counts:
        return None, None, None
    (family, year), _ = counts.most_common(1)[0]
    return family, year, first[(family, year)]
