"""Run one task per file in child processes: parallel, bounded in time and memory.

Each file is handled by a fresh child process, so a hostile PDF that hangs,
exhausts memory or crashes the native parser costs one error row, never the
batch. Results come back in input order whatever the number of jobs.

Bounds, per file, in every command and whether one file or many are given:
- time: the child is killed (SIGKILL) when `timeout` seconds have passed;
- memory: the child's data segment (heap and anonymous mappings, which is where
  PDFium and pypdf allocate) is capped at `memory_mb` with RLIMIT_DATA, so a
  decompression bomb ends in an allocation failure inside the child, reported
  as "exceeded the memory limit".
Children are forked where the platform can fork (Linux, macOS). Elsewhere
(Windows) they are spawned: the time bound holds, the memory bound does not
(there is no RLIMIT_DATA). macOS does not enforce RLIMIT_DATA on mappings
either, so there only the time bound is certain. `isolate=False` runs
everything in this process, without bounds (for tests and debugging).
"""
from __future__ import annotations

import faulthandler
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
MAX_JOBS = 256


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
    method: str | None = None,
) -> list[R]:
    """`task(item)` for every item; failures become `on_error(item, reason)`.

    `method` is "fork" or "spawn" (default: fork where possible); a spawned
    task and its items must be picklable.
    """
    if not isolate:
        return _run_inline(task, items, on_error, on_done)
    # more children than files is pointless, and select() cannot watch more than ~1000 pipes
    jobs = max(1, min(jobs, len(items), MAX_JOBS))
    method = method or ("fork" if can_fork() else "spawn")
    if method == "spawn":
        return _run_spawned(task, items, on_error, jobs, timeout, memory_mb, on_done)
    return _run_forked(task, items, on_error, jobs, timeout, memory_mb, on_done)


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
    __slots__ = ("index", "pid", "fd", "chunks", "deadline", "timed_out", "peak_kb")

    def __init__(self, index: int, pid: int, fd: int, deadline: float | None):
        self.index, self.pid, self.fd, self.deadline = index, pid, fd, deadline
        self.chunks: list[bytes] = []
        self.timed_out = False
        self.peak_kb: int | None = None  # the child's peak resident memory, when the platform tells


def _execute(task, item, memory_mb: int | None) -> tuple[str, Any]:
    """Run the task in a child: ("ok", result) or ("error", one-line reason)."""
    if memory_mb:
        _limit_memory(memory_mb)
    try:
        return "ok", task(item)
    except MemoryError:
        return "error", _memory_reason(memory_mb)
    except RecursionError:
        return "error", "the PDF is nested too deeply to analyse (objects inside objects, thousands deep)"
    except Exception as exc:  # noqa: BLE001
        return "error", f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"


def _memory_reason(memory_mb: int | None) -> str:
    limit = f" of {memory_mb} MB" if memory_mb else ""
    return (f"exceeded the memory limit{limit} (a decompression bomb, or a PDF too large to analyse; "
            "see --memory-limit)")


def _child_main(task, item, write_fd: int, memory_mb: int | None) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # a native crash is reported as this file's error row, not as a stack dump on stderr
        faulthandler.disable()
        payload = _execute(task, item, memory_mb)
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
    status, child.peak_kb = _reap(child.pid)
    item = items[child.index]
    if child.timed_out:
        result = on_error(item, _timeout_reason(timeout))
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
            signal_number = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
            result = on_error(item, _death_reason(signal_number, memory_mb, child.peak_kb))
    results[child.index] = result
    if on_done:
        on_done(child.index, result)


def _timeout_reason(timeout: float | None) -> str:
    return f"timed out after {timeout:g} s (the per-file limit; see --timeout)"


def _death_reason(number: int | None, memory_mb: int | None, peak_kb: int | None = None) -> str:
    """Why a child ended without a result, from the signal that ended it and its peak memory."""
    # an allocation refused by RLIMIT_DATA ends PDFium with SIGABRT (or SIGSEGV, or
    # SIGKILL from the kernel); a peak near the limit says which it was
    near_limit = bool(memory_mb and peak_kb and peak_kb >= 0.6 * memory_mb * 1024)
    if number is not None:
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
        if near_limit:
            return _memory_reason(memory_mb)
        if number == signal.SIGKILL:
            return f"the analysis was killed ({name}), probably by the system for using too much memory"
        if number == signal.SIGABRT:
            return f"the PDF reader aborted ({name}) on this file: a damaged or hostile PDF"
        return f"the PDF reader crashed ({name}) on this file: a damaged or hostile PDF"
    if near_limit:
        return _memory_reason(memory_mb)
    return "the analysis ended without a result"


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> tuple[int | None, int | None]:
    """Wait for a child: its exit status and its peak resident memory in kB (None where unknown)."""
    try:
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(pid, 0)
            peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
            return status, peak
        _, status = os.waitpid(pid, 0)
        return status, None
    except ChildProcessError:
        return None, None


# -- spawned children (platforms without fork) -----------------------------------------------
def _spawn_main(task, item, connection, memory_mb: int | None) -> None:
    payload = _execute(task, item, memory_mb)
    try:
        connection.send(payload)
    except Exception as exc:  # noqa: BLE001
        connection.send(("error", f"internal error: result not serialisable ({exc})"))
    connection.close()


def _run_spawned(task, items, on_error, jobs, timeout, memory_mb, on_done) -> list:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn")
    results: list[Any] = [None] * len(items)
    pending = list(range(len(items)))
    pending.reverse()
    running: dict[Any, tuple[int, Any, float | None]] = {}  # connection -> (index, process, deadline)

    def finish(connection, index, process, reason: str | None) -> None:
        payload = None
        if reason is None:
            try:
                payload = connection.recv() if connection.poll() else None
            except (EOFError, OSError, pickle.UnpicklingError):
                payload = None
        process.join(5)
        connection.close()
        item = items[index]
        if payload is None:
            code = process.exitcode
            signal_number = -code if code is not None and code < 0 else None  # multiprocessing's convention
            result = on_error(item, reason or _death_reason(signal_number, memory_mb))
        else:
            kind, value = payload
            result = value if kind == "ok" else on_error(item, value)
        results[index] = result
        if on_done:
            on_done(index, result)

    try:
        while pending or running:
            while pending and len(running) < jobs:
                index = pending.pop()
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_spawn_main, args=(task, items[index], sender, memory_mb),
                                          daemon=True)
                process.start()
                sender.close()
                deadline = time.monotonic() + timeout if timeout else None
                running[receiver] = (index, process, deadline)
            deadlines = [d for _, _, d in running.values() if d is not None]
            wait_s = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            for connection in wait(list(running), wait_s):
                index, process, _ = running.pop(connection)
                finish(connection, index, process, None)
            now = time.monotonic()
            for connection, (index, process, deadline) in list(running.items()):
                if deadline is not None and now >= deadline:
                    process.kill()
                    del running[connection]
                    finish(connection, index, process, _timeout_reason(timeout))
    finally:
        for connection, (_, process, _) in running.items():
            process.kill()
            process.join(5)
            connection.close()
    return results
