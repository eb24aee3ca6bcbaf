"""The main body must fit the page limit; what does not count comes from the rule set.

The report names the line where the main body was judged to end and the
heading that ended it, and says how far over the limit it runs. A paper whose
end cannot be found fails unless the whole PDF fits the limit.
"""
from __future__ import annotations

from wscheck.checks.base import NotApplicable, Param
from wscheck.model import CheckOutput, Finding
from wscheck.structure import TERMINAL_KINDS

ID = "page-limit"
DESCRIPTION = "the main body fits the page limit (references, appendices... excluded as the venue says)"
NEEDS = frozenset({"lines", "outline", "page_sizes"})
PARAMS = {
    "max_pages": Param(int, None, "pages the main body may use"),
    "excluded": Param(
        list,
        list(TERMINAL_KINDS),
        "section kinds that do not count toward the limit: references, appendix, checklist, acknowledgments,"
        " impact-statement, ethics-statement, reproducibility-statement, limitations, author-contributions,"
        " funding, llm-usage, code-availability",
        item_type=str,
    ),
}

_KIND_NAMES = {
    "references": "references",
    "appendix": "appendices",
    "checklist": "the checklist",
    "acknowledgments": "acknowledgments",
    "impact-statement": "impact statements",
    "ethics-statement": "ethics statements",
    "reproducibility-statement": "reproducibility statements",
    "limitations": "unnumbered limitations",
    "author-contributions": "author contributions",
    "funding": "funding statements",
    "llm-usage": "LLM-usage statements",
    "code-availability": "code availability statements",
}


def excluded_phrase(excluded: list[str]) -> str:
    names = [_KIND_NAMES.get(k, k) for k in excluded]
    if not names:
        return "everything counts"
    if len(names) == 1:
        return f"excluding {names[0]}"
    return "excluding " + ", ".join(names[:-1]) + " and " + names[-1]


def _where(end, columns: int) -> str:
    column = f", column {end.column + 1}" if columns == 2 else ""
    return f"page {end.page}{column}, line {end.lines_into_page}"


def check(document, params) -> CheckOutput:
    limit = params["max_pages"]
    if limit is None:
        raise NotApplicable("no page limit given")
    excluded = list(params["excluded"])
    structure = document.structure
    end = structure.end_of_body(frozenset(excluded))
    phrase = excluded_phrase(excluded)
    if end is None:
        return CheckOutput(
            findings=[Finding(page=None, text="the PDF has no extractable text",
                              fix="export the PDF with its text layer (not as scanned images)")],
            summary="could not find where the main body ends: no text in the PDF",
        )
    facts = {"main_body_pages": end.page, "limit": limit, "lines_into_last_page": end.lines_into_page,
             "ended_by": end.ended_by.text if end.ended_by else None}
    last_line = end.line.text
    if end.ended_by is None:
        pages_with_text = end.page
        if pages_with_text <= limit:
            return CheckOutput(
                summary=(f"no References or Appendix heading found, but the whole paper ({pages_with_text} pages"
                         f" of text) fits the limit of {limit} pages"),
                facts=facts,
            )
        return CheckOutput(
            findings=[Finding(
                page=end.page, text=last_line, kind="end-not-found",
                detail=f"no References, Bibliography or Appendix heading was found; {pages_with_text} pages of "
                       f"text against a limit of {limit} pages ({phrase})",
                fix="give the reference list a heading such as 'References', or check the page count by hand",
            )],
            summary=f"could not find where the main body ends; the PDF has {pages_with_text} pages of text "
                    f"and the limit is {limit} ({phrase})",
            facts=facts,
        )
    heading = end.ended_by
    ended = f"'{heading.text}' on page {heading.page}"
    where = _where(end, structure.columns)
    if end.page <= limit:
        return CheckOutput(
            summary=f"main body ends on {where}, before {ended}; limit {limit} pages ({phrase})",
            facts=facts,
        )
    if end.page == limit + 1:
        lines = end.lines_into_page
        summary = (f"main body ends {lines} line{'s' if lines != 1 else ''} into page {end.page}; "
                   f"limit {limit} pages ({phrase})")
        fix = f"cut {lines} line{'s' if lines != 1 else ''} or move material to the appendix"
    else:
        over = end.page - limit
        summary = (f"main body runs to page {end.page} ({where}), {over} pages over the limit of {limit} "
                   f"pages ({phrase})")
        fix = f"cut about {over} pages, or move material after the references as an appendix"
    return CheckOutput(
        findings=[Finding(page=end.page, text=last_line, kind="over-limit", line=end.lines_into_page,
                          column=end.column + 1 if structure.columns == 2 else None, box=end.line.box,
                          detail=f"last line of the main body, before {ended}", fix=fix)],
        summary=summary,
        facts=facts,
    )
