"""Rule sets: YAML data that names check types and gives their parameters.

A rule set file (see docs/writing-rule-sets.md) looks like::

    id: iclr2026-trustworthy-ai
    name: Principled Design for Trustworthy AI (ICLR 2026 workshop)
    extends: iclr2026                     # a format rule set
    tracks:
      short: {description: Short paper track}
      long: {description: Long paper track}
    default_track: long
    rules:
      page-limit:
        params:
          max_pages:
            cases:
              - {track: short, value: 4, source: "Short paper track: max 4 pages, excluding references"}
              - {track: long, value: 9, source: "Long paper track: max 9 pages, excluding references"}

Loading never executes anything: files are parsed with a safe loader that
refuses tags and alias bombs, and `extends` only reaches built-in rule sets or
files in the same folder.
"""
from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from wscheck import checks
from wscheck.errors import RuleSetError
from wscheck.model import LEVELS, STAGES
from wscheck.sections import SectionRules, builtin_vocabulary

# "base" rule sets are abstract: shared by several years of a format, extended but never checked against.
KINDS = ("format", "conference", "workshop", "base")
FAMILIES = ("iclr", "icml", "neurips", "other")
CONTEXT_KEYS = ("track", "stage", "format")

TOP_KEYS = {
    "id": "the rule set's id, as given to --venue",
    "name": "a human-readable name",
    "kind": "format (a template), conference, workshop, or base (abstract: only for `extends`)",
    "extends": "the id of the rule set this one builds on",
    "description": "one paragraph on the venue",
    "url": "the venue's web page",
    "call": "where the rules come from (the call for papers)",
    "review": "double-blind, single-blind or open",
    "family": "the template family of a format: iclr, icml or neurips",
    "year": "the template year of a format",
    "formats": "template families the venue accepts",
    "tracks": "submission tracks: name -> {description}",
    "default_track": "the track used when --track is not given",
    "stages": "stages the rule set covers: submission, camera-ready",
    "dates": "deadlines: name -> {date, time, timezone, source}",
    "rules": "rule id -> rule",
    "notes": "free text shown by `wscheck rules show`",
}
RULE_KEYS = {
    "check": "the check type this rule runs (defaults to the rule id)",
    "level": "error, warning or info: what a finding means",
    "message": "the requirement in one sentence; {param} fields are filled in",
    "fix": "a fix hint that replaces the check's own",
    "description": "longer explanation",
    "source": "the sentence of the call or template this rule comes from",
    "params": "parameters of the check type",
    "when": "apply only for these tracks, stages or formats: {track, stage, format}",
    "not_stated": "the call is silent: the rule is shown as NOT CHECKED with this reason",
    "inherit": "false: rule sets that extend this one do not get this rule (the years of a base do)",
    "enabled": "false: switch off an inherited rule",
}
TRACK_KEYS = {"description": "what the track is", "source": "where the call defines it"}
DATE_KEYS = {
    "date": "YYYY-MM-DD",
    "time": "HH:MM, 24-hour clock (default 23:59)",
    "timezone": "AoE (default), UTC, or an IANA name such as America/New_York",
    "source": "the sentence of the call that gives this date",
    "as_stated": "the date as the call writes it",
    "label": "how to name this date in listings",
}
SOURCED_KEYS = {"value": "the value", "source": "where the number comes from"}
CASES_KEYS = {"cases": "a list of {track, stage, format, value, source}", "source": "shared source"}
CASE_KEYS = {
    "track": "track name(s)",
    "stage": "submission or camera-ready",
    "format": "template family: iclr, icml, neurips",
    "value": "the value",
    "source": "where it comes from",
    "not_stated": "instead of a value: the call is silent for this case (the rule shows NOT CHECKED)",
}

MAX_YAML_BYTES = 1_000_000
MAX_ALIASES = 100
MAX_NODES = 200_000


# -- safe YAML with line numbers ------------------------------------------------
class LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


def load_yaml(text: str, path: str) -> Any:
    """YAML text as data, read with the hardened safe loader (wscheck.safe_yaml): every mapping
    a LineDict; aliases, size and tags bounded; errors as RuleSetError naming `path` and the line."""
    from wscheck.safe_yaml import load

    return load(text, path)


# -- model ----------------------------------------------------------------------
@dataclass
class Rule:
    id: str
    check: str
    level: str = "error"
    message: str | None = None
    fix: str | None = None
    description: str | None = None
    source: str | None = None
    params: dict = field(default_factory=dict)
    when: dict = field(default_factory=dict)
    not_stated: str | None = None
    inherit: bool = True
    enabled: bool = True
    origin: str = ""  # file:line that defined (or last changed) the rule


@dataclass
class RuleSet:
    id: str
    name: str
    path: str
    kind: str = "workshop"
    extends: str | None = None
    description: str = ""
    url: str | None = None
    call: str | None = None
    review: str | None = None
    family: str | None = None
    year: int | None = None
    formats: list[str] = field(default_factory=list)
    tracks: dict[str, dict] = field(default_factory=dict)
    default_track: str | None = None
    stages: list[str] = field(default_factory=lambda: list(STAGES))
    dates: dict[str, dict] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    notes: str | None = None
    lineage: list[str] = field(default_factory=list)  # ids from the base to this one
    # rules a parent marked `inherit: false` (main-conference requirements): not run here, but a rule
    # set can adopt one by naming it, when its call asks for it
    not_inherited: dict[str, Rule] = field(default_factory=dict)

    @property
    def abstract(self) -> bool:
        """A base rule set: shared by the years of a format, only ever extended."""
        return self.kind == "base"

    def track_names(self) -> list[str]:
        return list(self.tracks)

    def resolve_track(self, track: str | None) -> str | None:
        if track is None:
            if not self.tracks:
                return None
            if self.default_track:
                return self.default_track
            if len(self.tracks) == 1:
                return next(iter(self.tracks))
            raise RuleSetError(
                f"venue {self.id!r} has several tracks ({', '.join(self.tracks)}) and no default; "
                "choose one with --track")
        if self.tracks and track not in self.tracks:
            raise RuleSetError(
                f"venue {self.id!r} has no track {track!r}; its tracks are: {', '.join(self.tracks)}")
        return track

    def section_rules(self, context: RunContext) -> SectionRules:
        """What this rule set says about sections, for one run (every check reads sections with it).

        The page-limit rules' `section_titles` join the shipped vocabulary now; their
        `excluded` kinds are resolved on first use, since a rule set may give them per
        template format, which is read from the pages.
        """
        limits = [rule for rule in self.rules.values() if rule.check == "page-limit"]
        titles: dict[str, list[str]] = {}
        for rule in limits:  # what the venue calls its sections, whether or not its limit is checked
            for kind, more in (rule.params.get("section_titles") or {}).items():
                titles.setdefault(kind, []).extend(more)
        rules = [rule for rule in limits if rule.enabled]

        def excluded() -> list[str] | None:
            rule = next((r for r in rules if not r.when or matches(r.when, context)), None)
            if rule is None or "excluded" not in rule.params:
                return None  # the page-limit check's default
            try:
                return resolve_value(rule.params["excluded"], context)[0]
            except Unresolved:
                return None

        return SectionRules(builtin_vocabulary().extended(titles), excluded)

    def page_limits(self) -> list[dict]:
        """Each (track, stage, format) page limit the page-limit rule declares, for listings."""
        rule = self.rules.get("page-limit")
        if rule is None or not rule.enabled:
            return []
        if rule.not_stated:
            return [{"track": None, "stage": None, "format": None, "value": None, "not_stated": rule.not_stated,
                     "source": rule.not_stated}]
        spec = rule.params.get("max_pages")
        return [dict(case) for case in _cases(spec)]


def _cases(spec) -> list[dict]:
    if isinstance(spec, dict) and "cases" in spec:
        shared = spec.get("source")
        cases = []
        for case in spec["cases"]:
            case = {"source": shared, **case}
            if case.get("not_stated"):
                case.setdefault("value", None)
            cases.append(case)
        return cases
    if isinstance(spec, dict) and "value" in spec:
        return [dict(spec)]
    if spec is None:
        return []
    return [{"value": spec}]


# -- locating rule sets -----------------------------------------------------------
def builtin_rules_dir() -> Path:
    """The shipped rule sets: inside the installed package, or `rules/` of a source checkout."""
    packaged = Path(__file__).parent / "rules"  # where the wheel puts them (importlib.resources costs an import)
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def builtin_files() -> list[Path]:
    """Every shipped rule set file, sorted."""
    return [p for p in sorted(builtin_rules_dir().rglob("*.yaml")) if not p.name.startswith("_")]


@lru_cache(maxsize=1)
def builtin_texts() -> tuple[tuple[Path, bytes], ...]:
    """(file, bytes) of every shipped YAML file, the section vocabulary included: read once a
    process, for the index of ids and the rule-set cache's digest (wscheck.rulecache)."""
    found = []
    for path in sorted(builtin_rules_dir().rglob("*.yaml")):
        try:
            found.append((path, path.read_bytes()))
        except OSError:
            continue
    return tuple(found)


@lru_cache(maxsize=1)
def _builtin_ids() -> tuple[tuple[str, Path, str], ...]:
    """(id, file, kind) of every shipped rule set file that names an id."""
    found = []
    for path, data in builtin_texts():
        # The shipped files are ours and `rules validate` parses them in full; the
        # index only needs two top-level keys, so it does not parse 17 files of
        # YAML on every run.
        if path.name.startswith("_"):
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        keys = dict(_TOP_LEVEL_SCALAR.findall(text))
        ruleset_id = _scalar(keys.get("id", ""))
        if ruleset_id:
            found.append((ruleset_id, path, _scalar(keys.get("kind", "")) or "workshop"))
    return tuple(found)


_TOP_LEVEL_SCALAR = re.compile(r"^(id|kind):[ \t]*(.*?)[ \t]*$", re.M)


def _scalar(value: str) -> str:
    """A plain or quoted YAML scalar on one line, trailing comment removed."""
    value = value.strip()
    if value[:1] in ("'", '"'):
        return value[1:value.find(value[0], 1)] if value.find(value[0], 1) > 0 else ""
    return value.split(" #", 1)[0].strip()


def builtin_index() -> dict[str, Path]:
    """Rule set id -> file, for every shipped rule set (abstract bases included, for `extends`)."""
    index: dict[str, Path] = {}
    for ruleset_id, path, _kind in _builtin_ids():
        index.setdefault(ruleset_id, path)
    return index


def venue_ids() -> list[str]:
    """The ids a user can check against: every built-in rule set except abstract bases."""
    return sorted(dict.fromkeys(i for i, _path, kind in _builtin_ids() if kind != "base"))


def duplicate_ids() -> dict[str, list[Path]]:
    """Ids that more than one shipped file claims (an error for `rules validate`)."""
    paths: dict[str, list[Path]] = {}
    for ruleset_id, path, _kind in _builtin_ids():
        paths.setdefault(ruleset_id, []).append(path)
    return {i: p for i, p in paths.items() if len(p) > 1}


def suggest(venue: str) -> list[str]:
    """Up to three venue ids like `venue`, the most similar first (case does not matter)."""
    import difflib

    wanted = venue.lower()

    def similarity(venue_id: str) -> float:
        return difflib.SequenceMatcher(None, wanted, venue_id.lower()).ratio()

    scored = sorted(((similarity(i), i) for i in venue_ids()), key=lambda pair: (-pair[0], pair[1]))
    # an id that contains what was typed ("mechinterp") is a candidate however short the typing
    return [i for score, i in scored if score >= 0.5 or (wanted and wanted in i.lower())][:3]


def canonical_id(venue: str) -> str | None:
    """The built-in id that `venue` names, ignoring case ("ICLR2026" -> "iclr2026"), or None."""
    index = builtin_index()
    if venue in index:
        return venue
    by_lower = {i.lower(): i for i in index}
    return by_lower.get(venue.lower())


def load(venue_or_path: str) -> RuleSet:
    """A built-in rule set by id (in any case), or a rule set file by path, with `extends` resolved.

    A built-in rule set comes from the rule-set cache when it holds it (wscheck.rulecache: the
    same rule set, parsed once); a file given by path is always parsed here, with the safe loader."""
    index = builtin_index()
    venue_id = canonical_id(venue_or_path)
    if venue_id is not None:
        return _builtin(venue_id, index[venue_id], chain=())
    path = Path(venue_or_path)
    if path.suffix in (".yaml", ".yml") or os.sep in venue_or_path:
        if not path.is_file():
            raise RuleSetError("no such rule set file", venue_or_path)
        return _load_file(path, chain=())
    close = suggest(venue_or_path)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; run `wscheck venues` to list them"
    raise RuleSetError(f"unknown venue {venue_or_path!r}{hint}")


def load_checkable(venue_or_path: str) -> RuleSet:
    """Like `load`, but refuses an abstract base rule set, naming the rule sets built on it."""
    ruleset = load(venue_or_path)
    if ruleset.abstract:
        children = []
        for venue in venue_ids():
            try:
                child = load(venue)
            except RuleSetError:
                continue
            if child.extends == ruleset.id:
                children.append(venue)
        hint = f"; choose one of: {', '.join(children)}" if children else ""
        raise RuleSetError(f"{ruleset.id!r} is a base rule set that other rule sets extend, not a venue{hint}")
    return ruleset


def load_text(text: str, name: str) -> RuleSet:
    """A rule set from YAML text that is not a file (e.g. one written from a call for papers), fully validated.

    `extends` may name built-in rule sets only: there is no folder to find sibling files in.
    """
    return _load_text(text, Path(name), chain=())


def _builtin(ruleset_id: str, path: Path, chain: tuple[str, ...]) -> RuleSet:
    """A built-in rule set: from the rule-set cache, else parsed from its file."""
    from wscheck import rulecache

    cached = rulecache.ruleset(ruleset_id)
    if cached is None or any(link in chain for link in cached.lineage):
        return _load_file(path, chain)  # (a loop through a user's file is found and reported there)
    return cached


def _load_file(path: Path, chain: tuple[str, ...]) -> RuleSet:
    from wscheck.fileio import TooLarge, read_text_bounded

    name = str(path)
    try:
        text = read_text_bounded(path, MAX_YAML_BYTES, "rule set file")  # the size is checked before reading
    except OSError as exc:
        raise RuleSetError(f"cannot read ({exc.strerror or exc})", name) from None
    except (TooLarge, UnicodeDecodeError) as exc:
        raise RuleSetError(f"cannot read: {exc}", name) from None
    return _load_text(text, path, chain)


def _load_text(text: str, path: Path, chain: tuple[str, ...]) -> RuleSet:
    name = str(path)
    data = load_yaml(text, name)
    if not isinstance(data, LineDict):  # every mapping load_yaml reads is one
        raise RuleSetError("a rule set must be a mapping with id, name and rules", name)
    _check_keys(data, TOP_KEYS, name, "rule set")
    for key in ("id", "name"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RuleSetError(f"missing {key!r} (a string)", name, data.line)
    ruleset_id = data["id"]
    if ruleset_id in chain:
        raise RuleSetError(f"rule sets extend each other in a loop: {' -> '.join(chain + (ruleset_id,))}", name)
    parent = None
    if data.get("extends") is not None:
        parent = _load_parent(data["extends"], path, data.line_of("extends"), chain + (ruleset_id,))
    ruleset = copy.deepcopy(parent) if parent else RuleSet(id=ruleset_id, name=data["name"], path=name)
    if parent and not parent.abstract:
        # what a format asks of its own conference is not asked of a workshop built on it; an abstract
        # base is part of each format built on it, so its years get all of its rules
        ruleset.not_inherited.update({rid: rule for rid, rule in ruleset.rules.items() if not rule.inherit})
        ruleset.rules = {rid: rule for rid, rule in ruleset.rules.items() if rule.inherit}
    ruleset.lineage = parent.lineage + [ruleset_id] if parent else [ruleset_id]
    ruleset.id, ruleset.name, ruleset.path = ruleset_id, data["name"], name
    ruleset.extends = data.get("extends")
    if parent:
        # these describe the file itself, not what it inherits
        ruleset.description, ruleset.url, ruleset.call, ruleset.notes = "", None, None, None
        if parent.abstract and "kind" not in data:
            ruleset.kind = "format"
    _apply_top_level(ruleset, data, name)
    _apply_rules(ruleset, data.get("rules"), data, name)
    _validate_references(ruleset, data, name)
    return ruleset


def _load_parent(extends, path: Path, line: int, chain: tuple[str, ...]) -> RuleSet:
    if not isinstance(extends, str):
        raise RuleSetError("'extends' must be a rule set id or a file name", str(path), line)
    index = builtin_index()
    if extends in index:
        return _builtin(extends, index[extends], chain)
    if extends.endswith((".yaml", ".yml")):
        folder = path.resolve().parent
        target = (folder / extends).resolve()
        if folder not in target.parents:
            raise RuleSetError(f"'extends: {extends}' points outside the rule file's folder", str(path), line)
        if not target.is_file():
            raise RuleSetError(f"'extends: {extends}': no such file", str(path), line)
        return _load_file(target, chain)
    close = suggest(extends)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise RuleSetError(f"'extends: {extends}': unknown rule set{hint}", str(path), line)


def _check_keys(mapping: dict, valid: dict, path: str, what: str) -> None:
    for key in mapping:
        if key not in valid:
            import difflib

            line = mapping.line_of(key) if isinstance(mapping, LineDict) else None
            close = difflib.get_close_matches(str(key), list(valid), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise RuleSetError(
                f"unknown key {key!r} in {what}{hint}; valid keys: {', '.join(valid)}", path, line)


def _expect(value, kind, path: str, line: int, what: str):
    if not isinstance(value, kind):
        names = {str: "a string", list: "a list", dict: "a mapping", int: "a number", bool: "true or false"}
        expected = names.get(kind, kind.__name__) if not isinstance(kind, tuple) else " or ".join(
            names.get(k, k.__name__) for k in kind)
        raise RuleSetError(f"{what} must be {expected}", path, line)
    return value


def _apply_top_level(ruleset: RuleSet, data: LineDict, path: str) -> None:
    for key in ("description", "url", "call", "review", "family", "notes", "kind", "default_track"):
        if key in data and data[key] is not None:
            setattr(ruleset, key, _expect(data[key], str, path, data.line_of(key), f"'{key}'"))
    if ruleset.kind not in KINDS:
        raise RuleSetError(f"'kind' must be one of {', '.join(KINDS)}", path, data.line_of("kind"))
    if ruleset.family is not None and ruleset.family not in FAMILIES:
        raise RuleSetError(f"'family' must be one of {', '.join(FAMILIES)}", path, data.line_of("family"))
    if "year" in data:
        year = data["year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
            raise RuleSetError("'year' must be a year such as 2026", path, data.line_of("year"))
        ruleset.year = year
    if "formats" in data:
        ruleset.formats = _names(data, "formats", FAMILIES, path)
    elif ruleset.family and not ruleset.formats:
        ruleset.formats = [ruleset.family]
    if "stages" in data:
        ruleset.stages = _names(data, "stages", STAGES, path)
    if "tracks" in data:
        tracks = _expect(data["tracks"], dict, path, data.line_of("tracks"), "'tracks'")
        ruleset.tracks = {}
        if "default_track" not in data:
            ruleset.default_track = None  # the parent's default names a track that is gone
        for name, spec in tracks.items():
            spec = spec if spec is not None else LineDict()
            _expect(spec, dict, path, tracks.line_of(name), f"track {name!r}")
            _check_keys(spec, TRACK_KEYS, path, f"track {name!r}")
            ruleset.tracks[str(name)] = dict(spec)
    if "dates" in data:
        dates = _expect(data["dates"], dict, path, data.line_of("dates"), "'dates'")
        for name, spec in dates.items():
            _expect(spec, dict, path, dates.line_of(name), f"date {name!r}")
            _check_keys(spec, DATE_KEYS, path, f"date {name!r}")
            ruleset.dates[str(name)] = _date_entry(str(name), spec, path, dates.line_of(name))


def _date_entry(name: str, spec: LineDict, path: str, line: int) -> dict:
    """One validated entry of `dates`: the day as YYYY-MM-DD, a known time and time zone, a source."""
    from wscheck import deadlines

    if "date" not in spec:
        raise RuleSetError(f"date {name!r} needs 'date: YYYY-MM-DD'", path, spec.line)
    try:
        day = deadlines.parse_day(spec["date"])  # YAML already reads 2026-02-02 as a date
    except deadlines.DateError as exc:
        raise RuleSetError(f"date {name!r}: {exc}", path, spec.line_of("date")) from None
    entry = dict(spec)
    entry["date"] = day.isoformat()
    for key, parse in (("time", deadlines.parse_time), ("timezone", deadlines.parse_timezone)):
        if spec.get(key) is not None:
            try:
                parsed = parse(spec[key])
            except deadlines.DateError as exc:
                raise RuleSetError(f"date {name!r}: {exc}", path, spec.line_of(key)) from None
            if key == "time" and isinstance(parsed, tuple):
                entry["time"] = "%02d:%02d" % parsed[:2] + (":%02d" % parsed[2] if parsed[2] else "")
            else:
                entry["timezone"] = str(spec[key])
    for key in ("as_stated", "label", "source"):
        if key in spec and not isinstance(spec[key], str):
            raise RuleSetError(f"date {name!r}: '{key}' must be a string (quote it)", path, spec.line_of(key))
    if not spec.get("source"):
        raise RuleSetError(f"date {name!r} has no 'source' (the sentence of the call that gives it)", path,
                           spec.line)
    entry["origin"] = f"{path}:{line}"
    return entry


def _names(data: LineDict, key: str, allowed, path: str) -> list[str]:
    """A top-level list whose items must each be one of `allowed`."""
    values = _expect(data[key], list, path, data.line_of(key), f"'{key}'")
    for value in values:
        if value not in allowed:
            raise RuleSetError(f"'{key}': {value!r} is not one of {', '.join(allowed)}", path, data.line_of(key))
    return list(values)


def _apply_rules(ruleset: RuleSet, rules, data: LineDict, path: str) -> None:
    if rules is None:
        return
    _expect(rules, dict, path, data.line_of("rules"), "'rules'")
    for rule_id, spec in rules.items():
        line = rules.line_of(rule_id)
        if spec is None:
            spec = LineDict()
            spec.line, spec.key_lines = line, {}
        _expect(spec, dict, path, line, f"rule {rule_id!r}")
        _check_keys(spec, RULE_KEYS, path, f"rule {rule_id!r}")
        rule, inherited = _rule_to_change(ruleset, rule_id)
        module = _check_type(rule_id, spec, rule, path)
        if rule is None:
            rule = Rule(id=str(rule_id), check=module.ID)
        elif rule.check != module.ID:
            rule.check, rule.params = module.ID, {}
        _apply_rule_keys(rule_id, rule, spec, inherited, path)
        if "when" in spec:
            rule.when = _when(rule_id, spec, path)
        if "params" in spec:
            _apply_params(rule_id, rule, module, spec, path)
        rule.origin = f"{path}:{line}"
        ruleset.rules[str(rule_id)] = rule


def _rule_to_change(ruleset: RuleSet, rule_id) -> tuple[Rule | None, bool]:
    """A copy of the rule this entry changes (inherited, or adopted from the rules a parent did not
    pass on), or None for a new rule; and whether there was one."""
    adopted = rule_id not in ruleset.rules and rule_id in ruleset.not_inherited
    existing = ruleset.rules.get(rule_id) or ruleset.not_inherited.pop(rule_id, None)
    rule = copy.deepcopy(existing) if existing else None
    if adopted and rule is not None:
        rule.inherit = True  # adopted on purpose: from here on an ordinary rule
    return rule, existing is not None


def _check_type(rule_id, spec: LineDict, rule: Rule | None, path: str):
    """The check type module a rule entry names (or keeps, or is named after)."""
    registry = checks.registry()
    check_id = spec.get("check") or (rule.check if rule else rule_id)
    _expect(check_id, str, path, spec.line_of("check"), f"rule {rule_id!r}: 'check'")
    module = registry.get(check_id)
    if module is None:
        import difflib

        close = difflib.get_close_matches(check_id, list(registry), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise RuleSetError(f"rule {rule_id!r}: unknown check type {check_id!r}{hint}; check types: "
                           f"{', '.join(registry)}", path, spec.line_of("check"))
    return module


def _apply_rule_keys(rule_id, rule: Rule, spec: LineDict, inherited: bool, path: str) -> None:
    """level, message, fix, description, source, not_stated, inherit and enabled."""
    where = f"rule {rule_id!r}"
    for key in ("level", "message", "fix", "description", "source", "not_stated"):
        if key == "not_stated" and key in spec and spec[key] is None:
            rule.not_stated = None  # `not_stated: null`: the call now states it
        elif key in spec:
            setattr(rule, key, _expect(spec[key], str, path, spec.line_of(key), f"{where}: '{key}'"))
    if spec.get("not_stated"):
        # the call is silent: the inherited numbers and their sources do not apply here
        if "params" not in spec:
            rule.params = {}
        if "source" not in spec:
            rule.source = None
    for key in ("inherit", "enabled"):
        if key in spec:
            setattr(rule, key, _expect(spec[key], bool, path, spec.line_of(key), f"{where}: '{key}'"))
    if "inherit" not in spec and not inherited:
        rule.inherit = True
    if rule.level not in LEVELS:
        raise RuleSetError(f"{where}: level must be one of {', '.join(LEVELS)}", path, spec.line_of("level"))


def _when(rule_id, spec: LineDict, path: str) -> dict[str, list]:
    when = _expect(spec["when"], dict, path, spec.line_of("when"), f"rule {rule_id!r}: 'when'")
    _check_keys(when, {k: "" for k in CONTEXT_KEYS}, path, f"rule {rule_id!r} 'when'")
    out = {k: (v if isinstance(v, list) else [v]) for k, v in when.items()}
    for key, values in out.items():
        if not all(isinstance(v, str) for v in values):
            raise RuleSetError(f"rule {rule_id!r}: 'when: {key}' must be a name or a list of names", path,
                               when.line_of(key))
    return out


def _apply_params(rule_id, rule: Rule, module, spec: LineDict, path: str) -> None:
    params = _expect(spec["params"], dict, path, spec.line_of("params"), f"rule {rule_id!r}: 'params'")
    for name, value in params.items():
        line = params.line_of(name)
        schema = module.PARAMS.get(name)
        if schema is None:
            raise RuleSetError(
                f"rule {rule_id!r}: check {module.ID!r} has no parameter {name!r}; its parameters: "
                f"{', '.join(module.PARAMS) or '(none)'}", path, line)
        _validate_param(rule_id, name, schema, value, path, line)
        rule.params[name] = _plain(value)


def _plain(value):
    """LineDicts to plain dicts, recursively (for deep copies and JSON)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _contains_number(value) -> bool:
    if _is_number(value):
        return True
    if isinstance(value, list):
        return any(_contains_number(v) for v in value)
    if isinstance(value, dict):
        return any(_contains_number(v) for v in value.values())
    return False


def _validate_param(rule_id, name, schema, value, path, line) -> None:
    where = f"rule {rule_id!r}: parameter {name!r}"
    if isinstance(value, dict) and "cases" in value and schema.type is not dict:
        _check_keys(value, CASES_KEYS, path, where)
        cases_line = value.line_of("cases") if isinstance(value, LineDict) else line
        cases = _expect(value["cases"], list, path, cases_line, f"{where}: 'cases'")
        for case in cases:
            _expect(case, dict, path, cases_line, f"{where}: each case")
            _check_keys(case, CASE_KEYS, path, f"{where} case")
            if ("value" in case) == ("not_stated" in case):
                raise RuleSetError(f"{where}: a case needs either 'value' or 'not_stated' (the call is silent)",
                                   path, case.line)
            for key in CONTEXT_KEYS:
                if key in case:
                    _check_context_value(key, case[key], path, case.line_of(key), where)
            if "not_stated" in case:
                if not isinstance(case["not_stated"], str) or not case["not_stated"].strip():
                    raise RuleSetError(f"{where}: 'not_stated' must say what the call leaves out", path,
                                       case.line_of("not_stated"))
                continue
            _validate_value(where, schema, case["value"], path, case.line)
            if _contains_number(case["value"]) and not (case.get("source") or value.get("source")):
                raise RuleSetError(f"{where}: the number {case['value']!r} has no 'source'", path, case.line)
        return
    if isinstance(value, dict) and "value" in value and schema.type is not dict:
        _check_keys(value, SOURCED_KEYS, path, where)
        _validate_value(where, schema, value["value"], path, line)
        if _contains_number(value["value"]) and not value.get("source"):
            raise RuleSetError(f"{where}: the number {value['value']!r} has no 'source'", path, line)
        return
    _validate_value(where, schema, value, path, line)
    if _contains_number(value):
        raise RuleSetError(
            f"{where}: every number needs a source; write {{value: {value!r}, source: \"...\"}}", path, line)


def _validate_value(where, schema, value, path, line) -> None:
    problem = schema.validate(value)
    if problem:
        raise RuleSetError(f"{where} {problem}", path, line)


def _check_context_value(key, value, path, line, where) -> None:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) for v in values):
        raise RuleSetError(f"{where}: '{key}' must be a name or a list of names", path, line)
    if key == "stage":
        bad = [v for v in values if v not in STAGES]
        if bad:
            raise RuleSetError(f"{where}: stage {bad[0]!r} is not one of {', '.join(STAGES)}", path, line)
    if key == "format":
        bad = [v for v in values if v not in FAMILIES]
        if bad:
            raise RuleSetError(f"{where}: format {bad[0]!r} is not one of {', '.join(FAMILIES)}", path, line)


def _validate_references(ruleset: RuleSet, data: LineDict, path: str) -> None:
    if ruleset.default_track and ruleset.tracks and ruleset.default_track not in ruleset.tracks:
        raise RuleSetError(f"default_track {ruleset.default_track!r} is not one of the tracks: "
                           f"{', '.join(ruleset.tracks)}", path, data.line_of("default_track"))
    for rule in ruleset.rules.values():
        for track in rule.when.get("track", []):
            if ruleset.tracks and track not in ruleset.tracks:
                raise RuleSetError(f"rule {rule.id!r}: 'when' names track {track!r}, which this rule set does "
                                   f"not define ({', '.join(ruleset.tracks)})", path)
        for name, spec in rule.params.items():
            for case in _cases(spec) if isinstance(spec, dict) and "cases" in spec else []:
                tracks = case.get("track") or []
                for track in tracks if isinstance(tracks, list) else [tracks]:
                    if ruleset.tracks and track not in ruleset.tracks:
                        raise RuleSetError(
                            f"rule {rule.id!r}: a case of {name!r} names track {track!r}, which this rule set "
                            f"does not define ({', '.join(ruleset.tracks)})", path, _origin_line(rule))


# -- resolving parameters for one run -------------------------------------------------
@dataclass
class RunContext:
    """What one run knows before any check: the track, the stage and user inputs."""

    track: str | None = None
    stage: str = "submission"
    authors: list[str] = field(default_factory=list)
    # detects the template family on demand (only rules conditioned on it pay for it)
    detect_format: Any = None
    _format: str | None = None

    @property
    def format(self) -> str:
        if self._format is None:
            self._format = self.detect_format() if self.detect_format else "other"
        return self._format

    def get(self, key: str):
        if key == "format":
            return self.format
        return getattr(self, key)


class Unresolved(Exception):
    """No case of a parameter matches this run (or the matching case is `not_stated`)."""

    def __init__(self, reason: str | None = None):
        super().__init__(reason or "")
        self.reason = reason


def _origin_line(rule: Rule) -> int | None:
    tail = rule.origin.rsplit(":", 1)[-1] if rule.origin else ""
    return int(tail) if tail.isdigit() else None


def matches(conditions: dict, context: RunContext) -> bool:
    for key in CONTEXT_KEYS:
        wanted = conditions.get(key)
        if wanted is None:
            continue
        wanted = wanted if isinstance(wanted, list) else [wanted]
        if context.get(key) not in wanted:
            return False
    return True


def resolve_value(spec, context: RunContext):
    """The value of one parameter for this run, and its source."""
    if isinstance(spec, dict) and "cases" in spec:
        for case in spec["cases"]:
            if matches(case, context):
                if case.get("not_stated"):
                    raise Unresolved(case["not_stated"])
                return case["value"], case.get("source") or spec.get("source")
        raise Unresolved
    if isinstance(spec, dict) and "value" in spec:
        return spec["value"], spec.get("source")
    return spec, None
