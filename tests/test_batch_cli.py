"""Batch checking from the command line: error rows, exit codes, formats, per-paper maps, evidence, CI files."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, FIXTURES, ROOT, fixture, flowing, run_cli
from wscheck import ruleset
from wscheck.errors import UsageError
from wscheck.paper_maps import identities_from_row, paper_keys, read_author_map, read_track_map

VENUE = "iclr2026-trustworthy-ai"
FIXTURE_COUNT = len(list(FIXTURES.glob("*.pdf")))


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> list[Path]:
    """A truncated PDF, an empty file and an HTML page (what a failed download saves)."""
    folder = tmp_path_factory.mktemp("bad")
    truncated = folder / "truncated.pdf"
    truncated.write_bytes(fixture("iclr-anon-short").read_bytes()[:10_000])
    empty = folder / "empty.pdf"
    empty.write_bytes(b"")
    page = folder / "openreview-login.html"
    page.write_text("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Log in</body></html>\n")
    return [truncated, empty, page]


def _check_bad_rows(rows: dict[str, dict], bad_files: list[Path]) -> None:
    truncated, empty, page = (rows[str(p)] for p in bad_files)
    for row, path in zip((truncated, empty, page), bad_files, strict=True):
        assert row["verdict"] == "error", row
        assert row["error"].startswith(str(path) + ": ")  # one line naming the file, then the reason
        assert row["rule:page-limit"] == "" and row["failed_rules"] == ""
    assert re.search(r"(?i)damaged|truncated|not a pdf", truncated["error"])
    assert re.search(r"(?i)empty", empty["error"])
    assert re.search(r"(?i)html|not a pdf", page["error"])


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_fixtures_and_bad_files_give_a_csv_row_each_and_exit_1(bad_files):
    result = run_cli("check", "--venue", VENUE, FIXTURES, *bad_files, "--format", "csv", "--jobs", "2")
    assert result.returncode == 1, result.stderr  # iclr-named fails anonymity: a failure outranks errors
    rows = _csv_rows(result.stdout)
    assert len(rows) == FIXTURE_COUNT + 3
    files = [r["file"] for r in rows]
    assert files[:FIXTURE_COUNT] == sorted(str(p) for p in FIXTURES.glob("*.pdf"))  # input order
    by_file = {r["file"]: r for r in rows}
    _check_bad_rows(by_file, bad_files)
    named = by_file[str(fixture("iclr-named"))]
    assert named["verdict"] == "fail" and "anonymity" in named["failed_rules"].split("; ")
    # stderr holds one line per paper that could not be checked, and no progress bar (not a terminal)
    assert result.stderr.splitlines() == [f"wscheck: error: {by_file[str(p)]['error']}" for p in bad_files]


def test_corpus_plus_bad_files_acceptance(bad_files, corpus_labels, tmp_path):
    """The acceptance command: the whole shared corpus and three bad files in one run."""
    out = tmp_path / "corpus.csv"
    result = run_cli("check", "--venue", VENUE, CORPUS, *bad_files, "--format", "csv", "--output", out,
                     timeout=900)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    rows = _csv_rows(out.read_text(encoding="utf-8"))
    pdfs = sorted(str(p) for p in CORPUS.rglob("*.pdf"))
    assert [r["file"] for r in rows] == pdfs + [str(p) for p in bad_files]
    by_file = {r["file"]: r for r in rows}
    _check_bad_rows(by_file, bad_files)
    corpus_rows = [by_file[p] for p in pdfs]
    assert {r["verdict"] for r in corpus_rows} <= {"pass", "fail", "error"}
    assert sum(r["verdict"] == "fail" for r in corpus_rows) > 0
    assert all(r["main_body_pages"] for r in corpus_rows if r["verdict"] != "error")


def test_only_unreadable_files_exit_3_and_clean_papers_exit_0(bad_files):
    result = run_cli("check", "--venue", VENUE, *bad_files[1:], "--format", "json")
    assert result.returncode == 3, result.stderr
    data = json.loads(result.stdout)
    assert [d["verdict"] for d in data] == ["error", "error"]
    clean = run_cli("check", "--venue", VENUE, fixture("iclr-anon-short"), fixture("iclr-no-refs"), "--format", "csv")
    assert clean.returncode == 0, clean.stdout
    assert [r["verdict"] for r in _csv_rows(clean.stdout)] == ["pass", "pass"]
    mixed = run_cli("check", "--venue", VENUE, fixture("iclr-anon-short"), bad_files[1], "--format", "csv")
    assert mixed.returncode == 3


def _without_timings(value):
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if not k.endswith("_s")}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def test_output_does_not_depend_on_jobs(bad_files, tmp_path):
    """--jobs 2 equals --jobs 1, timings aside: two JSON batches from the command line, then every other
    format rendered here from two in-process batches (one worker, two workers) over the same inputs."""
    from wscheck import batch, reporters
    from wscheck.cli import expand_inputs
    from wscheck.model import PaperReport
    from wscheck.runner import CheckRequest, check_file

    inputs = [FIXTURES, *bad_files]
    outputs = {}
    for jobs in (1, 2):
        result = run_cli("check", "--venue", VENUE, "--track", "short", *inputs, "--format", "json", "--jobs", jobs)
        assert result.returncode == 1, result.stderr
        outputs[jobs] = json.loads(result.stdout)
    assert _without_timings(outputs[1]) == _without_timings(outputs[2])

    rule_set = ruleset.load(VENUE)
    requests = [CheckRequest(path=f, ruleset=rule_set, track="short") for f in expand_inputs(tuple(map(str, inputs)))]

    def on_error(request, reason):
        return PaperReport(file=request.path, venue=VENUE, track="short", stage="submission",
                           error=f"{request.path}: {reason}")

    batches = {jobs: batch.run_all(check_file, requests, on_error=on_error, jobs=jobs) for jobs in (1, 2)}
    # the same reports as the command line's (which adds only the passed-deadline notes)
    assert [_without_timings(r.to_dict()).get("results") for r in batches[1]] == [
        _without_timings(r).get("results") for r in outputs[1]]
    for name in ("csv", "junit", "sarif", "markdown", "github", "html", "text"):
        rendered = {}
        for jobs, reports in batches.items():
            for report in reports:
                report.elapsed_s = 0.0
            stream = io.StringIO()
            reporters.get(name).render(reports, stream, {"ruleset": rule_set})
            rendered[jobs] = stream.getvalue()
        assert rendered[1] == rendered[2], name


def test_text_batch_report_ends_with_the_summary_table(bad_files):
    result = run_cli("check", "--venue", VENUE, "--track", "short", FIXTURES, bad_files[1])
    assert result.returncode == 1
    assert all(len(line) <= 80 for line in result.stdout.splitlines())  # COLUMNS=80, the table too
    summary = result.stdout[result.stdout.index("Summary"):]
    rows = [line for line in summary.splitlines() if ".pdf" in line.split("  ")[0]]
    for path in sorted(FIXTURES.glob("*.pdf")):  # relative to the working directory, shortened from the left
        assert sum(line.startswith(("fixtures/pdf/" + path.name, "…")) and path.name[-12:] in line
                   for line in rows) >= 1, path
    over = next(line for line in rows if "iclr-anon-over.pdf" in line)
    assert re.search(r"FAIL\s+5 / 4\s+PASS\s+.*page-limit", over)
    assert "the file is empty" in flowing(summary)
    verdicts = [line.split()[1] for line in rows]
    passed, failed = verdicts.count("PASS"), verdicts.count("FAIL")
    assert summary.rstrip().splitlines()[-1] == (
        f"{FIXTURE_COUNT + 1} papers: {passed} passed, {failed} failed, 1 could not be checked")
    assert passed + failed == FIXTURE_COUNT and failed >= 2


def test_output_file_and_its_folder_are_made_and_stdout_stays_empty(tmp_path):
    out = tmp_path / "reports" / "wscheck.sarif"
    result = run_cli("check", "--venue", VENUE, fixture("iclr-named"), "--format", "sarif", "-o", out)
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_unwritable_output_fails_before_the_batch(tmp_path):
    result = run_cli("check", "--venue", VENUE, fixture("iclr-named"), "-o", tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"wscheck: error: cannot write {tmp_path}: it is a folder"


def test_junit_and_github_from_the_cli(bad_files):
    junit = run_cli("check", "--venue", VENUE, fixture("iclr-named"), bad_files[1], "--format", "junit")
    root = ET.fromstring(junit.stdout)
    named, empty = root.findall("testsuite")
    assert named.find("testcase[@name='anonymity']/failure") is not None
    assert "empty" in empty.find("testcase/error").get("message")
    github = run_cli("check", "--venue", VENUE, fixture("iclr-named"), bad_files[1], "--format", "github")
    assert github.returncode == 1
    lines = github.stdout.splitlines()
    # iclr-named is a camera-ready build checked as a submission: the template rule says so first,
    # naming the stage option; the names it prints fail the anonymity rule, with the line of the first
    assert lines[0].startswith(f"::error file={fixture('iclr-named')},title=wscheck template (p.1)::")
    assert "--stage camera-ready" in lines[0]
    assert lines[1].startswith(f"::error file={fixture('iclr-named')},line=2,title=wscheck anonymity (p.")
    assert any(line.startswith(f"::error file={bad_files[1]},title=wscheck%3A PDF could not be read::")
               for line in lines[2:])


# -- per-paper tracks and authors ----------------------------------------------------------
def test_track_map_sets_each_papers_track(tmp_path):
    tracks = tmp_path / "tracks.csv"
    tracks.write_text("paper,track,title\niclr-anon-over,short,Over\niclr-anon-short.pdf,long,Short\n")
    result = run_cli("check", "--venue", VENUE, fixture("iclr-anon-over"), fixture("iclr-anon-short"),
                     fixture("icml-anon"), "--track-map", tracks, "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert [d["track"] for d in data] == ["short", "long", "long"]  # icml-anon: the venue's default
    assert data[0]["verdict"] == "fail" and data[1]["verdict"] == "pass"
    assert result.stderr.strip() == f"wscheck: warning: {tracks}: ignored columns for the track map: title"


def test_track_map_errors_name_the_line(tmp_path):
    tracks = tmp_path / "tracks.csv"
    tracks.write_text("file,track\na.pdf,long\nb.pdf,poster\n")
    result = run_cli("check", "--venue", VENUE, fixture("iclr-anon-over"), "--track-map", tracks)
    assert result.returncode == 2
    assert result.stderr.startswith(f"wscheck: error: {tracks}:3: venue '{VENUE}' has no track 'poster'")
    tracks.write_text("title,track\nx,long\n")
    result = run_cli("check", "--venue", VENUE, fixture("iclr-anon-over"), "--track-map", tracks)
    assert result.returncode == 2 and "no column naming the paper" in result.stderr


def test_track_map_reports_entries_that_match_no_file(tmp_path):
    tracks = tmp_path / "tracks.csv"
    tracks.write_text("file,track\niclr-anon-over.pdf,short\nmissing-42.pdf,long\n")
    result = run_cli("check", "--venue", VENUE, fixture("iclr-anon-over"), "--track-map", tracks,
                     "--format", "json")
    assert json.loads(result.stdout)["track"] == "short"
    assert f"{tracks}: 1 entry matches no input file: missing-42.pdf" in result.stderr


def test_author_map_reads_names_usernames_and_institutions(tmp_path):
    authors = tmp_path / "authors.csv"
    authors.write_text(
        "\ufeffPaper ID;Authors;GitHub;HF;Institution;Email\n"  # a BOM and semicolons, as Excel saves
        "42;Jane Doe; jdoe ;;Lund University;jane@x.org\n"
        "42;Rahul Iyer;github:riyer;riyer-hf;;\n"
        "43.pdf;Ann Lee;;;;\n",
        encoding="utf-8",
    )
    with pytest.raises(UsageError, match="no column naming the paper"):
        read_author_map(str(authors))  # "Paper ID" is not a key column name
    authors.write_text(authors.read_text(encoding="utf-8").replace("Paper ID", "paper_id"), encoding="utf-8")
    paper_map = read_author_map(str(authors))
    assert paper_map.lookup("submissions/42.pdf") == [
        "Jane Doe", "github:jdoe", "institution:Lund University", "email:jane@x.org", "Rahul Iyer", "github:riyer",
        "hf:riyer-hf"]
    assert paper_map.lookup("43.pdf") == ["Ann Lee"]
    assert paper_map.lookup("44.pdf") is None
    assert paper_map.ignored_columns == []  # e-mail addresses are identities too
    assert paper_map.unmatched(["a/42.pdf"]) == ["43.pdf"]
    assert identities_from_row({"authors": "A B; C D", "huggingface": "hf:x", "affiliation": "MIT"}) == [
        "A B", "C D", "hf:x", "institution:MIT"]
    assert paper_keys("./subs/7.pdf") == ["./subs/7.pdf", "subs/7.pdf", "7.pdf", "7"]


def test_author_map_reaches_each_paper_alone(tmp_path):
    """Each paper gets --author plus its own map entry, never another paper's authors."""
    from wscheck.paper_maps import paper_authors

    authors = tmp_path / "authors.csv"
    authors.write_text("file,authors,github\na.pdf,Jane Doe,jdoe\nb,Ann Lee,\n")
    warnings = []
    assert paper_authors(str(authors), ["x/a.pdf", "y/b.pdf", "c.pdf"], ["Common Name"], warnings.append) == [
        ["Common Name", "Jane Doe", "github:jdoe"], ["Common Name", "Ann Lee"], ["Common Name"]]
    result = run_cli("check", "--venue", VENUE, fixture("iclr-anon-short"), "--author-map", authors,
                     "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "2 entries match no input file: a.pdf, b" in result.stderr


def test_track_map_rejects_two_tracks_for_one_paper(tmp_path):
    tracks = tmp_path / "t.csv"
    tracks.write_text("file,track\na.pdf,long\na.pdf,short\n")
    with pytest.raises(UsageError, match=r":3: 'a.pdf' is given two tracks \('long' on line 2, and 'short'\)"):
        read_track_map(str(tracks))


# -- evidence ------------------------------------------------------------------------------
def test_evidence_folder_per_paper_and_html_links(tmp_path, bad_files):
    evidence = tmp_path / "evidence"
    report = tmp_path / "out" / "report.html"
    copy = tmp_path / "again" / "iclr-named.pdf"  # the same file name twice: two folders
    copy.parent.mkdir()
    shutil.copy(fixture("iclr-named"), copy)
    result = run_cli("check", "--venue", VENUE, "--track", "short", fixture("iclr-named"), copy,
                     fixture("iclr-anon-over"), fixture("iclr-anon-short"), bad_files[0], "--evidence", evidence,
                     "--format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    folders = sorted(p.name for p in evidence.iterdir())  # one per input path: name and a hash of the path
    assert [re.sub(r"-[0-9a-f]{10}$", "", name) for name in folders] == ["iclr-anon-over", "iclr-named", "iclr-named"]
    named, named2, over, short, broken = data
    first, second = (Path(paper["evidence"][0]["file"]) for paper in (named, named2))
    assert first.name == second.name == "page-001.png" and first.parent != second.parent
    assert {first.parent.name, second.parent.name} <= set(folders)
    assert [e["page"] for e in over["evidence"]] == [5]  # where the main body ends, past the limit
    assert over["evidence"][0]["marks"] == ["1. page-limit: the main body ends here; limit 4 pages"]
    assert "evidence" not in short and "evidence" not in broken
    for paper in (named, named2, over):
        for item in paper["evidence"]:
            assert Path(item["file"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = run_cli("check", "--venue", VENUE, "--track", "short", fixture("iclr-anon-over"), "--evidence",
                   evidence, "--format", "html", "-o", report)
    assert html.returncode == 1
    text = report.read_text()
    assert re.search(r'<a href="\.\./evidence/iclr-anon-over-[0-9a-f]{10}/page-005\.png"', text)
    assert "data:image/jpeg;base64," in text


# -- CI integration files ------------------------------------------------------------------
def test_action_and_pre_commit_hook_definitions():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"venue", "track", "files", "format"} <= set(action["inputs"])
    assert action["inputs"]["venue"]["required"] is False  # the config can name it (tests/test_github_action.py)
    steps = action["runs"]["steps"]
    assert any(step.get("uses", "").startswith("actions/setup-python@") for step in steps)
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "python -m wscheck.github_action" in scripts  # one run writes annotations, summary and report
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{ inputs." not in step["run"]  # inputs reach scripts through env, never spliced in
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "wscheck" and hook["entry"] == "wscheck check" and hook["language"] == "python"
    assert hook["types"] == ["pdf"]  # the user's `files:` names the main PDF (tests/test_packaging.py)


def test_readme_ci_workflow_is_valid_yaml_using_the_action():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    workflows = [yaml.safe_load(b) for b in blocks if "runs-on" in b]
    assert workflows, "the README has no copy-paste workflow"
    steps = workflows[0]["jobs"]["check"]["steps"]
    uses = [s for s in steps if "wscheck" in s.get("uses", "")]
    assert uses and uses[0]["with"]["files"] == "main.pdf"
    # the venue comes from the README's .wscheck.yaml, which names a built-in one
    configs = [yaml.safe_load(b) for b in blocks if b.startswith("venue:")]
    assert configs and configs[0]["venue"] in ruleset.builtin_index()


def test_progress_bar_only_on_a_terminal():
    """On a terminal stderr the batch shows a progress bar; piped (every test above), stderr stays empty."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "wscheck", "check", "--venue", VENUE, fixture("iclr-anon-short"),
             fixture("iclr-no-refs"), "--format", "csv"],
            stdout=subprocess.PIPE, stderr=follower, cwd=ROOT, timeout=120,
            env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
        )
        os.close(follower)
        follower = None
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # EIO: the terminal has no writer left
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if follower is not None:
            os.close(follower)
        os.close(leader)
    assert process.returncode == 0
    assert b"checking" in seen and b"2/2" in seen
    assert len(_csv_rows(process.stdout.decode())) == 2  # stdout holds the report only
