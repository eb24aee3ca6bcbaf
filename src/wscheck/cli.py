"""Command line: `wscheck check|inspect|venues ...`."""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from wscheck import DISTRIBUTION, __version__
from wscheck.completion import complete_path, complete_venue, complete_venue_or_file
from wscheck.errors import (
    EXIT_CODES_HELP,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_RULE_FAILED,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    ISSUES_URL,
    UsageError,
    WscheckError,
)
from wscheck.helpdocs import doc_path
from wscheck.model import STAGES
from wscheck.reporters import CHECK_FORMATS

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP.replace("\n", "\n\n\b\n", 1))
@click.version_option(__version__, prog_name="wscheck",
                      message=f"%(prog)s %(version)s (the {DISTRIBUTION} distribution: pipx install {DISTRIBUTION})")
@click.option("--debug", is_flag=True, help="On an internal error (exit code 4), print the traceback.")
def cli(debug: bool) -> None:
    """Check a paper PDF against a venue's rules: page limits, anonymity, template and layout, deadlines.

    \b
    Examples:
      wscheck venues
      wscheck check --venue iclr2026-trustworthy-ai --track short paper.pdf
      wscheck inspect --format text paper.pdf
    """


# -- inputs ---------------------------------------------------------------------
def expand_inputs(inputs: tuple[str, ...]) -> list[str]:
    """Files as given; folders searched recursively for *.pdf (wscheck.inputs); a mistyped path is a usage
    error that names the nearest file; warnings on stderr."""
    from wscheck.inputs import expand_inputs as expand

    return expand(inputs, _warn)


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
                        console=Console(file=sys.stderr), auto_refresh=False, transient=True,
                        # reports stream to stdout during the batch: rich must not capture it
                        redirect_stdout=False, redirect_stderr=False)
    return progress


def _prepare_output(path: str | None, inputs: list[str]) -> None:
    """Fail before a long batch, not after it, when the report cannot be written; make its folder.

    The report may not replace one of the input files.
    """
    if path is None or path == "-":
        return
    from wscheck.fileio import same_file

    if any(same_file(path, file) or os.path.abspath(path) == os.path.abspath(file) for file in inputs):
        raise UsageError(f"--output {path} is one of the input files; write the report elsewhere")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if os.path.isdir(path):
        raise UsageError(f"cannot write {path}: it is a folder")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(f"cannot write {path}: permission denied")


def file_bounds(command):
    """--jobs, --timeout and --memory-limit: how files are spread over worker processes and bounded."""
    command = click.option(
        "--memory-limit", "memory_mb", type=click.IntRange(min=64), default=2048, show_default=True, metavar="MB",
        help="Memory allowed per file (Linux); a file that needs more becomes an error row.")(command)
    command = click.option(
        "--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="SECONDS",
        help="Time allowed per file; a file that takes longer becomes an error row.")(command)
    return click.option(
        "--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
        help="Files analysed in parallel (default: all cores).")(command)


def _report_files(ctx, param, values) -> list[tuple[str, str]]:
    """--report FORMAT=FILE, each parsed and checked before anything runs."""
    parsed = []
    for value in values:
        report_format, _sep, path = value.partition("=")
        if report_format not in CHECK_FORMATS or not path:
            raise click.BadParameter(f"{value!r}: give FORMAT=FILE, FORMAT one of {', '.join(CHECK_FORMATS)}")
        parsed.append((report_format, path))
    return parsed


def _shard_option(ctx, param, value) -> tuple[int, int] | None:
    """--shard K/N: the K-th of N slices (1-based)."""
    if value is None:
        return None
    number, _sep, count = value.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count) <= 100_000):
        raise click.BadParameter(f"{value!r}: give K/N with 1 <= K <= N, e.g. 2/4 for the second of four slices")
    return int(number), int(count)


# -- check ------------------------------------------------------------------------
@cli.command("check", context_settings=CONTEXT_SETTINGS,
    short_help="Check PDFs against a venue's rules: a pass/fail report.",
    epilog=EXIT_CODES_HELP.replace("\n", "\n\n\b\n", 1))
@click.argument("inputs", nargs=-1, required=True, metavar="PDF_OR_FOLDER...", shell_complete=complete_path)
@click.option("--venue", metavar="ID", shell_complete=complete_venue,
              help="Built-in rule set to check against (see `wscheck venues`; case does not matter).")
@click.option("--rules", "rules_file", metavar="FILE", help="A rule set file that is not built in.")
@click.option("--cfp", "cfp", metavar="CALL",
              help="Check against a workshop's call for papers (a text, Markdown or HTML file, or an http(s) URL) "
                   "instead of a rule set: the rules are read from it as `wscheck rules from-cfp` does.")
@click.option("--track", "-t", metavar="NAME", help="Submission track (default: the venue's default track).")
@click.option("--stage", type=click.Choice(list(STAGES)), default=None,
              help="Which version of the paper this is (default: the config's, else submission).")
@click.option("--max-pages", type=click.IntRange(min=1, max=200), metavar="N",
              help="The workshop's page limit on top of the venue's format, e.g. --venue icml2026 --max-pages 4.")
@click.option("--excludes", metavar="PARTS",
              help="What the limit does not count, e.g. references,appendix (with --max-pages, when the call "
                   "excludes more or less than the format).")
@click.option("--page-limit", type=click.IntRange(min=1, max=200), metavar="N",
              help="Your own page limit: it wins over the rule set and the report says it is yours.")
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(list(CHECK_FORMATS)),
              help="Report format: text (terminal), json (an object per paper), jsonl (a line per paper), csv (one "
                   "row per paper), junit (XML), sarif (2.1.0), github (workflow annotations), markdown "
                   "($GITHUB_STEP_SUMMARY), html (one self-contained page for the batch).")
@click.option("--output", "-o", metavar="FILE",
              help="Write the report to FILE instead of stdout (written to a temporary file, renamed into place "
                   "when the batch is complete; never one of the input files).")
@click.option("--report", "report_files", multiple=True, metavar="FORMAT=FILE", callback=_report_files,
              help="Also write a report in FORMAT to FILE, from the same run (repeatable), e.g. "
                   "--report sarif=wscheck.sarif --report markdown=summary.md.")
@click.option("--verbose", "-v", is_flag=True, help="Every finding, also those of rules that passed.")
@click.option("--quiet", "-q", is_flag=True, help="Only the verdict and the failed rules (text report).")
@click.option("--color/--no-color", "color", default=None,
              help="Colour the text report (default: on a terminal only; NO_COLOR and FORCE_COLOR are honoured).")
@click.option("--ignore", "ignore", multiple=True, metavar="RULE",
              help="Do not run this rule (repeatable, or comma-separated); adds to 'ignore:' in .wscheck.yaml.")
@click.option("--warn-only", "warn_only", multiple=True, metavar="RULE",
              help="Report this rule's failures as warnings (repeatable, or comma-separated); adds to "
                   "'warn-only:' in .wscheck.yaml.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when a rule fails (a report-only job); unreadable PDFs and usage errors still "
                   "exit non-zero.")
@click.option("--author", "authors", multiple=True, metavar="IDENTITY",
              help='An author identity to search for in every paper (repeatable): a name ("Jane Doe"), '
                   '"github:USER", "hf:USER", "institution:NAME", "email:ADDRESS".')
@click.option("--authors-file", metavar="FILE",
              help="Author identities to search for in every paper: one per line, or CSV with columns such as "
                   "name, email, github, hf, institution.")
@click.option("--author-map", metavar="CSV",
              help="Per-paper authors: a CSV with a file/paper column and authors, github, hf, institution "
                   "columns (values separated by ';'); each paper is searched for its own authors.")
@click.option("--track-map", metavar="CSV",
              help="Per-paper tracks: a CSV with a file/paper column and a track column; papers not listed "
                   "get --track.")
@click.option("--evidence", "evidence_dir", metavar="DIR",
              help="Write a PNG of every page with a failure, each violation boxed and numbered, to "
                   "DIR/<paper>-<hash>/page-NNN.png (one folder per input path).")
@click.option("--evidence-warnings", is_flag=True,
              help="With --evidence, also draw the pages that have only warnings.")
@file_bounds
@click.option("--resume", is_flag=True,
              help="Pick up an interrupted batch: papers it finished (kept in FILE.wscheck-resume beside the "
                   "report file) are not checked again; the reports come out as from an uninterrupted run.")
@click.option("--cache", "cache_dir", metavar="DIR",
              help="Keep each paper's report in DIR and reuse it while the PDF's bytes, the rules, the options and "
                   "wscheck are unchanged: checking a folder again costs only the new or changed files.")
@click.option("--shard", metavar="K/N", callback=_shard_option,
              help="Check only the K-th of N equal slices of the inputs (in input order), e.g. on N machines; the "
                   "jsonl or csv outputs of shards 1..N, concatenated, are the output of one run.")
@click.option("--config", "config_file", metavar="FILE",
              help="Apply this config file instead of looking for .wscheck.yaml.")
@click.option("--no-config", is_flag=True,
              help="Ignore .wscheck.yaml (found from the working directory up to the git repository's root).")
def check_command(inputs, venue, rules_file, cfp, track, stage, max_pages, excludes, page_limit, output_format,
                  output, report_files, verbose, quiet, color, ignore, warn_only, exit_zero, authors, authors_file,
                  author_map, track_map, evidence_dir, evidence_warnings, jobs, timeout, memory_mb, resume, cache_dir,
                  shard, config_file,
                  no_config):
    """Check PDFs against a venue's rules and print a pass/fail report.

    Each rule gets one row: PASS, FAIL, WARN, NOT CHECKED (the venue does not
    state it) or ERROR (it could not be checked: never a pass). A failure gives
    the page, the offending text and how to fix it. With several papers, the
    text report ends with a summary table; other formats suit spreadsheets
    (csv), CI (junit, sarif, github, markdown) and organizers (html). Venue,
    track, stage and authors may come from a .wscheck.yaml in the working
    directory or above it, up to the root of the git repository (or from
    --config FILE); options given here override it, and the report names it.

    \b
    Examples:
      wscheck check --venue iclr2026-trustworthy-ai --track short paper.pdf
      wscheck check --venue icml2026-mechinterp --format json paper.pdf
      wscheck check --venue iclr2026-trustworthy-ai submissions/ --jobs 2 --format csv -o table.csv
      wscheck check --venue iclr2026-trustworthy-ai submissions/ --format csv -o table.csv --resume --cache .wscache
      wscheck check --venue iclr2026-trustworthy-ai submissions/ --track-map tracks.csv \\
          --author-map authors.csv --evidence evidence/ --format html -o report.html
      wscheck check --venue icml2026-mechinterp --author "Jane Doe" --author github:jdoe paper.pdf
      wscheck check paper.pdf            # venue, track and authors from .wscheck.yaml
      wscheck check -q --ignore text-block --warn-only line-numbers paper.pdf
      wscheck check --cfp call.html --track short paper.pdf
      wscheck check --venue icml2026 --max-pages 4 --excludes references,appendix paper.pdf
    """
    from wscheck import check_batch, rule_selection, ruleset, textsafe
    from wscheck.authors import collect_identities
    from wscheck.config import combine
    from wscheck.deadlines import now_utc, passed_deadline_notes
    from wscheck.model import PaperReport
    from wscheck.paper_maps import paper_authors, paper_tracks
    from wscheck.runner import CheckRequest, check_file, needed_facts, shrink_report

    if sum(bool(x) for x in (venue, rules_file, cfp)) > 1:
        raise UsageError("give one of --venue, --rules or --cfp")
    if verbose and quiet:
        raise UsageError("give either --verbose or --quiet, not both")
    settings = combine(_config(config_file, no_config), venue, rules_file or cfp, track, stage, authors)
    if not settings.rule_set:
        raise UsageError("which venue? give --venue ID (see `wscheck venues`), --rules FILE, --cfp CALL (the "
                         "workshop's call for papers), or write 'venue: ID' in .wscheck.yaml")
    track, stage = settings.track, settings.stage
    config_authors = settings.config.authors if settings.config else []
    selection = _rule_selection(settings.config, ignore, warn_only)
    if cfp:
        from wscheck.cfp import command as cfp_command

        rule_set, cfp_notes = cfp_command.cfp_rule_set(cfp)
        cfp_notes += cfp_command.limit_notes(rule_set, rule_set.resolve_track(track), stage)
    else:
        rule_set, cfp_notes = ruleset.load_checkable(settings.rule_set), []
    if max_pages is not None or excludes is not None or page_limit is not None:
        from wscheck.overrides import apply_overrides

        rule_set, override_notes = apply_overrides(rule_set, stage, max_pages, excludes, page_limit)
        cfp_notes += override_notes
    rule_set = rule_selection.apply(rule_set, selection)
    resolved_track = rule_set.resolve_track(track)
    if stage not in rule_set.stages:
        raise UsageError(f"venue {rule_set.id!r} has no rules for stage {stage!r}; stages: "
                         f"{', '.join(rule_set.stages)}")
    try:
        identities = [i.spec for i in collect_identities(authors, authors_file, config_authors)]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    files = expand_inputs(inputs)
    targets = _report_targets(output, report_files)
    for path in targets:
        _prepare_output(path, files)
    tracks = paper_tracks(track_map, files, rule_set, resolved_track, _warn)
    per_paper_authors = paper_authors(author_map, files, identities, _warn)
    evidence = _evidence_dirs(evidence_dir, files)
    if evidence_warnings and not evidence_dir:
        raise UsageError("--evidence-warnings draws the warnings too: give --evidence DIR with it")
    requests = [CheckRequest(path=f, ruleset=rule_set, track=tracks[i], stage=stage, authors=per_paper_authors[i],
                             evidence_dir=evidence[i], display_name=textsafe.display_path(f),
                             evidence_warnings=evidence_warnings)
                for i, f in enumerate(files)]
    # the csv columns: every rule that can apply to the batch, so that each shard has the same header
    rule_columns = check_batch.rule_columns(rule_set, set(tracks), stage)
    if shard is not None:
        requests = check_batch.shard(requests, *shard)
    if cache_dir:
        from wscheck import report_cache

        report_cache.prepare(cache_dir)

    def on_error(request, reason: str) -> PaperReport:
        shown = request.display_name or textsafe.display_path(request.path)
        return PaperReport(file=shown, venue=rule_set.id, track=request.track, stage=stage,
                           error=reason if reason.startswith(shown) else f"{shown}: {reason}",
                           file_bytes=textsafe.path_bytes_hex(request.path))

    needed_facts(rule_set)  # the check types imported here, once, not again by each worker forked below
    notes = cfp_notes + passed_deadline_notes(rule_set, stage, now_utc())
    applied = str(settings.config.path) if settings.config else None

    def finish(report: PaperReport) -> None:
        report.config = applied
        if not report.error:
            report.notes.extend(notes)
        rule_selection.downgrade([report], selection)

    options = {"single": len(inputs) == 1 and len(files) == 1 and shard is None, "ruleset": rule_set,
               "evidence_dir": evidence_dir, "verbosity": 1 if verbose else -1 if quiet else 0, "color": color,
               "total": len(requests), "rule_ids": rule_columns}
    report_targets = [check_batch.Target(output_format, output)]
    report_targets += [check_batch.Target(extra_format, path) for extra_format, path in report_files]
    outcome = _check_batch(requests, report_targets, options, on_error, finish,
                           check_batch.Limits(jobs or os.cpu_count() or 1, timeout, memory_mb),
                           cache_dir=cache_dir, resume=resume, shrink=shrink_report, check=check_file)
    counts = outcome.tally.counts()
    verdicts = ["fail"] * (0 if exit_zero else counts["fail"]) + ["error"] * counts["error"]
    return _exit_code(verdicts)


def _check_batch(requests, targets, options, on_error, finish, limits, *, cache_dir, resume, shrink, check):
    """Run the batch (wscheck.check_batch): reports streamed as papers finish, a journal for --resume beside the
    first report file, --cache in the workers; a progress bar on stderr when nothing streams to the terminal."""
    from wscheck import check_batch
    from wscheck.reporters.summary import error_lines

    files = [t.path for t in targets if not t.to_stdout]
    if resume and not files:
        raise UsageError("--resume needs a report file (--output FILE or --report FORMAT=FILE): the progress of a "
                         "batch is kept beside it")
    journal_file = f"{files[0]}.wscheck-resume" if files and len(requests) > 1 else None
    run_digest = ""
    if requests and (journal_file or cache_dir):
        from wscheck import fingerprint

        run_digest = fingerprint.run_digest(options["ruleset"], requests[0].stage)
    task = check
    if cache_dir:
        from wscheck.report_cache import CachedCheck

        task = CachedCheck(os.path.abspath(cache_dir), run_digest, check)
    streaming_to_terminal = any(t.to_stdout for t in targets) and sys.stdout.isatty()
    progress = None if streaming_to_terminal else _progress(len(requests))
    with progress if progress is not None else contextlib.nullcontext():
        bar = progress.add_task("check", total=len(requests)) if progress is not None else None

        def say(line: str) -> None:
            from wscheck.textsafe import clean

            if progress is not None:
                from rich.text import Text

                progress.console.print(Text(f"wscheck: {clean(line)}"))
            else:
                click.echo(f"wscheck: {clean(line)}", err=True)

        def tell(report) -> None:
            for line in error_lines(report):
                say(f"error: {line}")

        def advance(count: int) -> None:
            if progress is not None:
                progress.advance(bar, count)
                progress.refresh()

        outcome = check_batch.run(task, requests, targets, options, on_error=on_error, limits=limits,
                                  hooks=check_batch.Hooks(finish=finish, tell=tell, advance=advance, say=say),
                                  journal_file=journal_file, resume=resume, run_digest=run_digest, shrink=shrink)
    if cache_dir:
        from wscheck import report_cache

        report_cache.prune(cache_dir)
        if outcome.cached:
            say(f"{outcome.cached} of {len(requests)} papers from the cache ({cache_dir})")
    return outcome


def _report_targets(output: str | None, report_files: list[tuple[str, str]]) -> list[str | None]:
    """--output and each --report FILE: every report gets a file of its own (only --output may be stdout)."""
    extra = [path for _format, path in report_files]
    if "-" in extra:
        raise UsageError("--report needs a file (only --output can be stdout)")
    named = [os.path.abspath(path) for path in [output, *extra] if path not in (None, "-")]
    if len(set(named)) < len(named):
        raise UsageError("each report needs a file of its own: --output and --report name the same file")
    return [output, *extra]


def _rule_selection(config, ignore, warn_only):
    """Rules ignored or made warn-only by the config and the command line (wscheck.rule_selection)."""
    from wscheck import rule_selection

    selection = rule_selection.RuleSelection()
    selection.add(ignore, warn_only, "--ignore", "--warn-only")
    if config is not None:
        selection.add(config.ignore, config.warn_only, f"{config.path}: ignore", f"{config.path}: warn-only")
    return selection


def _config(config_file: str | None, no_config: bool):
    """The config to apply: --config FILE, else .wscheck.yaml found up to the repository root, else None."""
    from wscheck.config import find_config, load_config

    if config_file and no_config:
        raise UsageError("give either --config or --no-config, not both")
    if config_file:
        return load_config(config_file)
    return None if no_config else find_config(warn=_warn)


def _evidence_dirs(root: str | None, files: list[str]) -> list[str | None]:
    """One evidence folder per input path (wscheck.evidence), the root checked before any paper is."""
    if not root:
        return [None] * len(files)
    from wscheck.evidence import evidence_dirs, prepare_root

    prepare_root(root)
    return evidence_dirs(root, files)


def _warn(message: str) -> None:
    from wscheck.textsafe import clean

    click.echo(f"wscheck: warning: {clean(message)}", err=True)


def _run(task, items, on_error, jobs, timeout, memory_mb, shrink=None):
    """Files checked in worker processes, bounded in time, memory and output (wscheck.batch)."""
    from wscheck import batch

    jobs = jobs or os.cpu_count() or 1
    options = {"on_error": on_error, "jobs": jobs, "timeout": timeout, "memory_mb": memory_mb,
               "cost": batch.file_size, "shrink": shrink}
    progress = _progress(len(items))
    if progress is None:
        return batch.run_all(task, items, **options)
    with progress:
        bar = progress.add_task("check", total=len(items))

        def done(index, result):
            progress.advance(bar)
            progress.refresh()

        return batch.run_all(task, items, on_done=done, **options)


# -- inspect ------------------------------------------------------------------------
@cli.command("inspect", context_settings=CONTEXT_SETTINGS,
    short_help="Show what wscheck sees: template, sections, identity.",
    epilog=f"\b\nThe JSON fields are described in docs/json-output.md, installed with wscheck:\n"
           f"  {doc_path('json-output.md')}")
@click.argument("inputs", nargs=-1, required=True, metavar="PDF_OR_FOLDER...", shell_complete=complete_path)
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json"]),
              help="Output format (json: its fields are described in docs/json-output.md, see below).")
@file_bounds
def inspect_command(inputs, output_format, jobs, timeout, memory_mb):
    """Show what wscheck sees in a paper: template, sections, where the body ends, identity leaks.

    \b
    Examples:
      wscheck inspect paper.pdf
      wscheck inspect --format json papers/ > seen.json
    """
    from wscheck import textsafe
    from wscheck.inspection import inspect_file, render_text

    files = expand_inputs(inputs)

    def on_error(path, reason):
        shown = textsafe.display_path(path)
        out = {"file": shown, "error": reason if reason.startswith(shown) else f"{shown}: {reason}"}
        if textsafe.path_bytes_hex(path):
            out["file_bytes"] = textsafe.path_bytes_hex(path)
        return out

    results = _run(inspect_file, files, on_error, jobs, timeout, memory_mb)
    if output_format == "json":
        import json

        data = results[0] if len(files) == 1 and len(inputs) == 1 else results
        json.dump(textsafe.clean_data(data), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        render_text(results, sys.stdout)
    for result in results:
        if result.get("error"):
            click.echo(f"wscheck: error: {textsafe.clean(result['error'])}", err=True)
    return EXIT_UNREADABLE if any(r.get("error") for r in results) else EXIT_OK


# -- venues ---------------------------------------------------------------------------
@cli.command("venues", context_settings=CONTEXT_SETTINGS,
    short_help="List the built-in venues, tracks, page limits and deadlines.")
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


# -- deadlines ---------------------------------------------------------------------------
@cli.command("deadlines", context_settings=CONTEXT_SETTINGS,
    short_help="List deadlines, upcoming first, with a countdown.")
@click.option("--venue", "venues", multiple=True, metavar="ID", shell_complete=complete_venue,
              help="Only this venue (repeatable; default: every built-in venue with dates).")
@click.option("--rules", "rules_files", multiple=True, metavar="FILE", help="Also a rule set file (repeatable).")
@click.option("--cfp", "calls", multiple=True, metavar="CALL",
              help="Also the dates of a call for papers: a file or an http(s) URL (repeatable).")
@click.option("--timezone", "-z", "zone", metavar="TZ",
              help="Show local times in this zone: AoE, UTC, UTC+2, an IANA name (default: this computer's).")
@click.option("--upcoming", is_flag=True, help="Only deadlines that have not passed.")
@click.option("--all-dates", is_flag=True, help="Also events such as notifications and workshop days.")
@click.option("--at", "at", metavar="MOMENT",
              help="Count down from this moment instead of now, e.g. '2026-05-01 12:00 UTC'.")
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "ics"]),
              help="Output format: text, json, or ics (an iCalendar file of the deadlines, times in UTC).")
def deadlines_command(venues, rules_files, calls, zone, upcoming, all_dates, at, output_format):
    """List deadlines: upcoming ones first, with a countdown and your local time, then passed ones.

    Each date is shown as the call states it (e.g. "May 8th, 2026 (AOE)");
    a date with no time means the end of that day, and with no time zone,
    Anywhere on Earth (UTC-12).

    \b
    Examples:
      wscheck deadlines
      wscheck deadlines --venue icml2026-mechinterp --timezone Europe/Berlin
      wscheck deadlines --all-dates --at "2026-01-15 09:00 UTC" --format json
      wscheck deadlines --cfp https://myworkshop.github.io/call --upcoming
      wscheck deadlines --format ics > deadlines.ics
    """
    from wscheck import deadlines as dl
    from wscheck import ruleset

    try:
        local = dl.parse_timezone(zone) if zone else None
        now = dl.parse_moment(at, local) if at else dl.now_utc()
    except dl.DateError as exc:
        raise UsageError(str(exc)) from None
    sets = [ruleset.load(v) for v in venues] + [ruleset.load(f) for f in rules_files]
    if calls:
        from wscheck.cfp.command import deadline_rule_sets

        call_sets, undated = deadline_rule_sets(calls)
        sets += call_sets
        for line in undated:
            _warn(line)
    if not sets:
        sets = [ruleset.load(v) for v in ruleset.venue_ids()]
    entries = [d for rs in sets for d in dl.deadlines_of(rs) if all_dates or d.is_deadline]
    if output_format == "ics":
        from wscheck.ics import calendar

        coming, passed = dl.ordered(entries, now)
        sys.stdout.flush()
        sys.stdout.buffer.write(calendar(coming + ([] if upcoming else passed), now).encode("utf-8"))
        return EXIT_OK
    from wscheck.reporters import deadlines_table

    rows = deadlines_table.deadline_rows(entries, now, local, upcoming)
    if output_format == "json":
        import json

        from wscheck.textsafe import clean_data

        json.dump(clean_data(rows), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    deadlines_table.render_text(rows, sys.stdout, upcoming)
    return EXIT_OK


# -- rules ---------------------------------------------------------------------------
@cli.group("rules", context_settings=CONTEXT_SETTINGS)
def rules_group():
    """Write and check rule sets: validate, show, new, from-cfp, schema.

    \b
    Examples:
      wscheck rules validate
      wscheck rules show icml2026-mechinterp
      wscheck rules new --from icml2026 --id icml2026-myworkshop --name "My Workshop" -o my.yaml
    """


@rules_group.command("validate", context_settings=CONTEXT_SETTINGS,
    short_help="Validate rule set files (default: every built-in one).")
@click.argument("files", nargs=-1, metavar="[FILE]...")
def rules_validate_command(files):
    """Validate rule set files (default: every built-in rule set).

    Errors name the file, the line and the valid keys; the exit code is 2 if
    any file is invalid. Warnings (e.g. a notification dated before the
    submission deadline) are printed but do not change the exit code.

    \b
    Examples:
      wscheck rules validate
      wscheck rules validate my-workshop.yaml
    """
    from wscheck import authoring

    results = [authoring.validate_file(f) for f in files] if files else authoring.validate_builtin()
    authoring.render_validation(results, sys.stdout)
    return EXIT_USAGE if any(not r.ok for r in results) else EXIT_OK


@rules_group.command("show", context_settings=CONTEXT_SETTINGS,
    short_help="Show a resolved rule set, each rule with its source.")
@click.argument("venue", metavar="ID_OR_FILE", shell_complete=complete_venue_or_file)
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Output format.")
def rules_show_command(venue, output_format):
    """Show a rule set after `extends`: every rule with its parameters, source and origin (file:line).

    \b
    Examples:
      wscheck rules show iclr2026-trustworthy-ai
      wscheck rules show my-workshop.yaml --format json
    """
    from wscheck import authoring, ruleset

    loaded = ruleset.load(venue)
    if output_format == "json":
        authoring.show_json(loaded, sys.stdout)
    else:
        authoring.render_show(loaded, sys.stdout)
    return EXIT_OK


@rules_group.command("new", context_settings=CONTEXT_SETTINGS,
    short_help="Scaffold a workshop rule set from a format.")
@click.option("--from", "base", required=True, metavar="FORMAT", shell_complete=complete_venue,
              help="The format (or conference) rule set the new one extends, e.g. icml2026.")
@click.option("--id", "new_id", required=True, metavar="ID", help="The new rule set's id, e.g. icml2026-myws.")
@click.option("--name", required=True, metavar="TEXT", help="The venue's full name.")
@click.option("--track", "tracks", multiple=True, metavar="NAME", help="A track (repeatable; default: main).")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout (never overwrites).")
def rules_new_command(base, new_id, name, tracks, output):
    """Scaffold a rule set for a workshop from a format: valid at once, with every limit "not stated".

    \b
    Examples:
      wscheck rules new --from icml2026 --id icml2026-myws --name "My ICML Workshop"
      wscheck rules new --from neurips2026 --id neurips2026-x --name "X" --track short --track long -o x.yaml
    """
    from wscheck import authoring

    text = authoring.scaffold(base, new_id, name, list(tracks))
    if output is None or output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    target = Path(output)
    if target.exists():
        raise UsageError(f"{output} exists; choose another name (wscheck never overwrites a rule file)")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}; check it with: wscheck rules validate {output}", err=True)
    return EXIT_OK


@rules_group.command("from-cfp", context_settings=CONTEXT_SETTINGS,
    short_help="Write a rule set from a workshop's call for papers.")
@click.argument("calls", nargs=-1, required=True, metavar="CALL...")
@click.option("--format", "-f", "output_format", default="yaml", show_default=True,
              type=click.Choice(["yaml", "json"]),
              help="yaml: a rule set for one call; json: what each call states, for several calls too "
                   "(fields: docs/json-output.md).")
@click.option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option("--id", "ruleset_id", metavar="ID", help="The rule set's id (default: from the file name).")
@click.option("--name", metavar="TEXT", help="The workshop's name (default: the page title).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def rules_from_cfp_command(calls, output_format, output, ruleset_id, name, force):
    """Read a call for papers and write the rule set it states.

    CALL is a file (plain text, Markdown, or HTML saved from the workshop's
    page) or an http(s) URL, fetched only because you gave it. Every value
    quotes the sentence it comes from; what the call does not state is NOT
    CHECKED; what needs a human (a recommended limit, a date to be announced,
    a struck-through value, a limit that depends on the template) is listed at
    the top. The rule set extends the format the call names.

    \b
    Examples:
      wscheck rules from-cfp call.html -o myws.yaml && wscheck rules validate myws.yaml
      wscheck rules from-cfp https://myworkshop.github.io/call
      wscheck rules from-cfp --format json calls/*.md
    """
    from wscheck.cfp.command import from_cfp

    return from_cfp(calls, output_format, output, ruleset_id, name, force)


@rules_group.command("schema", context_settings=CONTEXT_SETTINGS,
    short_help="Print the JSON Schema of rule files.")
@click.option("--path", "show_path", is_flag=True, help="Print where the installed schema file is instead.")
def rules_schema_command(show_path):
    """Print the JSON Schema of rule files (for editor completion and validation).

    \b
    Examples:
      wscheck rules schema > rules.schema.json
      wscheck rules schema --path     # for '# yaml-language-server: $schema=<path>'
    """
    from wscheck import schema

    if show_path:
        click.echo(str(schema.shipped_schema_path()))
    else:
        sys.stdout.write(schema.schema_text())
    return EXIT_OK


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    # --debug is accepted anywhere on the command line (before a lone "--")
    options_end = args.index("--") if "--" in args else len(args)
    debug = "--debug" in args[:options_end]
    args = [a for a in args[:options_end] if a != "--debug"] + args[options_end:]
    try:
        code = cli.main(args=args, prog_name="wscheck", standalone_mode=False)
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
        from wscheck.textsafe import clean

        click.echo(f"wscheck: error: {clean(exc)}", err=True)
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
    except Exception as exc:  # noqa: BLE001 - a bug: one line (or the traceback with --debug), exit 4
        code = _internal_error(exc, debug)
    _exit(code if isinstance(code, int) else EXIT_OK, at_once=argv is None)


def _exit(code: int, at_once: bool) -> None:
    """End the run with `code`. From the command line (`at_once`), once stdout and stderr are
    flushed, without the interpreter's teardown: freeing a run's objects one by one costs about
    25 ms, a tenth of checking a short paper, for memory the system takes back anyway (workers
    end the same way, batch.py). Called with arguments (tests, scripts), or under a tracer or a
    profiler that writes its results at exit, it raises SystemExit as usual."""
    if at_once and not _observed():
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed pipe or stream: nothing more can be written to it
        os._exit(code)
    sys.exit(code)


def _observed() -> bool:
    """A tracer, a profiler or a coverage monitor is attached to this process."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+
    return monitoring is not None and monitoring.get_tool(monitoring.COVERAGE_ID) is not None


def _internal_error(exc: Exception, debug: bool) -> int:
    """Report a bug in wscheck: the traceback under --debug, else one line asking for a report."""
    from wscheck.textsafe import clean

    if debug:
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    reason = clean(" ".join(str(exc).split()))[:300]
    hint = "" if debug else " (run with --debug for the traceback)"
    click.echo(f"wscheck: internal error: {type(exc).__name__}: {reason}; this is a bug in wscheck, please "
               f"report it at {ISSUES_URL}{hint}", err=True)
    return EXIT_INTERNAL
