#!/usr/bin/env python3
"""Peak memory of a large batch: the parent process and every worker, on the shared corpus copied N times.

    python benchmarks/batch_rss.py                       # the corpus 40 times (1,360 papers), --jobs 2, csv
    python benchmarks/batch_rss.py --copies 4 --format html --venue iclr2026-trustworthy-ai

The copies are symbolic links in a temporary folder (`copyNN-<name>.pdf`), so the
batch reads each PDF as a new file. The batch runs as `wscheck check` in a child
process whose `wscheck.batch._reap` is wrapped to record each worker's peak
resident memory as the parent reaps it (wait4's ru_maxrss: the worker's own high
water mark, the pages it shares with the parent included); the parent's own peak
is its ru_maxrss at exit. CPU is user+sys of the whole process tree (wait4 on the
child). The acceptance bound of issue 19: parent <= 40 MB, each worker <= 120 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

# runs `wscheck ARGS` in this process, recording every worker's peak RSS, then the parent's, into STATS
RUNNER = """
import atexit, json, os, resource, sys
from wscheck import batch
peaks = []
reap = batch._reap
def recording_reap(pid):
    status, peak_kb = reap(pid)
    peaks.append(peak_kb)
    return status, peak_kb
batch._reap = recording_reap
def write_stats():
    with open(os.environ["WSCHECK_BATCH_STATS"], "w") as out:
        json.dump({"parent_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "workers_kb": peaks}, out)
atexit.register(write_stats)
from wscheck.cli import main
main(sys.argv[1:])
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--venue", default="icml2026-mechinterp")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="csv")
    parser.add_argument("--keep", action="store_true", help="keep the report and the folder of copies")
    args = parser.parse_args()

    if sys.platform != "linux":
        print("this measurement reads Linux's ru_maxrss (kB) from wait4", file=sys.stderr)
        return 2
    files = sorted(args.corpus.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {args.corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="wscheck-batch-rss-"))
    try:
        folder = work / "papers"
        folder.mkdir()
        for copy in range(args.copies):
            for path in files:
                (folder / f"copy{copy:02d}-{path.name}").symlink_to(path.resolve())
        papers = len(files) * args.copies
        stats_file = work / "stats.json"
        report = work / f"report.{args.format}"
        command = [sys.executable, "-c", RUNNER, "check", "--venue", args.venue, str(folder), "--jobs",
                   str(args.jobs), "--format", args.format, "-o", str(report)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "WSCHECK_BATCH_STATS": str(stats_file)})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stats = json.loads(stats_file.read_text())
        workers = [kb / 1024 for kb in stats["workers_kb"] if kb]
        parent = stats["parent_kb"] / 1024
        print(f"batch: {papers} papers ({len(files)} x {args.copies}), venue {args.venue}, --jobs {args.jobs}, "
              f"--format {args.format}; exit {os.waitstatus_to_exitcode(status)}")
        print(f"wall {wall:.1f} s, CPU {usage.ru_utime + usage.ru_stime:.1f} s (user+sys of the process tree)")
        print(f"parent peak RSS: {parent:.1f} MB (bound 40 MB)")
        print(f"workers: {len(workers)}, peak RSS max {max(workers):.1f} MB, median {statistics.median(workers):.1f}"
              f" MB, min {min(workers):.1f} MB (bound 120 MB)")
        within = parent <= 40 and max(workers) <= 120
        print("within the bounds" if within else "OVER THE BOUNDS")
        if args.keep:
            print(f"kept: {work}")
        return 0 if within else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
