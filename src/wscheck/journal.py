"""`check --resume`: what an interrupted batch had finished, kept beside its report, and picked up again.

A batch that writes a report file (`--output FILE`, or `--report FORMAT=FILE`)
keeps a journal, `FILE.wscheck-resume`, next to the first such file while it runs:
one line per paper as it finishes, in the order papers finish, holding the
paper's exact report (wscheck.records) and a key. The report files themselves are
written to temporary files and renamed into place only when the batch is
complete, so an interrupted batch never leaves a truncated report, in any format.

When the batch completes, the journal is removed. When it is interrupted (Ctrl-C,
SIGTERM, a crash, SIGKILL, a power cut), the journal stays; running the same
command again with `--resume` takes every paper the journal holds and checks
only the others, then writes every report, in every format, as an uninterrupted
run would have. A paper is taken from the journal only when its key matches: the
same file (path, size, modification time), the same wscheck, rules and options
(wscheck.fingerprint). A line cut short by a kill is ignored, and so is anything
that does not read back as a report; those papers are checked again. Papers that
could not be fully checked (an error) are not journaled: they are tried again.
Without `--resume`, a journal left by an earlier run is replaced.
"""
from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence

from wscheck import records
from wscheck.errors import UsageError
from wscheck.fingerprint import digest_of, request_digest
from wscheck.model import PaperReport
from wscheck.textsafe import clean, display_path

SUFFIX = ".wscheck-resume"
HEADER = {"wscheck-resume": 1, "records": records.FORMAT}
MAX_LINE_BYTES = 256 * 1024 * 1024  # a journal line larger than this is not one we wrote


def journal_path(report_file: str) -> str:
    return report_file + SUFFIX


def paper_keys(run: str, requests: Sequence) -> list[str]:
    """Each request's key: its file as it is now (path, size, modification time) and what its report depends on."""
    keys = []
    for request in requests:
        try:
            info = os.stat(request.path)
            identity: list = [info.st_size, info.st_mtime_ns]
        except (OSError, ValueError):
            identity = [None, None]
        keys.append(digest_of({"request": request_digest(run, request), "path": os.fsencode(request.path).hex(),
                               "file": identity}))
    return keys


class Journal:
    """An append-only journal file; `done` maps the keys it holds to where their lines are."""

    def __init__(self, path: str, resume: bool):
        self.path = path
        self.done: dict[str, tuple[int, int]] = {}
        self.unreadable = 0  # lines that were cut short or are not ours
        self.resumed = False  # an earlier run's journal was read
        shown = clean(display_path(path))
        try:
            if resume and os.path.exists(path):
                self._fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
                self._scan()
                self.resumed = True
            else:
                flags = os.O_RDWR | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
                self._fd = os.open(path, flags, 0o644)
                os.write(self._fd, json.dumps(HEADER).encode("ascii") + b"\n")
        except OSError as exc:
            raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None

    def _scan(self) -> None:
        """Index the complete, readable lines; cut off a last line a kill left unfinished."""
        with os.fdopen(os.dup(self._fd), "rb") as handle:
            header = handle.readline(1024)
            try:
                ours = json.loads(header) == HEADER
            except ValueError:
                ours = False
            if not ours:
                raise UsageError(f"{clean(display_path(self.path))} is not a wscheck resume file (or one from "
                                 "another version); run without --resume to start again")
            offset = end = len(header)
            while line := handle.readline(MAX_LINE_BYTES + 1):
                if not line.endswith(b"\n"):
                    break  # cut short (or longer than any line we write): everything after it goes
                key = _key_of(line)
                if key is None:
                    self.unreadable += 1
                else:
                    self.done[key] = (offset, len(line))
                offset += len(line)
                end = offset
        os.ftruncate(self._fd, end)
        os.lseek(self._fd, end, os.SEEK_SET)

    def load(self, key: str) -> PaperReport:
        offset, length = self.done[key]
        os.lseek(self._fd, offset, os.SEEK_SET)
        line = b""
        while len(line) < length and (chunk := os.read(self._fd, length - len(line))):
            line += chunk
        return records.from_record(json.loads(line)["record"])

    def append(self, key: str, report: PaperReport) -> None:
        """One line, in one write: a kill leaves at most this line unfinished."""
        line = (json.dumps({"key": key, "record": records.to_record(report)}, ensure_ascii=True,
                           separators=(",", ":")) + "\n").encode("ascii")
        offset = os.lseek(self._fd, 0, os.SEEK_END)
        view = memoryview(line)
        while view:
            view = view[os.write(self._fd, view):]
        self.done[key] = (offset, len(line))

    def close(self, remove: bool = False) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if remove:
            with contextlib.suppress(OSError):
                os.unlink(self.path)


def _key_of(line: bytes) -> str | None:
    """The key of a journal line whose report reads back, else None."""
    try:
        entry = json.loads(line)
        key = entry["key"]
        records.from_record(entry["record"])
    except (ValueError, KeyError, TypeError, RecursionError, records.RecordError):
        return None
    return key if isinstance(key, str) else None
