#!/usr/bin/env python3
"""Time a full `wscheck check` against reading the same PDFs with pdftotext and pdfplumber.

    pip install -e ".[bench]"                      # pdfplumber, one of the contenders
    python benchmarks/bench.py                      # the shared corpus, venue icml2026-mechinterp
    python benchmarks/bench.py --corpus DIR --venue ID --skip-pdfplumber

All contenders run in one go over the same files, on the same machine, so the
ratios are comparable even when the machine's speed is not:

  * wscheck:     one `wscheck check --jobs 1` call over every file (a full rule set)
  * wscheck -j2: the same with --jobs 2 (throughput ratio against --jobs 1)
  * pdftotext:   poppler's pdftotext, once per file (the cost of reading the text)
  * pdfplumber:  one pdfplumber `extract_words` pass over every page of every file

Peak memory is measured per paper: `wscheck check` on each file alone, reading
the peak RSS of the process tree (the CLI and its worker) from wait4().
Each timing is the best of --repeat rounds (default 5); a round runs every contender once,
in turn, so that a machine whose speed drifts slows them all alike.
The package's bytecode is compiled first, as `pip install` does.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

PDFPLUMBER_PASS = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.flush_cache()
"""


def wscheck_command() -> list[str]:
    local = ROOT / ".venv" / "bin" / "wscheck"
    if local.exists():
        return [str(local)]
    found = shutil.which("wscheck")
    return [found] if found else [sys.executable, "-m", "wscheck"]


def run(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB of the whole process tree, exit status."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    # ru_maxrss of the waited process already folds in its waited-for children (KB on Linux)
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def pdftotext_loop(files: list[Path]) -> list[str]:
    script = "for f in \"$@\"; do pdftotext \"$f\" /dev/null; done"
    return ["bash", "-c", script, "pdftotext-loop", *map(str, files)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--venue", default="icml2026-mechinterp")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-pdfplumber", action="store_true", help="the slowest contender (about a minute)")
    args = parser.parse_args()

    files = sorted(args.corpus.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {args.corpus}", file=sys.stderr)
        return 2
    if shutil.which("pdftotext") is None:
        print("pdftotext not found (Debian: apt-get install poppler-utils)", file=sys.stderr)
        return 2
    if not args.skip_pdfplumber and importlib.util.find_spec("pdfplumber") is None:
        print("pdfplumber is not installed: it is in the bench extra (pip install -e '.[bench]'), "
              "or pass --skip-pdfplumber", file=sys.stderr)
        return 2
    wscheck = wscheck_command()
    # `pip install` compiles bytecode; an editable checkout with PYTHONDONTWRITEBYTECODE
    # set would otherwise recompile every module on every run (about 0.15 s)
    import compileall

    import wscheck as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    pages = 0
    try:
        import pypdfium2

        for path in files:
            pages += len(pypdfium2.PdfDocument(str(path)))
    except Exception:  # noqa: BLE001 - the page count is only for the header
        pass
    print(f"corpus: {len(files)} PDFs, {pages} pages, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB; "
          f"venue {args.venue}; best of {args.repeat}; {os.cpu_count()} cores")

    check = [*wscheck, "check", "--venue", args.venue, "--format", "json"]
    contenders = {
        "wscheck --jobs 1": [*check, "--jobs", "1", *map(str, files)],
        "wscheck --jobs 2": [*check, "--jobs", "2", *map(str, files)],
        "pdftotext loop": pdftotext_loop(files),
    }
    # Round-robin: every repetition runs each contender once, so that a machine whose
    # speed drifts (a shared VM) slows all of them alike and the ratios stay fair.
    results = {name: float("inf") for name in contenders}
    for _ in range(args.repeat):
        for name, command in contenders.items():
            results[name] = min(results[name], run(command)[0])
    if not args.skip_pdfplumber:
        results["pdfplumber extract_words"] = run([sys.executable, "-c", PDFPLUMBER_PASS, *map(str, files)])[0]

    width = max(map(len, results))
    for name, seconds in results.items():
        print(f"  {name:<{width}}  {seconds:7.2f} s")
    base = results["wscheck --jobs 1"]
    print(f"wscheck / pdftotext            {base / results['pdftotext loop']:.2f}x   (target <= 2.0x)")
    if "pdfplumber extract_words" in results:
        print(f"pdfplumber / wscheck           {results['pdfplumber extract_words'] / base:.1f}x   (target >= 10x)")
    print(f"throughput --jobs 2 / --jobs 1 {base / results['wscheck --jobs 2']:.2f}x   (target >= 1.7x)")

    peaks = []
    for path in files:
        _, peak, _ = run([*check, "--jobs", "1", str(path)])
        peaks.append((peak, path.name, path.stat().st_size))
    peaks.sort(reverse=True)
    print("peak RSS per paper (CLI + worker), highest first:")
    for peak, name, size in peaks[:5]:
        print(f"  {peak:6.1f} MB  {name} ({size / 1e6:.1f} MB)")
    print(f"max peak RSS                   {peaks[0][0]:.1f} MB   (target <= 200 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
