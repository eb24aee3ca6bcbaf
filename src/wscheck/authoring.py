"""Rule authoring: `wscheck rules validate | show | new`.

validate: load each file (every error names file:line and the valid keys),
then lint what loading cannot refuse: dates out of order, duplicate ids.
show: the resolved rule set after `extends`, each rule with its source and
the file:line it comes from. new: a valid starting point from a format.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from wscheck import deadlines
from wscheck import ruleset as rulesets
from wscheck.errors import RuleSetError


# -- validate ---------------------------------------------------------------------
@dataclass
class Validation:
    path: str
    ruleset_id: str | None = None
    kind: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def validate_file(path: Path | str) -> Validation:
    result = Validation(path=str(path))
    try:
        loaded = rulesets.load(str(path))
    except RuleSetError as exc:
        result.error = str(exc)
        return result
    result.ruleset_id, result.kind = loaded.id, loaded.kind
    result.warnings = lint(loaded)
    return result


def lint(loaded: rulesets.RuleSet) -> list[str]:
    """Warnings: valid, but probably not what the call says."""
    warnings = [display_path(w) for w in deadlines.consistency_warnings(loaded)]
    for rule in loaded.rules.values():
        if rule.not_stated and rule.params and rule.origin.startswith(loaded.path + ":") and \
                _sets_params_here(loaded, rule):
            warnings.append(f"{rule.origin}: rule {rule.id!r} has both params and not_stated; not_stated wins "
                            "(write `not_stated: null` once the call states it)")
    return warnings


def _sets_params_here(loaded, rule) -> bool:
    try:
        data = rulesets.load_yaml(Path(loaded.path).read_text(encoding="utf-8"), loaded.path)
    except (OSError, RuleSetError):
        return False
    spec = (data.get("rules") or {}).get(rule.id) if isinstance(data, dict) else None
    return isinstance(spec, dict) and "params" in spec and "not_stated" in spec


def validate_builtin() -> list[Validation]:
    results = [validate_file(path) for path in rulesets.builtin_files()]
    for ruleset_id, paths in rulesets.duplicate_ids().items():
        for path in paths[1:]:
            for result in results:
                if result.path == str(path):
                    result.error = f"{path}: id {ruleset_id!r} is already used by {paths[0]}"
    return results


def render_validation(results: list[Validation], stream: IO[str]) -> None:
    """One line per file; what a rule file says (ids, names, messages) is shown cleaned (wscheck.textsafe)."""
    safe = _CleanStream(stream)
    for result in results:
        if result.error:
            safe.write(f"error    {result.error}\n")
            continue
        safe.write(f"ok       {display_path(result.path)} ({result.ruleset_id}, {result.kind})\n")
        for warning in result.warnings:
            safe.write(f"warning  {warning}\n")
    errors = sum(1 for r in results if r.error)
    warnings = sum(len(r.warnings) for r in results)
    summary = f"{len(results) - errors} of {len(results)} rule set{'s' if len(results) != 1 else ''} valid"
    if warnings:
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    safe.write(summary + "\n")


# -- show -------------------------------------------------------------------------
def display_path(path_or_origin: str) -> str:
    """Built-in rule files as rules/<folder>/<file>; other files as given."""
    root = str(rulesets.builtin_rules_dir())
    if path_or_origin.startswith(root + "/"):
        return "rules/" + path_or_origin[len(root) + 1:]
    return path_or_origin


def describe(loaded: rulesets.RuleSet) -> dict:
    """The resolved rule set as plain data (for `rules show --format json`)."""
    rules = []
    for rule in loaded.rules.values():
        rules.append({
            "id": rule.id, "check": rule.check, "level": rule.level, "enabled": rule.enabled,
            "inherit": rule.inherit, "when": rule.when, "message": rule.message, "fix": rule.fix,
            "source": rule.source, "not_stated": rule.not_stated, "params": rule.params,
            "origin": display_path(rule.origin),
        })
    dates = []
    for deadline in deadlines.deadlines_of(loaded):
        dates.append({"name": deadline.name, "label": deadline.label, "as_stated": deadlines.stated(deadline),
                      "moment": deadline.moment.isoformat(), "timezone": deadline.zone_name,
                      "source": deadline.source, "origin": display_path(deadline.origin or "")})
    return {
        "id": loaded.id, "name": loaded.name, "kind": loaded.kind, "path": display_path(loaded.path),
        "extends": loaded.extends, "lineage": loaded.lineage, "call": loaded.call, "url": loaded.url,
        "review": loaded.review, "family": loaded.family, "year": loaded.year, "formats": loaded.formats,
        "tracks": loaded.tracks, "default_track": loaded.default_track, "stages": loaded.stages,
        "dates": dates, "rules": rules,
        "not_inherited": [{"id": rule.id, "origin": display_path(rule.origin)}
                          for rule in loaded.not_inherited.values()],
        "notes": loaded.notes,
    }


def _value_text(spec) -> list[str]:
    """One line per case of a parameter: 'stage submission, track short: 4  (source)'."""
    if isinstance(spec, dict) and "cases" in spec:
        lines = []
        for case in spec["cases"]:
            conditions = ", ".join(f"{key} {_join(case[key])}" for key in rulesets.CONTEXT_KEYS if key in case)
            conditions = conditions or "otherwise"
            if case.get("not_stated"):
                lines.append(f"{conditions}: NOT CHECKED ({case['not_stated']})")
            else:
                source = case.get("source") or spec.get("source")
                lines.append(f"{conditions}: {_join(case['value'])}" + (f"  [source: {source}]" if source else ""))
        return lines
    if isinstance(spec, dict) and "value" in spec:
        source = spec.get("source")
        return [_join(spec["value"]) + (f"  [source: {source}]" if source else "")]
    return [_join(spec)]


def _join(value) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


class _CleanStream:
    """Writes lines made safe to print: a rule file is the user's data, and may be a stranger's."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, text: str) -> None:
        from wscheck.textsafe import clean_lines

        self.stream.write(clean_lines(text))


def render_show(loaded: rulesets.RuleSet, stream: IO[str]) -> None:
    out = _CleanStream(stream).write
    info = describe(loaded)
    _show_venue(loaded, info, out)
    out("rules\n")
    for rule in loaded.rules.values():
        _show_rule(rule, out)
    if loaded.not_inherited:
        out("not inherited (main-conference requirements; name one under rules: to adopt it)\n")
        for rule in loaded.not_inherited.values():
            out(f"  {rule.id} (check {rule.check}) from {display_path(rule.origin)}\n")
    if loaded.notes:
        out(f"notes: {loaded.notes}\n")


def _show_venue(loaded: rulesets.RuleSet, info: dict, out) -> None:
    """The rule set's header: id, kind, file, lineage, call, formats, stages, tracks and dates."""
    abstract = " (abstract: extended by other rule sets, never checked against)" if loaded.abstract else ""
    out(f"{loaded.id}: {loaded.name}\n")
    out(f"  kind       {loaded.kind}{abstract}\n")
    out(f"  file       {info['path']}\n")
    if len(loaded.lineage) > 1:
        out(f"  extends    {' -> '.join(loaded.lineage)}\n")
    for key in ("call", "url", "review"):
        if info[key]:
            out(f"  {key:<10} {info[key]}\n")
    out(f"  formats    {', '.join(loaded.formats) or 'not stated'}\n")
    out(f"  stages     {', '.join(loaded.stages)}\n")
    if loaded.tracks:
        out("  tracks\n")
        for name, track in loaded.tracks.items():
            default = " (default)" if name == loaded.default_track else ""
            source = f"  [source: {track['source']}]" if track.get("source") else ""
            out(f"    {name}{default}: {track.get('description', '')}{source}\n")
    out("  dates\n" if info["dates"] else "  dates      not stated\n")
    for date in info["dates"]:
        out(f"    {date['name']}: {date['as_stated']} = {date['moment']}  [source: {date['source']}]"
            f"  ({date['origin']})\n")


def _show_rule(rule: rulesets.Rule, out) -> None:
    state = "" if rule.enabled else "  (disabled)"
    check = f" (check {rule.check})" if rule.check != rule.id else ""
    out(f"  {rule.id}{check}: {rule.level}{state}\n")
    if rule.when:
        out(f"    when: {', '.join(f'{k} {_join(v)}' for k, v in rule.when.items())}\n")
    for label, value in (("NOT CHECKED", rule.not_stated), ("message", rule.message), ("source", rule.source)):
        if value:
            out(f"    {label}: {value}\n")
    for name, spec in rule.params.items():
        lines = _value_text(spec)
        if len(lines) == 1:
            out(f"    {name} = {lines[0]}\n")
        else:
            out(f"    {name}:\n")
            for line in lines:
                out(f"      {line}\n")
    if not rule.inherit:
        out("    not inherited by rule sets that extend this one (inherit: false)\n")
    out(f"    from {display_path(rule.origin)}\n")


def show_json(loaded: rulesets.RuleSet, stream: IO[str]) -> None:
    json.dump(describe(loaded), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


# -- new --------------------------------------------------------------------------
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def scaffold(base_id: str, new_id: str, name: str, tracks: list[str] | None = None,
             kind: str = "workshop") -> str:
    """A valid rule set that extends `base_id`: every limit 'not stated' until the author fills it in."""
    if not _ID.match(new_id):
        raise RuleSetError(f"id {new_id!r}: use letters, digits, '.', '_' and '-' (e.g. icml2026-myworkshop)")
    base = rulesets.load(base_id)
    if base.kind == "workshop":
        raise RuleSetError(f"{base_id!r} is a workshop; start from a format ({', '.join(_formats())})")
    tracks = [t for t in (tracks or []) if t] or ["main"]
    for track in tracks:
        if not _ID.match(track):
            raise RuleSetError(f"track {track!r}: use letters, digits, '.', '_' and '-'")
    inherited = [f"{rule.id} ({rule.check})" for rule in base.rules.values() if rule.inherit]
    dropped = [rule.id for rule in base.rules.values() if not rule.inherit]
    lines = [
        f"# Rule set for {name}, scaffolded by `wscheck rules new --from {base_id}`.",
        "# Fill it in from your call for papers (guide: docs/writing-rule-sets.md):",
        "# - every number needs `source:`, the sentence of the call it comes from;",
        "# - where the call is silent, keep `not_stated:`; the report shows that rule as NOT CHECKED.",
        f"# Check the file with: wscheck rules validate {new_id}.yaml",
        f"# Inherited from {base_id}: {', '.join(inherited) or 'no rules'}.",
    ]
    if dropped:
        lines.append(f"# Not inherited (main-conference requirements): {', '.join(dropped)}; name one under "
                     "rules: if your call asks for it.")
    lines += [
        f"id: {new_id}",
        f"kind: {kind}",
        f"name: {_quote(name)}",
        f"extends: {base_id}",
        "# call: \"https://... (the call for papers these rules come from)\"",
        "tracks:",
    ]
    for track in tracks:
        lines += [f"  {track}:", f"    description: {_quote(track.replace('-', ' ').capitalize() + ' paper')}"]
    lines += [
        f"default_track: {tracks[-1] if len(tracks) > 1 else tracks[0]}",
        "# dates:            # as the call states them; the time zone defaults to AoE",
        "#   submission:",
        "#     date: 2026-05-08",
        "#     timezone: AoE",
        "#     as_stated: \"May 8, 2026 (AoE)\"",
        "#     source: \"Submissions are due May 8, 2026 (AoE).\"",
        "rules:",
        "  page-limit:",
        "    # When the call states the limit, replace not_stated with the limit and its source, e.g.",
        "    #   params:",
        "    #     max_pages:",
        "    #       cases:",
    ]
    for track in tracks:
        lines.append(f"    #         - {{track: {track}, value: 4, source: \"<the sentence of the call>\"}}")
    lines += [
        "    #     excluded: [references, appendix]   # what does not count toward the limit",
        "    not_stated: \"not stated in the call\"",
    ]
    if "anonymity" in base.rules:
        lines += [
            "  anonymity:",
            "    # If the call says reviewing is double-blind: replace not_stated with",
            "    #   source: \"<the sentence of the call>\"",
            "    # If it says reviewing is not anonymous: enabled: false",
            "    not_stated: \"not stated in the call\"",
        ]
    return "\n".join(lines) + "\n"


def _formats() -> list[str]:
    found = []
    for venue in rulesets.venue_ids():
        try:
            if rulesets.load(venue).kind == "format":
                found.append(venue)
        except RuleSetError:
            continue
    return found
