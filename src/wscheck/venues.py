"""`wscheck venues`: the built-in rule sets at a glance."""
from __future__ import annotations

from typing import Any, IO

from wscheck import ruleset as rulesets


def describe_limits(rule_set, stage: str = "submission") -> str:
    """'short 4, long 9' or 'icml: short 4, long 8; neurips: short 5, long 9' (limits of one stage)."""
    cases = [c for c in rule_set.page_limits() if c.get("stage") in (None, stage)
             or stage in (c.get("stage") if isinstance(c.get("stage"), list) else [c.get("stage")])]
    if not cases:
        return "no page limit"
    stated = [c for c in cases if c.get("value") is not None]
    if not stated:
        return "not stated"
    cases = stated
    by_format: dict[str, list[str]] = {}
    for case in cases:
        formats = case.get("format") or [""]
        formats = formats if isinstance(formats, list) else [formats]
        tracks = case.get("track") or [""]
        tracks = tracks if isinstance(tracks, list) else [tracks]
        for fmt in formats:
            for track in tracks:
                label = f"{track} {case['value']}".strip()
                if label not in by_format.setdefault(fmt, []):
                    by_format[fmt].append(label)
    parts = []
    for fmt, labels in by_format.items():
        text = ", ".join(labels)
        parts.append(f"{fmt}: {text}" if fmt else text)
    return "; ".join(parts) + " pages"


def deadline_text(rule_set, name: str = "submission") -> str:
    date = rule_set.dates.get(name)
    if not date:
        return "not stated"
    zone = date.get("timezone") or "AoE"
    time = f" {date['time']}" if date.get("time") else ""
    assumed = "" if date.get("timezone") else " (assumed)"
    return f"{date['date']}{time} {zone}{assumed}"


def list_venues() -> list[dict[str, Any]]:
    """One row per venue a user can check against (abstract base rule sets are left out)."""
    rows: list[dict[str, Any]] = []
    for venue_id in rulesets.venue_ids():
        try:
            rule_set = rulesets.load(venue_id)
        except Exception as exc:  # noqa: BLE001 - list the others; `rules validate` explains
            rows.append({"id": venue_id, "name": f"(invalid rule set: {exc})", "kind": "?", "tracks": [],
                         "page_limits": "", "formats": [], "deadline": ""})
            continue
        rows.append({
            "id": rule_set.id,
            "name": rule_set.name,
            "kind": rule_set.kind,
            "tracks": rule_set.track_names(),
            "default_track": rule_set.default_track,
            "page_limits": describe_limits(rule_set),
            "camera_ready_page_limits": describe_limits(rule_set, "camera-ready"),
            "formats": rule_set.formats,
            "deadline": deadline_text(rule_set),
        })
    kinds = {"workshop": 0, "conference": 1, "format": 2}
    rows.sort(key=lambda r: (kinds.get(r["kind"], 3), r["id"]))
    return rows


HEADERS = ("id", "kind", "page limits", "formats", "deadline", "name")
WIDEST = {"page limits": 24, "formats": 13, "deadline": 24}  # columns wrap between words beyond these
NAME_WIDTH = 30  # with less room for the names, each venue is a block instead of a row


def render_venues(rows: list[dict], stream: IO[str]) -> None:
    """A table at the terminal's width (COLUMNS, else the terminal, else 80 columns) in which nothing is
    split inside a word, and never an id: users copy ids into --venue. When the names would have less
    than NAME_WIDTH columns, each venue is a block headed by its id."""
    from rich.table import Table
    from rich.text import Text

    from wscheck.reporters.text_report import make_console
    from wscheck.reporters.textlayout import Span, output_width, wrap

    width = output_width(stream)
    console = make_console(stream, width=width)
    cells = [(row["id"], row["kind"], row["page_limits"], ", ".join(row["formats"]) or "not stated",
              row["deadline"], row["name"]) for row in rows]
    widths = []
    for n, header in enumerate(HEADERS[:-1]):
        natural = max([len(header), *(len(cell[n]) for cell in cells)])
        longest_word = max([len(header), *(len(word) for cell in cells for word in cell[n].split())])
        widths.append(natural if n < 2 else max(longest_word, min(natural, WIDEST[header])))
    name_width = width - sum(widths) - 2 * (len(HEADERS) - 1)
    if name_width < NAME_WIDTH:
        for cell in cells:
            console.print(Text(cell[0], style="bold"), soft_wrap=True)
            for line in wrap([Span(cell[5])], width, indent=2):
                console.print(line, soft_wrap=True)
            details = [Span(f"{cell[1]} · page limits: {cell[2]} · formats: {cell[3]} · deadline: {cell[4]}",
                            "dim")]
            for line in wrap(details, width, indent=4, first_indent=2):
                console.print(line, soft_wrap=True)
        return
    name_width = min(name_width, max(len(cell[5]) for cell in cells))
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold", padding=(0, 1))
    for header, column_width in zip(HEADERS, [*widths, name_width], strict=True):
        table.add_column(header, width=column_width, no_wrap=header in ("id", "kind"), overflow="fold")
    for cell in cells:
        table.add_row(*cell)
    console.print(table)
