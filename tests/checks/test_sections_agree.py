"""One section structure per run: the rule set's section titles and excluded kinds are read once,
and page-limit, required-section and text-pattern all judge the same sections.

struct-limitations (fixtures/src/struct-limitations.tex) opens page 4 with an unnumbered
"Societal Considerations" section, a title the shipped vocabulary does not know, then
"Limitations" and "Acknowledgments" before the references. Its text says "deployments should
budget for the inputs the model declines".
"""
from __future__ import annotations

import textwrap

import pytest

from conftest import fixture
from wscheck import ruleset
from wscheck.runner import CheckRequest, check_file

RULES = """\
    id: renamed-statement
    name: A venue whose impact statement is called Societal Considerations
    kind: workshop
    rules:
      page-limit:
        params:
          max_pages: {{value: 3, source: "three pages, excluding the statements and references"}}
          excluded: [references, impact-statement, limitations, acknowledgments]
          {titles}
      impact:
        check: required-section
        params: {{kinds: [impact-statement], name: the impact statement}}
      no-budget-in-body:
        check: text-pattern
        params: {{words: [budget], where: main-body}}
"""


def _results(tmp_path, titles: str) -> dict:
    path = tmp_path / "venue.yaml"
    path.write_text(textwrap.dedent(RULES.format(titles=titles)))
    report = check_file(CheckRequest(path=str(fixture("struct-limitations")), ruleset=ruleset.load(str(path)),
                                     track=None))
    return {result.rule: result for result in report.results}


def test_a_renamed_statement_is_the_same_section_for_every_check(tmp_path):
    results = _results(tmp_path, "section_titles: {impact-statement: [Societal Considerations]}")
    # page-limit: the statement does not count, so the body ends on page 3
    assert results["page-limit"].status == "pass", results["page-limit"].message
    assert results["page-limit"].facts["main_body_pages"] == 3
    assert "before 'Societal Considerations' (page 4)" in results["page-limit"].message
    # required-section: the statement is there, found as a heading of its kind
    assert results["impact"].status == "pass"
    assert results["impact"].facts["found_by"] == "heading"
    assert results["impact"].facts["heading"] == "Societal Considerations"
    # text-pattern: the main body is what page-limit counts, so the statement's text is not searched
    assert results["no-budget-in-body"].status == "pass"
    assert results["no-budget-in-body"].message == "nothing found in the main body"


def test_without_the_title_every_check_reads_it_as_body_text(tmp_path):
    results = _results(tmp_path, "")
    assert results["page-limit"].status == "fail"
    assert results["page-limit"].facts["main_body_pages"] == 4
    assert results["impact"].status == "fail"
    assert "the impact statement is missing" in results["impact"].message
    assert results["no-budget-in-body"].status == "fail"
    [finding] = results["no-budget-in-body"].findings
    assert finding.page == 4 and "budget" in finding.text


@pytest.mark.parametrize("where, found", [("all", True), ("references", False)])
def test_the_other_scopes_do_not_move(tmp_path, where, found):
    rules = RULES.replace("where: main-body", f"where: {where}")
    path = tmp_path / "venue.yaml"
    path.write_text(textwrap.dedent(rules.format(titles="section_titles: {impact-statement: [Societal Considerations]}")))
    report = check_file(CheckRequest(path=str(fixture("struct-limitations")), ruleset=ruleset.load(str(path)),
                                     track=None))
    pattern = next(r for r in report.results if r.rule == "no-budget-in-body")
    assert (pattern.status == "fail") == found
