"""A mistyped input path: a usage error that names the nearest file, as `git` does for commands.

`wscheck check paper/mian.pdf` stops before checking anything with
"paper/mian.pdf: no such file or folder (did you mean paper/main.pdf?)". The
candidates are the entries below the deepest folder of the path that exists,
a few levels down and a bounded number of them, so a typo in a huge tree costs
no more than a short walk. PDFs are preferred when the path ends in .pdf.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

MAX_ENTRIES = 5000  # entries looked at, at most
MAX_DEPTH = 3  # folders below the deepest existing one


def missing_input_message(path: str) -> str | None:
    """None when `path` exists (a dangling link counts: reading it gives its own error); else the error text."""
    if os.path.lexists(path):
        return None
    nearest = nearest_path(path)
    hint = f" (did you mean {nearest}?)" if nearest else ""
    return f"{path}: no such file or folder{hint}"


def nearest_path(path: str) -> str | None:
    """The existing path most like `path`, written the way `path` was (relative stays relative)."""
    given = Path(path)
    base = given.parent
    while str(base) not in ("", ".") and not base.is_dir():
        base = base.parent
    if not base.is_dir():
        return None
    rest = given.relative_to(base).as_posix() if str(base) not in ("", ".") else given.as_posix()
    candidates = _entries(base, want_pdf=path.lower().endswith(".pdf"))
    if not candidates:
        return None
    close = difflib.get_close_matches(rest, candidates, n=1, cutoff=0.6)
    if not close:
        # a typo in the file name only: compare names, not whole relative paths
        by_name: dict[str, str] = {}
        for candidate in candidates:
            by_name.setdefault(candidate.rsplit("/", 1)[-1], candidate)
        names = difflib.get_close_matches(given.name, list(by_name), n=1, cutoff=0.75)
        close = [by_name[names[0]]] if names else []
    if not close:
        return None
    return close[0] if str(base) in ("", ".") else os.path.join(str(base), close[0])


def _entries(base: Path, want_pdf: bool) -> list[str]:
    """Paths below `base`, relative to it with '/', hidden folders skipped; PDFs only if there are any."""
    found: list[str] = []
    pdfs: list[str] = []
    for root, folders, files in os.walk(base):
        depth = len(Path(root).relative_to(base).parts)
        folders[:] = sorted(f for f in folders if not f.startswith(".")) if depth < MAX_DEPTH else []
        for name in sorted(files) + folders:
            if not name.isprintable():
                continue  # never echo control characters or bidi overrides from a stranger's file name
            relative = Path(root, name).relative_to(base).as_posix()
            found.append(relative)
            if name.lower().endswith(".pdf"):
                pdfs.append(relative)
        if len(found) >= MAX_ENTRIES:
            break
    return pdfs if want_pdf and pdfs else found
