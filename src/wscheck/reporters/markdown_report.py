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
from wscheck.reporters.summary import printable, reported_findings, summarize, totals_sentence, where

ICONS = {"pass": "✅", "fail": "❌", "error": "⛔", "warn": "⚠️", "not_checked": "➖"}
# only what can start markup inside a line; escaping more (".", "-") would only clutter the source
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text) -> str:
    """Inline Markdown text: one line, HTML-escaped, markup characters backslash-escaped."""
    flat = " ".join(printable(text).split())
    return _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _table(reports) -> list[str]:
    lines = ["| Paper | Verdict | Main body / limit | Anonymity | Format | Failed rules |",
             "|---|---|---:|---|---|---|"]
    for report in reports:
        row = summarize(report)
        failed = md(row.problems_label)
        lines.append(f"| {md(row.file)} | {ICONS[row.verdict]} {row.verdict_label} | {md(row.body_vs_limit)} "
                     f"| {md(row.anonymity_label)} | {md(row.format_label)} | {failed} |")
    return lines


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
    venues = sorted({r.venue for r in reports if r.venue})
    title = "wscheck" + (f": {', '.join(venues)}" if venues else "")
    out = [f"## {md(title)}", "", f"**{totals_sentence(reports)}**", "", *_table(reports), ""]
    for report in reports:
        if not report.error and (report.verdict != "pass" or any(reported_findings(r) for r in report.results)):
            out += _details(report)
    stream.write("\n".join(out).rstrip("\n") + "\n")
