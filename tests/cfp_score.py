#!/usr/bin/env python3
"""Score `rules from-cfp` on our own labelled calls (tests/cfp_calls) with the shared scorer's comparison.

    python tests/cfp_score.py            # per-metric figures
    python tests/cfp_score.py -v         # one row per call

The calls are read in process (`wscheck.cfp.analyse`, the same code the CLI runs); each entry of
expected.yaml is turned into the shape of ../shared/cfps/labels.yaml and handed to `score()` of
../shared/tools/cfp_eval.py, so every metric is compared exactly as the held-out set is.
Not a test (pytest does not collect it): a measuring tool for people changing the parser.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CALLS = ROOT / "tests" / "cfp_calls"
SHARED = Path(os.environ.get("WSCHECK_SHARED", ROOT.parent / "shared"))


def _scorer():
    path = SHARED / "tools" / "cfp_eval.py"
    if not path.exists():
        sys.exit(f"cfp_score: {path} not found (set WSCHECK_SHARED)")
    spec = importlib.util.spec_from_file_location("cfp_eval", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_label(entry: dict) -> dict:
    """An expected.yaml entry in the shape of the shared labels.yaml."""
    dates = {key: entry.get(key) for key in ("submission", "notification", "camera_ready")}
    return {"id": entry["file"], "review": entry.get("review", "not-stated"),
            "formats": [f if isinstance(f, dict) else {"family": f} for f in entry.get("formats") or []],
            "tracks": entry.get("tracks") or [],
            "camera_ready_extra_pages": entry.get("camera_ready_extra_pages"),
            "dates": {key: ({**value, "date": str(value["date"]) if value.get("date") else None}
                            if isinstance(value, dict) else None) for key, value in dates.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=Path, default=CALLS)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    from wscheck import cfp
    from wscheck.cfp.contract import to_json

    entries = yaml.safe_load((args.calls / "expected.yaml").read_text())
    labels = [as_label(entry) for entry in entries]
    answers = [to_json(cfp.analyse(str(args.calls / entry["file"]))) for entry in entries]
    result, rows = _scorer().score(labels, answers)
    if args.verbose:
        print("\n".join(rows))
    print(f"calls: {len(entries)}")
    for key, value in result["metrics"].items():
        print(f"{key:18s} {value:6.1%}  ({result['counts'][key]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
