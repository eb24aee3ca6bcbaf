"""The named predicates of the section analysis, one decision each (wscheck.structure)."""
from __future__ import annotations

import pytest

from wscheck.document import Document
from wscheck.pdf.model import Line
from wscheck.sections import builtin_vocabulary, within_edits
from wscheck.structure import (
    SETTINGS, Candidate, Structure, StructureSettings, _aligned, _Classifier, _contents_title, _dot_leader,
    _in_top_margin, _look, _margin_stamp, _number_before, _on_ruler, _PageText, _plain_but_not_end_matter,
    _reads_as_prose, _roman_numbered, _run_in, _runs_on, _shares_baseline, _short_enough, _spread_out,
    _starts_like_title, _titles_match, _without_stacks,
)

HEADINGS = SETTINGS.headings


def ln(text, x0=108.0, top=300.0, x1=None, size=10.0, bold=False, font="Times-Roman", index=0, page=1):
    return Line(page=page, index=index, text=text, x0=x0, top=top, x1=x1 if x1 is not None else x0 + 5 * len(text),
                bottom=top + size * 0.9, font=font, size=size, bold=bold, end_bold=bold, italic=False)


def text_page(extra=()) -> _PageText:
    """A column of body text at x 108-504 (body size 10, Times-Roman), with `extra` lines."""
    content = [ln("body text of the paper that fills the column from edge to edge", x1=504, top=82 + 12 * n,
                  index=n) for n in range(40)] + list(extra)
    return _PageText(content, {}, {(1, 0): (108.0, 504.0)}, 10.0, "Times-Roman")


# -- candidates --------------------------------------------------------------------------------
@pytest.mark.parametrize("title, expected", [
    ("Introduction", True), ("7 Conclusion", True), ("参考文献", True),
    ("introduction", False), ("(a) panel", False), ("See Section ??", False), ("A", False), ("1 2", False),
])
def test_starts_like_title(title, expected):
    assert _starts_like_title(title) is expected


def test_short_enough_unless_a_bookmark_confirms_it():
    long_line = "word " * 30
    assert not _short_enough(long_line, False, HEADINGS)
    assert _short_enough(long_line, True, HEADINGS)
    assert not _short_enough("x" * 200, True, HEADINGS)  # never, even with a bookmark
    assert _short_enough("Related Work", False, HEADINGS)


def test_typography_sets_a_line_apart_or_leaves_it_weak():
    page = text_page()
    assert _look(ln("Method", bold=True), "Method", False, page).prominent
    assert _look(ln("Method", size=12), "Method", False, page).prominent
    assert _look(ln("REFERENCES"), "REFERENCES", False, page).caps
    assert _look(ln("Method", font="Helvetica-Narrow"), "Method", False, page).prominent  # a face of its own
    plain = _look(ln("Method"), "Method", False, page)
    assert plain.weak and not plain.prominent
    assert not _look(ln("Method"), "Method", True, page).weak  # a bookmark confirms it


def test_prose_is_not_a_heading():
    page = text_page()
    weak = _look(ln("x"), "x", False, page)
    assert _reads_as_prose(ln("Our method works well"), "Our method works well in practice today", weak, False, page)
    assert _reads_as_prose(ln("Limitations"), "Limitations.", weak, False, page)  # plain, ends like a sentence
    bold = _look(ln("x", bold=True), "x", False, page)
    assert not _reads_as_prose(ln("References."), "References.", bold, False, page)
    assert _reads_as_prose(ln("x"), "We thank the reviewers.", bold, False, page)  # a sentence, even in bold
    assert _reads_as_prose(ln("Note", size=8), "Note", weak, False, page)  # small print


def test_run_in_titles_end_like_one_or_run_into_their_text():
    page = text_page()
    assert _run_in(ln("Limitations.", bold=True), "Limitations.", [], page)
    assert _run_in(ln("Broader impact:", bold=True), "Broader impact:", [], page)
    title = ln("Limitations", bold=True)
    assert _run_in(title, "Limitations", [ln("Our method needs labels.", x0=title.x1 + 15)], page)  # drawn apart
    assert not _run_in(title, "Limitations", [], page)  # a heading on its own line
    assert not _run_in(title, "Limitations", [ln("12", x0=title.x1 + 15)], page)  # a page number, not text
    assert not _run_in(ln("Limitations.", size=12, bold=True), "Limitations.", [], page)  # a section's size


def test_lines_in_the_top_margin_or_spread_out():
    page = text_page()
    assert _in_top_margin(ln("Running Title", top=40), page)
    assert not _in_top_margin(ln("1 Introduction", top=90), page)
    assert _spread_out(ln("2.1 Setup", x1=500), HEADINGS)  # a contents entry stretched to its page number
    assert not _spread_out(ln("2.1 Setup"), HEADINGS)


def test_numbers_and_neighbours_on_the_baseline():
    title = ln("Introduction", x0=130)
    number = ln("1", x0=108, x1=114)
    assert _number_before(title, [number], HEADINGS) == [number]
    assert not _shares_baseline(title, [number], [number], HEADINGS)
    cell = ln("0.93", x0=title.x1 + 4)
    assert _shares_baseline(title, [cell], [], HEADINGS)  # a table row
    page_number = ln("12", x0=480, x1=490)
    assert _shares_baseline(title, [page_number], [], HEADINGS)  # a contents entry with its page number


def test_aligned_left_or_centred_in_the_column():
    page = text_page()
    assert _aligned(ln("Method", x0=110), 0, [], page)
    assert _aligned(ln("Abstract", x0=286, x1=326), 0, [], page)  # centred
    assert not _aligned(ln("Method", x0=250), 0, [], page)


def test_a_plain_line_with_no_space_above_runs_on():
    page = text_page()
    above = ln("the end of a paragraph", top=288)
    assert _runs_on(ln("References", top=300), above, page)
    assert not _runs_on(ln("References", top=312), above, page)
    assert not _runs_on(ln("References"), None, page)


def test_titles_match_bookmarks_whole_or_by_prefix():
    assert _titles_match("introduction", "introduction", HEADINGS)
    assert _titles_match("learning to abstain", "learning to abstain under shift", HEADINGS)  # title broken
    assert _titles_match("related works", "related work", HEADINGS)  # a short tail added
    assert not _titles_match("related work and more", "related work", HEADINGS)  # a different, longer line
    assert not _titles_match("method", "methods and data", HEADINGS)  # too short for a prefix


def test_tables_of_contents():
    assert _dot_leader("2.1 Setup . . . . . . . 4") and not _dot_leader("See Section 2.1.")
    assert _contents_title("Table of Contents", HEADINGS) and not _contents_title("Contents of the box", HEADINGS)
    stack = []
    for n in range(1, 7):
        line = ln(f"{n} Section", top=100 + 12 * n)
        stack.append(Candidate(line=line, position=n, column=0, number=str(n), title="Section", style=(), size=10,
                               prominent=True, weak=False, outline_level=None,
                               above=stack[-1].line if stack else None))
    assert _without_stacks(stack, HEADINGS.contents_run) == []
    assert _without_stacks(stack[:3], HEADINGS.contents_run) == stack[:3]


# -- furniture ---------------------------------------------------------------------------------
def test_ruler_numbers_and_margin_stamps():
    steps = {round(86 / 4)}
    assert _on_ruler(ln("12", x0=76, x1=86), steps, SETTINGS.furniture)
    assert _on_ruler(ln("13", x0=77, x1=87.5), steps, SETTINGS.furniture)
    assert not _on_ruler(ln("12", x0=300, x1=310), steps, SETTINGS.furniture)
    assert not _on_ruler(ln("12 apples", x0=76, x1=86), steps, SETTINGS.furniture)
    stamp = ln("arXiv:2401.00001v1 [cs.LG]", x0=20, x1=30)
    stamp.bottom = stamp.top + 300
    assert _margin_stamp(stamp, 612.0, SETTINGS.furniture)
    assert not _margin_stamp(ln("a figure label"), 612.0, SETTINGS.furniture)


# -- kinds -------------------------------------------------------------------------------------
def candidate(text, number=None, weak=False, prominent=True, top=300.0, space_above=20.0, style=("s",)):
    line = ln(text, top=top, bold=prominent)
    return Candidate(line=line, position=0, column=0, number=number, title=text, style=style, size=12.0,
                     prominent=prominent, weak=weak, outline_level=None, space_above=space_above)


def test_roman_numbers_and_plain_text():
    assert _roman_numbered(candidate("V. Conclusion", "V"), "letter", "body", 4, None)
    assert not _roman_numbered(candidate("V. Conclusion", "V"), "letter", "body", 2, None)  # out of order
    assert not _roman_numbered(candidate("A. Proofs", "A"), "letter", "body", 0, None)
    assert _plain_but_not_end_matter(candidate("Method", weak=True), None, None, "body")
    assert not _plain_but_not_end_matter(candidate("References", weak=True), "terminal", None, "references")
    assert _plain_but_not_end_matter(candidate("7 Limitations", "7", weak=True), "statement", "digit", "limitations")


def classifier(*candidates, body_size=10.0) -> _Classifier:
    structure = Structure(body_size=body_size, columns=1, content=[c.line for c in candidates], column_of={},
                          headings=[], vocabulary=builtin_vocabulary(), settings=StructureSettings())
    return _Classifier(structure, list(candidates), None)


def test_numbered_sections_must_come_in_order():
    walk = classifier()
    assert walk.kind_of(candidate("1 Introduction", "1"), "body", "digit") == "body"
    assert walk.kind_of(candidate("2 Method", "2"), "body", "digit") == "body"
    assert walk.kind_of(candidate("7 Rows", "7"), "body", "digit") is None  # a table row
    assert walk.kind_of(candidate("2.1 Setup", "2.1"), "body", "digit") == "body"
    assert (walk.last_top, walk.body_sections) == (2, 2)


def test_a_lettered_section_opens_the_appendix_only_after_body_sections():
    early = classifier()
    assert early.kind_of(candidate("A Proofs", "A"), "body", "letter") is None  # a panel label
    walk = classifier()
    for n in (1, 2):
        walk.kind_of(candidate(f"{n} Section", str(n)), "body", "digit")
    assert walk.kind_of(candidate("A Proofs", "A"), "body", "letter") == "appendix"
    assert walk.region == "appendix"
    assert walk.kind_of(candidate("Acknowledgments"), "acknowledgments", None) == "acknowledgments"


def test_after_the_references_numbers_stay_in_the_list_until_a_new_page():
    walk = classifier()
    walk.region, walk.region_page = "references", 1
    assert walk.kind_of(candidate("3 Entries", "3"), "body", "digit") is None  # same page: inside the list
    later = candidate("3 Entries", "3")
    later.line.page = 2
    assert walk.kind_of(later, "body", "digit") == "appendix"


def test_a_run_in_statement_inside_a_section_is_its_text_acknowledgments_excepted():
    def run_in(text):
        found = candidate(text)
        found.run_in = True
        return found

    alone = classifier()
    assert alone.kind_of(run_in("Limitations"), "limitations", None) == "limitations"  # before any section
    walk = classifier()
    assert walk.kind_of(candidate("1 Discussion", "1"), "body", "digit") == "body"
    assert walk.paragraph_of_its_section(run_in("Limitations"), "limitations")
    assert walk.kind_of(run_in("Limitations"), "limitations", None) is None
    assert walk.kind_of(run_in("Broader impact"), "impact-statement", None) is None
    assert walk.kind_of(run_in("Acknowledgments"), "acknowledgments", None) == "acknowledgments"  # run_in: true
    assert walk.kind_of(candidate("Limitations"), "limitations", None) == "limitations"  # a heading of its own


def test_misspelt_titles_within_a_few_edits():
    assert within_edits("reprodicibility statement", "reproducibility statement", 1)
    assert within_edits("acknowledgmetns", "acknowledgments", 1)  # two letters swapped
    assert not within_edits("imitation", "limitation", 0)
    assert within_edits("limitations and future works", "limitation and future work", 2)
    assert not within_edits("data variability", "data availability", 1)
    assert not within_edits("findings", "funding", 1)
    assert within_edits("", "ab", 2) and not within_edits("", "abc", 2)


def test_section_like_and_set_off():
    walk = classifier()
    assert walk.section_like(candidate("Method"))  # no section style known: prominent and larger
    assert not walk.section_like(candidate("Method", prominent=False))
    assert walk.set_off(candidate("Method")) and not walk.set_off(candidate("Method", space_above=2.0))


def test_the_structure_settings_are_the_thresholds_used():
    pages = [[ln("1 Introduction", bold=True, size=12, index=0, top=82)] + [ln(
        "body text of the paper that fills the column from edge to edge", x1=504, top=100 + 12 * n, index=n + 1)
        for n in range(30)]]
    assert Document.from_facts(pages).structure.headings  # found with the defaults
    strict = StructureSettings(headings=HEADINGS.__class__(larger_by=5.0))
    from wscheck.structure import analyse
    larger_only = [[ln("1 Introduction", size=12, index=0, top=82)] + pages[0][1:]]
    assert analyse(Document.from_facts(larger_only)).headings
    assert not analyse(Document.from_facts(larger_only), settings=strict).headings  # 12 pt is no longer larger
