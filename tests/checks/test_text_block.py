"""text-block: the body fills the template's block, in its columns, and nothing runs into the margins."""
from __future__ import annotations

import pytest

from checks.harness import check, fixture_document, line
from wscheck.checks import text_block
from wscheck.checks.base import NotApplicable
from wscheck.document import Document
from wscheck.facts import TextBlockFacts
from wscheck.pdf.model import Drawable

PROSE = "we study how a classifier can abstain when its confidence is low across many benchmarks"


def body_page(number: int, x0: float = 108.0, x1: float = 504.0, extra=()) -> list:
    """A full page of body text; `extra` lines are (text, x0, x1, top) or (text, x0, x1, top, size)."""
    lines = [line(PROSE, page=number, index=n, x0=x0, x1=x1, top=82 + 11 * n) for n in range(59)]
    for item in extra:
        text, a, b, top, *size = item
        lines.append(line(text, page=number, index=len(lines), x0=a, x1=b, top=top, size=size[0] if size else 10.0))
    return lines


def test_a_body_inside_the_iclr_block_passes():
    output = check("text-block", Document.from_facts([body_page(1), body_page(2)]), layout="iclr")
    assert output.findings == []
    assert output.summary.startswith("body text fills the template's block (text 108-504 pt (5.50 in wide, one")
    assert output.facts == TextBlockFacts(block=(108, 82, 504, 730))
    assert output.facts.to_dict() == {"block": [108, 82, 504, 730]}  # as the JSON shows it


def test_a_wider_layout_is_reported_once_not_line_by_line():
    output = check("text-block", Document.from_facts([body_page(1, 72, 540), body_page(2, 72, 540)]), layout="iclr")
    assert [f.kind for f in output.findings] == ["layout"]
    assert output.findings[0].text == ("the text is 6.50 in wide (72-540 pt); the template's block is 5.50 in "
                                       "(108-504 pt)")
    assert output.summary.startswith("the layout was changed: the text is 6.50 in wide")


def test_the_layout_s_columns_apply_unless_the_rule_gives_its_own():
    two_columns = check("text-block", Document.from_facts([body_page(1), body_page(2)]), layout="icml")
    assert "the body is set in one column; the template uses two columns" in two_columns.summary
    own = check("text-block", Document.from_facts([body_page(1), body_page(2)]), block=[108, 82, 504, 730],
                columns=1)
    assert own.findings == []


def test_a_line_into_the_margin_is_a_finding_with_page_side_box_and_level():
    far = ("a table row that does not fit the column", 300, 540, 400.5)  # 36 pt into the right margin
    near = ("a slightly long line", 300, 514, 412.5)  # 10 pt: a warning
    output = check("text-block", Document.from_facts([body_page(1), body_page(2, extra=[far, near])]), layout="iclr")
    [finding] = output.findings
    assert (finding.page, finding.kind, finding.level) == (2, "overfull-line", "error")
    assert finding.text == "a table row that does not fit the column"
    assert finding.detail == "2 lines run up to 36 pt into the right margin (text block 108-504 pt)"
    assert finding.fix.startswith("let the line break: reword it") and "includegraphics" not in finding.fix
    # the box holds what runs out of the block, and 6 pt of the block to show its edge
    assert finding.box == (498.0, 400.5, 540.0, 421.5)
    assert output.facts == TextBlockFacts(block=(108, 82, 504, 730), overflows=2)
    alone = check("text-block", Document.from_facts([body_page(1), body_page(2, extra=[near])]), layout="iclr")
    assert [f.level for f in alone.findings] == ["warning"]


def test_a_margin_note_is_its_own_finding_boxed_alone_with_a_fix_for_notes():
    # a rebuttal note in the right margin beside a paragraph, and the leader todonotes draws to it
    note = ("R2 - W1", 516, 560, 300.5)
    leader = Drawable(page=2, kind="path", box=(300.0, 308.0, 516.0, 309.0))
    output = check("text-block", Document.from_facts([body_page(1), body_page(2, extra=[note])],
                                                     drawables=[[], [leader]]), layout="iclr")
    [finding] = output.findings
    assert (finding.kind, finding.text) == ("margin-note", "R2 - W1")
    assert finding.detail == "a note set in the right margin, up to 56 pt beyond the text block (108-504 pt)"
    assert finding.fix.startswith("remove the margin notes before submitting") and "includegraphics" not in finding.fix
    # the note and the leader's part in the margin, not the paragraph beside it
    assert finding.box[0] >= 504 and finding.box[2] == 560.0


def test_notes_far_apart_in_one_margin_are_boxed_apart():
    notes = [("R1 - Q1", 516, 560, 150.5), ("R2 - W3", 516, 560, 600.5)]
    output = check("text-block", Document.from_facts([body_page(1), body_page(2, extra=notes)]), layout="iclr")
    assert [(f.kind, f.text) for f in output.findings] == [("margin-note", "R1 - Q1"), ("margin-note", "R2 - W3")]


def test_the_message_names_the_text_block_the_run_applies():
    assert text_block.message_fields({"layout": "neurips", "block": None, "columns": None}) == {
        "text_block": "the NeurIPS text block (5.5 x 9 in, one column)"}
    assert text_block.message_fields({"layout": "icml", "block": None, "columns": None}) == {
        "text_block": "the ICML text block (6.75 x 9 in, two columns)"}
    assert text_block.message_fields({"layout": None, "block": [100, 80, 500, 700], "columns": 1}) == {
        "text_block": "the text block (5.56 x 8.61 in, one column)"}


def test_a_drawing_in_the_margin_and_a_page_background_that_is_not():
    figure = Drawable(page=1, kind="image", box=(60.0, 300.0, 300.0, 400.0))
    background = Drawable(page=1, kind="path", box=(0.0, 0.0, 612.0, 792.0))
    white = Drawable(page=1, kind="path", box=(20.0, 300.0, 60.0, 400.0), invisible=True)
    output = check("text-block", Document.from_facts([body_page(1)], drawables=[[figure, background, white]]),
                   layout="iclr")
    assert [(f.page, f.text) for f in output.findings] == [(1, "an image at 60,300-300,400 pt")]


def test_running_heads_page_numbers_and_rulers_are_not_content():
    head = ("Under review as a conference paper at ICLR 2026", 108, 320, 30)
    number = ("3", 302, 308, 745)
    line_number = ("12", 76, 86, 300, 7.0)  # set smaller than the body, alone in the margin
    output = check("text-block", Document.from_facts([body_page(1, extra=[head, number, line_number]),
                                                      body_page(2, extra=[head, number])]), layout="iclr")
    assert output.findings == []
    body_size_number = ("12", 76, 86, 300, 10.0)  # body-size text in the margin is text
    output = check("text-block", Document.from_facts([body_page(1, extra=[body_size_number]), body_page(2)]),
                   layout="iclr")
    assert [f.text for f in output.findings] == ["12"]


def test_overflows_after_the_main_body_are_held_to_a_lower_level():
    assert text_block._level(50, {"minor": 18.0, "after_main_body": "warning"}, after=True) == "warning"
    assert text_block._level(50, {"minor": 18.0, "after_main_body": "warning"}, after=False) == "error"
    assert text_block._level(10, {"minor": 18.0, "after_main_body": "warning"}, after=False) == "warning"
    assert text_block._level(50, {"minor": 18.0, "after_main_body": "info"}, after=True) == "info"


def test_what_lies_in_the_margins_without_overflowing():
    assert text_block._margin_matter(line("12", x0=76, x1=86), "left", ruler=86.0, body_size=10.0)
    assert text_block._margin_matter(line("7", x0=510, x1=514, size=7), "right", ruler=None, body_size=10.0)
    stamp = line("arXiv:2401.00001v1 [cs.LG] 1 Jan 2024", x0=20, x1=30)
    stamp.bottom = stamp.top + 400
    assert text_block._margin_matter(stamp, "left", ruler=None, body_size=10.0)
    assert text_block._margin_matter(line("axis label", in_figure=True), "right", ruler=None, body_size=10.0)
    assert not text_block._margin_matter(line("a long line of text"), "right", ruler=None, body_size=10.0)


def test_a_ruler_number_merged_into_a_line_is_cut_off():
    block = (108, 82, 504, 730)
    assert text_block._without_ruler_number((80, 100, 504, 110), block, ruler=86.0) == (108, 100, 504, 110)
    assert text_block._without_ruler_number((108, 100, 525, 110), block, ruler=520.0) == (108, 100, 504, 110)
    assert text_block._without_ruler_number((80, 100, 504, 110), block, ruler=600.0) == (80, 100, 504, 110)


def test_no_block_is_not_applicable():
    with pytest.raises(NotApplicable, match="no text block"):
        check("text-block", Document.from_facts([body_page(1)]))


def test_the_neurips_fixture_s_ruler_and_running_heads_are_not_content():
    document = fixture_document("neurips-anon", "text-block")  # lineno numbers right of odd pages, left of even
    assert check("text-block", document, layout="neurips").findings == []
