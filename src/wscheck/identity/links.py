"""Links: whose account a URL shows, and whether the sentence around it makes it the authors' own."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from wscheck.authors import Identity
from wscheck.identity.model import IdentityOptions, Leak
from wscheck.identity.page_one import PageOne
from wscheck.identity.patterns import URL_TEXT
from wscheck.identity.text import Stream, context_around, leak_at
from wscheck.model import Level


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
class Owner:
    platform: str  # github, gitlab, hf, twitter, site, drive, archive...
    name: str  # the account, or the URL when there is none
    identifying: bool  # the host shows who owns it


@dataclass(frozen=True)
class _Url:
    """A URL taken apart: lower-case host without "www.", path segments, query."""

    url: str
    host: str
    segments: list[str]
    query: str

    @property
    def first(self) -> str:
        return self.segments[0] if self.segments else ""


def _git_host(url: _Url) -> Owner | None:
    if url.host in ("github.com", "gist.github.com", "raw.githubusercontent.com"):
        return Owner("github", url.first, True) if url.first and url.first.lower() not in GITHUB_RESERVED else None
    if url.host.endswith(".github.io") and url.host.count(".") == 2:
        return Owner("github", url.host[: -len(".github.io")], True)
    if url.host in ("gitlab.com", "bitbucket.org", "codeberg.org", "sr.ht", "git.sr.ht"):
        usable = url.first and url.first.lower() not in ("explore", "users", "help")
        return Owner(url.host.split(".")[0], url.first, True) if usable else None
    return None


def _hugging_face(url: _Url) -> Owner | None:
    low = url.first.lower()
    if low in ("datasets", "spaces", "collections") and len(url.segments) > 1:
        return Owner("hf", url.segments[1], True)
    return Owner("hf", url.first, True) if url.first and low not in HF_RESERVED else None


def _social(url: _Url) -> Owner | None:
    handle = next((seg for seg in url.segments if seg.startswith("@")), None)
    name = handle or (url.segments[1] if url.first.lower() == "profile" and len(url.segments) > 1 else url.first)
    return Owner("twitter", name.lstrip("@"), True) if name and name.lower() not in SOCIAL_RESERVED else None


def _archive(url: _Url) -> Owner | None:
    query = parse_qs(url.query)
    if url.host == "osf.io" and "view_only" in query:
        return None  # OSF's anonymized view-only link
    if url.host == "scholar.google.com":
        user = query.get("user", [""])[0]
        return Owner("archive", user or url.url, bool(user))
    return Owner("archive", url.first or url.url, bool(url.first))


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


_PERSONAL_DIRECTORIES = ("people", "users", "staff", "homes", "home", "faculty", "members", "user")


def _personal_page(url: _Url) -> Owner | None:
    """A university-style home page: /~jdoe, /people/jdoe."""
    if url.first.startswith("~") or (url.first.lower() in _PERSONAL_DIRECTORIES and len(url.segments) > 1):
        return Owner("site", f"{url.host}/{'/'.join(url.segments[:2])}", True)
    return None


def _parse(url: str) -> _Url | None:
    url = url.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None
    return _Url(url, host, [s for s in parts.path.split("/") if s], parts.query)


def url_owner(url: str) -> Owner | None:
    """Who a URL belongs to, when its host shows an owner (None for plain resources)."""
    parsed = _parse(url)
    if parsed is None:
        return None
    host = parsed.host
    if _is_git_host(host):
        return _git_host(parsed)
    if host in ("huggingface.co", "hf.co"):
        return _hugging_face(parsed)
    if host in ("twitter.com", "x.com", "mastodon.social", "bsky.app", "threads.net", "instagram.com"):
        return _social(parsed)
    if host == "sites.google.com" and len(parsed.segments) > 1:
        return Owner("site", parsed.segments[1], True)
    if _on(host, DRIVE_HOSTS):
        return Owner("drive", parsed.url, True)
    if _on(host, ARCHIVE_HOSTS):
        return _archive(parsed)
    return _personal_page(parsed)


_GIT_HOSTS = ("github.com", "gist.github.com", "raw.githubusercontent.com", "gitlab.com", "bitbucket.org",
              "codeberg.org", "sr.ht", "git.sr.ht")


def _is_git_host(host: str) -> bool:
    return host in _GIT_HOSTS or (host.endswith(".github.io") and host.count(".") == 2)


def is_anonymized_url(url: str) -> bool:
    """A link made for double-blind review (anonymous.4open.science, OSF view-only, an 'anonymous' account)."""
    host, _ = split_url(url)
    if host == "anonymous.4open.science" or host.endswith(".4open.science"):
        return True
    if "view_only=" in url:
        return True
    owner = url_owner(url)
    return bool(owner and re.search(r"anonym", owner.name, re.I))


def split_url(url: str) -> tuple[str, str]:
    url = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I)
    host, _, path = url.partition("/")
    return host.lower().split(":")[0].removeprefix("www."), path


def _allowed(url: str, allowed_hosts) -> bool:
    host, path = split_url(url)
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
    r"|(?i:\b(?:sourced|obtained|download(?:s|ed|ing)?|taken|borrowed|adapted|forked|derived|reused|retrieved|collected"
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
    r"|\b[A-Z][\w-]+['’]s\s+(?:[\w-]+\s+){0,2}?(?:code|implementation|repository|repo|library|tweet|post|blog"
    r"|project|page|website|homepage|demo|models?|weights|checkpoints?|datasets?|benchmark)\b"
    r"|(?i:\b(?:whose|authors\s+of)\b)"
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
class UrlHit:
    url: str
    page: int
    row: int | None
    start: int | None
    end: int | None
    box: tuple | None
    prefix: str | None = None  # the part of a text URL on its first line, when it runs over lines
    anchor: tuple[int, int] | None = None  # where the linked words are, for a link on words ("our code")


def url_hits(document, stream: Stream) -> list[UrlHit]:
    """Each URL once per place it appears: link annotations, and URLs written in the text."""
    hits: list[UrlHit] = []
    for start, end in stream.url_spans:
        url = _trim_url(stream.text[start:end])
        if "@" in url.split("/")[0] or len(url) < 8:
            continue
        row = stream.row_at(start)
        line_end = stream.ends[row]
        prefix = stream.text[start:line_end] if end > line_end else None
        hits.append(UrlHit(url, stream.lines[row].page, row, start, start + len(url), stream.lines[row].box, prefix))
    by_page: dict[int, list[UrlHit]] = {}
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
                under = _row_under(stream, link.page, link.box)
                new = UrlHit(link.uri, link.page, under, None, None, link.box)
                if under is not None:
                    new.anchor = _anchor_span(stream, under, link.box)
                hits.append(new)
                by_page.setdefault(link.page, []).append(new)
    # one hit per (page, address)
    seen = set()
    out = []
    for hit in hits:
        key = (hit.page, _normal_url(hit.url))
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def _anchor_span(stream: Stream, row: int, box) -> tuple[int, int]:
    """The stream offsets of the words a link box covers on its line (by horizontal position)."""
    line = stream.lines[row]
    width = max(line.x1 - line.x0, 1.0)
    length = stream.ends[row] - stream.starts[row]
    left = min(max((box[0] - line.x0) / width, 0.0), 1.0)
    right = min(max((box[2] - line.x0) / width, left), 1.0)
    start = stream.starts[row]
    return start + int(left * length), start + max(int(right * length), int(left * length) + 1)


def _row_under(stream: Stream, page: int, box) -> int | None:
    x0, top, x1, bottom = box
    best, overlap = None, 0.0
    for row in stream.page_rows.get(page, []):
        line = stream.lines[row]
        v = min(bottom, line.bottom) - max(top, line.top)
        h = min(x1, line.x1) - max(x0, line.x0)
        if v > 0 and h > 0 and v * h > overlap:
            best, overlap = row, v * h
    return best


@dataclass
class _Judged:
    """A URL with what the paper says about it: whose account it shows, and whose it is."""

    hit: UrlHit
    owner: Owner | None
    role: str  # own, third or unknown
    section: str  # the kind of section it is in
    mine: bool  # an account or site the user gave as the authors'

    @property
    def account(self) -> tuple[str, str] | None:
        return (self.owner.platform, self.owner.name.lower()) if self.owner else None


class _LinkJudge:
    """Decides whose resource each URL of one paper is (see `url_leaks`)."""

    def __init__(self, stream: Stream, identities: list[Identity], page_one: PageOne) -> None:
        self.stream = stream
        self.author_area = page_one.author_area()
        self.title_words = _distinctive_words(page_one.title)
        self.supplied = {(i.kind, i.value.lower()) for i in identities}
        self.sites = [i.value.lower() for i in identities if i.kind == "site"]

    def judge(self, hit: UrlHit) -> _Judged:
        owner = url_owner(hit.url)
        section = self.stream.kinds[hit.row] if hit.row is not None else "body"
        head, tail = self.sentence(hit)
        mine = self.mine(hit, owner)
        role = "own" if mine and section != "references" else _url_role(head, tail, section)
        if role == "unknown":
            role = self.unknown_role(hit, owner)
        if owner is None and role == "own" and not mine:
            # a plain website: only an explicit "our ... at" makes it the authors'; a bare host
            # ("mlgroup.example.org") only when that claim comes right before it
            last_own = max((m.end() for m in OWN_STRONG.finditer(head)), default=-1)
            near = not _bare_host(hit) or len(head) - last_own <= BARE_HOST_REACH
            role = "own" if last_own >= 0 and near and section != "references" else "third"
        return _Judged(hit, owner, role, section, mine)

    def sentence(self, hit: UrlHit) -> tuple[str, str]:
        """The sentence before and after the URL; for a link on words ("at our project page"),
        the words belong to the sentence before it. What was said before an earlier link in the
        sentence was said about that link."""
        stream = self.stream
        if hit.start is not None and hit.end is not None:
            head, tail = context_around(stream, hit.start, hit.end)
        elif hit.anchor is not None:
            head, tail = context_around(stream, *hit.anchor)
            head += stream.text[hit.anchor[0]:hit.anchor[1]]
        else:
            head, tail = "", ""
        earlier = list(URL_TEXT.finditer(head.lower()))
        if earlier:
            head = head[earlier[-1].end():]
        return head, tail

    def mine(self, hit: UrlHit, owner: Owner | None) -> bool:
        """An account or a site the user gave as the authors'."""
        return (owner is not None and (owner.platform, owner.name.lower()) in self.supplied) or \
            any(_normal_url(hit.url).startswith(site) for site in self.sites)

    def unknown_role(self, hit: UrlHit, owner: Owner | None) -> str:
        """Whose a link is when its sentence does not say: the sentences that point to its footnote,
        the author block, or a repository named after the paper."""
        if hit.row is not None:
            role = _footnote_role(self.stream, hit.row)
            if role != "unknown":
                return role
            if self.stream.lines[hit.row].key in self.author_area:
                return "own"  # a link in the author block or its footnotes
        if owner is not None and owner.platform in ("github", "gitlab", "hf") and \
                _named_after(hit.url, self.title_words):
            return "own"  # a repository named after the paper
        return "unknown"


# characters between "our project page is" (the end of the claim) and a bare host it claims
BARE_HOST_REACH = 40


def _bare_host(hit: UrlHit) -> bool:
    """A host written in the text without scheme, "www." or path ("mlgroup.example.org"): a
    name as much as an address, so it is the authors' only when their words claim it."""
    return hit.start is not None and not re.match(r"^(?:https?://|www\.)", hit.url, re.I) \
        and "/" not in hit.url.rstrip("/")


def _footnote_role(stream: Stream, row: int) -> str:
    """A link alone in a footnote: judged by the sentences that point to the footnote."""
    roles = {_url_role(*context_around(stream, at, at + size), stream.kinds[stream.row_at(at)])
             for at, size in _footnote_references(stream, row)}
    return "own" if "own" in roles else "third" if "third" in roles else "unknown"


def _exempt(url: str, options: IdentityOptions) -> bool:
    """Links to allowed hosts and anonymized links never identify anyone."""
    return _allowed(url, options.allowed_hosts) or is_anonymized_url(url)


def url_leaks(document, stream: Stream, options: IdentityOptions, identities: list[Identity],
              page_one: PageOne) -> list[Leak]:
    """Links to the authors' own accounts and sites (and, as warnings and information, home pages
    and other people's accounts)."""
    judge = _LinkJudge(stream, identities, page_one)
    judged = [judge.judge(hit) for hit in url_hits(document, stream) if not _exempt(hit.url, options)]
    own_accounts = {j.account for j in judged if j.role == "own" and j.owner is not None
                    and j.owner.identifying and j.owner.platform not in ("drive",)}
    out: list[Leak] = []
    for item in judged:
        if item.role != "own" and item.account in own_accounts and item.section != "references":
            item.role = "own"  # the same account was shown to be the authors' elsewhere in the paper
        leak = _url_leak(document, stream, options, item)
        if leak is not None:
            out.append(leak)
    return out


def _url_leak(document, stream: Stream, options: IdentityOptions, item: _Judged) -> Leak | None:
    hit, owner = item.hit, item.owner
    if item.role == "own":
        return _own_url_leak(document, stream, options, item)
    if item.mine:
        return hit_leak(document, stream, hit, "url", Level.INFO,
                        "an account the authors were given as theirs, cited in the references",
                        "nothing to do: citing your own work in the third person is allowed")
    # a bare host nobody claims ("see karpathy.github.io") is a name in the text, not a link to follow
    if item.role == "unknown" and owner is not None and _homepage(hit.url, owner) and not _bare_host(hit):
        return hit_leak(document, stream, hit, "url", Level.WARNING,
                        f"a personal home or profile page ({owner.name!r}) linked without saying whose it is")
    if item.role == "unknown" and owner is not None and owner.identifying:
        return hit_leak(document, stream, hit, "third-party-url", Level.INFO,
                        f"a link to the {owner.platform} account {owner.name!r}, judged someone else's")
    return None


def _own_url_leak(document, stream: Stream, options: IdentityOptions, item: _Judged) -> Leak:
    """The authors' own link: an error, unless it is an anonymous account made for the review."""
    owner = item.owner
    level, detail, fix = Level.ERROR, _url_detail(owner, item.mine), None
    platform = owner.platform if owner is not None else "site"
    name = owner.name if owner is not None else split_url(item.hit.url)[0]
    if not item.mine and platform != "drive" and re.search(r"anon", name, re.I):
        if platform in options.anonymous_accounts:
            level = Level.INFO
            detail = f"an anonymous {platform} account ({name!r}) made for the review"
            fix = "nothing to do if the account was made for this review and its profile names nobody"
        else:
            level = Level.WARNING
            detail = (f"a pseudonymous {platform} account ({name!r}): reviewers can still browse its "
                      "profile and history; prefer an anonymizing service")
    return hit_leak(document, stream, item.hit, "url", level, detail, fix)


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
    host = split_url(url)[0]
    repo = segments[2] if host in ("huggingface.co", "hf.co") and segments[:1] in (["datasets"], ["spaces"]) and \
        len(segments) > 2 else segments[1] if len(segments) > 1 else ""
    if not repo:
        return False
    repo = re.sub(r"\.git$", "", repo)
    parts = {p.lower() for p in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", repo)}
    parts.add(re.sub(r"[^a-z0-9]", "", repo.lower()))
    return bool(parts & title_words)


_FOOTNOTE_MARK = re.compile(r"^\s*([*†‡§¶∗]|\d{1,2})(?=\S|\s|$)")


def _footnote_references(stream: Stream, row: int) -> list[tuple[int, int]]:
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


def _homepage(url: str, owner: Owner) -> bool:
    """A person's home or profile page itself (janedoe.github.io, ~jdoe, x.com/jdoe, a LinkedIn, Scholar
    or ORCID profile), not a post or a project on it."""
    host, path = split_url(url)
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


def _url_detail(owner: Owner | None, mine: bool) -> str:
    if mine:
        return "a link to an account the authors were given as theirs"
    if owner is None:
        return "the authors' own website"
    if owner.platform == "drive":
        return "a shared-drive link shows its owner's account to whoever opens it"
    return f"the authors' own {owner.platform} account ({owner.name!r})"


def hit_leak(document, stream: Stream, hit: UrlHit, kind: str, level: str, detail: str,
              fix: str | None = None) -> Leak:
    if hit.row is not None:
        return leak_at(stream, document, hit.row, kind, hit.url, level, detail,
                        box=hit.box if hit.start is None else None, fix=fix)
    return Leak(hit.page, kind, hit.url, hit.box, level, detail, fix_hint=fix)
