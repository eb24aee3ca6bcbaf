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


def url_owner(url: str) -> Owner | None:
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
            return Owner("github", first, True)
        return None
    if host.endswith(".github.io") and host.count(".") == 2:
        return Owner("github", host[: -len(".github.io")], True)
    if host in ("gitlab.com", "bitbucket.org", "codeberg.org", "sr.ht", "git.sr.ht"):
        return Owner(host.split(".")[0], first, True) if first and low not in ("explore", "users", "help") else None
    if host in ("huggingface.co", "hf.co"):
        if low in ("datasets", "spaces", "collections") and len(segments) > 1:
            return Owner("hf", segments[1], True)
        if first and low not in HF_RESERVED:
            return Owner("hf", first, True)
        return None
    if host in ("twitter.com", "x.com", "mastodon.social", "bsky.app", "threads.net", "instagram.com"):
        handle = next((seg for seg in segments if seg.startswith("@")), None)
        name = handle or (segments[1] if low == "profile" and len(segments) > 1 else first)
        if name and name.lower() not in SOCIAL_RESERVED:
            return Owner("twitter", name.lstrip("@"), True)
        return None
    if host == "sites.google.com" and len(segments) > 1:
        return Owner("site", segments[1], True)
    if any(host == h or host.endswith("." + h) for h in DRIVE_HOSTS):
        return Owner("drive", url, True)
    if any(host == h or host.endswith("." + h) for h in ARCHIVE_HOSTS):
        if host == "osf.io" and "view_only" in parse_qs(parts.query):
            return None  # OSF's anonymized view-only link
        if host == "scholar.google.com":
            user = parse_qs(parts.query).get("user", [""])[0]
            return Owner("archive", user or url, bool(user))
        return Owner("archive", first or url, bool(first))
    if first.startswith("~") or (low in ("people", "users", "staff", "homes", "home", "faculty", "members", "user")
                                 and len(segments) > 1):
        return Owner("site", f"{host}/{'/'.join(segments[:2])}", True)
    return None


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
                row = _row_under(stream, link.page, link.box)
                hit = UrlHit(link.uri, link.page, row, None, None, link.box)
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


def _anchor_span(stream: Stream, row: int, box) -> tuple[int, int]:
    """The stream offsets of the words a link box covers on its line (by horizontal position)."""
    line = stream.lines[row]
    width = max(line.x1 - line.x0, 1.0)
    length = stream.ends[row] - stream.starts[row]
    left = min(max((box[0] - line.x0) / width, 0.0), 1.0)
    right = min(max((box[2] - line.x0) / width, left), 1.0)
    return stream.starts[row] + int(left * length), stream.starts[row] + max(int(right * length), int(left * length) + 1)


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


def url_leaks(document, stream: Stream, options: IdentityOptions, identities: list[Identity],
               page_one: PageOne) -> list[Leak]:
    author_area = page_one.author_area()
    title_words = _distinctive_words(page_one.title)
    supplied = {(i.kind, i.value.lower()) for i in identities}
    sites = [i.value.lower() for i in identities if i.kind == "site"]
    judged = []
    own_accounts: set[tuple[str, str]] = set()
    for hit in url_hits(document, stream):
        if _allowed(hit.url, options.allowed_hosts) or is_anonymized_url(hit.url):
            continue
        owner = url_owner(hit.url)
        section = stream.kinds[hit.row] if hit.row is not None else "body"
        if hit.start is not None:
            head, tail = context_around(stream, hit.start, hit.end)
        elif hit.anchor is not None:
            # a link on words: the words themselves belong to the sentence ("at our project page")
            head, tail = context_around(stream, *hit.anchor)
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
            roles = {_url_role(*context_around(stream, at, at + size), stream.kinds[stream.row_at(at)])
                     for at, size in _footnote_references(stream, hit.row)}
            role = "own" if "own" in roles else "third" if "third" in roles else "unknown"
        if role == "unknown" and hit.row is not None:
            line = stream.lines[hit.row]
            if (line.page, line.index) in author_area:
                role = "own"  # a link in the author block or its footnotes
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
            name = owner.name if owner is not None else split_url(hit.url)[0]
            if not mine and platform != "drive" and re.search(r"anon", name, re.I):
                if platform in options.anonymous_accounts:
                    level = "info"
                    detail = f"an anonymous {platform} account ({name!r}) made for the review"
                    fix = "nothing to do if the account was made for this review and its profile names nobody"
                else:
                    level = "warning"
                    detail = (f"a pseudonymous {platform} account ({name!r}): reviewers can still browse its "
                              "profile and history; prefer an anonymizing service")
            out.append(hit_leak(document, stream, hit, "url", level, detail, fix))
        elif mine:
            out.append(hit_leak(document, stream, hit, "url", "info",
                                 "an account the authors were given as theirs, cited in the references",
                                 "nothing to do: citing your own work in the third person is allowed"))
        elif role == "unknown" and owner is not None and _homepage(hit.url, owner):
            out.append(hit_leak(document, stream, hit, "url", "warning",
                                 f"a personal home or profile page ({owner.name!r}) linked without saying "
                                 "whose it is"))
        elif role == "unknown" and owner is not None and owner.identifying:
            out.append(hit_leak(document, stream, hit, "third-party-url", "info",
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
