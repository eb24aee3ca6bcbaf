"""The Document extracts each fact once and only when a rule needs it."""
from __future__ import annotations

import pytest

from conftest import fixture
from wscheck import ruleset
from wscheck.document import Document
from wscheck.errors import PdfReadError
from wscheck.model import PaperReport
from wscheck.runner import CheckRequest, needed_facts, run_rules


def test_a_page_size_rule_reads_no_text():
    venue = ruleset.load("iclr2026")
    venue.rules = {"page-size": venue.rules["page-size"]}
    document = Document(fixture("iclr-anon-short"), needs=needed_facts(venue))
    report = PaperReport(file="x")
    run_rules(document, CheckRequest(path="x", ruleset=venue, track="main"), report)
    assert report.results[0].status == "pass"
    assert document.extracted == {"page_sizes"}


def test_page_facts_come_from_one_pass():
    document = Document(fixture("iclr-anon-short"), needs={"lines", "links"})
    _ = document.lines
    assert {"lines", "links"} <= document.extracted  # links came with the same pass
    before = document._page_facts["links"]
    _ = document.links
    assert document._page_facts["links"] is before


def test_lines_carry_boxes_fonts_and_reading_order():
    document = Document(fixture("iclr-anon-short"))
    heading = next(l for l in document.page_lines(1) if l.text == "1 INTRODUCTION")
    assert heading.size == pytest.approx(12, abs=0.5)
    assert 105 < heading.x0 < 112  # the ICLR text block starts 1.5 in from the left
    assert heading.font.startswith("NimbusRomNo9L")
    assert document.page_sizes[0].width == pytest.approx(612)


def test_outline_metadata_and_links():
    named = Document(fixture("iclr-named"))
    assert named.info["Author"] == "Jane Doe, Rahul Iyer"
    assert any(item.title == "Introduction" and item.page == 1 for item in named.outline)
    assert any("github.com/janedoe" in link.uri for page in named.links for link in page)


def test_unreadable_file_raises_a_one_line_error(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00" * 100)
    with pytest.raises(PdfReadError) as err:
        Document(bad).open()
    assert "\n" not in str(err.value)


def test_figure_text_is_marked_in_the_same_pass_as_drawables(corpus_labels):
    from conftest import CORPUS

    paper = CORPUS / "icml2026-persona-collapse-anon-bastos.pdf"  # matplotlib figures with axis labels
    together = Document(paper, needs={"lines", "drawables"})
    marked = {(l.page, l.index) for page in together.lines for l in page if l.in_figure}
    assert marked, "figure axis labels should be marked"
    lines_first = Document(paper, needs={"lines"})
    assert not any(l.in_figure for page in lines_first.lines for l in page)  # no object walk for text rules
    _ = lines_first.drawables  # a later pass for figures re-reads the lines with their marks
    assert {(l.page, l.index) for page in lines_first.lines for l in page if l.in_figure} == marked
