"""body-font: the main body's type size and leading against the template's (TeX points)."""
from __future__ import annotations

import pytest

from checks.harness import check, fixture_document, line
from wscheck.checks import body_font
from wscheck.checks.base import NotApplicable
from wscheck.document import Document
from wscheck.facts import BodyFontFacts

PROSE = "we study how a classifier can abstain when its confidence is low across benchmarks"


def body(size: float, leading: float, count: int = 40) -> Document:
    return Document.from_facts([[line(PROSE, index=n, top=80 + leading * n, size=size, x1=504)
                                 for n in range(count)]])


def test_the_template_s_type_passes_in_tex_points():
    # 10 pt TeX is 9.96 pt in the PDF, 11 pt leading 10.96 (sizes are measured to a tenth of a point)
    output = check("body-font", body(9.96, 10.96), min_size=10.0, min_leading=11.0)
    assert output.findings == []
    assert output.summary == "body text 10.00 pt on 11.00 pt leading, as the template's 10 pt type and 11 pt leading"
    assert output.facts == BodyFontFacts(body_size_pt=10.0, leading_pt=11.0)
    # 9.6 pt type is not 10 pt TeX type: more than the 0.25 pt tolerance under 9.96
    assert check("body-font", body(9.6, 10.96), min_size=10.0).findings


def test_smaller_type_and_tighter_leading_fail_with_an_example_line():
    output = check("body-font", body(9.0, 10.0), min_size=10.0, min_leading=11.0)
    assert [f.kind for f in output.findings] == ["font-size", "leading"]
    assert output.findings[0].text == PROSE and output.findings[0].page == 1
    assert output.findings[0].detail.startswith("the body text is 9.00 pt (9.0 pt TeX)")
    assert "the template requires 10 pt type and 11 pt leading" in output.summary


def test_leading_is_judged_only_on_enough_lines():
    assert check("body-font", body(9.96, 10.0, count=15), min_leading=11.0).findings == []
    assert check("body-font", body(9.96, 10.0, count=30), min_leading=11.0).findings


def test_nothing_to_hold_it_against_or_no_text_is_not_applicable():
    with pytest.raises(NotApplicable):
        check("body-font", body(10, 11))
    with pytest.raises(NotApplicable):
        check("body-font", Document.from_facts([[]]), min_size=10.0)


def test_measure_reads_a_real_iclr_body():
    size, leading, samples, _ = body_font.measure(fixture_document("iclr-anon-short", "body-font"))
    assert size == pytest.approx(9.96, abs=0.05) and leading == pytest.approx(10.96, abs=0.06) and samples > 50
