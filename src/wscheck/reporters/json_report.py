"""JSON as CONTRACT.md specifies: one object for one file, an array for several.

Strings from PDFs and file names go through `textsafe.clean` like in every other
format; a file name that is not UTF-8 keeps its original bytes in `file_bytes`.
The array is written one paper at a time, exactly as `json.dump(..., indent=2)`
would write it whole.
"""
from __future__ import annotations

import json
from typing import IO

from wscheck.reporters.streaming import write_all
from wscheck.textsafe import clean_data


def paper_data(report) -> dict:
    """One paper's object."""
    return clean_data(report.to_dict() if hasattr(report, "to_dict") else report)


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    options = options or {}
    write_all(Writer(), reports, stream, {**options, "single": options.get("single", len(reports) == 1)
                                          and len(reports) == 1})


class Writer:
    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream, self.single, self.count = stream, bool(options.get("single")), 0

    def paper(self, report) -> None:
        data = paper_data(report)
        if self.single and not self.count:
            json.dump(data, self.stream, indent=2, ensure_ascii=False)
        else:
            text = json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            self.stream.write(("[\n  " if not self.count else ",\n  ") + text)
        self.count += 1

    def end(self) -> None:
        if not self.count:
            self.stream.write("[]\n")
        else:
            self.stream.write("\n" if self.single else "\n]\n")
