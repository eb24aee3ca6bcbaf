"""A part the venue requires is present: the NeurIPS checklist, the ICML Impact Statement...

The part is found as a heading of one of the required kinds (the Structure
API: `document.structure.headings`, each with its `.kind`). A heading that the
structure analysis did not recognise is still found from two kinds of
evidence the rule set gives, so that a present part is never reported
missing:
- `titles`: a line that is the part's title, alone or as a run-in heading
  ("Impact Statement. This paper...");
- `content_prefixes`: lines typical of the part's body, such as the
  checklist's "Answer: [Yes]"; at least `min_content_lines` of them.
All matching is literal (no regular expressions), case and spacing ignored.
"""
from __future__ import annotations

import re

from wscheck.checks.base import NotApplicable, Param
from wscheck.facts import RequiredSectionFacts
from wscheck.model import CheckOutput, Finding
from wscheck.sections import builtin_vocabulary
from wscheck.textutil import fold_accents

ID = "required-section"
DESCRIPTION = "a part the venue requires is present (e.g. the NeurIPS checklist, the ICML Impact Statement)"
NEEDS = frozenset({"lines", "outline", "page_sizes"})
SECTION_KINDS = tuple(builtin_vocabulary().ids)  # rules/_sections.yaml
PARAMS = {
    "kinds": Param(list, [], "section kinds, any of which satisfies the requirement", choices=SECTION_KINDS,
                   item_type=str),
    "name": Param(str, "the required section", "what the part is called, for messages"),
    "titles": Param(list, [], "titles of the part: a line that is one of them (alone, or followed by '.', ':' "
                              "or the first sentence) shows the part is present", item_type=str),
    "content_prefixes": Param(list, [], "beginnings of lines typical of the part's body", item_type=str),
    "min_content_lines": Param(int, 3, "how many lines must start with a content prefix"),
}


def _fold(text: str) -> str:
    """Lower case, accents and all spacing removed: 'Answer:  [Yes]' and 'answer:[yes]' are equal."""
    return re.sub(r"\s+", "", fold_accents(text)).lower()


def _title_line(text: str, titles: list[str]) -> bool:
    stripped = re.sub(r"^\s*(?:[A-Z]|\d{1,2})(?:\.\d{1,2})*\.?\s+", "", text.strip())  # "7 ", "A. "
    for title in titles:
        if not title.strip():
            continue
        pattern = r"\s*".join(re.escape(word) for word in title.split())
        # alone; or run-in: followed by '.', ':', an em dash, or a capitalised sentence
        if re.match(rf"^{pattern}\s*(?:$|[.:—–-]|\s+[A-Z])", stripped, re.I):
            return True
    return False


def check(document, params) -> CheckOutput:
    kinds = list(params["kinds"])
    name = params["name"]
    titles = list(params["titles"])
    prefixes = [_fold(p) for p in params["content_prefixes"] if p.strip()]
    if not kinds and not titles and not prefixes:
        raise NotApplicable("the rule names no section kind, title or content to look for")
    structure = document.structure
    if not structure.content:
        raise NotApplicable("the PDF has no extractable text")
    for kind in kinds:
        heading = structure.first(kind)
        if heading is not None:
            return CheckOutput(summary=f"found {name}: '{heading.text}' on page {heading.page}",
                               facts=RequiredSectionFacts(page=heading.page, heading=heading.text, found_by="heading"))
    content = [line for line in structure.content if not structure.is_furniture(line)]
    if titles:
        for line in content:
            if len(line.text) <= 200 and _title_line(line.text, titles):
                title = line.text.strip()
                return CheckOutput(summary=f"found {name}: '{title}' on page {line.page}",
                                   facts=RequiredSectionFacts(page=line.page, heading=title, found_by="title"))
    if prefixes:
        matched = [line for line in content if any(_fold(line.text).startswith(p) for p in prefixes)]
        if len(matched) >= params["min_content_lines"]:
            first = matched[0]
            return CheckOutput(
                summary=f"found {name} from its content: {len(matched)} lines such as '{first.text.strip()}' "
                        f"from page {first.page} (its heading was not recognised)",
                facts=RequiredSectionFacts(page=first.page, heading=None, found_by="content"))
    looked_for = [f"a heading of kind {', '.join(kinds)}"] if kinds else []
    if titles:
        looked_for.append("a line titled " + " or ".join(f"'{t}'" for t in titles))
    if prefixes:
        looked_for.append(f"lines starting with {params['content_prefixes'][0]!r}")
    return CheckOutput(
        findings=[Finding(page=None, text=f"{name} is missing", kind="missing-section",
                          detail="looked for " + "; ".join(looked_for),
                          fix=f"add {name}")],
        summary=f"{name} is missing (no heading or text of it was found in {document.page_count} pages)",
        facts=RequiredSectionFacts(page=None, heading=None, found_by=None),
    )
