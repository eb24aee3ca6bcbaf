"""Command-line conventions users know from ruff, black and yamllint.

-v/--verbose and -q/--quiet, --color/--no-color with NO_COLOR and FORCE_COLOR, case-insensitive
venue ids, rules ignored or downgraded (config and command line), --exit-zero, a mistyped path
that suggests the nearest file, and shell completion of venue ids. The CLI runs in-process.
"""
from __future__ import annotations

import io
import json
import os
import shutil

import click
import pytest
from click.shell_completion import ShellComplete

from conftest import fixture
from wscheck import batch, cli, path_hints, rule_selection, ruleset
from wscheck.model import Finding, PaperReport, RuleResult
from wscheck.reporters import text_report

VENUE = "iclr2026-trustworthy-ai"
ANSI = "\x1b["


def run_main(*argv, capsys) -> tuple[int, str, str]:
    """`wscheck ARGV` in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        cli.main([str(a) for a in argv])
    except SystemExit as exc:
        out, err = capsys.readouterr()
        return int(exc.code or 0), out, err
    raise AssertionError("cli.main always exits")


def _all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


def test_v_means_verbose_everywhere_and_venue_keeps_no_one_letter_form():
    for path, command in _all_commands(cli.cli):
        for param in command.params:
            if "-v" in param.opts:
                assert param.name == "verbose", (path, param.opts)
            if "--venue" in param.opts:
                assert param.opts == ["--venue"] and not param.secondary_opts, path
    check = {p.name: p.opts for p in cli.check_command.params}
    assert check["verbose"] == ["--verbose", "-v"] and check["quiet"] == ["--quiet", "-q"]


def test_quiet_colour_and_exit_zero_on_a_failing_paper(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # --color wins over the environment
    code, out, _ = run_main("check", "--venue", VENUE, "--track", "short", "-q", "--color", "--exit-zero",
                            fixture("iclr-anon-over"), capsys=capsys)
    assert code == 0  # the rule failed, and --exit-zero reports without failing the job
    verdict, failed_rule, *wrapped = [click.unstyle(line) for line in out.splitlines()]  # nothing else
    shown = os.path.relpath(fixture("iclr-anon-over"))  # relative to the working directory
    assert verdict == f"{shown}: FAIL: 1 of 9 rules failed (page-limit)"
    assert failed_rule.startswith("  FAIL   page-limit  ") and "page 5" in " ".join([failed_rule, *wrapped])
    assert wrapped and all(line.startswith(" " * len("  FAIL   page-limit  ")) for line in wrapped)  # its message, wrapped
    assert ANSI in out
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")  # --no-color wins too
    code, out, _ = run_main("check", "--venue", VENUE, "--track", "short", "--no-color", fixture("iclr-anon-over"),
                            capsys=capsys)
    assert code == 1 and ANSI not in out and "cut 3 lines" in out  # without -q, the findings and fixes


def _report() -> PaperReport:
    passed = RuleResult(rule="fonts", check="fonts", status="pass", message="all fonts embedded",
                        findings=[Finding(page=2, text="Times-Roman", detail="embedded subset")])
    failed = RuleResult(rule="page-limit", check="page-limit", status="fail", message="runs onto page 5",
                        findings=[Finding(page=5, text="last line", fix="cut 3 lines", line=3)])
    return PaperReport(file="paper.pdf", venue=VENUE, results=[passed, failed], pages=5)


@pytest.mark.parametrize("env, flag, coloured", [
    ({}, None, False), ({"FORCE_COLOR": "1"}, None, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, None, False),
    ({"NO_COLOR": "1"}, True, True), ({"FORCE_COLOR": "1"}, False, False), ({"FORCE_COLOR": ""}, None, False)])
def test_colour_follows_the_flag_then_no_color_then_force_color(monkeypatch, env, flag, coloured):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = io.StringIO()  # not a terminal: no colour unless asked for
    text_report.render([_report()], stream, {"color": flag})
    assert (ANSI in stream.getvalue()) is coloured


def test_no_color_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    stream = Terminal()
    text_report.render([_report()], stream, {})
    assert ANSI not in stream.getvalue() and "FAIL" in stream.getvalue()


def test_verbose_shows_the_findings_of_rules_that_passed_and_quiet_only_failures():
    outputs = {}
    for verbosity in (-1, 0, 1):
        stream = io.StringIO()
        text_report.render([_report()], stream, {"verbosity": verbosity})
        outputs[verbosity] = stream.getvalue()
    assert "Times-Roman" in outputs[1] and "Times-Roman" not in outputs[0]
    assert "cut 3 lines" in outputs[0] and "cut 3 lines" in outputs[1]
    assert outputs[-1].splitlines() == ["paper.pdf: FAIL: 1 of 2 rules failed (page-limit)",
                                        "  FAIL   page-limit  runs onto page 5"]


def test_verbose_and_quiet_together_is_a_usage_error(capsys):
    code, _, err = run_main("check", "-v", "-q", "--venue", VENUE, fixture("iclr-anon-short"), capsys=capsys)
    assert code == 2 and "either --verbose or --quiet" in err


def test_venue_ids_are_case_insensitive_and_suggestions_most_similar_first(capsys):
    assert ruleset.load("ICLR2026-Trustworthy-AI").id == VENUE
    assert ruleset.canonical_id("ICML2026") == "icml2026"
    assert ruleset.suggest("icml2026-mechinterpp")[0] == "icml2026-mechinterp"
    assert ruleset.suggest("ICML2026-MECHINTERPP")[0] == "icml2026-mechinterp"
    suggestions = ruleset.suggest("icml2026-audi")
    assert suggestions[0] == "icml2026-audio" and len(suggestions) <= 3
    import difflib

    ratios = [difflib.SequenceMatcher(None, "icml2026-audi", s).ratio() for s in suggestions]
    assert ratios == sorted(ratios, reverse=True)
    assert "iclr2026-trustworthy-ai" in ruleset.suggest("trustworthy")  # a part of the id is enough


def test_ignore_from_the_config_and_warn_only_from_the_command_line(tmp_path, monkeypatch, capsys):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".wscheck.yaml").write_text(f"venue: {VENUE}\ntrack: short\nignore: [text-block]\n")
    shutil.copy(fixture("iclr-anon-over"), tmp_path / "paper.pdf")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_main("check", "--warn-only", "page-limit", "--ignore", "fonts,body-font", "--format", "json",
                            "paper.pdf", capsys=capsys)
    report = json.loads(out)
    rules = {r["rule"]: r for r in report["results"]}
    assert not {"text-block", "fonts", "body-font"} & set(rules)
    assert rules["page-limit"]["status"] == "warn" and rules["page-limit"]["level"] == "warning"
    assert (report["verdict"], code) == ("pass", 0)  # the paper runs onto page 5, which now only warns
    (tmp_path / ".wscheck.yaml").write_text(f"venue: {VENUE}\nignore: [text-blok]\n")
    code, _, err = run_main("check", "paper.pdf", capsys=capsys)
    assert code == 2
    assert f"{tmp_path / '.wscheck.yaml'}: ignore: rule set '{VENUE}' has no rule 'text-blok'; did you mean " \
           "text-block?" in err
    (tmp_path / ".wscheck.yaml").write_text(f"venue: {VENUE}\nwarn-only: {{page-limit: 1}}\n")
    code, _, err = run_main("check", "paper.pdf", capsys=capsys)
    assert code == 2 and "'warn-only' must be a list of rule ids" in err


def test_warn_only_downgrades_findings_a_check_marked_as_errors_and_never_hides_an_error():
    selection = rule_selection.RuleSelection()
    selection.add([], ["pdf-file, page-limit"], "--ignore", "--warn-only")
    scanned = RuleResult(rule="pdf-file", check="pdf-file", status="fail", message="scanned",
                         findings=[Finding(page=1, text="no text", level="error")])
    broken = RuleResult(rule="page-limit", check="page-limit", status="error", message="could not run")
    report = PaperReport(file="p.pdf", results=[scanned, broken])
    rule_selection.downgrade([report], selection)
    assert (scanned.status, scanned.findings[0].level, broken.status) == ("warn", "warning", "error")
    loaded = ruleset.load(VENUE)
    changed = rule_selection.apply(loaded, selection)
    assert changed.rules["page-limit"].level == "warning" and loaded.rules["page-limit"].level == "error"


def test_exit_zero_still_exits_3_when_a_pdf_could_not_be_read(monkeypatch, capsys):
    def fake_run_each(task, requests, on_done, **options):
        on_done(1, PaperReport(file=requests[1].path, error="not a PDF"))
        on_done(0, PaperReport(file=requests[0].path, results=[RuleResult("page-limit", "page-limit", "fail", "x")]))

    monkeypatch.setattr(batch, "run_each", fake_run_each)
    files = [fixture("iclr-anon-over"), fixture("iclr-anon-short")]
    assert run_main("check", "--venue", VENUE, "-q", *files, capsys=capsys)[0] == 1
    assert run_main("check", "--venue", VENUE, "-q", "--exit-zero", *files, capsys=capsys)[0] == 3


def test_a_mistyped_path_is_a_usage_error_naming_the_nearest_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "paper").mkdir()
    shutil.copy(fixture("iclr-anon-short"), tmp_path / "paper" / "main.pdf")
    (tmp_path / "paper" / "main.tex").write_text("")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main("check", "--venue", VENUE, "paper/mian.pdf", capsys=capsys)
    assert code == 2 and out == ""
    assert err.strip() == "wscheck: error: paper/mian.pdf: no such file or folder (did you mean paper/main.pdf?)"
    assert path_hints.nearest_path("papr/main.pdf") == "paper/main.pdf"
    assert path_hints.nearest_path(str(tmp_path / "paper" / "main.pdf.pdf")) == str(tmp_path / "paper" / "main.pdf")
    assert path_hints.nearest_path("nothing-like-it.pdf") is None
    (tmp_path / "paper" / "mine\x1b.pdf").write_text("")  # closer to the typo than main.pdf
    assert path_hints.nearest_path("paper/mine.pdf") == "paper/main.pdf"  # the escape-laden name is never offered
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "missing-target.pdf")
    assert path_hints.missing_input_message("gone.pdf") is None  # a dangling link is an unreadable file, not a typo


def test_shell_completion_completes_venue_ids_in_any_case():
    completion = ShellComplete(cli.cli, {}, "wscheck", "_WSCHECK_COMPLETE")
    values = [item.value for item in completion.get_completions(["check", "--venue"], "icml2026-m")]
    assert values == ["icml2026-mechinterp"]
    assert [i.value for i in completion.get_completions(["check", "--venue"], "ICML2026-M")] == values
    assert "iclr2026-trustworthy-ai" in [i.value for i in completion.get_completions(["deadlines", "--venue"], "")]
    assert [i.type for i in completion.get_completions(["check", "--venue", VENUE], "pap")] == ["file"]
    assert [i.value for i in completion.get_completions(["rules", "show"], "icml2026-me")] == values


def test_report_option_wants_format_equals_a_file_of_its_own(tmp_path, capsys):
    paper = fixture("iclr-anon-short")
    code, _, err = run_main("check", "--venue", VENUE, "--report", "pdf=x.pdf", paper, capsys=capsys)
    assert code == 2 and "FORMAT=FILE" in err
    code, _, err = run_main("check", "--venue", VENUE, "-o", tmp_path / "r.json", "--report",
                            f"sarif={tmp_path / 'r.json'}", paper, capsys=capsys)
    assert code == 2 and "a file of its own" in err
    code, _, err = run_main("check", "--venue", VENUE, "--report", "json=-", paper, capsys=capsys)
    assert code == 2 and "only --output can be stdout" in err
    assert not list(tmp_path.iterdir())  # nothing was written
