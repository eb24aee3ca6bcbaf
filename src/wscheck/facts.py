"""What each check type measured, as declared data.

A check returns its facts with its findings (`CheckOutput.facts`); reporters read them
by type (`isinstance(result.facts, PageLimitFacts)`), never by check id or string keys,
and `check --format json` shows them under each result's `facts` (`to_dict()`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# metadata of a field left out of the JSON while it is None
OMIT_IF_NONE = {"omit_if_none": True}


class Record:
    """A typed record that reads like the JSON object it becomes: `facts["limit"]`."""

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in fields(self):  # type: ignore[arg-type]  # every Record is a dataclass
            value = getattr(self, item.name)
            if value is None and item.metadata.get("omit_if_none"):
                continue
            out[item.name] = list(value) if isinstance(value, tuple) else value
        return out


class Facts(Record):
    """The facts of one check type."""


@dataclass(frozen=True)
class PageLimitFacts(Facts):
    main_body_pages: int  # the last page of the main body
    limit: int
    lines_into_last_page: int
    column: int | None  # 1-based column of the last line on a multi-column page
    ended_by: str | None  # the heading that ended the main body
    ended_by_page: int | None


@dataclass(frozen=True)
class AnonymityFacts(Facts):
    identity_items: int  # findings that reveal the authors


@dataclass(frozen=True)
class BodyFontFacts(Facts):
    body_size_pt: float
    leading_pt: float | None


@dataclass(frozen=True)
class FontsFacts(Facts):
    fonts: int
    unembedded: int
    type3: int


@dataclass(frozen=True)
class LineNumbersFacts(Facts):
    line_numbers: bool


@dataclass(frozen=True)
class PdfFileFacts(Facts):
    megabytes: float
    pages_without_text: tuple[int, ...] = ()


@dataclass(frozen=True)
class RequiredSectionFacts(Facts):
    page: int | None
    heading: str | None
    found_by: str | None  # heading, title or content; None when missing


@dataclass(frozen=True)
class TemplateFacts(Facts):
    family: str
    year: int | None
    mode: str
    # what is wrong at the root, when something is: "family" (not a template the venue accepts),
    # "stage" (the other stage's build), or both; the rules bound to it are then not run (wscheck.runner)
    mismatch: tuple[str, ...] | None = field(default=None, metadata=OMIT_IF_NONE)


@dataclass(frozen=True)
class TextBlockFacts(Facts):
    block: tuple[float, float, float, float]
    overflows: int | None = field(default=None, metadata=OMIT_IF_NONE)  # objects beyond it, when any


@dataclass(frozen=True)
class TextPatternFacts(Facts):
    matches: int


@dataclass(frozen=True)
class JsonFacts(Facts):
    """Facts read back from JSON that fit no declared type (a check this version does not know)."""

    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


# check id -> the facts it declares, to read a saved report's JSON back
FACTS_TYPES: dict[str, type[Facts]] = {
    "page-limit": PageLimitFacts, "anonymity": AnonymityFacts, "body-font": BodyFontFacts, "fonts": FontsFacts,
    "line-numbers": LineNumbersFacts, "pdf-file": PdfFileFacts, "required-section": RequiredSectionFacts,
    "template": TemplateFacts, "text-block": TextBlockFacts, "text-pattern": TextPatternFacts,
}


def facts_from_json(check: str, data: dict[str, Any]) -> Facts:
    """A check's declared facts from their JSON form; fields the JSON lacks are None."""
    kind = FACTS_TYPES.get(check)
    names = {item.name for item in fields(kind)} if kind is not None else set()  # type: ignore[arg-type]
    if kind is None or not set(data) <= names:
        return JsonFacts(dict(data))
    return kind(**{name: data.get(name) for name in names})
