"""JSON lines: one paper's object (as in `--format json`) per line, written as each paper's turn comes.

For batches of any size: a partial file is valid up to its last complete line,
and the outputs of `--shard K/N` runs concatenate (`cat`) into the output of one
run. Strings are cleaned like every report (`textsafe.clean`).
"""
from __future__ import annotations

import json
from typing import IO

from wscheck.reporters.json_report import paper_data
from wscheck.reporters.streaming import write_all


def paper_line(report) -> str:
    """One paper's line (no newline inside: JSON escapes them)."""
    return json.dumps(paper_data(report), ensure_ascii=False, separators=(",", ":"))


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    write_all(Writer(), reports, stream, options or {})


class Writer:
    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream = stream

    def paper(self, report) -> None:
        self.stream.write(paper_line(report) + "\n")

    def end(self) -> None:
        pass
