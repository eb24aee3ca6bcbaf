"""What a page limit does not count: "excluding references and appendices", "plus unlimited references",
"An optional appendix of any length", "This length does not include references".

A phrase is a cue ("excluding", "does not include", "unlimited", "do not count")
and the parts it names. Forward cues name the parts after them ("excluding
references and appendices"); backward cues name the parts before them
("references and appendices do not count"). Parts are reported in the kinds
of rules/_sections.yaml; supplementary material after the references counts as
`appendix`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# part kind -> how calls name it (lower case, matched on word boundaries)
PARTS: dict[str, str] = {
    "references": r"references?|refs\.?|reference lists?|bibliograph(?:y|ies)|citations",
    "appendix": r"appendi(?:x|ces|xes)|supplementa(?:ry|l)(?:\s+(?:materials?|information|sections?|files?))?|"
                r"supplements?",
    "acknowledgments": r"acknowledge?ments?",
    "impact-statement": r"(?:broader\s+|societal\s+)?impact\s+statements?|broader\s+impacts?(?:\s+statements?)?",
    "ethics-statement": r"ethics\s+statements?|ethical\s+considerations",
    "reproducibility-statement": r"reproducibility\s+statements?",
    "checklist": r"(?:(?:neurips|icml|iclr)\s+)?(?:paper\s+|reproducibility\s+)?checklists?",
    "limitations": r"limitations\s+sections?",
    "author-contributions": r"author\s+contributions?(?:\s+statements?)?",
    "data-availability-statement": r"data\s+availability\s+statements?",
}
_PART = re.compile("|".join(f"(?P<{kind.replace('-', '_')}>\\b(?:{pattern})\\b)" for kind, pattern in PARTS.items()),
                   re.I)
# words that may stand between the parts of one list: "the references, any appendices and the checklist"
_FILLER = re.compile(r"^(?:and|or|nor|&|/|,|;|the|an?|any|all|optional|additional|unlimited|extra|pages?|of|for|"
                     r"their|its|your|sections?|materials?|number|plus|as|well|\(|\)|if|etc\.?|:|-|well|other|"
                     r"space|technical|cited|only|\+|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twenty)$",
                     re.I)
_FORWARD = re.compile(
    r"\b(?:excluding|excludes?|excluded|exclusive\s+of|not\s+including|not\s+counting|without|"
    r"do(?:es)?\s+not\s+include|don'?t\s+include|doesn'?t\s+include|not\s+inclusive\s+of|plus|"
    r"in\s+addition\s+to|apart\s+from|except(?:\s+for)?|followed\s+by|not\s+count(?:ing)?|unlimited|"
    r"besides|beyond|on\s+top\s+of)\b|\+|"
    # "Additional pages containing references ... are allowed", "with additional pages allowed in the appendix"
    r"\b(?:additional|extra|further)\s+pages?\s+(?:(?:are\s+)?(?:allowed|permitted)\s+)?"
    r"(?:containing|for|with|in|of)(?:\s+only)?\b|"
    r"\bas\s+many\s+pages\s+(?:of|for)\b|"
    # "There is no limit on the length of the references and appendix"
    r"\bno\s+(?:page\s+)?limits?\s+(?:on|for|to)(?:\s+the)?(?:\s+(?:length|number\s+of\s+pages|size)\s+(?:of|for))?",
    re.I)
# "authors can exclude the checklist": a part the authors may leave out, not one the limit leaves out
_OMIT = re.compile(r"\b(?:can|may|could|might|should|must|to)\s+(?:\w+\s+)?$", re.I)
_BACKWARD = re.compile(
    r"\b(?:(?:do(?:es)?|will|shall|should)\s+not|don['’]?t|doesn['’]?t|won['’]?t)\s+(?:be\s+)?"
    r"count(?:ed)?\b|"
    r"\b(?:(?:are|is)\s+)?not\s+(?:counted|included|considered)\b|\b(?:(?:are|is)\s+)?excluded\b|"
    r"\b(?:are|is|can\s+be|may\s+be)\s+unlimited\b|\bof\s+(?:any|unlimited)\s+length\b|"
    r"\bnot\s+(?:subject\s+to|part\s+of)\s+the\s+page\s+limit\b|\bhave\s+no\s+page\s+limit\b|"
    r"\bdo(?:es)?\s+not\s+(?:have|fall\s+under)\s+(?:a|the|any)\s+page\s+limit\b|"
    r"\b(?:may|can)\s+(?:extend|go|run|continue)\b(?:\s+[\w-]+){0,4}?\s+beyond\b", re.I)
# "a statement on broader impacts ..., outside the page limit": whatever the clause names is left out
_OUTSIDE = re.compile(r"\b(?:outside|not\s+part\s+of)\s+(?:of\s+)?the\s+(?:[\w-]+\s+)?(?:page\s+)?limit\b", re.I)
_LIMIT_WORDS = re.compile(r"\bpages?\b|\blimit|\bmain\s+(?:text|body|paper)|\bpapers?\b|\bsubmissions?\b", re.I)
_CLAUSE_END = re.compile(r"[;.!?]|\s-\s|\u2014")


@dataclass(frozen=True)
class Exclusion:
    parts: tuple[str, ...]
    start: int  # where the phrase starts in the text
    end: int


def _kind(match: re.Match) -> str:
    return next(name for name, value in match.groupdict().items() if value).replace("_", "-")


def _tokens(text: str) -> list[tuple[str | None, str]]:
    """(part kind or None, token) for each part name, word or punctuation mark of `text`."""
    tokens: list[tuple[str | None, str]] = []
    position = 0
    while position < len(text):
        space = re.match(r"\s+", text[position:])
        if space:
            position += space.end()
            continue
        part = _PART.match(text, position)
        if part:
            tokens.append((_kind(part), part.group(0)))
            position = part.end()
            continue
        token = re.match(r"[\w'.]+|[^\w\s]", text[position:])
        assert token is not None  # any non-space character is a token
        tokens.append((None, token.group(0)))
        position += token.end()
    return tokens


def _run(tokens: list[tuple[str | None, str]]) -> list[str]:
    """The parts of the run of part names and fillers at the start of `tokens`."""
    found: list[str] = []
    for kind, token in tokens:
        if kind:
            found.append(kind)
        elif not _FILLER.match(token):
            break
    return found


def _parts_after(text: str) -> list[str]:
    return _run(_tokens(text))


def _parts_before(text: str) -> list[str]:
    return list(reversed(_run(list(reversed(_tokens(text))))))


def find(text: str) -> list[Exclusion]:
    """Every exclusion phrase in one sentence."""
    out: list[Exclusion] = []
    for cue in _FORWARD.finditer(text):
        before = text[max(0, cue.start() - 30):cue.start()]
        if cue.group(0).lower().startswith("exclude") and _OMIT.search(before):
            continue
        if cue.group(0).lower() == "without" and re.search(r"\b(?:and|but)\s*$", before, re.I):
            continue  # "(excluding references, and without appendices)": no appendix at all
        parts = _parts_after(text[cue.end():])
        if parts:
            out.append(Exclusion(tuple(dict.fromkeys(parts)), cue.start(), cue.end()))
    for cue in _BACKWARD.finditer(text):
        clause_start = _clause_start(text, cue.start())
        before = text[clause_start:cue.start()]
        before = re.sub(r"\b(?:which|that|who)\s*$", "", before.rstrip(" ,"))
        # "References and appendices do not count", "Appendices are allowed and do not count"
        parts = _parts_before(before) or (parts_named(before) if not _LIMIT_WORDS.search(before) else [])
        if parts:
            out.append(Exclusion(tuple(dict.fromkeys(parts)), clause_start, cue.end()))
    for cue in _OUTSIDE.finditer(text):
        clause_start = _clause_start(text, cue.start())
        parts = parts_named(text[clause_start:cue.start()])
        if parts:
            out.append(Exclusion(tuple(parts), clause_start, cue.end()))
    return out


def _clause_start(text: str, position: int) -> int:
    return max((m.end() for m in _CLAUSE_END.finditer(text, 0, position)), default=0)


def inclusive(text: str) -> bool:
    """The sentence says the limit counts references ("including references")."""
    return bool(re.search(r"\b(?:including|includes|inclusive\s+of)\s+(?:the\s+|all\s+)?(?:references|bibliography)",
                          text, re.I) and not re.search(r"\bnot\s+(?:including|inclusive)", text, re.I))


def parts_named(text: str) -> list[str]:
    """Every part a text names, in order (no cue needed)."""
    return list(dict.fromkeys(_kind(m) for m in _PART.finditer(text)))
