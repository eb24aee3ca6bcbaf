"""The command line as users meet it: reports, exit codes and one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import fixture, flowing, run_cli


def test_venues_lists_both_workshops_with_limits_and_deadlines():
    result = run_cli("venues")
    assert result.returncode == 0, result.stderr
    assert "iclr2026-trustworthy-ai" in result.stdout
    assert "icml2026-mechinterp" in result.stdout
    assert "short 4, long 9" in result.stdout
    assert "icml: short 4, long 8; neurips: short 5, long 9" in result.stdout
    assert "2026-02-02 AoE" in result.stdout and "2026-05-08 AoE" in result.stdout


def test_venues_json_has_tracks_and_deadline():
    rows = {row["id"]: row for row in json.loads(run_cli("venues", "--format", "json").stdout)}
    assert rows["iclr2026-trustworthy-ai"]["tracks"] == ["short", "long"]
    assert rows["iclr2026-trustworthy-ai"]["default_track"] == "long"
    assert rows["icml2026-mechinterp"]["formats"] == ["icml", "neurips"]


def test_clean_anonymous_short_paper_passes_short_track():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short", fixture("iclr-anon-short"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS" in result.stdout.splitlines()[-1]
    assert "main body ends on page 4" in result.stdout


def test_paper_running_onto_page_5_fails_short_track_and_says_by_how_much():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short", fixture("iclr-anon-over"))
    assert result.returncode == 1
    # wrapped at 80 columns; the last line by its place and by the number the review ruler prints beside it
    assert "main body ends 3 lines into page 5 (l.218); limit 4 pages" in flowing(result.stdout)
    assert "cut 3 lines" in flowing(result.stdout)


def test_same_paper_passes_long_track():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "long", fixture("iclr-anon-over"))
    assert result.returncode == 0, result.stdout


def test_named_camera_ready_fails_anonymity_and_quotes_the_names():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "long", fixture("iclr-named"))
    assert result.returncode == 1
    anonymity = [l for l in result.stdout.splitlines() if " anonymity " in l]  # not the file path
    assert anonymity and "FAIL" in anonymity[0]
    assert "Jane Doe" in result.stdout and "Rahul Iyer" in result.stdout


def test_email_on_page_one_fails_anonymity():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--format", "json", fixture("iclr-email-p1"))
    data = json.loads(result.stdout)
    anonymity = next(r for r in data["results"] if r["rule"] == "anonymity")
    assert anonymity["status"] == "fail"
    assert {"page": 1, "text": "jane.doe@stanford.edu"}.items() <= anonymity["findings"][0].items()


def test_author_in_metadata_fails_anonymity():
    data = json.loads(run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--format", "json",
                              fixture("iclr-meta-author")).stdout)
    anonymity = next(r for r in data["results"] if r["rule"] == "anonymity")
    assert anonymity["status"] == "fail"
    assert any("Jane Doe" in f["text"] and f["page"] is None for f in anonymity["findings"])


def test_paper_without_references_heading_is_judged_on_all_its_pages():
    data = json.loads(run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short",
                              "--format", "json", fixture("iclr-no-refs")).stdout)
    limit = next(r for r in data["results"] if r["rule"] == "page-limit")
    assert limit["status"] == "pass"
    assert "no References or Appendix heading found" in limit["message"]


def test_check_json_follows_the_contract():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short", "--format", "json",
                     fixture("iclr-anon-over"))
    data = json.loads(result.stdout)
    assert {"file", "venue", "track", "stage", "verdict", "results", "elapsed_s"} <= set(data)
    assert (data["venue"], data["track"], data["stage"], data["verdict"]) == (
        "iclr2026-trustworthy-ai", "short", "submission", "fail")
    for item in data["results"]:
        assert item["status"] in ("pass", "fail", "warn", "not_checked")
        for finding in item["findings"]:
            assert "page" in finding and "text" in finding
    limit = next(r for r in data["results"] if r["rule"] == "page-limit")
    assert limit["findings"][0]["page"] == 5
    assert limit["findings"][0]["fix"].startswith("cut 3 lines")


def test_several_files_give_an_array_in_input_order():
    files = [fixture("iclr-named"), fixture("iclr-anon-short"), fixture("iclr-meta-author")]
    data = json.loads(run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--format", "json", *files).stdout)
    assert [d["file"] for d in data] == [str(f) for f in files]


def test_missing_file_is_a_usage_error_in_one_clear_line(tmp_path):
    missing = tmp_path / "nope.pdf"  # a mistyped path (issue 15): exit 2, as ruff and black do
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", missing)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"wscheck: error: {missing}: no such file or folder"]


def test_html_named_pdf_is_reported_as_not_a_pdf(tmp_path):
    page = tmp_path / "paper.pdf"
    page.write_text("<!DOCTYPE html><html><body>Sign in to OpenReview</body></html>")
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", page)
    assert result.returncode == 3
    assert all(line.startswith(" " * 7) for line in result.stdout.splitlines()[1:])  # wrapped under itself
    assert "not a PDF" in result.stdout and "HTML" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_inspect_json_reports_an_unreadable_file_in_the_error_field(tmp_path):
    page = tmp_path / "paper.pdf"
    page.write_text("<html></html>")
    result = run_cli("inspect", "--format", "json", page)
    assert result.returncode == 3
    assert "not a PDF" in json.loads(result.stdout)["error"]


def test_unknown_venue_suggests_the_closest_ids():
    result = run_cli("check", "--venue", "iclr2026-trustworthy", fixture("iclr-anon-short"))
    assert result.returncode == 2
    assert "unknown venue" in result.stderr and "iclr2026-trustworthy-ai" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unknown_track_names_the_valid_ones():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "medium", fixture("iclr-anon-short"))
    assert result.returncode == 2
    assert "short, long" in result.stderr


def test_fail_beats_unreadable_and_unreadable_beats_pass(tmp_path):
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    failing = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short", fixture("iclr-anon-over"), bad)
    assert failing.returncode == 1
    passing = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short", fixture("iclr-anon-short"), bad)
    assert passing.returncode == 3
    assert "the file is empty" in passing.stdout


def test_piped_output_wraps_within_columns_and_is_never_cut():
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short", fixture("iclr-anon-over"))
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), result.stdout  # COLUMNS=80
    flowing = " ".join(" ".join(line.split()) for line in lines)  # the wrapped lines joined again
    quoted = '"the failure cases, and we hope it becomes a standard baseline for abstention under shift."'
    message = ("The short paper must fit in 4 pages, excluding references: main body ends 3 lines into page 5 (l.218); "
               "limit 4 pages (excluding references and appendices)")
    assert quoted in flowing and message in flowing, result.stdout  # whole: wrapped, never cut
    assert "…" not in result.stdout
    # a wrapped message hangs under its own column, never back at column 0
    start = next(n for n, line in enumerate(lines) if "FAIL  page-limit" in line)
    column = lines[start].index("The short paper")
    assert lines[start + 1].startswith(" " * column) and lines[start + 1][column] != " "


@pytest.mark.parametrize("command", ["check", "inspect", "venues"])
def test_every_command_help_shows_an_example(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout and f"wscheck {command}" in result.stdout


def test_inspect_help_points_to_the_json_documentation_that_ships_with_wscheck():
    import re as regex

    import click

    from wscheck import cli

    with click.Context(cli.inspect_command, info_name="inspect") as context:
        text = cli.inspect_command.get_help(context)
    assert "CONTRACT.md" not in text and "docs/json-output.md" in text
    path = Path(regex.search(r"^\s*(/\S*json-output\.md)$", text, regex.M).group(1))
    page = path.read_text()  # a file that is there, offline (the wheel installs it in the package)
    assert "`format.mode`" in page and "`sections.main_body_last_page`" in page and "`line_kind`" in page
    with click.Context(cli.rules_from_cfp_command, info_name="from-cfp") as context:
        assert "CONTRACT.md" not in cli.rules_from_cfp_command.get_help(context)


def test_main_help_documents_exit_codes():
    result = run_cli("--help")
    assert "Exit codes" in result.stdout and "3  a PDF could not be read, or a rule could not be checked" in result.stdout
    assert "4  internal error in wscheck" in result.stdout
