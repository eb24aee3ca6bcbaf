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
metadata and attachments, and the structure's reading order and section kinds.
"""
from __future__ import annotations

import bisect
import re
import string
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from wscheck.authors import Identity, IdentityMatcher, fold_text, parse_identity

# -- kinds ----------------------------------------------------------------------
# Kinds that reveal the authors: what `inspect` lists under `identity`.
REVEALING_KINDS = ("author-block", "affiliation", "orcid", "email", "url", "metadata", "attachment",
                   "acknowledgments", "author-name")
# Kinds that only warn or inform: listed by the check, never as identity.
NOTE_KINDS = ("self-citation", "acknowledgments-present", "embedded-file", "third-party-url",
              "anonymous-leftover")

FIXES = {
    "author-block": "replace the names with the template's anonymous author block (compile without the "
                    "final/accepted/preprint option)",
    "affiliation": "remove affiliations from the submission; the template's anonymous block has none",
    "orcid": "remove ORCID iDs and their links from the submission",
    "email": "remove the e-mail address, or use the template's placeholder (anon.email@domain.com)",
    "url": "link an anonymized copy instead (e.g. https://anonymous.4open.science/), or remove the link "
           "until the camera-ready",
    "metadata": "clear the PDF metadata, e.g. \\hypersetup{pdfauthor={}} (or the template's anonymous option), "
                "and build from a path without your user name",
    "attachment": "remove the embedded file, or rename it so that it does not identify you",
    "acknowledgments": "remove acknowledgments and funding from the submission; add them in the camera-ready",
    "author-name": "remove or anonymize this mention of an author",
    "self-citation": "cite your own work in the third person (\"Doe et al. (2023) showed\"), "
                     "or anonymize the citation",
    "acknowledgments-present": "leave acknowledgments out of the submission; add them in the camera-ready",
    "embedded-file": "check that the embedded file does not identify you, or remove it",
    "third-party-url": "nothing to do if this is someone else's resource; if it is yours, link an anonymized copy",
    "anonymous-leftover": "de-anonymize the camera-ready: real author block, real links, real metadata "
                          "(compile with the final/accepted option)",
}

DEFAULT_ALLOWED_HOSTS = (
    "anonymous.4open.science",
    "openreview.net",
    "arxiv.org",
    "doi.org",
    "dx.doi.org",
)


@dataclass(frozen=True)
class Leak:
    page: int | None
    kind: str
    text: str  # the offending text, whole
    box: tuple[float, float, float, float] | None = None
    level: str = "error"  # error: reveals the authors; warning: may reveal them; info: allowed, listed
    detail: str | None = None
    line: int | None = None  # content line on the page, 1-based
    column: int | None = None  # 1 or 2 on a two-column page
    fix_hint: str | None = None  # overrides the kind's fix (FIXES)

    @property
    def reveals(self) -> bool:
        """Whether this belongs in `inspect`'s `identity` list."""
        return self.kind in REVEALING_KINDS and self.level != "info"

    @property
    def fix(self) -> str | None:
        return self.fix_hint or FIXES.get(self.kind)

    def as_dict(self) -> dict:
        return {"page": self.page, "kind": self.kind, "text": self.text}


@dataclass
class IdentityOptions:
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS
    # user-supplied identities, as Identity or in the string convention of wscheck.authors
    authors: tuple = ()
    # platforms where an account with an anonymous-looking name ("anon...") made for the review is
    # accepted: "hf" (Hugging Face has no anonymizing proxy), "site" (anonymous websites, demos)
    anonymous_accounts: tuple[str, ...] = ("hf", "site")
    self_citation: bool = True
    acknowledgments: bool = True

    def identities(self) -> list[Identity]:
        out = []
        for item in self.authors:
            if isinstance(item, Identity):
                out.append(item)
                continue
            try:
                out.append(parse_identity(item))
            except ValueError:
                if str(item).strip():
                    out.append(Identity("name", " ".join(str(item).split())))
        return out


# -- patterns ----------------------------------------------------------------------
PLACEHOLDER = re.compile(
    r"anonymous|anonymized|anonymised|\bblind review\b|double[- ]blind|author\(s\)"
    r"|^\s*(affiliation|address|e-?mail|institution|author names?|authors?)\s*\d*\s*$|匿名",
    re.I,
)
PLACEHOLDER_EMAIL = re.compile(
    r"^anon|anonym|@(?:[\w-]+\.)*(?:example|domain|email|mail|institution|university|affiliation|anon[\w-]*)"
    r"\.(?:com|org|net|edu)$|^(?:you|your|yourname|author|name|first\.last|firstname\.lastname|email|user"
    r"|username|someone|jdoe|john\.doe|jane\.doe)@(?:example|domain)|^(?:git|noreply|no-reply)@",
    re.I,
)
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# "{jane.doe,riyer}@stanford.edu" and "{jane, rahul}@cs.stanford.edu"
BRACE_EMAILS = re.compile(r"\{([^{}@\n]{1,300})\}\s*@\s*([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
# "jane [at] stanford [dot] edu", "jane(at)stanford.edu": addresses written to fool scrapers
OBFUSCATED_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*\s*(?:[\[({<]\s*at\s*[\])}>]|\s+at\s+)\s*[A-Za-z0-9-]+"
    r"(?:\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+|\.)\s*[A-Za-z0-9-]+)*"
    r"\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+|\.)\s*(?:com|org|net|edu|ac|io|ai|[a-z]{2})\b",
    re.I,
)
# "<xuelong li@ieee.org>": an address the PDF drew with a space for an underscore
BRACKET_EMAIL = re.compile(r"<([^<>@\n]{1,64}@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>")
# run on lower-cased text (_Stream.lower)
URL_TEXT = re.compile(
    r"(?:https?://|www\.)[^\s<>\"{}|\\^`]+"
    r"|(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|ai|edu|dev|app|me|science|page|site|info|ms)"
    r"/[^\s<>\"{}|\\^`]*"
)
ORCID = re.compile(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b")
HOME_PATH = re.compile(r"(?:/Users/|/home/|[A-Za-z]:\\Users\\|/mnt/c/Users/)([^/\\\s]+)")
GENERIC_ACCOUNTS = {"runner", "root", "user", "ubuntu", "admin", "administrator", "builder", "build", "vscode",
                    "jovyan", "overleaf", "docker", "ci", "travis", "circleci", "public", "shared", "default",
                    "guest", "sharelatex", "latex", "tex", "runneradmin"}
GENERIC_AUTHOR = re.compile(
    r"^(?:anonymous.*|anon\b.*|authors?|author names?|your name|name|unknown|user\d*|owner|admin(?:istrator)?|root"
    r"|default|none|null|n/?a|-+|microsoft office user|windows user|mac user|.*\bauthor\(s\))$",
    re.I,
)

VENUE = re.compile(
    r"conference|workshop|symposium|proceedings|submitted|submission|under review|preprint|draft|camera[- ]ready"
    r"|do not distribute|arxiv|copyright|journal|transactions|\b(?:ICLR|ICML|NeurIPS|NIPS|CVPR|ICCV|ECCV|ACL"
    r"|EMNLP|NAACL|AAAI|IJCAI|KDD|TMLR|JMLR|COLM|UAI|AISTATS|CoRL|RSS|IROS|ICRA|WACV|BMVC|MICCAI|SIGIR|WWW)\b"
    r"|会议|期刊|初稿|审阅",
    re.I,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}\b"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b|^\s*{_MONTHS}\s+\d{{4}}\s*$|^\s*\d{{4}}\s*$|\d+\s*[年月日]",
    re.I,
)
INSTITUTION = re.compile(
    r"\b(?:universit(?:y|ies|ät|at|é|à|e|ad|ade|eit|ario)|univ\b\.?|institut(?:e|o|ion|es)?|college|school of"
    r"|department|dept\b\.?|faculty|laborator(?:y|ies|ium)|labs?\b|research (?:center|centre|institute|lab|labs|group"
    r"|hub|division)|centre|center for|academy|hospital|foundation|polytechnic|politecnico|[ée]cole|inc\b\.?$"
    r"|ltd\b\.?|llc|gmbh|corporation|corp\b\.?|google|deepmind|microsoft|openai|anthropic|nvidia|amazon|facebook"
    r"|alibaba|tencent|baidu|bytedance|huawei|samsung|salesforce|adobe)\b"
    r"|大学|研究所|研究院|学院|实验室|公司",
    re.I,
)
# acronyms that only count when written in capitals
INSTITUTION_ACRONYM = re.compile(
    r"\b(?:MIT|ETH|EPFL|CMU|UCLA|UCSD|UCL|NYU|KAIST|INRIA|CNRS|CSAIL|MILA|MPI|KAUST|NUS|NTU|HKUST|USTC|IBM|FAIR"
    r"|IIT|IISc|ELLIS|RIKEN|A\*STAR|Meta AI|Apple)\b"
)
ADDRESS = re.compile(
    r"\b(?:USA|U\.S\.A\.|United States|UK|U\.K\.|United Kingdom|Canada|China|P\.\s?R\.\s?China|Germany|France|Japan"
    r"|Korea|India|Singapore|Switzerland|Netherlands|Australia|Brazil|Italy|Spain|Israel|Sweden|Denmark|Norway"
    r"|Finland|Austria|Belgium|Poland|Portugal|Ireland|Hong Kong|Taiwan|Russia|Turkey|Iran|Pakistan|Egypt|Mexico"
    r"|Chile|Argentina|South Africa|New Zealand|Greece|Czech Republic|Hungary|Romania|Vietnam|Thailand"
    r"|Malaysia|Indonesia|Nigeria|Kenya|Saudi Arabia|UAE|Qatar)\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"
)
AUTHOR_FOOTNOTE_CUE = re.compile(
    r"correspond|equal contribution|contributed equally|equally contribut|work (?:was )?done|internship|intern at"
    r"|affiliat|e-?mail|project lead|senior author|now at|currently at|visiting|supported by|funded by|grant"
    r"|thank",
    re.I,
)
CAPTION = re.compile(r"^\s*(?:figure|fig\.|table|algorithm|listing)\s*[\dA-Z]+[.:]", re.I)
ABSTRACT_START = re.compile(r"^\s*(?:a\s?b\s?s\s?t\s?r\s?a\s?c\s?t|摘\s*要|r[ée]sum[ée])\b\s*[.:—–-]?", re.I)
FUNCTION_WORDS = {"the", "of", "and", "to", "in", "we", "is", "a", "for", "that", "with", "on", "this", "are",
                  "by", "as", "our", "from", "which", "be", "it", "can", "an", "these", "their", "its", "not"}

# Capitalised words that are not person names (author-block and acknowledgment heuristics).
NOT_NAME_WORDS = {
    "anonymous", "author", "authors", "affiliation", "address", "email", "paper", "under", "review", "submission",
    "submitted", "conference", "workshop", "proceedings", "preprint", "draft", "abstract", "introduction",
    "university", "institute", "department", "school", "college", "laboratory", "lab", "labs", "research",
    "center", "centre", "faculty", "group", "team", "inc", "ltd", "corp", "company", "foundation", "academy",
    "hospital", "the", "a", "an", "of", "for", "and", "in", "on", "with", "to", "via", "from", "towards",
    "toward", "learning", "neural", "network", "networks", "model", "models", "language", "large", "deep",
    "data", "training", "transformer", "transformers", "analysis", "study", "approach", "method", "methods",
    "benchmark", "using", "through", "beyond", "is", "are", "all", "you", "need", "not", "when", "what", "how",
    "why", "can", "do", "does", "robust", "efficient", "scalable", "optimization", "reinforcement", "attention",
    "generative", "graph", "vision", "image", "images", "text", "video", "speech", "supplementary", "material",
    "appendix", "technical", "report", "extended", "version", "index", "terms", "keywords", "figure", "table",
    "section", "chapter", "part", "contents", "anonymized", "blind", "double", "equal", "contribution",
    "correspondence", "corresponding", "reviewers", "reviewer", "chair", "chairs", "committee", "editor",
    "editors", "organizers", "program", "area", "senior", "we", "our", "this", "that", "these", "thanks",
    "special", "also", "moreover", "finally", "such", "typically", "if", "it", "its", "their", "compute",
    "computing", "funding", "work", "some", "many", "most", "any", "each", "both", "use", "in", "as", "at",
    "by", "or", "but", "grant", "award", "national", "science", "european", "union", "council", "agency",
    "ministry", "office", "fund", "programme", "horizon", "cloud", "platform", "library", "open", "source",
    "community", "project", "projects", "new", "first", "second", "third", "one", "two", "three", "further",
    "independent", "researcher", "student", "professor", "phd", "school", "intelligence", "artificial",
    "computer", "engineering", "sciences", "mathematics", "statistics", "physics", "informatics",
}
NAME_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du", "la", "le",
                  "bin", "ibn", "al", "el", "ten", "ter", "y"}


# -- the text stream -----------------------------------------------------------------
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@dataclass
class _Stream:
    """The paper's text in reading order, lines joined, with each line's offset and section kind."""

    text: str
    lines: list
    starts: list[int]
    ends: list[int]
    kinds: list[str]
    headings: set[int]  # rows that are section headings
    small: list[bool]  # rows set smaller than the body text (footnotes, captions)
    page_rows: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # lower-cased once, same offsets: case-blind searches run on it without re.I (much faster)
        lower = self.text.lower()
        self.lower = lower if len(lower) == len(self.text) else self.text.translate(_ASCII_LOWER)

    def row_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def line_number(self, row: int) -> int:
        """1-based position of the row among its page's content lines."""
        rows = self.page_rows.get(self.lines[row].page, [])
        return bisect.bisect_left(rows, row) + 1


_URLISH = re.compile(r"https?:|www\.|://|^[\w-]+(?:\.[\w-]+)+/|\.(?:com|org|net|io|edu|ai|co|science|dev)(?:/|$)",
                     re.I)
_URL_BREAK_CHARS = ("/", "-", "_", "?", "=", "&", "#", "~", "%", ":", "@")
_TLDS = {"com", "org", "net", "io", "edu", "ai", "co", "science", "dev", "app", "me", "ms", "info", "page"}


def _joiner(a_text: str, b_text: str) -> str:
    """How two consecutive lines join: "" (continues), "-" (drop a line-end hyphen) or "\\n"."""
    a_text, b_text = a_text.rstrip(), b_text.lstrip()
    if not a_text or not b_text:
        return "\n"
    last = a_text.rsplit(None, 1)[-1]
    first = b_text.split(None, 1)[0]
    if _URLISH.search(last):
        if last.endswith(_URL_BREAK_CHARS):
            return ""
        if last.endswith(".") and ("/" in first or first.rstrip(".,;)").lower() in _TLDS) \
                and re.match(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:/|[.,;)]?$)", first):
            return ""
        return "\n"
    if last.endswith("@") or first.startswith("@"):
        return ""
    if a_text.endswith(("-", "\u00ad")) and len(last) > 1 and last[-2].isalpha():
        return "-" if first[:1].islower() else ""
    return "\n"


def _stream(document) -> _Stream:
    structure = document.structure
    body = structure.body_size
    heading_kinds = {(h.page, h.line.index): h.kind for h in structure.headings}
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    headings: set[int] = set()
    small: list[bool] = []
    page_rows: dict[int, list[int]] = {}
    kind = "body"
    position = 0
    previous = None
    for row, line in enumerate(structure.content):
        key = (line.page, line.index)
        if key in heading_kinds:
            kind = heading_kinds[key]
            headings.add(row)
        text = line.text
        if previous is not None:
            join = _joiner(previous, text)
            if join == "-":
                parts[-1] = parts[-1].rstrip()[:-1]
                position = starts[-1] + len(parts[-1])
                ends[-1] = position
                join = ""
            parts.append(join)
            position += len(join)
        starts.append(position)
        parts.append(text)
        position += len(text)
        ends.append(position)
        kinds.append(kind)
        small.append(max(line.size, line.end_size or line.size) <= body - 0.6)
        page_rows.setdefault(line.page, []).append(row)
        previous = text
    return _Stream("".join(parts), list(structure.content), starts, ends, kinds, headings, small, page_rows)


def _leak_at(stream: _Stream, document, row: int, kind: str, text: str, level: str = "error",
             detail: str | None = None, box=None, fix: str | None = None) -> Leak:
    line = stream.lines[row]
    structure = document.structure
    column = None
    if structure.columns == 2:
        column = structure.column_of.get((line.page, line.index), 0) + 1
    return Leak(page=line.page, kind=kind, text=text, box=box or line.box, level=level, detail=detail,
                line=stream.line_number(row), column=column, fix_hint=fix)


_SENTENCE_END = re.compile(r"(?<!\bet al)(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\bvs)(?<!\b[A-Z])[.!?][\"”’)]*\s+"
                           r"(?=[A-Z0-9(\[“\"])")


def _context(stream: _Stream, start: int, end: int, before: int = 240, after: int = 80) -> tuple[str, str]:
    """The sentence around [start, end): the text before it and after it, within one block of text.

    The block stops at section headings and where the text changes between
    body size and small print (a footnote is not the sentence above it).
    """
    row = stream.row_at(start)
    first = row
    while first > 0 and row - first < 8:
        prev = first - 1
        if prev in stream.headings or first in stream.headings or stream.small[prev] != stream.small[row] \
                or stream.lines[prev].page != stream.lines[row].page:
            break
        first = prev
    last = stream.row_at(max(start, end - 1))
    while last + 1 < len(stream.lines) and last - row < 3:
        nxt = last + 1
        if nxt in stream.headings or stream.small[nxt] != stream.small[row]:
            break
        last = nxt
    lo = max(stream.starts[first], start - before)
    hi = min(stream.ends[last], end + after)
    head = stream.text[lo:start]
    tail = stream.text[end:hi]
    # a sentence may end right before `start`: let the boundary see the next character
    cuts = [c for c in _SENTENCE_END.finditer(head + stream.text[start:start + 1]) if c.end() <= len(head)]
    if cuts:
        head = head[cuts[-1].end():]
    cut = _SENTENCE_END.search(tail)
    if cut:
        tail = tail[:cut.start() + 1]
    return head, tail


def _sentence(stream: _Stream, start: int, end: int, limit: int = 320) -> str:
    head, tail = _context(stream, start, end, before=limit, after=limit)
    text = " ".join((head + stream.text[start:end] + tail).split())
    return text


# -- entry points ----------------------------------------------------------------------
def scan(document, options: IdentityOptions | None = None) -> list[Leak]:
    """Everything a double-blind submission reveals or may reveal, with levels (see the module doc)."""
    options = options or IdentityOptions()
    identities = options.identities()
    matcher = IdentityMatcher(identities)
    leaks: list[Leak] = []
    leaks.extend(_metadata_leaks(document, matcher))
    leaks.extend(_attachment_leaks(document, matcher))
    if document.page_count:
        stream = _stream(document)
        page_one = _page_one(document)
        leaks.extend(_author_block_leaks(document, stream, page_one))
        leaks.extend(_email_leaks(document, stream))
        leaks.extend(_url_leaks(document, stream, options, identities, page_one))
        leaks.extend(_text_affiliations(document, stream, page_one))
        if options.acknowledgments:
            leaks.extend(_acknowledgment_leaks(document, stream))
        if options.self_citation:
            leaks.extend(_self_citations(document, stream))
        if matcher:
            leaks.extend(_without_repeats(_identity_matches(document, stream, matcher, page_one), leaks))
    return _unique(leaks)


def _without_repeats(matches: list[Leak], leaks: list[Leak]) -> list[Leak]:
    """Supplied-identity matches that no failure already quotes on the same page."""
    failures = [leak for leak in leaks if leak.level == "error"]
    return [m for m in matches if not (m.level == "error" and any(
        leak.page == m.page and m.text.lower() in " ".join(leak.text.split()).lower() for leak in failures))]


def find_leaks(document, options: IdentityOptions | None = None) -> list[Leak]:
    """What reveals the authors (inspect's `identity`): the errors and warnings of revealing kinds,
    metadata first, then in page order."""
    found = [leak for leak in scan(document, options) if leak.reveals]
    return sorted(found, key=lambda leak: (leak.page or 0, leak.line or 0))


def _unique(leaks: list[Leak]) -> list[Leak]:
    seen = set()
    out = []
    for leak in leaks:
        key = (leak.page, leak.kind, leak.text)
        if key not in seen:
            seen.add(key)
            out.append(leak)
    return out


# -- metadata and embedded files ---------------------------------------------------------------
def _metadata_leaks(document, matcher: IdentityMatcher) -> list[Leak]:
    out: list[Leak] = []
    info = document.info
    xmp = document.xmp
    author = info.get("Author", "").strip()
    if author and not GENERIC_AUTHOR.match(author):
        out.append(Leak(None, "metadata", f"Author: {author}", detail="PDF Info /Author"))
    for field_name in ("dc:creator", "pdf:Author"):
        values = [v for v in xmp.get(field_name, []) if v.strip() and not GENERIC_AUTHOR.match(v.strip())]
        new = [v for v in values if fold_text(v) not in fold_text(author)]
        if new:
            out.append(Leak(None, "metadata", f"XMP {field_name}: {'; '.join(new)}", detail="XMP metadata"))
    values = [(key, value) for key, value in info.items() if key not in ("CreationDate", "ModDate")]
    values += [(f"XMP {key}", value) for key, items in xmp.items() for value in items]
    for key, value in values:
        home = HOME_PATH.search(value)
        if home and home.group(1).lower() not in GENERIC_ACCOUNTS:
            out.append(Leak(None, "metadata", f"{key}: {value}",
                            detail=f"a home-directory path names the account {home.group(1)!r}"))
            continue
        email = EMAIL.search(value)
        if email and not PLACEHOLDER_EMAIL.search(email.group(0)):
            out.append(Leak(None, "metadata", f"{key}: {value}", detail="an e-mail address in the metadata"))
            continue
        if matcher and key not in ("Author", "XMP dc:creator", "XMP pdf:Author"):
            match = next(iter(matcher.find(value)), None)
            if match:
                out.append(Leak(None, "metadata", f"{key}: {value}",
                                detail=f"names {match.identity.spec!r}"))
    if matcher and author and not any(l.text.startswith("Author:") for l in out):
        # a generic-looking Author that still names a supplied identity
        match = next(iter(matcher.find(author)), None)
        if match:
            out.append(Leak(None, "metadata", f"Author: {author}", detail=f"names {match.identity.spec!r}"))
    return out


def _attachment_leaks(document, matcher: IdentityMatcher) -> list[Leak]:
    out = []
    for name in document.attachments:
        home = HOME_PATH.search(name)
        email = EMAIL.search(name)
        match = next(iter(matcher.find(name)), None) if matcher else None
        if (home and home.group(1).lower() not in GENERIC_ACCOUNTS) or (email and not
                                                                          PLACEHOLDER_EMAIL.search(email.group(0))):
            out.append(Leak(None, "attachment", f"embedded file: {name}", detail="the file name identifies a person"))
        elif match:
            out.append(Leak(None, "attachment", f"embedded file: {name}", detail=f"names {match.identity.spec!r}"))
        else:
            out.append(Leak(None, "embedded-file", f"embedded file: {name}", level="warning",
                            detail="embedded files travel with the PDF to the reviewers"))
    return out


# -- page 1: author block and author footnotes ---------------------------------------------------
@dataclass
class _PageOne:
    block: list  # lines between the title and the abstract
    footnotes: list  # page-1 footnote lines that carry author information
    abstract: list = field(default_factory=list)  # the abstract's lines
    title: str = ""

    def author_area(self) -> set[tuple[int, int]]:
        """(page, index) of the lines where a paper introduces its authors and its own artifacts."""
        return {(l.page, l.index) for l in self.block + self.footnotes + self.abstract}


def _page_one(document) -> _PageOne:
    structure = document.structure
    body = structure.body_size
    size = document.page_sizes[0] if document.page_sizes else None
    height = size.height if size else 792.0
    lines = [l for l in document.page_lines(1)
             if not structure.is_furniture(l) and l.text.strip() and not re.fullmatch(r"\s*\d{1,3}\s*", l.text)]
    lines.sort(key=lambda l: (round(l.top), l.x0))
    stops = [l.top for l in lines if ABSTRACT_START.match(l.text) and l.top < height * 0.6]
    # section headings (the title can be a bookmarked 'heading' too: it is larger)
    stops += [h.line.top for h in structure.headings if h.page == 1 and h.line.size < body + 3.5]
    stops += [l.top for l in lines if l.size <= body + 1.5 and _is_prose(l.text)]
    region_end = min(stops) if stops else height * 0.45
    # lines wholly above the abstract; a caption beside it (two columns) is not the author block
    region = [l for l in lines if l.bottom <= region_end + 1 and not CAPTION.match(l.text)]
    block: list = []
    title = ""
    if region:
        title_size = max(l.size for l in region)
        start = next(i for i, l in enumerate(region) if l.size >= title_size - 0.3)
        end = start
        while end < len(region) and region[end].size >= title_size * 0.78:
            end += 1
        if title_size < body + 1.5:
            end = start + 1  # no distinct title size: take the first line as the title
        block = region[end:]
        title = " ".join(l.text for l in region[start:end])
    return _PageOne(block, _author_footnotes(document, lines, body, height), _abstract_lines(structure),
                    title or document.info.get("Title", ""))


def _abstract_lines(structure) -> list:
    """Page-1 lines from the Abstract heading to the first section heading, in reading order."""
    headings = {(h.page, h.line.index) for h in structure.headings}
    out: list = []
    inside = False
    for line in structure.content:
        if line.page != 1:
            break
        if inside and (line.page, line.index) in headings:
            break
        if not inside and ABSTRACT_START.match(line.text):
            inside = True
        if inside:
            out.append(line)
    return out


def _is_prose(text: str) -> bool:
    words = text.split()
    return len(words) >= 9 and sum(w.lower().strip(",.;:") in FUNCTION_WORDS and w[:1].islower()
                                   for w in words) >= 2


def _author_footnotes(document, lines, body: float, height: float) -> list:
    """Page-1 footnote blocks that carry author information (affiliations, correspondence...)."""
    small = [l for l in lines if l.top > height * 0.5 and max(l.size, l.end_size or 0) <= body - 0.5]
    width = document.page_sizes[0].width if document.page_sizes else 612.0
    blocks: list[list] = []
    # per column (a footnote sits at the foot of one column), top to bottom
    for line in sorted(small, key=lambda l: (l.x0 >= width / 2 - 8, l.top, l.x0)):
        current = blocks[-1] if blocks else None
        if current and (line.x0 >= width / 2 - 8) == (current[-1].x0 >= width / 2 - 8) \
                and line.top - current[-1].bottom < max(6.0, line.height * 1.2):
            current.append(line)
        else:
            blocks.append([line])
    out = []
    for block in blocks:
        text = " ".join(l.text for l in block)
        # a footnote starts with its mark ("1Stanford University", "*Equal contribution")
        marked = re.match(r"\s*[\d*†‡§¶∗⋆]", block[0].text) or re.search(r"correspond", text, re.I)
        if marked and AUTHOR_FOOTNOTE_CUE.search(text) and not CAPTION.match(text):
            out.extend(block)
    return out


def _name_token(token: str) -> bool:
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


def _looks_like_names(text: str) -> bool:
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
        if not all(_name_token(t) for t in tokens):
            return False
        words = [t for t in tokens if len(t.strip(".")) > 1 and t.lower() not in NAME_PARTICLES]
        if len(tokens) >= 2 and words:
            named += 1
        elif len(tokens) == 1:
            return False
    return named > 0


def _orcid(text: str) -> bool:
    return bool(ORCID.search(text) or re.search(r"\borcid\b", text, re.I))


def _affiliation(text: str) -> bool:
    return bool(INSTITUTION.search(text) or INSTITUTION_ACRONYM.search(text) or ADDRESS.search(text))


def _author_block_leaks(document, stream: _Stream, page_one: _PageOne) -> list[Leak]:
    rows = {(stream.lines[r].page, stream.lines[r].index): r for r in stream.page_rows.get(1, [])}
    out: list[Leak] = []

    def leak(line, kind, text=None, level="error", detail=None):
        row = rows.get((line.page, line.index))
        if row is not None:
            out.append(_leak_at(stream, document, row, kind, text or line.text.strip(), level, detail))
        else:
            out.append(Leak(1, kind, text or line.text.strip(), line.box, level, detail))

    classified = []
    for line in page_one.block:
        text = line.text.strip()
        if PLACEHOLDER.search(text):
            label = "placeholder"
        elif "@" in text or URL_TEXT.search(text):
            label = None  # e-mail addresses and links are judged on their own
        elif _orcid(text):
            label = "orcid"
        elif VENUE.search(text) or DATE.search(text) or not re.search(r"[^\W\d_]", text):
            label = None
        elif _affiliation(text):
            label = "affiliation"
        elif _looks_like_names(text):
            label = "names"
        else:
            label = "other"
        classified.append((line, label))
    named = any(label == "names" for _, label in classified)
    for line, label in classified:
        if label == "names":
            leak(line, "author-block", detail="author names on page 1")
        elif label == "affiliation":
            leak(line, "affiliation", detail="an affiliation on page 1")
        elif label == "orcid":
            leak(line, "orcid", detail="an ORCID iD on page 1")
        elif label == "other" and named:
            leak(line, "author-block", detail="part of a named author block")
    out.extend(_footnote_leaks(document, stream, page_one, rows))
    return out


def _footnote_leaks(document, stream: _Stream, page_one: _PageOne, rows: dict) -> list[Leak]:
    if not page_one.footnotes:
        return []
    out = []
    lines = page_one.footnotes
    text = ""
    offsets = []
    for line in lines:
        if text:
            join = _joiner(text, line.text)
            if join == "-":
                text, join = text.rstrip()[:-1], ""
            text += " " if join == "\n" else join
        offsets.append(len(text))
        text += line.text
    # clauses: sentences, and the parts of "1 A. 2 B." affiliation lists
    for match in re.finditer(r"\S.*?(?:[.;](?=\s|$)|$)", text):
        clause = match.group(0).strip()
        if not clause or VENUE.search(clause) or PLACEHOLDER.search(clause):
            continue
        line = lines[max(0, bisect.bisect_right(offsets, match.start()) - 1)]
        row = rows.get((line.page, line.index))
        correspondence = re.search(r"correspond\w*(?: author)?s?\s*(?:to|:)\s*:?\s*([^<(\n]+)", clause, re.I)
        kind = None
        if correspondence and _person_names(correspondence.group(1)):
            kind, detail = "author-block", "a correspondence footnote names an author"
        elif _affiliation(re.sub(r"^[\d*†‡§¶∗⋆\s]+", "", clause)):
            kind, detail = "affiliation", "an affiliation footnote on page 1"
        elif _ack_evidence(clause) and re.search(r"support|fund|grant|thank|sponsor", clause, re.I):
            kind, detail = "acknowledgments", "a page-1 footnote acknowledges funding or people"
        elif _person_names(clause):
            kind, detail = "author-block", "an author footnote names people"
        if kind is None:
            continue
        shown = " ".join(clause.split())
        if row is not None:
            out.append(_leak_at(stream, document, row, kind, shown, detail=detail))
        else:
            out.append(Leak(1, kind, shown, line.box, detail=detail))
    return out


# Person names in running text: two to four capitalised words, or initials and a family name.
_CAP = r"[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŪŮŰŲŴŶŸŹŻŽ]"
_LOW = r"[a-zß-öø-ÿāăąćĉċčďđēėęěĝğġģĥħīįıķĺļľłńņňōőœŕŗřśŝşšţťūůűųŵŷźżž'’]"
_WORD = rf"{_CAP}{_LOW}+(?:-{_CAP}?{_LOW}+)?"
PERSON_NAME = re.compile(
    rf"(?<![\w-])(?:{_WORD}|{_CAP}\.(?:\s?-?{_CAP}\.)*)(?:\s+(?:{_CAP}\.|{_WORD}|(?:van|von|de|der|da|di|del|la|le|dos)"
    rf"(?=\s+{_CAP}))){{0,3}}\s+{_WORD}(?![\w-])"
)


def _person_names(text: str) -> list[str]:
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


# -- e-mail addresses ----------------------------------------------------------------------------
def _email_leaks(document, stream: _Stream) -> list[Leak]:
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
        if " " in match.group(1).split("@")[0].strip() and not _inside(match.start(1), covered):
            address = match.group(1)
            if not PLACEHOLDER_EMAIL.search(address):
                candidates.append((match.start(1), match.end(1), " ".join(address.split())))
            covered.append((match.start(1), match.end(1)))
    for match in EMAIL.finditer(text):
        if _inside(match.start(), covered):
            continue
        address = match.group(0)
        if PLACEHOLDER_EMAIL.search(address) or _inside_url(text, match.start()):
            continue
        candidates.append((match.start(), match.end(), address))
    for match in OBFUSCATED_EMAIL.finditer(text):
        shown = " ".join(match.group(0).split())
        # "at" and "dot" spelled out need the bracketed form, or both words: "jane at uni dot edu"
        if not re.search(r"[\[({<]\s*at\s*[\])}>]", shown, re.I) and not re.search(r"\sdot\s", shown, re.I):
            continue
        if not _inside(match.start(), covered) and not PLACEHOLDER_EMAIL.search(re.sub(r"\W*at\W*", "@", shown, 1)):
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
        out.append(_leak_at(stream, document, row, "email", shown, level, detail, fix=fix))
    return out


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _inside_url(text: str, position: int) -> bool:
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    return "://" in text[start:position]


# -- links -------------------------------------------------------------------------------------
GITHUB_RESERVED = {"features", "topics", "orgs", "sponsors", "marketplace", "apps", "settings", "about", "pricing",
                   "collections", "explore", "search", "login", "site", "enterprise", "security", "events",
                   "trending", "readme", "join", "contact", "github", "customer-stories", "resources"}
HF_RESERVED = {"docs", "blog", "papers", "learn", "join", "login", "pricing", "settings", "tasks", "models",
               "datasets", "spaces", "collections", "posts", "chat", "new", "organizations", "enterprise"}
SOCIAL_RESERVED = {"i", "home", "search", "intent", "share", "hashtag", "explore", "settings", "login"}
DRIVE_HOSTS = ("drive.google.com", "docs.google.com", "dropbox.com", "dl.dropboxusercontent.com",
               "onedrive.live.com", "1drv.ms", "box.com", "app.box.com", "sharepoint.com", "icloud.com",
               "mega.nz", "wetransfer.com", "we.tl")
ARCHIVE_HOSTS = ("zenodo.org", "figshare.com", "osf.io", "dataverse.harvard.edu", "kaggle.com", "wandb.ai",
                 "researchgate.net", "dblp.org", "semanticscholar.org", "scholar.google.com", "orcid.org",
                 "linkedin.com", "medium.com", "substack.com", "youtube.com", "colab.research.google.com")


@dataclass(frozen=True)
class _Owner:
    platform: str  # github, gitlab, hf, twitter, site, drive, archive...
    name: str  # the account, or the URL when there is none
    identifying: bool  # the host shows who owns it


def url_owner(url: str) -> _Owner | None:
    """Who a URL belongs to, when its host shows an owner (None for plain resources)."""
    url = url.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    first = segments[0] if segments else ""
    low = first.lower()
    if host in ("github.com", "gist.github.com", "raw.githubusercontent.com"):
        if first and low not in GITHUB_RESERVED:
            return _Owner("github", first, True)
        return None
    if host.endswith(".github.io") and host.count(".") == 2:
        return _Owner("github", host[: -len(".github.io")], True)
    if host in ("gitlab.com", "bitbucket.org", "codeberg.org", "sr.ht", "git.sr.ht"):
        return _Owner(host.split(".")[0], first, True) if first and low not in ("explore", "users", "help") else None
    if host in ("huggingface.co", "hf.co"):
        if low in ("datasets", "spaces", "collections") and len(segments) > 1:
            return _Owner("hf", segments[1], True)
        if first and low not in HF_RESERVED:
            return _Owner("hf", first, True)
        return None
    if host in ("twitter.com", "x.com", "mastodon.social", "bsky.app", "threads.net", "instagram.com"):
        handle = next((seg for seg in segments if seg.startswith("@")), None)
        name = handle or (segments[1] if low == "profile" and len(segments) > 1 else first)
        if name and name.lower() not in SOCIAL_RESERVED:
            return _Owner("twitter", name.lstrip("@"), True)
        return None
    if host == "sites.google.com" and len(segments) > 1:
        return _Owner("site", segments[1], True)
    if any(host == h or host.endswith("." + h) for h in DRIVE_HOSTS):
        return _Owner("drive", url, True)
    if any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS):
        if host == "osf.io" and "view_only" in parse_qs(parts.query):
            return None  # OSF's anonymized view-only link
        if host == "scholar.google.com":
            user = parse_qs(parts.query).get("user", [""])[0]
            return _Owner("archive", user or url, bool(user))
        return _Owner("archive", first or url, bool(first))
    if first.startswith("~") or (low in ("people", "users", "staff", "homes", "home", "faculty", "members", "user")
                                 and len(segments) > 1):
        return _Owner("site", f"{host}/{'/'.join(segments[:2])}", True)
    return None


def is_anonymized_url(url: str, allowed_hosts=DEFAULT_ALLOWED_HOSTS) -> bool:
    """A link made for double-blind review (anonymous.4open.science, OSF view-only, an 'anonymous' account)."""
    host, _ = _split_url(url)
    if host == "anonymous.4open.science" or host.endswith(".4open.science"):
        return True
    if "view_only=" in url:
        return True
    owner = url_owner(url)
    return bool(owner and re.search(r"anonym", owner.name, re.I))


def _split_url(url: str) -> tuple[str, str]:
    url = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I)
    host, _, path = url.partition("/")
    return host.lower().split(":")[0].removeprefix("www."), path


def _allowed(url: str, allowed_hosts) -> bool:
    host, path = _split_url(url)
    target = f"{host}/{path}".lower()
    for entry in allowed_hosts:
        entry = entry.lower().strip().removeprefix("https://").removeprefix("http://").removeprefix("www.")
        entry = entry.rstrip("/")
        if not entry:
            continue
        if "/" in entry:
            if target == entry or target.startswith(entry + "/"):
                return True
        elif host == entry or host.endswith("." + entry):
            return True
    return False


def _normal_url(url: str) -> str:
    url = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I).lower().removeprefix("www.")
    return url.rstrip("/.,;:)")


def _trim_url(url: str) -> str:
    url = url.rstrip(".,;:'\"”’")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    while url.endswith("]") and url.count("]") > url.count("["):
        url = url[:-1]
    return url.rstrip(".,;:")


# What a sentence says about whose resource a link is. Cues are searched in the sentence
# before the link; the cue nearest to the link wins.
_RESOURCE = (r"(?:code|codes|codebase|source\s+code|implementations?|repo|repository|repositories|project"
             r"|project\s+page|website|webpage|web\s+page|page|homepage|demo|demos|models?|weights|checkpoints?"
             r"|datasets?|data|benchmarks?|library|package|software|toolkit|tools?|framework|results|artifacts?"
             r"|artefacts?|experiments|scripts|notebooks?|videos?|app|prompts|pipeline|environment|materials"
             r"|supplement|supplementary\s+materials?|logs|annotations|outputs|samples|forks?|versions?|variants?)")
# resources a paper publishes as its own when it names them without an owner ("The code is available at")
_OWN_RESOURCE = (r"(?:(?:source\s+)?code|codebase|implementation|repository|repo|project\s+(?:page|website)"
                 r"|website|demo|artifacts?|supplementary\s+materials?|results|logs|outputs|generations|samples"
                 r"|scripts|notebooks?|experiments)")
# adjectives before such a resource, except those that give it to someone else ("the official code")
_OWN_ADJECTIVES = r"(?:(?!official\b|original\b|their\b|its\b|existing\b|public\b|baseline)[\w-]+\s+){0,2}?"
# "code, data and results", "the complete implementation, including all kernels,"
_LIST = (r"(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?[\w-]+(?:\s+[\w-]+)?){0,4}"
         r"(?:\s*,[^,.;:]{0,80},|\s*\([^()]{0,100}\))?")
_START = r"^\s*[\d*†‡§¶∗]*\s*(?:the\s+|all\s+)?"  # a sentence or footnote start ("1Code: ...")
OWN_STRONG = re.compile(
    rf"(?i:\b(?:our|my)\s+(?:[\w-]+[\s,]+){{0,3}}?{_RESOURCE}\b)"
    r"|(?i:\bwe\s+(?:[\w-]+\s+){0,2}?(?:release|released|open[- ]?source|open[- ]?sourced|publish|published|share"
    r"|make|made|host|hosted|upload|uploaded|put)\b)"
    r"|(?i:\b(?:is|are)\s+(?:publicly\s+|openly\s+|freely\s+)?(?:released|available)\s+for\s+(?:the\s+)?review)"
    # "Code: URL", "Code and data at URL", "Experimental pipeline (...): URL"
    rf"|(?i:{_START}{_OWN_ADJECTIVES}(?:{_RESOURCE}|github|hugging\s?face|source){_LIST}\s*(?::|=|at|on|in|here)\s*:?\s*$)"
    # "The code is available at", "Code and data are released"
    rf"|(?i:{_START}{_OWN_ADJECTIVES}{_OWN_RESOURCE}{_LIST}\s+(?:is|are|will\s+be|can\s+be|has\s+been|have\s+been)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:available|released|accessible|found|hosted|provided|open[- ]?sourced|public|online"
    r"|shared)\b)"
    rf"|(?i:{_START}{_OWN_ADJECTIVES}{_OWN_RESOURCE}{_LIST}\s+(?:is|are|lives|live|resides|sits)\s+(?:at|on|in|here)\b)"
)
OWN_WEAK = re.compile(r"(?i:\b(?:available|released|accessible|hosted|downloadable|open[- ]?sourced?|shared)\s+"
                      r"(?:[\w-]+\s+){0,2}?(?:at|from|on|in|via|here)\b|\bpublicly\s+available\b)")
FIRST_PERSON_OWNER = re.compile(r"(?i:\b(?:our|my|ours)\b)")
THIRD_PARTY = re.compile(
    r"\bet\s+al\b|\(\s*[A-Z][^()]{0,80}?\d{4}[a-z]?\s*\)|\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]"
    r"|\b[A-Z][\w-]+\s+\(\d{4}[a-z]?\)"
    r"|(?i:\b(?:sourced|obtained|downloaded|taken|borrowed|adapted|forked|derived|reused|retrieved|collected"
    r"|scraped|crawled|copied|cloned|ported|modified)\s+(?:\w+\s+)?(?:from|of)\b)"
    r"|(?i:\b(?:provided|released|developed|maintained|published|posted|created|written|introduced|proposed"
    r"|tweeted|shared|authored|trained|open[- ]?sourced|hosted)\s+by\b)"
    # using someone's resource (not "the data used for the tests")
    r"|(?i:\b(?:uses?|using|used(?!\s+(?:for|in|to|throughout|during|by\s+us|here))|utili[sz](?:e|es|ed|ing)"
    r"|adopt(?:s|ed|ing)?|employ(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|follow(?:s|ed|ing)?|buil(?:d|ds|t)\s+(?:up)?on"
    r"|based\s+on|rel(?:y|ies|ied)\s+on|courtesy\s+of|thanks\s+to|cf\.)\b)"
    r"|(?i:\b(?:official|their|his|her|its|third[- ]party|external|original|existing|public)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:code|implementation|repository|repo|release|checkpoints?|weights|models?|library"
    r"|tweet|post|blog|page|website|account)\b)"
    r"|\b[A-Z][\w-]+['’]s\s+(?:[\w-]+\s+){0,2}?(?:code|implementation|repository|repo|library|tweet|post|blog)\b"
    r"|(?i:\b(?:tweet|blog\s+post|forum\s+post|github\s+issue|issue\s+#?\d+)\b)",
)
CITATION_AFTER = re.compile(r"^[\s,]*(?:\(\s*[A-Z][^()]{0,80}?\d{4}[a-z]?\s*\)|\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]"
                            r"|\([^()]*et\s+al)")
OWN_SECTIONS = ("code-availability", "reproducibility-statement")


def _url_role(head: str, tail: str, section: str) -> str:
    """'own', 'third' or 'unknown': whose resource a link points to, from the sentence around it."""
    if section == "references":
        return "third"
    last_own = max((m.end() for m in OWN_STRONG.finditer(head)), default=-1)
    last_third = max((m.end() for m in THIRD_PARTY.finditer(head)), default=-1)
    if CITATION_AFTER.match(tail):
        last_third = len(head) + 1
    if last_own >= 0 and last_own > last_third:
        return "own"
    if last_third >= 0:
        return "third"
    if OWN_WEAK.search(head) and (FIRST_PERSON_OWNER.search(head) or section in OWN_SECTIONS):
        return "own"
    if section in OWN_SECTIONS:
        return "own"
    return "unknown"


@dataclass
class _UrlHit:
    url: str
    page: int
    row: int | None
    start: int | None
    end: int | None
    box: tuple | None
    prefix: str | None = None  # the part of a text URL on its first line, when it runs over lines
    anchor: tuple[int, int] | None = None  # where the linked words are, for a link on words ("our code")


def _url_hits(document, stream: _Stream) -> list[_UrlHit]:
    """Each URL once per place it appears: link annotations, and URLs written in the text."""
    hits: list[_UrlHit] = []
    for match in URL_TEXT.finditer(stream.lower):
        url = _trim_url(stream.text[match.start():match.end()])
        if "@" in url.split("/")[0] or len(url) < 8:
            continue
        row = stream.row_at(match.start())
        line_end = stream.ends[row]
        prefix = stream.text[match.start():line_end] if match.end() > line_end else None
        hits.append(_UrlHit(url, stream.lines[row].page, row, match.start(), match.start() + len(url),
                            stream.lines[row].box, prefix))
    by_page: dict[int, list[_UrlHit]] = {}
    for hit in hits:
        by_page.setdefault(hit.page, []).append(hit)
    for page_links in document.links:
        for link in page_links:
            if not re.match(r"^(?:https?://|www\.)", link.uri, re.I):
                continue
            target = _normal_url(link.uri)
            merged = False
            for hit in by_page.get(link.page, []):
                written = _normal_url(hit.url)
                prefix = _normal_url(hit.prefix) if hit.prefix else None
                if target == written or target.startswith(written) or written.startswith(target) or \
                        (prefix and len(prefix) > 12 and target.startswith(prefix)):
                    if len(link.uri) >= len(hit.url) or (prefix and not target.startswith(written)):
                        hit.url = link.uri  # the annotation holds the whole address
                    merged = True
            if not merged:
                row = _row_under(stream, link.page, link.box)
                hit = _UrlHit(link.uri, link.page, row, None, None, link.box)
                if row is not None:
                    hit.anchor = _anchor_span(stream, row, link.box)
                hits.append(hit)
                by_page.setdefault(link.page, []).append(hit)
    # one hit per (page, address)
    seen = set()
    out = []
    for hit in hits:
        key = (hit.page, _normal_url(hit.url))
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def _anchor_span(stream: _Stream, row: int, box) -> tuple[int, int]:
    """The stream offsets of the words a link box covers on its line (by horizontal position)."""
    line = stream.lines[row]
    width = max(line.x1 - line.x0, 1.0)
    length = stream.ends[row] - stream.starts[row]
    left = min(max((box[0] - line.x0) / width, 0.0), 1.0)
    right = min(max((box[2] - line.x0) / width, left), 1.0)
    return stream.starts[row] + int(left * length), stream.starts[row] + max(int(right * length), int(left * length) + 1)


def _row_under(stream: _Stream, page: int, box) -> int | None:
    x0, top, x1, bottom = box
    best, overlap = None, 0.0
    for row in stream.page_rows.get(page, []):
        line = stream.lines[row]
        v = min(bottom, line.bottom) - max(top, line.top)
        h = min(x1, line.x1) - max(x0, line.x0)
        if v > 0 and h > 0 and v * h > overlap:
            best, overlap = row, v * h
    return best


def _url_leaks(document, stream: _Stream, options: IdentityOptions, identities: list[Identity],
               page_one: _PageOne) -> list[Leak]:
    author_area = page_one.author_area()
    title_words = _distinctive_words(page_one.title)
    supplied = {(i.kind, i.value.lower()) for i in identities}
    sites = [i.value.lower() for i in identities if i.kind == "site"]
    judged = []
    own_accounts: set[tuple[str, str]] = set()
    for hit in _url_hits(document, stream):
        if _allowed(hit.url, options.allowed_hosts) or is_anonymized_url(hit.url):
            continue
        owner = url_owner(hit.url)
        section = stream.kinds[hit.row] if hit.row is not None else "body"
        if hit.start is not None:
            head, tail = _context(stream, hit.start, hit.end)
        elif hit.anchor is not None:
            # a link on words: the words themselves belong to the sentence ("at our project page")
            head, tail = _context(stream, *hit.anchor)
            head += stream.text[hit.anchor[0]:hit.anchor[1]]
        else:
            head, tail = "", ""
        # what was said before an earlier link in the sentence was said about that link
        earlier = list(URL_TEXT.finditer(head.lower()))
        if earlier:
            head = head[earlier[-1].end():]
        mine = (owner is not None and (owner.platform, owner.name.lower()) in supplied) or \
            any(_normal_url(hit.url).startswith(site) for site in sites)
        role = "own" if mine and section != "references" else _url_role(head, tail, section)
        if role == "unknown" and hit.row is not None:
            # a link alone in a footnote: judge it by the sentences that point to the footnote
            roles = {_url_role(*_context(stream, at, at + size), stream.kinds[stream.row_at(at)])
                     for at, size in _footnote_references(stream, hit.row)}
            role = "own" if "own" in roles else "third" if "third" in roles else "unknown"
        if role == "unknown" and hit.row is not None:
            line = stream.lines[hit.row]
            if (line.page, line.index) in author_area:
                role = "own"  # a link in the author block, its footnotes or the abstract
        if role == "unknown" and owner is not None and owner.platform in ("github", "gitlab", "hf") and \
                _named_after(hit.url, title_words):
            role = "own"  # a repository named after the paper
        if owner is None and role == "own" and not mine:
            # a plain website: only an explicit "our ... at" makes it the authors'
            last_own = max((m.end() for m in OWN_STRONG.finditer(head)), default=-1)
            role = "own" if last_own >= 0 and section != "references" else "third"
        judged.append((hit, owner, role, section, mine))
        if role == "own" and owner is not None and owner.identifying and owner.platform not in ("drive",):
            own_accounts.add((owner.platform, owner.name.lower()))
    out: list[Leak] = []
    for hit, owner, role, section, mine in judged:
        account = (owner.platform, owner.name.lower()) if owner else None
        if role != "own" and account in own_accounts and section != "references":
            role = "own"  # the same account was shown to be the authors' elsewhere in the paper
        if role == "own":
            level, detail, fix = "error", _url_detail(owner, mine), None
            platform = owner.platform if owner is not None else "site"
            name = owner.name if owner is not None else _split_url(hit.url)[0]
            if not mine and platform != "drive" and re.search(r"anon", name, re.I):
                if platform in options.anonymous_accounts:
                    level = "info"
                    detail = f"an anonymous {platform} account ({name!r}) made for the review"
                    fix = "nothing to do if the account was made for this review and its profile names nobody"
                else:
                    level = "warning"
                    detail = (f"a pseudonymous {platform} account ({name!r}): reviewers can still browse its "
                              "profile and history; prefer an anonymizing service")
            out.append(_hit_leak(document, stream, hit, "url", level, detail, fix))
        elif mine:
            out.append(_hit_leak(document, stream, hit, "url", "info",
                                 "an account the authors were given as theirs, cited in the references",
                                 "nothing to do: citing your own work in the third person is allowed"))
        elif role == "unknown" and owner is not None and _homepage(hit.url, owner):
            out.append(_hit_leak(document, stream, hit, "url", "warning",
                                 f"a personal home or profile page ({owner.name!r}) linked without saying "
                                 "whose it is"))
        elif role == "unknown" and owner is not None and owner.identifying:
            out.append(_hit_leak(document, stream, hit, "third-party-url", "info",
                                 f"a link to the {owner.platform} account {owner.name!r}, judged someone else's"))
    return out


# Title words too common to tie a repository to a paper.
COMMON_TITLE_WORDS = {
    "learning", "language", "languages", "model", "models", "large", "neural", "network", "networks", "deep",
    "data", "dataset", "datasets", "training", "towards", "toward", "with", "from", "using", "through", "beyond",
    "via", "your", "their", "what", "when", "which", "that", "this", "these", "those", "into", "over", "under",
    "analysis", "study", "approach", "method", "methods", "efficient", "robust", "scalable", "benchmark",
    "benchmarks", "evaluation", "evaluating", "improving", "understanding", "rethinking", "based", "task", "tasks",
    "reasoning", "generation", "paper", "work", "effect", "effects", "case", "simple", "general", "more", "less",
    "than", "about", "does", "make", "making", "attention", "transformer", "transformers", "diffusion",
    "reinforcement", "policy", "agent", "agents", "llm", "llms", "vision", "image", "images", "text", "graph",
    "graphs", "optimization", "sparse", "probing", "interpretability", "alignment", "safety", "code", "fine",
    "tuning", "pretraining", "pre", "self", "multi", "free", "aware", "driven", "guided", "level", "scale",
    "scaling", "laws", "all", "need", "not", "can", "are", "for", "and", "the", "how", "why", "its", "new",
    "both", "they", "them", "think", "will", "have", "been", "just", "only", "some", "many", "most", "each",
}


def _distinctive_words(title: str) -> set[str]:
    words = set()
    for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", title):
        low = word.lower()
        if low in COMMON_TITLE_WORDS:
            continue
        if len(low) >= 4 or (len(word) >= 3 and word.isupper()):
            words.add(low)
    # the method's name before the colon: "THOR: ...", "Syco-bench: ..."
    name = re.match(r"\s*([^:]{2,30}):", title)
    if name and len(name.group(1).split()) <= 2:
        words.add(re.sub(r"[^a-z0-9]", "", name.group(1).lower()))
    return {w for w in words if len(w) >= 3}


def _named_after(url: str, title_words: set[str]) -> bool:
    """Whether a repository's name shares a distinctive word with the paper's title."""
    if not title_words:
        return False
    segments = [s for s in urlsplit(url if "://" in url else "http://" + url).path.split("/") if s]
    host = _split_url(url)[0]
    repo = segments[2] if host in ("huggingface.co", "hf.co") and segments[:1] in (["datasets"], ["spaces"]) and \
        len(segments) > 2 else segments[1] if len(segments) > 1 else ""
    if not repo:
        return False
    repo = re.sub(r"\.git$", "", repo)
    parts = {p.lower() for p in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", repo)}
    parts.add(re.sub(r"[^a-z0-9]", "", repo.lower()))
    return bool(parts & title_words)


_FOOTNOTE_MARK = re.compile(r"^\s*([*†‡§¶∗]|\d{1,2})(?=\S|\s|$)")


def _footnote_references(stream: _Stream, row: int) -> list[tuple[int, int]]:
    """(offset, length) of the body's marks that refer to the footnote holding `row`."""
    if not stream.small[row]:
        return []
    page = stream.lines[row].page
    marker = None
    for r in range(row, max(-1, row - 6), -1):
        line = stream.lines[r]
        if not stream.small[r] or line.page != page:
            break
        mark = _FOOTNOTE_MARK.match(line.text)
        # the mark is set smaller than the footnote text, or stands on a line of its own
        if mark and (line.size < (line.end_size or line.size) - 0.5 or line.text.strip() == mark.group(1)):
            marker = mark.group(1)
            break
    if marker is None:
        return []
    pattern = re.compile(rf"(?:(?<=[^\W\d_])|(?<=[.,;:)\]]))({re.escape(marker)})(?=[\s.,;:)]|$)")
    out = []
    for r in stream.page_rows.get(page, []):
        if stream.small[r]:
            continue
        for match in pattern.finditer(stream.text, stream.starts[r], stream.ends[r]):
            out.append((match.start(), len(marker)))
    return out


def _homepage(url: str, owner: _Owner) -> bool:
    """A person's home or profile page itself (janedoe.github.io, ~jdoe, x.com/jdoe, a LinkedIn, Scholar
    or ORCID profile), not a post or a project on it."""
    host, path = _split_url(url)
    path = path.split("?")[0].split("#")[0].strip("/")
    if host in ("orcid.org", "scholar.google.com", "linkedin.com", "researchgate.net") and owner.identifying:
        return True
    if owner.platform == "twitter":
        return len([p for p in path.split("/") if p]) <= 1 or path.startswith(("web/@", "profile/"))
    if owner.platform == "github" and host.endswith(".github.io"):
        return path in ("", "index.html")
    if owner.platform == "site":
        rest = path.split("/")[2:] if host == "sites.google.com" or path.startswith(("people", "users", "staff",
                                                                                     "homes", "home", "faculty",
                                                                                     "members", "user")) \
            else path.split("/")[1:]
        return all(part in ("", "home", "index.html") for part in rest)
    return False


def _url_detail(owner: _Owner | None, mine: bool) -> str:
    if mine:
        return "a link to an account the authors were given as theirs"
    if owner is None:
        return "the authors' own website"
    if owner.platform == "drive":
        return "a shared-drive link shows its owner's account to whoever opens it"
    return f"the authors' own {owner.platform} account ({owner.name!r})"


def _hit_leak(document, stream: _Stream, hit: _UrlHit, kind: str, level: str, detail: str,
              fix: str | None = None) -> Leak:
    if hit.row is not None:
        return _leak_at(stream, document, hit.row, kind, hit.url, level, detail,
                        box=hit.box if hit.start is None else None, fix=fix)
    return Leak(hit.page, kind, hit.url, hit.box, level, detail, fix_hint=fix)


# -- acknowledgments ----------------------------------------------------------------------------
ACK_KINDS = ("acknowledgments", "funding", "author-contributions")
_ACK_TITLE = (r"acknowledge?ments?|acknowledgments? and disclosure of funding|funding|funding statement"
              r"|financial support|author contributions?")
ACK_RUN_IN = re.compile(rf"^\s*(?P<title>{_ACK_TITLE})\s*(?:[.:—–]\s*|$)", re.I)
# "Acknowledgments We thank ..." set as a bold run-in heading (\paragraph) without punctuation
ACK_BOLD_RUN_IN = re.compile(rf"^\s*(?P<title>{_ACK_TITLE})\s+(?=[A-Z])", re.I)


def _run_in_ack(line) -> re.Match | None:
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
GRANT = re.compile(
    r"\b(?:grants?|awards?|contracts?|fellowships?|projects?|programmes?|programs?|agreements?)\s+(?:agreement\s+)?"
    r"(?:no\.?|number|nos\.?|#)?\s*:?\s*[A-Z0-9][A-Z0-9/.-]*\d[A-Z0-9/.-]*"
    r"|\b[A-Z]{2,}[-/][A-Z0-9]*\d{4,}[A-Z0-9/-]*\b|\b[A-Z]{1,4}/[A-Z0-9]+/\d+\b|\b\d{6,}\b"
)
FUNDER = re.compile(
    r"\b(?:supported|funded|sponsored|financed|made possible)\s+(?:in\s+part\s+|partly\s+|partially\s+|jointly\s+)?"
    r"by\s+(?:the\s+|a\s+|an\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
    r"|\b(?:support|funding|grant|compute|resources|credits)\s+(?:of|from|by)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
    r"|\bprovided\s+by\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*)"
)


def _ack_sections(stream: _Stream) -> list[tuple[int, int, int, str]]:
    """(first row, offset where its text starts, end row, title) of each acknowledgments-like section.

    Both headed sections and run-in paragraphs ("Acknowledgments. We thank...").
    """
    out = []
    rows = len(stream.lines)
    for row in range(rows):
        if row in stream.headings:
            if stream.kinds[row] not in ACK_KINDS:
                continue
            start, title, limit = stream.ends[row], stream.lines[row].text.strip(), row + 40
        else:
            match = _run_in_ack(stream.lines[row])
            if match is None or stream.kinds[row] == "references":
                continue
            start, title, limit = stream.starts[row] + match.end(), match.group("title"), row + 10
        end = row + 1
        while end < rows and end < limit and end not in stream.headings:
            end += 1
        out.append((row, start, end, title))
    return out


def _acknowledgment_leaks(document, stream: _Stream) -> list[Leak]:
    out: list[Leak] = []
    for first, start, end, title in _ack_sections(stream):
        text = stream.text[start:stream.ends[end - 1]]
        if not text.strip():
            continue
        section = re.sub(r"\W+", " ", title).strip().lower()
        section = "funding statement" if "funding" in section and "acknowledg" not in section or \
            "financial" in section else "author contributions" if "contribution" in section else "acknowledgments"
        evidence = _ack_evidence(text)
        if not evidence:
            if ACK_INSTRUCTIONS.search(text) or re.search(r"\banonymous reviewers?\b", text, re.I) and \
                    len(text.split()) < 40:
                continue
            sentence = " ".join(text.split())[:300]
            out.append(_leak_at(stream, document, first, "acknowledgments-present", f"{title.rstrip('.:')}: {sentence}",
                                "warning", f"{section} in a submission (no names found in it)"))
            continue
        reported = 0
        for sentence_start, sentence in _sentences(text):
            found = _ack_evidence(sentence)
            if not found:
                continue
            row = stream.row_at(start + sentence_start)
            out.append(_leak_at(stream, document, row, "acknowledgments", " ".join(sentence.split()), "error",
                                f"the {section} name " + "; ".join(found[:4])))
            reported += 1
            if reported >= 3:
                break
    return out


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset of its first character, sentence) for each sentence of `text`."""
    out = []
    position = 0
    for cut in list(_SENTENCE_END.finditer(text)) + [None]:
        end = cut.start() + 1 if cut else len(text)
        piece = text[position:end]
        if piece.strip():
            out.append((position + len(piece) - len(piece.lstrip()), piece.strip()))
        if cut:
            position = cut.end()
    return out


def _ack_evidence(text: str) -> list[str]:
    """What in an acknowledgments text identifies people: names, grants, funders, institutions."""
    found: list[str] = []

    def add(label: str, value: str) -> None:
        item = f"{label} {' '.join(value.split()).rstrip('.,;:')!r}"
        if item not in found:
            found.append(item)

    for name in _person_names(text):
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


# -- affiliations and ORCID iDs in the text ----------------------------------------------------------
WORK_DONE_AT = re.compile(
    r"(?i:\b(?:this\s+)?(?:work|research|project|paper)\s+(?:was\s+)?(?:partly\s+|partially\s+|mostly\s+)?"
    r"(?:done|conducted|performed|carried\s+out|completed)\s+(?:while|during|when|as)\b[^.;]{0,80}?\b(?:at|with)\s+)"
    r"(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*"
    r"|(?i:\b(?:during\s+(?:an?\s+|my\s+|his\s+|her\s+|their\s+)?internship|as\s+an?\s+intern|visiting\s+"
    r"(?:researcher|student|scholar))\s+(?:at|with)\s+)(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*"
)


def _text_affiliations(document, stream: _Stream, page_one: _PageOne) -> list[Leak]:
    """ORCID iDs and "work done while at Google" anywhere outside the references and the author block."""
    out = []
    skip = {(l.page, l.index) for l in page_one.block + page_one.footnotes}
    urls = [(m.start(), m.end()) for m in URL_TEXT.finditer(stream.lower)]
    for pattern, kind, detail in ((ORCID, "orcid", "an ORCID iD"),
                                  (WORK_DONE_AT, "affiliation", "the text says where the authors work")):
        for match in pattern.finditer(stream.text):
            row = stream.row_at(match.start())
            line = stream.lines[row]
            if stream.kinds[row] == "references" or (line.page, line.index) in skip or \
                    (kind == "orcid" and _inside(match.start(), urls)):
                continue  # the author block, its footnotes and links are judged on their own
            text = match.group(0) if kind == "orcid" else _sentence(stream, match.start(), match.end())
            out.append(_leak_at(stream, document, row, kind, " ".join(text.split()), "error", detail))
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
_SELF_CITATION_WORDS = re.compile(  # on lower-cased text
    r"\b(?:previous(?:ly)?|prior|earlier|past|preliminary|companion|former(?:ly)?|recent(?:ly)?|already"
    r"|extends?|extending|builds?|building|continuation|follow[- ]up|expands?)\b|\bas\s+(?:we|i)\s"
)
_SELF_CITATION_IN = re.compile(r"[Ii]n\s+(?:\[|[A-Z][\w-]+\s+(?:et\s|and\s|&|\(?(?:19|20)))")


def _self_citations(document, stream: _Stream) -> list[Leak]:
    out = []
    text = stream.text
    matches = []
    triggers = sorted(list(_SELF_CITATION_WORDS.finditer(stream.lower)) + list(_SELF_CITATION_IN.finditer(text)),
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
        sentence = _sentence(stream, match.start(), match.end())
        phrase = re.sub(r"\s*[\[(][^\])]*$", "", " ".join(match.group(0).split()))
        out.append(_leak_at(stream, document, row, "self-citation", sentence, "warning",
                            f"self-citation phrasing: {phrase!r}"))
    return out


# -- supplied identities ------------------------------------------------------------------------
def _identity_matches(document, stream: _Stream, matcher: IdentityMatcher, page_one: _PageOne) -> list[Leak]:
    out: list[Leak] = []
    author_lines = {(l.page, l.index) for l in page_one.block + page_one.footnotes}
    url_spans = [(m.start(), m.end()) for m in URL_TEXT.finditer(stream.lower)]
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
            level, detail = "error", f"{who} in the author block"
        elif _inside(match.start, url_spans) and match.identity.kind != "institution":
            if match.identity.kind in ("github", "gitlab", "hf", "twitter", "site"):
                continue  # the link itself is reported, as the authors' own
            level, detail = ("warning" if section == "references" else "error"), f"{who} in a link"
        elif section in ACK_KINDS or _in_run_in_ack(stream, row):
            level, detail = "error", f"{who} in the acknowledgments"
        elif match.identity.kind in ("email", "github", "gitlab", "hf", "twitter", "site", "orcid"):
            level = "warning" if section == "references" else "error"
            detail = f"{who} in the {'references' if section == 'references' else 'text'}"
        elif section == "references":
            level, detail = "info", f"{who} in the references (allowed in double-blind review)"
        elif match.identity.kind == "institution":
            level, detail = "info", f"{who} mentioned in the text"
        elif re.match(r"\s*(?:et\s+al|and\s+[A-Z]|&|\(?\s*(?:19|20)\d\d|\[\d|,\s*(?:19|20)\d\d)", after) or \
                before.endswith("("):
            level, detail = "info", f"{who} cited in the third person (allowed in double-blind review)"
        else:
            level, detail = "warning", f"{who} named in the text"
        fix = "nothing to do: this is allowed in double-blind review" if level == "info" else None
        out.append(_leak_at(stream, document, row, "author-name", shown, level, detail, fix=fix))
    return out


def _in_run_in_ack(stream: _Stream, row: int) -> bool:
    for first in range(row, max(-1, row - 10), -1):
        if first in stream.headings:
            return False
        if _run_in_ack(stream.lines[first]):
            return True
    return False


# -- camera-ready: anonymization left over -------------------------------------------------------
LEFTOVER_PHRASE = re.compile(
    r"\b(?:removed|withheld|omitted|hidden|redacted|anonymi[sz]ed|suppressed|blinded|masked)\s+"
    r"(?:for|during|due\s+to|because\s+of)\s+(?:the\s+)?(?:double[- ]blind\s+|blind\s+|anonymous\s+)?"
    r"(?:review|reviewing|submission|anonymity|peer[- ]review)\b"
    r"|\banonymi[sz]ed\s+(?:github|repository|repo|link|url|code|version|copy)\b",
    re.I,
)
LATER_RELEASE = re.compile(
    r"\bwill\s+be\s+(?:made\s+)?(?:publicly\s+)?(?:available|released|open[- ]?sourced|provided|added|included|"
    r"published)\s+(?:upon|after|following)\s+(?:the\s+)?(?:acceptance|publication|review|decision)\b",
    re.I,
)
ANONYMOUS_CITATION = re.compile(r"\(\s*Anonymous,?\s+(?:19|20)\d\d[a-z]?\s*\)|\bAnonymous\s+\((?:19|20)\d\d[a-z]?\)"
                                r"|\bAnonymous\s+et\s+al\b")


def find_leftovers(document, options: IdentityOptions | None = None) -> list[Leak]:
    """Camera-ready: anonymization that was never undone (anonymous author block, anonymized links...)."""
    options = options or IdentityOptions()
    out: list[Leak] = []
    for key, label in (("Author", "Author"),):
        value = document.info.get(key, "")
        if re.search(r"anonym", value, re.I):
            out.append(Leak(None, "anonymous-leftover", f"{label}: {value}", detail="anonymous PDF metadata"))
    for field_name in ("dc:creator", "pdf:Author"):
        values = [v for v in document.xmp.get(field_name, []) if re.search(r"anonym", v, re.I)]
        if values and not out:
            out.append(Leak(None, "anonymous-leftover", f"XMP {field_name}: {'; '.join(values)}",
                            detail="anonymous PDF metadata"))
    if not document.page_count:
        return out
    stream = _stream(document)
    page_one = _page_one(document)
    rows = {(stream.lines[r].page, stream.lines[r].index): r for r in stream.page_rows.get(1, [])}
    for line in page_one.block + page_one.footnotes:
        text = line.text.strip()
        if PLACEHOLDER.search(text) or any(PLACEHOLDER_EMAIL.search(e) for e in EMAIL.findall(text)):
            row = rows.get((line.page, line.index))
            detail = "the template's anonymous author block"
            out.append(_leak_at(stream, document, row, "anonymous-leftover", text, detail=detail)
                       if row is not None else Leak(1, "anonymous-leftover", text, line.box, detail=detail))
    for hit in _url_hits(document, stream):
        if is_anonymized_url(hit.url):
            out.append(_hit_leak(document, stream, hit, "anonymous-leftover", "error",
                                 "an anonymized link made for review"))
    for pattern, level, detail in ((LEFTOVER_PHRASE, "error", "text written for the anonymous version"),
                                   (LATER_RELEASE, "warning", "a promise to release after review"),
                                   (ANONYMOUS_CITATION, "warning", "an anonymized citation")):
        for match in pattern.finditer(stream.text):
            row = stream.row_at(match.start())
            if stream.kinds[row] == "checklist" and pattern is LEFTOVER_PHRASE:
                continue  # the checklist's own guidelines talk about anonymized links
            if stream.lines[row].page == 1 and (stream.lines[row].page, stream.lines[row].index) in {
                    (l.page, l.index) for l in page_one.block}:
                continue  # already reported as the author block
            out.append(_leak_at(stream, document, row, "anonymous-leftover",
                                _sentence(stream, match.start(), match.end()), level, detail))
    for row, kind in enumerate(stream.kinds):
        if kind == "references" and re.match(r"^\s*(?:\[\d+\]\s*)?Anonymous[.,]", stream.lines[row].text):
            out.append(_leak_at(stream, document, row, "anonymous-leftover", stream.lines[row].text.strip(),
                                "warning", "a reference to an anonymous author"))
    return _unique(out)
