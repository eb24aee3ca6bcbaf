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


def page_ranges(numbers: Iterable[int]) -> str:
    """'1-9, 19-21, 24, 26': numbers in order, runs of consecutive ones as ranges."""
    parts: list[str] = []
    run: list[int] = []
    for value in sorted(set(numbers)):
        if run and value != run[-1] + 1:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run = []
        run.append(value)
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(parts)


def ordinal(number: int) -> str:
    """'1st', '2nd', '3rd', '11th', '22nd'."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{({1: 'st', 2: 'nd', 3: 'rd'}).get(number % 10, 'th')}"
