"""One summary row per paper, shared by the batch table, CSV, Markdown and HTML reports.

A row holds what an organizer sorts a batch by: verdict, main-body pages against
the limit, anonymity, detected format and the rules that failed. Values come from
the report only (the page limit's `PageLimitFacts`, the anonymity result, the
detected template); nothing here looks at a PDF.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from wscheck.facts import PageLimitFacts
from wscheck.model import KIND_NOUNS, STATUS_LABELS, Level, PaperReport, RuleResult, Status
from wscheck.textsafe import clean
from wscheck.textutil import ordinal

VERDICT_LABELS = {"pass": "PASS", "fail": "FAIL", "error": "ERROR"}
_NONCHARACTERS = re.compile("[\ufffe\uffff]")  # XML 1.0 forbids them besides the control characters


def printable(value) -> str:
    """`textsafe.clean` text that XML and HTML also accept (one line, no control characters)."""
    text = clean(value)
    return _NONCHARACTERS.sub("\ufffd", text) if "\ufffe" in text or "\uffff" in text else text


@dataclass
class SummaryRow:
    file: str
    verdict: str  # pass, fail, error
    error: str | None = None
    venue: str | None = None
    track: str | None = None
    stage: str | None = None
    pages: int | None = None
    main_body_pages: int | None = None
    page_limit: int | None = None
    anonymity: str | None = None  # status of the anonymity rule, None when the venue has none
    identity_leaks: int | None = None
    format_family: str | None = None
    format_year: int | None = None
    format_mode: str | None = None
    failed_rules: list[str] = field(default_factory=list)
    warned_rules: list[str] = field(default_factory=list)
    not_checked_rules: list[str] = field(default_factory=list)
    error_rules: list[str] = field(default_factory=list)  # rules that could not be checked
    statuses: dict[str, str] = field(default_factory=dict)  # rule id -> status
    truncated: str | None = None

    @property
    def pages_over_limit(self) -> int | None:
        if self.main_body_pages is None or self.page_limit is None:
            return None
        return self.main_body_pages - self.page_limit

    @property
    def body_vs_limit(self) -> str:
        """'11 / 9' (main-body pages against the limit), or '-' when not measured."""
        if self.main_body_pages is None:
            return "-"
        limit = "?" if self.page_limit is None else str(self.page_limit)
        return f"{self.main_body_pages} / {limit}"

    @property
    def anonymity_label(self) -> str:
        if self.anonymity is None:
            return "-"
        label = STATUS_LABELS.get(self.anonymity, self.anonymity)
        if self.identity_leaks:
            label += f" ({self.identity_leaks})"
        return label

    @property
    def format_label(self) -> str:
        if not self.format_family:
            return "-"
        parts = [self.format_family]
        if self.format_year:
            parts.append(str(self.format_year))
        if self.format_mode and self.format_mode != "unknown":
            parts.append(self.format_mode.replace("_", "-"))
        return " ".join(parts)

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS.get(self.verdict, self.verdict.upper())

    @property
    def problems_label(self) -> str:
        """What went wrong, for a table cell: the error, else failed rules and rules that could not be checked."""
        if self.error:
            return self.error
        parts = list(self.failed_rules)
        if self.error_rules:
            parts.append("could not check: " + ", ".join(self.error_rules))
        return ", ".join(parts) or "-"


def _by_check(report: PaperReport, check: str) -> RuleResult | None:
    """The first result of a check type, whatever the rule set named the rule."""
    return next((r for r in report.results if r.check == check), None)


def summarize(report: PaperReport) -> SummaryRow:
    row = SummaryRow(file=report.file, verdict=report.verdict, error=report.error, venue=report.venue,
                     track=report.track, stage=report.stage, pages=report.pages, truncated=report.truncated)
    limit = next((r.facts for r in report.results if isinstance(r.facts, PageLimitFacts)), None)
    if limit is not None:
        row.main_body_pages = limit.main_body_pages
        row.page_limit = limit.limit
    anonymity = _by_check(report, "anonymity")
    if anonymity is not None:
        row.anonymity = anonymity.status
        leaks = [f for f in anonymity.findings if (f.level or anonymity.level) in (Level.ERROR, Level.WARNING)]
        row.identity_leaks = len(leaks) if anonymity.status != Status.NOT_CHECKED else None
    if report.template is not None:
        row.format_family = report.template.family
        row.format_year = report.template.year
        row.format_mode = report.template.mode
    for result in report.results:
        row.statuses[result.rule] = result.status
        if result.status == Status.FAIL:
            row.failed_rules.append(result.rule)
        elif result.status == Status.WARN:
            row.warned_rules.append(result.rule)
        elif result.status == Status.NOT_CHECKED:
            row.not_checked_rules.append(result.rule)
        elif result.status == Status.ERROR:
            row.error_rules.append(result.rule)
    return row


def rule_ids(reports: list[PaperReport], ruleset=None) -> list[str]:
    """The rules the reports ran, in rule-set order, then in order of first appearance."""
    used: list[str] = []
    for report in reports:
        for result in report.results:
            if result.rule not in used:
                used.append(result.rule)
    order = {rule_id: number for number, rule_id in enumerate(ruleset.rules if ruleset is not None else ())}
    seen = {rule_id: number for number, rule_id in enumerate(used)}
    return sorted(used, key=lambda rule_id: (order.get(rule_id, len(order)), seen[rule_id]))


def totals(reports: list[PaperReport]) -> dict[str, int]:
    verdicts = [r.verdict for r in reports]
    return {"papers": len(reports), "pass": verdicts.count("pass"), "fail": verdicts.count("fail"),
            "error": verdicts.count("error")}


def totals_sentence(reports: list[PaperReport]) -> str:
    return counts_sentence(totals(reports))


def counts_sentence(counts: dict[str, int]) -> str:
    """The totals sentence from counts (`totals`, or a batch's `streaming.Tally`)."""
    noun = "paper" if counts["papers"] == 1 else "papers"
    return (f"{counts['papers']} {noun}: {counts['pass']} passed, {counts['fail']} failed, "
            f"{counts['error']} could not be checked")


def where(finding) -> str:
    """'p.11 l.247' (the printed line number), 'p.5 col.2, 28th line' (a line counted in its column),
    or 'document' for findings with no page (e.g. metadata)."""
    parts = []
    if finding.page is not None:
        parts.append(f"p.{finding.page}")
    if finding.column is not None:
        parts.append(f"col.{finding.column}")
    text = " ".join(parts)
    if finding.line is not None:
        if getattr(finding, "line_kind", None) == "printed":
            text += f" l.{finding.line}"
        else:  # counted from the top of its column (of the page, with one column): said so
            text += f", {ordinal(finding.line)} line" if text else f"{ordinal(finding.line)} line"
    return text or "document"


def group_noun(kind: str | None, count: int) -> str:
    """What `count` findings of a kind are called: "margin notes", "Type 3 fonts", else "findings (kind)"."""
    one, several = KIND_NOUNS.get(kind or "", ("", ""))
    if one:
        return one if count == 1 else several
    return ("finding" if count == 1 else "findings") + (f" ({kind})" if kind else "")


def group_findings(findings: list) -> list[list]:
    """Findings of one kind with one fix together (margin notes on 14 pages are one problem), in the
    order they first appear; findings without a kind alone."""
    groups: dict[tuple, list] = {}
    for number, finding in enumerate(findings):
        key = (finding.kind, finding.fix) if finding.kind else ("", number)
        groups.setdefault(key, []).append(finding)
    return list(groups.values())


def error_lines(report: PaperReport) -> list[str]:
    """One line per reason this paper could not be fully checked: the file's error, or each rule's."""
    if report.error:
        return [clean(report.error)]
    return [clean(f"{report.file}: {r.rule}: {r.message}") for r in report.results if r.status == Status.ERROR]


def reported_findings(result: RuleResult):
    """Findings worth reporting for a result: those of failed/warned rules, and info ones."""
    if result.status in (Status.FAIL, Status.WARN):
        return list(result.findings)
    return [f for f in result.findings if f.level == Level.INFO]
