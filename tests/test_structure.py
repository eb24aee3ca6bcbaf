"""Section structure: headings, reading order and where the main body ends.

Fixture papers (fixtures/src/struct-*.tex) each reproduce one layout that
fools simpler tools; the unit tests pin the pieces (titles, numbering,
vocabulary, reading order) on hand-made lines.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import fixture, run_cli
from wscheck.document import Document
from wscheck.errors import RuleSetError
from wscheck.pdf.model import Line, OutlineItem
from wscheck.sections import BODY, SectionRules, builtin_vocabulary, normalise_title, parse_vocabulary
from wscheck.structure import _furniture, _reading_order, split_number

# -- titles, numbering, vocabulary ------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("R EFERENCES", "references"),  # small caps as some extractors give them
    ("A CKNOWLEDGMENTS", "acknowledgments"),
    ("E THICS S TATEMENT", "ethics statement"),
    ("Références", "references"),
    ("Acknowledgments & Disclosure of Funding", "acknowledgments and disclosure of funding"),
    ("  Impact   Statement: ", "impact statement"),
])
def test_titles_are_normalised(text, expected):
    assert normalise_title(text) == expected


@pytest.mark.parametrize("text, number, title", [
    ("7 Conclusion", "7", "Conclusion"),
    ("8. References", "8", "References"),
    ("VIII. REFERENCES", "VIII", "REFERENCES"),
    ("A.1 Lemma", "A.1", "Lemma"),
    ("A. Proofs", "A", "Proofs"),
    ("Appendix A: Proofs", "A", "Appendix A Proofs"),
    ("Appendix B. Details", "B", "Appendix B Details"),
    ("References", None, "References"),
    ("3.2.1 Setup", "3.2.1", "Setup"),
])
def test_section_numbers_are_split_from_titles(text, number, title):
    assert split_number(text) == (number, title)


@pytest.mark.parametrize("title, kind", [
    ("References", "references"),
    ("R EFERENCES", "references"),
    ("Bibliography", "references"),
    ("Literature Cited", "references"),
    ("参考文献", "references"),
    ("Appendix", "appendix"),
    ("Appendix Summary", "appendix"),
    ("Appendix A Proofs", "appendix"),
    ("Supplementary Material", "appendix"),
    ("Supplementary Materials for Sparse Probes", "appendix"),
    ("NeurIPS Paper Checklist", "checklist"),
    ("Reproducibility Checklist", "checklist"),
    ("Acknowledgments and Disclosure of Funding", "acknowledgments"),
    ("Acknowledgements", "acknowledgments"),
    ("Impact Statement", "impact-statement"),
    ("Broader Impacts", "impact-statement"),
    ("ETHIC STATEMENT", "ethics-statement"),
    ("Ethical Considerations", "ethics-statement"),
    ("Reproducibility Statement", "reproducibility-statement"),
    ("Limitations", "limitations"),
    ("LLM Usage", "llm-usage"),
    ("Use of Large Language Models", "llm-usage"),
    # reworded and misspelt statement titles (issue 17)
    ("The Use of Large Language Models (LLMs)", "llm-usage"),
    ("Declaration of LLM Usage", "llm-usage"),
    ("Statement of Contributions", "author-contributions"),
    ("Ethics and Broader Impact", "ethics-statement"),
    ("Ethics and Broader Impacts Statement", "ethics-statement"),
    ("Broader Impact and Ethics", "ethics-statement"),
    ("REPRODICIBILITY STATEMENT", "reproducibility-statement"),
    ("Acknowledgmetns", "acknowledgments"),
    ("Aknowledgements", "acknowledgments"),
    # ordinary titles one letter from a statement's: short ones, or another word
    ("Imitation", BODY),
    ("Findings", BODY),
    ("Imitation Learning", BODY),
    ("Preferences", BODY),
    ("Data Variability", BODY),
    ("Related Work", BODY),
    ("Referenced Models", BODY),
    ("Conclusion", BODY),
    ("Supplementary Results", BODY),
    ("Limitations of Prior Work", BODY),
])
def test_the_vocabulary_names_section_kinds(title, kind):
    assert builtin_vocabulary().kind_of(title) == kind


def test_the_vocabulary_is_rule_data_shipped_with_the_rule_sets():
    vocabulary = builtin_vocabulary()
    assert {"references", "appendix", "checklist"} <= set(vocabulary.of_role("terminal"))
    assert {"acknowledgments", "impact-statement", "ethics-statement", "reproducibility-statement",
            "limitations"} <= set(vocabulary.of_role("statement"))
    assert vocabulary.name("appendix") == "appendices"


@pytest.mark.parametrize("text, message, line", [
    ("kinds:\n  references:\n    role: final\n    titles: [References]\n", "role must be one of", 3),
    ("kinds:\n  references:\n    role: terminal\n    title: [References]\n", "unknown key 'title'", 4),
    ("kinds:\n  references:\n    role: terminal\n    patterns: ['(unclosed']\n", "bad pattern", 4),
    ("kinds:\n  Refs!:\n    role: terminal\n    titles: [x]\n", "lower-case words", 2),
    ("kinds:\n  references:\n    role: terminal\n", "needs titles or patterns", 2),
    ("kinds: []\n", "mapping with 'kinds'", None),
])
def test_a_bad_vocabulary_file_is_reported_with_its_line(text, message, line):
    with pytest.raises(RuleSetError) as error:
        parse_vocabulary(text, "sections.yaml")
    assert message in str(error.value)
    if line is not None:
        assert f"sections.yaml:{line}" in str(error.value)


def test_a_rule_set_can_add_titles_to_a_kind_but_not_invent_kinds():
    extended = builtin_vocabulary().extended({"impact-statement": ["Societal Considerations"]})
    assert extended.kind_of("SOCIETAL CONSIDERATIONS") == "impact-statement"
    assert builtin_vocabulary().kind_of("Societal Considerations") == BODY
    with pytest.raises(ValueError, match="unknown section kind 'impact'"):
        builtin_vocabulary().extended({"impact": ["Societal Considerations"]})


# -- reading order and page furniture ----------------------------------------------


def _line(index, text, x0, top, x1, page=1, size=10.0):
    return Line(page=page, index=index, text=text, x0=x0, top=top, x1=x1, bottom=top + size, font="Times",
                size=size, bold=False, end_bold=False, italic=False)


def _two_columns_with_a_wide_caption():
    lines = []
    # drawn out of order: right column first, then the caption, then the left column
    for n in range(20):
        lines.append(_line(len(lines), f"right column line {n} with some words", 310, 300 + 12 * n, 540))
    lines.append(_line(len(lines), "Figure 1: a caption spanning both columns of the page", 60, 250, 540))
    for n in range(20):
        lines.append(_line(len(lines), f"left column line {n} with some words", 60, 300 + 12 * n, 290))
    for n in range(10):
        lines.append(_line(len(lines), f"top left {n} words words", 60, 80 + 12 * n, 290))
        lines.append(_line(len(lines), f"top right {n} words words", 310, 80 + 12 * n, 540))
    return lines


def test_two_columns_are_read_band_by_band_around_a_full_width_caption():
    ordered, column_of, edges = _reading_order(_two_columns_with_a_wide_caption(), 612.0, 10.0)
    texts = [line.text for line in ordered]
    assert texts.index("top left 9 words words") < texts.index("top right 0 words words")
    assert texts.index("top right 9 words words") < texts.index(
        "Figure 1: a caption spanning both columns of the page") < texts.index("left column line 0 with some words")
    assert texts.index("left column line 19 with some words") < texts.index("right column line 0 with some words")
    assert len(edges) == 2
    assert column_of[(1, 0)] == 1  # the first right-column line


def test_four_poster_columns_are_read_left_to_right():
    lines = []
    for column in range(4):
        for n in range(15):
            lines.append(_line(len(lines), f"column {column} line {n} of poster text", 50 + 200 * column,
                               100 + 12 * n, 50 + 200 * column + 170))
    lines.reverse()
    for n, line in enumerate(lines):
        line.index = n
    ordered, _, edges = _reading_order(lines, 850.0, 10.0)
    assert [line.text for line in ordered][::15] == [f"column {n} line 0 of poster text" for n in range(4)]
    assert len(edges) == 4


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(40, 560), st.integers(60, 720), st.integers(5, 300)), min_size=0,
                max_size=80))
def test_reading_order_keeps_every_line_once(boxes):
    lines = [_line(n, f"word {n} text", x, top, min(x + width, 580)) for n, (x, top, width) in enumerate(boxes)]
    ordered, column_of, _ = _reading_order(lines, 612.0, 10.0)
    assert sorted(line.index for line in ordered) == list(range(len(lines)))
    assert set(column_of) == {(1, n) for n in range(len(lines))}


def test_running_heads_go_but_the_first_lines_of_a_tall_text_block_stay():
    class Size:
        width, height = 612.0, 792.0

    pages = []
    openings = ["we study how a classifier", "abstains when its confidence", "is low across benchmarks",
                "and model families alike"]
    for page in range(1, 5):
        lines = [_line(0, "Sparse Features at Scale", 200, 30, 400, page=page),  # a running head
                 _line(1, openings[page - 1], 54, 50, 550, page=page)]  # the text block starts in the band
        lines += [_line(2 + n, f"line {n} of running text on page {page}", 54, 62 + 12 * n, 550, page=page)
                  for n in range(50)]
        pages.append(lines)
    furniture = _furniture(pages, [Size()] * 4)
    assert {(page, 0) for page in range(1, 5)} <= furniture
    assert not any((page, 1) in furniture for page in range(1, 5))


# -- fixture papers ------------------------------------------------------------------

EXPECTED = {
    # fixture: (main body last page, core body last page, references page, appendix page)
    "struct-iclr-statements": (5, 4, 5, 5),
    "struct-running-heads": (6, 6, 6, None),
    "struct-appendix-first": (3, 3, 4, 3),
    "struct-icml-floats": (3, 3, 3, None),
    "struct-roman-ieee": (3, 3, 3, None),
    "struct-checklist": (4, 4, 5, 6),
    "struct-checklist-only": (3, 3, 3, None),
    "struct-limitations": (4, 4, 4, None),
    "struct-top-of-page": (4, 4, 5, None),
    "struct-lettered-appendix": (3, 3, 3, 4),
    "struct-tab-numbers": (4, 4, 4, None),
    "struct-wrong-outline": (4, 4, 4, None),
    "struct-headless-bib": (4, 4, None, None),
    "struct-no-refs-long": (5, 5, None, None),
    "struct-three-columns": (2, 2, 2, None),
    "icml-anon": (3, 3, 3, 3),
    "neurips-anon": (3, 3, 4, 4),
    "iclr-anon-over": (5, 5, 5, None),
    # run-in "Limitations." / "Broader impact." / "Conclusion." paragraphs inside "5 Discussion and
    # Conclusion", the last two at the top of page 5: body text, not statements
    "struct-runin-discussion": (5, 5, 5, None),
    # statements at the very top of page 4, right after the conclusion, under misspelt and
    # reworded titles
    "struct-statement-variants": (4, 3, 4, None),
    "iclr-camera-statements": (11, 10, 11, None),
}


def _structure(name):
    document = Document(fixture(name), needs=("lines",))
    return document, document.structure


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_sections(name):
    _, structure = _structure(name)
    summary = structure.summary()
    got = (summary["main_body_last_page"], summary["core_body_last_page"], summary["references_page"],
           summary["appendix_page"])
    assert got == EXPECTED[name]


def _headings(structure, kind=None):
    return [(h.page, h.kind, h.number, h.text) for h in structure.headings if kind is None or h.kind == kind]


def test_mentions_of_references_and_limitations_in_running_text_are_not_headings():
    _, structure = _structure("struct-iclr-statements")
    kinds = {(h.page, h.kind) for h in structure.headings}
    assert (1, "references") not in kinds and (3, "limitations") not in kinds
    assert [h.text for h in structure.headings if h.kind != "body" and h.page == 5][:3] == [
        "ETHICS STATEMENT", "REPRODUCIBILITY STATEMENT", "REFERENCES"]


def test_running_heads_and_contents_entries_are_not_headings():
    document, structure = _structure("struct-running-heads")
    assert _headings(structure, "references") == [(6, "references", None, "References")]
    assert not [h for h in structure.headings if h.page == 1 and h.number is not None and h.line.top < 400]
    heads = [line for line in document.lines[2] if "Conclusion" in line.text and line.top < 60]
    assert heads and all(structure.is_furniture(line) for line in heads)


def test_appendices_before_the_bibliography_end_the_main_body():
    _, structure = _structure("struct-appendix-first")
    end = structure.main_body_end
    assert (end.ended_by.kind, end.ended_by.text) == ("appendix", "A Proofs")
    assert structure.references.text == "Bibliography"


def test_numbered_references_and_icml_statements():
    _, structure = _structure("struct-icml-floats")
    assert [(h.kind, h.number) for h in structure.headings if h.kind != "body"] == [
        ("impact-statement", None), ("acknowledgments", None), ("references", "5")]
    main, core = structure.main_body_end, structure.core_body_end
    assert main.ended_by.text == "5. References" and main.line.text == "We thank the reviewers for their comments."
    assert core.ended_by.text == "Impact Statement"
    assert structure.columns == 2


def test_roman_sections_and_lettered_subsections_are_not_an_appendix():
    _, structure = _structure("struct-roman-ieee")
    assert [h.number for h in structure.headings if h.kind == "body" and h.number] == ["I", "II", "III", "IV", "V"]
    assert structure.appendix is None
    assert structure.references.text == "LITERATURE CITED"


def test_the_checklist_after_the_appendix_and_its_questions():
    _, structure = _structure("struct-checklist")
    assert structure.checklist.page == 7
    assert structure.main_body_end.ended_by.text == "References"
    assert structure.main_body_end.line.page == 4  # the references open page 5
    checklist_lines = [line for line in structure.content if line.page == 7]
    assert {structure.kind_at(line) for line in checklist_lines} == {"checklist"}


def test_a_checklist_without_an_appendix():
    _, structure = _structure("struct-checklist-only")
    assert structure.checklist is not None and structure.appendix is None
    assert structure.end_of_body({"checklist"}).ended_by.kind == "checklist"


def test_unnumbered_limitations_leave_the_core_body_only_when_they_precede_the_references():
    _, structure = _structure("struct-limitations")
    assert [h.kind for h in structure.headings if h.page == 4] == [
        "body", "limitations", "acknowledgments", "references"]
    assert structure.core_body_end.ended_by.text == "Limitations"
    vocabulary = builtin_vocabulary().extended({"impact-statement": ["Societal Considerations"]})
    extended = Document(fixture("struct-limitations"), needs=("lines",), sections=SectionRules(vocabulary)).structure
    assert extended.core_body_end.ended_by.text == "Societal Considerations"
    assert extended.core_body_end.page == 3


def test_references_at_the_top_of_a_page_end_the_body_on_the_page_before():
    _, structure = _structure("struct-top-of-page")
    end = structure.main_body_end
    assert end.page == 4 and end.ended_by.page == 5 and end.ended_by.text == "R EFERENCES"


def test_figure_labels_are_not_headings_and_lettered_appendix_titles_are():
    _, structure = _structure("struct-lettered-appendix")
    assert not [h for h in structure.headings if h.page == 2 and h.number in ("A", "B", "S")]
    assert [(h.kind, h.number) for h in structure.headings if h.page == 4][:3] == [
        ("appendix", None), ("appendix", "A"), ("appendix", "A.1")]
    assert structure.appendix.text == "SUPPLEMENTARY MATERIAL"


def test_numbers_set_a_tab_away_from_their_titles_are_joined():
    document, structure = _structure("struct-tab-numbers")
    assert document.outline == []
    assert [(h.number, h.title) for h in structure.headings if h.kind == "body"][:2] == [
        ("1", "Introduction"), ("2", "Method")]


def test_a_wrong_outline_does_not_move_the_references():
    document, structure = _structure("struct-wrong-outline")
    assert any(item.title == "References" and item.page == 1 for item in document.outline)
    assert _headings(structure, "references") == [(4, "references", None, "References")]


def test_a_reference_list_without_a_heading_still_ends_the_body():
    _, structure = _structure("struct-headless-bib")
    end = structure.main_body_end
    assert end.ended_by.source == "reference-list"
    assert end.ended_by.line.text.startswith("[1]")
    assert structure.references is None and structure.reference_list.page == 4


def test_three_columns():
    _, structure = _structure("struct-three-columns")
    end = structure.main_body_end
    assert structure.columns == 3
    assert (end.page, end.column, end.ended_by.column) == (2, 1, 2)


def test_section_membership():
    _, structure = _structure("struct-iclr-statements")
    by_text = {line.text: line for line in structure.content}
    assert structure.kind_at(by_text["ETHICS STATEMENT"]) == "ethics-statement"
    proofs = structure.first("appendix")
    after = structure.content[proofs.position + 1]
    assert structure.kind_at(after) == "appendix"
    assert structure.heading_at(after) is proofs
    assert structure.kind_at(structure.content[0]) == "body"


# -- what inspect says (the page-limit check's own tests: tests/checks/test_page_limit.py) ---------


def test_inspect_reports_where_and_why_the_body_ends():
    data = json.loads(run_cli("inspect", "--format", "json", fixture("struct-limitations")).stdout)
    assert data["sections"] == {"main_body_last_page": 4, "core_body_last_page": 4, "references_page": 4,
                                "appendix_page": None}
    end = data["evidence"]["main_body_end"]
    assert (end["page"], end["ended_by"], end["ended_by_page"]) == (4, "References", 4)


# -- hand-made papers -----------------------------------------------------------------


class _Paper:
    """A stand-in for Document with just what `analyse` reads."""

    class _Size:
        width, height = 612.0, 792.0

    def __init__(self, pages, outline=()):
        self.lines = pages
        self.page_sizes = [self._Size()] * len(pages)
        self.outline = list(outline)


_WORDS = ("we study how a classifier can abstain when its confidence is low and we measure how abstention "
          "interacts with robustness to distribution shift across several benchmarks and model families").split()


def _page(page, items):
    """Lines from (kind, text) items: "text" is a line of running text, "gap" adds space, else a heading style."""
    lines, top = [], 72.0
    for kind, text in items:
        if kind == "gap":
            top += float(text)
            continue
        bold = kind == "bold"
        size = 12.0 if kind in ("bold", "large") else 10.0
        width = 468.0 if kind == "text" and len(text) > 40 else 6.0 * len(text)
        lines.append(Line(page=page, index=len(lines), text=text, x0=72.0, top=top, x1=72.0 + min(width, 468.0),
                          bottom=top + size * 0.9, font="Times-Bold" if bold else "Times-Roman", size=size,
                          bold=bold, end_bold=bold, italic=False))
        top += size + 2
    return lines


def _text(count, start=0):
    return [("text", " ".join(_WORDS[(start + n) % 20:(start + n) % 20 + 9])) for n in range(count)]


def _analyse(pages, outline=()):
    from wscheck.structure import analyse

    return analyse(_Paper(pages, outline))


def _body_pages():
    return [
        _page(1, [("bold", "1 Introduction")] + _text(40)),
        _page(2, [("bold", "2 Method")] + _text(30) + [("gap", 10), ("bold", "3 Conclusion")] + _text(8)),
    ]


def test_a_plain_references_line_counts_only_when_set_off_and_followed_by_a_list():
    entries = [("text", f"A. Author{n}, B. Author. A title on abstention. In Proceedings of ICML, 20{10 + n}.")
               for n in range(12)]
    set_off = _body_pages() + [_page(3, _text(5) + [("gap", 14), ("text", "References")] + entries)]
    structure = _analyse(set_off)
    assert [(h.page, h.kind, h.source) for h in structure.headings if h.kind == "references"] == [
        (3, "references", "plain")]
    run_on = _body_pages() + [_page(3, _text(5) + [("text", "References")] + _text(20))]
    assert _analyse(run_on).references is None


def test_a_heading_whose_text_is_garbled_is_found_from_a_trusted_outline():
    pages = _body_pages() + [_page(3, _text(6) + [("gap", 14), ("bold", "\ufffd\ufffd\ufffd\ufffd\ufffd")] + _text(20))]
    references_top = pages[2][6].top
    outline = [OutlineItem(0, "1 Introduction", 1, 70.0), OutlineItem(0, "2 Method", 2, 70.0),
               OutlineItem(0, "3 Conclusion", 2, pages[1][31].top - 2), OutlineItem(0, "References", 3, references_top - 2)]
    structure = _analyse(pages, outline)
    assert structure.references.page == 3 and structure.references.source == "outline"
    assert structure.main_body_end.line.text == pages[2][5].text
    # the same bookmark in an outline that points nowhere useful is ignored
    wrong = [OutlineItem(0, "Introduction", 2, 70.0), OutlineItem(0, "References", 1, 100.0)]
    assert _analyse(pages, wrong).references is None


def test_an_author_year_reference_list_without_a_heading():
    entries = []
    for n in range(8):
        entries.append(("text", f"Author{chr(65 + n)}, J. and Other, K. Selective prediction under shift, number {n}."))
        entries.append(("text", f"In Advances in Neural Information Processing Systems, 20{10 + n}."))
    pages = _body_pages() + [_page(3, _text(10) + [("gap", 14)] + entries)]
    structure = _analyse(pages)
    end = structure.main_body_end
    assert end.ended_by.source == "reference-list"
    assert end.ended_by.line.text.startswith("AuthorA, J.")
    assert structure.summary()["references_page"] is None


def test_a_stack_of_numbered_titles_is_a_table_of_contents():
    contents = [("bold", f"{n} Section number {n}") for n in range(1, 7)]
    pages = [_page(1, contents + [("gap", 20)] + _text(20))] + _body_pages()
    for page_number, page in enumerate(pages, 1):
        for line in page:
            line.page = page_number
    structure = _analyse(pages)
    assert not [h for h in structure.headings if h.page == 1]
    assert [h.number for h in structure.headings if h.kind == "body"] == ["1", "2", "3"]


# -- the extraction structure relies on -------------------------------------------------


def test_text_positions_stay_utf16_units_past_characters_outside_the_bmp():
    from wscheck.pdf.pdfium import _join_surrogates, _utf16_units

    text = "scale (\U0001d6ff) to your penalty"  # a unicode-math italic delta, as LuaTeX and Typst set it
    units = _utf16_units(text.encode("utf-16-le"))
    # PDFium numbers its characters in UTF-16 units: the delta is two, and what follows keeps its index
    assert len(units) == len(text) + 1 and units.index("to") == text.index("to") + 1
    assert _join_surrogates(units) == text
    assert _utf16_units("plain text".encode("utf-16-le")) == "plain text"
    lone = b"a\x00\x00\xd8b\x00"  # a hostile string: a lone high surrogate
    assert _join_surrogates(_utf16_units(lone)) in ("a\ufffdb", "a\ufffd\ufffdb")


def test_run_in_paragraphs_inside_a_section_are_its_text():
    _, structure = _structure("struct-runin-discussion")
    assert not [h for h in structure.headings if h.kind != "body" and h.kind != "references"]
    by_text = {line.text: line for line in structure.content}
    broader = by_text["Broader impact."]  # its title alone on its line, in bold
    assert structure.heading_at(broader).text == "5 Discussion and Conclusion"
    assert structure.core_body_end.ended_by.text == "References"


def test_statements_under_misspelt_and_reworded_titles_at_the_top_of_a_page():
    _, structure = _structure("struct-statement-variants")
    assert [(h.kind, h.page) for h in structure.headings if h.kind != "body"] == [
        ("reproducibility-statement", 4), ("ethics-statement", 4), ("llm-usage", 4), ("author-contributions", 4),
        ("references", 4)]
    core = structure.core_body_end
    assert (core.page, core.ended_by.text) == (3, "REPRODICIBILITY STATEMENT")
