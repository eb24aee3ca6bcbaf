"""`wscheck inspect`: what wscheck sees in a paper (CONTRACT.md), plus its evidence.

What goes back to the printing process is bounded like a check's report: at most
MAX_ITEMS identity items and headings (the rest counted in `identity_omitted`,
`headings_omitted`), every string at most runner.MAX_TEXT_CHARS; the text
rendering cleans every string (wscheck.textsafe).
"""
from __future__ import annotations

import time
from typing import IO

from wscheck import textsafe
from wscheck.document import Document
from wscheck.errors import PdfReadError, naming_shown_file
from wscheck.identity import find_leaks
from wscheck.model import InspectReport
from wscheck.runner import MAX_TEXT_CHARS

INSPECT_NEEDS = ("lines", "links", "template")
MAX_ITEMS = 1000


def inspect_file(path: str, display_name: str | None = None) -> dict:
    """`inspect`'s JSON object for one PDF (CONTRACT.md), every string bounded; a PDF that cannot be read
    gives its error."""
    return _bounded(inspect_report(path, display_name).to_dict())


def inspect_report(path: str, display_name: str | None = None) -> InspectReport:
    started = time.perf_counter()
    shown = display_name or textsafe.display_path(path)
    report = InspectReport(file=shown, file_bytes=textsafe.path_bytes_hex(path))
    document = Document(path, needs=INSPECT_NEEDS)
    try:
        document.open()
        report.pages = document.page_count
        template = document.template
        structure = document.structure
        report.format = template.summary()
        report.sections = structure.summary()
        identity = [leak.identity_item() for leak in find_leaks(document)]
        report.identity = identity[:MAX_ITEMS]
        report.identity_omitted = max(0, len(identity) - MAX_ITEMS)
        sizes = document.page_sizes
        report.page_size = {"width": sizes[0].width, "height": sizes[0].height} if sizes else None
        report.evidence = _evidence(template, structure)
        report.notes = document.notes
    except PdfReadError as exc:
        report = InspectReport(file=shown, file_bytes=textsafe.path_bytes_hex(path),
                               error=naming_shown_file(exc, path, shown))
    finally:
        document.close()
    report.elapsed_s = time.perf_counter() - started
    return report


def _bounded(value):
    """Every string of an inspect result cut to MAX_TEXT_CHARS characters."""
    if isinstance(value, str):
        if len(value) <= MAX_TEXT_CHARS:
            return value
        return f"{value[:MAX_TEXT_CHARS]}… ({len(value) - MAX_TEXT_CHARS:,} more characters)"
    if isinstance(value, dict):
        return {key: _bounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_bounded(item) for item in value]
    return value


def _evidence(template, structure) -> dict:
    def endpoint(end):
        if end is None:
            return None
        return {
            "page": end.page,
            "column": end.column + 1 if structure.columns > 1 else None,
            # lines into the page, or into the column on a multi-column page
            "line": end.lines_into_column if structure.columns > 1 else end.lines_into_page,
            "text": end.line.text,
            "ended_by": end.ended_by.text if end.ended_by else None,
            "ended_by_page": end.ended_by.page if end.ended_by else None,
        }

    out = {
        "template": template.evidence,
        "template_conflicts": template.conflicts,
        "line_numbers": template.line_numbers,
        "columns": structure.columns,
        "body_font_size": structure.body_size,
        "main_body_end": endpoint(structure.main_body_end),
        "core_body_end": endpoint(structure.core_body_end),
        "headings": [
            {"page": h.page, "kind": h.kind, "number": h.number, "text": h.text, "source": h.source}
            for h in structure.headings[:MAX_ITEMS]
        ],
    }
    if len(structure.headings) > MAX_ITEMS:
        out["headings_omitted"] = len(structure.headings) - MAX_ITEMS
    return out


def render_text(results: list[dict], stream: IO[str]) -> None:
    """What `inspect` saw, for a person; every string from the PDF or its name is cleaned, never markup."""
    from rich.text import Text

    from wscheck.reporters.text_report import make_console

    console = make_console(stream)

    def show(text: str, style: str | None = None, head: str = "") -> None:
        console.print(Text(head) + Text(textsafe.clean(text, line_start=True), style=style or ""))

    for number, data in enumerate(results):
        if number:
            console.print()
        if data.get("error"):
            # one line: the reason names the file
            console.print(Text("ERROR  ", style="bold red") + Text(textsafe.clean(data["error"], line_start=True)))
            continue
        console.print(Text(textsafe.clean(data["file"], line_start=True), style="bold"))
        fmt = data["format"]
        year = fmt["year"] if fmt["year"] is not None else "year unknown"
        show(f"{data['pages']}", head="  pages        ")
        show(f"{fmt['family']} ({year}), mode {fmt['mode']}", head="  template     ")
        evidence = data.get("evidence", {})
        for item in evidence.get("template", []):
            show(f"               {item}", "dim")
        for item in evidence.get("template_conflicts", []):
            show(f"               conflict: {item}", "yellow")
        sections = data["sections"]
        show(f"ends on page {sections['main_body_last_page']}", head="  main body    ")
        end = evidence.get("main_body_end")
        if end:
            column = f", column {end['column']}" if end.get("column") else ""
            ended = f", before {end['ended_by']!r} (page {end['ended_by_page']})" if end.get("ended_by") else \
                ", no end marker found"
            show(f"               line {end['line']}{column}: {end['text']!r}{ended}", "dim")
        show(f"ends on page {sections['core_body_last_page']}", head="  core body    ")
        show(f"page {sections['references_page']}", head="  references   ")
        show(f"page {sections['appendix_page']}", head="  appendix     ")
        identity = data.get("identity", [])
        if not identity:
            console.print("  identity     nothing that reveals the authors")
        for item in identity:
            page = f"p.{item['page']}" if item["page"] is not None else "metadata"
            show(repr(item["text"]), head=f"  identity     {page} [{textsafe.clean(item['kind'], line_start=True)}] ")
        if data.get("identity_omitted"):
            console.print(f"  identity     and {data['identity_omitted']:,} more")
        for note in data.get("notes", []):
            show(f"  note         {note}", "yellow")
