"""fonts: every font embedded; Type 3 fonts reported, at levels the rule sets."""
from __future__ import annotations

from checks.harness import check, fixture_document
from wscheck.document import Document
from wscheck.facts import FontsFacts
from wscheck.pdf.model import FontInfo

EMBEDDED = FontInfo("ABCDEF+NimbusRomNo9L-Regu", "Type1", True, [1, 2])
UNEMBEDDED = FontInfo("Helvetica", "", False, list(range(1, 14)))
TYPE3 = FontInfo("T3Font_0", "Type3", True, [3])


def test_embedded_fonts_pass():
    output = check("fonts", Document.from_facts(fonts=[EMBEDDED]))
    assert output.findings == [] and output.summary == "all 1 fonts embedded, none Type 3"
    assert output.facts == FontsFacts(fonts=1, unembedded=0, type3=0)


def test_an_unembedded_font_is_an_error_naming_its_pages():
    output = check("fonts", Document.from_facts(fonts=[EMBEDDED, UNEMBEDDED]))
    [finding] = output.findings
    assert (finding.page, finding.text, finding.kind, finding.level) == (1, "Helvetica", "unembedded", "error")
    assert "pages 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 more" in finding.detail
    assert output.summary == "1 font not embedded (Helvetica)"


def test_type3_is_a_warning_unless_the_rule_says_otherwise():
    output = check("fonts", Document.from_facts(fonts=[TYPE3]))
    assert [f.level for f in output.findings] == ["warning"]
    assert output.summary == "1 Type 3 font (page 3)"
    assert [f.level for f in check("fonts", Document.from_facts(fonts=[TYPE3]), type3_level="error").findings] == [
        "error"]


def test_a_pdf_without_fonts_says_so():
    assert check("fonts", Document.from_facts([[]])).summary == "no font dictionaries found (an image-only PDF?)"


def test_a_type3_font_of_a_fixture_can_be_made_a_failure_per_venue():
    output = check("fonts", fixture_document("fmt-type3-font", "fonts"), type3_level="error")
    assert [f.level for f in output.findings] == ["error"]
