"""The main body must fit the page limit; what does not count comes from the rule set.

The report names the line where the main body was judged to end (page,
column, its text) and the heading that ended it, and says how far over the
limit it runs. A paper whose end cannot be found fails, unless the whole PDF
fits the limit (then it passes and says so).
"""
from __future__ import annotations

from wscheck.checks.base import NotApplicable, Param
from wscheck.facts import PageLimitFacts
from wscheck.model import CheckOutput, Finding
from wscheck.ruler import printed_number
from wscheck.sections import TERMINAL_KINDS, builtin_vocabulary
from wscheck.textutil import ordinal, plural

ID = "page-limit"
DESCRIPTION = "the main body fits the page limit (references, appendices... excluded as the venue says)"
NEEDS = frozenset({"lines", "outline", "page_sizes"})


def _check_section_titles(value) -> str | None:
    """`section_titles` maps known section kinds to lists of titles."""
    kinds = builtin_vocabulary().ids
    for kind, titles in value.items():
        if kind not in kinds:
            return f"has unknown section kind {kind!r}; known kinds: {', '.join(kinds)}"
        if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
            return f"{kind!r} must map to a list of titles (strings)"
    return None


PARAMS = {
    "max_pages": Param(int, None, "pages the main body may use"),
    "excluded": Param(
        list,
        list(TERMINAL_KINDS),
        "section kinds that do not count toward the limit (rules/_sections.yaml): terminal kinds end the main "
        "body wherever they stand; unnumbered statements leave the count when they come right before one",
        choices=builtin_vocabulary().ids,
        item_type=str,
    ),
    "section_titles": Param(
        dict,
        {},
        "more heading titles for section kinds, added to rules/_sections.yaml for this venue, "
        "e.g. {impact-statement: [Societal Considerations]}; the run reads every section with them, so every "
        "check sees the same sections",
        check=_check_section_titles,
    ),
}


def excluded_phrase(excluded: list[str]) -> str:
    vocabulary = builtin_vocabulary()
    names = [vocabulary.name(k) for k in excluded]
    if not names:
        return "everything counts"
    if len(names) == 1:
        return f"excluding {names[0]}"
    return "excluding " + ", ".join(names[:-1]) + " and " + names[-1]


def _into(end, columns: int) -> str:
    """'14 lines into page 10', or for a later column '30 lines into column 2 of page 10'."""
    if columns > 1 and end.column > 0:
        return f"{plural(end.lines_into_column, 'line')} into column {end.column + 1} of page {end.page}"
    return f"{plural(end.lines_into_page, 'line')} into page {end.page}"


def _at(printed: int | None) -> str:
    """' (l.218)': the number the review ruler prints beside the last line, when there is one."""
    return f" (l.{printed})" if printed is not None else ""


def _heading_name(heading) -> str:
    if heading.source == "reference-list":
        return f"a reference list without a heading (page {heading.page})"
    return f"'{heading.text}' (page {heading.page})"


def check(document, params) -> CheckOutput:
    limit = params["max_pages"]
    if limit is None:
        raise NotApplicable("no page limit given")
    excluded = list(params["excluded"])
    # the run's one structure, read with the rule set's section titles (`section_titles` joined
    # the vocabulary before any check ran: wscheck.ruleset.RuleSet.section_rules)
    structure = document.structure
    end = structure.end_of_body(frozenset(excluded))
    phrase = excluded_phrase(excluded)
    if end is None:
        return CheckOutput(
            findings=[Finding(page=None, text="the PDF has no extractable text", kind="end-not-found",
                              fix="export the PDF with its text layer (not as scanned images), or check the "
                                  "page count by hand")],
            summary="could not find where the main body ends: no text in the PDF",
        )
    columns = structure.columns
    column = end.column + 1 if columns > 1 else None
    # the line number a finding gives counts within its column on a multi-column page
    line_number = end.lines_into_column if column else end.lines_into_page
    # the box marks the last line; when a text-less page (a full-page figure) ends the body, the page instead
    box = end.line.box if end.line.page == end.page else None
    facts = PageLimitFacts(main_body_pages=end.page, limit=limit, lines_into_last_page=end.lines_into_page,
                           column=column, ended_by=end.ended_by.text if end.ended_by else None,
                           ended_by_page=end.ended_by.page if end.ended_by else None)
    last_line = end.line.text
    if end.ended_by is None:
        if end.page <= limit:
            return CheckOutput(
                summary=(f"no References or Appendix heading found, but the whole paper "
                         f"({plural(end.page, 'page')} of text) fits the limit of {limit} pages"),
                facts=facts,
            )
        return CheckOutput(
            findings=[Finding(
                page=end.page, text=last_line, kind="end-not-found", line=line_number, column=column, box=box,
                detail=f"no References, Bibliography, Appendix or checklist heading was found; "
                       f"{plural(end.page, 'page')} of text against a limit of {limit} ({phrase})",
                fix="give the reference list a heading such as 'References' (and the appendix 'Appendix'), "
                    "or check the page count by hand",
            )],
            summary=f"could not find where the main body ends: no References or Appendix heading, and the PDF "
                    f"has {plural(end.page, 'page')} of text against a limit of {limit} ({phrase})",
            facts=facts,
        )
    ended = _heading_name(end.ended_by)
    printed = printed_number(document, end.line) if end.line.page == end.page else None
    where = f"page {end.page}" + (f", column {column}" if column else "") + (
        f", l.{printed}" if printed is not None else f", {ordinal(line_number)} line")
    if end.line.page != end.page:
        where = f"page {end.page}"  # the heading opens a page after a page with no text (a full-page figure)
    if end.page <= limit:
        return CheckOutput(
            summary=f"main body ends on {where} ('{last_line}'), before {ended}; "
                    f"limit {limit} pages ({phrase})",
            facts=facts,
        )
    over = end.page - limit
    if over == 1:
        lines = end.lines_into_page
        summary = f"main body ends {_into(end, columns)}{_at(printed)}; limit {limit} pages ({phrase})"
        fix = f"cut {plural(lines, 'line')} or move material to the appendix"
    else:
        summary = (f"main body runs to page {end.page}, {over} pages over the limit of {limit} pages "
                   f"(it ends {_into(end, columns)}{_at(printed)}; {phrase})")
        fix = f"cut about {plural(over, 'page')}, or move material after the references as an appendix"
    return CheckOutput(
        findings=[Finding(page=end.page, text=last_line, kind="over-limit", line=line_number,
                          column=column, box=box,
                          detail=f"last line of the main body, before {ended}", fix=fix)],
        summary=summary,
        facts=facts,
    )
