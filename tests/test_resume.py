"""Batches that survive: a batch killed half-way and resumed gives the reports of an uninterrupted run; shards
concatenate into one run; --cache skips unchanged papers and never trusts what it should not.

A handful of small fixtures, run in this process where nothing needs a process of its own (the killed batch
does)."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, fixture
from wscheck import cli, fingerprint, journal, report_cache
from wscheck.model import PaperReport, RuleResult
from wscheck.runner import CheckRequest

VENUE = "iclr2026-trustworthy-ai"
PAPERS = ["iclr-anon-short", "iclr-named", "iclr-no-refs", "anon-links", "iclr-email-p1", "fmt-a4-paper"]


def main(*args) -> tuple[int, str, str]:
    """`wscheck ARGS` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as ended:
        cli.main([str(a) for a in args])
    return ended.value.code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("papers")
    for name in PAPERS:
        (folder / f"{name}.pdf").symlink_to(fixture(name))
    return folder


def _check(papers: Path, *args) -> tuple[int, str, str]:
    return main("check", "--venue", VENUE, papers, "--jobs", "2", *args)


@pytest.fixture(scope="module")
def reference(papers, tmp_path_factory) -> dict[str, str]:
    """One uninterrupted run: its csv and jsonl reports."""
    folder = tmp_path_factory.mktemp("reference")
    code, out, err = _check(papers, "--format", "csv", "-o", folder / "all.csv", "--report",
                            f"jsonl={folder / 'all.jsonl'}")
    assert code == 1 and out == "", err
    return {"csv": (folder / "all.csv").read_text(), "jsonl": (folder / "all.jsonl").read_text()}


def _csv_without_timings(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-1] == "elapsed_s"
    return [row[:-1] for row in rows]


def _jsonl_without_timings(text: str) -> list[dict]:
    return [{k: v for k, v in json.loads(line).items() if not k.endswith("_s")} for line in text.splitlines()]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL])
def test_a_batch_killed_half_way_resumes_to_the_reports_of_an_uninterrupted_run(papers, reference, tmp_path, stop):
    """The acceptance test: a real signal once some papers are done, then the same command with --resume."""
    out = tmp_path / "out.csv"
    extra = tmp_path / "out.jsonl"
    out.write_text("the previous report\n")
    saved = Path(f"{out}.wscheck-resume")
    command = ["check", "--venue", VENUE, papers, "--jobs", "1", "--format", "csv", "-o", out,
               "--report", f"jsonl={extra}"]
    process = subprocess.Popen([sys.executable, "-m", "wscheck", *map(str, command)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (saved.exists() and saved.read_bytes().count(b"\n") >= 3):  # a header and two papers
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.01)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == (130 if stop == signal.SIGINT else -signal.SIGKILL), stderr
    assert out.read_text() == "the previous report\n" and not extra.exists()  # nothing half-written
    if stop == signal.SIGINT:
        assert "papers are saved in" in stderr and "--resume" in stderr
    done_before = saved.read_bytes().count(b"\n") - 1
    assert 2 <= done_before < len(PAPERS)

    code, stdout, stderr = main(*command[:-4], "--jobs", "2", *command[-4:], "--resume")
    assert code == 1 and stdout == "", stderr
    assert f"resuming: {done_before} of {len(PAPERS)} papers were checked by the interrupted run" in stderr
    assert _csv_without_timings(out.read_text()) == _csv_without_timings(reference["csv"])
    assert _jsonl_without_timings(extra.read_text()) == _jsonl_without_timings(reference["jsonl"])
    assert sorted(os.listdir(tmp_path)) == ["out.csv", "out.jsonl"]  # the journal and any leftover are gone


def test_resume_takes_only_papers_whose_file_and_options_are_unchanged(papers, reference, tmp_path):
    out = tmp_path / "out.jsonl"
    requests = [CheckRequest(path=str(p), ruleset=None, track="long") for p in sorted(papers.glob("*.pdf"))]
    keys = journal.paper_keys("another run", requests)  # e.g. another version of wscheck
    kept = journal.Journal(f"{out}.wscheck-resume", resume=False)
    for key in keys:
        kept.append(key, PaperReport(file="forged.pdf", results=[RuleResult("anonymity", "anonymity", "pass", "")]))
    kept.close()
    with open(f"{out}.wscheck-resume", "ab") as handle:
        handle.write(b'{"key": "cut short by a kill')
    code, _, stderr = _check(papers, "--format", "jsonl", "-o", out, "--resume")
    assert code == 1
    assert f"resuming: 0 of {len(PAPERS)} papers" in stderr and f"{len(PAPERS)} saved results" in stderr
    assert "forged" not in out.read_text()
    assert _jsonl_without_timings(out.read_text()) == _jsonl_without_timings(reference["jsonl"])


def test_resume_and_cache_refuse_what_they_cannot_use(papers, tmp_path):
    code, _, stderr = _check(papers, "--format", "csv", "--resume")
    assert code == 2 and "--resume needs a report file" in stderr
    Path(f"{tmp_path / 'out.csv'}.wscheck-resume").write_text("name,verdict\n")
    code, _, stderr = _check(papers, "--format", "csv", "-o", tmp_path / "out.csv", "--resume")
    assert code == 2 and "is not a wscheck resume file" in stderr
    code, _, stderr = _check(papers, "--cache", tmp_path / "out.csv.wscheck-resume")
    assert code == 2 and stderr.strip().endswith("out.csv.wscheck-resume: not a folder")


def test_shards_concatenate_into_the_output_of_one_run(papers, reference, tmp_path):
    csv_rows: list[list[str]] = []
    jsonl = ""
    for number in (1, 2, 3, 4):
        shard = tmp_path / f"shard{number}"
        code, _, stderr = _check(papers, "--shard", f"{number}/4", "--format", "csv", "-o", f"{shard}.csv",
                                 "--report", f"jsonl={shard}.jsonl")
        assert code in (0, 1), stderr
        rows = _csv_without_timings(Path(f"{shard}.csv").read_text())
        csv_rows += rows if number == 1 else rows[1:]  # the header once (each shard has the same one)
        assert rows[0] == _csv_without_timings(reference["csv"])[0]
        jsonl += Path(f"{shard}.jsonl").read_text()
    assert csv_rows == _csv_without_timings(reference["csv"])
    assert _jsonl_without_timings(jsonl) == _jsonl_without_timings(reference["jsonl"])
    assert _check(papers, "--shard", "5/4")[0] == 2 and _check(papers, "--shard", "0/4")[0] == 2


def test_cache_checks_only_new_or_changed_papers_and_gives_the_same_reports(papers, reference, tmp_path):
    cache = tmp_path / "cache"
    code, _, stderr = _check(papers, "--format", "jsonl", "-o", tmp_path / "first.jsonl", "--cache", cache)
    assert code == 1 and "from the cache" not in stderr
    code, _, stderr = _check(papers, "--format", "jsonl", "-o", tmp_path / "again.jsonl", "--cache", cache)
    assert f"{len(PAPERS)} of {len(PAPERS)} papers from the cache" in stderr
    for name in ("first", "again"):
        assert _jsonl_without_timings((tmp_path / f"{name}.jsonl").read_text()) == _jsonl_without_timings(
            reference["jsonl"])
    code, _, stderr = _check(papers, "--track", "short", "--format", "jsonl", "-o", tmp_path / "short.jsonl",
                             "--cache", cache)
    assert "from the cache" not in stderr  # another track: other results


def _request(name: str, **fields) -> CheckRequest:
    return CheckRequest(path=str(fixture(name)), ruleset=None, track="long", **fields)


class _Counting:
    def __init__(self, report: PaperReport | None = None):
        self.calls = 0
        self.report = report

    def __call__(self, request) -> PaperReport:
        self.calls += 1
        report = self.report or PaperReport(file=request.path, pages=4, results=[
            RuleResult("page-limit", "page-limit", "fail", f"{self.calls}")])
        return PaperReport(**{**report.__dict__, "results": list(report.results)})


def test_cache_entries_are_keyed_by_content_and_options(tmp_path):
    task = _Counting()
    cached = report_cache.CachedCheck(str(tmp_path), "run", task)
    first = cached(_request("iclr-named"))
    copy = tmp_path / "renamed copy.pdf"
    shutil.copy(fixture("iclr-named"), copy)
    again = cached(CheckRequest(path=str(copy), ruleset=None, track="long"))
    assert task.calls == 1 and again.cached and not first.cached
    assert again.file == str(copy) and again.results == first.results  # the report names the file it was given
    cached(_request("iclr-named", authors=["Jane Doe"]))  # other authors: other findings
    cached(_request("iclr-named", stage="camera-ready"))
    report_cache.CachedCheck(str(tmp_path), "another version", task)(_request("iclr-named"))
    copy.write_bytes(copy.read_bytes() + b"\n%changed\n")
    cached(CheckRequest(path=str(copy), ruleset=None, track="long"))
    assert task.calls == 5


def test_a_damaged_or_foreign_cache_entry_is_a_miss_and_is_replaced(tmp_path):
    task = _Counting()
    cached = report_cache.CachedCheck(str(tmp_path), "run", task)
    cached(_request("iclr-no-refs"))
    (entry,) = [p for p in tmp_path.rglob("*.wsc")]
    good = entry.read_bytes()
    body = zlib.decompress(good[len(report_cache.MAGIC):])
    damaged = [
        good[:-7],  # cut short
        good[:40] + bytes([good[40] ^ 0xFF]) + good[41:],  # a flipped byte
        report_cache.MAGIC + zlib.compress(b"0" * 64 + body[64:]),  # another key's entry
        report_cache.MAGIC + zlib.compress(body.replace(b'"pages":4', b'"pages":"4"')),  # a field of another type
        b"wscheck-cache 0\n" + good[len(report_cache.MAGIC):],  # another format
    ]
    for number, data in enumerate(damaged, start=2):
        entry.write_bytes(data)
        assert not cached(_request("iclr-no-refs")).cached
        assert task.calls == number and entry.read_bytes() != data  # checked again, and stored again
    assert cached(_request("iclr-no-refs")).cached


def test_reports_that_could_not_be_fully_checked_are_not_cached(tmp_path):
    for report in (PaperReport(file="x.pdf", error="x.pdf: timed out"),
                   PaperReport(file="x.pdf", results=[RuleResult("anonymity", "anonymity", "error", "crashed")])):
        task = _Counting(report)
        cached = report_cache.CachedCheck(str(tmp_path), "run", task)
        cached(_request("iclr-no-refs"))
        cached(_request("iclr-no-refs"))
        assert task.calls == 2
    assert not list(tmp_path.rglob("*.wsc"))


def test_cached_evidence_is_used_only_while_its_images_exist(tmp_path):
    image = tmp_path / "page-001.png"
    image.write_bytes(b"png")
    task = _Counting(PaperReport(file="x.pdf", evidence=[{"page": 1, "file": str(image)}]))
    cached = report_cache.CachedCheck(str(tmp_path / "cache"), "run", task)
    request = _request("iclr-no-refs", evidence_dir=str(tmp_path))
    cached(request)
    assert cached(request).cached
    image.unlink()
    assert not cached(request).cached and task.calls == 2


def test_the_cache_is_pruned_to_its_bound_oldest_first(tmp_path):
    for number in range(6):
        report_cache.store(str(tmp_path), f"{number:02d}" + "a" * 62, PaperReport(file="x" * 3000 + str(number)))
        os.utime(report_cache.entry_path(str(tmp_path), f"{number:02d}" + "a" * 62), (1000 + number, 1000 + number))
    size = os.path.getsize(report_cache.entry_path(str(tmp_path), "00" + "a" * 62))
    assert report_cache.prune(str(tmp_path), max_bytes=int(size * 3.5)) == 3
    assert sorted(p.name[:2] for p in tmp_path.rglob("*.wsc")) == ["03", "04", "05"]


def test_the_code_digest_covers_modules_and_rules():
    digest = fingerprint.code_digest()
    assert len(digest) == 64 and digest == fingerprint.code_digest()
    assert fingerprint.file_sha256(str(fixture("iclr-no-refs"))) is not None
    assert fingerprint.file_sha256(str(ROOT / "fixtures")) is None  # not a regular file


def test_hostile_text_survives_the_cache_and_the_journal_exactly(tmp_path):
    import test_trust

    report = test_trust._hostile_reports()[0]  # control characters, bidi overrides, a lone surrogate
    report_cache.store(str(tmp_path), "a" * 64, report)
    assert report_cache.load(str(tmp_path), "a" * 64) == report
    kept = journal.Journal(str(tmp_path / "x.wscheck-resume"), resume=False)
    kept.append("k", report)
    kept.close()
    again = journal.Journal(str(tmp_path / "x.wscheck-resume"), resume=True)
    assert again.load("k") == report
    again.close()
