"""Batches that scale: reports streamed as papers finish, in input order, with bounded memory in the parent;
exact records for --cache and --resume; workers that free memory and retire by size."""
from __future__ import annotations

import io
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

from wscheck import batch, check_batch, records, reporters
from wscheck.facts import PageLimitFacts
from wscheck.model import Finding, FormatSummary, PaperReport, RuleResult
from wscheck.reporters.summary import rule_ids
from wscheck.runner import CheckRequest


def _report(number: int, findings: int = 2) -> PaperReport:
    """A varied paper: every third one fails, every fifth could not be read."""
    if number % 5 == 4:
        return PaperReport(file=f"p{number}.pdf", venue="v", track="short", stage="submission",
                           error=f"p{number}.pdf: the file is empty")
    status = "fail" if number % 3 == 0 else "pass"
    limit = RuleResult("page-limit", "page-limit", status, f"{4 + number % 3} pages", facts=PageLimitFacts(
        main_body_pages=4 + number % 3, limit=5, lines_into_last_page=3, column=None, ended_by="References",
        ended_by_page=5))
    anonymity = RuleResult("anonymity", "anonymity", status, "names", findings=[
        Finding(page=1, text=f"author {number}-{i}", kind="author-block", box=(1.0, 2.0, 3.5, 4.25), line=i)
        for i in range(findings)], findings_omitted=3, omitted_text="and 3 more author-block lines")
    return PaperReport(file=f"p{number}.pdf", venue="v", track="short", stage="submission", pages=6,
                       results=[limit, anonymity, RuleResult("fonts", "fonts", "not_checked", "not stated")],
                       template=FormatSummary("iclr", 2026, "submission"), notes=[f"note {number}"],
                       elapsed_s=0.25 * number)


def _requests(folder: Path, count: int) -> list[CheckRequest]:
    """Files whose sizes grow with their number: the batch starts the last ones first (largest first)."""
    requests = []
    for number in range(count):
        path = folder / f"p{number}.pdf"
        path.write_bytes(b"%" * (100 * (number + 1)))
        requests.append(CheckRequest(path=str(path), ruleset=None, track="short"))
    return requests


def _number(request) -> int:
    return int(Path(request.path).stem[1:])


def _fake_check(request) -> PaperReport:
    return _report(_number(request))


def test_every_format_streamed_out_of_order_equals_the_whole_report(tmp_path, monkeypatch):
    """Papers finish in reverse order (largest first, two workers), more wait than MAX_HELD (so some wait on
    disk), and every format's file is the report rendered whole from the list in input order."""
    monkeypatch.setattr(check_batch, "MAX_HELD", 2)
    requests = _requests(tmp_path, 12)
    reports = [_report(n) for n in range(12)]
    targets = [check_batch.Target(name, str(tmp_path / f"report.{name}")) for name in reporters.CHECK_FORMATS]
    finished = []
    outcome = check_batch.run(_fake_check, requests, targets, {"rule_ids": rule_ids(reports), "total": 12},
                              on_error=lambda request, reason: None, limits=check_batch.Limits(jobs=2),
                              hooks=check_batch.Hooks(advance=finished.append))
    assert outcome.tally.counts() == {"papers": 12, "pass": 7, "fail": 3, "error": 2}
    assert len(finished) == 12
    for name in reporters.CHECK_FORMATS:
        whole = io.StringIO()
        reporters.get(name).render(reports, whole, {})
        assert Path(tmp_path / f"report.{name}").read_text(encoding="utf-8") == whole.getvalue(), name
    assert sorted(os.listdir(tmp_path)) == sorted([f"p{n}.pdf" for n in range(12)]
                                                  + [f"report.{name}" for name in reporters.CHECK_FORMATS])


def test_rows_are_written_as_papers_finish(tmp_path, monkeypatch):
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    lines_after_each_paper = []
    check_batch.run(_fake_check, _requests(tmp_path, 5), [check_batch.Target("csv", None)],
                    {"rule_ids": ["page-limit", "anonymity"]}, on_error=lambda request, reason: None,
                    limits=check_batch.Limits(jobs=1),
                    hooks=check_batch.Hooks(tell=lambda report: lines_after_each_paper.append(
                        stdout.getvalue().count("\n"))))
    assert lines_after_each_paper == [2, 3, 4, 5, 6]  # the header, then each row before the batch has ended


def _large_report(request) -> PaperReport:
    if tracemalloc.is_tracing():  # a worker forked from the traced test: only the parent is measured
        tracemalloc.stop()
    report = _report(_number(request), findings=1000)
    for result in report.results:
        for finding in result.findings:
            finding.detail = "x" * 40
    return report


def test_the_parent_holds_a_few_reports_whatever_the_batch_size(tmp_path, monkeypatch):
    """60 papers of ~200 kB finishing in reverse order: the parent's Python memory stays a small share of the
    batch (it held every report until the end before)."""
    monkeypatch.setattr(check_batch, "MAX_HELD", 2)
    requests = _requests(tmp_path, 60)
    size = len(records.dumps(_large_report(requests[0])))
    tracemalloc.start()
    try:
        check_batch.run(_large_report, requests, [check_batch.Target("csv", str(tmp_path / "out.csv"))], {},
                        on_error=lambda request, reason: None, limits=check_batch.Limits(jobs=2))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 61
    assert peak < 0.3 * size * len(requests), (peak, size)  # about 0.16; holding every report: 1.2


def test_a_record_reads_back_as_the_same_report():
    import test_trust

    reports = [_report(n) for n in range(5)] + test_trust._hostile_reports()
    reports[0].evidence = [{"page": 1, "file": "e/page-001.png", "marks": ["1: author"]}]
    for report in reports:
        back = records.loads(records.dumps(report))
        assert back == report and type(back.results[0].facts if back.results else None) is type(
            report.results[0].facts if report.results else None)
    assert isinstance(records.loads(records.dumps(reports[1])).results[1].findings[0].box, tuple)


def _nested(depth: int):
    return ["x"] if depth == 0 else [_nested(depth - 1)]


@pytest.mark.parametrize("damage", [
    lambda data: {"c": "Popen", "f": {}},  # not a report class
    lambda data: {**data, "f": {**data["f"], "pages": "six"}},  # a field of the wrong type
    lambda data: {**data, "f": {**data["f"], "shell": "rm -rf"}},  # a field the class does not have
    lambda data: {**data, "f": {**data["f"], "results": [{"c": "RuleResult", "f": {"rule": 1}}]}},
    lambda data: {**data, "f": {**data["f"], "notes": _nested(40)}},  # nested deeper than any report
    lambda data: [data],
])
def test_a_record_that_is_not_one_of_ours_is_refused(damage):
    data = records.to_record(_report(0))
    with pytest.raises(records.RecordError):
        records.from_record(damage(data))


def test_a_worker_still_large_after_a_file_is_replaced():
    pids_small = batch.run_all(_grow_and_report_pid, [1, 2, 3], on_error=lambda item, reason: reason, jobs=1,
                               retire_rss_mb=10)
    pids_large = batch.run_all(_grow_and_report_pid, [1, 2, 3], on_error=lambda item, reason: reason, jobs=1,
                               retire_rss_mb=100_000)
    assert len(set(pids_small)) == 3  # every worker was above 10 MB: each file got a fresh one
    assert len(set(pids_large)) == 1


_KEPT: list[bytes] = []


def _grow_and_report_pid(item) -> int:
    _KEPT.append(b"x" * (8 << 20))  # memory a file leaves behind
    return os.getpid()
