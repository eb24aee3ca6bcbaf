"""A rule set from what a call states: it extends the right format and overrides only what the call says.

The format is the template the call names (the first, or the one the
camera-ready must use), in the call's template year or else the workshop's; a
year without a built-in format uses the family's shared layout (`icml`,
`iclr`, `neurips`). Every number carries its sentence. Silence is `not_stated`
(NOT CHECKED in reports): no page limit, no review mode, no template. Where
the call accepts several templates, the layout rules get one case per
template, read from each format's own rule set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from wscheck import deadlines
from wscheck.checks.page_limit import excluded_phrase
from wscheck import ruleset as rulesets
from wscheck.cfp.model import CallFacts, DateValue, Track
from wscheck.cfp.tracks import camera_ready_mate
from wscheck.cfp.yaml_out import Comment, Flow, dump
from wscheck.errors import RuleSetError
from wscheck.identity import DEFAULT_ALLOWED_HOSTS

FAMILY_NAMES = {"iclr": "ICLR", "icml": "ICML", "neurips": "NeurIPS", "other": "another"}
LAYOUT_RULES = ("page-size", "text-block", "layout-notice", "body-font", "line-numbers")
_CALL_RULES = ("page-limit", "template", "anonymity", "pdf-file")
_ZONES = {"PT": "America/Los_Angeles", "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
          "SGT": "Asia/Singapore", "HKT": "Asia/Hong_Kong", "IST": "Asia/Kolkata"}


@dataclass
class Plan:
    """The decisions the rule set rests on, and what a reader must know about them."""

    base: str | None  # the format rule set to extend
    family: str | None  # its template family
    base_set: rulesets.RuleSet | None
    notes: list[str] = field(default_factory=list)


def _ids() -> set[str]:
    return set(rulesets.builtin_index())


def plan(facts: CallFacts) -> Plan:
    families = [f.family for f in facts.formats if f.family in FAMILY_NAMES and f.family != "other"]
    notes: list[str] = []
    if facts.camera_ready_formats:
        family: str | None = facts.camera_ready_formats.value[0]
    elif families:
        family = families[0]
    elif facts.host and facts.own_template:
        family = facts.host  # its layout rules are switched off (layout_rules)
    elif facts.host:
        family = facts.host
        notes.append(f"the call names no template: the layout rules of the host conference's "
                     f"{FAMILY_NAMES[family]} format apply, and the template itself is not checked")
    else:
        family = None
    if family is None:
        notes.append("the call names neither an ICLR, ICML or NeurIPS template nor one of them as its host "
                     "conference: the rule set extends no format, so only the call's own rules (page limit, "
                     "review) are checked")
        return Plan(None, None, None, notes)
    stated = next((f.year for f in facts.formats if f.family == family and f.year), None)
    year = stated or facts.year
    base = f"{family}{year}" if year and f"{family}{year}" in _ids() else family
    if base == family:
        notes.append(f"no built-in {FAMILY_NAMES[family]} {year or ''} format: the {FAMILY_NAMES[family]} layout "
                     "shared by 2024-2026 is used, without a template-year check".replace("  ", " "))
    return Plan(base, family, rulesets.load(base), notes)


# -- tracks and page limits ------------------------------------------------------------
def track_ids(facts: CallFacts) -> list[tuple[str, Track]]:
    """(id, track) for each track; several limits of one paper type (per template) share an id."""
    out = []
    for track in facts.tracks:
        out.append((track.label, track))
    return out


def _kinds() -> tuple[str, ...]:
    from wscheck.sections import builtin_vocabulary

    return builtin_vocabulary().ids


def _excluded(track: Track, plan_: Plan, notes: list[str]) -> tuple[list[str], str]:
    """What the limit leaves out, in section kinds, and the sentence that says so."""
    known = _kinds()
    stated = [p for p in track.excludes if p in known]
    dropped = [p for p in track.excludes if p not in known]
    if dropped:
        notes.append(f"the call also excludes {', '.join(dropped)} from the {track.label} limit; wscheck has no "
                     "section kind for it, so check that part by hand")
    if stated:
        return stated, track.excludes_source or track.source
    inherited = _inherited_excluded(plan_)
    notes.append(f"the call does not say what the {track.label} limit excludes: "
                 + (f"the {plan_.base} format's own rule is used ({', '.join(inherited)})" if inherited else
                    "references and appendices are taken as excluded, as in every conference format"))
    return inherited or ["references", "appendix"], (
        f"the call does not say what the limit excludes; as in the {plan_.base or 'conference'} format")


def _inherited_excluded(plan_: Plan) -> list[str]:
    if plan_.base_set is None or "page-limit" not in plan_.base_set.rules:
        return []
    spec = plan_.base_set.rules["page-limit"].params.get("excluded")
    if isinstance(spec, dict) and "value" in spec:
        spec = spec["value"]
    return list(spec) if isinstance(spec, list) else []


def _join(*sources: str | None) -> str:
    return " ... ".join(dict.fromkeys(s for s in sources if s))


def _limit_cases(facts: CallFacts, ids: list[tuple[str, Track]]) -> list:
    cases: list = []
    several = len({i for i, _ in ids}) > 1
    for track_id, track in ids:
        case = Flow(stage="submission")
        if several or track.name:
            case["track"] = track_id
        if track.format:
            case["format"] = track.format
        if track.max_pages is None:
            reason = "the call gives different limits for it" if track.conflict else \
                "the call says the page limit is still to be announced"
            cases.append(Flow(case, not_stated=f"{reason}: \"{track.source}\""))
        else:
            cases.append(Flow(case, value=track.max_pages, source=track.source))
    formats = sorted({t.format for _, t in ids if t.format})
    if formats:
        cases.append(Flow(stage="submission", not_stated=f"the call gives page limits for the "
                          f"{' and '.join(FAMILY_NAMES[f] for f in formats)} templates only"))
    return cases + _camera_ready_cases(facts, ids, several)


def _camera_ready_cases(facts: CallFacts, ids: list[tuple[str, Track]], several: bool) -> list:
    extra = facts.camera_ready_extra
    restricted = facts.camera_ready_formats.value if facts.camera_ready_formats else None
    cases: list = []
    for track_id, track in ids:
        if track.max_pages is None or (restricted and track.format and track.format not in restricted):
            continue
        final = camera_ready_mate(track, facts.tracks, facts.camera_ready_limits)
        if final is None and extra is None:
            continue
        case = Flow(stage="camera-ready")
        if several or track.name:
            case["track"] = track_id
        if track.format:
            case["format"] = track.format
        if final is not None:
            cases.append(Flow(case, value=final.max_pages, source=final.source))
        elif extra is not None:
            cases.append(Flow(case, value=track.max_pages + extra.value, source=_join(track.source, extra.source)))
    if not cases:
        return [Flow(stage="camera-ready", not_stated="the call states no camera-ready page limit")]
    if restricted:
        names = " or ".join(FAMILY_NAMES[f] for f in restricted)
        cases.append(Flow(stage="camera-ready", not_stated=f"the call requires the {names} template for the "
                          f"camera-ready version: \"{facts.camera_ready_formats.source}\""))  # type: ignore[union-attr]
    else:
        cases.append(Flow(stage="camera-ready", not_stated="the call states no camera-ready limit for this track"))
    return cases


def page_limit_rule(facts: CallFacts, plan_: Plan, notes: list[str]) -> dict:
    ids = track_ids(facts)
    if not ids:
        return {"not_stated": "the call states no page limit"}
    excluded = [(track_id, *_excluded(track, plan_, notes)) for track_id, track in ids]
    soft = all(t.soft for _, t in ids if t.max_pages is not None) and any(t.max_pages for _, t in ids)
    several = len({i for i, _ in ids}) > 1
    phrase = "pages" if len({tuple(e[1]) for e in excluded}) > 1 else f"pages, {excluded_phrase(excluded[0][1])}"
    rule: dict = {}
    if plan_.base is None:
        rule["check"] = "page-limit"
    rule["level"] = "warning" if soft else "error"
    subject = "The {track} paper" if several else "The paper"
    rule["message"] = f"{subject} {'should' if soft else 'must'} fit in {{max_pages}} {phrase}"
    rule["source"] = _join(*(t.source for _, t in ids))
    params: dict = {"max_pages": {"cases": _limit_cases(facts, ids)}}
    if len({tuple(e[1]) for e in excluded}) == 1:
        params["excluded"] = Flow(value=excluded[0][1], source=_join(*(e[2] for e in excluded)))
    else:
        params["excluded"] = {"cases": [Flow(track=i, value=v, source=s) for i, v, s in excluded]}
    rule["params"] = params
    return rule


# -- review, template, layout ------------------------------------------------------------
def anonymity_rule(facts: CallFacts, plan_: Plan) -> dict:
    rule: dict = {} if plan_.base else {"check": "anonymity", "level": "error"}
    if facts.review is None:
        return {**rule, "not_stated": "the call does not say whether reviewing is anonymous"}
    if facts.review.value == "single-blind":
        return {**rule, "when": Flow(stage="camera-ready"), "source": facts.review.source,
                "description": "Reviewing is single-blind: submissions need not be anonymous; the camera-ready "
                               "version is checked for anonymization left in it."}
    rule["message"] = ("Reviewing is double-blind: nothing may identify the authors at submission, and no "
                       "anonymization may remain in the camera-ready version")
    rule["source"] = facts.review.source
    extra = [h for h in facts.anonymizer_hosts if h.value not in DEFAULT_ALLOWED_HOSTS]
    if extra:
        rule["params"] = {"allowed_hosts": Flow(value=list(DEFAULT_ALLOWED_HOSTS) + [h.value for h in extra],
                                                source=_join(*(h.source for h in extra)))}
    return rule


def template_rule(facts: CallFacts, plan_: Plan) -> dict:
    rule: dict = {} if plan_.base else {"check": "template", "level": "error"}
    families = [f.family for f in facts.formats]
    if not families:
        return {**rule, "not_stated": "the call names no template"}
    if families == ["other"]:
        source = facts.formats[0].source
        return {**rule, "not_stated": f"the call's template is its own or another venue's: \"{source}\""}
    names = " or ".join(FAMILY_NAMES[f] if f != "other" else "its own" for f in families)
    rule["message"] = f"This workshop accepts the {names} template"
    rule["source"] = _join(*(f.source for f in facts.formats))
    params: dict = {}
    restricted = facts.camera_ready_formats
    if restricted:
        params["accepted"] = {"cases": [Flow(stage="submission", value=families, source=rule["source"]),
                                        Flow(stage="camera-ready", value=restricted.value, source=restricted.source)]}
    else:
        params["accepted"] = families
    years = [f for f in facts.formats if f.year and f.family != "other"]
    if years:
        cases = [Flow(format=f.family, value=f.year, source=f.year_source or f.source) for f in years]
        params["year"] = {"cases": cases + [Flow(value=years[0].year, source=years[0].year_source or years[0].source)]}
    params["venue"] = "this workshop"
    rule["params"] = params
    return rule


def _spec_value(spec):
    return spec["value"] if isinstance(spec, dict) and "value" in spec else spec


def layout_rules(facts: CallFacts, plan_: Plan, notes: list[str]) -> dict:
    """Layout rules per template when the call accepts several; NOT CHECKED for a template of the call's own."""
    base = plan_.base_set
    if base is None:
        return {}
    if facts.own_template:
        reason = f"the call's template is its own, not a conference's: \"{facts.own_template}\""
        return {rule_id: {"not_stated": reason} for rule_id in LAYOUT_RULES if rule_id in base.rules}
    others = {f.family for f in facts.formats if f.family not in ("other", plan_.family)}
    if not others:
        return {}
    sets = {plan_.family: base}
    for family in sorted(others):
        year = next((f.year for f in facts.formats if f.family == family and f.year), None) or facts.year
        sets[family] = rulesets.load(f"{family}{year}" if f"{family}{year}" in _ids() else family)
    rules: dict = {}
    for rule_id, rule in base.rules.items():
        if rule_id in _CALL_RULES or not rule.inherit:
            continue
        having = [f for f, s in sets.items() if rule_id in s.rules]
        if len(having) < len(sets):
            rules[rule_id] = {"when": Flow(format=having)}
            continue
        params = _param_cases(rule_id, sets, notes)
        if params:
            rules[rule_id] = {"params": params}
    return rules


def _param_cases(rule_id: str, sets: dict, notes: list[str]) -> dict:
    params: dict = {}
    first = next(iter(sets.values()))
    for name, spec in first.rules[rule_id].params.items():
        specs = {family: s.rules[rule_id].params.get(name) for family, s in sets.items()}
        if len({repr(_spec_value(v)) for v in specs.values()}) == 1:
            continue
        if any(isinstance(v, dict) and "cases" in v for v in specs.values()):
            notes.append(f"{rule_id}: {name} differs between the templates and is checked as the first one's")
            continue
        cases = []
        for family, value in specs.items():
            case = Flow(format=family, value=_spec_value(value))
            if isinstance(value, dict) and value.get("source"):
                case["source"] = value["source"]
            cases.append(case)
        default = Flow(value=_spec_value(spec))
        if isinstance(spec, dict) and spec.get("source"):
            default["source"] = spec["source"]
        params[name] = {"cases": cases + [default]}
    return params


# -- dates ----------------------------------------------------------------------------
def yaml_zone(zone: str | None) -> str | None:
    """The call's time zone in a form the deadline machinery reads (PT -> America/Los_Angeles)."""
    if not zone:
        return None
    zone = _ZONES.get(zone, zone)
    try:
        deadlines.parse_timezone(zone)
    except deadlines.DateError:
        return None
    return zone


def date_entry(value: DateValue, notes: list[str]) -> dict | None:
    if value.day is None:
        return None
    entry: dict = {"date": value.day}
    if value.time:
        entry["time"] = value.time
    zone = yaml_zone(value.timezone)
    if zone:
        entry["timezone"] = zone
    elif value.timezone:
        notes.append(f"the {value.milestone} time zone {value.timezone!r} is not one wscheck knows: AoE is assumed")
    entry["as_stated"] = value.as_stated or value.day.isoformat()
    entry["source"] = _join(value.source, value.zone_from)
    return entry


def dates_block(facts: CallFacts, notes: list[str]) -> dict:
    block: dict = {}
    for name in ("abstract", "submission", "notification", "camera_ready", "workshop"):
        value = facts.dates.get(name)
        entry = date_entry(value, notes) if value else None
        if entry:
            block[name] = entry
    for value in facts.track_dates:
        entry = date_entry(value, notes)
        key = re.sub(r"[^a-z0-9_]+", "_", f"{value.milestone}_{value.track}")
        if entry and key not in block:
            block[key] = entry
    return block


# -- the rule set ------------------------------------------------------------------------
def slug(text: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return name[:60].strip("-") or "workshop"


def default_id(facts: CallFacts) -> str:
    stem = re.sub(r"\.(txt|md|markdown|html?|xhtml)$", "", facts.file.rstrip("/").rsplit("/", 1)[-1].split("?")[0],
                  flags=re.I)
    name = slug(stem)
    if name in ("index", "cfp", "call", "call-for-papers", "callforpapers", "workshop", "page") and facts.host:
        name = slug(f"{facts.host}{facts.year or ''}-{name}")
    return name if re.match(r"^[a-z]", name) else f"cfp-{name}"


def _tracks_block(ids: list[tuple[str, Track]]) -> tuple[dict, str | None]:
    tracks: dict = {}
    for track_id, track in ids:
        if track_id not in tracks:
            words = track_id.replace("-", " ").capitalize()
            description = (words if re.search(r"abstract|paper|demo|report", words, re.I) else f"{words} paper") \
                if track.name else "Workshop paper"
            tracks[track_id] = {"description": description, "source": track.source}
    limits = {i: t.max_pages or 0 for i, t in ids}
    default = max(limits, key=lambda i: limits[i]) if len(tracks) > 1 else None
    return tracks, default


def build(facts: CallFacts, ruleset_id: str | None = None, name: str | None = None,
          call: str | None = None) -> str:
    """The rule set as YAML text, header comments included."""
    plan_ = plan(facts)
    notes = list(facts.human) + plan_.notes
    data: dict = {"id": ruleset_id or default_id(facts), "kind": "workshop", "name": name or facts.title}
    if plan_.base:
        data["extends"] = plan_.base
    data["call"] = call or facts.file
    if facts.review:
        data["review"] = facts.review.value
    data["formats"] = [f.family for f in facts.formats]
    tracks, default = _tracks_block(track_ids(facts))
    if tracks:
        data["tracks"] = tracks
        if default:
            data["default_track"] = default
            data["_default"] = Comment("the default is the longest limit, so a missing --track never rejects wrongly")
    rules: dict = {"page-limit": page_limit_rule(facts, plan_, notes), "anonymity": anonymity_rule(facts, plan_),
                   "template": template_rule(facts, plan_)}
    rules.update(layout_rules(facts, plan_, notes))
    dates = dates_block(facts, notes)
    if dates:
        data["dates"] = dates
    notes = list(dict.fromkeys(notes))
    if notes:
        data["notes"] = "Needs a human:\n" + "\n".join(f"- {note}" for note in notes)
    data["rules"] = rules
    header = [f"Rules read from the call for papers {call or facts.file} by `wscheck rules from-cfp`.",
              "Each value quotes the sentence of the call it comes from (source); what the call does not state "
              "is NOT CHECKED.", "Read the values against the call before you rely on them."]
    if notes:
        header.append("Needs a human:")
        header += [f"  - {n}" for n in notes]
    lines = [f"# {' '.join(h.split())}" if not h.startswith("  ") else "#   " + " ".join(h.split()) for h in header]
    body = {k: v for k, v in data.items()}
    return "\n".join(lines + dump(body)) + "\n"


def load(facts: CallFacts, **options) -> tuple[rulesets.RuleSet, str]:
    """(the rule set, its YAML), validated by the project's own loader; a failure here is a bug."""
    text = build(facts, **options)
    try:
        return rulesets.load_text(text, f"<rules from {facts.file}>"), text
    except RuleSetError as exc:
        raise RuleSetError(f"the rule set written from {facts.file} is invalid ({exc}); please report this") from None
