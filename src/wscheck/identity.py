"""Everything in a PDF that reveals who wrote it.

Used by `wscheck inspect` (the `identity` list) and by the `anonymity` check,
which decides what each kind of leak means for a venue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from wscheck.structure import STATEMENT_TITLES

# Template placeholders that are not leaks.
PLACEHOLDER_AUTHORS = re.compile(
    r"anonymous\s+(author|authors|author\(s\)|institution|submission|affiliation)|paper under double-blind review"
    r"|^anonymous\d*$|^affiliation$|^address$|^email$",
    re.I,
)
PLACEHOLDER_EMAIL = re.compile(
    r"anon|example\.(com|org|edu)|domain\.(com|edu|org)|email\.com$|@(email|mail|institution|university)\.(com|edu)$"
    r"|^(you|your|author|name|first\.last|firstname\.lastname)@",
    re.I,
)
EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
URL = re.compile(r"(?:https?://|www\.)?[A-Za-z0-9.-]+\.[a-z]{2,}(?:/[^\s,;)\]}>\"']*)?", re.I)

DEFAULT_ALLOWED_HOSTS = (
    "anonymous.4open.science",
    "openreview.net",
    "arxiv.org",
    "doi.org",
    "dx.doi.org",
)
IDENTIFYING_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "bitbucket.org", "sites.google.com",
                     "drive.google.com", "github.io", "x.com", "twitter.com", "linkedin.com", "scholar.google.com")


@dataclass(frozen=True)
class Leak:
    page: int | None
    kind: str  # author-block, email, url, metadata, acknowledgments, affiliation, self-citation, author-name
    text: str
    box: tuple[float, float, float, float] | None = None

    def as_dict(self) -> dict:
        return {"page": self.page, "kind": self.kind, "text": self.text}


@dataclass
class IdentityOptions:
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS
    authors: tuple[str, ...] = ()


def find_leaks(document, options: IdentityOptions | None = None) -> list[Leak]:
    options = options or IdentityOptions()
    leaks: list[Leak] = []
    leaks.extend(_metadata_leaks(document))
    if document.page_count:
        leaks.extend(_author_block_leaks(document))
        leaks.extend(_email_leaks(document))
        leaks.extend(_url_leaks(document, options))
        leaks.extend(_acknowledgment_leaks(document))
    seen = set()
    unique = []
    for leak in leaks:
        key = (leak.page, leak.kind, leak.text)
        if key not in seen:
            seen.add(key)
            unique.append(leak)
    return unique


def _metadata_leaks(document) -> list[Leak]:
    out = []
    author = document.info.get("Author", "")
    if author and not PLACEHOLDER_AUTHORS.search(author) and author.lower() not in ("anonymous", "author"):
        out.append(Leak(None, "metadata", f"Author: {author}"))
    for value in document.xmp.get("dc:creator", []):
        if not PLACEHOLDER_AUTHORS.search(value) and value.lower() not in ("anonymous", "author"):
            out.append(Leak(None, "metadata", f"XMP dc:creator: {value}"))
    for key in ("Creator", "Producer"):
        value = document.info.get(key, "")
        match = re.search(r"(/Users/|/home/|C:\\Users\\)([^/\\\s]+)", value)
        if match:
            out.append(Leak(None, "metadata", f"{key}: {value}"))
    return out


def _author_block_leaks(document) -> list[Leak]:
    lines = document.page_lines(1)
    structure = document.structure
    body_size = structure.body_size
    abstract_top = next((l.top for l in lines if re.fullmatch(r"abstract\.?", l.text.strip(), re.I)), None)
    if abstract_top is None:
        return []
    block = [l for l in lines if l.top < abstract_top and (l.page, l.index) not in structure.furniture]
    if not block:
        return []
    title_size = max(l.size for l in block)
    candidates = [l for l in block if l.size < title_size - 1 and l.size >= body_size - 2.5]
    if any(PLACEHOLDER_AUTHORS.search(l.text) for l in candidates):
        return []
    out = []
    for line in candidates:
        if _looks_like_names(line.text):
            out.append(Leak(1, "author-block", line.text, line.box))
    return out[:6]


_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z]\.)?\s+[A-Z][a-zA-Z'-]+\b")


def _looks_like_names(text: str) -> bool:
    if len(text) > 200:
        return False
    return bool(_NAME.search(text)) and not text.rstrip().endswith(".")


def _email_leaks(document) -> list[Leak]:
    out = []
    for page_lines in document.lines:
        for line in page_lines:
            for match in EMAIL.finditer(line.text):
                if not PLACEHOLDER_EMAIL.search(match.group(0)):
                    out.append(Leak(line.page, "email", match.group(0), line.box))
    return out


def _url_leaks(document, options: IdentityOptions) -> list[Leak]:
    out = []
    candidates = []
    for page_links in document.links:
        for link in page_links:
            candidates.append((link.page, link.uri, link.box))
    for page_lines in document.lines:
        for line in page_lines:
            lowered = line.text.lower()
            if any(host in lowered for host in IDENTIFYING_HOSTS):
                for match in URL.finditer(line.text):
                    candidates.append((line.page, match.group(0), line.box))
    for page, url, box in candidates:
        host, path = _split_url(url)
        if not host or any(host == h or host.endswith("." + h) for h in options.allowed_hosts):
            continue
        if host.endswith("github.io") or (
            any(host == h or host.endswith("." + h) for h in IDENTIFYING_HOSTS) and path.strip("/")
        ):
            out.append(Leak(page, "url", url, box))
    return out


def _split_url(url: str) -> tuple[str, str]:
    url = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I)
    host, _, path = url.partition("/")
    return host.lower().removeprefix("www."), path


def _acknowledgment_leaks(document) -> list[Leak]:
    structure = document.structure
    out = []
    for heading in structure.headings:
        if heading.kind in ("acknowledgments", "funding") and heading.kind in STATEMENT_TITLES:
            following = [l for l in structure.content if l.page == heading.page and l.top > heading.line.top][:2]
            text = " ".join(l.text for l in following)[:200]
            if text:
                out.append(Leak(heading.page, "acknowledgments", f"{heading.text}: {text}", heading.line.box))
    return out
