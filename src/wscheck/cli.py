"""Command line: `wscheck check|inspect|venues ...`."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from wscheck import __version__
from wscheck.errors import (
    EXIT_CODES_HELP,
    EXIT_OK,
    EXIT_RULE_FAILED,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    UsageError,
    WscheckError,
)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP.replace("\n", "\n\b\n", 1))
@click.version_option(__version__, prog_name="wscheck")
def cli() -> None:
    """Check a paper PDF against a venue's rules: page limits, anonymity, template and layout, deadlines.

    \b
    Examples:
      wscheck venues
      wscheck check --venue iclr2026-trustworthy-ai --track short paper.pdf
      wscheck inspect --format text paper.pdf
    """


# -- inputs ---------------------------------------------------------------------
def expand_inputs(inputs: tuple[str, ...]) -> list[str]:
    """Files as given; folders are searched recursively for *.pdf (sorted)."""
    files: list[str] = []
    for item in inputs:
        if os.path.isdir(item):
            found = sorted(
                str(p) for p in Path(item).rglob("*") if p.suffix.lower() == ".pdf" and p.is_file()
            )
            if not found:
                raise UsageError(f"{item}: no PDF files in this folder")
            files.extend(found)
        else:
            files.append(item)  # missing files become error rows with their reason
    return files


def _exit_code(verdicts: list[str]) -> int:
    if "fail" in verdicts:
        return EXIT_RULE_FAILED
    if "error" in verdicts:
        return EXIT_UNREADABLE
    return EXIT_OK


def _progress(total: int):
    """A progress bar on stderr when it is a terminal, else nothing."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(file=sys.stderr), auto_refresh=False, transient=True)
    return progress


def _open_output(path: str | None):
    if path is None or path == "-":
        return sys.stdout, False
    try:
        return open(path, "w", encoding="utf-8", newline=""), True
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


# -- check ------------------------------------------------------------------------
@cli.command("check", context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP.replace("\n", "\n\b\n", 1))
@click.argument("inputs", nargs=-1, required=True, metavar="PDF_OR_FOLDER...")
@click.option("--venue", "-v", metavar="ID", help="Built-in rule set to check against (see `wscheck venues`).")
@click.option("--rules", "rules_file", metavar="FILE", help="A rule set file that is not built in.")
@click.option("--track", "-t", metavar="NAME", help="Submission track (default: the venue's default track).")
@click.option("--stage", type=click.Choice(["submission", "camera-ready"]), default="submission",
              show_default=True, help="Which version of the paper this is.")
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Report format.")
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option("--author", "authors", multiple=True, metavar="IDENTITY",
              help='An author identity to search for (repeatable): a name ("Jane Doe"), "github:USER", '
                   '"hf:USER", "institution:NAME", "email:ADDRESS".')
@click.option("--authors-file", metavar="FILE",
              help="Author identities to search for: one per line, or CSV with columns such as name, email, "
                   "github, hf, institution.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Papers checked in parallel (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="SECONDS",
              help="Time allowed per file; a file that takes longer becomes an error row.")
def check_command(inputs, venue, rules_file, track, stage, output_format, output, authors, authors_file, jobs,
                  timeout):
    """Check PDFs against a venue's rules and print a pass/fail report.

    Each rule gets one row: PASS, FAIL, WARN or NOT CHECKED. A failure gives
    the page, the offending text and how to fix it.

    \b
    Examples:
      wscheck check --venue iclr2026-trustworthy-ai --track short paper.pdf
      wscheck check --venue icml2026-mechinterp --format json paper.pdf
      wscheck check --venue iclr2026-trustworthy-ai submissions/ --jobs 2
      wscheck check --venue icml2026-mechinterp --author "Jane Doe" --author github:jdoe paper.pdf
    """
    from wscheck import batch, reporters, ruleset
    from wscheck.authors import collect_identities
    from wscheck.model import PaperReport
    from wscheck.runner import CheckRequest, check_file

    if venue and rules_file:
        raise UsageError("give either --venue or --rules, not both")
    if not venue and not rules_file:
        raise UsageError("which venue? give --venue ID (see `wscheck venues`) or --rules FILE")
    rule_set = ruleset.load(rules_file or venue)
    resolved_track = rule_set.resolve_track(track)
    if stage not in rule_set.stages:
        raise UsageError(f"venue {rule_set.id!r} has no rules for stage {stage!r}; stages: "
                         f"{', '.join(rule_set.stages)}")
    try:
        identities = [i.spec for i in collect_identities(authors, authors_file)]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    files = expand_inputs(inputs)
    requests = [CheckRequest(path=f, ruleset=rule_set, track=resolved_track, stage=stage,
                             authors=identities) for f in files]

    def on_error(request, reason: str) -> PaperReport:
        return PaperReport(file=request.path, venue=rule_set.id, track=resolved_track, stage=stage,
                           error=f"{request.path}: {reason}" if request.path not in reason else reason)

    reports = _run(check_file, requests, on_error, jobs, timeout)
    stream, close = _open_output(output)
    try:
        reporters.get(output_format).render(reports, stream, {"single": len(inputs) == 1 and len(files) == 1})
    finally:
        if close:
            stream.close()
    return _exit_code([r.verdict for r in reports])


def _run(task, items, on_error, jobs, timeout):
    from wscheck import batch

    jobs = jobs or os.cpu_count() or 1
    progress = _progress(len(items))
    if progress is None:
        return batch.run_all(task, items, on_error=on_error, jobs=jobs, timeout=timeout)
    with progress:
        bar = progress.add_task("check", total=len(items))

        def done(index, result):
            progress.advance(bar)
            progress.refresh()

        return batch.run_all(task, items, on_error=on_error, jobs=jobs, timeout=timeout, on_done=done)


# -- inspect ------------------------------------------------------------------------
@cli.command("inspect", context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True, metavar="PDF_OR_FOLDER...")
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Output format (json follows CONTRACT.md).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Files read in parallel (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="SECONDS",
              help="Time allowed per file.")
def inspect_command(inputs, output_format, jobs, timeout):
    """Show what wscheck sees in a paper: template, sections, where the body ends, identity leaks.

    \b
    Examples:
      wscheck inspect paper.pdf
      wscheck inspect --format json papers/ > seen.json
    """
    from wscheck.inspection import inspect_file, render_text

    files = expand_inputs(inputs)

    def on_error(path, reason):
        return {"file": path, "error": f"{path}: {reason}" if path not in reason else reason}

    results = _run(inspect_file, files, on_error, jobs, timeout)
    if output_format == "json":
        import json

        data = results[0] if len(files) == 1 and len(inputs) == 1 else results
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        render_text(results, sys.stdout)
    return EXIT_UNREADABLE if any(r.get("error") for r in results) else EXIT_OK


# -- venues ---------------------------------------------------------------------------
@cli.command("venues", context_settings=CONTEXT_SETTINGS)
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Output format.")
def venues_command(output_format):
    """List the built-in venues: id, name, tracks with page limits, formats and deadline.

    \b
    Example:
      wscheck venues
    """
    from wscheck.venues import list_venues, render_venues

    rows = list_venues()
    if output_format == "json":
        import json

        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        render_venues(rows, sys.stdout)
    return EXIT_OK


def main(argv: list[str] | None = None) -> None:
    try:
        code = cli.main(args=argv, prog_name="wscheck", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("wscheck: interrupted", err=True)
        code = 130
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = EXIT_USAGE if exc.exit_code not in (0, 1) else exc.exit_code
        if isinstance(exc, click.UsageError):
            code = EXIT_USAGE
    except WscheckError as exc:
        click.echo(f"wscheck: error: {exc}", err=True)
        code = exc.exit_code
    except BrokenPipeError:
        code = EXIT_OK
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
    except KeyboardInterrupt:
        click.echo("wscheck: interrupted", err=True)
        code = 130
    sys.exit(code if isinstance(code, int) else EXIT_OK)
