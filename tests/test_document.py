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


# -- the page view, the facts seam, and the layers ------------------------------------------------
def test_a_page_view_reads_the_document_s_one_pass():
    document = Document(fixture("iclr-named"), needs={"lines", "links"})
    page = document.page(1)
    assert page.lines is document.lines[0] and page.links is document.links[0]
    assert document.extracted >= {"lines", "links"} and "drawables" not in document.extracted
    assert page.size.width == pytest.approx(612) and page.text.startswith(page.lines[0].text)
    assert all(line.key == (1, line.index) for line in page.lines)
    with pytest.raises(IndexError):
        document.page(document.page_count + 1)


def test_from_facts_is_a_document_without_a_file():
    from wscheck.geometry import US_LETTER
    from wscheck.pdf.model import Line

    line = Line(page=2, index=0, text="1 Introduction", x0=108, top=82, x1=180, bottom=92, font="Times-Bold",
                size=12, bold=True, end_bold=True, italic=False)
    document = Document.from_facts([[], [line]], info={"Author": "Jane Doe"})
    assert document.open() is document and document.page_count == 2
    assert document.page(2).lines == [line] and document.page(1).links == []
    assert document.page_sizes == [US_LETTER, US_LETTER] and document.info == {"Author": "Jane Doe"}
    assert document.fonts == [] and document.size_bytes == 0 and not document.encrypted
    with pytest.raises(PdfReadError, match="built from facts"):
        _ = document.pdf
    assert document.structure.content == [line]  # the analyses run on the facts


def _imports(path):
    """(module imported, inside a function, under TYPE_CHECKING) for each import in a source file."""
    import ast

    tree = ast.parse(path.read_text())
    found = []

    def visit(node, in_function=False, typing_only=False):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                names = [child.module] if isinstance(child, ast.ImportFrom) else [a.name for a in child.names]
                found.extend((name, in_function, typing_only) for name in names)
            is_function = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            guard = isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test)
            visit(child, in_function or is_function, typing_only or guard)

    visit(tree)
    return found


def test_document_analysis_structure_and_template_import_one_way():
    from conftest import ROOT

    package = ROOT / "src" / "wscheck"
    layer = {"wscheck.document", "wscheck.analysis", "wscheck.structure", "wscheck.template"}
    for name in ("document", "analysis", "structure", "template"):
        for module, in_function, typing_only in _imports(package / f"{name}.py"):
            assert not (module in layer and in_function), f"{name}.py imports {module} inside a function"
            if name in ("structure", "template") and module in ("wscheck.document", "wscheck.analysis"):
                assert typing_only, f"{name}.py imports {module} at run time"


def test_the_pdf_layer_knows_no_template_geometry():
    import ast

    from conftest import ROOT

    geometry = {108, 504, 82, 77, 720, 730, 55.4, 541.4, 715, 612, 792}  # the templates' blocks and page
    for path in (ROOT / "src" / "wscheck" / "pdf").glob("*.py"):
        numbers = {node.value for node in ast.walk(ast.parse(path.read_text()))
                   if isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
                   and not isinstance(node.value, bool)}
        assert not numbers & geometry, (path.name, sorted(numbers & geometry))
