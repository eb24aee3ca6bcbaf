"""What checks produce and reporters format: findings, rule results, paper reports.

These are plain data; `to_dict()` gives the JSON of CONTRACT.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from wscheck.facts import Facts, Record, facts_from_json


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
# What findings of a kind are called when they are counted ("and 263,800 more e-mail addresses") or
# grouped ("14 margin notes: pages 1-9, 19-21"): (one, several). Other kinds are "findings".
KIND_NOUNS = {
    "email": ("e-mail address", "e-mail addresses"), "url": ("link", "links"),
    "metadata": ("metadata entry", "metadata entries"), "pattern": ("matching line", "matching lines"),
    "margin-note": ("margin note", "margin notes"), "overfull-line": ("line too long", "lines too long"),
    "wide-figure": ("figure too wide", "figures too wide"),
    "overfull-page": ("overfull page", "overfull pages"),
    "author-block": ("author-block line", "author-block lines"), "affiliation": ("affiliation", "affiliations"),
    "attachment": ("attachment", "attachments"), "embedded-file": ("embedded file", "embedded files"),
    "type3": ("Type 3 font", "Type 3 fonts"), "unembedded": ("font not embedded", "fonts not embedded"),
    "self-citation": ("self-citation", "self-citations"), "third-party-url": ("third-party link", "third-party links"),
    "no-text": ("page without a text layer", "pages without a text layer"),
    "page-size": ("run of pages of another size", "runs of pages of another size"),
    "style-notice": ("layout-violation notice", "layout-violation notices"),
    "acknowledgments": ("acknowledgment", "acknowledgments"), "funding": ("funding statement", "funding statements"),
    "author-name": ("author's name", "authors' names"), "orcid": ("ORCID iD", "ORCID iDs"),
    "anonymous-leftover": ("anonymous leftover", "anonymous leftovers"),
}
STATUS_LABELS = {"pass": "PASS", "fail": "FAIL", "warn": "WARN", "not_checked": "NOT CHECKED", "error": "ERROR"}


@dataclass(frozen=True)
class FormatSummary(Record):
    """The template a PDF was built with: `format` in `inspect` and `check` (CONTRACT.md)."""

    family: str
    year: int | None
    mode: str


@dataclass(frozen=True)
class SectionsSummary(Record):
    """Where the parts of a paper are: `sections` in `inspect` (CONTRACT.md)."""

    main_body_last_page: int | None
    core_body_last_page: int | None
    references_page: int | None
    appendix_page: int | None



@dataclass
class Finding:
    """One thing a check found: where it is, what it says, and how to fix it."""

    page: int | None
    text: str  # the offending text, quoted whole, or a description when there is no text
    fix: str | None = None
    kind: str | None = None  # check-specific category, e.g. "email", "margin"
    level: str | None = None  # overrides the rule's level for this finding
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points
    line: int | None = None  # the line: its printed number, or its place in the column (`line_kind`)
    column: int | None = None  # 1 or 2 on a two-column page
    detail: str | None = None  # one line of explanation shown with the text
    # "printed": `line` is the number the review ruler prints beside the line (what a reviewer
    # quotes); "counted": the line's place among the text lines of its column (of the page
    # when it has one column), counted from the top
    line_kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"page": self.page, "text": self.text}
        for key in ("fix", "kind", "level", "line", "line_kind", "column", "detail"):
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
    facts: Facts | None = None  # what the check measured (its declared type, wscheck.facts)


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
    facts: Facts | None = None
    findings_omitted: int = 0  # findings beyond the report's cap (wscheck.runner), counted, not listed
    omitted_text: str | None = None  # "and 263,800 more e-mail addresses"
    cause: str | None = None  # NOT CHECKED because of what this rule found (e.g. the template rule)

    def __post_init__(self) -> None:
        if isinstance(self.facts, dict):  # the JSON form, e.g. from a saved report
            self.facts = facts_from_json(self.check, self.facts) if self.facts else None

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
        if self.cause:
            out["cause"] = self.cause
        if self.facts is not None:
            out["facts"] = self.facts.to_dict()
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
    config: str | None = None  # the .wscheck.yaml applied, if any
    file_bytes: str | None = None  # the file name's bytes in hex, when they are not UTF-8 (`file` shows U+FFFD)
    truncated: str | None = None  # why findings were left out of this report, when they were
    # taken from --cache rather than checked in this run (wscheck.report_cache); not part of the report's JSON
    cached: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.template, dict):  # the JSON form, e.g. from a saved report
            self.template = FormatSummary(**self.template)

    @property
    def verdict(self) -> str:
        """fail when a rule failed; else error when the file or a rule could not be checked; else pass."""
        if self.error:
            return Status.ERROR
        if any(r.status == Status.FAIL for r in self.results):
            return Status.FAIL
        return Status.ERROR if any(r.status == Status.ERROR for r in self.results) else Status.PASS

    def errored_rules(self) -> list[str]:
        """Rules that should have run and could not (status error)."""
        return [r.rule for r in self.results if r.status == Status.ERROR]

    def result(self, rule: str) -> RuleResult | None:
        return next((r for r in self.results if r.rule == rule), None)

    def failed_rules(self) -> list[str]:
        return [r.rule for r in self.results if r.status == Status.FAIL]

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
            out["format"] = self.template.to_dict()
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


@dataclass(frozen=True)
class IdentityItem(Record):
    """One piece of a PDF that reveals who wrote it: `identity` in `inspect` (CONTRACT.md)."""

    page: int | None
    kind: str
    text: str


@dataclass
class InspectReport:
    """What `wscheck inspect` says about one paper (CONTRACT.md), and the evidence behind it.

    Built from the same records as a `check` report (`FormatSummary`, and the Structure's
    `SectionsSummary`); `to_dict()` gives the JSON the contract fixes.
    """

    file: str
    file_bytes: str | None = None  # the file name's bytes in hex, when they are not valid UTF-8
    pages: int | None = None
    format: FormatSummary | None = None
    sections: SectionsSummary | None = None
    identity: list[IdentityItem] = field(default_factory=list)
    identity_omitted: int = 0  # identity items beyond inspection.MAX_ITEMS, counted, not listed
    page_size: dict[str, float] | None = None  # width and height of page 1, in points
    evidence: dict[str, Any] = field(default_factory=dict)  # how the template and the sections were found
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    elapsed_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        if self.file_bytes:
            out["file_bytes"] = self.file_bytes
        if self.error:
            out["error"] = self.error
        else:
            out["pages"] = self.pages
            out["format"] = self.format.to_dict() if self.format is not None else None
            out["sections"] = self.sections.to_dict() if self.sections is not None else None
            out["identity"] = [item.to_dict() for item in self.identity]
            if self.identity_omitted:
                out["identity_omitted"] = self.identity_omitted
            out["page_size"] = self.page_size
            out["evidence"] = self.evidence
            if self.notes:
                out["notes"] = self.notes
        out["elapsed_s"] = round(self.elapsed_s, 3)
        return out
