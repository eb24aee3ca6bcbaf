"""Run one task per file in child processes: parallel, bounded in time and memory.

Each file is handled by a fresh forked child, so a hostile PDF that hangs,
exhausts memory or crashes the native parser costs one error row, never the
batch. Results come back in input order whatever the number of jobs.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MEMORY_MB = 2048


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "win32"


def run_all(
    task: Callable[[T], R],
    items: Sequence[T],
    *,
    on_error: Callable[[T, str], R],
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    on_done: Callable[[int, R], None] | None = None,
    isolate: bool = True,
) -> list[R]:
    """`task(item)` for every item; failures become `on_error(item, reason)`."""
    if not isolate or not can_fork():
        return _run_inline(task, items, on_error, on_done)
    return _run_forked(task, items, on_error, max(1, jobs), timeout, memory_mb, on_done)


def _run_inline(task, items, on_error, on_done) -> list:
    results = []
    for index, item in enumerate(items):
        try:
            result = task(item)
        except MemoryError:
            result = on_error(item, "ran out of memory")
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            result = on_error(item, f"internal error: {type(exc).__name__}: {exc}")
        results.append(result)
        if on_done:
            on_done(index, result)
    return results


class _Child:
    __slots__ = ("index", "pid", "fd", "chunks", "deadline", "timed_out")

    def __init__(self, index: int, pid: int, fd: int, deadline: float | None):
        self.index, self.pid, self.fd, self.deadline = index, pid, fd, deadline
        self.chunks: list[bytes] = []
        self.timed_out = False


def _child_main(task, item, write_fd: int, memory_mb: int | None) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # a crash in the native parser is reported as an error row; a dump of
        # Python frames on stderr (if faulthandler is on) would only be noise
        import faulthandler

        faulthandler.disable()
        if memory_mb:
            _limit_memory(memory_mb)
        try:
            payload = ("ok", task(item))
        except MemoryError:
            payload = ("error", f"ran out of memory (limit {memory_mb} MB)")
        except RecursionError:
            payload = ("error", "the PDF is nested too deeply to analyse")
        except Exception as exc:  # noqa: BLE001
            payload = ("error", f"internal error: {type(exc).__name__}: {exc}")
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001
            data = pickle.dumps(("error", f"internal error: result not serialisable ({exc})"))
        view = memoryview(data)
        while view:
            written = os.write(write_fd, view)
            view = view[written:]
    except BaseException:  # noqa: BLE001 - the child must always end here
        status = 70
    finally:
        os._exit(status)


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        # RLIMIT_DATA bounds the heap (malloc, mmap'd arenas) without counting the
        # address space reserved by shared libraries, which RLIMIT_AS would.
        kind = getattr(resource, "RLIMIT_DATA", None) or resource.RLIMIT_AS
        soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(kind, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _run_forked(task, items, on_error, jobs, timeout, memory_mb, on_done) -> list:
    results: list[Any] = [None] * len(items)
    pending = list(range(len(items)))
    pending.reverse()
    running: dict[int, _Child] = {}  # fd -> child
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        while pending or running:
            while pending and len(running) < jobs:
                index = pending.pop()
                read_fd, write_fd = os.pipe()
                pid = os.fork()
                if pid == 0:  # child
                    os.close(read_fd)
                    for other in running:
                        os.close(other)
                    _child_main(task, items[index], write_fd, memory_mb)
                os.close(write_fd)
                deadline = time.monotonic() + timeout if timeout else None
                running[read_fd] = _Child(index, pid, read_fd, deadline)
            now = time.monotonic()
            deadlines = [c.deadline for c in running.values() if c.deadline is not None]
            wait = max(0.0, min(deadlines) - now) if deadlines else None
            ready, _, _ = select.select(list(running), [], [], wait)
            for fd in ready:
                child = running[fd]
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    child.chunks.append(chunk)
                    continue
                del running[fd]
                _finish(child, items, results, on_error, on_done, timeout, memory_mb)
            now = time.monotonic()
            for fd, child in list(running.items()):
                if child.deadline is not None and now >= child.deadline:
                    child.timed_out = True
                    _kill(child.pid)
                    del running[fd]
                    _finish(child, items, results, on_error, on_done, timeout, memory_mb)
    finally:
        for fd, child in running.items():
            _kill(child.pid)
            os.close(fd)
            _reap(child.pid)
    return results


def _finish(child: _Child, items, results, on_error, on_done, timeout, memory_mb) -> None:
    os.close(child.fd)
    status = _reap(child.pid)
    item = items[child.index]
    if child.timed_out:
        result = on_error(item, f"timed out after {timeout:g} s (the per-file limit; see --timeout)")
    else:
        result = None
        data = b"".join(child.chunks)
        if data:
            try:
                kind, value = pickle.loads(data)  # noqa: S301 - our own child's output
                result = value if kind == "ok" else on_error(item, value)
            except Exception:  # noqa: BLE001
                result = None
        if result is None:
            result = on_error(item, _death_reason(status, memory_mb))
    results[child.index] = result
    if on_done:
        on_done(child.index, result)


def _death_reason(status: int | None, memory_mb: int | None) -> str:
    if status is not None and os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
        if number in (signal.SIGKILL,):
            return f"the analysis was killed ({name}), probably for exceeding the memory limit ({memory_mb} MB)"
        if number == signal.SIGABRT:
            return f"the PDF reader aborted ({name}), probably out of memory (limit {memory_mb} MB) or a damaged file"
        return f"the PDF reader crashed on this file ({name})"
    return "the analysis ended without a result"


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> int | None:
    try:
        _, status = os.waitpid(pid, 0)
        return status
    except ChildProcessError:
        return None
