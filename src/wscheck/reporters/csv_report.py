"""CSV: one row per paper, error rows included, for spreadsheets and `sort`.

Columns are fixed, then one `rule:<id>` column per rule with its status. Numbers
are plain integers and lists are joined with "; " so that every column sorts.
"""
from __future__ import annotations

import csv
from typing import IO

from wscheck.reporters.summary import rule_ids, summarize

COLUMNS = (
    "file", "verdict", "error", "venue", "track", "stage", "pages",
    "main_body_pages", "page_limit", "pages_over_limit", "anonymity", "identity_leaks",
    "format_family", "format_year", "format_mode",
    "failed_rules", "warned_rules", "not_checked_rules", "failure_messages",
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return " ".join(str(value).split())  # one physical line per row


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    rules = rule_ids(reports, (options or {}).get("ruleset"))
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*COLUMNS, *(f"rule:{rule}" for rule in rules), "elapsed_s"])
    for report in reports:
        row = summarize(report)
        messages = [f"{r.rule}: {r.message}" for r in report.results if r.status == "fail"]
        values = {
            **{name: getattr(row, name) for name in COLUMNS if hasattr(row, name)},
            "failure_messages": " | ".join(messages),
        }
        writer.writerow([_cell(values.get(name)) for name in COLUMNS]
                        + [row.statuses.get(rule, "") for rule in rules]
                        + [f"{report.elapsed_s:.3f}"])
