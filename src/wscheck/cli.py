"""Command line: `wscheck check|inspect|venues ...`."""
from __future__ import annotations

import os
import re
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
from wscheck.reporters import CHECK_FORMATS

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS, epilog=EXIT_CODES_HELP.replace("\n", "\n\n\b\n", 1))
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


def _prepare_output(path: str | None) -> None:
    """Fail before a long batch, not after it, when the report cannot be written; make its folder."""
    if path is None or path == "-":
        return
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    if os.path.isdir(path):
        raise UsageError(f"cannot write {path}: it is a folder")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(f"cannot write {path}: permission denied")


def _open_output(path: str | None):
    if path is None or path == "-":
        return sys.stdout, False
    try:
        return open(path, "w", encoding="utf-8", newline=""), True
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


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


# -- check ------------------------------------------------------------------------
@cli.command("check", context_settings=CONTEXT_SETTINGS,
    short_help="Check PDFs against a venue's rules: a pass/fail report.",
    epilog=EXIT_CODES_HELP.replace("\n", "\n\n\b\n", 1))
@click.argument("inputs", nargs=-1, required=True, metavar="PDF_OR_FOLDER...")
@click.option("--venue", "-v", metavar="ID", help="Built-in rule set to check against (see `wscheck venues`).")
@click.option("--rules", "rules_file", metavar="FILE", help="A rule set file that is not built in.")
@click.option("--cfp", "cfp", metavar="CALL",
              help="Check against a workshop's call for papers (a text, Markdown or HTML file, or an http(s) URL) "
                   "instead of a rule set: the rules are read from it as `wscheck rules from-cfp` does.")
@click.option("--track", "-t", metavar="NAME", help="Submission track (default: the venue's default track).")
@click.option("--stage", type=click.Choice(["submission", "camera-ready"]), default=None,
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
              help="Report format: text (terminal), json (an object per paper), csv (one row per paper), junit (XML), "
                   "sarif (2.1.0), github (workflow annotations), markdown ($GITHUB_STEP_SUMMARY), html (one "
                   "self-contained page for the batch).")
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout.")
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
              help="Write a PNG of every page with a failure, each violation boxed and labelled, to "
                   "DIR/<paper>/page-NNN.png.")
@file_bounds
@click.option("--no-config", is_flag=True, help="Ignore .wscheck.yaml (found from the working directory upward).")
def check_command(inputs, venue, rules_file, cfp, track, stage, max_pages, excludes, page_limit, output_format,
                  output, authors, authors_file, author_map, track_map, evidence_dir, jobs, timeout, memory_mb,
                  no_config):
    """Check PDFs against a venue's rules and print a pass/fail report.

    Each rule gets one row: PASS, FAIL, WARN or NOT CHECKED. A failure gives
    the page, the offending text and how to fix it. With several papers, the
    text report ends with a summary table; other formats suit spreadsheets
    (csv), CI (junit, sarif, github, markdown) and organizers (html). Venue,
    track, stage and authors may come from a .wscheck.yaml in the working
    directory or above; options given here override it.

    \b
    Examples:
      wscheck check --venue iclr2026-trustworthy-ai --track short paper.pdf
      wscheck check --venue icml2026-mechinterp --format json paper.pdf
      wscheck check --venue iclr2026-trustworthy-ai submissions/ --jobs 2 --format csv -o table.csv
      wscheck check --venue iclr2026-trustworthy-ai submissions/ --track-map tracks.csv \\
          --author-map authors.csv --evidence evidence/ --format html -o report.html
      wscheck check --venue icml2026-mechinterp --author "Jane Doe" --author github:jdoe paper.pdf
      wscheck check paper.pdf            # venue, track and authors from .wscheck.yaml
      wscheck check --cfp call.html --track short paper.pdf
      wscheck check --venue icml2026 --max-pages 4 --excludes references,appendix paper.pdf
    """
    from wscheck import ruleset
    from wscheck.authors import collect_identities
    from wscheck.config import combine, find_config
    from wscheck.deadlines import now_utc, passed_deadline_notes
    from wscheck.model import PaperReport
    from wscheck.runner import CheckRequest, check_file

    if sum(bool(x) for x in (venue, rules_file, cfp)) > 1:
        raise UsageError("give one of --venue, --rules or --cfp")
    settings = combine(None if no_config else find_config(), venue, rules_file or cfp, track, stage, authors)
    if not settings.rule_set:
        raise UsageError("which venue? give --venue ID (see `wscheck venues`), --rules FILE, or write "
                         "'venue: ID' in .wscheck.yaml")
    track, stage = settings.track, settings.stage
    config_authors = settings.config.authors if settings.config else []
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
    resolved_track = rule_set.resolve_track(track)
    if stage not in rule_set.stages:
        raise UsageError(f"venue {rule_set.id!r} has no rules for stage {stage!r}; stages: "
                         f"{', '.join(rule_set.stages)}")
    try:
        identities = [i.spec for i in collect_identities(authors, authors_file, config_authors)]
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    files = expand_inputs(inputs)
    _prepare_output(output)
    tracks = _paper_tracks(track_map, files, rule_set, resolved_track)
    paper_authors = _paper_authors(author_map, files, identities)
    evidence = _evidence_dirs(evidence_dir, files)
    requests = [CheckRequest(path=f, ruleset=rule_set, track=tracks[i], stage=stage, authors=paper_authors[i],
                             evidence_dir=evidence[i]) for i, f in enumerate(files)]

    def on_error(request, reason: str) -> PaperReport:
        return PaperReport(file=request.path, venue=rule_set.id, track=request.track, stage=stage,
                           error=f"{request.path}: {reason}" if request.path not in reason else reason)

    reports = _run(check_file, requests, on_error, jobs, timeout, memory_mb)
    notes = cfp_notes + passed_deadline_notes(rule_set, stage, now_utc())
    for report in reports:
        if not report.error:
            report.notes.extend(notes)
    _write_report(output_format, reports, output, {"single": len(inputs) == 1 and len(files) == 1,
                                                   "ruleset": rule_set, "output": output,
                                                   "evidence_dir": evidence_dir})
    return _exit_code([r.verdict for r in reports])


def _write_report(output_format: str, reports, output: str | None, options: dict) -> None:
    from wscheck import reporters

    stream, close = _open_output(output)
    try:
        reporters.get(output_format).render(reports, stream, options)
    finally:
        if close:
            stream.close()


def _warn(message: str) -> None:
    click.echo(f"wscheck: warning: {message}", err=True)


def _report_map_use(paper_map, files: list[str], what: str) -> None:
    if paper_map.ignored_columns:
        _warn(f"{paper_map.path}: ignored columns for the {what} map: {', '.join(paper_map.ignored_columns)}")
    unmatched = paper_map.unmatched(files)
    if unmatched:
        _warn(f"{paper_map.path}: {len(unmatched)} entr{'y matches' if len(unmatched) == 1 else 'ies match'} "
              f"no input file: {', '.join(unmatched)}")


def _paper_tracks(track_map: str | None, files: list[str], rule_set, default: str | None) -> list[str | None]:
    if not track_map:
        return [default] * len(files)
    from wscheck.errors import RuleSetError
    from wscheck.paper_maps import read_track_map

    paper_map = read_track_map(track_map)
    for key, (track,) in paper_map.values.items():
        try:
            rule_set.resolve_track(track)
        except RuleSetError as exc:
            raise UsageError(f"{track_map}:{paper_map.lines[key]}: {exc}") from None
    _report_map_use(paper_map, files, "track")
    return [(paper_map.lookup(f) or [default])[0] for f in files]


def _paper_authors(author_map: str | None, files: list[str], common: list[str]) -> list[list[str]]:
    if not author_map:
        return [list(common) for _ in files]
    from wscheck.paper_maps import read_author_map

    paper_map = read_author_map(author_map)
    _report_map_use(paper_map, files, "author")
    out = []
    for file in files:
        own = paper_map.lookup(file) or []
        out.append(list(common) + [a for a in own if a not in common])
    return out


def _evidence_dirs(root: str | None, files: list[str]) -> list[str | None]:
    """One folder per paper under ROOT, named after the file; repeated names get -2, -3..."""
    if not root:
        return [None] * len(files)
    if os.path.exists(root) and not os.path.isdir(root):
        raise UsageError(f"--evidence {root}: exists and is not a folder")
    used: dict[str, int] = {}
    out = []
    for file in files:
        stem = Path(file).stem if file.lower().endswith(".pdf") else Path(file).name
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "paper"
        used[name] = used.get(name, 0) + 1
        out.append(os.path.join(root, name if used[name] == 1 else f"{name}-{used[name]}"))
    return out


def _run(task, items, on_error, jobs, timeout, memory_mb):
    """Each file in its own child process, bounded in time and memory (wscheck.batch)."""
    from wscheck import batch

    jobs = jobs or os.cpu_count() or 1
    options = {"on_error": on_error, "jobs": jobs, "timeout": timeout, "memory_mb": memory_mb,
               "cost": _file_size}
    progress = _progress(len(items))
    if progress is None:
        return batch.run_all(task, items, **options)
    with progress:
        bar = progress.add_task("check", total=len(items))

        def done(index, result):
            progress.advance(bar)
            progress.refresh()

        return batch.run_all(task, items, on_done=done, **options)


def _file_size(item) -> float:
    """A file's size in bytes: the batch starts the largest PDFs first."""
    path = getattr(item, "path", item)
    try:
        return float(os.path.getsize(path))
    except (OSError, TypeError, ValueError):
        return 0.0


# -- inspect ------------------------------------------------------------------------
@cli.command("inspect", context_settings=CONTEXT_SETTINGS,
    short_help="Show what wscheck sees: template, sections, identity.")
@click.argument("inputs", nargs=-1, required=True, metavar="PDF_OR_FOLDER...")
@click.option("--format", "-f", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json"]), help="Output format (json follows CONTRACT.md).")
@file_bounds
def inspect_command(inputs, output_format, jobs, timeout, memory_mb):
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

    results = _run(inspect_file, files, on_error, jobs, timeout, memory_mb)
    if output_format == "json":
        import json

        data = results[0] if len(files) == 1 and len(inputs) == 1 else results
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        render_text(results, sys.stdout)
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
@click.option("--venue", "-v", "venues", multiple=True, metavar="ID",
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
    coming, passed = dl.ordered(entries, now)
    if upcoming:
        passed = []
    if output_format == "ics":
        from wscheck.ics import calendar

        sys.stdout.flush()
        sys.stdout.buffer.write(calendar(coming + passed, now).encode("utf-8"))
        return EXIT_OK
    rows = [{"venue": d.venue, "name": d.name, "label": d.label, "as_stated": dl.stated(d),
             "deadline": d.moment.isoformat(), "local": d.local(local).strftime("%Y-%m-%d %H:%M %Z").strip(),
             "passed": d.passed(now), "countdown": dl.when_text(d, now), "seconds_left": int(
                 (d.moment - now).total_seconds()), "source": d.source}
            for d in coming + passed]
    if output_format == "json":
        import json

        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        click.echo("no deadlines" + (" to come" if upcoming else "") + " in the selected rule sets")
        return EXIT_OK
    from rich.table import Table

    from wscheck.reporters.text_report import make_console

    console = make_console(sys.stdout)
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in ("", "venue", "deadline", "as stated in the call", "your time", "when"):
        table.add_column(column, overflow="fold")
    for row in rows:
        mark = "PASSED" if row["passed"] else "UPCOMING"
        table.add_row(mark, row["venue"], row["label"], row["as_stated"], row["local"], row["countdown"],
                      style="dim" if row["passed"] else None)
    console.print(table)
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
@click.argument("venue", metavar="ID_OR_FILE")
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
@click.option("--from", "base", required=True, metavar="FORMAT",
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
              help="yaml: a rule set for one call; json: what each call states (CONTRACT.md, several calls).")
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
