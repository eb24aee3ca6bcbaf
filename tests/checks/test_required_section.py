"""required-section: a part the venue requires is present, found by its heading, its title or its content."""
from __future__ import annotations

import pytest

from conftest import corpus_pdf
from checks.harness import check, fixture_document, line, page, text
from wscheck.checks.base import NotApplicable
from wscheck.document import Document
from wscheck.facts import RequiredSectionFacts

CHECKLIST = dict(kinds=["checklist"], name="the NeurIPS Paper Checklist",
                 titles=["NeurIPS Paper Checklist", "Paper Checklist"],
                 content_prefixes=["Answer: [Yes]", "Answer: [No]", "Answer: [NA]"])
IMPACT = dict(kinds=["impact-statement"], name="the Impact Statement", titles=["Impact Statement"])


def paper(*last_page_items) -> Document:
    return Document.from_facts([page(1, [("bold", "1 Introduction")] + text(30)),
                                page(2, [("bold", "2 Method")] + text(20) + list(last_page_items))])


def test_found_by_its_heading():
    output = check("required-section", paper(("gap", 10), ("bold", "Impact Statement"), *text(3)), **IMPACT)
    assert output.findings == []
    assert output.facts == RequiredSectionFacts(page=2, heading="Impact Statement", found_by="heading")
    assert output.summary == "found the Impact Statement: 'Impact Statement' on page 2"


def test_found_by_a_run_in_title_when_no_heading_stands_alone():
    run_in = ("text", "Impact Statement. This paper presents work whose goal is to advance machine learning.")
    output = check("required-section", paper(run_in, *text(3)), **IMPACT)
    assert output.facts.found_by == "title" and output.facts.page == 2
    # a title inside a sentence is not the part
    mention = ("text", "We discuss the impact statement of related work in the appendix of this paper.")
    assert check("required-section", paper(mention), **IMPACT).findings


def test_found_by_its_content_when_its_heading_was_not_recognised():
    answers = [("text", f"Answer: [{'Yes' if n % 2 else 'NA'}]") for n in range(4)]
    output = check("required-section", paper(*answers), **CHECKLIST)
    assert output.facts.found_by == "content"
    assert "4 lines such as 'Answer: [NA]' from page 2" in output.summary
    assert check("required-section", paper(*answers), **{**CHECKLIST, "min_content_lines": 5}).findings


def test_missing_says_what_was_looked_for_and_what_to_add():
    output = check("required-section", paper(), **IMPACT)
    [finding] = output.findings
    assert (finding.kind, finding.text, finding.fix) == ("missing-section", "the Impact Statement is missing",
                                                          "add the Impact Statement")
    assert finding.detail == "looked for a heading of kind impact-statement; a line titled 'Impact Statement'"
    assert output.facts == RequiredSectionFacts(page=None, heading=None, found_by=None)


def test_page_furniture_does_not_count_as_the_part():
    # "Impact Statement" as the running head of every page: furniture, not the statement
    pages = [[line("Impact Statement", page=n, index=0, top=30, x0=250)]
             + [line(f"body line {k} of page {n} with some words", page=n, index=k + 1, top=100 + 12 * k)
                for k in range(30)] for n in (1, 2, 3)]
    document = Document.from_facts(pages)
    assert all(document.structure.is_furniture(page_lines[0]) for page_lines in pages)
    output = check("required-section", document, **IMPACT)
    assert [f.kind for f in output.findings] == ["missing-section"]


def test_nothing_to_look_for_or_no_text_is_not_applicable():
    with pytest.raises(NotApplicable, match="names no section kind"):
        check("required-section", paper())
    with pytest.raises(NotApplicable, match="no extractable text"):
        check("required-section", Document.from_facts([[]]), **IMPACT)


# -- fixture and real papers -------------------------------------------------------------------
def test_the_checklist_of_the_neurips_fixture_by_heading_and_by_answers():
    output = check("required-section", fixture_document("neurips-anon", "required-section"), **CHECKLIST)
    assert not output.findings
    assert output.facts == RequiredSectionFacts(page=4, heading="NeurIPS Paper Checklist", found_by="heading")
    untitled = fixture_document("neurips-checklist-untitled", "required-section")
    assert check("required-section", untitled, **CHECKLIST).facts.found_by == "content"
    assert check("required-section", untitled, **{**CHECKLIST, "min_content_lines": 5}).findings


def test_the_icml_impact_statement_as_section_or_run_in():
    assert check("required-section", fixture_document("icml-anon", "required-section"),
                 **IMPACT).facts.found_by == "heading"
    assert check("required-section", fixture_document("icml-impact-runin", "required-section"),
                 **IMPACT).facts.found_by == "title"


@pytest.mark.slow
def test_the_checklist_exactly_where_real_papers_have_one(corpus_labels):
    papers = [label for label in corpus_labels if label["family"] == "neurips"]
    assert len(papers) >= 5
    for label in papers:
        output = check("required-section", Document(corpus_pdf(label), needs={"lines", "outline"}), **CHECKLIST)
        has_checklist = label["checklist_start_page"] is not None
        assert (not output.findings) == has_checklist, (label["id"], output.summary)
        if has_checklist:
            assert output.facts.page == label["checklist_start_page"], label["id"]


@pytest.mark.slow
def test_impact_statements_of_real_icml_papers(corpus_labels):
    with_statement = [label for label in corpus_labels if label["family"] == "icml" and any(
        "impact" in section["heading"].lower() for section in label.get("unnumbered_extra_sections") or [])]
    assert len(with_statement) >= 3
    for label in with_statement:
        output = check("required-section", Document(corpus_pdf(label), needs={"lines", "outline"}), **IMPACT)
        assert not output.findings, (label["id"], output.summary)
