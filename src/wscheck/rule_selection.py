"""Rules a project turns off or down, as ruff's `ignore` and yamllint's `level: warning` do.

    # .wscheck.yaml                      # or on the command line:
    ignore: [text-block]                 #   --ignore text-block
    warn-only: [line-numbers]            #   --warn-only line-numbers

An ignored rule does not run at all. A warn-only rule runs, and what would fail it
is reported as a warning, so the paper can still pass; a rule that could not run
(status `error`) stays an error. Ids from the config and from the command line add
up; a rule both ignored and warn-only is ignored. An id the rule set does not have
is a usage error that names where it came from and the closest ids, so that a typo
never leaves a rule running that the user meant to silence.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable

from wscheck.errors import UsageError
from wscheck.model import Level, PaperReport, Status


def rule_ids(values: Iterable[str]) -> list[str]:
    """`--ignore a,b --ignore c` and config lists: ids split at commas and spaces, in order, once each."""
    ids = [part for value in values for part in re.split(r"[,\s]+", value) if part]
    return list(dict.fromkeys(ids))


@dataclasses.dataclass
class RuleSelection:
    """Rule id -> where it was named (`--ignore`, or the config file), for each kind."""

    ignore: dict[str, str] = dataclasses.field(default_factory=dict)
    warn_only: dict[str, str] = dataclasses.field(default_factory=dict)

    def add(self, ignore: Iterable[str], warn_only: Iterable[str], origin: str, warn_origin: str) -> None:
        for rule_id in rule_ids(ignore):
            self.ignore.setdefault(rule_id, origin)
        for rule_id in rule_ids(warn_only):
            self.warn_only.setdefault(rule_id, warn_origin)

    def __bool__(self) -> bool:
        return bool(self.ignore or self.warn_only)


def apply(rule_set, selection: RuleSelection):
    """A copy of `rule_set` with ignored rules disabled and warn-only rules at level warning."""
    if not selection:
        return rule_set
    known = {**rule_set.not_inherited, **rule_set.rules}
    for rule_id, origin in [*selection.ignore.items(), *selection.warn_only.items()]:
        if rule_id not in known:
            raise UsageError(_unknown(rule_id, origin, rule_set.id, list(known)))
    rules = {}
    for rule_id, rule in rule_set.rules.items():
        if rule_id in selection.ignore:
            rule = dataclasses.replace(rule, enabled=False)
        elif rule_id in selection.warn_only and rule.level == Level.ERROR.value:
            rule = dataclasses.replace(rule, level=Level.WARNING.value)
        rules[rule_id] = rule
    return dataclasses.replace(rule_set, rules=rules)


def _unknown(rule_id: str, origin: str, venue: str, known: list[str]) -> str:
    close = sorted(known, key=lambda k: -difflib.SequenceMatcher(None, rule_id.lower(), k.lower()).ratio())
    close = [k for k in close if difflib.SequenceMatcher(None, rule_id.lower(), k.lower()).ratio() >= 0.6][:3]
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"{origin}: rule set {venue!r} has no rule {rule_id!r}{hint} (its rules: {', '.join(sorted(known))})"


def downgrade(reports: list[PaperReport], selection: RuleSelection) -> None:
    """Warn-only rules: findings a check marked as errors become warnings, a FAIL becomes a WARN."""
    if not selection.warn_only:
        return
    for report in reports:
        for result in report.results:
            if result.rule not in selection.warn_only:
                continue
            for finding in result.findings:
                if finding.level == Level.ERROR.value:
                    finding.level = Level.WARNING.value
            if result.level == Level.ERROR.value:
                result.level = Level.WARNING.value
            if result.status == Status.FAIL.value:
                result.status = Status.WARN.value
