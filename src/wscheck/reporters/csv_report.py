"""CSV: one row per paper, error rows included, for spreadsheets and `sort`.

Columns are fixed, then one `rule:<id>` column per rule with its status (in a
batch, every rule that can run on it, known before the first row is written:
the `rule_ids` option; for a list, the rules its reports ran). Numbers
are plain integers and lists are joined with "; " so that every column sorts.
Text cells are cleaned like every report (`textsafe.clean`), and one that starts
with = + - @ (a formula to a spreadsheet) or a tab is prefixed with a quote.
"""
from __future__ import annotations

import csv
from typing import IO

from wscheck.reporters.streaming import write_all
from wscheck.reporters.summary import rule_ids, summarize
from wscheck.textsafe import clean, csv_text

COLUMNS = (
    "file", "verdict", "error", "venue", "track", "stage", "pages",
    "main_body_pages", "page_limit", "pages_over_limit", "anonymity", "identity_leaks",
    "format_family", "format_year", "format_mode",
    "failed_rules", "warned_rules", "not_checked_rules", "error_rules", "failure_messages", "truncated",
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)  # ours: a negative number stays a number
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    return csv_text(" ".join(clean(value).split()))  # one physical line per row


def header_row(rules: list[str]) -> list[str]:
    return [*COLUMNS, *(_cell(f"rule:{rule}") for rule in rules), "elapsed_s"]


def paper_row(report, rules: list[str]) -> list[str]:
    row = summarize(report)
    messages = [f"{r.rule}: {r.message}" for r in report.results if r.status in ("fail", "error")]
    values = {
        **{name: getattr(row, name) for name in COLUMNS if hasattr(row, name)},
        "failure_messages": " | ".join(messages),
    }
    return ([_cell(values.get(name)) for name in COLUMNS]
            + [str(row.statuses.get(rule, "")) for rule in rules]
            + [f"{report.elapsed_s:.3f}"])


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    options = options or {}
    write_all(Writer(), reports, stream, {**options, "rule_ids": rule_ids(reports, options.get("ruleset"))})


class Writer:
    """The header first (its rule columns fixed by the `rule_ids` option), then a row per paper."""

    def begin(self, stream: IO[str], options: dict) -> None:
        self.rules = list(options.get("rule_ids") or [])
        self.writer = csv.writer(stream, lineterminator="\n")
        self.writer.writerow(header_row(self.rules))

    def paper(self, report) -> None:
        self.writer.writerow(paper_row(report, self.rules))

    def end(self) -> None:
        pass
