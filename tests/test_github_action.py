"""The GitHub Action's step (src/wscheck/github_action.py) run with a fake GITHUB_* environment.

Each test lays out a workspace in tmp_path (a git repository, as a checkout is), sets the
INPUT_* variables that action.yml maps, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and runs the
step. Most run the checker in-process through a counting runner; one runs the real command.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, fixture
from wscheck import cli, github_action

VENUE = "iclr2026-trustworthy-ai"


class Runner:
    """Runs `wscheck check` in this process, as the step would in a child, and counts the runs."""

    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, argv: list[str], cwd: str) -> tuple[int, str]:
        self.calls.append(argv)
        assert Path(cwd).resolve() == Path.cwd().resolve()  # the tests chdir into the workspace
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            try:
                cli.main(argv)
            except SystemExit as exc:
                return int(exc.code or 0), stderr.getvalue()
        raise AssertionError("cli.main always exits")


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root)
    return root


def environment(root: Path, **inputs: str) -> dict[str, str]:
    env = {"GITHUB_WORKSPACE": str(root), "GITHUB_OUTPUT": str(root.parent / "output.txt"),
           "GITHUB_STEP_SUMMARY": str(root.parent / "summary.md"), "RUNNER_TEMP": str(root.parent)}
    for name, value in inputs.items():
        env["INPUT_" + name.upper()] = value
    (root.parent / "output.txt").write_text("")
    (root.parent / "summary.md").write_text("# an earlier step's summary\n")
    return env


def step_outputs(env: dict[str, str]) -> dict[str, str]:
    """GITHUB_OUTPUT parsed the way the runner does (name<<DELIMITER ... DELIMITER)."""
    text = Path(env["GITHUB_OUTPUT"]).read_text()
    return {m.group(1): m.group(3) for m in re.finditer(r"^([\w-]+)<<(\S+)\n(.*?)\n\2$", text, re.M | re.S)}


def annotations(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("::")]


def test_config_only_one_run_writes_annotations_summary_report_and_evidence(workspace, capsys):
    (workspace / ".wscheck.yaml").write_text(f"venue: {VENUE}\ntrack: short\n")
    shutil.copy(fixture("iclr-anon-over"), workspace / "main.pdf")
    env = environment(workspace, files="main.pdf", evidence="evidence pages")
    runner = Runner()
    outcome = github_action.run(env, runner)
    out = capsys.readouterr().out

    assert len(runner.calls) == 1  # one run of the checker gives every output
    assert not {"--venue", "--track", "--stage"} & set(runner.calls[0])  # nothing overrides the config
    assert (outcome.exit_code, outcome.step_code) == (1, 1)  # the paper runs onto page 5: the step fails
    [page_limit] = [a for a in annotations(out) if "page-limit" in a]
    assert page_limit.startswith("::error file=main.pdf,line=218,title=wscheck page-limit (p.5)::")
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert summary.startswith("# an earlier step's summary\n")  # appended, never overwritten
    assert "| main.pdf |" in summary and "page-limit" in summary
    report = json.loads((workspace / "wscheck-report.json").read_text())
    assert (report["venue"], report["track"], report["verdict"]) == (VENUE, "short", "fail")
    assert step_outputs(env) == {"exit-code": "1", "report": "wscheck-report.json", "evidence": "evidence pages"}
    assert list((workspace / "evidence pages").rglob("page-005.png"))  # the folder the next step uploads


def test_stage_comes_from_the_config_unless_the_input_gives_one(workspace, capsys):
    (workspace / ".wscheck.yaml").write_text(f"venue: {VENUE}\nstage: camera-ready\n")
    shutil.copy(fixture("iclr-anon-short"), workspace / "paper.pdf")
    env = environment(workspace, files="paper.pdf", format="json", output="out/report.json")
    runner = Runner()
    github_action.run(env, runner)
    assert json.loads((workspace / "out" / "report.json").read_text())["stage"] == "camera-ready"
    assert "--stage" not in runner.calls[0]
    # an input that is given does override the config
    inputs = github_action.read_inputs({**env, "INPUT_STAGE": "submission"})
    argv = github_action.check_arguments(inputs, ["paper.pdf"], "summary.md", "")
    assert argv[argv.index("--stage") + 1] == "submission"


def test_a_missing_pdf_fails_the_step_even_when_unreadable_pdfs_are_allowed(workspace, capsys):
    (workspace / ".wscheck.yaml").write_text(f"venue: {VENUE}\n")
    (workspace / "main.tex").write_text("\\documentclass{article}")  # the build did not produce main.pdf
    runner = Runner()
    env = environment(workspace, files="main.pdf", allow_unreadable="true")
    outcome = github_action.run(env, runner)
    out = capsys.readouterr().out
    assert outcome.step_code == 2 and len(runner.calls) == 1
    assert any(a.startswith("::error title=wscheck::") and "main.pdf: no such file" in a for a in annotations(out))
    assert "wscheck could not run" in Path(env["GITHUB_STEP_SUMMARY"]).read_text()
    assert step_outputs(env)["exit-code"] == "2"
    # a glob that matches nothing fails before anything runs
    outcome = github_action.run(environment(workspace, files="build/**/*.pdf"), runner)
    assert outcome.step_code == 2 and len(runner.calls) == 1
    assert "no file matches 'build/**/*.pdf'" in capsys.readouterr().out


def test_an_unreadable_pdf_fails_the_step_unless_allowed(workspace, capsys):
    (workspace / ".wscheck.yaml").write_text(f"venue: {VENUE}\n")
    (workspace / "main.pdf").write_text("<!DOCTYPE html><html>Sign in</html>")
    runner = Runner()
    strict = github_action.run(environment(workspace, files="main.pdf"), runner)
    allowed = github_action.run(environment(workspace, files="main.pdf", allow_unreadable="true"), runner)
    assert (strict.exit_code, strict.step_code) == (3, 3)
    assert (allowed.exit_code, allowed.step_code) == (3, 0)
    assert "::error file=main.pdf,title=wscheck%3A PDF could not be read::main.pdf: not a PDF" in capsys.readouterr().out
    with pytest.raises(github_action.ActionError, match="true or false"):
        github_action._flag(github_action.read_inputs({"INPUT_ALLOW_UNREADABLE": "yes"}), "allow-unreadable")


def test_paths_with_spaces_and_recursive_globs_with_the_real_command(workspace, capfd):
    folder = workspace / "paper sources" / "build"
    folder.mkdir(parents=True)
    shutil.copy(fixture("iclr-anon-over"), folder / "main paper.pdf")
    env = environment(workspace, files="paper sources/build/main paper.pdf\n**/*.pdf\n", venue=VENUE,
                      track="short", format="sarif")
    outcome = github_action.run(env)  # the real runner: `python -m wscheck check ...` in a child process
    out = capfd.readouterr().out
    assert outcome.argv[-2:] == ("--", "paper sources/build/main paper.pdf")  # the glob found it once more
    assert "::error file=paper sources/build/main paper.pdf,line=218,title=wscheck page-limit (p.5)::" in out
    sarif = json.loads((workspace / "wscheck-report.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "paper%20sources/build/main%20paper.pdf")
    assert outcome.step_code == 1


def test_given_inputs_become_options_and_absent_ones_add_nothing():
    inputs = github_action.read_inputs({"INPUT_FILES": "main.pdf"})
    assert github_action.check_arguments(inputs, ["main.pdf"], "/tmp/s.md", "wscheck-report.json") == [
        "check", "--format", "github", "--report", "markdown=/tmp/s.md", "--report", "json=wscheck-report.json",
        "--", "main.pdf"]
    inputs = github_action.read_inputs({
        "INPUT_VENUE": "icml2026-mechinterp", "INPUT_TRACK": "short", "INPUT_AUTHORS": "Jane Doe\ngithub:jdoe\n",
        "INPUT_AUTHORS_FILE": "authors.csv", "INPUT_AUTHOR_MAP": "a.csv", "INPUT_TRACK_MAP": "t.csv",
        "INPUT_IGNORE": "text-block", "INPUT_WARN_ONLY": "line-numbers", "INPUT_EXIT_ZERO": "true",
        "INPUT_FORMAT": ""})
    argv = github_action.check_arguments(inputs, ["-odd.pdf"], "s.md", github_action.report_path(inputs))
    assert argv == ["check", "--venue", "icml2026-mechinterp", "--track", "short", "--authors-file", "authors.csv",
                    "--author-map", "a.csv", "--track-map", "t.csv", "--author", "Jane Doe", "--author",
                    "github:jdoe", "--ignore", "text-block", "--warn-only", "line-numbers", "--exit-zero",
                    "--format", "github", "--report", "markdown=s.md", "--", "-odd.pdf"]


def test_the_cfp_input_passes_check_cfp():
    inputs = github_action.read_inputs({"INPUT_CFP": "call.txt"})
    argv = github_action.check_arguments(inputs, ["main.pdf"], "s.md", "")
    assert argv[argv.index("--cfp") + 1] == "call.txt"
    # the checker parses that command line: every option exists and takes the value given
    context = cli.check_command.make_context("check", argv[1:])
    assert context.params["cfp"] == "call.txt" and context.params["inputs"] == ("main.pdf",)


def test_action_yml_maps_every_input_to_the_script():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    inputs = action["inputs"]
    assert [name for name, spec in inputs.items() if spec.get("required")] == ["files"]  # the config has the rest
    steps = action["runs"]["steps"]
    check = next(s for s in steps if s.get("id") == "check")
    assert check["run"] == "python -m wscheck.github_action"
    handled_elsewhere = {"python-version", "wscheck-version", "artifact-name"}
    assert set(inputs) - handled_elsewhere == set(github_action.INPUTS)
    for name in github_action.INPUTS:
        assert check["env"]["INPUT_" + name.upper().replace("-", "_")] == "${{ inputs.%s }}" % name
    assert inputs["format"]["default"] == github_action.DEFAULT_FORMAT
    assert all(inputs[name]["default"] == "" for name in (*github_action.VALUE_OPTIONS, *github_action.LIST_OPTIONS))
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["if"] == "always() && inputs.evidence != ''"
    assert upload["with"]["path"] == "${{ inputs.evidence }}"
