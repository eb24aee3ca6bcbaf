"""Section vocabulary: which heading titles name which kind of section.

The words live in rule data (`rules/_sections.yaml`, shipped as
`wscheck/rules/_sections.yaml`), not in code, so that a rule set can add the
titles its venue uses (the page-limit rule's `section_titles`). This module
loads and validates that file and matches normalised titles against it: exactly,
by pattern, or, for a long title, with one slip of the pen (two in a very long
one: "REPRODICIBILITY STATEMENT"), see `FuzzySettings`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from wscheck.errors import RuleSetError
from wscheck.textutil import fold_accents

BODY = "body"
TERMINAL = "terminal"
STATEMENT = "statement"
ROLES = (TERMINAL, STATEMENT)
# Kinds the analysis itself relies on (rules/_sections.yaml defines them with their titles).
REFERENCES = "references"
APPENDIX = "appendix"
CHECKLIST = "checklist"
# The kinds every page limit in the shipped rule sets leaves out; the default of `excluded`.
TERMINAL_KINDS = (REFERENCES, APPENDIX, CHECKLIST)
VOCABULARY_FILE = "_sections.yaml"
_KIND_KEYS = {"role": "terminal or statement", "name": "how reports name the kind",
              "titles": "whole titles", "patterns": "regular expressions over the normalised title",
              "run_in": "true: a run-in paragraph with this title (\"Acknowledgments. We thank...\") still "
                        "starts the statement, even inside a numbered section"}
_KIND_NAME = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
_SMALL_CAPS_SPLIT = re.compile(r"\b([A-Z]) (?=[A-Z]{2,})")
_PUNCTUATION = re.compile(r"[^\w\s-]")


def normalise_title(text: str) -> str:
    """Lower case, accents and punctuation removed, small-caps splits ("R EFERENCES") joined."""
    if not text.isascii():
        text = fold_accents(text)
    text = _SMALL_CAPS_SPLIT.sub(r"\1", text)
    text = text.lower().replace("&", " and ")
    text = _PUNCTUATION.sub(" ", text)
    return " ".join(text.replace("-", " ").replace("_", " ").split())


@dataclass(frozen=True)
class FuzzySettings:
    """How far a heading's title may be from a vocabulary title and still name its kind.

    Only long titles are matched loosely: short ones are too close to ordinary words
    ("Imitation" is one letter from "Limitation", "Finding" from "Funding"). A title
    must also begin and end with the same letters as the vocabulary's, which keeps a
    slip inside the word ("Reprodicibility", "Acknowledgmetns") and rejects another word.
    """

    min_chars: int = 12  # normalised titles shorter than this must match exactly ...
    edits: int = 1  # ... longer ones may differ by this many letters (insert, delete, change, swap) ...
    long_chars: int = 20  # ... and titles this long ...
    long_edits: int = 2  # ... by this many


FUZZY = FuzzySettings()


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether `a` becomes `b` in at most `limit` single-letter edits (insertions, deletions,
    changes, swaps of neighbours), computed in a band of width `limit` around the diagonal."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b or not a or not b:
        return True  # (an empty one: the other is at most `limit` letters long)
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [limit + 1] * len(b)
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current[low:high + 1]) > limit:
            return False
        previous2, previous = previous, current
    return previous[len(b)] <= limit


@dataclass(frozen=True)
class Kind:
    id: str
    role: str
    name: str
    titles: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    run_in: bool = False  # a run-in paragraph with this title still starts the statement

    def matches(self, norm: str) -> bool:
        return norm in self.titles or any(p.fullmatch(norm) for p in self.patterns)


@dataclass(frozen=True)
class Vocabulary:
    kinds: tuple[Kind, ...]
    # lookups built from `kinds`
    _exact: dict[str, str] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Kind] = field(init=False, repr=False, compare=False)
    _fuzzy: dict[str, str] = field(init=False, repr=False, compare=False)  # misspelt title -> kind, computed once
    _titles: dict[str, str] = field(init=False, repr=False, compare=False)  # title -> kind, as asked (kind_of)
    _by_ends: dict[int, dict] = field(init=False, repr=False, compare=False)  # see _ends

    def __post_init__(self) -> None:
        exact: dict[str, str] = {}
        for kind in self.kinds:
            for title in kind.titles:
                exact.setdefault(title, kind.id)
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_by_id", {k.id: k for k in self.kinds})
        object.__setattr__(self, "_fuzzy", {})
        object.__setattr__(self, "_titles", {})
        object.__setattr__(self, "_by_ends", {})

    def kind_of(self, title: str) -> str:
        """The kind a heading title names, or "body"; `title` has its number removed."""
        # each heading candidate's title is asked about by several steps of the analysis
        found = self._titles.get(title)
        if found is None:
            if len(self._titles) > 10_000:  # a long batch, or a hostile file: bound the memo
                self._titles.clear()
            found = self._titles[title] = self._kind_of(title)
        return found

    def _kind_of(self, title: str) -> str:
        norm = normalise_title(title)
        if not norm:
            return BODY
        found = self._exact.get(norm)
        if found is not None:
            return found
        for kind in self.kinds:
            if any(p.fullmatch(norm) for p in kind.patterns):
                return kind.id
        return self._near(norm)

    def _near(self, norm: str, settings: FuzzySettings = FUZZY) -> str:
        """The kind of the one vocabulary title `norm` misspells, or "body" (none, or several kinds)."""
        if len(norm) < settings.min_chars:
            return BODY
        cache: dict[str, str] = self._fuzzy
        if norm not in cache:
            limit = settings.long_edits if len(norm) >= settings.long_chars else settings.edits
            kinds = {kind for title, kind in self._ends(settings).get((norm[0], norm[-1]), ())
                     if within_edits(norm, title, limit)}
            cache[norm] = kinds.pop() if len(kinds) == 1 else BODY
        return cache[norm]

    def _ends(self, settings: FuzzySettings) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """The titles long enough to be misspelt ((title, kind) pairs), by their first and last letters (which a
        misspelling keeps): each new title is compared with a few of them, not with every title."""
        ends = self._by_ends.get(settings.min_chars)
        if ends is None:
            ends = self._by_ends[settings.min_chars] = {}
            for title, kind in self._exact.items():
                if len(title) >= settings.min_chars:
                    ends.setdefault((title[0], title[-1]), []).append((title, kind))
        return ends

    def run_in(self, kind: str) -> bool:
        """Whether a run-in paragraph with this kind's title still starts the statement."""
        found = self._by_id.get(kind)
        return bool(found and found.run_in)

    def role(self, kind: str) -> str | None:
        found = self._by_id.get(kind)
        return found.role if found else None

    def name(self, kind: str) -> str:
        found = self._by_id.get(kind)
        return found.name if found else kind

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds)

    def of_role(self, role: str) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds if k.role == role)

    def extended(self, extra: dict[str, list[str]] | None) -> Vocabulary:
        """This vocabulary with more titles for existing kinds (a rule set's `section_titles`)."""
        if not extra:
            return self
        unknown = sorted(set(extra) - set(self.ids))
        if unknown:
            raise ValueError(f"unknown section kind {unknown[0]!r}; known kinds: {', '.join(self.ids)}")
        kinds = []
        for kind in self.kinds:
            more = frozenset(normalise_title(t) for t in extra.get(kind.id, ()) if normalise_title(t))
            kinds.append(Kind(kind.id, kind.role, kind.name, kind.titles | more, kind.patterns, kind.run_in))
        return Vocabulary(tuple(kinds))


def parse_vocabulary(text: str, path: str) -> Vocabulary:
    """Read and validate a section vocabulary file (safe YAML; errors name file and line)."""
    from wscheck.ruleset import LineDict, load_yaml

    data: Any = load_yaml(text, path)  # every mapping is a LineDict, which knows its lines
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict) or not data["kinds"]:
        raise RuleSetError("a section vocabulary is a mapping with 'kinds'", path)
    kinds = []
    for kind_id, spec in data["kinds"].items():
        line = data["kinds"].line_of(kind_id)
        if not isinstance(kind_id, str) or not _KIND_NAME.match(kind_id) or kind_id == BODY:
            raise RuleSetError(f"section kind {kind_id!r}: ids are lower-case words joined by '-'", path, line)
        if not isinstance(spec, LineDict):
            raise RuleSetError(f"section kind {kind_id!r} must be a mapping", path, line)
        bad = sorted(set(spec) - set(_KIND_KEYS))
        if bad:
            raise RuleSetError(f"section kind {kind_id!r}: unknown key {bad[0]!r}; valid keys: "
                               + ", ".join(f"{k} ({v})" for k, v in _KIND_KEYS.items()), path, spec.line_of(bad[0]))
        role = spec.get("role")
        if role not in ROLES:
            raise RuleSetError(f"section kind {kind_id!r}: role must be one of {', '.join(ROLES)}", path,
                               spec.line_of("role"))
        titles = spec.get("titles") or []
        patterns = spec.get("patterns") or []
        if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
            raise RuleSetError(f"section kind {kind_id!r}: titles must be a list of strings", path,
                               spec.line_of("titles"))
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise RuleSetError(f"section kind {kind_id!r}: patterns must be a list of strings", path,
                               spec.line_of("patterns"))
        compiled = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                raise RuleSetError(f"section kind {kind_id!r}: bad pattern {pattern!r} ({exc})", path,
                                   spec.line_of("patterns")) from None
        if not titles and not compiled:
            raise RuleSetError(f"section kind {kind_id!r} needs titles or patterns", path, line)
        run_in = spec.get("run_in", False)
        if not isinstance(run_in, bool):
            raise RuleSetError(f"section kind {kind_id!r}: run_in must be true or false", path,
                               spec.line_of("run_in"))
        kinds.append(Kind(kind_id, role, str(spec.get("name") or kind_id),
                          frozenset(n for n in map(normalise_title, titles) if n), tuple(compiled), run_in))
    return Vocabulary(tuple(kinds))


@lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    """The vocabulary shipped with the rule sets (from the rule-set cache when it holds it)."""
    from wscheck import rulecache
    from wscheck.ruleset import builtin_rules_dir

    cached = rulecache.vocabulary()
    if isinstance(cached, Vocabulary):
        return cached
    path = Path(builtin_rules_dir()) / VOCABULARY_FILE
    return parse_vocabulary(path.read_text(encoding="utf-8"), str(path))


class SectionRules:
    """What one run's rule set says about sections, resolved once and read by every check.

    `vocabulary`: the shipped titles plus the rule set's `section_titles`; the Document's one
    Structure is read with it. `excluded`: the section kinds its page limit leaves out (what
    `text-pattern`'s `main-body` skips too). A rule set may give them per template format,
    which is read from the pages (by way of the Structure): `excluded` may therefore be a
    function, called on first use.
    """

    def __init__(self, vocabulary: Vocabulary | None = None,
                 excluded: Iterable[str] | Callable[[], Iterable[str] | None] | None = None) -> None:
        self.vocabulary = vocabulary if vocabulary is not None else builtin_vocabulary()
        self._excluded = excluded

    @cached_property
    def excluded(self) -> frozenset[str]:
        value = self._excluded() if callable(self._excluded) else self._excluded
        return frozenset(TERMINAL_KINDS if value is None else value)

    def __repr__(self) -> str:
        return f"SectionRules({len(self.vocabulary.kinds)} kinds)"
