"""Verdicts you can trust against hostile input (issue 16): nothing that fails silently passes.

Every hostile input is built here or by tests/hostile.py. Most tests run in this
process (the command line through `wscheck.cli.main`, its workers forked); a few run
the real command line, where only a separate process shows what a user would see.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

import hostile
from conftest import ROOT, fixture
from wscheck import batch, cli, safe_regex
from wscheck.checks import page_limit, text_pattern
from wscheck.document import Document
from wscheck.model import Finding, PaperReport, RuleResult
from wscheck.reporters import CHECK_FORMATS
from wscheck.ruleset import Rule, RunContext, load
from wscheck.runner import CheckRequest, check_file, run_rule

VENUE = "iclr2026-trustworthy-ai"


def write(folder: Path, name: str | bytes, data: bytes) -> Path:
    path = os.path.join(os.fsencode(folder), name) if isinstance(name, bytes) else folder / name
    with open(path, "wb") as handle:
        handle.write(data)
    return Path(os.fsdecode(path))


def main(capsys, *args) -> tuple[int, str, str]:
    """`wscheck ARGS` in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as ended:
        cli.main([str(a) if isinstance(a, Path) else a for a in args])
    out, err = capsys.readouterr()
    return ended.value.code, out, err


# -- a rule that could not run is an error, never a pass ---------------------------------------
def test_a_check_that_raises_is_an_error_and_the_over_length_paper_does_not_pass(capsys, monkeypatch):
    def broken(document, params):
        raise TypeError("unsupported operand")

    monkeypatch.setattr(page_limit, "check", broken)  # the forked workers inherit it
    code, out, err = main(capsys, "check", "--venue", VENUE, "--track", "short", "--format", "json",
                          fixture("iclr-anon-over"))
    report = json.loads(out)
    limit = next(r for r in report["results"] if r["rule"] == "page-limit")
    assert limit["status"] == "error"
    assert limit["message"].startswith("the check failed on this PDF (TypeError: unsupported operand)")
    assert report["verdict"] == "error" and code == 3
    assert err.strip() == f"wscheck: error: {fixture('iclr-anon-over')}: page-limit: {limit['message']}"


def test_a_failure_still_wins_over_an_error(monkeypatch):
    def broken(document, params):
        raise RuntimeError("boom")

    monkeypatch.setattr(page_limit, "check", broken)
    report = check_file(CheckRequest(path=str(fixture("iclr-named")), ruleset=load(VENUE), track="long"))
    assert report.result("page-limit").status == "error" and report.result("anonymity").status == "fail"
    assert report.verdict == "fail" and report.errored_rules() == ["page-limit"]


def _text_rule(*patterns: str, words=()) -> Rule:
    return Rule(id="banned", check="text-pattern", params={"patterns": list(patterns), "words": list(words)})


def _busy(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_the_time_budget_covers_matching_never_extraction(tmp_path, monkeypatch):
    """A page that is slow to read must not use up the search's time (it used to: NOT CHECKED, pass)."""
    monkeypatch.setattr(text_pattern, "TIME_LIMIT_S", 0.3)
    real_lines = text_pattern._lines

    def slow_lines(document, where):
        _busy(0.6)  # extraction far slower than the whole search budget
        yield from real_lines(document, where)

    monkeypatch.setattr(text_pattern, "_lines", slow_lines)
    document = Document(write(tmp_path, "p.pdf", hostile.text_pdf(1)), needs=text_pattern.NEEDS).open()
    result = run_rule(document, _text_rule(r"hostile\s+fixture"), RunContext())
    assert result.status == "fail" and result.findings[0].page == 1


def test_a_search_that_runs_out_of_time_is_an_error_and_the_budget_is_per_paper(tmp_path, monkeypatch):
    monkeypatch.setattr(text_pattern, "TIME_LIMIT_S", 0.2)
    # one unbounded repeat passes the vetting, but is quadratic on a 20,000-character line
    assert safe_regex.problem(r"\w+@") is None
    document = Document(write(tmp_path, "long.pdf", hostile.long_line_pdf(20_000)), needs=text_pattern.NEEDS).open()
    slow = run_rule(document, _text_rule(r"\w+@"), RunContext())
    assert slow.status == "error"
    assert "used up its 0.2 s (shared by all text-pattern rules); searching for '\\\\w+@' was stopped" in slow.message
    # the budget is the paper's: the next text-pattern rule has nothing left, even for a cheap search
    cheap = run_rule(document, _text_rule(words=["zebra"]), RunContext())
    assert cheap.status == "error" and "no time was left to search" in cheap.message
    # a new paper gets a new budget
    fresh = Document(document.path, needs=text_pattern.NEEDS).open()
    assert run_rule(fresh, _text_rule(words=["zebra"]), RunContext()).status == "pass"


def test_xmp_too_large_to_read_is_a_finding_not_silence(tmp_path):
    path = write(tmp_path, "padded.pdf", hostile.padded_xmp_pdf("Jane Doe", padding=5_000_000))
    assert path.stat().st_size < 20_000  # a few kB on disk, 5 MB of XMP once inflated
    report = check_file(CheckRequest(path=str(path), ruleset=load(VENUE), track="long"))
    anonymity = report.result("anonymity")
    assert anonymity.status == "fail"
    unread = [f for f in anonymity.findings if f.kind == "metadata-unread"]
    assert len(unread) == 1 and "XMP metadata was not read" in unread[0].text and "4 MB limit" in unread[0].text
    assert any("XMP metadata was not read" in note for note in report.notes)
    camera_ready = check_file(CheckRequest(path=str(path), ruleset=load(VENUE), track="long", stage="camera-ready"))
    assert camera_ready.result("anonymity").status == "fail"


def test_pages_left_unread_are_not_passed(tmp_path, monkeypatch):
    from wscheck import document as document_module

    monkeypatch.setattr(document_module, "MAX_PAGES_READ", 3)
    pages = [hostile.HELLO_CONTENT] * 5 + [b"BT /F1 11 Tf 72 720 Td (Write to jane.doe@university.edu) Tj ET"]
    path = write(tmp_path, "long.pdf", hostile.pages_pdf(pages))
    report = check_file(CheckRequest(path=str(path), ruleset=load(VENUE), track="long"))
    anonymity = report.result("anonymity")  # the address on page 6 was never read
    assert anonymity.status == "error" and "only the first 3 of 6 pages were read" in anonymity.message
    assert report.result("page-size").status == "pass"  # sizes are read for every page
    assert report.verdict != "pass"


# -- regex vetting matches the engine's real cost ------------------------------------------------
@pytest.mark.parametrize("pattern, complaint", [
    (r"(a?){25}a{25}", "optional or bounded repeats"),
    (r"\w*" * 12 + "!", "12 repeats in a row"),
    (r"[\s\S]*" * 8 + "@", "8 repeats in a row"),
    (r"\w*\w*!", "2 repeats in a row"),
    (r".*x.*@", "2 repeats in a row"),
    ("a?" * 25 + "a" * 25, "optional or bounded repeats"),
    (r"\w{1,30}\w{1,30}\w{1,30}\w{1,30}!", "optional or bounded repeats"),
    (r"(\w?){16}x{16}", "optional or bounded repeats"),
    (r"(.?){13}x{13}", "optional or bounded repeats"),
    (r"(x?y?)+z", "repeats a group whose optional parts"),
])
def test_super_linear_patterns_are_refused(pattern, complaint):
    found = safe_regex.problem(pattern)
    assert found is not None and complaint in found


@pytest.mark.parametrize("pattern", [r"[\w.-]+@[\w-]+\.\w+", r"\w+@", r"(?:\s?\w){1,40}", r"\b\w+\s+\w+\b",
                                     r"(a?){10}a{10}", r"\w{1,30}\w{1,30}!", r"\w*\s\w*!", r"\w*+\w*!", r"anonymous\.4open\.science/r/\S+"])
def test_patterns_with_a_linear_worst_case_pass(pattern):
    assert safe_regex.problem(pattern) is None


def test_rules_validate_refuses_the_issue_patterns(tmp_path, capsys):
    for index, pattern in enumerate([r"(a?){25}a{25}", r"\w*" * 12 + "!", r"[\s\S]*" * 8 + "@"]):
        path = tmp_path / f"r{index}.yaml"
        path.write_text(hostile.pattern_rule_set(f"'{pattern}'"))
        code, out, _ = main(capsys, "rules", "validate", path)
        assert code == 2 and "error" in out and "can take the same characters" in out


# -- bounded everything in the main process ------------------------------------------------------
def test_findings_are_capped_per_rule_and_per_paper_with_a_count_of_the_rest(tmp_path, capsys):
    path = write(tmp_path, "emails.pdf", hostile.many_emails_pdf(3000))
    report = check_file(CheckRequest(path=str(path), ruleset=load(VENUE), track="long"))
    anonymity = report.result("anonymity")
    assert anonymity.status == "fail" and len(anonymity.findings) == 200
    rest = anonymity.facts["identity_items"] - 200  # every address found, counted: some 2,700 more
    assert rest > 2500 and anonymity.findings_omitted == rest
    assert anonymity.omitted_text == f"and {rest:,} more e-mail addresses"
    assert anonymity.to_dict()["findings_omitted"] == rest
    code, out, _ = main(capsys, "check", "--venue", VENUE, path)
    assert code == 1 and f"and {rest:,} more e-mail addresses" in out and len(out) < 60_000
    # per paper: many rules with many findings share MAX_FINDINGS_PER_PAPER
    from wscheck.runner import bound_findings

    many = PaperReport(file="p.pdf", results=[
        RuleResult(f"r{n}", "x", "fail", "m", findings=[Finding(page=1, text="t" * 5000, kind="email")
                                                        for _ in range(300)]) for n in range(8)])
    bound_findings(many)
    shown = [len(r.findings) for r in many.results]
    assert shown == [200, 200, 200, 200, 200, 5, 5, 5] and sum(r.findings_omitted for r in many.results) == 2400 - 1015
    assert len(many.results[0].findings[0].text) < 2100 and "3,000 more characters" in many.results[0].findings[0].text


def _big_result(n):
    return "x" * n


def _halve(result, max_bytes):
    return result[: max_bytes // 2]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_what_a_worker_sends_back_is_bounded(method):
    results = batch.run_all(_big_result, [10, 300_000], on_error=lambda item, reason: f"error: {reason}",
                            max_result_bytes=100_000, method=method, timeout=60)
    assert results[0] == "x" * 10
    assert results[1].startswith("error: the result for this file") and "may send back" in results[1]
    shrunk = batch.run_all(_big_result, [300_000], on_error=lambda item, reason: reason,
                           max_result_bytes=100_000, shrink=_halve, method=method, timeout=60)
    assert shrunk == ["x" * 50_000]


def test_a_report_too_large_to_send_back_is_shrunk_and_says_so():
    from wscheck.runner import shrink_report

    report = PaperReport(file="p.pdf", results=[RuleResult("r", "x", "fail", "m", findings=[
        Finding(page=1, text=f"{number:04d}" + "t" * 2000) for number in range(200)])])
    small = shrink_report(report, 20_000)
    assert report.verdict == "fail" and len(small.results[0].findings) <= 1
    assert small.results[0].findings_omitted >= 199 and "worker may send back" in small.truncated
    assert small.to_dict()["truncated"] == small.truncated


def test_evidence_of_a_giant_page_stays_within_the_pixel_budget(tmp_path):
    from PIL import Image

    from wscheck import evidence

    path = write(tmp_path, "giant.pdf", hostile.huge_page_pdf(14400, 5600))
    report = check_file(CheckRequest(path=str(path), ruleset=load(VENUE), track="long",
                                     evidence_dir=str(tmp_path / "ev")))
    assert report.evidence, report.notes
    with Image.open(report.evidence[0]["file"]) as image:
        assert image.size[0] * image.size[1] <= evidence.MAX_PIXELS


def test_html_report_survives_pictures_it_cannot_decode(tmp_path, monkeypatch):
    from PIL import Image

    from wscheck.reporters import html_report

    big = tmp_path / "big.png"
    Image.new("1", (5000, 4000)).save(big)  # 20 M pixels: more than any page wscheck renders
    report = PaperReport(file="p.pdf", results=[RuleResult("r", "x", "fail", "m")],
                         evidence=[{"page": 1, "file": str(big), "marks": []}])
    out = io.StringIO()
    html_report.render([report], out, {"evidence_dir": str(tmp_path)})
    assert "5000x4000 pixels, too large to show" in out.getvalue()
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # Pillow now calls it a decompression bomb
    out = io.StringIO()
    html_report.render([report], out, {"evidence_dir": str(tmp_path)})  # it raised in the main process
    assert "cannot be shown: DecompressionBombError" in out.getvalue()


@pytest.mark.parametrize("kind", ["config", "rules", "authors", "map"])
def test_input_files_are_size_checked_before_they_are_read(tmp_path, kind):
    from wscheck.authors import AuthorsFileError, read_authors_file
    from wscheck.config import load_config
    from wscheck.errors import WscheckError
    from wscheck.paper_maps import read_track_map

    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(200_000_000)  # sparse: 200 MB that cost nothing on disk
    read = {"config": load_config, "rules": load, "authors": read_authors_file, "map": read_track_map}[kind]
    tracemalloc.start()
    try:
        with pytest.raises((WscheckError, AuthorsFileError), match=r"200\.0 MB; the limit is"):
            read(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


# -- output hygiene in one place ------------------------------------------------------------------
def test_clean_neutralises_controls_bidi_surrogates_and_line_breaks():
    from wscheck import textsafe

    assert textsafe.clean("plain text, é and 中") == "plain text, é and 中"
    assert textsafe.clean("a\tb") == "a\tb"
    assert textsafe.clean("\x1b[2J\x07\x00\x7f") == "␛[2J␇␀␡"
    assert textsafe.clean("x\x9bK\u202eevil\u2066\u200f") == "x\ufffdK\ufffdevil\ufffd\ufffd"
    assert textsafe.clean("a\nb\r\nc\x0bd\x0ce\x85f\u2028g\u2029h") == "a b  c d e f g h"
    assert textsafe.clean("bad \udce9 half") == "bad \ufffd half"
    assert textsafe.clean("::error::x", line_start=True) == "\uff1a:error::x"
    assert textsafe.clean("  ##[error]x", line_start=True) == "  \uff03#[error]x"
    # any word that a wrapped line could start with is defused; inside a word it is harmless
    assert textsafe.clean("a ::error::x and std::vector", line_start=True) == "a \uff1a:error::x and std::vector"
    assert textsafe.clean("a ::error::x") == "a ::error::x"  # JSON, CSV cells...: data kept as it is


HOSTILE_NAME = "::warning::" + hostile.TERMINAL_ATTACK + "\udce9=evil.pdf"


def _hostile_reports() -> list[PaperReport]:
    attack = hostile.TERMINAL_ATTACK + hostile.WORKFLOW_ATTACK + " \ud800"
    failed = PaperReport(file=HOSTILE_NAME, venue=VENUE, track="short", stage="submission", pages=1,
                         notes=["note " + attack],
                         results=[RuleResult("anonymity", "anonymity", "fail", "found " + attack, findings=[
                             Finding(page=1, text=attack, fix="fix " + attack, kind="email", detail=attack)]),
                             RuleResult("banned", "text-pattern", "error", "could not: " + attack)])
    failed.config = "/repo/" + attack + ".wscheck.yaml"
    broken = PaperReport(file="=HYPERLINK(\"x\")" + attack, error=attack)
    return [failed, broken]


@pytest.mark.parametrize("name", CHECK_FORMATS)
def test_every_format_neutralises_hostile_strings(name):
    from wscheck import reporters

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
    reporters.get(name).render(_hostile_reports(), stream, {"ruleset": load(VENUE)})  # strict UTF-8: no surrogate
    stream.flush()
    out = raw.getvalue().decode("utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out.replace("\r\n", "\n"))
    for line in out.splitlines():
        if name == "github" and re.match(r"::(error|warning) file=[^:]*,title=[^:]*::", line):
            continue  # our own annotations, whose data is escaped
        assert not re.match(r"\s*(::|##\[)", line), (name, line)


def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed():
    from wscheck.reporters import csv_report

    reports = [PaperReport(file=name, venue=VENUE, results=[RuleResult("page-limit", "page-limit", "pass", "ok",
                                                                       facts={"main_body_pages": 3, "limit": 5})])
               for name in ("=cmd|' /C calc'!A0.pdf", "+1.pdf", "-1.pdf", "@sum.pdf", "\tx.pdf", "plain.pdf")]
    out = io.StringIO()
    csv_report.render(reports, out, {})
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["file"] for r in rows] == ["'=cmd|' /C calc'!A0.pdf", "'+1.pdf", "'-1.pdf", "'@sum.pdf", "x.pdf",
                                         "plain.pdf"]
    assert {r["pages_over_limit"] for r in rows} == {"-2"}  # our own numbers stay numbers


def test_a_non_utf8_file_name_is_shown_with_replacement_and_kept_in_json(tmp_path, capsys):
    name = b"caf\xe9.pdf"
    path = write(tmp_path, name, fixture("iclr-anon-short").read_bytes())
    for output_format in CHECK_FORMATS:
        code, out, err = main(capsys, "check", "--venue", VENUE, "--format", output_format, path)
        assert code == 0, (output_format, err)
        assert "caf\ufffd.pdf" in out or output_format in ("github", "junit", "sarif"), output_format
    code, out, _ = main(capsys, "check", "--venue", VENUE, "--format", "json", path)
    report = json.loads(out)
    assert report["file"] == str(tmp_path / "caf\ufffd.pdf")
    assert bytes.fromhex(report["file_bytes"]) == os.fsencode(path)
    code, out, _ = main(capsys, "inspect", "--format", "json", path)
    assert code == 0 and json.loads(out)["file_bytes"] == report["file_bytes"]


def test_the_real_command_line_prints_no_escape_and_no_workflow_command(tmp_path):
    """check and inspect, text output, as a CI log would show it."""
    folder = tmp_path / "papers"
    folder.mkdir()
    write(folder, "::error::forged.pdf", hostile.forging_pdf())
    write(folder, b"\x1b[2J\n::add-mask::x.pdf", hostile.forging_pdf())
    write(folder, b"caf\xe9.pdf", hostile.forging_pdf())
    for command in (["check", "--venue", VENUE], ["inspect"]):
        # "." as the input: the file names are printed as they are, at the start of lines
        result = subprocess.run([sys.executable, "-m", "wscheck", *command, "."], capture_output=True,
                                cwd=folder, env={**os.environ, "NO_COLOR": "1"}, timeout=120)
        assert result.returncode in (1, 0), result.stderr
        for output in (result.stdout, result.stderr):
            text = output.decode("utf-8")  # strict: valid UTF-8
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
            assert not [line for line in text.splitlines() if re.match(r"\s*(::|##\[)", line)]
        assert b"forged" in result.stdout


# -- files ----------------------------------------------------------------------------------------
def test_reports_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    """Ctrl-C in the middle of a streamed batch report: the previous report stays, no temporary file is left,
    and the journal (what --resume picks up) keeps the papers already done."""
    from wscheck import check_batch
    from wscheck.reporters import json_report

    target = tmp_path / "report.json"
    target.write_text('{"previous": "good report"}\n')
    written = []

    def interrupted(self, report):
        written.append(report.file)
        self.stream.write('{"half": ')
        if len(written) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(json_report.Writer, "paper", interrupted)
    reports = [PaperReport(file=f"p{n}.pdf", venue="v", results=[RuleResult("r", "c", "pass", "")])
               for n in range(3)]
    requests = [CheckRequest(path=str(tmp_path / f"p{n}.pdf"), ruleset=None, track=None) for n in range(3)]
    journal = str(target) + ".wscheck-resume"
    with pytest.raises(KeyboardInterrupt):
        check_batch.run(lambda request: reports[int(Path(request.path).stem[1:])], requests,
                        [check_batch.Target("json", str(target))], {}, on_error=lambda item, reason: None,
                        limits=check_batch.Limits(), journal_file=journal, run_digest="test")
    assert written == ["p0.pdf", "p1.pdf"]
    assert target.read_text() == '{"previous": "good report"}\n'
    assert sorted(os.listdir(tmp_path)) == ["report.json", "report.json.wscheck-resume"]  # no temporary file


def test_writing_through_a_link_or_to_a_stream_keeps_what_is_there(tmp_path):
    from wscheck.fileio import atomic_output

    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    with atomic_output(str(link)) as stream:
        stream.write("new")
    assert link.is_symlink() and real.read_text() == "new"  # the link still names the file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    with atomic_output(str(fifo)) as stream:  # e.g. -o /dev/stdout: written to, never replaced
        stream.write("streamed")
    assert reader.communicate(timeout=10)[0] == b"streamed" and fifo.is_fifo()


def test_the_report_may_not_replace_an_input(tmp_path, capsys):
    paper = write(tmp_path, "paper.pdf", fixture("iclr-anon-short").read_bytes())
    before = paper.read_bytes()
    for output in (paper, tmp_path / "." / "paper.pdf"):
        code, _, err = main(capsys, "check", "--venue", VENUE, paper, "-o", output)
        assert code == 2 and "is one of the input files" in err
    code, _, err = main(capsys, "check", "--venue", VENUE, tmp_path, "-o", paper)  # found in the folder
    assert code == 2 and paper.read_bytes() == before


def test_evidence_folders_are_unique_per_input_path():
    from wscheck.evidence import evidence_dirs

    folders = evidence_dirs("ev", ["x/paper.pdf", "y/paper.pdf", "paper-2.pdf", "x/paper.pdf"])
    assert len(set(folders)) == 4
    assert all(re.fullmatch(r"ev/paper(-2)?-[0-9a-f]{10}(-2)?", f) for f in folders)
    assert folders == evidence_dirs("ev", ["x/paper.pdf", "y/paper.pdf", "paper-2.pdf", "x/paper.pdf"])


def test_two_papers_with_one_name_keep_their_own_evidence(tmp_path, capsys):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        write(tmp_path / sub, "paper.pdf", fixture("iclr-named").read_bytes())
    write(tmp_path, "paper-2.pdf", fixture("iclr-anon-over").read_bytes())  # once, the second paper.pdf's folder
    code, out, _ = main(capsys, "check", "--venue", VENUE, "--track", "short", "--format", "json", "--evidence",
                        tmp_path / "ev", tmp_path / "x" / "paper.pdf", tmp_path / "y" / "paper.pdf",
                        tmp_path / "paper-2.pdf")
    papers = json.loads(out)
    folders = [Path(paper["evidence"][0]["file"]).parent for paper in papers]
    assert len(set(folders)) == 3
    files = [item["file"] for paper in papers for item in paper["evidence"]]
    assert len(set(files)) == len(files) and all(Path(f).exists() for f in files)  # nobody deleted anybody's


def test_the_evidence_folder_is_checked_before_any_paper(tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    code, _, err = main(capsys, "check", "--venue", VENUE, "--evidence", blocker / "ev", fixture("iclr-named"))
    assert code == 2 and err.startswith(f"wscheck: error: --evidence {blocker / 'ev'}: cannot write there")
    code, _, err = main(capsys, "check", "--venue", VENUE, "--evidence", blocker, fixture("iclr-named"))
    assert code == 2 and "exists and is not a folder" in err


# -- processes -------------------------------------------------------------------------------------
ORPHAN_SCRIPT = """
import os, sys, time
sys.path.insert(0, {tests!r})
from wscheck import batch
import test_trust
batch.run_all(test_trust.report_pid_and_sleep, [{pidfile!r}], on_error=lambda i, r: r, timeout=600,
              method={method!r})
"""


def report_pid_and_sleep(pidfile):
    with open(pidfile, "w") as handle:
        handle.write(str(os.getpid()))
    time.sleep(600)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(")")[-1].split()[0] not in ("Z", "X")  # a zombie is dead
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to see the worker")
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_die_with_their_parent(tmp_path, method):
    pidfile = tmp_path / "worker.pid"
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT.format(tests=str(ROOT / "tests"),
                                                                          pidfile=str(pidfile), method=method)],
                              cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not pidfile.exists() or not pidfile.read_text():
            assert time.monotonic() < deadline and parent.poll() is None, "the worker never started"
            time.sleep(0.05)
        worker = int(pidfile.read_text())
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker), "the worker outlived its parent"
    finally:
        parent.kill()
        if pidfile.exists() and pidfile.read_text() and _alive(int(pidfile.read_text())):
            os.kill(int(pidfile.read_text()), signal.SIGKILL)


def cpu_limit_left(_):
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return resource.getrlimit(resource.RLIMIT_CPU)[0] - (usage.ru_utime + usage.ru_stime)


@pytest.mark.skipif(not batch.can_fork(), reason="RLIMIT_CPU is set in forked workers")
def test_each_worker_keeps_its_own_time_limit():
    import resource

    left = batch.run_all(cpu_limit_left, [0, 1], on_error=lambda i, r: r, timeout=7, jobs=1)
    for value in left:
        assert value != resource.RLIM_INFINITY and 7 < value <= 7 + batch.OWN_LIMIT_SLACK_S + 2


# -- folder mode -----------------------------------------------------------------------------------
def test_every_pdf_in_a_folder_is_answered_and_unlistable_paths_are_named(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "subs"
    folder.mkdir()
    write(folder, "good.pdf", fixture("iclr-anon-short").read_bytes())
    os.symlink(folder / "gone.pdf.tmp", folder / "dangling.pdf")
    os.mkfifo(folder / "pipe.pdf")
    (folder / "locked").mkdir()
    write(folder / "locked", "inside.pdf", b"%PDF-1.7\n")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = main(capsys, "check", "--venue", VENUE, "--format", "json", folder)
    rows = {Path(r["file"]).name: r for r in json.loads(out)}
    assert sorted(rows) == ["dangling.pdf", "good.pdf", "pipe.pdf"]
    assert rows["good.pdf"]["verdict"] == "pass"
    assert rows["dangling.pdf"]["verdict"] == "error" and rows["pipe.pdf"]["verdict"] == "error"
    assert f"wscheck: warning: {folder / 'locked'}: cannot be listed (Permission denied)" in err
    assert code == 3


def test_a_path_longer_than_the_system_allows_is_a_warning_not_a_traceback(tmp_path, capsys):
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(20):  # 20 x 250 characters: past PATH_MAX (4096)
            os.mkdir("d" * 250, dir_fd=fd)
            inner = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("deep.pdf", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    write(tmp_path, "top.pdf", fixture("iclr-anon-short").read_bytes())
    code, out, err = main(capsys, "check", "--venue", VENUE, "--format", "csv", tmp_path)
    assert "Traceback" not in err and code in (0, 3)
    assert "top.pdf" in out and "cannot be listed (File name too long)" in err


# -- config ----------------------------------------------------------------------------------------
def test_a_config_above_the_repository_is_not_applied_and_the_report_names_the_config(tmp_path, capsys,
                                                                                         monkeypatch):
    (tmp_path / ".wscheck.yaml").write_text("venue: iclr2026-trustworthy-ai\nstage: camera-ready\n")
    repo = tmp_path / "paper-repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    # the de-anonymized paper fails at submission; the stray camera-ready config would have passed it
    code, out, err = main(capsys, "check", "--venue", VENUE, "--format", "json", fixture("iclr-named"))
    assert code == 1 and json.loads(out)["stage"] == "submission" and "config" not in json.loads(out)
    assert (f"wscheck: warning: {tmp_path / '.wscheck.yaml'} is not applied: it is outside the git repository "
            f"{repo}; give --config {tmp_path / '.wscheck.yaml'} to use it") in err
    code, out, _ = main(capsys, "check", "--config", tmp_path / ".wscheck.yaml", "--format", "json",
                        fixture("iclr-named"))
    assert json.loads(out)["stage"] == "camera-ready" and json.loads(out)["config"] == str(tmp_path / ".wscheck.yaml")
    (repo / ".wscheck.yaml").write_text("venue: iclr2026-trustworthy-ai\n")
    code, out, _ = main(capsys, "check", fixture("iclr-anon-short"))
    header = out[:out.index("  PASS ")]  # the file, then what it was checked against, wrapped at 80 columns
    assert " ".join(header.split()).endswith("· config .wscheck.yaml")  # relative to the working directory
    code, _, err = main(capsys, "check", "--config", "x.yaml", "--no-config", fixture("iclr-anon-short"))
    assert code == 2 and "either --config or --no-config" in err


# -- exit codes --------------------------------------------------------------------------------------
def test_an_internal_error_exits_4_with_one_line_and_the_traceback_only_under_debug(capsys, monkeypatch):
    from wscheck import reporters

    def broken(name):
        raise RuntimeError("reporter table is broken")

    monkeypatch.setattr(reporters, "get", broken)
    code, _, err = main(capsys, "check", "--venue", VENUE, fixture("iclr-anon-short"))
    assert code == 4
    assert err.splitlines() == ["wscheck: internal error: RuntimeError: reporter table is broken; this is a bug in "
                                "wscheck, please report it at https://github.com/wscheck/wscheck/issues (run with "
                                "--debug for the traceback)"]
    code, _, err = main(capsys, "check", "--debug", "--venue", VENUE, fixture("iclr-anon-short"))
    assert code == 4 and "Traceback (most recent call last)" in err and err.rstrip().endswith(
        "please report it at https://github.com/wscheck/wscheck/issues")


@pytest.mark.parametrize("spec, message", [
    ("rules:\n  page-limit:\n    params:\n      max_pages:\n        cases:\n          - {track: [[only]], value: 4, "
     "source: x}\n", "'track' must be a name or a list of names"),
    ("dates:\n  submission: {date: 2026-05-01, timezone: ../.., source: x}\n", "unknown time zone '../..'"),
    ("dates:\n  submission: {date: 9999-12-31, source: x}\n", "the year must be between 1970 and 2999"),
])
def test_rule_sets_that_used_to_crash_are_usage_errors(tmp_path, capsys, spec, message):
    path = tmp_path / "demo.yaml"
    path.write_text("id: demo\nname: Demo\nextends: iclr2026\ntracks:\n  only: {description: Only}\n" + spec)
    for command in (["check", "--rules", path, fixture("iclr-anon-short")], ["deadlines", "--rules", path],
                    ["rules", "validate", path]):
        code, out, err = main(capsys, *command)
        assert code == 2 and message in out + err and "Traceback" not in err


def test_exit_codes_are_documented_in_help_and_readme(capsys):
    code, out, _ = main(capsys, "check", "--help")
    assert "4  internal error in wscheck" in out and "a rule could not be checked" in out
    readme = (ROOT / "README.md").read_text()
    assert "| 4 | internal error" in readme


def test_reporters_show_errors_and_never_count_them_as_passed():
    from wscheck import reporters

    report = PaperReport(file="p.pdf", venue=VENUE, results=[
        RuleResult("page-size", "page-size", "pass", "ok"),
        RuleResult("banned", "text-pattern", "error", "pattern matching on this paper used up its 5 s")])
    assert report.verdict == "error"
    outputs = {}
    for name in CHECK_FORMATS:
        stream = io.StringIO()
        reporters.get(name).render([report, PaperReport(file="q.pdf", results=[
            RuleResult("page-size", "page-size", "pass", "ok")])], stream, {})
        outputs[name] = stream.getvalue()
    assert "ERROR: 1 of 2 rules could not be checked (banned)" in outputs["text"]
    assert "2 papers: 1 passed, 0 failed, 1 could not be checked" in outputs["text"]
    assert json.loads(outputs["json"])[0]["results"][1]["status"] == "error"
    row = next(csv.DictReader(io.StringIO(outputs["csv"])))
    assert row["verdict"] == "error" and row["error_rules"] == "banned" and row["rule:banned"] == "error"
    assert 'errors="1"' in outputs["junit"] and 'type="could-not-check"' in outputs["junit"]
    sarif = json.loads(outputs["sarif"])["runs"][0]
    assert [r["ruleId"] for r in sarif["results"]] == ["banned"] and sarif["results"][0]["level"] == "error"
    assert sarif["invocations"][0]["executionSuccessful"] is False
    assert outputs["github"].startswith("::error file=p.pdf,title=wscheck banned%3A could not be checked::")
    assert "⛔ ERROR" in outputs["markdown"] and "could not check: banned" in outputs["markdown"]
    assert "could not check: banned" in outputs["html"] and "1 could not be checked" in outputs["html"]


def test_metadata_pypdf_cannot_reach_is_a_finding_not_silence(tmp_path, monkeypatch):
    """PDFium reads the pages but pypdf cannot open the objects (e.g. a cipher it cannot decrypt): the XMP
    metadata, which may name the authors, was not read, and the anonymity rule says so instead of passing."""
    from wscheck.errors import PdfReadError
    from wscheck.pdf import objects as pdf_objects

    path = write(tmp_path, "meta.pdf", hostile.text_pdf(1) + b"\n% /Metadata\n")  # looks like it may carry XMP

    def cannot_open(path, password=None):
        error = PdfReadError(f"{path}: the PDF is encrypted with a cipher pypdf cannot decrypt here")
        error.reason = "the PDF is encrypted with a cipher pypdf cannot decrypt here"
        raise error

    monkeypatch.setattr(pdf_objects, "open_reader", cannot_open)
    report = check_file(CheckRequest(path=str(path), ruleset=load(VENUE), track="long"))
    anonymity = report.result("anonymity")
    assert anonymity.status == "fail"
    assert any("XMP metadata was not read: the PDF is encrypted" in f.text for f in anonymity.findings)
    assert any("XMP metadata was not read" in note for note in report.notes)


def test_rules_show_and_validate_print_a_hostile_rule_file_safely(tmp_path, capsys):
    """A rule file is data, possibly a stranger's: its strings reach the terminal cleaned, like a report's."""
    rules = tmp_path / "ws.yaml"
    rules.write_text('id: hostile-ws\nkind: workshop\nname: "Evil \\x1b[2J\\x1b]0;owned\\x07 Workshop"\n'
                     'extends: icml2026\nrules:\n  page-limit:\n    message: "fits\\n::error::forged"\n'
                     '    params:\n      max_pages: {value: 4, source: "\\x1b[32mPASS\\x1b[0m"}\n')
    for command in (("rules", "show", str(rules)), ("rules", "validate", str(rules))):
        code, out, err = main(capsys, *command)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out
        assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    code, out, _ = main(capsys, "rules", "show", str(rules))
    assert "Evil" in out and "PASS" in out  # shown, made harmless
