"""The terminal report: one row per rule, findings with page, text and fix, a verdict line.

Piped or redirected output is never cut: rich only wraps lines on a terminal,
and never replaces text with an ellipsis. Every string from a PDF or a file name
goes through `textsafe.clean` (no escape sequences, no line breaks) and is printed
as rich Text, never as markup; none can start a line as a CI workflow command.
"""
from __future__ import annotations

from typing import IO

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from wscheck.model import STATUS_LABELS, PaperReport
from wscheck.reporters.streaming import write_all
from wscheck.reporters.summary import SummaryRow, summarize, where
from wscheck.terminal import color_wanted, is_terminal
from wscheck.textsafe import clean as _clean


def clean(value) -> str:
    """Text as the terminal report shows it: cleaned, and no word can start a CI workflow command."""
    return _clean(value, line_start=True)

STYLES = {"pass": "green", "fail": "bold red", "warn": "yellow", "not_checked": "dim", "error": "bold red"}


def make_console(stream: IO[str], color: bool | None = None) -> Console:
    """`color`: --color (True), --no-color (False), else NO_COLOR, FORCE_COLOR and the terminal decide."""
    colored = color_wanted(stream, color)
    if is_terminal(stream):
        if colored:
            return Console(file=stream, highlight=False, no_color=False)
        return Console(file=stream, highlight=False, no_color=True, color_system=None)
    # not a terminal: no width, so that nothing is ever wrapped or cut; colour only when asked for
    if colored:
        return Console(file=stream, highlight=False, color_system="standard", force_terminal=True, no_color=False,
                       width=100_000, soft_wrap=True)
    return Console(file=stream, highlight=False, color_system=None, width=100_000, soft_wrap=True,
                   force_terminal=False)


def render(reports: list[PaperReport], stream: IO[str], options: dict | None = None) -> None:
    """Options: `color` (see make_console), `verbosity` (-1 --quiet, 0, 1 --verbose)."""
    write_all(Writer(), reports, stream, options or {})


class Writer:
    """Each paper printed as its turn comes; a batch ends with the summary table and the totals."""

    def begin(self, stream: IO[str], options: dict) -> None:
        self.console = make_console(stream, options.get("color"))
        self.verbosity = options.get("verbosity", 0)
        self.rows: list[SummaryRow] = []  # one compact row per paper, for the table at the end

    def paper(self, report: PaperReport) -> None:
        if self.verbosity < 0:
            render_quiet(self.console, report)
        else:
            if self.rows:
                self.console.print()
            render_one(self.console, report, verbose=self.verbosity > 0)
        self.rows.append(summarize(report))

    def end(self) -> None:
        if len(self.rows) < 2:
            return
        if self.verbosity >= 0:
            self.console.print()
            render_summary_table(self.console, self.rows)
        render_totals(self.console, self.rows)


def render_quiet(console: Console, report: PaperReport) -> None:
    """--quiet: the verdict, then each failed rule with its message; nothing for the rules that passed."""
    if report.error:
        console.print(Text("ERROR  ", style=STYLES["error"]) + Text(clean(report.error)))
        return
    console.print(Text(f"{clean(report.file)}: ", style="bold") + verdict_line(report))
    for result in report.results:
        if result.status in ("fail", "error"):
            line = Text("  ")
            line.append(f"{STATUS_LABELS[result.status]:<6}", style=STYLES[result.status])
            line.append(f" {clean(result.rule)}  ", style="bold")
            line.append(clean(result.message))
            console.print(line)


def render_one(console: Console, report: PaperReport, verbose: bool = False) -> None:
    if report.error:
        # one line: the reason names the file, and there are no rules to list
        console.print(Text("ERROR  ", style=STYLES["error"]) + Text(clean(report.error)))
        return
    header = Text(clean(report.file), style="bold")
    context = [clean(report.venue or "")]
    if report.track:
        context.append(f"track {clean(report.track)}")
    if report.stage:
        context.append(clean(report.stage))
    if report.pages is not None:
        context.append(f"{report.pages} pages")
    if report.config:
        context.append(f"config {clean(report.config)}")
    header.append("  " + " · ".join(c for c in context if c), style="dim")
    console.print(header)
    width = max((len(r.rule) for r in report.results), default=10)
    for result in report.results:
        _render_result(console, result, width, verbose)
    for note in report.notes:
        console.print(Text("  NOTE        ", style="blue") + Text(clean(note)))
    console.print(verdict_line(report))


def _render_result(console: Console, result, width: int, verbose: bool = False) -> None:
    line = Text("  ")
    line.append(f"{STATUS_LABELS[result.status]:<11}", style=STYLES[result.status])
    line.append(f" {clean(result.rule):<{width}}  ",
                style="bold" if result.status in ("fail", "warn", "error") else "")
    line.append(clean(result.message))
    console.print(line)
    if (result.status in ("pass", "not_checked") and not verbose
            and not any(f.level == "info" for f in result.findings)):
        return
    for finding in result.findings:
        level = finding.level or result.level
        row = Text(" " * (width + 16))
        row.append(f"{where(finding)}  ", style="cyan")
        if finding.kind:
            row.append(f"[{clean(finding.kind)}] ", style="dim")
        row.append(f"\"{clean(finding.text)}\"" if finding.text else "")
        if level != result.level:
            row.append(f"  ({level})", style="dim")
        console.print(row)
        if finding.detail:
            console.print(Text(" " * (width + 18) + clean(finding.detail), style="dim"))
        if finding.fix and result.status in ("fail", "warn"):
            console.print(Text(" " * (width + 18) + "fix: ", style="green") + Text(clean(finding.fix)))
    if result.omitted_text:
        console.print(Text(" " * (width + 16) + result.omitted_text, style="dim"))


def verdict_line(report: PaperReport) -> Text:
    failed = report.failed_rules()
    errored = report.errored_rules()
    warned = [r.rule for r in report.results if r.status == "warn"]
    unchecked = [r.rule for r in report.results if r.status == "not_checked"]
    if failed:
        verdict = Text("FAIL", style=STYLES["fail"])
        verdict.append(f": {len(failed)} of {len(report.results)} rules failed ({', '.join(failed)})")
    elif errored:
        verdict = Text("ERROR", style=STYLES["error"])
        verdict.append(f": {len(errored)} of {len(report.results)} rule{'s' if len(report.results) != 1 else ''} "
                       f"could not be checked ({', '.join(errored)})")
    else:
        verdict = Text("PASS", style=STYLES["pass"])
        verdict.append(f": all {len(report.results) - len(unchecked)} checked rules passed")
    if failed and errored:
        verdict.append(f"; could not be checked: {', '.join(errored)}")
    if warned:
        verdict.append(f"; {len(warned)} warning{'s' if len(warned) != 1 else ''} ({', '.join(warned)})")
    if unchecked:
        verdict.append(f"; not checked: {', '.join(unchecked)}")
    return verdict


def render_summary_table(console: Console, rows: list[SummaryRow]) -> None:
    """One row per paper: verdict, main-body pages against the limit, anonymity, format, failed rules.

    Cells fold rather than end in an ellipsis, and off a terminal the console is
    wide enough that nothing folds at all.
    """
    table = Table(title="Summary", title_justify="left")
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("paper", "left"), ("verdict", "left"), ("main body / limit", "right"),
        ("anonymity", "left"), ("format", "left"), ("failed rules", "left"))
    for name, justify in columns:
        table.add_column(name, justify=justify, overflow="fold")
    for row in rows:
        table.add_row(Text(clean(row.file)), Text(row.verdict_label, style=STYLES[row.verdict]), row.body_vs_limit,
                      row.anonymity_label, row.format_label, Text(clean(row.problems_label)))
    console.print(table)


def render_totals(console: Console, rows: list[SummaryRow]) -> None:
    failed = sum(r.verdict == "fail" for r in rows)
    errors = sum(r.verdict == "error" for r in rows)
    passed = len(rows) - failed - errors
    line = Text(f"{len(rows)} papers: ")
    line.append(f"{passed} passed", style=STYLES["pass"])
    line.append(", ")
    line.append(f"{failed} failed", style=STYLES["fail"] if failed else "")
    line.append(", ")
    line.append(f"{errors} could not be checked", style=STYLES["error"] if errors else "")
    console.print(line)
