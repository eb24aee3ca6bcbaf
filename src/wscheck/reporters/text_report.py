"""The terminal report: one row per rule, what failed and where, how to fix it, a verdict line.

Set for a person reading a terminal (`wscheck.reporters.textlayout`): at most 80
columns (fewer when COLUMNS or the terminal say so; 80 when output goes to no
terminal), wrapped lines hang under their own column, and no rule id, file name or
location is broken across lines. Findings that repeat (the same kind and the same
fix: margin notes on 14 pages) are one block that lists the pages, with one fix;
`--verbose` lists every finding, `--quiet` only the verdict and the failed rules.
A batch ends with a summary table (file names shortened from the left to fit, paths
relative to the working directory) and the totals.

Every string from a PDF or a file name goes through `textsafe.clean` (no escape
sequences, no line breaks) and is printed as rich Text, never as markup; none can
start a line as a CI workflow command, wherever it wraps.

For a streamed batch, each paper is rendered on its own (`render_one`, `render_quiet`)
and the table from the papers' summary rows at the end (`render_summary_table`,
`render_totals`).
"""
from __future__ import annotations

import os
from dataclasses import replace
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wscheck.model import STATUS_LABELS, Finding, PaperReport, RuleResult
from wscheck.reporters.streaming import write_all
from wscheck.reporters.summary import SummaryRow, group_findings, group_noun, summarize, where
from wscheck.reporters.textlayout import MEASURE, Span, output_width, ranges, shorten_left, wrap
from wscheck.terminal import color_wanted, is_terminal
from wscheck.textsafe import clean as _clean


def clean(value) -> str:
    """Text as the terminal report shows it: cleaned, and no word can start a CI workflow command."""
    return _clean(value, line_start=True)


def cell_text(value) -> str:
    """Text for a table cell, which may be folded anywhere: no piece of it can start a workflow command."""
    return clean(value).replace("::", "\uff1a:").replace("##[", "\uff03#[")


STYLES = {"pass": "green", "fail": "bold red", "warn": "yellow", "not_checked": "dim", "error": "bold red"}
TABLE_MAX = 120  # the batch table may use a wide terminal up to this, to show more of each file name
MIN_MESSAGE = 36  # columns a rule's message needs beside its id; with fewer, it goes below it


def make_console(stream: IO[str], color: bool | None = None, width: int | None = None) -> Console:
    """`color`: --color (True), --no-color (False), else NO_COLOR, FORCE_COLOR and the terminal decide.

    With `width`, lines are set to that width by the caller; without it, a terminal wraps at its
    width and other output is never wrapped (`inspect`, `deadlines`).
    """
    colored = color_wanted(stream, color)
    if is_terminal(stream):
        if colored:
            return Console(file=stream, highlight=False, no_color=False, width=width)
        return Console(file=stream, highlight=False, no_color=True, color_system=None, width=width)
    # not a terminal: nothing is ever wrapped or cut by rich; colour only when asked for
    wide = width if width is not None else 100_000
    if colored:
        return Console(file=stream, highlight=False, color_system="standard", force_terminal=True, no_color=False,
                       width=wide, soft_wrap=width is None)
    return Console(file=stream, highlight=False, color_system=None, force_terminal=False, width=wide,
                   soft_wrap=width is None)


class Page:
    """The console and the width the report is set to."""

    def __init__(self, stream: IO[str], color: bool | None = None) -> None:
        self.width = output_width(stream)
        self.measure = min(self.width, MEASURE)
        self.console = make_console(stream, color, self.width)

    def lines(self, lines: list[Text]) -> None:
        for line in lines:
            line.rstrip()
            self.console.print(line, soft_wrap=True)

    def blank(self) -> None:
        self.console.print()


def render(reports: list[PaperReport], stream: IO[str], options: dict | None = None) -> None:
    """Options: `color` (see make_console), `verbosity` (-1 --quiet, 0, 1 --verbose)."""
    write_all(Writer(), reports, stream, options or {})


class Writer:
    """Each paper printed as its turn comes; a batch ends with the summary table and the totals.

    Only one compact SummaryRow per paper is kept for the table at the end, never the reports.
    """

    def begin(self, stream: IO[str], options: dict) -> None:
        self.page = Page(stream, options.get("color"))
        self.verbosity = options.get("verbosity", 0)
        self.rows: list[SummaryRow] = []

    def paper(self, report: PaperReport) -> None:
        if self.verbosity < 0:
            render_quiet(self.page, report)
        else:
            if self.rows:
                self.page.blank()
            render_one(self.page, report, verbose=self.verbosity > 0)
        self.rows.append(summarize(report))

    def end(self) -> None:
        if len(self.rows) < 2:
            return
        if self.verbosity >= 0:
            self.page.blank()
            render_summary_table(self.page, self.rows)
        render_totals(self.page, self.rows)


def shown_path(path: str, cwd: str | None = None) -> str:
    """A file as the report names it: relative to the working directory when that is shorter."""
    text = clean(path)
    if not os.path.isabs(text):
        return text
    try:
        relative = os.path.relpath(text, cwd or os.getcwd())
    except ValueError:  # another drive (Windows)
        return text
    return relative if len(relative) < len(text) else text


def _status_cell(status: str, width: int) -> Span:
    return Span(f"{STATUS_LABELS[status]:<{width}}", STYLES[status], breakable=False)


# -- --quiet ----------------------------------------------------------------------------------
def render_quiet(page: Page, report: PaperReport) -> None:
    """--quiet: the verdict, then each failed rule with its message; nothing for the rules that passed."""
    if report.error:
        page.lines(wrap([Span(clean(report.error))], page.measure, first=Text("ERROR  ", style=STYLES["error"]),
                        indent=7))
        return
    first = Text(f"{shorten_left(shown_path(report.file), page.measure // 2)}: ", style="bold")
    page.lines(wrap(verdict_spans(report), page.measure, first=first, indent=2))
    shown = [r for r in report.results if r.status in ("fail", "error")]
    rule_width = max((len(clean(r.rule)) for r in shown), default=0)
    for result in shown:
        lead = Text("  ")
        lead.append(f"{STATUS_LABELS[result.status]:<6} ", style=STYLES[result.status])
        lead.append(f"{clean(result.rule):<{rule_width}}  ", style="bold")
        indent = lead.cell_len if page.measure - lead.cell_len >= MIN_MESSAGE else 4
        page.lines(wrap([Span(clean(result.message))], page.measure, first=lead, indent=indent))


# -- one paper ----------------------------------------------------------------------------------
def render_one(page: Page, report: PaperReport, verbose: bool = False) -> None:
    """A paper's report: the file and what it was checked against, a row per rule, notes, the verdict."""
    if report.error:
        # one line: the reason names the file, and there are no rules to list
        page.lines(wrap([Span(clean(report.error))], page.measure, first=Text("ERROR  ", style=STYLES["error"]),
                        indent=7))
        return
    _header(page, report)
    status_width = max((len(STATUS_LABELS[r.status]) for r in report.results), default=4)
    rule_width = max((len(clean(r.rule)) for r in report.results), default=10)
    message_at = 2 + status_width + 2 + rule_width + 2
    if page.measure - message_at < MIN_MESSAGE:
        # too narrow beside the ids: each message goes under its rule, and nothing is aligned in columns
        message_at = status_width = 0
    collapsed = False
    for result in report.results:
        collapsed |= _render_result(page, result, status_width, rule_width, message_at, verbose)
    for note in report.notes:
        page.lines(wrap([Span(clean(note))], page.measure, first=Text("  NOTE  ", style="blue"), indent=8))
    if report.evidence:
        _evidence_line(page, report)
    if collapsed:
        page.lines(wrap([Span("(-v lists every finding)", "dim")], page.measure, indent=2))
    page.lines(wrap(verdict_spans(report), page.measure, first_indent=0, indent=2))


def _header(page: Page, report: PaperReport) -> None:
    name = shorten_left(shown_path(report.file), page.measure)
    context = [clean(report.venue or "")]
    if report.track:
        context.append(f"track {clean(report.track)}")
    if report.stage:
        context.append(clean(report.stage))
    if report.pages is not None:
        context.append(f"{report.pages} pages")
    if report.config:
        context.append(f"config {shown_path(report.config)}")
    spans = []
    for number, item in enumerate(c for c in context if c):
        spans.append(Span((" · " if number else "") + item, "dim", breakable=False))
    one_line = len(name) + 2 + sum(len(s.text) for s in spans)
    if one_line <= page.measure:
        page.lines(wrap(spans, page.measure, first=Text(name + "  ", style="bold"), indent=2))
    else:
        page.lines([Text(name, style="bold")])
        page.lines(wrap(spans, page.measure, indent=2))


def _render_result(page: Page, result: RuleResult, status_width: int, rule_width: int, message_at: int,
                   verbose: bool) -> bool:
    """A rule's row and, when it failed or warned (or with -v), its findings. True when findings were grouped."""
    lead = Text("  ")
    lead.append(f"{STATUS_LABELS[result.status]:<{status_width}}", style=STYLES[result.status])
    lead.append("  " if status_width else " ")
    rule_style = "bold" if result.status in ("fail", "warn", "error") else ""
    message = [Span(clean(result.message))]
    if message_at:
        lead.append(f"{clean(result.rule):<{rule_width}}", style=rule_style or None)
        lead.append("  ")
        page.lines(wrap(message, page.measure, first=lead, indent=message_at))
    else:
        lead.append(clean(result.rule), style=rule_style or None)
        page.lines(wrap([], page.measure, first=lead, indent=4))
        page.lines(wrap(message, page.measure, indent=6))
    shown = result.findings if (verbose or result.status in ("fail", "warn")) else [
        f for f in result.findings if f.level == "info"]
    if not shown:
        return False
    indent = 2 + status_width + 2 if status_width else 4
    collapsed = False
    for group in ([[f] for f in shown] if verbose else group_findings(shown)):
        if len(group) > 1:
            _render_group(page, result, group, indent)
            collapsed = True
        else:
            _render_finding(page, result, group[0], indent)
    if result.omitted_text:
        page.lines(wrap([Span(result.omitted_text)], page.measure, first_indent=indent, indent=indent))
    return collapsed


def _level_tag(result: RuleResult, finding: Finding) -> str:
    level = finding.level or result.level
    return f" ({level})" if level != result.level else ""


def _render_finding(page: Page, result: RuleResult, finding: Finding, indent: int) -> None:
    spans = [Span(where(finding), "cyan", breakable=False), Span(" ")]
    if finding.text:
        spans.append(Span(f"\"{clean(finding.text)}\""))
    tag = _level_tag(result, finding)
    if tag:
        spans.append(Span(tag, "dim"))
    page.lines(wrap(spans, page.measure, first_indent=indent, indent=indent + 2))
    _detail_and_fix(page, result, finding, indent + 2)


def _detail_and_fix(page: Page, result: RuleResult, finding: Finding, indent: int) -> None:
    if finding.detail:
        page.lines(wrap([Span(clean(finding.detail), "dim")], page.measure, first_indent=indent, indent=indent))
    if finding.fix and result.status in ("fail", "warn"):
        first = Text(" " * indent)
        first.append("fix: ", style="green")
        page.lines(wrap([Span(clean(finding.fix))], page.measure, first=first, indent=indent + 5))


GROUP_EXAMPLES = 3  # findings of a group quoted in the report; -v quotes every one


def _render_group(page: Page, result: RuleResult, group: list[Finding], indent: int) -> None:
    """Repeated findings as one block: how many, on which pages (errors and warnings apart), the
    first few quoted (the first with its detail), one fix."""
    levels = {f.level or result.level for f in group}
    pages = {level: [f.page for f in group if (f.level or result.level) == level and f.page is not None]
             for level in ("error", "warning", "info")}
    head = [Span(f"{len(group)} {group_noun(group[0].kind, len(group))}", "bold")]
    listed = [(level, numbers) for level, numbers in pages.items() if numbers]
    for number, (level, numbers) in enumerate(listed):
        label = f"page{'s' if len(set(numbers)) > 1 else ''} {ranges(numbers)}"
        if len(levels) > 1:
            label += f" ({level}{'s' if level != 'info' else ''})"
        head.append(Span((": " if number == 0 else "; ") + label))
    if len(levels) == 1 and levels != {result.level}:
        head.append(Span(f" ({next(iter(levels))})", "dim"))
    page.lines(wrap(head, page.measure, first_indent=indent, indent=indent + 2))
    for number, example in enumerate(group[:GROUP_EXAMPLES]):
        spans = [Span(where(example), "cyan", breakable=False), Span(" ")]
        if example.text:
            spans.append(Span(f"\"{clean(example.text)}\""))
        page.lines(wrap(spans, page.measure, first_indent=indent + 2, indent=indent + 4))
        if number == 0 and example.detail:
            page.lines(wrap([Span(clean(example.detail), "dim")], page.measure, first_indent=indent + 4,
                            indent=indent + 4))
    if len(group) > GROUP_EXAMPLES:
        page.lines(wrap([Span(f"and {len(group) - GROUP_EXAMPLES} more", "dim")], page.measure,
                        first_indent=indent + 2, indent=indent + 2))
    _detail_and_fix(page, result, replace(group[0], detail=None), indent + 2)


def _evidence_line(page: Page, report: PaperReport) -> None:
    """Where the images went: the paper's evidence folder and the pages drawn."""
    folders = sorted({os.path.dirname(item["file"]) for item in report.evidence})
    numbers = [item["page"] for item in report.evidence]
    folder = ", ".join(shown_path(f) + os.sep for f in folders)
    spans = [Span(f"{len(numbers)} page{'s' if len(numbers) != 1 else ''} ({ranges(numbers)}) drawn in"),
             Span(" "), Span(folder, breakable=False)]
    page.lines(wrap(spans, page.measure, first=Text("  EVIDENCE  ", style="blue"), indent=12))


def verdict_spans(report: PaperReport) -> list[Span]:
    failed = report.failed_rules()
    errored = report.errored_rules()
    warned = [r.rule for r in report.results if r.status == "warn"]
    unchecked = [r.rule for r in report.results if r.status == "not_checked"]
    total = len(report.results)
    spans: list[Span] = []
    if failed:
        spans += [Span("FAIL", STYLES["fail"], breakable=False),
                  Span(f": {len(failed)} of {total} rules failed ({', '.join(failed)})")]
    elif errored:
        spans += [Span("ERROR", STYLES["error"], breakable=False),
                  Span(f": {len(errored)} of {total} rule{'s' if total != 1 else ''} could not be checked "
                       f"({', '.join(errored)})")]
    else:
        spans += [Span("PASS", STYLES["pass"], breakable=False),
                  Span(f": all {total - len(unchecked)} checked rules passed")]
    if failed and errored:
        spans.append(Span(f"; could not be checked: {', '.join(errored)}"))
    if warned:
        spans.append(Span(f"; {len(warned)} warning{'s' if len(warned) != 1 else ''} ({', '.join(warned)})"))
    if unchecked:
        spans.append(Span(f"; not checked: {', '.join(unchecked)}"))
    return [Span(clean(s.text), s.style, s.breakable) for s in spans]


def verdict_line(report: PaperReport) -> Text:
    """The verdict as one Text (unwrapped), for callers that place it themselves."""
    line = Text()
    for span in verdict_spans(report):
        line.append(span.text, style=span.style or None)
    return line


# -- a batch ----------------------------------------------------------------------------------
def render_summary_table(page: Page, rows: list[SummaryRow]) -> None:
    """One row per paper: verdict, main-body pages against the limit, anonymity, format, failed rules.

    The table fits the width (at most TABLE_MAX): file names are shortened from the left (the
    file's own name is what tells papers apart), the format and the failed rules wrap between
    words, and nothing else wraps.
    """
    width = min(page.width, TABLE_MAX)
    names = [shown_path(row.file) for row in rows]
    folders = {os.path.dirname(name) for name in names}
    common = folders.pop() if len(folders) == 1 and len(rows) > 1 else ""
    if common:  # the folder every paper is in, said once: the column shows file names
        names = [os.path.basename(name) for name in names]
    gaps = 2 * 5  # two spaces between each of the six columns
    verdict = 7  # "verdict"
    body = max([4, *(len(row.body_vs_limit) for row in rows)])
    anonymity = max([9, *(len(row.anonymity_label) for row in rows)])
    # the format and the failed rules wrap between words: each column is as wide as its longest word
    # (a rule id is never split), the format at most 12 (20 on a wide terminal) otherwise
    format_words = max([6, *(len(word) for row in rows for word in row.format_label.split())])
    format_width = max(format_words, min(max([6, *(len(row.format_label) for row in rows)]),
                                         12 if width < 100 else 20))
    longest_id = max([0, *(len(rule) + 1 for row in rows for rule in row.failed_rules + row.error_rules)])
    problems_min = max(longest_id, 12 if width < 100 else 24)
    room = width - gaps - verdict - body - anonymity - format_width - problems_min
    name_width = max(8, min(max([5, *(len(n) for n in names)]), room))
    problems = max(problems_min, width - gaps - verdict - body - anonymity - format_width - name_width)
    table = Table(title="Summary", title_justify="left", box=None, pad_edge=False, padding=(0, 1),
                  header_style="bold", show_edge=False)
    table.add_column("paper", no_wrap=True, width=name_width)
    table.add_column("verdict", no_wrap=True, width=verdict)
    table.add_column("body", justify="right", no_wrap=True, width=body)
    table.add_column("anonymity", no_wrap=True, width=anonymity)
    table.add_column("format", width=format_width, overflow="fold")
    table.add_column("failed rules", width=problems, overflow="fold")
    for row, name in zip(rows, names, strict=True):
        label = row.problems_label
        if row.error and label.startswith(f"{row.file}: "):
            label = label[len(row.file) + 2:]  # the file is in the first column
        table.add_row(Text(cell_text(shorten_left(name, name_width))),
                      Text(row.verdict_label, style=STYLES[row.verdict]), row.body_vs_limit, row.anonymity_label,
                      row.format_label, Text(cell_text(label)))
    page.console.print(table, width=width)
    note = "body: main-body pages / page limit" + (f"; papers in {common}{os.sep}" if common else "")
    page.lines(wrap([Span(note, "dim")], page.measure))


def render_totals(page: Page, rows: list[SummaryRow]) -> None:
    failed = sum(r.verdict == "fail" for r in rows)
    errors = sum(r.verdict == "error" for r in rows)
    passed = len(rows) - failed - errors
    line = Text(f"{len(rows)} papers: ")
    line.append(f"{passed} passed", style=STYLES["pass"])
    line.append(", ")
    line.append(f"{failed} failed", style=STYLES["fail"] if failed else "")
    line.append(", ")
    line.append(f"{errors} could not be checked", style=STYLES["error"] if errors else "")
    page.lines([line])
