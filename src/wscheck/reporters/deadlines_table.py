"""`wscheck deadlines`: the rows (one per dated entry, upcoming first) and their terminal table.

Rule set data (names, how the call states a date, sources) is cleaned like every
report (wscheck.textsafe).
"""
from __future__ import annotations

from datetime import datetime, tzinfo
from typing import IO, Any

from wscheck.textsafe import clean


def deadline_rows(entries, now: datetime, local: tzinfo | None, upcoming_only: bool) -> list[dict[str, Any]]:
    """One row per deadline: upcoming ones first (soonest first), then passed ones unless `upcoming_only`."""
    from wscheck import deadlines as dl

    coming, passed = dl.ordered(entries, now)
    if upcoming_only:
        passed = []
    return [{"venue": d.venue, "name": d.name, "label": d.label, "as_stated": dl.stated(d),
             "deadline": d.moment.isoformat(), "local": d.local(local).strftime("%Y-%m-%d %H:%M %Z").strip(),
             "passed": d.passed(now), "countdown": dl.when_text(d, now),
             "seconds_left": int((d.moment - now).total_seconds()), "source": d.source}
            for d in coming + passed]


def render_text(rows: list[dict[str, Any]], stream: IO[str], upcoming_only: bool) -> None:
    if not rows:
        stream.write("no deadlines" + (" to come" if upcoming_only else "") + " in the selected rule sets\n")
        return
    from rich.table import Table
    from rich.text import Text

    from wscheck.reporters.text_report import make_console

    console = make_console(stream)
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in ("", "venue", "deadline", "as stated in the call", "your time", "when"):
        table.add_column(column, overflow="fold")
    for row in rows:
        mark = "PASSED" if row["passed"] else "UPCOMING"
        table.add_row(mark, *(Text(clean(row[key], line_start=True)) for key in ("venue", "label", "as_stated", "local",
                                                                 "countdown")),
                      style="dim" if row["passed"] else None)
    console.print(table)
