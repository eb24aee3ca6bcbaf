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


class Stage(str, Enum):
    """Which version of a paper is checked (`--stage`, rule-set `stages`, `when: stage`)."""

    SUBMISSION = "submission"
    CAMERA_READY = "camera-ready"

    def __str__(self) -> str:
        return self.value


LEVELS = tuple(level.value for level in Level)
STAGES = tuple(stage.value for stage in Stage)
STATUS_LABELS = {"pass": "PASS", "fail": "FAIL", "warn": "WARN", "not_checked": "NOT CHECKED", "error": "ERROR"}


class _Record:
    """A typed record that reads like the JSON object it becomes: `summary["family"]`."""

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def to_dict(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class FormatSummary(_Record):
    """The template a PDF was built with: `format` in `inspect` and `check` (CONTRACT.md)."""

    family: str
    year: int | None
    mode: str

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family, "year": self.year, "mode": self.mode}


@dataclass(frozen=True)
class SectionsSummary(_Record):
    """Where the parts of a paper are: `sections` in `inspect` (CONTRACT.md)."""

    main_body_last_page: int | None
    core_body_last_page: int | None
    references_page: int | None
    appendix_page: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"main_body_last_page": self.main_body_last_page, "core_body_last_page": self.core_body_last_page,
                "references_page": self.references_page, "appendix_page": self.appendix_page}


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

    def to_dict(self) -> dict[str, Any]:
        out = {
            "rule": self.rule,
            "check": self.check,
            "status": self.status,
            "level": self.level,
            "message": self.message,
            "findings": [f.to_dict() for f in self.findings],
        }
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
    template: FormatSummary | None = None  # the detected template, when a rule needed it
    evidence: list[dict[str, Any]] = field(default_factory=list)  # PNGs written by --evidence: page, file

    def __post_init__(self) -> None:
        if isinstance(self.template, dict):  # the JSON form, e.g. from a saved report
            self.template = FormatSummary(**self.template)

    @property
    def verdict(self) -> str:
        if self.error:
            return "error"
        return "fail" if any(r.status == "fail" for r in self.results) else "pass"

    def result(self, rule: str) -> RuleResult | None:
        return next((r for r in self.results if r.rule == rule), None)

    def failed_rules(self) -> list[str]:
        return [r.rule for r in self.results if r.status == "fail"]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "file": self.file,
            "venue": self.venue,
            "track": self.track,
            "stage": self.stage,
            "verdict": self.verdict,
        }
        if self.error:
            out["error"] = self.error
        out["pages"] = self.pages
        if self.template is not None:
            out["format"] = self.template.to_dict()
        out["results"] = [r.to_dict() for r in self.results]
        if self.notes:
            out["notes"] = self.notes
        if self.evidence:
            out["evidence"] = self.evidence
        out["elapsed_s"] = round(self.elapsed_s, 3)
        return out
