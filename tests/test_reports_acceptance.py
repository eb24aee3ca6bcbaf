"""Issue 14's acceptance, on real papers of the shared corpus (skipped, with the reason, without it).

- The text report of the 26-page corpus paper at COLUMNS=80: every line within 80 columns, and no
  more lines than the same report at 200 columns.
- A NeurIPS paper checked against an ICLR workshop: the template failure first, and the rules that
  measure the ICLR template not run against it (at most one text-block finding).
- On review builds with printed line numbers, the page-limit finding's `line` is the number printed
  beside that line, read from the PDF's own ruler text with PDFium's character boxes (not through
  wscheck's lines).
"""
from __future__ import annotations

import io

import pytest

from conftest import CORPUS
from wscheck import reporters, ruleset
from wscheck.overrides import apply_overrides
from wscheck.runner import CheckRequest, check_file

LONG_PAPER = CORPUS / "iclr2026-llm-refusal-wbopan.pdf"  # 26 pages, ICLR 2026 review build, margin notes


def corpus_pdf(name: str):
    path = CORPUS / f"{name}.pdf"
    if not path.exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (set WSCHECK_SHARED or check out ../shared)")
    return path


def text_report(report, monkeypatch, columns: int) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    stream = io.StringIO()
    reporters.get("text").render([report], stream, {})
    return stream.getvalue().splitlines()


def test_the_26_page_paper_reads_at_80_columns_in_no_more_lines_than_at_200(monkeypatch):
    path = corpus_pdf("iclr2026-llm-refusal-wbopan")
    report = check_file(CheckRequest(path=str(path), ruleset=ruleset.load_checkable("iclr2026"), track="main"))
    assert report.pages == 26 and report.verdict == "fail"
    narrow = text_report(report, monkeypatch, 80)
    wide = text_report(report, monkeypatch, 200)
    assert max(len(line) for line in narrow) <= 80
    assert len(narrow) <= len(wide)
    # the margin notes of 14 pages are one block with one fix, not 14
    assert sum("fix: remove the margin notes" in line for line in narrow) == 1
    assert len(narrow) < 60


def test_a_neurips_paper_against_an_iclr_workshop_fails_the_template_first_and_nothing_else_for_it():
    path = corpus_pdf("neurips2025-debate-anon-menhguin")
    report = check_file(CheckRequest(path=str(path), ruleset=ruleset.load_checkable("iclr2026-trustworthy-ai"),
                                     track="long"))
    template = report.results[0]
    assert (template.rule, template.status) == ("template", "fail")
    assert "this PDF is a NeurIPS 2025 submission" in template.message
    for rule in ("text-block", "body-font", "line-numbers"):
        result = report.result(rule)
        assert result.status == "not_checked" and result.cause == "template" and result.findings == [], rule
    assert sum(len(r.findings) for r in report.results if r.check == "text-block") <= 1


# -- printed line numbers, against the PDF's own ruler ------------------------------------------------
def ruler_number_beside(path, page_number: int, box, margin_x1: float) -> int:
    """The number the PDF prints in its left margin (x < margin_x1) nearest to the middle of `box`, read from
    PDFium's characters and their boxes."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[page_number - 1]
        height = page.get_height()
        text_page = page.get_textpage()
        digits = []
        for index in range(text_page.count_chars()):
            char = text_page.get_text_range(index, 1)
            if not char.isdigit():
                continue
            left, bottom, right, top = text_page.get_charbox(index)
            if right <= margin_x1:
                digits.append((height - top, height - bottom, left, right, char))
        text_page.close()
        page.close()
    finally:
        pdf.close()
    numbers: list[list] = []  # [top, bottom, right edge, text]: digits side by side on one baseline
    for top, bottom, left, right, char in sorted(digits, key=lambda d: (round(d[0]), d[2])):
        last = numbers[-1] if numbers else None
        if last is not None and abs(last[0] - top) < 1.5 and left - last[2] < 2:
            last[3] += char
            last[2] = right
        else:
            numbers.append([top, bottom, right, char])
    middle = (box[1] + box[3]) / 2
    nearest = min(numbers, key=lambda n: abs((n[0] + n[1]) / 2 - middle))
    return int(nearest[3])


@pytest.mark.parametrize("name, venue, margin_x1", [
    ("iclr2026-llm-refusal-wbopan", "iclr2026", 100.0),  # \iclrruler, one column, a 12 pt grid
    ("icml2026-sycophancy-anon-vkmk1", "icml2026", 50.0),  # ICML's ruler, two columns
    ("neurips2025-debate-anon-menhguin", "neurips2025", 100.0),  # lineno, beside each line
])
def test_the_page_limit_finding_gives_the_line_number_printed_beside_its_line(name, venue, margin_x1):
    path = corpus_pdf(name)
    rule_set, _ = apply_overrides(ruleset.load_checkable(venue), "submission", 2, None, None)
    rule_set.rules = {rule_id: rule for rule_id, rule in rule_set.rules.items() if rule.check == "page-limit"}
    report = check_file(CheckRequest(path=str(path), ruleset=rule_set, track="main"))
    [finding] = report.results[0].findings
    assert finding.line_kind == "printed" and finding.box is not None
    assert finding.line == ruler_number_beside(path, finding.page, finding.box, margin_x1)
    if venue == "icml2026":
        assert finding.column in (1, 2)
