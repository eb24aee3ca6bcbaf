"""Run one task per file in child processes: parallel, bounded in time and memory.

Files are handled in child processes (forked workers, each reused file after file
and replaced when one of its files fails it), so a hostile PDF that hangs,
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
import gc
import os
import pickle
import select
import signal
import struct
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
    cost: Callable[[T], float] | None = None,
) -> list[R]:
    """`task(item)` for every item; failures become `on_error(item, reason)`.

    `method` is "fork" or "spawn" (default: fork where possible); a spawned
    task and its items must be picklable. `cost(item)` estimates an item's work:
    with several jobs, the costliest items start first so that one large file
    does not run alone at the end (results still come back in input order).
    """
    if not isolate:
        return _run_inline(task, items, on_error, on_done)
    # more children than files is pointless, and select() cannot watch more than ~1000 pipes
    jobs = max(1, min(jobs, len(items), MAX_JOBS))
    method = method or ("fork" if can_fork() else "spawn")
    order = _schedule(items, jobs, cost)
    if method == "spawn":
        return _run_spawned(task, items, on_error, jobs, timeout, memory_mb, on_done, order)
    return _run_forked(task, items, on_error, jobs, timeout, memory_mb, on_done, order)


def _schedule(items, jobs: int, cost) -> list[int]:
    """The order to start items in: costliest first when several jobs share the work."""
    order = list(range(len(items)))
    if cost is not None and jobs > 1:
        order.sort(key=lambda index: -cost(items[index]))
    return order


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


def _execute(task, item, memory_mb: int | None) -> tuple[str, Any]:
    """Run one task: ("ok", result) or ("error", one-line reason)."""
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


# A worker is forked once and checks file after file; the parent sends it the index
# of the next item (4 bytes) and reads back a length-prefixed pickle. Forking once
# per worker rather than once per file saves the copy-on-write faults a fresh
# child takes on the parent's memory (about 30 ms a file). A worker that times
# out or dies is replaced, and each retires after TASKS_PER_WORKER files so that
# the memory one file leaves behind never counts against another for long.
TASKS_PER_WORKER = 32
_INDEX = struct.Struct(">I")
_LENGTH = struct.Struct(">Q")


def _worker_main(task, items, task_fd: int, result_fd: int, memory_mb: int | None) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # a native crash is reported as this file's error row, not as a stack dump on stderr
        faulthandler.disable()
        if memory_mb:
            _limit_memory(memory_mb)
        # the objects inherited from the parent (modules, rule set) need no collecting,
        # and the thousands of small records a paper allocates hold no cycles worth
        # collecting every 700 allocations
        gc.freeze()
        gc.set_threshold(20_000, 20, 20)
        for _ in range(TASKS_PER_WORKER):
            header = _read_exactly(task_fd, _INDEX.size)
            if header is None:
                break  # the parent has no more work
            index = _INDEX.unpack(header)[0]
            payload = _execute(task, items[index], memory_mb)
            try:
                data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # noqa: BLE001
                data = pickle.dumps(("error", f"internal error: result not serialisable ({exc})"))
            _write_all(result_fd, _LENGTH.pack(len(data)) + data)
    except BaseException:  # noqa: BLE001 - the worker must always end here
        status = 70
    finally:
        os._exit(status)


def _read_exactly(fd: int, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


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


class _Worker:
    __slots__ = ("pid", "task_fd", "result_fd", "index", "deadline", "buffer", "done")

    def __init__(self, pid: int, task_fd: int, result_fd: int):
        self.pid, self.task_fd, self.result_fd = pid, task_fd, result_fd
        self.index: int | None = None  # the item it is working on
        self.deadline: float | None = None
        self.buffer = bytearray()
        self.done = 0  # tasks handed to it

    def take(self) -> tuple[str, Any] | None:
        """The next complete result in the buffer, if one has arrived."""
        if len(self.buffer) < _LENGTH.size:
            return None
        length = _LENGTH.unpack_from(self.buffer)[0]
        end = _LENGTH.size + length
        if len(self.buffer) < end:
            return None
        data = bytes(self.buffer[_LENGTH.size:end])
        del self.buffer[:end]
        try:
            return pickle.loads(data)  # noqa: S301 - our own worker's output
        except Exception:  # noqa: BLE001
            return ("error", "internal error: the worker's result could not be read")


def _start_worker(task, items, workers: list[_Worker], memory_mb) -> _Worker:
    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # worker
        os.close(task_w)
        os.close(result_r)
        for other in workers:  # a sibling's pipe held open here would hide its death
            os.close(other.task_fd)
            os.close(other.result_fd)
        _worker_main(task, items, task_r, result_w, memory_mb)
    os.close(task_r)
    os.close(result_w)
    return _Worker(pid, task_w, result_r)


def _run_forked(task, items, on_error, jobs, timeout, memory_mb, on_done, order) -> list:
    results: list[Any] = [None] * len(items)
    pending = list(reversed(order))  # popped from the end
    workers: list[_Worker] = []
    sys.stdout.flush()
    sys.stderr.flush()

    def deliver(index: int, result) -> None:
        results[index] = result
        if on_done:
            on_done(index, result)

    def retire(worker: _Worker, reason: str | None, kill: bool) -> None:
        """Remove a worker; its unfinished item, if any, becomes an error row."""
        workers.remove(worker)
        if kill:
            _kill(worker.pid)
        os.close(worker.task_fd)
        os.close(worker.result_fd)
        status, peak_kb = _reap(worker.pid)
        if worker.index is not None:
            if reason is None:
                signal_number = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
                reason = _death_reason(signal_number, memory_mb, peak_kb)
            deliver(worker.index, on_error(items[worker.index], reason))

    try:
        while pending or any(w.index is not None for w in workers):
            idle = [w for w in workers if w.index is None and w.done < TASKS_PER_WORKER]
            while pending and len(workers) < jobs and len(idle) < len(pending):
                worker = _start_worker(task, items, workers, memory_mb)
                workers.append(worker)
                idle.append(worker)
            for worker in idle:
                if not pending:
                    break
                index = pending.pop()
                try:
                    _write_all(worker.task_fd, _INDEX.pack(index))
                except OSError:  # it died between tasks: retry the item on another worker
                    pending.append(index)
                    retire(worker, None, kill=True)
                    continue
                worker.index, worker.done = index, worker.done + 1
                worker.deadline = time.monotonic() + timeout if timeout else None
            for worker in [w for w in workers if w.index is None and w.done >= TASKS_PER_WORKER]:
                retire(worker, None, kill=False)  # retired after its share: EOF on its task pipe
            busy = [w for w in workers if w.index is not None]
            if not busy:
                continue
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready, _, _ = select.select([w.result_fd for w in busy], [], [], wait)
            for worker in [w for w in busy if w.result_fd in ready]:
                chunk = os.read(worker.result_fd, 1 << 16)
                if not chunk:
                    retire(worker, None, kill=False)  # it died: crash, signal or memory
                    continue
                worker.buffer += chunk
                message = worker.take()
                if message is not None:
                    kind, value = message
                    index, worker.index, worker.deadline = worker.index, None, None
                    deliver(index, value if kind == "ok" else on_error(items[index], value))
            now = time.monotonic()
            for worker in [w for w in workers if w.index is not None and w.deadline is not None]:
                if now >= worker.deadline:
                    retire(worker, _timeout_reason(timeout), kill=True)
    finally:
        for worker in list(workers):
            worker.index = None  # an interrupted run delivers nothing more
            retire(worker, None, kill=True)
    return results


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


def _run_spawned(task, items, on_error, jobs, timeout, memory_mb, on_done, order) -> list:
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn")
    results: list[Any] = [None] * len(items)
    pending = list(reversed(order))
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
