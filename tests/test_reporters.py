"""Reporters on hand-made reports: each format parses, escapes hostile PDF text and keeps every paper."""
from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT, fixture, flowing
from wscheck import reporters, ruleset
from wscheck.model import Finding, PaperReport, RuleResult
from wscheck.reporters import github_report, markdown_report
from wscheck.reporters.summary import summarize
from wscheck.textsafe import clean

# Text as PDFs deliver it: commas, colons, percent signs, newlines, markup, a form feed.
HOSTILE = 'Jane Doe, Univ. of X: 100% <script>alert("x")</script> | a*b_c [d](e)\nnext\x0cline ::error::'


def make_reports() -> list[PaperReport]:
    failed = PaperReport(
        file="papers/over, limit.pdf", venue="iclr2026-trustworthy-ai", track="short", stage="submission",
        pages=7, elapsed_s=0.25, template={"family": "iclr", "year": 2026, "mode": "submission"},
        results=[
            RuleResult("page-size", "page-size", "pass", "all 7 pages are US Letter"),
            RuleResult("page-limit", "page-limit", "fail", "main body ends 6 lines into page 5; limit 4 pages",
                       findings=[Finding(page=5, text="last line of the body", fix="cut 6 lines", kind="over-limit",
                                         line=6, box=(72.0, 100.0, 540.0, 110.0))],
                       facts={"main_body_pages": 5, "limit": 4}),
            RuleResult("anonymity", "anonymity", "fail", "2 items reveal the authors",
                       findings=[Finding(page=1, text=HOSTILE, fix="remove names", kind="author-block",
                                         box=(100.0, 120.0, 300.0, 132.0)),
                                 Finding(page=None, text="Author: Jane Doe", fix="clear metadata", kind="metadata")]),
            RuleResult("fonts", "fonts", "warn", "a Type 3 font", level="warning",
                       findings=[Finding(page=2, text="Type 3 font T3", kind="font")]),
            RuleResult("deadline", "deadline", "not_checked", "no deadline given"),
        ],
    )
    passed = PaperReport(
        file="papers/clean.pdf", venue="iclr2026-trustworthy-ai", track="long", stage="submission", pages=9,
        elapsed_s=0.5,
        results=[RuleResult("page-size", "page-size", "pass", "all 9 pages are US Letter"),
                 RuleResult("page-limit", "page-limit", "pass", "main body ends on page 8", facts={
                     "main_body_pages": 8, "limit": 9}),
                 RuleResult("anonymity", "anonymity", "pass", "no identifying information found")],
    )
    broken = PaperReport(file="papers/login.pdf", venue="iclr2026-trustworthy-ai", track="long",
                         stage="submission", error="papers/login.pdf: not a PDF (looks like an HTML page)")
    return [failed, passed, broken]


def render(name: str, reports=None, **options) -> str:
    stream = io.StringIO()
    reporters.get(name).render(make_reports() if reports is None else reports, stream, options)
    return stream.getvalue()


def test_every_format_is_registered():
    assert reporters.CHECK_FORMATS == ("text", "json", "jsonl", "csv", "junit", "sarif", "github", "markdown", "html")
    for name in reporters.CHECK_FORMATS:
        assert callable(reporters.get(name).render)
        writer = reporters.writer(name)
        assert all(callable(getattr(writer, step)) for step in ("begin", "paper", "end"))


def test_summary_row_reads_page_limit_facts_anonymity_and_format():
    row = summarize(make_reports()[0])
    assert (row.main_body_pages, row.page_limit, row.pages_over_limit, row.body_vs_limit) == (5, 4, 1, "5 / 4")
    assert row.anonymity_label == "FAIL (2)"
    assert row.format_label == "iclr 2026 submission"
    assert row.failed_rules == ["page-limit", "anonymity"]
    assert row.warned_rules == ["fonts"] and row.not_checked_rules == ["deadline"]
    error_row = summarize(make_reports()[2])
    assert error_row.verdict == "error" and error_row.body_vs_limit == "-" and error_row.anonymity_label == "-"


# -- text ----------------------------------------------------------------------------
@pytest.fixture
def columns(monkeypatch):
    """Render the text report as if COLUMNS were set."""
    def set_columns(value: int | None) -> None:
        if value is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", str(value))
    return set_columns


def test_text_batch_ends_with_a_summary_table_within_80_columns(columns):
    columns(80)
    long_name = "submissions/" + "very-long-paper-name-" * 12 + ".pdf"
    reports = make_reports()
    reports[1].file = long_name
    out = render("text", reports)
    assert all(len(line) <= 80 for line in out.splitlines())
    table = out[out.index("Summary"):]
    rows = table.splitlines()
    # a name too long for its column is shortened from the left: the file's own name stays
    long_row = next(line for line in rows if line.startswith("…") and "paper-name-.pdf" in line)
    assert long_name.endswith(long_row.split()[0][1:])
    assert long_row.split()[1:3] == ["PASS", "8"]
    assert re.search(r"papers/over, limit\.pdf\s+FAIL\s+5 / 4\s+FAIL \(2\)\s+iclr 2026\s+page-limit,", table)
    assert "not a PDF (looks like an HTML page)" in flowing(table)
    assert out.rstrip().endswith("3 papers: 1 passed, 1 failed, 1 could not be checked")


def test_text_batch_paths_are_relative_to_the_working_directory(columns, tmp_path, monkeypatch):
    columns(80)
    monkeypatch.chdir(tmp_path)
    reports = make_reports()
    reports[0].file = str(tmp_path / "batch" / "paper-a.pdf")
    out = render("text", reports)
    assert out.splitlines()[0].startswith("batch/paper-a.pdf  iclr2026-trustworthy-ai")  # the header
    assert any(line.startswith("batch/paper-a.pdf ") for line in out[out.index("Summary"):].splitlines())


def _many_margin_notes() -> PaperReport:
    pages = [1, 2, 3, 4, 5, 6, 7, 8, 9, 19, 20, 21, 24, 26]
    fix = "remove the margin notes before submitting"
    findings = [Finding(page=p, text=f"R{p} - W1", kind="margin-note", fix=fix, box=(516.0, 300.0, 560.0, 310.0),
                        line=100 + p, line_kind="printed", level=None if p < 10 else "warning",
                        detail="a note set in the right margin, 56 pt beyond the text block (108-504 pt)")
               for p in pages]
    rules = [RuleResult("page-size", "page-size", "pass", "all 26 pages are US Letter"),
             RuleResult("text-block", "text-block", "fail", "Text and figures must stay inside the ICLR text block "
                        "(5.5 x 9 in, one column): 14 objects beyond the text block (108-504 x 82-730 pt) on pages "
                        "1-9, 19-21, 24, 26", findings=findings),
             RuleResult("impact-statement", "required-section", "not_checked", "not stated in the call")]
    return PaperReport(file="paper.pdf", venue="iclr2026", track="main", stage="submission", pages=26,
                       results=rules)


def test_repeated_findings_are_one_block_listing_the_pages_with_one_fix(columns):
    columns(80)
    out = render("text", [_many_margin_notes()])
    assert out.count("fix: remove the margin notes") == 1
    assert "14 margin notes: pages 1-9 (errors); pages 19-21, 24, 26 (warnings)" in flowing(out)
    assert 'p.1 l.101 "R1 - W1"' in out and "and 11 more" in out and "(-v lists every finding)" in out
    verbose = render("text", [_many_margin_notes()], verbosity=1)
    assert verbose.count("fix: remove the margin notes") == 14 and 'p.26 l.126 "R26 - W1"' in verbose
    quiet = render("text", [_many_margin_notes()], verbosity=-1)
    assert quiet.splitlines()[0] == "paper.pdf: FAIL: 1 of 3 rules failed (text-block); not checked: impact-statement"
    assert "R1 - W1" not in quiet and "page-size" not in quiet  # the verdict and the failed rules only
    assert all(line.startswith(("  FAIL ", "   ")) for line in quiet.splitlines()[1:])


def test_lines_hang_under_their_column_and_no_id_path_or_location_is_split(columns):
    columns(80)
    out = render("text", [_many_margin_notes()])
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    row = next(n for n, line in enumerate(lines) if "text-block" in line)
    column = lines[row].index("Text and figures")
    assert lines[row + 1].startswith(" " * column) and lines[row + 1][column] != " "  # hanging, not at column 0
    # every rule id, location and the status label whole on one line
    for whole in ("impact-statement", "NOT CHECKED", "p.1 l.101", "(5.5 x 9 in, one column)"[:9]):
        assert any(whole in line for line in lines), whole
    assert "p.1" not in [line.strip() for line in lines]  # a location never ends a line alone


def test_columns_are_honoured_and_a_pipe_without_them_gets_80(columns):
    report = _many_margin_notes()
    columns(60)
    narrow = render("text", [report])
    assert max(len(line) for line in narrow.splitlines()) <= 60
    columns(None)  # a StringIO is no terminal: the default width
    piped = render("text", [report])
    assert max(len(line) for line in piped.splitlines()) <= 80
    columns(200)  # at most 80 columns of prose, however wide the terminal: no line more than at 80
    assert render("text", [report]) == piped
    columns(20)
    assert all(len(line) <= 20 for line in render("text", [report]).splitlines())


def test_a_word_longer_than_the_line_is_folded_without_starting_a_workflow_command(columns):
    columns(40)
    report = PaperReport(file="p.pdf", venue="v", results=[RuleResult(
        "text-pattern", "text-pattern", "fail", "found", findings=[Finding(page=1, text="x" * 50 + "::error::")])])
    out = render("text", [report])
    assert all(len(line) <= 40 for line in out.splitlines())
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    assert "x" * 20 in out and '"xxx' in out.splitlines()[3]  # folded from where it starts, beside its page


def test_the_text_report_says_where_the_evidence_went(columns, tmp_path, monkeypatch):
    columns(80)
    monkeypatch.chdir(tmp_path)
    report = make_reports()[0]
    report.evidence = [{"page": p, "file": str(tmp_path / "ev" / "paper-0123456789" / f"page-{p:03d}.png"),
                        "marks": []} for p in (1, 5)]
    out = render("text", [report])
    assert "EVIDENCE  2 pages (1, 5) drawn in ev/paper-0123456789/" in out


def test_text_single_paper_has_no_summary_table():
    assert "Summary" not in render("text", make_reports()[:1])


# -- csv -----------------------------------------------------------------------------
def test_csv_has_one_sortable_row_per_paper_with_error_rows():
    rows = list(csv.DictReader(io.StringIO(render("csv", ruleset=ruleset.load("iclr2026-trustworthy-ai")))))
    assert [r["file"] for r in rows] == ["papers/over, limit.pdf", "papers/clean.pdf", "papers/login.pdf"]
    assert [r["verdict"] for r in rows] == ["fail", "pass", "error"]
    failed, passed, broken = rows
    assert failed["main_body_pages"] == "5" and failed["page_limit"] == "4" and failed["pages_over_limit"] == "1"
    assert passed["pages_over_limit"] == "-1"
    assert failed["failed_rules"] == "page-limit; anonymity"
    assert failed["anonymity"] == "fail" and failed["identity_leaks"] == "2"
    assert failed["rule:page-limit"] == "fail" and failed["rule:fonts"] == "warn"
    assert failed["rule:deadline"] == "not_checked" and passed["rule:fonts"] == ""
    assert "page-limit: main body ends 6 lines into page 5" in failed["failure_messages"]
    assert broken["error"] == "papers/login.pdf: not a PDF (looks like an HTML page)"
    assert broken["rule:page-limit"] == "" and broken["main_body_pages"] == ""
    # rule columns follow the rule set's order, then rules it does not declare
    header = next(csv.reader(io.StringIO(render("csv"))))
    assert header[-1] == "elapsed_s"
    assert all("\n" not in cell for row in rows for cell in row.values())


# -- junit ---------------------------------------------------------------------------
def test_junit_parses_with_a_testcase_per_paper_and_rule():
    root = ET.fromstring(render("junit"))  # the form feed in the quoted text must not break the XML
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["papers/over, limit.pdf", "papers/clean.pdf", "papers/login.pdf"]
    failed, passed, broken = suites
    assert [c.get("name") for c in failed.findall("testcase")] == [
        "page-size", "page-limit", "anonymity", "fonts", "deadline"]
    assert (failed.get("tests"), failed.get("failures"), failed.get("skipped"), failed.get("errors")) == (
        "5", "2", "1", "0")
    anonymity = failed.find("testcase[@name='anonymity']/failure")
    assert anonymity.get("message") == "2 items reveal the authors"
    assert '<script>alert("x")</script>' in anonymity.text and "\x0c" not in anonymity.text
    assert "fix: remove names" in anonymity.text
    assert failed.find("testcase[@name='deadline']/skipped").get("message") == "no deadline given"
    assert "WARN: a Type 3 font" in failed.find("testcase[@name='fonts']/system-out").text
    assert passed.get("failures") == "0" and len(passed.findall("testcase")) == 3
    error = broken.find("testcase/error")
    assert error.get("message") == "papers/login.pdf: not a PDF (looks like an HTML page)"
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("9", "2", "1", "1")
    properties = {p.get("name"): p.get("value") for p in failed.find("properties")}
    assert properties == {"venue": "iclr2026-trustworthy-ai", "track": "short", "stage": "submission",
                          "verdict": "fail"}


# -- sarif ---------------------------------------------------------------------------
def test_sarif_2_1_0_structure():
    log = json.loads(render("sarif", ruleset=ruleset.load("iclr2026-trustworthy-ai")))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "wscheck" and driver["version"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {"page-size", "page-limit", "anonymity", "fonts", "unreadable-pdf"} <= set(rule_ids)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    for result in results:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"].startswith("papers/")
        region = location["physicalLocation"].get("region")
        if region is not None:
            assert region["startLine"] == region["properties"]["page"] >= 1
    by_rule = {}
    for result in results:
        by_rule.setdefault(result["ruleId"], []).append(result)
    assert sorted(by_rule) == ["anonymity", "fonts", "page-limit", "unreadable-pdf"]
    (limit,) = by_rule["page-limit"]
    region = limit["locations"][0]["physicalLocation"]["region"]
    assert region["properties"] == {"page": 5, "line": 6, "lineKind": "counted", "box": [72.0, 100.0, 540.0, 110.0]}
    assert limit["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "papers/over%2C%20limit.pdf"
    assert "Fix: cut 6 lines" in limit["message"]["text"]
    metadata = [r for r in by_rule["anonymity"] if "Author: Jane Doe" in r["message"]["text"]]
    assert metadata and "region" not in metadata[0]["locations"][0]["physicalLocation"]
    assert by_rule["fonts"][0]["level"] == "warning"
    (unreadable,) = by_rule["unreadable-pdf"]
    assert unreadable["message"]["text"] == "papers/login.pdf: not a PDF (looks like an HTML page)"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert [a["location"]["uri"] for a in run["artifacts"]] == [
        "papers/over%2C%20limit.pdf", "papers/clean.pdf", "papers/login.pdf"]
    fingerprints = [r["partialFingerprints"]["wscheck/v1"] for r in results]
    assert len(fingerprints) == len(set(fingerprints))


def test_sarif_absolute_paths_become_file_uris(tmp_path):
    report = PaperReport(file=str(tmp_path / "a b.pdf"), error="x: empty")
    log = json.loads(render("sarif", [report]))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/a%20b.pdf")


# -- github --------------------------------------------------------------------------
def _unescape(value: str, prop: bool) -> str:
    if prop:
        value = value.replace("%2C", ",").replace("%3A", ":")
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_github_annotations_are_escaped_and_parse_back():
    lines = render("github").split("\n")[:-1]
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 4  # page-limit, anonymity, fonts (warning), the unreadable PDF
    parsed = []
    for line in commands:
        match = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
        assert match, line
        props = dict(item.split("=", 1) for item in match.group(2).split(","))
        assert set(props) - {"line"} == {"file", "title"}
        parsed.append((match.group(1), {k: _unescape(v, True) for k, v in props.items()},
                       _unescape(match.group(3), False)))
    assert parsed[0][1]["line"] == "6"  # the finding's line: GitHub shows the annotation inline
    level, props, message = parsed[1]
    assert "line" not in props  # no finding of the rule has a line
    assert level == "error" and props["file"] == "papers/over, limit.pdf"
    assert props["title"] == "wscheck anonymity (p.1)"
    # the PDF text came through on one line (its newline and form feed flattened, textsafe.clean), with
    # "::error::" intact inside the message, never at the start of a line
    assert clean(HOSTILE) in message and "\n::" not in message
    assert clean(HOSTILE) == 'Jane Doe, Univ. of X: 100% <script>alert("x")</script> | a*b_c [d](e) next line ::error::'
    assert parsed[2][0] == "warning" and parsed[2][1]["title"] == "wscheck fonts (p.2)"
    assert parsed[3][1]["title"] == "wscheck: PDF could not be read"
    assert lines[-1] == "wscheck: 3 papers: 1 passed, 1 failed, 1 could not be checked"
    assert github_report.escape_property("a:b,c%") == "a%3Ab%2Cc%25"


# -- markdown ------------------------------------------------------------------------
def test_markdown_table_survives_hostile_text():
    out = render("markdown")
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 3
    unescaped_pipes = [len(re.findall(r"(?<!\\)\|", line)) for line in table]
    assert set(unescaped_pipes) == {7}
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "| papers/over, limit.pdf | ❌ FAIL | 5 / 4 | FAIL (2) | iclr 2026 submission |" in out
    assert "papers/login.pdf: not a PDF (looks like an HTML page)" in out
    assert out.count("<details>") == 1  # only the failed paper; the error is in its table row
    assert "fix: cut 6 lines" in out
    assert markdown_report.md("a|b*c_d`e") == r"a\|b\*c\_d\`e"


# -- html ----------------------------------------------------------------------------
class _Collector(html.parser.HTMLParser):
    VOID = {"meta", "link", "img", "br", "input", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_html_report_is_self_contained_balanced_and_escaped():
    out = render("html")
    parser = _Collector()
    parser.feed(out)
    assert parser.errors == [] and parser.stack == []
    assert len(parser.ids) == len(set(parser.ids))
    assert [t for t, _ in parser.tags].count("script") == 1  # ours; the hostile text stays text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    for tag, attrs in parser.tags:  # nothing fetched from anywhere
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"(https?:)?//", value), (tag, attrs)
    rows = re.findall(r'<tr data-order="(\d+)" class="(\w+)">', out)
    assert rows == [("1", "fail"), ("2", "pass"), ("3", "error")]
    assert {"paper-1", "paper-2", "paper-3", "summary", "filter"} <= set(parser.ids)
    assert "cut 6 lines" in out and "papers/login.pdf: not a PDF (looks like an HTML page)" in out


def test_html_thumbnails_are_data_uris_linking_to_the_evidence(tmp_path):
    from PIL import Image

    evidence = tmp_path / "evidence" / "paper" / "page-005.png"
    evidence.parent.mkdir(parents=True)
    Image.new("RGB", (918, 1188), "white").save(evidence)
    reports = make_reports()
    reports[0].evidence = [{"page": 5, "file": str(evidence), "marks": ["page-limit: the main body ends here"]},
                           {"page": 6, "file": str(tmp_path / "gone.png"), "marks": []}]
    out = render("html", reports, output=str(tmp_path / "out" / "report.html"), evidence_dir="x")
    assert '<a href="../evidence/paper/page-005.png"' in out
    thumbnail = re.search(r'<img src="data:image/jpeg;base64,([A-Za-z0-9+/=]+)"', out)
    assert thumbnail
    import base64

    with Image.open(io.BytesIO(base64.b64decode(thumbnail.group(1)))) as image:
        assert max(image.size) <= 290
    assert "gone.png (missing)" in out


# -- json ----------------------------------------------------------------------------
def test_json_lists_evidence_only_when_there_is_some():
    reports = make_reports()
    plain = json.loads(render("json", reports))
    assert all("evidence" not in paper for paper in plain)
    reports[0].evidence = [{"page": 5, "file": "ev/p/page-005.png", "marks": ["x"]}]
    assert json.loads(render("json", reports))[0]["evidence"] == [
        {"page": 5, "file": "ev/p/page-005.png", "marks": ["x"]}]


# -- evidence ------------------------------------------------------------------------
def test_evidence_marks_failures_and_warnings_only_on_request():
    from wscheck.evidence import marks_for

    marks = marks_for(make_reports()[0])
    assert [(m.page, m.level, m.body_end) for m in marks] == [(5, "error", True), (1, "error", False)]
    assert marks[0].label == "page-limit: the main body ends here; limit 4 pages"
    assert marks[1].label.startswith("anonymity: author-block line \u201cJane Doe, Univ. of X")
    assert "\n" not in marks[1].label  # metadata has no page: not drawn
    report = make_reports()[0]
    assert len(marks_for(report, warnings=True)) == 2  # the font's warning has no place on its page to mark
    report.result("fonts").findings[0].box = (100.0, 200.0, 300.0, 220.0)
    with_warnings = marks_for(report, warnings=True)
    assert [(m.page, m.level) for m in with_warnings] == [(5, "error"), (1, "error"), (2, "warning")]


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_evidence_numbers_cover_no_box_and_no_other_number():
    from PIL import Image

    from wscheck.evidence import Mark, draw_marks

    # a row of author names side by side (as on a title page), a whole-page frame, two marks on one place
    names = [Mark(1, (150.0 + 80 * n, 150.0, 222.0 + 80 * n, 162.0), f"anonymity: name {n}", "error")
             for n in range(4)]
    frame = Mark(1, None, "page-size: A4", "error")
    twice = [Mark(1, (108.0, 400.0, 504.0, 411.0), f"anonymity: e-mail {n}", "error") for n in range(2)]
    page = Image.new("RGB", (918, 1188), "white")
    image, boxes, badges = draw_marks(page, [*names, frame, *twice], scale=1.5)
    assert len(boxes) == len(badges) == 6  # the two marks on one place are one numbered mark
    for number, badge in enumerate(badges):
        assert not any(_overlap(badge, other) for other in badges[number + 1:])
        for box in boxes:
            if (box[2] - box[0]) * (box[3] - box[1]) < 0.5 * 918 * 1188:  # the page frame's inside is free
                assert not _overlap(badge, box), (badge, box)
    assert image.size[1] > 1188  # the legend below the page


def test_evidence_png_boxes_the_leak_on_a_real_page(tmp_path):
    from PIL import Image

    from wscheck.evidence import COLORS, SCALE
    from wscheck.runner import CheckRequest, check_file

    request = CheckRequest(path=str(fixture("iclr-named")), ruleset=ruleset.load("iclr2026-trustworthy-ai"),
                           track="long", evidence_dir=str(tmp_path / "named"))
    report = check_file(request)
    pages = [item["page"] for item in report.evidence]
    assert 1 in pages
    first = report.evidence[pages.index(1)]
    assert first["file"] == str(tmp_path / "named" / "page-001.png")
    assert first["marks"][0].startswith("1. ") and len(first["marks"]) == len(first["boxes"])
    with Image.open(first["file"]) as image:
        assert image.mode == "P"  # a palette: a third of the bytes of full colour
        assert image.size[0] > round(612 * SCALE) and image.size[1] > round(792 * SCALE)  # gutters, legend
        rgb = image.convert("RGB")
    x0, top, x1, bottom = first["boxes"][0]
    # the box is drawn where the report says: red on its left edge, white page far from it
    assert COLORS["error"] in [rgb.getpixel((x0 + 1, (top + bottom) // 2 + dy)) for dy in (-1, 0, 1)]
    assert min(rgb.getpixel((2, rgb.size[1] // 2))) >= 250  # white (within the palette's rounding)
    full_colour = io.BytesIO()
    rgb.save(full_colour, format="PNG")
    assert len(full_colour.getvalue()) > 2 * (tmp_path / "named" / "page-001.png").stat().st_size
    # a second run replaces the pages rather than leaving stale ones beside them
    stale = tmp_path / "named" / "page-099.png"
    stale.write_bytes(b"old")
    check_file(request)
    assert not stale.exists()


def test_checks_without_evidence_never_load_the_renderer():
    code = (
        "import sys\n"
        "from wscheck import ruleset\n"
        "from wscheck.runner import CheckRequest, check_file\n"
        f"r = check_file(CheckRequest(path={str(fixture('iclr-named'))!r}, "
        "ruleset=ruleset.load('iclr2026-trustworthy-ai'), track='long'))\n"
        "assert r.verdict == 'fail' and not r.evidence\n"
        "print(sorted(m for m in ('wscheck.evidence', 'PIL.ImageDraw', 'PIL.ImageFont') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _empty_batch_checks(name: str, out: str, error_only: bool) -> None:
    """What each format says for no papers, or for one paper that could not be read."""
    totals = "1 paper: 0 passed, 0 failed, 1 could not be checked" if error_only else \
        "0 papers: 0 passed, 0 failed, 0 could not be checked"
    if name == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert out.splitlines()[0].startswith("file,verdict,error,")
        assert [(r["file"], r["verdict"], r["error"]) for r in rows] == (
            [("a.pdf", "error", "a.pdf: the file is empty (0 bytes)")] if error_only else [])
    elif name == "json":
        data = json.loads(out)
        assert data == [] if not error_only else data["verdict"] == "error" and data["results"] == []
    elif name == "junit":
        root = ET.fromstring(out)
        assert (root.get("tests"), root.get("errors")) == (("1", "1") if error_only else ("0", "0"))
    elif name == "sarif":
        run = json.loads(out)["runs"][0]
        assert [r["ruleId"] for r in run["results"]] == (["unreadable-pdf"] if error_only else [])
        assert len(run["artifacts"]) == int(error_only)
        assert run["invocations"][0]["executionSuccessful"] is not error_only
    elif name == "github":
        lines = out.splitlines()
        assert lines[-1] == f"wscheck: {totals}" and len(lines) == 1 + int(error_only)
    elif name == "markdown":
        assert f"**{totals}**" in out and "| Paper | Verdict |" in out
        assert ("| a.pdf | ⛔ ERROR |" in out) is error_only
    elif name == "html":
        parser = html.parser.HTMLParser()
        parser.feed(out)
        assert f"{int(error_only)} papers" in out and f"{int(error_only)} could not be checked" in out
        assert ('<a class="name" href="#paper-1">a.pdf</a>' in out) is error_only
    elif name == "text":
        assert out == ("ERROR  a.pdf: the file is empty (0 bytes)\n" if error_only else "")


@pytest.mark.parametrize("name", ["csv", "junit", "sarif", "github", "markdown", "html", "text", "json"])
def test_an_empty_batch_of_results_still_renders(name):
    _empty_batch_checks(name, render(name, []), error_only=False)
    _empty_batch_checks(name, render(name, [PaperReport(file="a.pdf", error="a.pdf: the file is empty (0 bytes)")]),
                        error_only=True)


# -- the HTML report in a real browser --------------------------------------------------
def _chromium_or_skip() -> str:
    """The browser; CI (.ci/run sets WSCHECK_REQUIRE_CHROMIUM) fails rather than skips without it."""
    import chromium

    binary = chromium.find_binary()
    if binary is None:
        reason = ("no Chromium binary (chromium, chromium-browser or google-chrome on PATH, or WSCHECK_CHROMIUM); "
                  ".ci/run installs Debian's chromium")
        if os.environ.get("WSCHECK_REQUIRE_CHROMIUM"):
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


# What the first row of the table at 800 px must show, each word whole on one line of its cell, every cell's text
# inside its cell, and the table inside the window (no sideways scrolling).
FIRST_ROW_READABLE = """(() => {
    const row = document.querySelector('#summary tbody tr');
    const cells = Array.from(row.cells);
    const broken = [];
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const pattern = /\\S+/g;
        let match;
        while ((match = pattern.exec(node.data)) !== null) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
            if (lines.size > 1) { broken.push(match[0]); }
        }
    }
    for (const id of row.querySelectorAll('.id')) {
        const range = document.createRange();
        range.selectNodeContents(id);
        if (new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size > 1) {
            broken.push(id.textContent);
        }
    }
    const overflowing = cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText);
    const wrap = document.querySelector('.table-wrap');
    return {
        texts: cells.map(c => c.innerText.replace(/\\s+/g, ' ').trim()),
        broken: broken,
        overflowing: overflowing,
        pageWidth: document.documentElement.scrollWidth,
        tableFits: wrap.scrollWidth <= wrap.clientWidth + 1,
        fontSize: parseFloat(getComputedStyle(row.cells[0]).fontSize),
        headers: Array.from(document.querySelectorAll('#summary th')).map(th => th.textContent),
    };
})()"""


def test_html_report_in_headless_chromium_desktop_and_800px(tmp_path):
    binary = _chromium_or_skip()
    import chromium
    from PIL import Image

    from conftest import FIXTURES, run_cli

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    report = tmp_path / "report" / "index.html"
    result = run_cli("check", "--venue", "iclr2026-trustworthy-ai", "--track", "short", FIXTURES, empty,
                     "--evidence", tmp_path / "evidence", "--format", "html", "-o", report)
    assert result.returncode == 1, result.stderr
    first_paper = sorted(FIXTURES.glob("*.pdf"))[0]
    # a page that does have console errors: proves the collector sees them
    broken = tmp_path / "broken.html"
    broken.write_text('<html><body><img src="missing.png"><script>console.error("boom"); nope();</script>'
                      "</body></html>")
    with chromium.Chromium(binary) as browser:
        control = browser.open(broken.as_uri())
        problems = browser.console_errors(control)
        assert any("boom" in p for p in problems) and any("nope" in p for p in problems)
        assert any("missing.png" in p for p in problems)

        session = browser.open(report.as_uri())
        # screenshots at desktop width and at 800 px (kept with the test's files, to be looked at)
        for width in (1280, 800):
            browser.set_viewport(session, width, 900)
            shot = tmp_path / f"report-{width}.png"
            browser.screenshot(session, str(shot))
            with Image.open(shot) as image:
                assert image.size[0] == width and image.getextrema() != ((255, 255), (255, 255), (255, 255))
            seen = browser.evaluate(session, FIRST_ROW_READABLE)
            assert seen["broken"] == [] and seen["overflowing"] == [], (width, seen)
            assert seen["pageWidth"] <= width and seen["tableFits"], (width, seen)
            assert seen["fontSize"] >= 12
            paper, track, verdict, body, over, anonymity, fmt, failed, warnings, pages = seen["texts"]
            # the file name, its folder below it, relative to the working directory (not a path broken mid-word)
            assert (paper, track) == (f"{first_paper.name} fixtures/pdf/", "short"), seen
            assert verdict in ("PASS", "FAIL") and re.fullmatch(r"\d+ / 4", body) and over in ("", "1", "2")
            assert anonymity in ("PASS", "FAIL", "WARN", "NOT CHECKED") or anonymity.startswith("FAIL (")
            assert seen["headers"][:5] == ["Paper", "Track", "Verdict", "Body / limit", "Over"]

        rows = browser.evaluate(session, "document.querySelectorAll('#summary tbody tr').length")
        assert rows == len(list(FIXTURES.glob("*.pdf"))) + 1
        # sorting by "Body / limit" (numeric) puts the unreadable paper last and the longest body... after a 2nd click
        sort_order = """(() => {
            const header = Array.from(document.querySelectorAll('#summary th'))
                .find(th => th.textContent === 'Body / limit');
            header.click();
            const ascending = Array.from(document.querySelectorAll('#summary tbody tr td:nth-child(4)'))
                .map(td => td.getAttribute('data-sort') || '');
            header.click();
            const descending = Array.from(document.querySelectorAll('#summary tbody tr td:nth-child(4)'))
                .map(td => td.getAttribute('data-sort') || '');
            return [ascending, descending, header.getAttribute('aria-sort')];
        })()"""
        ascending, descending, state = browser.evaluate(session, sort_order)
        numbers = [int(v) for v in ascending if v]
        assert numbers == sorted(numbers) and ascending[-1] == ""
        assert [int(v) for v in descending if v] == sorted(numbers, reverse=True) and descending[-1] == ""
        assert state == "descending"
        # "Over" shows only pages over the limit: never a negative number, nothing for a paper within it
        overs = browser.evaluate(session, "Array.from(document.querySelectorAll('#summary tbody tr td:nth-child(5)'))"
                                          ".map(td => td.textContent)")
        assert all(v == "" or int(v) > 0 for v in overs) and any(v == "" for v in overs)
        filtered = browser.evaluate(session, """(() => {
            const box = document.getElementById('filter');
            box.value = 'iclr-named';
            box.dispatchEvent(new Event('input'));
            return Array.from(document.querySelectorAll('#summary tbody tr')).filter(r => !r.hidden).length;
        })()""")
        assert filtered == 1
        images = browser.evaluate(session, "Array.from(document.images).map(i => [i.complete, i.naturalWidth])")
        assert images and all(done and width > 0 for done, width in images)
        # the first paper that failed is open, its first marked page shown large
        opened = browser.evaluate(session, """(() => {
            const open = Array.from(document.querySelectorAll('details.paper')).filter(d => d.open);
            const focus = open.length ? open[0].querySelector('figure.focus img') : null;
            return [open.length, focus ? focus.naturalWidth : 0];
        })()""")
        assert opened[0] == 1 and opened[1] >= 400, opened
        opened = browser.evaluate(session, """new Promise(done => {
            const link = document.querySelector('#summary a[href="#paper-2"]');
            link.click();
            setTimeout(() => done(document.getElementById('paper-2').open), 200);
        })""")
        assert opened is True
        assert browser.console_errors(session) == []
