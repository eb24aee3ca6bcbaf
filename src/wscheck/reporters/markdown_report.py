"""GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment.

A totals line, the summary table (one row per paper), then a collapsible section
per paper that did not pass, with each finding's page, text and fix. Quoted PDF
text is escaped so that it can neither break the table nor inject markup.
"""
from __future__ import annotations

import html
import re
from typing import IO

from wscheck.model import STATUS_LABELS
from wscheck.reporters.streaming import Tally, TextSpool, write_all
from wscheck.reporters.summary import counts_sentence, printable, reported_findings, summarize, where

ICONS = {"pass": "✅", "fail": "❌", "error": "⛔", "warn": "⚠️", "not_checked": "➖"}
# only what can start markup inside a line; escaping more (".", "-") would only clutter the source
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text) -> str:
    """Inline Markdown text: one line, HTML-escaped, markup characters backslash-escaped."""
    flat = " ".join(printable(text).split())
    return _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


TABLE_HEADER = ["| Paper | Verdict | Main body / limit | Anonymity | Format | Failed rules |",
                "|---|---|---:|---|---|---|"]


def _table_row(report) -> str:
    row = summarize(report)
    failed = md(row.problems_label)
    return (f"| {md(row.file)} | {ICONS[row.verdict]} {row.verdict_label} | {md(row.body_vs_limit)} "
            f"| {md(row.anonymity_label)} | {md(row.format_label)} | {failed} |")


def _has_details(report) -> bool:
    return not report.error and (report.verdict != "pass" or any(reported_findings(r) for r in report.results))


def _details(report) -> list[str]:
    row = summarize(report)
    what = html.escape(printable(report.error if report.error else ", ".join(
        row.failed_rules + row.error_rules + row.warned_rules)))
    lines = [f"<details><summary><b>{html.escape(printable(report.file))}</b>: {row.verdict_label} ({what})"
             "</summary>", ""]
    for result in report.results:
        findings = reported_findings(result)
        if result.status not in ("fail", "warn", "error") and not findings:
            continue
        lines.append(f"- {ICONS[result.status]} **{md(result.rule)}** {STATUS_LABELS[result.status]}: "
                     f"{md(result.message)}")
        for finding in findings:
            entry = f"  - {md(where(finding))}: “{md(finding.text)}”"
            if finding.detail:
                entry += f" ({md(finding.detail)})"
            if finding.fix and result.status in ("fail", "warn"):
                entry += f" — fix: {md(finding.fix)}"
            lines.append(entry)
        if result.omitted_text:
            lines.append(f"  - {md(result.omitted_text)}")
    for item in getattr(report, "evidence", None) or []:
        lines.append(f"- evidence: page {item['page']}: {md(item['file'])}")
    lines += ["", "</details>", ""]
    return lines


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    write_all(Writer(), reports, stream, options or {})


class Writer:
    """The totals and the table come first in the page: table rows and details are spooled until the end."""

    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream, self.tally = stream, Tally()
        self.rows, self.details = TextSpool(), TextSpool()

    def paper(self, report) -> None:
        self.tally.add(report)
        self.rows.write(_table_row(report) + "\n")
        if _has_details(report):
            self.details.write("\n".join(_details(report)) + "\n")

    def end(self) -> None:
        venues = sorted(self.tally.venues)
        title = "wscheck" + (f": {', '.join(venues)}" if venues else "")
        head = [f"## {md(title)}", "", f"**{counts_sentence(self.tally.counts())}**", "", *TABLE_HEADER]
        self.stream.write("\n".join(head) + "\n")
        self.rows.copy_to(self.stream)
        if not self.details.empty:  # the page ends with one newline, where a details block ends with a blank line
            self.stream.write("\n")
            self.details.copy_to(self.stream, drop_last=1)
        self.rows.close()
        self.details.close()
