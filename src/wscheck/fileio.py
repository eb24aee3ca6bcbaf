"""Reading small input files within a size bound, and writing reports atomically.

Inputs (config, rule files, authors files, paper maps) are checked before they are
read: `read_bounded` looks at the open file's type and size first and then reads at
most `limit + 1` bytes, so a 1 GB "config" costs a stat, not a gigabyte of memory,
and a FIFO named like a config never blocks the run.

Reports are written to a temporary file in the target's folder and renamed into
place (`atomic_output`): two runs writing the same report never interleave, and an
interrupted run leaves the previous report as it was.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO


class TooLarge(ValueError):
    """A file that is larger than its limit, or not a regular file; the message is one line."""


def size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} bytes"


def read_bounded(path: str | os.PathLike, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; TooLarge or OSError otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TooLarge(f"the {what} is not a regular file")
        if info.st_size > limit:
            raise TooLarge(f"the {what} is {size_text(info.st_size)}; the limit is {size_text(limit)}")
        chunks = []
        remaining = limit + 1  # the file may grow between the stat and the read
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(f"the {what} is larger than {size_text(limit)}")
    return data


def read_text_bounded(path: str | os.PathLike, limit: int, what: str = "file", encoding: str = "utf-8") -> str:
    """`read_bounded`, decoded (UnicodeDecodeError when it is not `encoding`)."""
    return read_bounded(path, limit, what).decode(encoding)


@contextmanager
def atomic_output(path: str) -> Iterator[IO[str]]:
    """A text stream whose content replaces `path` only when the block ends without an error.

    A symbolic link is followed (the file it names is replaced, the link stays); a path that
    names no regular file (/dev/stdout, a FIFO) is written to as a stream, as nothing there
    can be replaced.
    """
    try:
        regular = stat.S_ISREG(os.stat(path).st_mode)  # the kernel follows /dev/stdout -> /proc/self/fd/1
    except FileNotFoundError:
        regular = True  # a new file
    target = os.path.realpath(path)
    if not regular or not os.path.isdir(os.path.dirname(target)):
        with open(path, "w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                     dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode_for(path: str) -> int:
    """The permissions an existing report has, else what a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when both paths name the same existing file (hard links and symbolic links included)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
