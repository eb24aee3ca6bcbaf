"""Text that must not appear: words or regular expressions, searched where the rule says.

Like Vale's `existence` rules, e.g. in a rule file::

    no-review-links:
      check: text-pattern
      level: warning
      message: "Links must not reveal the authors"
      params:
        words: ["github.com/our-lab", "Our Lab"]
        patterns: ['drive\\.google\\.com/\\S+']
        where: main-body
        message: "found {match}"

Patterns are Python regular expressions vetted when the rule set loads
(wscheck.safe_regex: no backreferences, no nested repeats, no runs of repeats that
backtrack into each other, nothing that matches empty text) and run within a time
budget shared by all text-pattern rules of a paper, so a shared rule file cannot
stall a run. The lines are extracted first and only the search is timed. A rule
whose search runs out of time is an error, never a pass. Each line of text is
searched on its own: a phrase broken across two lines is not found.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from wscheck import safe_regex
from wscheck.checks.base import NotApplicable, Param
from wscheck.errors import CouldNotCheck
from wscheck.facts import TextPatternFacts
from wscheck.model import CheckOutput, Finding
from wscheck.pdf.model import Line
from wscheck.sections import APPENDIX, REFERENCES

ID = "text-pattern"
DESCRIPTION = "words or patterns that must not appear in the text (Vale-style 'existence')"
NEEDS = frozenset({"lines", "outline", "page_sizes"})
WHERE = ("all", "first-page", "main-body", "references", "appendix")
MAX_WORDS = 1000
MAX_FINDINGS = 200  # a pattern that matches everywhere says so once it has shown enough
TIME_LIMIT_S = 5.0  # CPU time for the searches of all text-pattern rules on one paper (extraction not counted)


def _words_problem(words) -> str | None:
    if len(words) > MAX_WORDS:
        return f"has {len(words)} words; at most {MAX_WORDS}"
    empty = [w for w in words if not w.strip()]
    return "may not contain empty words" if empty else None


PARAMS = {
    "words": Param(list, [], "words or phrases, matched literally and as whole words", item_type=str,
                   check=_words_problem),
    "patterns": Param(list, [], "Python regular expressions (no backreferences or nested repeats)",
                      item_type=str, check=safe_regex.problem_in),
    "case_sensitive": Param(bool, False, "match upper and lower case exactly"),
    "where": Param(str, "all", "where to search: all (every line, running heads and margins too), first-page, "
                               "main-body (what counts toward the page limit: what the rule set's page-limit "
                               "rule does not exclude), references, appendix",
                   choices=WHERE),
    "message": Param(str, "found {match}", "what each finding says; {match} is the text found"),
}


def _matchers(params) -> list[tuple[str, re.Pattern]]:
    flags = 0 if params["case_sensitive"] else re.IGNORECASE
    matchers = []
    words = [w.strip() for w in params["words"] if w.strip()]
    if words:
        # one alternation for all words, longest first; \b-like edges that work next to punctuation
        alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        matchers.append(("words", re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)))
    for pattern in params["patterns"]:
        try:
            matchers.append((pattern, safe_regex.compile_safe(pattern, flags)))
        except safe_regex.UnsafePattern as exc:  # vetted at load time: only a changed vetting gets here
            raise CouldNotCheck(f"{exc}") from None
    return matchers


def _lines(document, where: str) -> Iterator[Line]:
    if where == "all":
        yield from document.all_lines
        return
    if where == "first-page":
        yield from (document.page(1).lines if document.page_count else [])
        return
    structure = document.structure
    if where == "main-body":
        # what counts toward the page limit: the run's excluded kinds, as page-limit reads them
        end = structure.end_of_body(document.sections.excluded)
        if end is not None:
            yield from structure.content[:structure.position_of(end.line) + 1]
        return
    wanted = {"references": REFERENCES, "appendix": APPENDIX}[where]
    yield from (line for line in structure.content if structure.kind_at(line) == wanted)


def check(document, params) -> CheckOutput:
    matchers = _matchers(params)
    if not matchers:
        raise NotApplicable("the rule gives no words or patterns to look for")
    where = params["where"]
    lines = list(_lines(document, where))  # extraction and structure first: the budget is for the search only
    budget = safe_regex.paper_budget(document, TIME_LIMIT_S)
    findings: list[Finding] = []
    total = lines_found = 0
    current = ""
    try:
        with budget.spend():
            for line in lines:
                found: list[str] = []
                for label, matcher in matchers:
                    current = label
                    found.extend(match.group(0) for match in matcher.finditer(line.text))
                if not found:
                    continue
                total += len(found)
                lines_found += 1
                if len(findings) < MAX_FINDINGS:
                    # a plain substitution: str.format on rule data could reach attributes
                    details = [params["message"].replace("{match}", text) for text in dict.fromkeys(found)]
                    findings.append(Finding(page=line.page, text=line.text, kind="pattern", box=line.box,
                                            line=line.index + 1, detail="; ".join(details)))
    except safe_regex.PatternTimeout:
        what = f"searching for {current!r} was stopped" if current else "no time was left to search"
        raise safe_regex.PatternTimeout(
            f"pattern matching on this paper used up its {TIME_LIMIT_S:g} s (shared by all text-pattern rules); "
            f"{what}: simplify the pattern or the rule set") from None
    scope = {"all": "", "first-page": " on page 1", "main-body": " in the main body",
             "references": " in the references", "appendix": " in the appendix"}[where]
    if not total:
        return CheckOutput(summary=f"nothing found{scope}", facts=TextPatternFacts(matches=0))
    shown = f" (the first {MAX_FINDINGS} lines shown)" if lines_found > len(findings) else ""
    return CheckOutput(findings=findings, summary=f"{total} match{'es' if total != 1 else ''}{scope}{shown}",
                       facts=TextPatternFacts(matches=total))
