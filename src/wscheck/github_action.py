"""The GitHub Action's step: `python -m wscheck.github_action` (action.yml runs it).

Inputs arrive as INPUT_<NAME> environment variables (action.yml maps each one; dashes
become underscores). An input that is absent or empty adds nothing to the command
line, so `.wscheck.yaml` keeps its say: no venue input means the config's venue, no
stage input means the config's stage.

One `wscheck check` run writes every output:
  * annotations: `--format github` on stdout, which the runner reads (with `line=`);
  * the job summary: `--report markdown=...`, appended to $GITHUB_STEP_SUMMARY;
  * the report file in `format` (json by default; sarif for github/codeql-action/upload-sarif);
  * evidence PNGs with `evidence: DIR`, which the next step of action.yml uploads.
Step outputs (GITHUB_OUTPUT): `exit-code`, `report`, `evidence`.

`files` holds one path or glob per line, so a path may contain spaces; `**` matches
folders at any depth. A glob that matches nothing fails the step, and so does a
path that does not exist (the checker's usage error): a PDF the LaTeX build did not
produce must never give a green step. The step fails on every non-zero exit code
except 3 (a PDF could not be read) when `allow-unreadable` is true.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from wscheck.errors import EXIT_OK, EXIT_RULE_FAILED, EXIT_UNREADABLE, EXIT_USAGE
from wscheck.reporters import CHECK_FORMATS
from wscheck.reporters.github_report import escape_data
from wscheck.reporters.markdown_report import md

# input -> the `wscheck check` option it becomes, when given
VALUE_OPTIONS = {
    "venue": "--venue", "rules": "--rules", "cfp": "--cfp", "track": "--track", "stage": "--stage",
    "authors-file": "--authors-file", "author-map": "--author-map", "track-map": "--track-map",
    "evidence": "--evidence",
}
LIST_OPTIONS = {"authors": "--author", "ignore": "--ignore", "warn-only": "--warn-only"}  # one value per line
FLAG_INPUTS = ("allow-unreadable", "exit-zero")
OTHER_INPUTS = ("files", "format", "output")
INPUTS = (*VALUE_OPTIONS, *LIST_OPTIONS, *FLAG_INPUTS, *OTHER_INPUTS)
DEFAULT_FORMAT = "json"
EXTENSIONS = {"junit": "xml", "markdown": "md", "text": "txt", "github": "txt"}
_GLOB = re.compile(r"[*?[]")


class ActionError(Exception):
    """An input the step cannot use: one error annotation, exit 2."""


@dataclass
class Outcome:
    exit_code: int  # the checker's exit code (or 2 for a bad input)
    step_code: int  # what the step exits with: 0 unless it fails
    report: str = ""
    argv: tuple[str, ...] = ()


def read_inputs(env: Mapping[str, str]) -> dict[str, str]:
    """INPUT_<NAME> values, stripped; an input that is not set reads as ""."""
    values = {name: env.get("INPUT_" + name.upper().replace("-", "_"), "").strip() for name in INPUTS}
    if "INPUT_FORMAT" not in env:
        values["format"] = DEFAULT_FORMAT
    return values


def _flag(inputs: dict[str, str], name: str) -> bool:
    value = inputs[name].lower()
    if value in ("", "false"):
        return False
    if value == "true":
        return True
    raise ActionError(f"input '{name}' must be true or false, not {inputs[name]!r}")


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def expand_files(value: str, workspace: str) -> list[str]:
    """One path or glob per line, relative to the workspace; globs sorted, `**` recursive, duplicates once."""
    files: list[str] = []
    for entry in _lines(value):
        if _GLOB.search(entry) and not os.path.lexists(os.path.join(workspace, entry)):
            matches = sorted(glob(entry, root_dir=workspace, recursive=True))
            if not matches:
                raise ActionError(f"no file matches {entry!r} (input 'files'); did the PDF build fail?")
            files.extend(matches)
        else:
            files.append(entry)  # a missing path is the checker's usage error, with the nearest file
    if not files:
        raise ActionError("input 'files' is empty: name the paper's PDF, e.g. files: main.pdf")
    return list(dict.fromkeys(files))


def report_path(inputs: dict[str, str]) -> str:
    """The report file for `format`, or "" when format is empty or none."""
    report_format = inputs["format"].lower()
    if report_format in ("", "none"):
        return ""
    if report_format not in CHECK_FORMATS:
        raise ActionError(f"input 'format' must be one of {', '.join(CHECK_FORMATS)} (or empty), "
                          f"not {inputs['format']!r}")
    return inputs["output"] or f"wscheck-report.{EXTENSIONS.get(report_format, report_format)}"


def check_arguments(inputs: dict[str, str], files: list[str], summary: str, report: str) -> list[str]:
    """The one `wscheck check` command line: only the inputs that were given."""
    argv = ["check"]
    for name, option in VALUE_OPTIONS.items():
        if inputs[name]:
            argv += [option, inputs[name]]
    for name, option in LIST_OPTIONS.items():
        for value in _lines(inputs[name]):
            argv += [option, value]
    if _flag(inputs, "exit-zero"):
        argv.append("--exit-zero")
    argv += ["--format", "github", "--report", f"markdown={summary}"]
    if report:
        argv += ["--report", f"{inputs['format'].lower()}={report}"]
    return [*argv, "--", *files]


def run_checker(argv: list[str], cwd: str) -> tuple[int, str]:
    """`wscheck check ...` with this Python; stdout (the annotations) goes straight to the log."""
    sys.stdout.flush()
    process = subprocess.run([sys.executable, "-m", "wscheck", *argv], cwd=cwd, stderr=subprocess.PIPE,
                             text=True, errors="replace", check=False)
    return process.returncode, process.stderr


def _echo_stderr(text: str) -> None:
    for line in text.splitlines():
        # never let a line of the checker's stderr pass for a workflow command
        print(("wscheck: " + line) if line.lstrip().startswith("::") else line, file=sys.stderr)


def _error_annotation(message: str) -> None:
    print(f"::error title=wscheck::{escape_data(message)}", flush=True)


def _failure_message(stderr: str, code: int) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(("wscheck: error:", "Error:"))]
    return (errors or lines or [f"wscheck exited with code {code}"])[-1]


def write_outputs(env: Mapping[str, str], outputs: dict[str, str]) -> None:
    """Step outputs in GITHUB_OUTPUT's multi-line form, which no value (a path with a newline) can break."""
    path = env.get("GITHUB_OUTPUT")
    if not path:
        return
    with open(path, "a", encoding="utf-8") as stream:
        for name, value in outputs.items():
            delimiter = f"ghadelimiter_{uuid.uuid4()}"
            stream.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def append_summary(env: Mapping[str, str], text: str) -> None:
    path = env.get("GITHUB_STEP_SUMMARY")
    if path and text:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text if text.endswith("\n") else text + "\n")


def step_code(code: int, allow_unreadable: bool) -> int:
    """0 when the step passes: the checker passed, or only PDFs that could not be read and that is allowed."""
    if code == EXIT_OK or (code == EXIT_UNREADABLE and allow_unreadable):
        return 0
    return code


def run(env: Mapping[str, str], runner: Callable[[list[str], str], tuple[int, str]] = run_checker) -> Outcome:
    """The whole step; `runner` runs the checker (a test passes its own)."""
    workspace = env.get("GITHUB_WORKSPACE") or os.getcwd()
    inputs = read_inputs(env)
    try:
        allow_unreadable = _flag(inputs, "allow-unreadable")
        _flag(inputs, "exit-zero")
        files = expand_files(inputs["files"], workspace)
        report = report_path(inputs)
    except ActionError as exc:
        _error_annotation(str(exc))
        append_summary(env, f"**wscheck could not run:** {md(str(exc))}")
        write_outputs(env, {"exit-code": str(EXIT_USAGE), "report": "", "evidence": ""})
        return Outcome(EXIT_USAGE, EXIT_USAGE)
    scratch = tempfile.mkdtemp(prefix="wscheck-", dir=env.get("RUNNER_TEMP") or None)
    summary = os.path.join(scratch, "summary.md")
    argv = check_arguments(inputs, files, summary, report)
    try:
        code, stderr = runner(argv, workspace)
        _echo_stderr(stderr)
        summary_file = Path(summary)
        if summary_file.is_file():
            append_summary(env, summary_file.read_text(encoding="utf-8", errors="replace"))
        else:
            append_summary(env, f"**wscheck could not run:** {md(_failure_message(stderr, code))}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if code not in (EXIT_OK, EXIT_RULE_FAILED, EXIT_UNREADABLE):
        _error_annotation(_failure_message(stderr, code))
    elif code == EXIT_UNREADABLE and allow_unreadable:
        print("wscheck: a PDF could not be read; the step passes because allow-unreadable is true")
    written = report if report and os.path.isfile(os.path.join(workspace, report)) else ""
    write_outputs(env, {"exit-code": str(code), "report": written, "evidence": inputs["evidence"]})
    return Outcome(code, step_code(code, allow_unreadable), written, tuple(argv))


def main() -> int:
    return run(os.environ).step_code


if __name__ == "__main__":
    sys.exit(main())
