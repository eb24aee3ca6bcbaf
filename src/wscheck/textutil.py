"""Small text helpers shared by checks, the analysis and reports: accents, plurals, page lists."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence


def fold_accents(text: str) -> str:
    """The text with accents removed ("Références" -> "References"), by compatibility decomposition."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 page', '3 pages', '2 matches' (with `many` for irregular plurals)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def plural_s(count: int) -> str:
    """The plural ending for `count` things: "" for one, "s" otherwise."""
    return "" if count == 1 else "s"


def shortened(items: Sequence | Iterable, limit: int, *, rest: str = "count") -> str:
    """Items joined by commas, at most `limit` of them: the rest as " and N more"
    (`rest="count"`) or " ..." (`rest="ellipsis"`)."""
    items = list(items)
    shown = ", ".join(map(str, items[:limit]))
    if len(items) <= limit:
        return shown
    return shown + (f" and {len(items) - limit} more" if rest == "count" else " ...")
