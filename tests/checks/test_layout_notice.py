"""layout-notice: the style file's own alarm, printed when its page layout was changed."""
from __future__ import annotations

import pytest

from checks.harness import check, line
from wscheck.checks.base import NotApplicable
from wscheck.document import Document

NOTICE = "The page layout violates the ICML style."


def test_the_notice_on_one_line_or_across_two():
    whole = Document.from_facts([[line("Some text.")], [line("x", page=2), line(NOTICE, page=2, index=1)]])
    output = check("layout-notice", whole, notices=[NOTICE])
    assert [(f.page, f.kind) for f in output.findings] == [(2, "style-notice")]
    assert output.summary == "the style file's layout-violation notice is printed on page 2"
    wrapped = Document.from_facts([[line("The page layout violates"), line("the ICML  style.", index=1)]])
    assert [f.text for f in check("layout-notice", wrapped, notices=[NOTICE]).findings] == [
        "The page layout violates"]


def test_no_notice_passes_and_a_rule_without_notices_is_not_applicable():
    output = check("layout-notice", Document.from_facts([[line("The page layout is fine.")]]), notices=[NOTICE])
    assert output.findings == [] and output.summary == "no layout-violation notice from the style file"
    with pytest.raises(NotApplicable):
        check("layout-notice", Document.from_facts([[line("x")]]))
