"""Bad input: never crash, never hang, never execute, never modify.

Hostile PDFs are built in memory (tests/hostile.py) and written under tmp_path;
every command is run as a user would run it (`python -m wscheck`).
"""
from __future__ import annotations

import hashlib
import json
import os
import textwrap

import pytest

import hostile
from conftest import fixture, run_cli
from wscheck import batch, checks, safe_regex
from wscheck import document as document_module
from wscheck.checks import text_pattern
from wscheck.document import Document
from wscheck.errors import RuleSetError
from wscheck.identity import find_leaks
from wscheck.pdf import objects
from wscheck.ruleset import RunContext, load
from wscheck.runner import run_rule

VENUE = "iclr2026-trustworthy-ai"
# the rules about a paper's content, which a plain hostile test PDF can pass (the format rules
# need the ICLR template)
CONTENT_RULES = ("page-size", "page-limit", "anonymity")


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def check_json(*args):
    result = run_cli("check", "--venue", VENUE, "--format", "json", *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result, json.loads(result.stdout)


def inspect_json(*args):
    result = run_cli("inspect", "--format", "json", *args)
    assert "Traceback" not in result.stdout + result.stderr
    return result, json.loads(result.stdout)


# -- unreadable input: one line naming the file and the reason, exit 3 ------------------------
UNREADABLE = {
    "empty": (b"", "empty"),
    "random": (bytes(random_byte % 256 for random_byte in range(7, 7 * 3000, 7)), "not a PDF"),
    "html": (b"<!DOCTYPE html>\n<html><body>Sign in</body></html>", "HTML"),
    "truncated": (hostile.truncated_pdf(0.5), "damaged"),
    "header-only": (b"%PDF-1.7\n", "damaged"),
    "zero-pages": (hostile.zero_page_pdf(), "no pages"),
    "deep-page-tree": (hostile.deep_page_tree_pdf(), "damaged"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_pdf_gets_one_line_naming_file_and_reason_with_exit_3(tmp_path, case):
    data, reason = UNREADABLE[case]
    path = write(tmp_path, f"{case}.pdf", data)
    result, report = check_json(path)
    assert result.returncode == 3
    assert report["verdict"] == "error" and report["results"] == []
    assert report["error"].startswith(f"{path}: ") and reason in report["error"]
    assert "\n" not in report["error"]


@pytest.mark.parametrize("command", ["check", "inspect"])
def test_text_report_of_an_unreadable_file_is_one_line_naming_it_with_exit_3(tmp_path, command):
    path = write(tmp_path, "paper.pdf", hostile.zero_page_pdf())
    args = ["--venue", VENUE] if command == "check" else []
    result = run_cli(command, *args, path)
    assert result.returncode == 3
    reason = f"{path}: the PDF has no pages (its page tree is empty or missing)"
    lines = result.stdout.splitlines()
    if command == "check":  # the report is set at 80 columns: the reason wraps under itself
        assert all(len(line) <= 80 for line in lines) and all(line.startswith(" " * 7) for line in lines[1:])
        lines = [" ".join(line.strip() for line in lines)]
    assert lines == [f"ERROR  {reason}"]
    assert result.stderr.splitlines() == [f"wscheck: error: {reason}"]  # the reason on stderr too


def test_the_reason_for_a_file_does_not_depend_on_the_file_read_before_it(tmp_path):
    # PDFium keeps one last error per process and sets none for a document without pages:
    # a worker that read a damaged file just before must not blame the next one for it
    damaged = write(tmp_path, "a-damaged.pdf", hostile.truncated_pdf(0.5))
    empty_tree = write(tmp_path, "b-no-pages.pdf", hostile.zero_page_pdf())
    result = run_cli("check", "--venue", VENUE, "--format", "json", "--jobs", "1", damaged, empty_tree)
    answers = json.loads(result.stdout)
    assert "damaged" in answers[0]["error"]
    assert answers[1]["error"] == f"{empty_tree}: the PDF has no pages (its page tree is empty or missing)"


def test_password_protected_pdf_says_it_needs_a_password(tmp_path):
    path = write(tmp_path, "locked.pdf", hostile.encrypted_pdf(user_password="s3cret"))
    result, report = check_json(path)
    assert result.returncode == 3
    assert "encrypted and needs a password" in report["error"]


def test_encrypted_pdf_that_opens_without_a_password_is_analysed(tmp_path):
    path = write(tmp_path, "owner-only.pdf", hostile.encrypted_pdf(user_password=""))
    document = Document(path, needs=("lines",)).open()
    assert document.encrypted
    assert document.page_lines(1)[0].text == "Hello from a hostile fixture"
    result, report = check_json(path)
    # analysed, not refused: a one-line page in no template fails the format rules (and this one is
    # encrypted), while the content rules pass
    assert result.returncode == 1 and report["pages"] == 1 and "error" not in report
    assert {r["status"] for r in report["results"] if r["rule"] in CONTENT_RULES} == {"pass"}


def test_a_fifo_named_pdf_is_refused_instead_of_blocking(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    path = tmp_path / "pipe.pdf"
    os.mkfifo(path)
    result, report = check_json("--timeout", "30", path)
    assert result.returncode == 3
    assert "not a regular file" in report["error"]


def test_folder_of_hostile_files_answers_each_in_order_and_the_good_one_passes(tmp_path):
    for name, (data, _) in UNREADABLE.items():
        write(tmp_path, f"{name}.pdf", data)
    write(tmp_path, "zz-good.pdf", hostile.text_pdf(1))
    result, reports = check_json(tmp_path)
    assert result.returncode == 1  # the good one, in no template, fails the format rules
    assert [os.path.basename(r["file"]) for r in reports] == sorted(os.listdir(tmp_path))
    assert [r["verdict"] for r in reports] == ["error"] * len(UNREADABLE) + ["fail"]
    assert {r["status"] for r in reports[-1]["results"] if r["rule"] in CONTENT_RULES} == {"pass"}


# -- damaged but readable: analysed normally ---------------------------------------------------
def test_broken_xref_is_repaired_and_the_pdf_analysed(tmp_path):
    path = write(tmp_path, "xref.pdf", hostile.broken_xref_pdf())
    result, report = check_json(path)
    assert result.returncode in (0, 1)  # analysed: only the format rules may fail (no template)
    assert report["pages"] == 2 and "error" not in report


def test_streams_with_lying_lengths_are_analysed(tmp_path):
    path = write(tmp_path, "lengths.pdf", hostile.stream_length_lie_pdf())
    _, data = inspect_json(path)
    assert data["pages"] == 2 and "error" not in data


def test_deeply_nested_objects_end_cleanly(tmp_path):
    path = write(tmp_path, "deep.pdf", hostile.deep_array_pdf(100_000))
    result, report = check_json(path)
    # analysed: the nesting is in resources and metadata nothing reads deeply; only the format rules fail
    # (a hand-made page is not the ICLR template)
    assert result.returncode == 1 and report["pages"] == 1 and "error" not in report
    statuses = {r["rule"]: r["status"] for r in report["results"]}
    assert {rule: statuses[rule] for rule in CONTENT_RULES} == {rule: "pass" for rule in CONTENT_RULES}
    assert "error" not in statuses.values() and statuses["template"] == "fail"


def test_recursion_error_becomes_a_clear_error_row():
    def recurse(depth):
        return recurse(depth + 1)

    results = batch.run_all(recurse, [0], on_error=lambda item, reason: reason, timeout=30)
    assert results == ["the PDF is nested too deeply to analyse (objects inside objects, thousands deep)"]


def test_image_only_scan_reports_that_there_is_no_text(tmp_path):
    path = write(tmp_path, "scan.pdf", hostile.image_only_pdf(2))
    result, report = check_json(path)
    assert result.returncode == 1 and report["pages"] == 2
    page_limit = next(r for r in report["results"] if r["rule"] == "page-limit")
    assert page_limit["status"] == "fail" and "no text" in page_limit["message"]
    assert not any("could not run" in r["message"] for r in report["results"])
    _, seen = inspect_json(path)
    assert seen["pages"] == 2 and seen["identity"] == []


def test_strings_with_lone_surrogates_are_read_leniently(tmp_path):
    path = write(tmp_path, "odd.pdf", hostile.odd_strings_pdf())
    document = Document(path).open()
    assert document.info["Author"] == "\U00010000\ufffdAB"  # a valid pair, a lone half, then "AB"
    assert [item.title for item in document.outline] == ["\ufffdA\u00dc"]
    for output_format in ("json", "text"):
        result = run_cli("check", "--venue", VENUE, "--format", output_format, path)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "could not run" not in result.stdout
    _, seen = inspect_json(path)
    assert seen["identity"] == [{"page": None, "kind": "metadata", "text": "Author: \U00010000\ufffdAB"}]


# -- every part of the analysis copes with no pages and no text -------------------------------
class _EmptyDocument(Document):
    """A document with no pages at all (PDFium refuses such files, but the analysis must not care)."""

    def __init__(self):
        super().__init__("empty.pdf")
        self._page_facts = {"lines": [], "links": [], "drawables": []}
        self.__dict__.update(page_count=0, pages_read=0, page_sizes=[], info={}, xmp={}, outline=[],
                             attachments=[], fonts=[], encrypted=False, pdf_version="1.7")


def _documents(tmp_path):
    scan = Document(write(tmp_path, "scan.pdf", hostile.image_only_pdf(3)), needs=document_module.PAGE_FACTS)
    return [_EmptyDocument(), scan.open()]


def test_structure_template_and_identity_cope_with_no_pages_and_no_text(tmp_path):
    for document in _documents(tmp_path):
        assert document.structure.summary()["main_body_last_page"] is None
        assert document.template.summary()["family"] == "other"
        assert find_leaks(document) == []


@pytest.mark.parametrize("check_id", sorted(checks.registry()))
def test_every_check_type_copes_with_no_pages_and_no_text(tmp_path, check_id):
    rule_set = load(VENUE)
    rule = next((r for r in rule_set.rules.values() if r.check == check_id), None)
    if rule is None:
        from wscheck.ruleset import Rule

        rule = Rule(id=check_id, check=check_id, params={"words": ["anything"]} if check_id == "text-pattern" else {})
    for document in _documents(tmp_path):
        result = run_rule(document, rule, RunContext(track="long"))
        assert "could not run" not in result.message, (check_id, result.message)
        assert result.status in ("pass", "fail", "warn", "not_checked"), (check_id, result.message)


# -- thousands of pages: a bounded, explained answer -------------------------------------------
def test_pages_beyond_the_read_limit_are_counted_but_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(document_module, "MAX_PAGES_READ", 3)
    document = Document(write(tmp_path, "long.pdf", hostile.text_pdf(8)), needs=("lines", "links")).open()
    assert document.page_count == 8 and document.pages_read == 3
    assert [len(page) for page in document.lines] == [1, 1, 1, 0, 0, 0, 0, 0]
    assert len(document.links) == 8
    assert document.notes == ["only the first 3 of 8 pages were read for text, links and figures (wscheck's "
                              "limit); later pages count as empty"]


def test_a_paper_of_thousands_of_pages_is_answered_with_a_note(tmp_path):
    pages = document_module.MAX_PAGES_READ + 500
    path = write(tmp_path, "thesis.pdf", hostile.text_pdf(pages))
    _, seen = inspect_json(path)
    assert seen["pages"] == pages
    assert seen["sections"]["main_body_last_page"] == document_module.MAX_PAGES_READ
    assert f"only the first {document_module.MAX_PAGES_READ} of {pages} pages" in seen["notes"][0]
    result, report = check_json(path)
    assert result.returncode == 1 and report["pages"] == pages
    assert any("only the first" in note for note in report["notes"])


# -- decompression bombs: memory stays bounded, the bomb is an error row ----------------------
def test_content_stream_bomb_is_an_error_row_within_the_memory_limit(tmp_path):
    bomb = write(tmp_path, "bomb.pdf", hostile.content_bomb_pdf(1 << 30))
    good = fixture("iclr-anon-short")
    result, reports = check_json("--memory-limit", "256", "--jobs", "1", bomb, good)
    assert result.returncode == 3
    assert "exceeded the memory limit of 256 MB" in reports[0]["error"]
    assert reports[1]["verdict"] == "pass"


def test_metadata_bomb_is_an_error_row_in_inspect_too(tmp_path):
    bomb = write(tmp_path, "xmp-bomb.pdf", hostile.xmp_bomb_pdf(200 << 20))
    result, data = inspect_json("--memory-limit", "256", bomb)
    assert result.returncode == 3
    assert data["error"].startswith(f"{bomb}: exceeded the memory limit")


def test_xmp_is_inflated_with_a_cap(tmp_path):
    # read through pypdf only: PDFium is not involved, so this runs in the test process
    bomb = write(tmp_path, "xmp-bomb.pdf", hostile.xmp_bomb_pdf(64 << 20))
    document = Document(bomb)
    assert document.xmp == {} and "the XMP metadata was not read" in document.unread["xmp"]  # said, not dropped
    packet = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Jane Doe'
              b'</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')
    path = write(tmp_path, "xmp.pdf", hostile.build_pdf(
        [b"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
         hostile.stream(packet, b" /Type /Metadata /Subtype /XML", compress=True)]))
    assert Document(path).xmp == {"dc:creator": ["Jane Doe"]}
    reader = objects.open_reader(str(path))
    stream = reader.trailer["/Root"]["/Metadata"].get_object()
    assert objects.bounded_stream_data(stream, len(packet)) == packet
    with pytest.raises(objects.StreamTooLarge):
        objects.bounded_stream_data(stream, len(packet) - 1)


# -- per-file time bounds, also without fork ---------------------------------------------------
@pytest.mark.parametrize("command", ["check", "inspect"])
def test_a_slow_file_is_stopped_at_the_time_limit_and_the_batch_goes_on(tmp_path, command):
    # 1000 pages of 60 lines: seconds of text extraction, far beyond a 0.3 s limit
    lines = b"BT /F1 9 Tf 72 740 Td " + b"(a line of text that takes time to read) Tj 0 -11 Td " * 60 + b"ET"
    slow = write(tmp_path, "slow.pdf", hostile.text_pdf(document_module.MAX_PAGES_READ, lines))
    fast = write(tmp_path, "fast.pdf", hostile.zero_page_pdf())
    args = ["--venue", VENUE] if command == "check" else []
    result = run_cli(command, *args, "--format", "json", "--timeout", "0.3", "--jobs", "1", slow, fast)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    answers = json.loads(result.stdout)
    assert answers[0]["error"] == f"{slow}: timed out after 0.3 s (the per-file limit; see --timeout)"
    assert "no pages" in answers[1]["error"]


def test_spawned_children_keep_the_time_bound_where_fork_is_impossible():
    # the task's module takes 1.5 s to import, longer than the 1 s per file: the time bound starts once a
    # child has started, so interpreter start-up (slow on a loaded machine) never counts as the file's time
    import slow_start

    results = batch.run_all(slow_start.slow_or_square, [1, 2, 3, 4], on_error=lambda n, reason: f"error: {reason}",
                            jobs=2, timeout=1, method="spawn")
    assert results[0] == 1 and results[3] == 16
    assert results[1] == "error: timed out after 1 s (the per-file limit; see --timeout)"
    assert results[2] == "error: internal error: ValueError: three"


# -- input PDFs are never modified -------------------------------------------------------------
def _digests(paths):
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_inputs_are_byte_identical_after_every_command(tmp_path):
    hostile_files = [write(tmp_path, "xref.pdf", hostile.broken_xref_pdf()),
                     write(tmp_path, "locked.pdf", hostile.encrypted_pdf(user_password="")),
                     write(tmp_path, "lengths.pdf", hostile.stream_length_lie_pdf()),
                     write(tmp_path, "truncated.pdf", hostile.truncated_pdf())]
    files = [fixture("iclr-named"), fixture("iclr-anon-over"), fixture("icml-anon")] + hostile_files
    before = _digests(files)
    stamps = {str(p): p.stat().st_mtime_ns for p in files}
    evidence = tmp_path / "evidence"
    for command in (["check", "--venue", VENUE], ["check", "--venue", VENUE, "--format", "json"],
                    ["check", "--venue", VENUE, "--evidence", evidence, "--format", "html", "-o", tmp_path / "r.html"],
                    ["check", "--venue", VENUE, "--format", "sarif", "-o", tmp_path / "r.sarif"],
                    ["inspect"], ["inspect", "--format", "json"]):
        result = run_cli(*command, *files)
        assert result.returncode in (0, 1, 3) and "Traceback" not in result.stderr
    assert _digests(files) == before
    assert {str(p): p.stat().st_mtime_ns for p in files} == stamps
    assert any(evidence.rglob("page-*.png"))  # the evidence run did draw pages, elsewhere


# -- rule files are data -----------------------------------------------------------------------
def rule_file(tmp_path, text: str, name: str = "rules.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_python_tag_in_a_rule_file_exits_2_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    path = rule_file(tmp_path, f"""\
        id: demo
        name: Demo
        rules:
          page-size:
            message: !!python/object/apply:os.system ["touch {marker}"]
        """)
    result = run_cli("check", "--rules", path, fixture("iclr-anon-short"))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"wscheck: error: {path}:5: YAML tag tag:yaml.org,2002:python/object/apply:"
                                     "os.system is not allowed: rule files are data and never run code")
    assert not marker.exists()


def test_alias_bomb_is_refused_before_it_expands(tmp_path):
    # nine levels of nine-fold aliases: 81 aliases that would stand for 387 million values
    lines = ["id: demo", "name: Demo", "l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{refs}]")
    path = rule_file(tmp_path, "\n".join(lines) + "\n")
    result = run_cli("check", "--rules", path, fixture("iclr-anon-short"))
    assert result.returncode == 2
    # refused at l5 (line 8), the first level that stands for more than 200,000 values (597,871)
    assert result.stderr.strip() == (f"wscheck: error: {path}: invalid YAML: line 8: this value expands to more "
                                     "than 200000 values through aliases (alias bomb?)")


def test_many_aliases_are_refused_even_when_small(tmp_path):
    lines = ["id: demo", "name: Demo", "base: &b x", "many: [" + ", ".join(["*b"] * 101) + "]"]
    with pytest.raises(RuleSetError, match=r"more than 100 aliases"):
        load(str(rule_file(tmp_path, "\n".join(lines) + "\n")))


def test_an_alias_inside_its_own_value_is_refused(tmp_path):
    path = rule_file(tmp_path, "id: demo\nname: Demo\ntracks:\n  a: {description: &r [x, *r]}\n")
    with pytest.raises(RuleSetError, match=r"refers to the value that contains it"):
        load(str(path))


def test_when_with_nested_lists_is_a_rule_set_error_not_a_crash(tmp_path):
    path = rule_file(tmp_path, "id: demo\nname: Demo\ntracks:\n  a: {description: A}\nrules:\n  page-size:\n"
                               "    when: {track: [[x]]}\n")
    with pytest.raises(RuleSetError, match=r":7: rule 'page-size': 'when: track' must be a name or a list of names"):
        load(str(path))


def test_extends_outside_the_folder_exits_2(tmp_path):
    inner = tmp_path / "inner"
    inner.mkdir()
    rule_file(tmp_path, "id: outside\nname: Outside\n", "outside.yaml")
    path = rule_file(inner, "id: demo\nname: Demo\nextends: ../outside.yaml\n")
    result = run_cli("check", "--rules", path, fixture("iclr-anon-short"))
    assert result.returncode == 2 and "outside the rule file's folder" in result.stderr


@pytest.mark.parametrize("pattern, complaint", [
    (r"'(a+)+$'", "nests a repeat of variable length inside another repeat"),
    (r"'(\w+\s?)*x'", "nests a repeat of variable length inside another repeat"),
    (r"'(a|ab)*c'", "repeats an alternation whose branches can match the same text"),
    (r"'(\w)\1'", "uses a backreference"),
    (r"'x*'", "matches empty text"),
    (r"'[unclosed'", "is not a valid regular expression"),
])
def test_catastrophic_patterns_are_refused_when_the_rule_set_loads(tmp_path, pattern, complaint):
    path = rule_file(tmp_path, hostile.pattern_rule_set(pattern))
    result = run_cli("check", "--rules", path, fixture("iclr-anon-short"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"wscheck: error: {path}:10: rule 'hostile': parameter 'patterns' pattern ")
    assert complaint in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("pattern", [r"github\.com/\S+", r"(?:foo|bar)+", r"\d{4}-\d{2}", r"(?:ab){2,}",
                                     r"[\w.-]+@[\w-]+\.\w+", r"a++", r"(?i)under review"])
def test_ordinary_patterns_pass_the_vetting(pattern):
    assert safe_regex.problem(pattern) is None


def test_a_pattern_that_slips_past_the_vetting_is_stopped_by_the_time_limit(tmp_path, monkeypatch):
    # one unbounded repeat is allowed (linear per start of the search), but a search over a
    # 20,000-character line still takes quadratic time: the paper's budget stops it, as an error
    pattern = r"\w+@"
    assert safe_regex.problem(pattern) is None
    monkeypatch.setattr(text_pattern, "TIME_LIMIT_S", 0.2)
    path = write(tmp_path, "long-line.pdf", hostile.long_line_pdf(20_000))
    document = Document(path, needs=("lines",)).open()
    params = {name: p.default for name, p in text_pattern.PARAMS.items()} | {"patterns": [pattern]}
    with pytest.raises(safe_regex.PatternTimeout, match=r"used up its 0.2 s .*simplify the pattern"):
        text_pattern.check(document, params)


def test_text_pattern_finds_words_and_patterns_where_asked(tmp_path):
    path = rule_file(tmp_path, """\
        id: demo
        name: Demo
        extends: iclr2026
        tracks:
          only: {description: The only track}
        rules:
          banner:
            check: text-pattern
            level: warning
            message: "The paper must not call itself a conference paper"
            params:
              words: ["under review"]
              patterns: ['conference\\s+paper']
              where: first-page
              message: "found {match}"
        """)
    result = run_cli("check", "--rules", path, "--format", "json", fixture("iclr-anon-short"))
    assert result.returncode == 0
    banner = next(r for r in json.loads(result.stdout)["results"] if r["rule"] == "banner")
    assert banner["status"] == "warn"
    assert banner["message"] == "The paper must not call itself a conference paper: 2 matches on page 1"
    assert [f["page"] for f in banner["findings"]] == [1]
    assert banner["findings"][0]["detail"] == "found Under review; found conference paper"


def test_text_pattern_searches_where_the_rule_says():
    document = Document(fixture("iclr-anon-over"), needs=text_pattern.NEEDS)
    params = {name: p.default for name, p in text_pattern.PARAMS.items()} | {"words": ["calibration", "Springer"]}
    found = {where: text_pattern.check(document, params | {"where": where}).findings for where in text_pattern.WHERE}
    # "calibration" is in the body's sentences and in one reference, "Springer" only in another
    lines_with_word = [(line.page, line.text) for line in document.all_lines
                       if "calibration" in line.text.lower() or "Springer" in line.text]
    assert [(f.page, f.text) for f in found["all"]] == lines_with_word
    assert {f.page for f in found["first-page"]} == {1} and found["first-page"] == found["all"][:len(found["first-page"])]
    references = [(f.page, f.text[:13], f.detail) for f in found["references"]]
    assert references == [(5, "[1] V. Vapnik", "found Springer"), (5, "[4] C. Guo, G", "found calibration")]
    assert len(found["main-body"]) == len(found["all"]) - 2
    assert not any("Springer" in f.detail for f in found["main-body"])
    assert found["appendix"] == []


def test_text_pattern_message_is_substituted_not_formatted(tmp_path):
    document = Document(write(tmp_path, "p.pdf", hostile.text_pdf(1)), needs=("lines",)).open()
    params = {name: p.default for name, p in text_pattern.PARAMS.items()}
    params |= {"words": ["hostile"], "message": "{match.__class__} {0} {match}"}
    output = text_pattern.check(document, params)
    assert [f.detail for f in output.findings] == ["{match.__class__} {0} hostile"]


def test_rule_file_patterns_are_vetted_even_inside_cases(tmp_path):
    path = rule_file(tmp_path, """\
        id: demo
        name: Demo
        tracks:
          a: {description: A}
        rules:
          hostile:
            check: text-pattern
            params:
              patterns:
                cases:
                  - {track: a, value: ['(x+)+y']}
        """)
    with pytest.raises(RuleSetError, match=r"nests a repeat"):
        load(str(path))
