"""`check --cache DIR`: a paper whose bytes, rules and options have not changed is not checked again.

Each entry is one paper's report (wscheck.records), compressed, in a file named
by its key: the sha256 of the PDF's bytes together with everything else the
report depends on (wscheck.fingerprint: this wscheck's code and version, the PDF
libraries, the rule set as it ran, the stage, the paper's track, authors and
evidence folder). A file renamed or moved keeps its entry; a file whose bytes
change gets a new one.

What the cache never does:
- trust another version: the key holds a digest of this install's code and rule
  data, so an upgrade or an edit misses every old entry (they age out);
- trust a damaged or foreign entry: the entry names its key and format, zlib
  checks its bytes, and the record is read strictly; anything wrong is a miss, and
  the entry is removed;
- keep a paper that could not be fully checked: a report with an error (the file,
  or any rule) is not stored, so the next run tries again;
- grow without bound: after a run, the least recently used entries are removed
  until the folder holds at most MAX_BYTES (a hit counts as a use).

Workers look entries up and store them (each write is a temporary file renamed
into place, so parallel workers and runs never see half an entry); the parent
prepares the folder and prunes it.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wscheck import records
from wscheck.errors import UsageError
from wscheck.fileio import TooLarge, read_bounded
from wscheck.fingerprint import digest_of, file_sha256, request_digest
from wscheck.model import PaperReport
from wscheck.textsafe import clean, display_path, path_bytes_hex

MAGIC = b"wscheck-cache 1\n"
SUFFIX = ".wsc"
MAX_BYTES = 512 * 1024 * 1024  # the whole folder
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # one compressed entry
MAX_RECORD_BYTES = 128 * 1024 * 1024  # one entry decompressed
PRUNE_TO = 0.9  # pruning removes entries down to this share of MAX_BYTES
STALE_TEMPORARY_S = 3600.0  # a temporary file this old belonged to a run that was killed


def prepare(folder: str) -> None:
    """Make the cache folder, or fail before the batch: a usage error naming why."""
    shown = clean(display_path(folder))
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(f"--cache {shown}: not a folder")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--cache {shown}: cannot make the folder ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"--cache {shown}: permission denied")


def storable(report: PaperReport) -> bool:
    """Only a report that says everything about its paper is kept (no error, no rule that could not run)."""
    return not report.error and not report.errored_rules()


@dataclass
class CachedCheck:
    """The task a worker runs with --cache: the cached report when there is one, else `task` and store it."""

    folder: str
    run: str  # fingerprint.run_digest of this run
    task: Callable[[Any], PaperReport]  # the check (runner.check_file), called with the request

    def __call__(self, request) -> PaperReport:
        before = _identity(request.path)
        digest = file_sha256(request.path) if before is not None else None
        key = digest_of({"request": request_digest(self.run, request), "pdf": digest}) if digest else None
        if key is not None:
            report = load(self.folder, key)
            if report is not None and _evidence_present(report):
                report.file = request.display_name or display_path(request.path)
                report.file_bytes = path_bytes_hex(request.path)
                report.cached = True
                return report
        report = self.task(request)
        # stored only when the file did not change while it was checked
        if key is not None and storable(report) and _identity(request.path) == before:
            store(self.folder, key, report)
        return report


def _identity(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _evidence_present(report: PaperReport) -> bool:
    """A cached report's evidence images are used only while they are all still there."""
    return all(isinstance(item.get("file"), str) and os.path.isfile(item["file"]) for item in report.evidence)


def entry_path(folder: str, key: str) -> str:
    return os.path.join(folder, key[:2], key + SUFFIX)


def load(folder: str, key: str) -> PaperReport | None:
    """The report stored under `key`, or None; a damaged entry is removed."""
    path = entry_path(folder, key)
    try:
        data = read_bounded(path, MAX_ENTRY_BYTES, "cache entry")
    except FileNotFoundError:
        return None
    except (OSError, TooLarge):
        _remove(path)
        return None
    try:
        if not data.startswith(MAGIC):
            raise records.RecordError("not a cache entry")
        inflater = zlib.decompressobj()
        text = inflater.decompress(data[len(MAGIC):], MAX_RECORD_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise records.RecordError("damaged or too large")
        header, _, body = text.partition(b"\n")
        if header != key.encode("ascii"):
            raise records.RecordError("the entry is another paper's")
        report = records.loads(body)
    except (records.RecordError, zlib.error, UnicodeDecodeError):
        _remove(path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: pruned last
    return report


def store(folder: str, key: str, report: PaperReport) -> None:
    """Keep `report` under `key` (best effort: a cache that cannot be written only costs time)."""
    body = key.encode("ascii") + b"\n" + records.dumps(report).encode("ascii")
    data = MAGIC + zlib.compress(body, 6)
    if len(data) > MAX_ENTRY_BYTES or len(body) > MAX_RECORD_BYTES:
        return
    path = entry_path(folder, key)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=os.path.dirname(path))
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        _remove(temporary)


def prune(folder: str, max_bytes: int = MAX_BYTES) -> int:
    """Remove the least recently used entries until the folder holds at most `max_bytes`; how many went."""
    entries: list[tuple[float, int, str]] = []
    now = time.time()
    try:
        shards = [entry.path for entry in os.scandir(folder) if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    for shard in shards:
        try:
            listing = list(os.scandir(shard))
        except OSError:
            continue
        for entry in listing:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.name.endswith(".tmp") and now - info.st_mtime > STALE_TEMPORARY_S:
                _remove(entry.path)
            elif entry.name.endswith(SUFFIX) and entry.is_file(follow_symlinks=False):
                entries.append((info.st_mtime, info.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    if total <= max_bytes:
        return 0
    removed = 0
    for _, size, path in sorted(entries):
        if total <= max_bytes * PRUNE_TO:
            break
        if _remove(path):
            total -= size
            removed += 1
    return removed


def _remove(path: str) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False
