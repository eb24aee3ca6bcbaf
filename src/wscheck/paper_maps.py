"""Per-paper inputs for batch runs: `--author-map CSV` and `--track-map CSV`.

Both are CSV files with a header row (UTF-8, a BOM is fine; comma-separated, or
semicolon/tab when the header has no comma). One column names the paper:
`file`, `paper`, `paper_id`, `id`, `pdf`, `filename` or `submission`. Its value
matches an input file by its path as given, its file name (`123.pdf`) or its file
name without `.pdf` (`123`, e.g. an OpenReview submission number).

Track map: a `track` column; papers not listed get `--track` (or the venue's
default).

Author map: identity columns read by `wscheck.authors.identities_from_row`
(the same columns as `--authors-file`): `name`/`author`/`authors`, `first` and
`last`, `email`, `github`, `gitlab`, `hf`, `twitter`, `institution`/`affiliation`,
`site`, `orcid`, `identity`; each cell may hold several values separated by ";"
or "|", and several rows may name the same paper (one row per author). Other
columns are ignored (so one spreadsheet can serve both maps); wscheck says which
on stderr. Every paper's own identities are added to those of `--author`.

`paper_tracks` and `paper_authors` turn a map into one value per input file.
A map is checked for size before it is read (MAX_MAP_BYTES).
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field

from wscheck import authors
from wscheck.errors import RuleSetError, UsageError
from wscheck.fileio import TooLarge, read_text_bounded

MAX_MAP_BYTES = 50_000_000  # a map of 30,000 papers with a dozen authors each is a few MB
KEY_COLUMNS = ("file", "paper", "paper_id", "id", "pdf", "filename", "submission")
TRACK_COLUMN = "track"


@dataclass
class PaperMap:
    """Values per paper key, with the CSV line each came from (for error messages)."""

    path: str
    values: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)

    def lookup(self, file: str) -> list[str] | None:
        for key in paper_keys(file):
            if key in self.values:
                return self.values[key]
        return None

    def unmatched(self, files: list[str]) -> list[str]:
        used = {key for file in files for key in paper_keys(file)}
        return [key for key in self.values if key not in used]


def paper_keys(file: str) -> list[str]:
    """The names a map may use for an input file: as given, normalised, file name, file name without .pdf."""
    name = os.path.basename(file)
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    return list(dict.fromkeys([file, os.path.normpath(file), name, stem]))


def _read_rows(path: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = read_text_bounded(path, MAX_MAP_BYTES, "CSV file", encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except TooLarge as exc:
        raise UsageError(f"{path}: {exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not a UTF-8 text file; save the CSV as UTF-8") from None
    header_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in header_line:
        delimiter = ";" if ";" in header_line else "\t" if "\t" in header_line else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError(f"{path}: the CSV file is empty; it needs a header row") from None
    columns = [" ".join(h.split()).lower() for h in header]
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        rows.append((reader.line_num, {columns[i]: row[i] for i in range(min(len(row), len(columns)))}))
    return columns, rows


def _key_column(path: str, columns: list[str]) -> str:
    for name in KEY_COLUMNS:
        if name in columns:
            return name
    raise UsageError(f"{path}: no column naming the paper; the header needs one of: {', '.join(KEY_COLUMNS)} "
                     f"(found: {', '.join(columns) or 'nothing'})")


def identities_from_row(row: dict[str, str]) -> list[str]:
    """Identity strings ("Jane Doe", "github:jdoe"...) of one author-map row."""
    return [identity.spec for identity in authors.identities_from_row(row)]


def _read_map(path: str, wanted, what: str, hint: str) -> tuple[PaperMap, str, list]:
    """Rows of a map whose value columns are those for which `wanted(header)` holds."""
    columns, rows = _read_rows(path)
    key_column = _key_column(path, columns)
    values = [c for c in columns if c != key_column and c and wanted(c)]
    if not values:
        raise UsageError(f"{path}: no {what} column; the header needs one of: {hint} "
                         f"(found: {', '.join(columns)})")
    paper_map = PaperMap(path=path,
                         ignored_columns=[c for c in columns if c != key_column and c not in values and c])
    return paper_map, key_column, rows


def read_author_map(path: str) -> PaperMap:
    paper_map, key_column, rows = _read_map(
        path, authors.is_identity_column, "author",
        "name, author, first/last, email, github, gitlab, hf, twitter, institution, site, orcid")
    for line, row in rows:
        key = (row.get(key_column) or "").strip()
        if not key:
            raise UsageError(f"{path}:{line}: the {key_column} cell is empty")
        values = paper_map.values.setdefault(key, [])
        values.extend(v for v in identities_from_row(row) if v not in values)
        paper_map.lines.setdefault(key, line)
    return paper_map


def read_track_map(path: str) -> PaperMap:
    paper_map, key_column, rows = _read_map(path, lambda c: c == TRACK_COLUMN, "track", TRACK_COLUMN)
    for line, row in rows:
        key = (row.get(key_column) or "").strip()
        track = (row.get(TRACK_COLUMN) or "").strip()
        if not key:
            raise UsageError(f"{path}:{line}: the {key_column} cell is empty")
        if not track:
            raise UsageError(f"{path}:{line}: no track given for {key!r}")
        previous = paper_map.values.get(key)
        if previous and previous[0] != track:
            raise UsageError(f"{path}:{line}: {key!r} is given two tracks ({previous[0]!r} on line "
                             f"{paper_map.lines[key]}, and {track!r})")
        paper_map.values[key] = [track]
        paper_map.lines.setdefault(key, line)
    return paper_map


# -- one value per input file -------------------------------------------------------------------
def report_map_use(paper_map: PaperMap, files: list[str], what: str, warn: Callable[[str], None]) -> None:
    """Warn (one line each) about ignored columns and entries that match no input file."""
    if paper_map.ignored_columns:
        warn(f"{paper_map.path}: ignored columns for the {what} map: {', '.join(paper_map.ignored_columns)}")
    unmatched = paper_map.unmatched(files)
    if unmatched:
        warn(f"{paper_map.path}: {len(unmatched)} entr{'y matches' if len(unmatched) == 1 else 'ies match'} "
             f"no input file: {', '.join(unmatched)}")


def paper_tracks(track_map: str | None, files: list[str], rule_set, default: str | None,
                 warn: Callable[[str], None]) -> list[str | None]:
    """Each file's track: from the track map (every track it names must exist), else `default`."""
    if not track_map:
        return [default] * len(files)
    paper_map = read_track_map(track_map)
    for key, (track,) in paper_map.values.items():
        try:
            rule_set.resolve_track(track)
        except RuleSetError as exc:
            raise UsageError(f"{track_map}:{paper_map.lines[key]}: {exc}") from None
    report_map_use(paper_map, files, "track", warn)
    tracks: list[str | None] = []
    for file in files:
        mapped = paper_map.lookup(file)
        tracks.append(mapped[0] if mapped else default)
    return tracks


def paper_authors(author_map: str | None, files: list[str], common: list[str],
                  warn: Callable[[str], None]) -> list[list[str]]:
    """Each file's identities: `common` (the --author ones) plus its own from the author map."""
    if not author_map:
        return [list(common) for _ in files]
    paper_map = read_author_map(author_map)
    report_map_use(paper_map, files, "author", warn)
    out = []
    for file in files:
        own = paper_map.lookup(file) or []
        out.append(list(common) + [a for a in own if a not in common])
    return out
