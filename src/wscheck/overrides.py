"""Quick overrides of a rule set's page limit from the command line: --max-pages, --excludes, --page-limit.

`--max-pages N` and `--excludes` state a workshop's limit on top of a format
("the call says 4 pages, ICML 2026 style": `--venue icml2026 --max-pages 4`).
`--page-limit N` is the user's own limit: it wins over everything else, and the
report says it is the user's value, not the venue's.
"""
from __future__ import annotations

import copy

from wscheck.errors import UsageError
from wscheck.ruleset import Rule, RuleSet

ALIASES = {
    "reference": "references", "refs": "references", "bibliography": "references", "citations": "references",
    "appendices": "appendix", "appendixes": "appendix", "supplementary": "appendix", "supplement": "appendix",
    "supplementary-material": "appendix", "supplemental": "appendix", "acknowledgements": "acknowledgments",
    "acknowledgement": "acknowledgments", "acknowledgment": "acknowledgments", "acks": "acknowledgments",
    "impact": "impact-statement", "broader-impact": "impact-statement", "ethics": "ethics-statement",
    "reproducibility": "reproducibility-statement", "checklists": "checklist",
}


def parse_excludes(text: str) -> list[str]:
    """'references,appendix' -> ['references', 'appendix'], with common spellings; unknown kinds are refused."""
    from wscheck.sections import builtin_vocabulary

    kinds = builtin_vocabulary().ids
    out = []
    for raw in text.replace(";", ",").split(","):
        word = raw.strip().lower().replace(" ", "-").replace("_", "-")
        if not word or word in ("none", "nothing"):
            continue
        kind = ALIASES.get(word, word)
        if kind not in kinds:
            raise UsageError(f"--excludes: {raw.strip()!r} is not a part wscheck knows; use: {', '.join(kinds)}")
        out.append(kind)
    return list(dict.fromkeys(out))


def _page_limit_rule(rule_set: RuleSet) -> Rule:
    rule = rule_set.rules.get("page-limit")
    if rule is None:
        rule = Rule(id="page-limit", check="page-limit", message="The main body must fit in {max_pages} pages")
        rule_set.rules["page-limit"] = rule
    rule.enabled, rule.not_stated = True, None
    return rule


def _stated(rule_set: RuleSet, stage: str) -> str:
    from wscheck.venues import describe_limits

    return describe_limits(rule_set, stage)


def apply_overrides(rule_set: RuleSet, stage: str, max_pages: int | None = None, excludes: str | None = None,
                    page_limit: int | None = None) -> tuple[RuleSet, list[str]]:
    """(a copy of the rule set with the overrides applied, notes for the report)."""
    if max_pages is None and excludes is None and page_limit is None:
        return rule_set, []
    changed = copy.deepcopy(rule_set)
    before = _stated(rule_set, stage)
    rule = _page_limit_rule(changed)
    notes = []
    if max_pages is not None:
        rule.params["max_pages"] = {"value": max_pages, "source": f"--max-pages {max_pages} (command line)"}
        rule.source = rule.params["max_pages"]["source"]
        notes.append(f"page limit {max_pages} pages from --max-pages, instead of {rule_set.id}'s ({before})")
    if page_limit is not None:
        rule.params["max_pages"] = {"value": page_limit,
                                    "source": f"--page-limit {page_limit}: your own limit, given on the command line"}
        rule.source = rule.params["max_pages"]["source"]
        replaced = f"--max-pages {max_pages}" if max_pages is not None else f"{rule_set.id}'s ({before})"
        notes.append(f"page limit {page_limit} pages is YOUR value (--page-limit), not the venue's: it replaces "
                     f"{replaced}")
    if excludes is not None:
        parts = parse_excludes(excludes)
        rule.params["excluded"] = {"value": parts, "source": f"--excludes {excludes} (command line)"}
        notes.append(f"not counted toward the limit: {', '.join(parts) or 'nothing'} (--excludes)")
    return changed, notes
