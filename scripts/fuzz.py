#!/usr/bin/env python3
"""Fuzz wscheck with mutated copies of the fixture PDFs, through the real command line.

    python scripts/fuzz.py                       # 2000 mutations, `check`, 2 jobs
    python scripts/fuzz.py --count 300 --command inspect
    python scripts/fuzz.py --count 200 --seed 7 --keep /tmp/fuzz-out

Each mutated file is damaged in one to three ways (byte flips, truncation, chunk
deletion or duplication, xref damage, /Length lies, broken tokens, extreme numbers,
deep nesting, page-tree damage, splices from another fixture, and content-stream
edits that keep the file well-formed). Files are checked in batches with
`wscheck ... --format json --jobs N`; the script prints how many files ended with
each exit code (as a one-file run would end), the tracebacks found, errors that
betray a bug ("internal error", a check that could not run), and the slowest file.

Two more kinds of hostile input come after the PDFs (for `check`):
- file names (one in 20 of the count): control characters and escape sequences,
  bytes that are not UTF-8, spreadsheet formula prefixes, workflow commands after
  a newline, bidi overrides, names of 255 bytes. Each batch of them is checked in
  JSON and in text: the names must come back cleaned (with `file_bytes` when not
  UTF-8), and no output may hold an escape character or a line that a CI runner
  would take as a command.
- rule files (one in 10): text-pattern rules whose patterns have the shapes that
  make backtracking explode (runs of overlapping repeats before something that can
  fail, bounded nesting with large products, optional-then-required runs, nested
  repeats, ambiguous alternations) and harmless ones. `rules validate` must answer
  every file (valid, or one clear error); the patterns it accepts are then run
  together on papers with very long lines, and must finish within the paper's
  pattern budget, each rule passing, failing or saying it could not be checked.

It exits 1 when it found a problem. The same seed always gives the same files.

tests/test_fuzz.py runs a few dozen of these mutations in the test suite.
"""
from __future__ import annotations

import argparse
import collections
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # wscheck.textsafe: the cleaned form a hostile file name must come back in
from wscheck.textsafe import clean, display_path  # noqa: E402

FIXTURES = ROOT / "fixtures" / "pdf"
DOCUMENTED_EXIT_CODES = {0, 1, 2, 3}
VERDICT_EXIT = {"pass": 0, "fail": 1, "error": 3}


# -- seeds ------------------------------------------------------------------------------
@dataclass
class Seed:
    name: str
    data: bytes
    classic: bool  # classic xref table and plain objects: content edits can rebuild the xref


def load_seeds(folder: Path = FIXTURES) -> list[Seed]:
    """Each fixture as built (xref and object streams) and, when pypdf can, rewritten with a classic xref."""
    seeds = []
    for path in sorted(folder.glob("*.pdf")):
        data = path.read_bytes()
        seeds.append(Seed(path.stem, data, classic=False))
        classic = _classic_copy(data)
        if classic:
            seeds.append(Seed(path.stem + "+classic", classic, classic=True))
    if not seeds:
        raise SystemExit(f"no fixture PDFs in {folder}")
    return seeds


def _classic_copy(data: bytes) -> bytes | None:
    try:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - a seed we cannot rewrite is used as built only
        return None


# -- mutations ----------------------------------------------------------------------------
_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_EXTREMES = [b"0", b"-1", b"1", b"2147483647", b"2147483648", b"-2147483649", b"99999999999999999999",
             b"1e38", b"-1e38", b"0.0000001", b"nan", b"inf", b"4294967296", b"65535", b"-0"]
_TOKENS = [b"obj", b"endobj", b"stream", b"endstream", b" R", b"<<", b">>", b"[", b"]", b"/Type", b"/Page",
           b"/Pages", b"/Kids", b"/Count", b"/Parent", b"/Contents", b"/Resources", b"/Font", b"/MediaBox",
           b"/Length", b"/Filter", b"/FlateDecode", b"/Root", b"/Outlines", b"/First", b"/Next", b"/Annots",
           b"/URI", b"/Metadata", b"/BaseFont", b"/FontDescriptor", b"/XObject", b"xref", b"trailer"]
_GARBAGE = [b"", b"(", b")", b"<", b">", b"%", b"\x00", b"/", b"null", b"true", b"1 0 R", b"99999 0 R",
            b"<<>>", b"[]", b"()", b"<FFFE>", b"/FlateDecode", b"/ASCIIHexDecode", b"/LZWDecode"]


def _pick_span(rng: random.Random, size: int, max_fraction: float = 0.1) -> tuple[int, int]:
    length = rng.randint(1, max(1, int(size * max_fraction)))
    start = rng.randrange(max(1, size - length))
    return start, start + length


def flip_bytes(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    out = bytearray(data)
    count = rng.choice([1, 2, 4, 8, 32, 128])
    for _ in range(count):
        position = rng.randrange(len(out))
        out[position] ^= rng.randint(1, 255)
    return bytes(out), f"flip{count}"


def truncate(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    cut = rng.choice([rng.randrange(len(data)), len(data) - rng.randint(1, 400), rng.randint(8, 2000)])
    cut = max(1, min(len(data) - 1, cut))
    return data[:cut], f"trunc{cut}"


def delete_chunk(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    start, end = _pick_span(rng, len(data))
    return data[:start] + data[end:], f"del{end - start}"


def duplicate_chunk(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    start, end = _pick_span(rng, len(data))
    where = rng.randrange(len(data))
    return data[:where] + data[start:end] + data[where:], f"dup{end - start}"


def damage_xref(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    choice = rng.randrange(5)
    match = None
    for match in re.finditer(rb"startxref\s+(\d+)", data):  # noqa: B007 - the last one is wanted
        pass
    if choice == 0 and match:
        value = rng.choice([b"0", b"1", b"99999999", str(rng.randrange(len(data))).encode(), b"-5"])
        return data[: match.start(1)] + value + data[match.end(1):], "startxref"
    if choice == 1 and match:
        return data[: match.start()], "no-startxref"
    table = data.rfind(b"xref")
    if choice == 2 and table > 0:
        start = table + rng.randint(0, 200)
        end = min(len(data), start + rng.randint(1, 300))
        junk = bytes(rng.randrange(256) for _ in range(end - start))
        return data[:start] + junk + data[end:], "xref-junk"
    if choice == 3:
        return data.replace(b"%%EOF", b"", rng.randint(1, 2)), "no-eof"
    # a second, bogus xref section appended (an incremental update gone wrong)
    bogus = b"\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n9999999999 00000 n \ntrailer\n<< /Size 3 " \
            b"/Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (rng.randrange(len(data)), len(data) + 1)
    return data + bogus, "bogus-update"


def lie_length(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    lengths = list(re.finditer(rb"/Length\s+(\d+)", data))
    if not lengths:
        return flip_bytes(data, rng, seeds)
    match = rng.choice(lengths)
    real = int(match.group(1))
    value = rng.choice([0, 1, real - rng.randint(1, 50), real + rng.randint(1, 5000), 10**9, 2**31, 2**63])
    return data[: match.start(1)] + str(max(value, 0)).encode() + data[match.end(1):], f"length{value}"


def damage_tokens(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    token = rng.choice(_TOKENS)
    places = [m.start() for m in re.finditer(re.escape(token), data)]
    if not places:
        return flip_bytes(data, rng, seeds)
    out = data
    for position in sorted(rng.sample(places, min(len(places), rng.choice([1, 1, 3, 10]))), reverse=True):
        replacement = rng.choice(_TOKENS + _GARBAGE)
        out = out[:position] + replacement + out[position + len(token):]
    return out, "tok" + token.strip(b"/ <>[]").decode() or "tok"


def extreme_numbers(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    numbers = list(_NUMBER.finditer(data[: 200_000]))
    if not numbers:
        return flip_bytes(data, rng, seeds)
    out = data
    for match in sorted(rng.sample(numbers, min(len(numbers), rng.choice([1, 3, 10]))), key=lambda m: -m.start()):
        out = out[: match.start()] + rng.choice(_EXTREMES) + out[match.end():]
    return out, "numbers"


def deep_nesting(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    depth = rng.choice([100, 1000, 20_000])
    opener, closer = rng.choice([(b"[", b"]"), (b"<< /A ", b">>"), (b"(", b")")])
    position = rng.randrange(len(data))
    closing = closer * depth if rng.random() < 0.5 else b""
    return data[:position] + opener * depth + closing + data[position:], f"nest{depth}"


def damage_page_tree(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    choice = rng.randrange(4)
    if choice == 0:
        out, count = re.subn(rb"/Count\s+-?\d+", b"/Count " + rng.choice([b"0", b"-3", b"1000000", b"2147483647"]),
                             data, count=rng.randint(1, 3))
        return out, "count"
    if choice == 1:  # a page tree that contains itself
        out = re.sub(rb"/Kids\s*\[[^\]]*\]", b"/Kids [2 0 R 2 0 R]", data, count=1)
        return out, "kids-loop"
    if choice == 2:  # the outline loops back on itself
        out = re.sub(rb"/Next\s+\d+\s+0\s+R", b"/Next 1 0 R", data, count=rng.randint(1, 5))
        return out, "outline-loop"
    out = re.sub(rb"/Parent\s+\d+\s+0\s+R", b"/Parent 99999 0 R", data, count=rng.randint(1, 5))
    return out, "parent"


_HOSTILE_STRINGS = [b"<FEFFD800>", b"<FEFFDC00D800>", b"<FEFFD8000041>", b"(\xfe\xff\xd8\x00)", b"<FEFF>",
                    b"(" + b"A" * 100_000 + b")", b"()", b"(\\)", b"(\x00\x00\x00)", b"<FFFE4100>", b"<ZZ>",
                    b"(\xe2\x80\xae\xef\xbf\xbe)"]


def hostile_strings(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    """Outline titles, metadata and URIs replaced by lone surrogates, odd byte counts, huge strings."""
    strings = list(re.finditer(rb"\((?:[^()\\]|\\.){0,200}\)|<[0-9A-Fa-f]{4,200}>", data[:400_000]))
    if not strings:
        return flip_bytes(data, rng, seeds)
    out = data
    for match in sorted(rng.sample(strings, min(len(strings), rng.choice([1, 3, 10]))), key=lambda m: -m.start()):
        out = out[: match.start()] + rng.choice(_HOSTILE_STRINGS) + out[match.end():]
    return out, "strings"


def splice(data: bytes, rng: random.Random, seeds) -> tuple[bytes, str]:
    other = rng.choice(seeds).data
    start, end = _pick_span(rng, len(other), 0.2)
    where = rng.randrange(len(data))
    return data[:where] + other[start:end] + data[where + (end - start):], "splice"


MUTATORS = [flip_bytes, truncate, delete_chunk, duplicate_chunk, damage_xref, lie_length, damage_tokens,
            extreme_numbers, deep_nesting, damage_page_tree, hostile_strings, splice]


# content-stream edits: the file stays well-formed, the page description goes hostile
_CONTENT_EDITS = [
    b" 1e30 0 0 1e30 0 0 cm ", b" 0 0 0 0 0 0 cm ", b" -1 0 0 -1 612 792 cm ", b" BT /F1 0 Tf 0 0 Td (x) Tj ET ",
    b" BT /F1 100000 Tf 1e9 -1e9 Td (huge) Tj ET ", b" BT 3 Tr (invisible) Tj ET ", b" q " * 5000,
    b" Q " * 500, b" BT (" + b"A" * 20000 + b") Tj ET ", b" BT <" + b"FEFF" * 2000 + b"> Tj ET ",
    b" BT /F1 10 Tf 72 700 Td (email me: someone@example.com) Tj ET ", b" BT /F1 10 Tf 72 700 Td (References) Tj ET ",
    b" BT /F1 10 Tf 72 700 Td (Appendix A) Tj ET ", b" /Fx Do ", b" BT /Nope 12 Tf (missing font) Tj ET ",
    b" 1 0 0 1 nan nan cm ", b" BT /F1 10 Tf 72 700 Td (" + bytes(range(256)).replace(b")", b"").replace(b"(", b"")
    .replace(b"\\", b"") + b") Tj ET ",
]


def edit_content_stream(seed: Seed, rng: random.Random) -> tuple[bytes, str]:
    """Inflate one Flate stream, damage what it says, deflate it and rebuild the xref (classic seeds)."""
    data = seed.data
    streams = [m for m in re.finditer(rb"/Length\s+(\d+)([^>]*?)>>\s*stream\r?\n", data)
               if b"/FlateDecode" in data[max(0, m.start() - 300): m.end()]]
    if not streams:
        return flip_bytes(data, rng, [])
    match = rng.choice(streams)
    start = match.end()
    length = int(match.group(1))
    try:
        decoded = zlib.decompress(data[start: start + length])
    except zlib.error:
        return flip_bytes(data, rng, [])
    choice = rng.randrange(4)
    if choice == 0 or not decoded:
        where = rng.randrange(len(decoded) + 1)
        edited = decoded[:where] + rng.choice(_CONTENT_EDITS) + decoded[where:]
    elif choice == 1:
        numbers = list(_NUMBER.finditer(decoded))
        edited = decoded
        for m in sorted(rng.sample(numbers, min(len(numbers), 20)), key=lambda m: -m.start()) if numbers else []:
            edited = edited[: m.start()] + rng.choice(_EXTREMES) + edited[m.end():]
    elif choice == 2:
        a, b = _pick_span(rng, len(decoded), 0.3)
        edited = decoded[:a] + decoded[b:]
    else:
        a, b = _pick_span(rng, len(decoded), 0.3)
        edited = decoded[:b] + decoded[a:b] * rng.randint(2, 20) + decoded[b:]
    packed = zlib.compress(edited)
    header = data[match.start(): match.end()].replace(match.group(1), str(len(packed)).encode(), 1)
    out = data[: match.start()] + header + packed + data[start + length:]
    return rebuild_xref(out), "content"


def rebuild_xref(data: bytes) -> bytes:
    """A fresh classic xref table for a file whose objects moved (keeps the last trailer's entries)."""
    table = data.rfind(b"\nxref")
    trailer = re.search(rb"trailer\s*<<(.*?)>>\s*startxref", data[table:], re.S) if table > 0 else None
    if not trailer:
        return data
    entries = trailer.group(1)
    entries = re.sub(rb"/Size\s+\d+", b"", entries)
    entries = re.sub(rb"/Prev\s+\d+", b"", entries)
    body = data[: table + 1]
    offsets = {int(m.group(1)): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj", body)}
    size = max(offsets, default=0) + 1
    rows = [b"0000000000 65535 f \n"]
    for number in range(1, size):
        rows.append(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n")
    return (body + b"xref\n0 %d\n" % size + b"".join(rows) + b"trailer\n<< /Size %d " % size + entries.strip()
            + b" >>\nstartxref\n%d\n%%%%EOF\n" % len(body))


def mutate(seed: Seed, rng: random.Random, seeds: list[Seed]) -> tuple[bytes, list[str]]:
    """One to three mutations of `seed`; a classic seed gets a content edit first, half of the time."""
    data, labels = seed.data, []
    if seed.classic and rng.random() < 0.5:
        data, label = edit_content_stream(seed, rng)
        labels.append(label)
        if rng.random() < 0.5:
            return data, labels
    for _ in range(rng.choice([1, 1, 2, 3])):
        if len(data) < 16:
            break
        changed, label = rng.choice(MUTATORS)(data, rng, seeds)
        if changed == data:  # the mutator found nothing to damage (e.g. no /Kids outside object streams)
            changed, label = flip_bytes(data, rng, seeds)
        data = changed
        labels.append(label)
    return data, labels


def generate(count: int, seed: int, folder: Path, seeds: list[Seed] | None = None) -> list[Path]:
    """`count` mutated PDFs in `folder`; file i depends only on (seed, i)."""
    seeds = seeds or load_seeds()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        rng = random.Random(seed * 1_000_003 + index)
        base = rng.choice(seeds)
        data, labels = mutate(base, rng, seeds)
        name = re.sub(r"[^\w+.-]", "_", f"{index:05d}-{base.name}-{'-'.join(labels)}")[:120]
        path = folder / f"{name}.pdf"
        path.write_bytes(data)
        paths.append(path)
    return paths


# -- file names ---------------------------------------------------------------------------
# raw bytes of a file name: what a zip from another system, or an attacker, can put there
_NAME_PIECES = [b"\x1b[2J", b"\x1b]0;title\x07", b"\x1b[32mPASS\x1b[0m", b"\x07", b"\x08", b"\x7f", b"\xc2\x9b2J",
                b"\n::error file=x::forged\n", b"\r::add-mask::secret", b"\n##[error]old", b"\t", b"\xe9", b"\xff\xfe",
                b"\xed\xa0\x80", b"\xe2\x80\xae", b"\xe2\x81\xa6", b" ", b"%0A", b"..", b"\xef\xbb\xbf"]
_NAME_STARTS = [b"=", b"+", b"-", b"@", b"\t", b"::error::", b"##[error]", b" ::warning::", b"=HYPERLINK(\"x\")", b""]


def hostile_name(index: int, rng: random.Random) -> bytes:
    """A file name (bytes) of the kinds listed in the module doc; unique by its index."""
    start = rng.choice(_NAME_STARTS)
    middle = b"".join(rng.choice(_NAME_PIECES) for _ in range(rng.randint(1, 4)))
    name = start + b"%05d" % index + middle + b".pdf"
    if rng.random() < 0.1:  # as long as a name can be
        name = start + b"%05d" % index + b"\xe9" * (250 - len(start) - 9) + b".pdf"
    return name.replace(b"/", b"_").replace(b"\x00", b"_")[:255]


def generate_names(count: int, seed: int, folder: Path, seeds: list[Seed] | None = None) -> list[Path]:
    """`count` PDFs (fixtures, some mutated) under hostile file names in `folder`."""
    seeds = seeds or load_seeds()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        rng = random.Random(seed * 7_000_003 + index)
        base = rng.choice(seeds)
        data = mutate(base, rng, seeds)[0] if rng.random() < 0.3 else base.data
        raw = os.path.join(os.fsencode(folder), hostile_name(index, rng))
        with open(raw, "wb") as handle:
            handle.write(data)
        paths.append(Path(os.fsdecode(raw)))
    return paths


_ESCAPE_OR_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_COMMAND_LINE = re.compile(r"^\s*(::|##\[)")


def check_text_output(text: str, what: str, summary: Summary) -> None:
    """No escape or control character, no line a CI runner would run as a workflow command."""
    found = _ESCAPE_OR_CONTROL.search(text.replace("\r\n", "\n"))
    if found:
        summary.problems.append(f"{what}: a control or bidi character ({found.group(0)!r}) in the output")
    commands = [line for line in text.splitlines() if _COMMAND_LINE.match(line)]
    if commands:
        summary.problems.append(f"{what}: a line that a CI runner would run: {commands[0][:80]!r}")


def run_names(files: list[Path], *, jobs: int, timeout: float, batch: int, venue: str,
              progress: bool = False) -> Summary:
    """Check hostile-named files in JSON (names come back cleaned) and in text (nothing forged)."""
    summary = Summary()
    for start in range(0, len(files), batch):
        chunk = files[start: start + batch]
        run_batch("check", chunk, jobs=jobs, timeout=timeout, venue=venue, summary=summary)
        args = [sys.executable, "-m", "wscheck", "check", "--venue", venue, "--jobs", str(jobs), "--timeout",
                str(timeout), *map(str, chunk)]
        try:
            proc = subprocess.run(args, capture_output=True, timeout=timeout * (len(chunk) / jobs + 2) + 120,
                                  cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
        except subprocess.TimeoutExpired:
            summary.problems.append(f"the text batch of {len(chunk)} hostile names did not finish")
            continue
        for stream_name, raw in (("stdout", proc.stdout), ("stderr", proc.stderr)):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                summary.problems.append(f"text {stream_name} is not UTF-8 ({exc})")
                continue
            if "Traceback" in text:
                summary.tracebacks += text.count("Traceback")
            check_text_output(text, f"text {stream_name} (batch from {chunk[0].name[:30]!r})", summary)
        if progress:
            print(f"  names: {min(start + batch, len(files))}/{len(files)} files, {len(summary.problems)} problems",
                  file=sys.stderr, flush=True)
    return summary


# -- rule files -------------------------------------------------------------------------------
_ATOMS = [r"\w*", r"\w+", r"[\s\S]*", r".*", r"\S+", r"\d*", r"[a-z]*", r"[^@]*", r"\s*", r"(?:ab)*", r"x*"]
_TAILS = ["!", "@", "$", r"\b", "x", r"(?=!)", "q"]


def hostile_pattern(rng: random.Random) -> str:
    """A pattern of one of the shapes in the module doc (most of them refused, some fine)."""
    shape = rng.randrange(7)
    if shape == 0:  # a run of overlapping repeats before something that can fail
        return "".join(rng.choice(_ATOMS) for _ in range(rng.randint(2, 15))) + rng.choice(_TAILS)
    if shape == 1:  # bounded nesting with a large product
        n = rng.randint(4, 40)
        atom = rng.choice(["a", "x", r"\w", "."])
        return f"({atom}?){{{n}}}{rng.choice(['a', 'x'])}{{{n}}}"
    if shape == 2:  # optional-then-required runs
        n = rng.randint(5, 40)
        return "a?" * n + "a" * n
    if shape == 3:  # bounded repeats that multiply
        return "".join(rf"\w{{1,{rng.randint(2, 60)}}}" for _ in range(rng.randint(2, 6))) + rng.choice(_TAILS)
    if shape == 4:  # the classic exponential ones
        return rng.choice([r"(a+)+$", r"(\w+\s?)*x", r"(a|ab)*c", r"(x?y?)+z", r"(?:\d{1,3}\.){3}\d{1,3}!",
                           r"((a?){2}){15}b", r"(a*)*b"])
    if shape == 5:  # one repeat per stretch: allowed, linear per start of the search
        return rng.choice([r"\w+@", r"[\w.-]+@[\w-]+\.\w+", r"github\.com/\S+", r"\b\w+\s+\w+\b", r"(?:foo|bar)+",
                           r"(?i)under\s+review", r"\d{4}-\d{2}", r"\w*\s\w*!"])
    return "".join(rng.choice(_ATOMS + ["a", "b", r"\.", "-"]) for _ in range(rng.randint(1, 6))) + \
        rng.choice(_TAILS + [""])


def rule_file(patterns: list[str], rule_id: str) -> str:
    """A rule set extending iclr2026 with one text-pattern rule per pattern (quoted for YAML)."""
    rules = "".join(f"  p{number}:\n    check: text-pattern\n    params:\n      patterns: ['{quoted}']\n"
                    for number, quoted in enumerate(p.replace("'", "''") for p in patterns))
    return (f"id: {rule_id}\nname: Fuzzed patterns\nextends: iclr2026\ntracks:\n  only: {{description: The only "
            f"track}}\nrules:\n{rules}")


def long_line_pdf(chars: int, text: bytes) -> bytes:
    """A one-page PDF whose one line is `text` repeated to `chars` characters (1 pt type)."""
    content = b"BT /F1 1 Tf 5 700 Td (" + (text * (chars // max(1, len(text)) + 1))[:chars] + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def run_rules(count: int, seed: int, folder: Path, *, timeout: float, progress: bool = False,
              line_chars: int = 20_000) -> Summary:
    """`count` rule files with hostile patterns: validated, then the accepted patterns run on long lines."""
    summary = Summary()
    folder.mkdir(parents=True, exist_ok=True)
    files, patterns = [], []
    for index in range(count):
        rng = random.Random(seed * 9_000_011 + index)
        pattern = hostile_pattern(rng)
        path = folder / f"rules-{index:05d}.yaml"
        path.write_text(rule_file([pattern], f"fuzz-{index}"), encoding="utf-8")
        files.append(path)
        patterns.append(pattern)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "wscheck", "rules", "validate", *map(str, files)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    summary.batch_exit_codes[proc.returncode] += 1
    if "Traceback" in proc.stdout + proc.stderr:
        summary.tracebacks += (proc.stdout + proc.stderr).count("Traceback")
        summary.problems.append("traceback from rules validate")
    verdicts = {line.split()[1]: line.split()[0] for line in proc.stdout.splitlines()
                if line.split() and line.split()[0] in ("ok", "error", "warning") and len(line.split()) > 1}
    accepted = []
    for path, pattern in zip(files, patterns, strict=True):
        verdict = verdicts.get(f"{path}:") or verdicts.get(str(path)) or next(
            (v for k, v in verdicts.items() if k.startswith(str(path))), None)
        if verdict is None:
            summary.problems.append(f"rules validate said nothing about {path.name} ({pattern!r})")
        elif verdict == "ok":
            accepted.append(pattern)
        summary.reasons[f"validate: {verdict}"] += 1
    summary.files += len(files)
    if progress:
        print(f"  rules: {len(accepted)} of {len(files)} patterns accepted", file=sys.stderr, flush=True)
    if accepted:
        combined = folder / "accepted.yaml"
        combined.write_text(rule_file(sorted(set(accepted)), "fuzz-accepted"), encoding="utf-8")
        papers = []
        for number, text in enumerate([b"a", b"ab ", b"x@y.z ", b"foo bar ", b"0123 "]):
            paper = folder / f"long-line-{number}.pdf"
            paper.write_bytes(long_line_pdf(line_chars, text))
            papers.append(paper)
        args = [sys.executable, "-m", "wscheck", "check", "--rules", str(combined), "--format", "json", "--timeout",
                str(timeout), *map(str, papers)]
        try:
            run = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=timeout * len(papers) + 120)
        except subprocess.TimeoutExpired:
            summary.timeouts += 1
            summary.problems.append("the accepted patterns did not finish on the long-line papers")
            return summary
        if "Traceback" in run.stdout + run.stderr:
            summary.tracebacks += (run.stdout + run.stderr).count("Traceback")
        try:
            answers = json.loads(run.stdout)
        except json.JSONDecodeError:
            summary.problems.append(f"check with the accepted patterns: output is not JSON: {run.stderr[-300:]!r}")
            return summary
        for answer in answers:
            elapsed = float(answer.get("elapsed_s") or 0.0)
            if elapsed > summary.max_elapsed_s:
                summary.max_elapsed_s, summary.slowest = elapsed, f"{Path(answer['file']).name}, accepted patterns"
            if answer.get("error") and "timed out" in answer["error"]:
                summary.timeouts += 1
                summary.problems.append(f"{answer['file']}: {answer['error']}")
            statuses = [r["status"] for r in answer.get("results", [])]
            if "error" in statuses and answer.get("verdict") == "pass":
                summary.problems.append(f"{answer['file']}: a rule could not be checked, yet the paper passed")
            summary.reasons[f"pattern rules: {sorted(set(statuses))}"] += 1
        summary.batch_exit_codes[run.returncode] += 1
        if run.returncode not in DOCUMENTED_EXIT_CODES:
            summary.problems.append(f"check with the accepted patterns exited {run.returncode}")
    summary.wall_s = time.monotonic() - started
    return summary


# -- running ------------------------------------------------------------------------------
@dataclass
class Summary:
    files: int = 0
    exit_codes: collections.Counter = field(default_factory=collections.Counter)  # per file, as run alone
    batch_exit_codes: collections.Counter = field(default_factory=collections.Counter)
    reasons: collections.Counter = field(default_factory=collections.Counter)
    problems: list[str] = field(default_factory=list)
    tracebacks: int = 0
    timeouts: int = 0
    max_elapsed_s: float = 0.0
    slowest: str = ""
    wall_s: float = 0.0

    def report(self) -> str:
        lines = [f"files: {self.files}  wall: {self.wall_s:.1f} s",
                 "exit codes per file: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.exit_codes.items())),
                 "batch exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.batch_exit_codes.items())),
                 f"tracebacks: {self.tracebacks}",
                 f"timeouts: {self.timeouts}",
                 f"max per-file time: {self.max_elapsed_s:.2f} s ({self.slowest})",
                 "most common error reasons:"]
        lines += [f"  {count:5d}  {reason}" for reason, count in self.reasons.most_common(12)]
        lines.append(f"problems: {len(self.problems)}")
        lines += [f"  {clean(p)}" for p in self.problems[:40]]
        return "\n".join(lines)

    def add(self, other: Summary) -> None:
        self.files += other.files
        self.exit_codes.update(other.exit_codes)
        self.batch_exit_codes.update(other.batch_exit_codes)
        self.reasons.update(other.reasons)
        self.problems.extend(other.problems)
        self.tracebacks += other.tracebacks
        self.timeouts += other.timeouts
        if other.max_elapsed_s > self.max_elapsed_s:
            self.max_elapsed_s, self.slowest = other.max_elapsed_s, other.slowest
        self.wall_s += other.wall_s


def _reason(error: str, path: str) -> str:
    text = error.replace(path, "FILE")
    text = re.sub(r"\d+(\.\d+)?", "N", text)
    return text[:110]


def run_batch(command: str, files: list[Path], *, jobs: int, timeout: float, venue: str, summary: Summary,
              extra: tuple[str, ...] = ()) -> None:
    args = [sys.executable, "-m", "wscheck", command, "--format", "json", "--jobs", str(jobs),
            "--timeout", str(timeout), *extra]
    if command == "check":
        args += ["--venue", venue]
    args += [str(f) for f in files]
    limit = timeout * (len(files) / jobs + 2) + 120
    started = time.monotonic()
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=limit, cwd=ROOT,
                              env={**os.environ, "NO_COLOR": "1"})
    except subprocess.TimeoutExpired:
        summary.problems.append(f"the batch of {len(files)} files did not finish in {limit:.0f} s")
        return
    summary.wall_s += time.monotonic() - started
    summary.files += len(files)
    summary.batch_exit_codes[proc.returncode] += 1
    if "Traceback" in proc.stdout or "Traceback" in proc.stderr:
        summary.tracebacks += proc.stderr.count("Traceback") + proc.stdout.count("Traceback")
        summary.problems.append(f"traceback in a batch starting with {files[0].name}: "
                               f"{proc.stderr.strip().splitlines()[-1:]}")
    if proc.returncode not in DOCUMENTED_EXIT_CODES:
        summary.problems.append(f"undocumented exit code {proc.returncode} (batch from {files[0].name})")
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        summary.problems.append(f"output is not JSON (batch from {files[0].name}): {proc.stderr[-300:]!r}")
        return
    if not isinstance(data, list) or len(data) != len(files):
        summary.problems.append(f"expected {len(files)} answers, got {len(data) if isinstance(data, list) else 1}")
        return
    for path, answer in zip(files, data, strict=True):
        _judge(command, path, answer, timeout, summary)
    verdicts = [_verdict(command, answer) for answer in data]
    expected = 1 if "fail" in verdicts else 3 if "error" in verdicts else 0
    if proc.returncode != expected:
        summary.problems.append(f"batch exit code {proc.returncode}, expected {expected} (from {files[0].name})")


def _verdict(command: str, answer: dict) -> str:
    if command == "check":
        return answer.get("verdict", "?")
    return "error" if answer.get("error") else "pass"


def _judge(command: str, path: Path, answer: dict, timeout: float, summary: Summary) -> None:
    name = clean(display_path(path.name))
    shown = clean(display_path(path))  # a hostile name comes back cleaned, its bytes in file_bytes
    if answer.get("file") != shown:
        summary.problems.append(f"{name}: answer is for {answer.get('file')!r}")
    raw = os.fsencode(path)
    if raw.decode("utf-8", "replace").encode("utf-8") != raw and answer.get("file_bytes") != raw.hex():
        summary.problems.append(f"{name}: the name is not UTF-8 but file_bytes is {answer.get('file_bytes')!r}")
    verdict = _verdict(command, answer)
    summary.exit_codes[VERDICT_EXIT.get(verdict, -1)] += 1
    elapsed = float(answer.get("elapsed_s") or 0.0)
    if elapsed > summary.max_elapsed_s:
        summary.max_elapsed_s, summary.slowest = elapsed, name
    error = answer.get("error")
    if error:
        if not isinstance(error, str) or "\n" in error or not error.startswith(shown + ": ") or \
                error.count(shown) != 1:
            summary.problems.append(f"{name}: error is not one line naming the file: {error!r}")
        if "timed out" in error:
            summary.timeouts += 1
            summary.max_elapsed_s = max(summary.max_elapsed_s, timeout)
        if "internal error" in error:
            summary.problems.append(f"{name}: {error}")
        summary.reasons[_reason(error, shown)] += 1
        return
    if command == "check":
        if verdict not in VERDICT_EXIT:
            summary.problems.append(f"{name}: verdict {verdict!r}")
        for result in answer.get("results", []):
            if "could not run" in result.get("message", ""):
                summary.problems.append(f"{name}: rule {result.get('rule')}: {result.get('message')}")
    else:
        missing = [k for k in ("pages", "format", "sections", "identity") if k not in answer]
        if missing:
            summary.problems.append(f"{name}: inspect answer lacks {missing}")


def run(files: list[Path], *, command: str, jobs: int, timeout: float, batch: int, venue: str,
        extra: tuple[str, ...] = (), progress: bool = False) -> Summary:
    summary = Summary()
    for start in range(0, len(files), batch):
        run_batch(command, files[start: start + batch], jobs=jobs, timeout=timeout, venue=venue, summary=summary,
                  extra=extra)
        if progress:
            print(f"  {min(start + batch, len(files))}/{len(files)} files, {len(summary.problems)} problems",
                  file=sys.stderr, flush=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000, help="mutated files to make (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--command", choices=["check", "inspect"], default="check")
    parser.add_argument("--venue", default="iclr2026-trustworthy-ai")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="wscheck's per-file --timeout")
    parser.add_argument("--batch", type=int, default=100, help="files per wscheck run")
    parser.add_argument("--keep", type=Path, help="write the mutated files here and keep them")
    parser.add_argument("--no-extras", action="store_true", help="PDF mutations only: no file-name or rule-file phase")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="wscheck-fuzz-") as scratch:
        folder = args.keep or Path(scratch)
        started = time.monotonic()
        files = generate(args.count, args.seed, folder / "pdfs")
        print(f"made {len(files)} mutated PDFs in {folder} ({time.monotonic() - started:.1f} s); running "
              f"`wscheck {args.command} --format json --jobs {args.jobs} --timeout {args.timeout:g}` in batches of "
              f"{args.batch}", file=sys.stderr, flush=True)
        summary = run(files, command=args.command, jobs=args.jobs, timeout=args.timeout, batch=args.batch,
                      venue=args.venue, progress=True)
        expected = args.count
        if args.command == "check" and not args.no_extras:
            named = generate_names(max(1, args.count // 20), args.seed, folder / "names")
            summary.add(run_names(named, jobs=args.jobs, timeout=args.timeout, batch=args.batch, venue=args.venue,
                                  progress=True))
            rules = max(1, args.count // 10)
            summary.add(run_rules(rules, args.seed, folder / "rules", timeout=args.timeout, progress=True))
            expected += len(named) + rules
    print(f"wscheck {args.command}, seed {args.seed}")
    print(summary.report())
    ok = not summary.problems and not summary.tracebacks and not summary.timeouts and summary.files == expected
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
