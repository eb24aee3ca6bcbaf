"""Template evidence as data: each Signal found by its own test (wscheck.template), weighed by its weight."""
from __future__ import annotations

import pytest

from wscheck.document import Document
from wscheck.geometry import LAYOUTS, SETTLED_MARGINS
from wscheck.pdf.model import Drawable, Line
from wscheck.template import (
    SETTINGS, SIGNALS, Signal, TemplateInfo, TextBlock, _abstract, _anonymous_author_block, _banner, _banner_position,
    _Evidence, _footer_notice, _geometry, _recognised, _review_ruler, _running_head, _running_head_rule,
    _running_title, _score, _title_rules, _title_small_caps,
)

ICLR, ICML, NEURIPS = LAYOUTS["iclr"], LAYOUTS["icml"], LAYOUTS["neurips"]


def ln(text, x0, top, x1=None, size=10.0, bold=False, page=1, index=0):
    return Line(page=page, index=index, text=text, x0=x0, top=top, x1=x1 if x1 is not None else x0 + 5 * len(text),
                bottom=top + size * 0.9, font="Times-Roman", size=size, bold=bold, end_bold=bold, italic=False)


def rule(y, x0=108.0, x1=504.0, thick=0.5, page=1):
    return Drawable(page=page, kind="path", box=(x0, y, x1, y + thick))


def evidence(page1=(), page2=(), drawables=((), ()), block=TextBlock(), ruler=None, slots=None) -> _Evidence:
    body = [ln("running text of the paper, set across the whole text block", 108, 400 + 12 * n, 504, index=50 + n)
            for n in range(25)]
    document = Document.from_facts([list(page1) + body, list(page2)], drawables=[list(d) for d in drawables])
    info = TemplateInfo(block=block, ruler_x1=ruler)
    slots = slots or {"header": "", "footer": "", "column-footnote": ""}
    return _Evidence(document, info, slots, SETTINGS)


def test_signals_are_data_with_weights_and_whether_the_style_draws_them():
    assert SIGNALS["banner"].weight == 4 and SIGNALS["geometry"].weight == 3
    assert SIGNALS["abstract-flush-left"].weight < 0
    drawn = {name for name, signal in SIGNALS.items() if signal.drawn}
    assert drawn == {"title-rules", "running-head-rule", "running-head", "running-title", "review-ruler"}
    found = SIGNALS["geometry"].found("geometry: text 108-504 pt")
    assert (found.name, found.weight, found.note) == ("geometry", 3, "geometry: text 108-504 pt")


def test_geometry():
    fits = evidence(block=TextBlock(x0=108.2, x1=503.8, columns=1))
    assert _geometry(fits, ICLR).note == "geometry: text 108-504 pt (5.49 in wide, one column), as the ICLR template"
    assert _geometry(fits, ICML) is None  # two columns, 55-541 pt
    assert _geometry(evidence(block=TextBlock(x0=72, x1=540)), ICLR) is None


def test_title_rules_thick_for_neurips_thin_for_icml():
    neurips = evidence(drawables=([rule(75, thick=4.0), rule(130)], ()))
    assert _title_rules(neurips, NEURIPS).note == "title between two rules across the text block (y 75 and 130 pt)"
    assert _title_rules(neurips, ICML) is None  # ICML's block is wider, and its rules thin
    icml = evidence(drawables=([rule(80, 55.4, 541.4), rule(130, 55.4, 541.4)], ()))
    assert _title_rules(icml, ICML) is not None and _title_rules(icml, NEURIPS) is None
    assert _title_rules(evidence(drawables=([rule(75, thick=4.0)], ())), NEURIPS) is None  # one rule only


def test_running_head_and_its_rule():
    found = evidence(page1=[ln("Under review as a conference paper at ICLR 2026", 108, 30)],
                     drawables=([rule(38.8)], ()))
    assert _running_head(found, ICLR).note.startswith("running head at the top left of the text block")
    assert _running_head_rule(found, ICLR).note == "running-head rule at y 39 pt (page 1)"
    assert _running_head(found, NEURIPS) is None  # NeurIPS prints its notice in the footer
    assert _running_head_rule(evidence(drawables=([rule(60)], ())), ICLR) is None


def test_footer_notice_and_running_title():
    footer = evidence(page1=[ln("Submitted to the 39th Conference on Neural Information Processing Systems.", 108, 735,
                                size=8)])
    assert _footer_notice(footer, NEURIPS).note.startswith("page-1 notice below the text block")
    assert _footer_notice(footer, ICLR) is None
    title = evidence(page2=[ln("Abstention for Language Models", 224, 44, 374, bold=True, page=2)])
    assert _running_title(title, ICML).note.startswith("centred bold running title on page 2")
    assert _running_title(title, ICLR) is None


def test_banners_in_the_template_s_slot():
    header = {"header": "Under review as a conference paper at ICLR 2026", "footer": "", "column-footnote": ""}
    found = evidence(slots=header)
    assert _banner(found, ICLR).note == "banner: 'Under review as a conference paper at ICLR 2026'"
    assert _banner(found, NEURIPS) is None
    anonymous = evidence(slots={**header, "header": "Under review"})
    assert _banner(anonymous, ICLR) is None
    assert _banner_position(anonymous, ICLR).note == "banner in the ICLR position: 'Under review'"


def test_the_abstract_heading_centred_or_flush_left():
    block = TextBlock(x0=108, x1=504)
    centred = evidence(page1=[ln("ABSTRACT", 286, 200, 326)], block=block)
    assert _abstract(centred, ICLR).name == "abstract-centred"  # small caps, as ICLR sets it
    assert _abstract(centred, NEURIPS) is None  # NeurIPS sets it in bold
    flush = evidence(page1=[ln("Abstract", 108, 200)], block=block)
    signal = _abstract(flush, NEURIPS)
    assert signal.name == "abstract-flush-left" and signal.weight == -5
    assert signal.note == "the Abstract heading is flush left (x 108 pt); the NeurIPS style centres it"


def test_anonymous_author_block_ruler_and_title():
    anonymous = evidence(page1=[ln("Anonymous authors", 108, 120, index=1),
                                ln("Paper under double-blind review", 108, 132, index=2)])
    assert _anonymous_author_block(anonymous, ICLR).note == "the ICLR anonymous author block: 'Anonymous authors'"
    assert _anonymous_author_block(anonymous, NEURIPS) is None
    assert _review_ruler(evidence(ruler=87.0), ICLR).note == "review line numbers at x 87 pt"
    assert _review_ruler(evidence(ruler=87.0), ICML) is None
    title = evidence(page1=[ln("ABSTENTION FOR LANGUAGE MODELS", 108, 80, size=14)])
    assert _title_small_caps(title, ICLR).note == "title flush left in small capitals"
    assert _title_small_caps(title, NEURIPS) is None


def test_a_layout_s_score_is_the_sum_of_its_signals_banner_first():
    found = evidence(page1=[ln("Under review as a conference paper at ICLR 2026", 108, 30)],
                     drawables=([rule(38.8)], ()), block=TextBlock(x0=108, x1=504, columns=1),
                     slots={"header": "Under review as a conference paper at ICLR 2026", "footer": "",
                            "column-footnote": ""})
    signals = _score(found, ICLR)
    assert [s.name for s in signals] == ["banner", "geometry", "running-head-rule", "running-head"]
    assert sum(s.weight for s in signals) == 9


@pytest.mark.parametrize("fact", ["left", "top", "right", "bottom"])
def test_the_pdf_layer_is_told_the_margins_every_template_keeps(fact):
    # the part of the page all three text blocks share (1.5 in at the sides, 82 pt from the top,
    # 77 pt from the bottom): derived from the layouts, not written into the PDF layer
    expected = {"left": 108.0, "top": 82.0, "right": 108.0, "bottom": 77.0}[fact]
    assert getattr(SETTLED_MARGINS, fact) == expected


# -- a tampered template: furniture moves with the text block ----------------------------------------
def test_furniture_is_also_looked_for_where_it_sits_on_a_moved_block():
    wide = TextBlock(x0=79.2, x1=532.8, columns=1)  # ICLR's block widened to 6.3 in
    found = evidence(block=wide)
    assert found.positions(ICLR, 108) == (108, 79.2)  # the left edge
    assert found.positions(ICLR, 86) == (86, 57.2)  # the ruler: the same distance outside the block
    assert found.positions(ICLR, 306) == (306, 306.0)  # the centre: the same share of the width
    assert evidence().positions(ICLR, 108) == (108,)  # no measured block
    assert _review_ruler(evidence(block=wide, ruler=57.0), ICLR) is not None
    assert _review_ruler(evidence(block=wide, ruler=57.0), NEURIPS) is None  # NeurIPS's ruler is 10 pt out
    title = evidence(page1=[ln("ABSTENTION WITH MORE ROOM", 79.2, 80, size=14)], block=wide)
    assert _title_small_caps(title, ICLR) is not None
    rules = evidence(drawables=([rule(75, 72, 540, thick=4.0), rule(130, 72, 540)], ()),
                     block=TextBlock(x0=72, x1=540, columns=1))
    assert _title_rules(rules, NEURIPS) is not None  # across the squeezed block


def signal(name):
    return SIGNALS[name].found(name)


def test_the_grounds_a_template_is_recognised_on():
    fits = TextBlock(x0=108, x1=504, columns=1)
    wide = TextBlock(x0=79, x1=533, columns=1)
    own = {"header": "Under review as a conference paper at ICLR 2026", "footer": "", "column-footnote": ""}
    # its own banner on its own block, even when other signals count against it
    assert _recognised(evidence(block=fits, slots=own), ICLR,
                       [signal("banner"), signal("geometry"), signal("abstract-flush-left")]) == "banner and geometry"
    assert _recognised(evidence(block=fits), ICLR,
                       [signal("geometry"), signal("anonymous-block")]) == "geometry"
    assert _recognised(evidence(block=fits), ICLR, [signal("geometry"), signal("review-ruler")]) is None
    assert _recognised(evidence(block=wide, slots=own), ICLR,
                       [signal("banner"), signal("running-head"), signal("title-small-caps")]) == "banner"
    furniture = [signal("anonymous-block"), signal("title-small-caps"), signal("abstract-centred"),
                 signal("review-ruler")]
    assert _recognised(evidence(block=wide), ICLR, furniture) == "furniture"
    assert _recognised(evidence(block=wide), ICLR, furniture[:2]) is None  # too little of it
    # text alone, however much, is easy to imitate: the anonymous block or drawn furniture must be among it
    printed = [Signal("a", 2), Signal("b", 2), Signal("c", 2)]
    assert _recognised(evidence(block=wide), ICLR, printed) is None
    assert _recognised(evidence(block=wide), ICLR, printed[:2] + [Signal("c", 2, drawn=True)]) == "furniture"
