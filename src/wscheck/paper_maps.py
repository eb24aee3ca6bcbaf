"""Per-paper inputs for batch runs: `--author-map CSV` and `--track-map CSV`.

Both are CSV files with a header row (UTF-8, a BOM is fine; comma-separated, or
semicolon/tab when the header has no comma). One column names the paper:
`file`, `paper`, `paper_id`, `id`, `pdf`, `filename` or `submission`. Its value
matches an input file by its path as given, its file name (`123.pdf`) or its file
name without `.pdf` (`123`, e.g. an OpenReview submission number).

Track map: a `track` column; papers not listed get `--track` (or the venue's
default).

Author map: identity columns, each cell holding one or more values separated by
";", and several rows may name the same paper (one row per author):
- `authors`, `author`, `names` or `name`: author names ("Jane Doe"); a value that
  already carries a prefix ("github:jdoe") is kept as it is;
- `github`, `hf` (or `huggingface`), `institution` (or `affiliation`): usernames and
  institutions, passed on as "github:jdoe", "hf:jdoe", "institution:Lund University".
Other columns are ignored (so one spreadsheet can serve both maps); wscheck says
which on stderr. Every paper's own identities are added to those of `--author`.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

from wscheck.errors import UsageError

KEY_COLUMNS = ("file", "paper", "paper_id", "id", "pdf", "filename", "submission")
NAME_COLUMNS = ("authors", "author", "names", "name")
PREFIX_COLUMNS = {"github": "github", "hf": "hf", "huggingface": "hf", "institution": "institution",
                  "affiliation": "institution"}
TRACK_COLUMN = "track"
VALUE_SEPARATOR = ";"


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
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None
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


def _split(cell: str | None) -> list[str]:
    return [" ".join(v.split()) for v in (cell or "").split(VALUE_SEPARATOR) if v.strip()]


def identities_from_row(row: dict[str, str]) -> list[str]:
    """Identity strings of one CSV row: plain names, and prefixed usernames and institutions."""
    out: list[str] = []
    for column in NAME_COLUMNS:
        out.extend(_split(row.get(column)))
    for column, prefix in PREFIX_COLUMNS.items():
        for value in _split(row.get(column)):
            out.append(value if value.lower().startswith(prefix + ":") else f"{prefix}:{value}")
    return out


def _read_map(path: str, wanted: tuple[str, ...], what: str) -> tuple[PaperMap, str, list]:
    columns, rows = _read_rows(path)
    key_column = _key_column(path, columns)
    if not any(c in columns for c in wanted):
        raise UsageError(f"{path}: no {what} column; the header needs one of: {', '.join(wanted)} "
                         f"(found: {', '.join(columns)})")
    paper_map = PaperMap(path=path,
                         ignored_columns=[c for c in columns if c != key_column and c not in wanted and c])
    return paper_map, key_column, rows


def read_author_map(path: str) -> PaperMap:
    paper_map, key_column, rows = _read_map(path, NAME_COLUMNS + tuple(PREFIX_COLUMNS), "author")
    for line, row in rows:
        key = (row.get(key_column) or "").strip()
        if not key:
            raise UsageError(f"{path}:{line}: the {key_column} cell is empty")
        values = paper_map.values.setdefault(key, [])
        values.extend(v for v in identities_from_row(row) if v not in values)
        paper_map.lines.setdefault(key, line)
    return paper_map


def read_track_map(path: str) -> PaperMap:
    paper_map, key_column, rows = _read_map(path, (TRACK_COLUMN,), "track")
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
