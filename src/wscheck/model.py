"""What checks produce and reporters format: findings, rule results, paper reports.

These are plain data; `to_dict()` gives the JSON of CONTRACT.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Level(str, Enum):
    """How much a rule's finding matters (as Vale's `level:`)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


class Status(str, Enum):
    """What became of one rule on one paper.

    `not_checked` is for a rule the venue does not state (or that does not apply to this
    paper); `error` is for a rule that should have run and could not: it is never a pass.
    """

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    NOT_CHECKED = "not_checked"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


LEVELS = tuple(level.value for level in Level)
STATUS_LABELS = {"pass": "PASS", "fail": "FAIL", "warn": "WARN", "not_checked": "NOT CHECKED", "error": "ERROR"}


@dataclass
class Finding:
    """One thing a check found: where it is, what it says, and how to fix it."""

    page: int | None
    text: str  # the offending text, quoted whole, or a description when there is no text
    fix: str | None = None
    kind: str | None = None  # check-specific category, e.g. "email", "margin"
    level: str | None = None  # overrides the rule's level for this finding
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points
    line: int | None = None  # line on the page, 1-based, when that is meaningful
    column: int | None = None  # 1 or 2 on a two-column page
    detail: str | None = None  # one line of explanation shown with the text

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page, "text": self.text}
        for key in ("fix", "kind", "level", "line", "column", "detail"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.box is not None:
            out["box"] = [round(v, 1) for v in self.box]
        return out


@dataclass
class CheckOutput:
    """What a check function returns."""

    findings: list[Finding] = field(default_factory=list)
    summary: str = ""  # one line on what was found, shown as the result message
    not_checked: str | None = None  # reason the check could not be applied
    facts: dict[str, Any] = field(default_factory=dict)  # values for summary tables


@dataclass
class RuleResult:
    rule: str
    check: str
    status: str
    message: str
    findings: list[Finding] = field(default_factory=list)
    level: str = "error"
    source: str | None = None
    description: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    findings_omitted: int = 0  # findings beyond the report's cap (wscheck.runner), counted, not listed
    omitted_text: str | None = None  # "and 263,800 more e-mail addresses"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "check": self.check,
            "status": self.status,
            "level": self.level,
            "message": self.message,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.findings_omitted:
            out["findings_omitted"] = self.findings_omitted
        if self.source:
            out["source"] = self.source
        if self.facts:
            out["facts"] = self.facts
        return out


@dataclass
class PaperReport:
    file: str
    venue: str | None = None
    track: str | None = None
    stage: str | None = None
    results: list[RuleResult] = field(default_factory=list)
    error: str | None = None
    pages: int | None = None
    elapsed_s: float = 0.0
    notes: list[str] = field(default_factory=list)  # information, e.g. a passed deadline
    template: dict[str, Any] | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)  # PNGs written by --evidence: page, file
    config: str | None = None  # the .wscheck.yaml applied, if any
    file_bytes: str | None = None  # the file name's bytes in hex, when they are not UTF-8 (`file` shows U+FFFD)
    truncated: str | None = None  # why findings were left out of this report, when they were

    @property
    def verdict(self) -> str:
        """fail when a rule failed; else error when the file or a rule could not be checked; else pass."""
        if self.error:
            return "error"
        if any(r.status == Status.FAIL for r in self.results):
            return "fail"
        return "error" if any(r.status == Status.ERROR for r in self.results) else "pass"

    def errored_rules(self) -> list[str]:
        """Rules that should have run and could not (status error)."""
        return [r.rule for r in self.results if r.status == Status.ERROR]

    def result(self, rule: str) -> RuleResult | None:
        return next((r for r in self.results if r.rule == rule), None)

    def failed_rules(self) -> list[str]:
        return [r.rule for r in self.results if r.status == "fail"]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        if self.file_bytes:
            out["file_bytes"] = self.file_bytes
        out |= {
            "venue": self.venue,
            "track": self.track,
            "stage": self.stage,
            "verdict": self.verdict,
        }
        if self.error:
            out["error"] = self.error
        out["pages"] = self.pages
        if self.template is not None:
            out["format"] = self.template
        out["results"] = [r.to_dict() for r in self.results]
        if self.notes:
            out["notes"] = self.notes
        if self.evidence:
            out["evidence"] = self.evidence
        if self.config:
            out["config"] = self.config
        if self.truncated:
            out["truncated"] = self.truncated
        out["elapsed_s"] = round(self.elapsed_s, 3)
        return out
