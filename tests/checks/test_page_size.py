"""page-size: every page has the venue's paper size; runs of wrong pages are reported once."""
from __future__ import annotations

from checks.harness import check
from wscheck.checks.page_size import size_name
from wscheck.document import Document
from wscheck.geometry import US_LETTER
from wscheck.pdf.model import PageSize

A4 = PageSize(595.28, 841.89)


def test_all_letter_pages_pass():
    output = check("page-size", Document.from_facts(page_sizes=[US_LETTER] * 3))
    assert output.findings == [] and output.summary == "all 3 pages are US Letter"


def test_runs_of_other_sizes_are_one_finding_each_with_the_size_named():
    sizes = [A4, A4, US_LETTER, A4, PageSize(612.0, 1008.0)]
    output = check("page-size", Document.from_facts(page_sizes=sizes))
    assert [(f.page, f.text) for f in output.findings] == [
        (1, "pages 1-2: 595.28 x 841.89 pt (A4)"), (4, "page 4: 595.28 x 841.89 pt (A4)"),
        (5, "page 5: 612 x 1008 pt (US Legal)")]
    assert output.summary == "4 of 5 pages are not US Letter"
    assert "\\documentclass[letterpaper]" in output.findings[0].fix


def test_landscape_pages_and_rounding_are_the_same_size():
    assert check("page-size", Document.from_facts(page_sizes=[PageSize(792.0, 612.0), PageSize(611.5, 792.4)])
                 ).findings == []


def test_another_required_size_has_its_own_fix():
    output = check("page-size", Document.from_facts(page_sizes=[US_LETTER]), width=595.28, height=841.89, name="A4")
    assert output.findings[0].fix == "set the paper size to A4"
    assert output.findings[0].detail == "required A4 (595.28 x 841.89 pt)"


def test_size_names():
    assert size_name(841.89, 595.28) == "A4" and size_name(500, 500) is None
