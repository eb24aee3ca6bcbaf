"""`wscheck inspect`: what wscheck sees in a paper (CONTRACT.md), plus its evidence."""
from __future__ import annotations

import time
from typing import IO

from wscheck.document import Document
from wscheck.errors import PdfReadError, naming_file
from wscheck.identity import find_leaks
from wscheck.model import InspectReport

INSPECT_NEEDS = ("lines", "links", "template")


def inspect_file(path: str, display_name: str | None = None) -> dict:
    """`inspect`'s JSON object for one PDF (CONTRACT.md); a PDF that cannot be read gives its error."""
    return inspect_report(path, display_name).to_dict()


def inspect_report(path: str, display_name: str | None = None) -> InspectReport:
    started = time.perf_counter()
    report = InspectReport(file=display_name or path)
    document = Document(path, needs=INSPECT_NEEDS)
    try:
        document.open()
        report.pages = document.page_count
        template = document.template
        structure = document.structure
        report.format = template.summary()
        report.sections = structure.summary()
        report.identity = [leak.identity_item() for leak in find_leaks(document)]
        sizes = document.page_sizes
        report.page_size = {"width": sizes[0].width, "height": sizes[0].height} if sizes else None
        report.evidence = _evidence(template, structure)
        report.notes = document.notes
    except PdfReadError as exc:
        report = InspectReport(file=display_name or path, error=naming_file(exc, path))
    finally:
        document.close()
    report.elapsed_s = time.perf_counter() - started
    return report


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

    return {
        "template": template.evidence,
        "template_conflicts": template.conflicts,
        "line_numbers": template.line_numbers,
        "columns": structure.columns,
        "body_font_size": structure.body_size,
        "main_body_end": endpoint(structure.main_body_end),
        "core_body_end": endpoint(structure.core_body_end),
        "headings": [
            {"page": h.page, "kind": h.kind, "number": h.number, "text": h.text, "source": h.source}
            for h in structure.headings
        ],
    }


def render_text(results: list[dict], stream: IO[str]) -> None:
    from rich.text import Text

    from wscheck.reporters.text_report import make_console

    console = make_console(stream)
    for number, data in enumerate(results):
        if number:
            console.print()
        if data.get("error"):
            # one line: the reason names the file
            console.print(Text("ERROR  ", style="bold red") + Text(data["error"]))
            continue
        console.print(Text(data["file"], style="bold"))
        fmt = data["format"]
        year = fmt["year"] if fmt["year"] is not None else "year unknown"
        console.print(f"  pages        {data['pages']}")
        console.print(f"  template     {fmt['family']} ({year}), mode {fmt['mode']}")
        evidence = data.get("evidence", {})
        for item in evidence.get("template", []):
            console.print(Text(f"               {item}", style="dim"))
        for item in evidence.get("template_conflicts", []):
            console.print(Text(f"               conflict: {item}", style="yellow"))
        sections = data["sections"]
        console.print(f"  main body    ends on page {sections['main_body_last_page']}")
        end = evidence.get("main_body_end")
        if end:
            column = f", column {end['column']}" if end.get("column") else ""
            ended = f", before {end['ended_by']!r} (page {end['ended_by_page']})" if end.get("ended_by") else \
                ", no end marker found"
            console.print(Text(f"               line {end['line']}{column}: {end['text']!r}{ended}", style="dim"))
        console.print(f"  core body    ends on page {sections['core_body_last_page']}")
        console.print(f"  references   page {sections['references_page']}")
        console.print(f"  appendix     page {sections['appendix_page']}")
        identity = data.get("identity", [])
        if not identity:
            console.print("  identity     nothing that reveals the authors")
        for item in identity:
            page = f"p.{item['page']}" if item["page"] is not None else "metadata"
            console.print(Text(f"  identity     {page} [{item['kind']}] ") + Text(repr(item["text"])))
        for note in data.get("notes", []):
            console.print(Text(f"  note         {note}", style="yellow"))
