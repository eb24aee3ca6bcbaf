"""Who wrote the paper: identities supplied by the user, and finding them in text.

An identity is written as one string (on the command line, in an authors file,
in a project config or a per-paper author map):

    Jane Doe                          a person's name (the default; "name:Jane Doe" too)
    Doe, Jane                         the same name, family name first
    github:jdoe                       a GitHub user or organisation
    gitlab:jdoe                       a GitLab user or group
    hf:jdoe                           a Hugging Face user or organisation ("huggingface:" too)
    twitter:jdoe                      an X / Twitter handle ("x:" too)
    institution:Stanford University   an institution ("inst:", "affiliation:", "org:" too)
    email:jane@stanford.edu           an e-mail address (a bare string with an @ is one too)
    site:janedoe.net                  a personal website: a host, or host/path ("url:", "web:" too)
    orcid:0000-0002-1825-0097         an ORCID iD

An authors file is either text, one identity per line (blank lines and lines
starting with # are skipped), or CSV with a header row whose columns name the
kinds: name (or first + last, as HotCRP exports them), email, github, hf,
gitlab, twitter, institution (or affiliation), site (or website, homepage),
orcid; an "identity" column holds prefixed strings; other columns (paper,
title...) are ignored. A cell may hold several values separated by ";" or "|".
`identities_from_row` reads one CSV row, so a per-paper author map can reuse it.

Matching (`IdentityMatcher`) ignores case and accents, runs across line
breaks and hyphenation, and recognises a name written with initials
("J. Doe", "J. A. Doe", "Doe, J.") or with a middle name or initial.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from wscheck.textutil import fold_accents

KINDS = ("name", "email", "github", "gitlab", "hf", "twitter", "institution", "site", "orcid")

_PREFIXES = {
    "name": "name", "author": "name", "person": "name",
    "email": "email", "e-mail": "email", "mail": "email",
    "github": "github", "gh": "github",
    "gitlab": "gitlab",
    "hf": "hf", "huggingface": "hf", "hugging-face": "hf",
    "twitter": "twitter", "x": "twitter",
    "institution": "institution", "inst": "institution", "affiliation": "institution", "org": "institution",
    "organization": "institution", "organisation": "institution",
    "site": "site", "url": "site", "web": "site", "website": "site", "homepage": "site",
    "orcid": "orcid",
}

# CSV header -> kind (headers are compared lower-cased, with spaces, dashes and underscores removed)
_COLUMNS = {
    "name": "name", "author": "name", "authorname": "name", "fullname": "name", "names": "name", "authors": "name",
    "email": "email", "emailaddress": "email", "mail": "email", "emails": "email",
    "github": "github", "githubusername": "github", "githubuser": "github", "githubhandle": "github",
    "gitlab": "gitlab", "gitlabusername": "gitlab",
    "hf": "hf", "huggingface": "hf", "huggingfaceusername": "hf", "hfusername": "hf", "hfuser": "hf",
    "twitter": "twitter", "x": "twitter", "twitterhandle": "twitter",
    "institution": "institution", "affiliation": "institution", "organization": "institution",
    "organisation": "institution", "institutions": "institution", "affiliations": "institution",
    "site": "site", "website": "site", "homepage": "site", "url": "site", "web": "site",
    "orcid": "orcid", "orcidid": "orcid",
    "identity": "any", "identities": "any",
}
_FIRST_COLUMNS = {"first", "firstname", "given", "givenname", "forename"}
_LAST_COLUMNS = {"last", "lastname", "family", "familyname", "surname"}
_CELL_SEPARATORS = re.compile(r"\s*[;|]\s*")


class AuthorsFileError(ValueError):
    """An authors file that cannot be read or parsed (one clear line)."""


@dataclass(frozen=True)
class Identity:
    kind: str  # one of KINDS
    value: str

    @property
    def spec(self) -> str:
        """The identity as a string in the convention above (parse_identity(spec) == self)."""
        if self.kind == "name" and ":" not in self.value:
            return self.value
        return f"{self.kind}:{self.value}"

    def __str__(self) -> str:
        return self.spec


def parse_identity(text: str) -> Identity:
    """One identity from its string form; ValueError for an empty or unknown one."""
    text = " ".join(str(text).split())
    if not text:
        raise ValueError("empty identity")
    prefix, colon, rest = text.partition(":")
    key = prefix.strip().lower()
    if colon and key in _PREFIXES and rest.strip():
        kind, value = _PREFIXES[key], rest.strip()
    elif colon and re.fullmatch(r"[a-z][a-z-]{0,15}", key) and not rest.startswith("//"):
        raise ValueError(f"unknown identity kind {prefix!r} in {text!r}; known: {', '.join(KINDS)}")
    elif re.fullmatch(r"[^\s@<>]+@[^\s@<>]+\.[A-Za-z]{2,}", text):
        kind, value = "email", text
    else:
        kind, value = "name", text
    return Identity(kind, _clean(kind, value))


def _clean(kind: str, value: str) -> str:
    value = value.strip().strip("<>")
    # a cell of the `github` column may already say "github:jdoe"
    prefix, colon, rest = value.partition(":")
    if colon and _PREFIXES.get(prefix.strip().lower()) == kind and rest.strip():
        value = rest.strip()
    if kind in ("github", "gitlab", "hf", "twitter"):
        value = value.lstrip("@")
        # "https://github.com/jdoe" -> "jdoe"
        value = re.sub(r"^(https?://)?(www\.)?[\w.-]+\.\w+/", "", value).strip("/")
        if not value or re.search(r"\s", value):
            raise ValueError(f"a {kind} username has no spaces: {value!r}")
    elif kind == "site":
        value = re.sub(r"^https?://", "", value, flags=re.I).removeprefix("www.").rstrip("/")
    elif kind == "name":
        value = _name_order(value)
    if not value:
        raise ValueError(f"empty {kind}")
    return value


def _name_order(name: str) -> str:
    """'Doe, Jane' -> 'Jane Doe'; anything else unchanged."""
    family, comma, given = name.partition(",")
    if comma and "," not in given and given.strip() and family.strip():
        words = (family + " " + given).split()
        if len(words) <= 6 and not any(ch.isdigit() for ch in name):
            return f"{given.strip()} {family.strip()}"
    return name


def parse_identities(values: Iterable[str]) -> list[Identity]:
    """Identities from strings, in order, without duplicates; ValueError names the bad one."""
    out: list[Identity] = []
    for value in values:
        identity = parse_identity(value)
        if identity not in out:
            out.append(identity)
    return out


def _column_kind(header: str) -> str | None:
    key = re.sub(r"[\s_\-.]", "", (header or "").lower())
    if key in _FIRST_COLUMNS:
        return "first"
    if key in _LAST_COLUMNS:
        return "last"
    return _COLUMNS.get(key)


def is_identity_column(header: str) -> bool:
    """True for a CSV header that `identities_from_row` reads (name, github, hf, first...)."""
    return _column_kind(header) is not None


def identities_from_row(row: Mapping[str, str | None]) -> list[Identity]:
    """The identities in one CSV row, keyed by header (csv.DictReader rows work).

    Columns are recognised by name (see the module docstring); unknown columns
    are ignored, so a per-paper map may carry `paper`, `file` or `title`.
    """
    out: list[Identity] = []
    first = last = ""
    for header, cell in row.items():
        kind = _column_kind(header) if isinstance(header, str) else None
        if kind is None or cell is None:
            continue
        cell = str(cell).strip()
        if not cell:
            continue
        if kind == "first":
            first = cell
            continue
        if kind == "last":
            last = cell
            continue
        for value in _CELL_SEPARATORS.split(cell):
            if not value:
                continue
            identity = parse_identity(value) if kind == "any" else Identity(kind, _clean(kind, value))
            if identity not in out:
                out.append(identity)
    if first or last:
        identity = Identity("name", " ".join(p for p in (first, last) if p))
        if identity not in out:
            out.insert(0, identity)
    return out


def parse_authors_text(text: str, source: str = "authors file") -> list[Identity]:
    """Identities from the content of an authors file (text or CSV, see the module docstring)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return []
    header = lines[0]
    delimiter = next((d for d in (",", "\t", ";") if d in header), None)
    if delimiter is None and _column_kind(header.strip()) is not None:
        lines = lines[1:]  # the header of a one-column CSV ("name")
    out: list[Identity] = []

    def add(identities):
        for identity in identities:
            if identity not in out:
                out.append(identity)

    try:
        if delimiter is not None:
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
            kinds = [_column_kind(h) for h in rows[0]]
            if any(kinds):
                for number, row in enumerate(rows[1:], start=2):
                    try:
                        add(identities_from_row(dict(zip(rows[0], row, strict=False))))  # short rows are fine
                    except ValueError as exc:
                        raise AuthorsFileError(f"{source}: row {number}: {exc}") from None
                return out
            if delimiter != ",":
                # no header: every cell is an identity string
                for row in rows:
                    add(parse_identity(cell) for cell in row if cell.strip())
                return out
        for number, line in enumerate(lines, start=1):
            try:
                add([parse_identity(line)])
            except ValueError as exc:
                raise AuthorsFileError(f"{source}: line {number}: {exc}") from None
    except csv.Error as exc:
        raise AuthorsFileError(f"{source}: not valid CSV ({exc})") from None
    return out


MAX_AUTHORS_FILE_BYTES = 10_000_000  # checked before the file is read


def read_authors_file(path: str | Path) -> list[Identity]:
    """Identities from an authors file; AuthorsFileError (one line) when it cannot be read."""
    from wscheck.fileio import TooLarge, read_bounded

    path = Path(path)
    try:
        data = read_bounded(path, MAX_AUTHORS_FILE_BYTES, "authors file")
    except OSError as exc:
        raise AuthorsFileError(f"{path}: cannot read the authors file ({exc.strerror or exc})") from None
    except TooLarge as exc:
        raise AuthorsFileError(f"{path}: {exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AuthorsFileError(f"{path}: the authors file is not UTF-8 text") from None
    return parse_authors_text(text, str(path))


# -- matching ---------------------------------------------------------------------
def fold(text: str) -> tuple[str, list[int]]:
    """Lower-case `text` without accents, and the index in `text` of each folded character."""
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char.isascii():
            out.append(char.lower())
            index.append(position)
            continue
        for part in fold_accents(char):
            part = {"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", "\u00ad": "-"}.get(part, part)
            for low in part.lower():
                out.append(low)
                index.append(position)
    return "".join(out), index


def fold_text(text: str) -> str:
    return fold(text)[0]


PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "du", "la", "le",
             "bin", "ibn", "al", "el", "ten", "ter", "st", "st."}


def _name_pattern(name: str) -> str | None:
    """A regex over folded text for one person's name, with its initials variants."""
    words = [w for w in re.split(r"\s+", fold_text(name).replace(".", ". ").strip()) if w]
    words = [w for w in words if w not in (",",)]
    if not words:
        return None
    if len(words) == 1:
        word = re.escape(words[0].rstrip("."))
        return rf"(?<![\w@/.-]){word}(?![\w@])" if len(words[0]) >= 3 else None
    # the family name: the last word, with the particles before it ("van der Berg")
    split = len(words) - 1
    while split > 1 and words[split - 1] in PARTICLES:
        split -= 1
    given, family = words[:split], words[split:]
    gap = r"[\s~]+"

    def word_re(word: str) -> str:
        # hyphens and apostrophes may be written or not, and a line may break at a hyphen
        parts = [re.escape(p) for p in re.split(r"[-']", word.rstrip(".")) if p]
        return r"[-'\s]?".join(parts)

    family_re = gap.join(word_re(w) for w in family)
    first = given[0].rstrip(".")
    initial = re.escape(first[0])
    middle = [w.rstrip(".") for w in given[1:]]
    # optional middle names or initials: "Jane A. Doe", "Jane Ann Doe", "Jane Doe"
    middle_re = "".join(rf"(?:{gap}(?:{word_re(m)}|{re.escape(m[0])}\.?))?" for m in middle)
    any_initials = rf"(?:{gap}[a-z]\.)*"
    full = rf"{word_re(first)}{middle_re}{any_initials}{gap}{family_re}" if len(first) > 1 else None
    # "J. Doe", "J. A. Doe", "J.-P. Doe", "J Doe"; a name given as "J. Doe" also matches "Jane Doe"
    given_re = rf"{initial}(?:[a-z]+|\.)?" if len(first) == 1 else rf"{initial}\.?"
    initials = rf"{given_re}(?:-?[a-z]\.)?{middle_re}(?:{gap}?[a-z]\.)*{gap}{family_re}"
    # "Doe, Jane", "Doe, J.", "Doe J"
    inverted = rf"{family_re},?{gap}(?:{word_re(first)}|{initial}\.)" if len(first) > 1 else \
        rf"{family_re},{gap}{initial}\."
    variants = [v for v in (full, initials, inverted) if v]
    return rf"(?<![\w@/.-])(?:{'|'.join(variants)})(?![\w@])"


def _username_pattern(kind: str, user: str) -> str:
    user = re.escape(fold_text(user))
    end = r"(?![\w-])"
    if kind == "github":
        return (rf"github\.com/+{user}{end}|(?<![\w.-]){user}\.github\.io{end}"
                rf"|raw\.githubusercontent\.com/+{user}{end}|gist\.github\.com/+{user}{end}")
    if kind == "gitlab":
        return rf"gitlab\.com/+{user}{end}"
    if kind == "hf":
        return (rf"(?:huggingface\.co|hf\.co)/+(?:(?:datasets|spaces|collections|models)/+)?{user}{end}"
                rf"|(?<![\w./@-]){user}/[\w.-]+")
    if kind == "twitter":
        return rf"(?:twitter\.com|x\.com)/+{user}{end}|(?<![\w@])@{user}{end}"
    raise ValueError(kind)


@dataclass(frozen=True)
class IdentityMatch:
    identity: Identity
    start: int  # offsets in the original (unfolded) text
    end: int

    def text(self, source: str) -> str:
        return source[self.start:self.end]


class IdentityMatcher:
    """Finds supplied identities in text; build once, run on many strings."""

    def __init__(self, identities: Iterable[Identity | str]):
        self.identities = [parse_identity(i) if isinstance(i, str) else i for i in identities]
        self._patterns: list[tuple[Identity, re.Pattern]] = []
        for identity in self.identities:
            pattern = self._pattern(identity)
            if pattern:
                self._patterns.append((identity, re.compile(pattern)))

    def __bool__(self) -> bool:
        return bool(self._patterns)

    @staticmethod
    def _pattern(identity: Identity) -> str | None:
        value = identity.value
        if identity.kind == "name":
            return _name_pattern(value)
        if identity.kind in ("github", "gitlab", "hf", "twitter"):
            return _username_pattern(identity.kind, value)
        if identity.kind == "email":
            return rf"(?<![\w.+-]){re.escape(fold_text(value))}(?![\w-])"
        if identity.kind == "orcid":
            digits = re.sub(r"[^0-9xX]", "", value).lower()
            if len(digits) != 16:
                return re.escape(fold_text(value))
            return r"-?".join(re.escape(digits[i:i + 4]) for i in range(0, 16, 4))
        if identity.kind == "site":
            return rf"(?<![\w.-]){re.escape(fold_text(value))}(?![\w-])"
        if identity.kind == "institution":
            words = fold_text(value).split()
            return r"(?<!\w)" + r"[\s~,]+".join(re.escape(w) for w in words) + r"(?!\w)" if words else None
        return None

    def find(self, text: str) -> list[IdentityMatch]:
        """Every match in `text`, in order of position (overlaps resolved to the longest)."""
        if not self._patterns or not text:
            return []
        folded, index = fold(text)
        found: list[IdentityMatch] = []
        for identity, pattern in self._patterns:
            single_word = identity.kind == "name" and len(identity.value.split()) == 1
            for match in pattern.finditer(folded):
                if match.end() <= match.start():
                    continue
                start = index[match.start()]
                end = index[match.end() - 1] + 1
                if single_word and not text[start].isupper():
                    continue  # a one-word name is only a name when capitalised ("Sukarno", not "sukarno")
                found.append(IdentityMatch(identity, start, end))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[IdentityMatch] = []
        for candidate in found:
            if out and candidate.start < out[-1].end:
                continue
            out.append(candidate)
        return out


def collect_identities(cli_authors: Iterable[str] = (), authors_file: str | Path | None = None,
                       config_authors: Iterable[str] = ()) -> list[Identity]:
    """Every identity a run searches for: the project config's, the authors file's, then --author's.

    Raises ValueError (AuthorsFileError for the file) with a one-line message naming the bad entry.
    """
    out: list[Identity] = []

    def add(identities: Iterable[Identity]) -> None:
        for identity in identities:
            if identity not in out:
                out.append(identity)

    add(_parse_labelled("project config 'authors'", config_authors))
    if authors_file:
        add(read_authors_file(authors_file))
    add(_parse_labelled("--author", cli_authors))
    return out


def _parse_labelled(label: str, values: Iterable[str]) -> list[Identity]:
    try:
        return parse_identities(values)
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}") from None
