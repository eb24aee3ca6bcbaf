"""What the identity scan reports: leak kinds, their fixes, and the scan's options."""
from __future__ import annotations

from dataclasses import dataclass

from wscheck.authors import Identity, parse_identity
from wscheck.model import IdentityItem, Level


# Kinds that reveal the authors: what `inspect` lists under `identity`. An acknowledgments section
# that names nobody ("acknowledgments-present") is one too: a blind submission has none, and
# "we thank our advisor" tells reviewers the paper was written by someone with one.
REVEALING_KINDS = ("author-block", "affiliation", "orcid", "email", "url", "metadata", "attachment",
                   "acknowledgments", "acknowledgments-present", "author-name")
# Kinds that only warn or inform: listed by the check, never as identity.
NOTE_KINDS = ("self-citation", "embedded-file", "third-party-url", "anonymous-leftover")

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
    level: str = Level.ERROR  # error: reveals the authors; warning: may reveal them; info: allowed, listed
    detail: str | None = None
    line: int | None = None  # content line on the page, 1-based
    column: int | None = None  # 1 or 2 on a two-column page
    fix_hint: str | None = None  # overrides the kind's fix (FIXES)

    @property
    def reveals(self) -> bool:
        """Whether this belongs in `inspect`'s `identity` list."""
        return self.kind in REVEALING_KINDS and self.level != Level.INFO

    @property
    def fix(self) -> str | None:
        return self.fix_hint or FIXES.get(self.kind)

    def identity_item(self) -> IdentityItem:
        """What `inspect` lists under `identity`."""
        return IdentityItem(self.page, self.kind, self.text)


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
    # the level of an acknowledgments section that names nobody: an error where the venue says to
    # leave acknowledgments out of the submission (ICML, NeurIPS), a warning elsewhere
    acknowledgments_level: str = Level.WARNING

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


def unique_leaks(leaks: list[Leak]) -> list[Leak]:
    """The leaks without repeats (same page, kind and text), in order."""
    seen = set()
    out = []
    for leak in leaks:
        key = (leak.page, leak.kind, leak.text)
        if key not in seen:
            seen.add(key)
            out.append(leak)
    return out
