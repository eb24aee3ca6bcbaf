"""text-pattern: words and patterns that must not appear, searched where the rule says."""
from __future__ import annotations

import pytest

from wscheck.errors import CouldNotCheck

from checks.harness import check, line, page, text
from wscheck.checks import text_pattern
from wscheck.checks.base import NotApplicable
from wscheck.document import Document
from wscheck.facts import TextPatternFacts
from wscheck.sections import SectionRules

ENTRIES = [("text", f"A. Author{n}, B. Author. Our lab's work on abstention. In Proceedings of ICML, 20{10 + n}.")
           for n in range(12)]


def paper(excluded=None) -> Document:
    """Body on pages 1-2 (page 2 ending with an unnumbered Acknowledgments), references on page 3, then an
    appendix; "OurLab" appears once in each part."""
    pages = [
        page(1, [("bold", "1 Introduction"), ("text", "The OurLab toolkit is described in this section of the paper.")]
             + text(30)),
        page(2, [("bold", "2 Method")] + text(20) + [("gap", 10), ("bold", "Acknowledgments"),
                                                       ("text", "We thank the OurLab group for their generous help.")]),
        page(3, [("bold", "References")] + ENTRIES + [("text", "OurLab. Software, 2021.")]),
        page(4, [("bold", "A Proofs")] + text(10) + [("text", "Proofs follow the OurLab notes from the lectures.")]),
    ]
    return Document.from_facts(pages, sections=SectionRules(excluded=excluded))


def pages_found(output) -> list[int]:
    return [finding.page for finding in output.findings]


def test_words_are_found_whole_and_case_blind_with_page_line_and_box():
    output = check("text-pattern", paper(), words=["ourlab"])
    assert pages_found(output) == [1, 2, 3, 4]
    first = output.findings[0]
    assert (first.kind, first.line, first.detail) == ("pattern", 2, "found OurLab")
    assert first.text.startswith("The OurLab toolkit") and first.box is not None
    assert output.facts == TextPatternFacts(matches=4) and output.summary == "4 matches"
    assert check("text-pattern", paper(), words=["ourla"]).findings == []  # not inside a word
    assert check("text-pattern", paper(), words=["ourlab"], case_sensitive=True).findings == []


def test_patterns_and_the_message_template():
    output = check("text-pattern", paper(), patterns=[r"Our\w+ (?:toolkit|group)"], message="names {match}")
    assert [f.detail for f in output.findings] == ["names OurLab toolkit", "names OurLab group"]


@pytest.mark.parametrize("where, pages", [
    ("all", [1, 2, 3, 4]),
    ("first-page", [1]),
    ("references", [3]),
    ("appendix", [4]),
    ("main-body", [1, 2]),  # what counts toward the page limit: statements before the references count
])
def test_where(where, pages):
    output = check("text-pattern", paper(), words=["OurLab"], where=where)
    assert pages_found(output) == pages
    if not pages:
        assert output.summary.startswith("nothing found")


def test_the_main_body_leaves_out_what_the_run_s_page_limit_excludes():
    output = check("text-pattern", paper(excluded=["references", "appendix", "acknowledgments"]), words=["OurLab"],
                   where="main-body")
    assert pages_found(output) == [1]
    assert output.summary == "1 match in the main body"


def test_a_pattern_that_matches_everywhere_shows_the_first_lines_and_counts_all():
    lines = [[line(f"word {n}", index=n, top=80 + 3 * n) for n in range(text_pattern.MAX_FINDINGS + 50)]]
    output = check("text-pattern", Document.from_facts(lines), words=["word"])
    assert len(output.findings) == text_pattern.MAX_FINDINGS
    assert output.facts.matches == text_pattern.MAX_FINDINGS + 50
    assert output.summary.endswith(f"(the first {text_pattern.MAX_FINDINGS} lines shown)")


def test_nothing_to_look_for_is_not_applicable_and_an_unsafe_pattern_could_not_be_checked():
    with pytest.raises(NotApplicable, match="no words or patterns"):
        check("text-pattern", paper())
    # vetted at load time; a pattern that slips past it is an error of the rule, never a pass
    with pytest.raises(CouldNotCheck, match="catastrophic backtracking"):
        check("text-pattern", paper(), patterns=[r"(a+)+$"])
