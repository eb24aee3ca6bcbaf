"""page-limit: the main body against the limit, what does not count coming from the rule set."""
from __future__ import annotations

import re

import pytest

from checks.harness import check, fixture_document, page, text
from wscheck.checks import page_limit
from wscheck.checks.base import NotApplicable
from wscheck.document import Document
from wscheck.facts import PageLimitFacts
from wscheck.sections import SectionRules, builtin_vocabulary

ENTRIES = [("text", f"A. Author{n}, B. Author. A title on abstention. In Proceedings of ICML, 20{10 + n}.")
           for n in range(12)]


def paper(body_pages: int, *, statement: str | None = None, last_lines: int = 8) -> Document:
    """`body_pages` pages of numbered sections, then (on the last page, after `last_lines` lines of
    text) an optional unnumbered statement and the references."""
    pages = [page(n, [("bold", f"{n} Section {n}")] + text(40, n)) for n in range(1, body_pages)]
    items = [("bold", f"{body_pages} Conclusion")] + text(last_lines)
    if statement:
        items += [("gap", 10), ("bold", statement), ("text", "Abstention shifts work to human reviewers and "
                                                     "deployments should budget for it.")]
    items += [("gap", 10), ("bold", "References")] + ENTRIES
    return Document.from_facts([*pages, page(body_pages, items)])


def test_a_body_within_the_limit_passes_and_names_its_last_line():
    output = check("page-limit", paper(3), max_pages=3)
    assert output.findings == []
    assert output.summary.startswith("main body ends on page 3, 9th line (")  # no ruler: counted
    assert "before 'References' (page 3); limit 3 pages (excluding references, appendices and the checklist)" \
        in output.summary
    assert output.facts == PageLimitFacts(main_body_pages=3, limit=3, lines_into_last_page=9, column=None,
                                          ended_by="References", ended_by_page=3)


def test_one_page_over_says_by_how_many_lines():
    output = check("page-limit", paper(3, last_lines=5), max_pages=2)
    [finding] = output.findings
    assert (finding.page, finding.line, finding.kind) == (3, 6, "over-limit")
    assert finding.fix == "cut 6 lines or move material to the appendix"
    assert output.summary.startswith("main body ends 6 lines into page 3; limit 2 pages")


def test_pages_over_says_how_many_pages():
    output = check("page-limit", paper(4), max_pages=2)
    assert output.summary.startswith("main body runs to page 4, 2 pages over the limit of 2 pages")
    assert output.findings[0].fix.startswith("cut about 2 pages")


def test_a_statement_counts_unless_the_rule_set_excludes_its_kind():
    counted = check("page-limit", paper(3, statement="Impact Statement"), max_pages=3)
    assert counted.facts.ended_by == "References"
    excluded = check("page-limit", paper(3, statement="Impact Statement"), max_pages=3,
                     excluded=["references", "impact-statement"])
    assert excluded.facts.ended_by == "Impact Statement"
    assert "excluding references and impact statements" in excluded.summary


def test_a_renamed_statement_is_known_only_through_the_run_s_vocabulary():
    renamed = paper(3, statement="Societal Considerations")
    assert check("page-limit", renamed, max_pages=3,
                 excluded=["references", "impact-statement"]).facts.ended_by == "References"
    vocabulary = builtin_vocabulary().extended({"impact-statement": ["Societal Considerations"]})
    named = Document.from_facts(renamed.lines, sections=SectionRules(vocabulary))
    # the check reads the Document's one structure; its own `section_titles` parameter is the runner's to read
    output = check("page-limit", named, max_pages=3, excluded=["references", "impact-statement"])
    assert output.facts.ended_by == "Societal Considerations"


def test_no_heading_that_ends_the_body_fails_unless_the_whole_paper_fits():
    pages = [page(n, [("bold", f"{n} Section {n}")] + text(40, n)) for n in (1, 2, 3)]
    over = check("page-limit", Document.from_facts(pages), max_pages=2)
    assert [f.kind for f in over.findings] == ["end-not-found"]
    assert over.summary.startswith("could not find where the main body ends")
    fits = check("page-limit", Document.from_facts(pages), max_pages=3)
    assert not fits.findings and "fits the limit of 3 pages" in fits.summary


def test_a_pdf_without_text_fails_and_a_rule_without_limit_is_not_applicable():
    blank = check("page-limit", Document.from_facts([[], []]), max_pages=2)
    assert [f.kind for f in blank.findings] == ["end-not-found"] and blank.facts is None
    with pytest.raises(NotApplicable):
        check("page-limit", paper(2), max_pages=None)


def test_page_limit_parameters_are_checked_against_the_vocabulary():
    assert page_limit.PARAMS["excluded"].validate(["references", "ethics-statement"]) is None
    assert "not one of" in page_limit.PARAMS["excluded"].validate(["refs"])
    assert page_limit.PARAMS["section_titles"].validate({"limitations": ["Known Limits"]}) is None
    assert "unknown section kind" in page_limit.PARAMS["section_titles"].validate({"limits": ["Known Limits"]})
    assert "list of titles" in page_limit.PARAMS["section_titles"].validate({"limitations": "Known Limits"})


# -- on fixture papers: layouts that fool simpler tools ----------------------------------------
def _fixture(name, limit, excluded=None):
    return check("page-limit", fixture_document(name, "page-limit"), max_pages=limit,
                 excluded=excluded or ["references", "appendix"])


def test_over_the_limit_names_the_heading_that_ended_the_body():
    output = _fixture("struct-iclr-statements", 4)
    assert output.summary.startswith("main body ends 6 lines into page 5 (l.225); limit 4 pages")
    finding = output.findings[0]
    assert (finding.page, finding.line, finding.kind) == (5, 6, "over-limit")
    assert finding.text == "used in the tables."
    assert "before 'REFERENCES' (page 5)" in finding.detail


def test_statements_are_excluded_when_the_rule_set_says_so():
    output = _fixture("struct-iclr-statements", 4,
                      ["references", "appendix", "ethics-statement", "reproducibility-statement"])
    assert not output.findings
    assert re.match(r"main body ends on page 4, l\.\d+ \(", output.summary)  # the number the ruler prints
    assert "before 'ETHICS STATEMENT' (page 5)" in output.summary


def test_several_pages_over_the_limit():
    output = _fixture("struct-running-heads", 4)
    assert output.summary.startswith("main body runs to page 6, 2 pages over the limit of 4 pages")


def test_a_two_column_end_names_its_column():
    output = _fixture("struct-three-columns", 1)
    assert "lines into column 2 of page 2" in output.summary
    assert output.findings[0].column == 2


def test_ending_on_the_last_allowed_page_passes():
    assert not _fixture("struct-top-of-page", 4).findings
    assert _fixture("struct-top-of-page", 3).findings


def test_a_headless_reference_list_is_named_in_the_report():
    output = _fixture("struct-headless-bib", 3)
    assert "a reference list without a heading (page 4)" in output.findings[0].detail


# -- the shipped ICLR rule sets: ethics and reproducibility statements do not count ----------------
@pytest.mark.parametrize("stage, status", [("camera-ready", "pass"), ("submission", "fail")])
def test_an_iclr_camera_ready_ending_on_page_10_with_its_statements_on_page_11_fits(stage, status):
    from conftest import fixture
    from wscheck import ruleset
    from wscheck.runner import CheckRequest, check_file

    venue = ruleset.load_checkable("iclr2026")
    report = check_file(CheckRequest(path=str(fixture("iclr-camera-statements")), ruleset=venue, track=None,
                                     stage=stage))
    result = next(r for r in report.results if r.rule == "page-limit")
    assert result.status == status, result.message
    assert result.facts["main_body_pages"] == 10 and result.facts["ended_by"] == "ETHICS STATEMENT"
    assert "excluding references, appendices, ethics statements and reproducibility statements" in result.message
