"""pdf-file: within the size limit, not encrypted, a text layer on every page."""
from __future__ import annotations

from checks.harness import check, fixture_document, line
from wscheck.document import Document
from wscheck.facts import PdfFileFacts
from wscheck.pdf.model import Drawable

SCAN = Drawable(page=2, kind="image", box=(0.0, 0.0, 612.0, 792.0))


def test_a_small_readable_file_passes():
    output = check("pdf-file", Document.from_facts([[line("text")]], size_bytes=250_000), max_megabytes=10.0)
    assert output.findings == []
    assert output.summary == "0.2 MB (limit 10 MB), not encrypted, text on every page"
    assert output.facts == PdfFileFacts(megabytes=0.25, pages_without_text=())


def test_over_the_size_limit():
    output = check("pdf-file", Document.from_facts([[line("text")]], size_bytes=12_500_000), max_megabytes=10.0)
    [finding] = output.findings
    assert finding.kind == "size" and finding.detail == "the file is 12,500,000 bytes; the limit is 10 MB"
    assert output.summary == "12.5 MB, over the 10 MB limit"


def test_encrypted_at_the_rule_s_level():
    document = Document.from_facts([[line("text")]], encrypted=True)
    assert [(f.kind, f.level) for f in check("pdf-file", document).findings] == [("encrypted", "error")]
    assert check("pdf-file", document, encrypted_level="warning").findings[0].level == "warning"


def test_a_page_that_is_an_image_has_no_text_layer():
    pages = [[line("text", page=1)], [], [line("more text", page=3)]]
    output = check("pdf-file", Document.from_facts(pages, drawables=[[], [SCAN], []]))
    [finding] = output.findings
    assert (finding.page, finding.kind, finding.level) == (2, "no-text", "warning")  # one page of three
    assert output.facts.pages_without_text == (2,)
    assert output.summary == "1 page without a text layer (2)"
    # most pages scanned: an error; a blank page is not a scan; the rule may turn the test off
    scans = [Drawable(page=n, kind="image", box=SCAN.box) for n in (1, 2, 3)]
    assert check("pdf-file", Document.from_facts([[], [], []], drawables=[[d] for d in scans])).findings[0].level \
        == "error"
    assert check("pdf-file", Document.from_facts([[], [], []])).findings == []
    assert check("pdf-file", Document.from_facts(pages, drawables=[[], [SCAN], []]), text_layer=False).findings == []


def test_the_size_of_a_real_file():
    output = check("pdf-file", fixture_document("iclr-anon-short", "pdf-file"), max_megabytes=0.01)
    assert [f.kind for f in output.findings] == ["size"]
    assert "limit is 0.01 MB" in output.findings[0].detail
