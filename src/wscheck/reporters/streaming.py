"""How reporters are driven: a writer per format that gets the papers one at a time, in input order.

    writer = reporters.writer("csv")
    writer.begin(stream, options)      # the header, or nothing yet
    writer.paper(report)               # once per paper, as soon as its turn comes
    writer.end()                       # totals, tables, closing brackets

A batch never holds every PaperReport: a format that can write a paper at once
does so (text, csv, jsonl, json's array, github annotations); a format whose
document starts with what only the end knows (totals, a table of every paper,
SARIF's rule index) writes each paper's part to a temporary file (a spool) and
keeps only counts or one compact row per paper, then writes the document in
order at `end()`. Each format's module keeps its per-paper and summary rendering
in functions of its own; its `Writer` only calls them, and its
`render(reports, stream, options)` is `write_all` over a list.

Options given to `begin` (besides each format's own: `color`, `verbosity`,
`ruleset`, `output`, `evidence_dir`):
- `single`: one file was given (json prints an object, not an array);
- `total`: how many papers will come (html opens the details of a lone paper);
- `rule_ids`: the rule columns of csv, fixed before the first row.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import IO, Any, Protocol

from wscheck.model import PaperReport


class Writer(Protocol):
    def begin(self, stream: IO[str], options: dict[str, Any]) -> None: ...

    def paper(self, report: PaperReport) -> None: ...

    def end(self) -> None: ...


def write_all(writer: Writer, reports: Iterable[PaperReport], stream: IO[str], options: dict[str, Any]) -> None:
    writer.begin(stream, options)
    for report in reports:
        writer.paper(report)
    writer.end()


class Tally:
    """Verdicts counted as papers pass by: what `summary.totals` gives for a list."""

    def __init__(self) -> None:
        self.verdicts: Counter[str] = Counter()
        self.venues: set[str] = set()

    def add(self, report: PaperReport) -> None:
        self.verdicts[str(report.verdict)] += 1
        if report.venue:
            self.venues.add(report.venue)

    @property
    def papers(self) -> int:
        return sum(self.verdicts.values())

    def counts(self) -> dict[str, int]:
        return {"papers": self.papers, "pass": self.verdicts["pass"], "fail": self.verdicts["fail"],
                "error": self.verdicts["error"]}


class TextSpool:
    """Text written now, copied out later (an anonymous temporary file: nothing is left behind)."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None
        self.empty = True

    def write(self, text: str) -> None:
        if self._file is None:
            import tempfile  # only a document format's batch spools: a lone paper's report never imports it

            # the text comes back exactly as it was given (a stray surrogate fails where the report is written)
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass",  # noqa: SIM115
                                                newline="")
        self._file.write(text)
        self.empty = self.empty and not text

    def copy_to(self, stream: IO[str], drop_last: int = 0) -> None:
        """Everything written, but the last `drop_last` characters (a trailing newline), into `stream`."""
        if self._file is None:
            return
        self._file.flush()
        self._file.seek(0)
        if not drop_last:
            while chunk := self._file.read(1 << 16):
                stream.write(chunk)
            return
        # text mode seeks only to positions it gave: read in chunks and hold back the tail
        tail = ""
        while chunk := self._file.read(1 << 16):
            tail += chunk
            if len(tail) > drop_last:
                stream.write(tail[:-drop_last])
                tail = tail[-drop_last:]

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class JsonSpool:
    """JSON values written now (one per line), read back later in order."""

    def __init__(self) -> None:
        self._text = TextSpool()
        self.count = 0

    def append(self, value: Any) -> None:
        self._text.write(json.dumps(value, ensure_ascii=True, separators=(",", ":")) + "\n")
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        spooled = self._text._file
        if spooled is None:
            return
        spooled.flush()
        spooled.seek(0)
        for line in spooled:
            yield json.loads(line)

    def close(self) -> None:
        self._text.close()


def json_array(stream: IO[str], items: Iterable[Any], indent_level: int, indent: int = 2) -> None:
    """Write `items` as `json.dump` with `indent` writes a list found `indent_level` levels deep, one at a time."""
    pad = " " * (indent * (indent_level + 1))
    first = True
    for item in items:
        text = json.dumps(item, indent=indent, ensure_ascii=False)
        stream.write(("[\n" if first else ",\n") + pad + text.replace("\n", "\n" + pad))
        first = False
    stream.write("[]" if first else "\n" + " " * (indent * indent_level) + "]")
