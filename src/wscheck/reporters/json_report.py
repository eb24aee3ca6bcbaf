"""JSON as CONTRACT.md specifies: one object for one file, an array for several.

Strings from PDFs and file names go through `textsafe.clean` like in every other
format; a file name that is not UTF-8 keeps its original bytes in `file_bytes`.
"""
from __future__ import annotations

import json
from typing import IO

from wscheck.textsafe import clean_data


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    data = [clean_data(r.to_dict() if hasattr(r, "to_dict") else r) for r in reports]
    single = (options or {}).get("single", len(data) == 1)
    json.dump(data[0] if single and len(data) == 1 else data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
