#!/usr/bin/env python3
"""Time `wscheck` against reading the same PDFs with pdftotext and with PDFium alone.

    pip install -e ".[bench]"                 # pdfplumber, one of the contenders
    python benchmarks/bench.py                # the shared corpus, venue icml2026-mechinterp
    python benchmarks/bench.py --rounds 7 --skip-pdfplumber --corpus DIR --venue ID

The contenders run in rounds; each round runs every contender once, in an order
that rotates from round to round, so that a shared machine whose load drifts slows
them all alike. Each contender's figure is the median of its rounds, with the
range (min-max) beside it. Time is measured two ways:

  * CPU: user + system time of the contender's whole process tree (its children,
    such as wscheck's worker or each pdftotext, are waited for and counted), read
    from wait4(); this is what the ratios use, since it does not depend on what
    else the machine runs;
  * wall: elapsed time, which does.

Contenders over the corpus:

  * wscheck --jobs 1: one `wscheck check --jobs 1 --format json` over every file
  * wscheck --jobs 2: the same with --jobs 2 (its wall time against --jobs 1's is the
    throughput of two cores)
  * pdftotext loop: poppler's pdftotext, once per file (the cost of reading the text)
  * pdftotext -bbox-layout loop: the same with word, line and block boxes (closer
    to what wscheck reads)
  * PDFium floor: every page loaded and its text read through PDFium (pypdfium2),
    nothing else: what any PDFium-based checker pays at least

and one paper at a time:

  * one check: `wscheck check` of one small PDF (a text report, as an author runs it)
  * venues: `wscheck venues`
  * python: the interpreter starting and stopping (what no Python tool can go below)

pdfplumber's `extract_words` over the corpus runs once, at the end (it takes minutes).
Peak memory of one check per paper (the command and its worker) is read from wait4()
too; a batch's worker memory is measured by `--batch-rss` (see `batch_rss`).
The package's bytecode is compiled first, as `pip install` does.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
ONE_PAPER = ROOT / "fixtures" / "pdf" / "iclr-anon-short.pdf"
ONE_PAPER_VENUE = "iclr2026"

PDFPLUMBER_PASS = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.flush_cache()
"""

# The floor: open each PDF, load each page and its text layer, read the text. What
# wscheck does beyond this (line boxes, fonts, figures, the analyses, the checks and
# the report) is its own cost.
PDFIUM_FLOOR = """
import ctypes, sys
import pypdfium2 as pdfium
import pypdfium2.raw as c
for path in sys.argv[1:]:
    pdf = pdfium.PdfDocument(path)
    for index in range(len(pdf)):
        page = c.FPDF_LoadPage(pdf.raw, index)
        text = c.FPDFText_LoadPage(page)
        count = c.FPDFText_CountChars(text)
        buffer = (ctypes.c_ushort * (count + 1))()
        c.FPDFText_GetText(text, 0, count, buffer)
        c.FPDFText_ClosePage(text)
        c.FPDF_ClosePage(page)
    pdf.close()
"""


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process tree
    peak_mb: float  # peak RSS of the largest process in the tree
    status: int


@dataclass
class Contender:
    name: str
    command: list[str]
    runs: list[Run] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(run, what) for run in self.runs)

    def span(self, what: str) -> tuple[float, float]:
        values = [getattr(run, what) for run in self.runs]
        return min(values), max(values)


def run(command: list[str]) -> Run:
    """Wall and CPU seconds of the whole process tree, its peak RSS in MB, its exit status."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    # the rusage of a waited process folds in its own waited-for children (ru_maxrss in KB on Linux,
    # the largest single process of the tree, not the sum)
    return Run(wall=elapsed, cpu=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024,
               status=os.waitstatus_to_exitcode(status))


def wscheck_command() -> list[str]:
    local = ROOT / ".venv" / "bin" / "wscheck"
    if local.exists():
        return [str(local)]
    found = shutil.which("wscheck")
    return [found] if found else [sys.executable, "-m", "wscheck"]


def compile_baseline(executable: str) -> None:
    """Compile the baseline's package too, with the interpreter its script names: an editable checkout
    that is never compiled (PYTHONDONTWRITEBYTECODE) recompiles every module on every run, about
    0.08 s that is not the baseline's own cost."""
    try:
        with open(shutil.which(executable) or executable, "rb") as script:
            first = script.readline().decode("utf-8", "replace").strip()
    except OSError:
        first = ""
    interpreter = first[2:].split()[0] if first.startswith("#!") and first[2:].split() else ""
    if not interpreter:
        print(f"baseline {executable}: its interpreter is not named in its first line; its bytecode is not "
              "compiled first", file=sys.stderr)
        return
    code = "import compileall, os, wscheck; compileall.compile_dir(os.path.dirname(wscheck.__file__), quiet=1)"
    if subprocess.run([interpreter, "-c", code], stdout=subprocess.DEVNULL).returncode != 0:
        print(f"baseline {executable}: its bytecode could not be compiled first", file=sys.stderr)


def loop(command: str, files: list[Path]) -> list[str]:
    script = f"for f in \"$@\"; do {command} \"$f\" /dev/null; done"
    return ["bash", "-c", script, "loop", *map(str, files)]


def rounds(contenders: list[Contender], count: int) -> None:
    """Every contender once per round, in an order that rotates by one each round."""
    for number in range(count):
        shift = number % len(contenders)
        for contender in contenders[shift:] + contenders[:shift]:
            contender.runs.append(run(contender.command))


def batch_rss(wscheck: list[str], files: list[Path], venue: str) -> None:
    """A hook for the batch's memory (the parent and each worker over many files): measured by the
    batch's own benchmark where it exists; here, the peak of one `--jobs 1` batch over the corpus."""
    result = run([*wscheck, "check", "--venue", venue, "--format", "csv", "--jobs", "1", *map(str, files)])
    print(f"batch of {len(files)} PDFs, --jobs 1: peak RSS {result.peak_mb:.1f} MB (the largest process)")


def report(contenders: dict[str, Contender], rounds_run: int) -> dict:
    width = max(map(len, contenders))
    print(f"{'':<{width}}  {'CPU s (median, min-max)':>26}  {'wall s (median, min-max)':>26}")
    for name, contender in contenders.items():
        cpu, cpu_span = contender.median("cpu"), contender.span("cpu")
        wall, wall_span = contender.median("wall"), contender.span("wall")
        failed = sum(run.status not in (0, 1) for run in contender.runs)
        note = f"  ({failed} of {rounds_run} runs failed)" if failed else ""
        print(f"{name:<{width}}  {cpu:8.3f} ({cpu_span[0]:.3f}-{cpu_span[1]:.3f})  "
              f"{wall:8.3f} ({wall_span[0]:.3f}-{wall_span[1]:.3f}){note}")
    return {name: {"cpu_median": c.median("cpu"), "cpu_min": c.span("cpu")[0], "cpu_max": c.span("cpu")[1],
                   "wall_median": c.median("wall"), "wall_min": c.span("wall")[0],
                   "wall_max": c.span("wall")[1], "peak_mb": max(r.peak_mb for r in c.runs)}
            for name, c in contenders.items()}


def ratios(contenders: dict[str, Contender]) -> dict:
    cpu = {name: c.median("cpu") for name, c in contenders.items()}
    wall = {name: c.median("wall") for name, c in contenders.items()}
    out = {
        "wscheck / pdftotext (CPU)": cpu["wscheck --jobs 1"] / cpu["pdftotext loop"],
        "wscheck / pdftotext -bbox-layout (CPU)": cpu["wscheck --jobs 1"] / cpu["pdftotext -bbox-layout loop"],
        "wscheck / PDFium floor (CPU)": cpu["wscheck --jobs 1"] / cpu["PDFium floor"],
        "throughput --jobs 2 / --jobs 1 (wall)": wall["wscheck --jobs 1"] / wall["wscheck --jobs 2"],
    }
    print("ratios of the medians:")
    targets = {"wscheck / pdftotext (CPU)": "target <= 1.3x", "throughput --jobs 2 / --jobs 1 (wall)": ">= 1.7x"}
    for name, value in out.items():
        print(f"  {name:<40} {value:5.2f}x   {targets.get(name, '')}")
    print(f"  one check, CPU {cpu['one check']:.3f} s (target <= 0.18 s); venues, CPU {cpu['venues']:.3f} s "
          f"(target <= 0.2 s)")
    if "baseline --jobs 1" in cpu:
        out["baseline / pdftotext (CPU)"] = cpu["baseline --jobs 1"] / cpu["pdftotext loop"]
        print(f"  baseline / pdftotext (CPU)               {out['baseline / pdftotext (CPU)']:5.2f}x")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--venue", default="icml2026-mechinterp")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-pdfplumber", action="store_true", help="the slowest contender (minutes)")
    parser.add_argument("--skip-rss", action="store_true", help="the peak memory of one check per paper")
    parser.add_argument("--batch-rss", action="store_true", help="also the peak memory of a batch")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE")
    parser.add_argument("--baseline", metavar="WSCHECK",
                        help="another wscheck executable (e.g. a checkout of an earlier commit) to run beside this one")
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
    if args.baseline:
        compile_baseline(args.baseline)
    pages = 0
    try:
        import pypdfium2

        for path in files:
            pages += len(pypdfium2.PdfDocument(str(path)))
    except Exception:  # noqa: BLE001 - the page count is only for the header
        pass
    print(f"corpus: {len(files)} PDFs, {pages} pages, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB; "
          f"venue {args.venue}; {args.rounds} rounds; {os.cpu_count()} cores")

    check = [*wscheck, "check", "--venue", args.venue, "--format", "json"]
    contenders = [
        Contender("wscheck --jobs 1", [*check, "--jobs", "1", *map(str, files)]),
        Contender("wscheck --jobs 2", [*check, "--jobs", "2", *map(str, files)]),
        Contender("pdftotext loop", loop("pdftotext", files)),
        Contender("pdftotext -bbox-layout loop", loop("pdftotext -bbox-layout", files)),
        Contender("PDFium floor", [sys.executable, "-c", PDFIUM_FLOOR, *map(str, files)]),
        Contender("one check", [*wscheck, "check", "--venue", ONE_PAPER_VENUE, str(ONE_PAPER)]),
        Contender("venues", [*wscheck, "venues"]),
        Contender("python", [sys.executable, "-c", "pass"]),
    ]
    if args.baseline:
        contenders += [
            Contender("baseline --jobs 1", [args.baseline, "check", "--venue", args.venue, "--format", "json",
                                            "--jobs", "1", *map(str, files)]),
            Contender("baseline one check", [args.baseline, "check", "--venue", ONE_PAPER_VENUE, str(ONE_PAPER)]),
            Contender("baseline venues", [args.baseline, "venues"]),
        ]
    rounds(contenders, args.rounds)
    by_name = {c.name: c for c in contenders}
    figures = {"contenders": report(by_name, args.rounds), "ratios": ratios(by_name)}
    if not args.skip_pdfplumber:
        plumber = run([sys.executable, "-c", PDFPLUMBER_PASS, *map(str, files)])
        figures["pdfplumber_cpu"] = plumber.cpu
        print(f"pdfplumber extract_words, once: CPU {plumber.cpu:.1f} s, wall {plumber.wall:.1f} s: "
              f"{plumber.cpu / by_name['wscheck --jobs 1'].median('cpu'):.1f}x wscheck's CPU")

    if not args.skip_rss:
        peaks = []
        for path in files:
            peaks.append((run([*check, "--jobs", "1", str(path)]).peak_mb, path.name, path.stat().st_size))
        peaks.sort(reverse=True)
        print("peak RSS of one check (the command or its worker, whichever is larger), highest first:")
        for peak, name, size in peaks[:5]:
            print(f"  {peak:6.1f} MB  {name} ({size / 1e6:.1f} MB)")
        figures["max_peak_rss_mb"] = peaks[0][0]
    if args.batch_rss:
        batch_rss(wscheck, files, args.venue)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
