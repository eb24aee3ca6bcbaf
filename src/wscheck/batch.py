"""Run one task per file in worker processes: parallel, bounded in time, memory and output.

Files are handled by worker processes (forked once and reused for a few dozen
files, see TASKS_PER_WORKER), so a hostile PDF that hangs, exhausts memory or
crashes the native parser costs one error row, never the batch. `run_all`
gives the results in input order whatever the number of jobs; `run_each`
hands each one to the caller as it finishes and keeps none (a batch of any
size: wscheck.check_batch puts them in order).

Bounds, per file, in every command and whether one file or many are given:
- time: the worker is killed (SIGKILL) when `timeout` seconds have passed;
- memory: the worker's data segment (heap and anonymous mappings, which is where
  PDFium and pypdf allocate) is capped at `memory_mb` with RLIMIT_DATA, so a
  decompression bomb ends in an allocation failure inside the worker, reported
  as "exceeded the memory limit";
- output: a worker sends back at most `max_result_bytes` per file; a larger
  result is first made smaller by `shrink` (which says so in the result), else
  it becomes an error row. The parent never reads more than that bound.
Memory one file leaves behind does not count against the next: after each file
a worker frees it (garbage collection, then malloc_trim), and a worker still
larger than `retire_rss_mb` is replaced by a fresh one.
Workers never outlive the parent: on Linux the kernel kills them when it dies
(PR_SET_PDEATHSIG); elsewhere a watchdog thread in the worker checks that the
parent is alive. Each worker also keeps its own time limit (RLIMIT_CPU, and the
watchdog's clock where there is one), so an orphan can never run unbounded.
Workers are forked where the platform can fork (Linux, macOS). Elsewhere
(Windows) each file gets a spawned process: the time bound holds, counted from
the moment the child has started (interpreter start-up is not the file's time);
the memory bound does not (there is no RLIMIT_DATA). macOS does not enforce
RLIMIT_DATA on mappings either, so there only the time bound is certain.
`isolate=False` runs everything in this process, without bounds (for tests and
debugging).
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
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MEMORY_MB = 2048
MAX_JOBS = 256
MAX_RESULT_BYTES = 64 * 1024 * 1024  # what a worker may send back for one file
RETIRE_RSS_MB = 96  # a worker still this large after a file (and after freeing what it could) is replaced
# A worker's own limit beyond the parent's per-file timeout: it only matters when the parent
# can no longer enforce it (the parent is gone or stopped).
OWN_LIMIT_SLACK_S = 5.0
STARTUP_TIMEOUT_S = 120.0  # a spawned child must have started (interpreter, imports) within this
WATCH_INTERVAL_S = 1.0  # how often a watchdog thread looks at the parent and the clock
_EXIT_ORPHANED = 75
_EXIT_OVERTIME = 76


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
    shrink: Callable[[R, int], R] | None = None,
    max_result_bytes: int = MAX_RESULT_BYTES,
    retire_rss_mb: int | None = RETIRE_RSS_MB,
) -> list[R]:
    """`task(item)` for every item, as a list in input order; failures become `on_error(item, reason)`.

    `method` is "fork" or "spawn" (default: fork where possible); a spawned
    task and its items must be picklable. `cost(item)` estimates an item's work:
    with several jobs, the costliest items start first so that one large file
    does not run alone at the end (results still come back in input order).
    `shrink(result, max_bytes)` makes a result that is too large to send back
    smaller (a module-level function when spawning). `on_done(index, result)`
    is called as each result arrives (in the order they finish). A batch too
    large to hold every result uses `run_each`.
    """
    results: list[Any] = [None] * len(items)

    def keep(index: int, result) -> None:
        results[index] = result
        if on_done:
            on_done(index, result)

    run_each(task, items, keep, on_error=on_error, jobs=jobs, timeout=timeout, memory_mb=memory_mb,
             isolate=isolate, method=method, cost=cost, shrink=shrink, max_result_bytes=max_result_bytes,
             retire_rss_mb=retire_rss_mb)
    return results


def run_each(
    task: Callable[[T], R],
    items: Sequence[T],
    on_done: Callable[[int, R], None],
    *,
    on_error: Callable[[T, str], R],
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    isolate: bool = True,
    method: str | None = None,
    cost: Callable[[T], float] | None = None,
    shrink: Callable[[R, int], R] | None = None,
    max_result_bytes: int = MAX_RESULT_BYTES,
    retire_rss_mb: int | None = RETIRE_RSS_MB,
) -> None:
    """`run_all` without the list: each result goes to `on_done(index, result)` as it finishes, and only there.

    Nothing is kept here, so the caller decides what a batch of any size holds in
    memory. `retire_rss_mb`: a worker whose resident memory, after it has freed
    what the file left behind, is above this many MB is replaced before its next
    file (module doc).
    """
    if not items:
        return
    if not isolate:
        _run_inline(task, items, on_error, on_done)
        return
    # more children than files is pointless, and select() cannot watch more than ~1000 pipes
    jobs = max(1, min(jobs, len(items), MAX_JOBS))
    method = method or ("fork" if can_fork() else "spawn")
    order = _schedule(items, jobs, cost)
    limits = _Limits(timeout, memory_mb, max_result_bytes, shrink, retire_rss_mb)
    if method == "spawn":
        _run_spawned(task, items, on_error, jobs, limits, on_done, order)
    else:
        _run_forked(task, items, on_error, jobs, limits, on_done, order)


class _Limits:
    """The bounds every worker applies to each file (picklable, for spawned children)."""

    __slots__ = ("timeout", "memory_mb", "max_result_bytes", "shrink", "retire_rss_mb")

    def __init__(self, timeout, memory_mb, max_result_bytes, shrink, retire_rss_mb=None):
        self.timeout, self.memory_mb = timeout, memory_mb
        self.max_result_bytes, self.shrink = max_result_bytes, shrink
        self.retire_rss_mb = retire_rss_mb

    def __getstate__(self):
        return (self.timeout, self.memory_mb, self.max_result_bytes, self.shrink, self.retire_rss_mb)

    def __setstate__(self, state):
        self.timeout, self.memory_mb, self.max_result_bytes, self.shrink, self.retire_rss_mb = state


def file_size(item) -> float:
    """A file's size in bytes (an item's `path`, or the item itself): the costliest files start first."""
    path = getattr(item, "path", item)
    try:
        return float(os.path.getsize(path))
    except (OSError, TypeError, ValueError):
        return 0.0


def _schedule(items, jobs: int, cost) -> list[int]:
    """The order to start items in: costliest first when several jobs share the work."""
    order = list(range(len(items)))
    if cost is not None and jobs > 1:
        order.sort(key=lambda index: -cost(items[index]))
    return order


def _run_inline(task, items, on_error, on_done) -> None:
    for index, item in enumerate(items):
        try:
            result = task(item)
        except MemoryError:
            result = on_error(item, "ran out of memory")
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            result = on_error(item, f"internal error: {type(exc).__name__}: {exc}")
        on_done(index, result)


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
# of the next item (4 bytes) and reads back a header (length, flags) and a pickle.
# Forking once per worker rather than once per file saves the copy-on-write faults
# a fresh child takes on the parent's memory (about 30 ms a file). A worker that
# times out or dies is replaced. Memory a file leaves behind must not count against
# the next ones: the worker collects its garbage and gives freed heap back to the
# system (_reclaim_memory: without it a worker grew from 47 to 90 MB over 32 corpus
# papers) after its first file and whenever it has grown by RECLAIM_GROWTH_MB since
# (each time costs ~4 ms); it retires, saying so in the result's flags, when its
# resident memory is still above `retire_rss_mb`, or after TASKS_PER_WORKER files.
TASKS_PER_WORKER = 32
RECLAIM_GROWTH_MB = 8
_INDEX = struct.Struct(">I")
_HEADER = struct.Struct(">QB")  # result length, flags
_RETIRING = 1  # flag: the worker exits after this result


def _worker_main(task, items, task_fd: int, result_fd: int, limits: _Limits, parent_pid: int) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # a native crash is reported as this file's error row, not as a stack dump on stderr
        faulthandler.disable()
        deadline: list[float | None] = [None]
        _die_with_parent(parent_pid, lambda: deadline[0])
        _no_core_files()
        if limits.memory_mb:
            _limit_memory(limits.memory_mb)
        # the objects inherited from the parent (modules, rule set) need no collecting,
        # and the thousands of small records a paper allocates hold no cycles worth
        # collecting every 700 allocations (the cycles they do hold go after each file)
        gc.freeze()
        gc.set_threshold(20_000, 20, 20)
        settled: float | None = None  # resident MB after the last time this worker freed memory
        for done in range(1, TASKS_PER_WORKER + 1):
            header = _read_exactly(task_fd, _INDEX.size)
            if header is None:
                break  # the parent has no more work, or is gone
            index = _INDEX.unpack(header)[0]
            _limit_cpu(limits.timeout)
            if limits.timeout:
                deadline[0] = time.monotonic() + limits.timeout + OWN_LIMIT_SLACK_S
            data = _encode(_execute(task, items[index], limits.memory_mb), limits)
            deadline[0] = None
            resident = resident_mb()
            if settled is None or resident is None or resident > settled + RECLAIM_GROWTH_MB:
                _reclaim_memory()
                resident = settled = resident_mb()
            retiring = done == TASKS_PER_WORKER or bool(
                limits.retire_rss_mb and resident is not None and resident > limits.retire_rss_mb)
            _write_all(result_fd, _HEADER.pack(len(data), _RETIRING if retiring else 0) + data)
            if retiring:
                break
    except BaseException:  # noqa: BLE001 - the worker must always end here
        status = 70
    finally:
        os._exit(status)


def _reclaim_memory() -> None:
    """Free what the last file left: its reference cycles, then the heap pages malloc keeps (glibc)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_TRIM: list = []  # [malloc_trim or None], looked up once per process


def _malloc_trim():
    if not _TRIM:
        try:
            import ctypes

            _TRIM.append(ctypes.CDLL(None).malloc_trim if sys.platform.startswith("linux") else None)
        except (OSError, AttributeError, TypeError):  # not glibc (musl), or no ctypes
            _TRIM.append(None)
    return _TRIM[0]


def resident_mb() -> float | None:
    """This process's resident memory now (Linux), else its peak so far; None where neither is known."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, kB elsewhere
    except (ImportError, OSError, ValueError):
        return None


def _encode(payload: tuple[str, Any], limits: _Limits) -> bytes:
    """The pickled payload, within `limits.max_result_bytes`: shrunk, or replaced by an error, when larger."""
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001
        data = pickle.dumps(("error", f"internal error: result not serialisable ({exc})"))
    if len(data) > limits.max_result_bytes and payload[0] == "ok" and limits.shrink is not None:
        try:
            data = pickle.dumps(("ok", limits.shrink(payload[1], limits.max_result_bytes)),
                                protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - the size check below turns it into an error row
            pass
    if len(data) > limits.max_result_bytes:
        data = pickle.dumps(("error", _too_large_reason(len(data), limits.max_result_bytes)))
    return data


def _too_large_reason(size: int, limit: int) -> str:
    return (f"the result for this file ({size / 1e6:.0f} MB) is larger than the {limit / 1e6:.0f} MB a worker "
            "may send back")


# -- workers die with their parent and keep their own time limit -------------------------------
def _die_with_parent(parent_pid: int, deadline: Callable[[], float | None]) -> None:
    """Make sure this worker ends when the parent does (module doc): the kernel's signal, else a watchdog."""
    if sys.platform.startswith("linux") and _set_parent_death_signal():
        if os.getppid() != parent_pid:  # the parent died before the request took effect
            os._exit(_EXIT_ORPHANED)
        return
    _start_watchdog(lambda: os.getppid() == parent_pid, deadline)


def _set_parent_death_signal() -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1  # <linux/prctl.h>
        return libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError, TypeError):
        return False


def _start_watchdog(parent_alive: Callable[[], bool], deadline: Callable[[], float | None]) -> None:
    """A thread that ends this process when the parent is gone or the current file runs past `deadline()`."""

    def watch() -> None:
        while True:
            time.sleep(WATCH_INTERVAL_S)
            if not parent_alive():
                os._exit(_EXIT_ORPHANED)
            limit = deadline()
            if limit is not None and time.monotonic() > limit:
                os._exit(_EXIT_OVERTIME)

    threading.Thread(target=watch, name="wscheck-watchdog", daemon=True).start()


def _limit_cpu(timeout: float | None) -> None:
    """RLIMIT_CPU for the next file: the CPU time used so far plus the per-file timeout and a margin."""
    if not timeout:
        return
    try:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF)
        limit = int(usage.ru_utime + usage.ru_stime + timeout + OWN_LIMIT_SLACK_S) + 1
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass


def _no_core_files() -> None:
    """A worker killed by its own limits (SIGXCPU, SIGABRT from a refused allocation) leaves no core file."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    except (ImportError, ValueError, OSError):
        pass


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

    def take(self, max_bytes: int) -> tuple[str, Any] | None:
        """The next complete result in the buffer, if one has arrived; a retiring worker is marked done.

        A result announced as larger than `max_bytes` is never read: ("too-large", its size).
        """
        if len(self.buffer) < _HEADER.size:
            return None
        length, flags = _HEADER.unpack_from(self.buffer)
        if length > max_bytes:
            return ("too-large", length)
        end = _HEADER.size + length
        if len(self.buffer) < end:
            return None
        data = bytes(self.buffer[_HEADER.size:end])
        del self.buffer[:end]
        if flags & _RETIRING:
            self.done = TASKS_PER_WORKER  # it exits after this result: no more work for it
        try:
            return pickle.loads(data)  # noqa: S301 - our own worker's output
        except Exception:  # noqa: BLE001
            return ("error", "internal error: the worker's result could not be read")


def _start_worker(task, items, workers: list[_Worker], limits: _Limits) -> _Worker:
    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    parent_pid = os.getpid()
    pid = os.fork()
    if pid == 0:  # worker
        os.close(task_w)
        os.close(result_r)
        for other in workers:  # a sibling's pipe held open here would hide its death
            os.close(other.task_fd)
            os.close(other.result_fd)
        _worker_main(task, items, task_r, result_w, limits, parent_pid)
    os.close(task_r)
    os.close(result_w)
    return _Worker(pid, task_w, result_r)


def _run_forked(task, items, on_error, jobs, limits: _Limits, on_done, order) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    _ForkedRun(task, items, on_error, jobs, limits, on_done).run(order)


class _ForkedRun:
    """One batch over forked, reused workers: hand out items, read results, enforce the time limit."""

    def __init__(self, task, items, on_error, jobs: int, limits: _Limits, on_done):
        self.task, self.items, self.on_error, self.on_done = task, items, on_error, on_done
        self.jobs, self.limits = jobs, limits
        self.workers: list[_Worker] = []

    def run(self, order: list[int]) -> None:
        pending = list(reversed(order))  # popped from the end
        try:
            while pending or any(w.index is not None for w in self.workers):
                self._hand_out(pending)
                busy = [w for w in self.workers if w.index is not None]
                if busy:
                    self._collect(busy)
                    self._enforce_deadlines()
        finally:
            for worker in list(self.workers):
                worker.index = None  # an interrupted run delivers nothing more
                self._retire(worker, None, kill=True)

    def _deliver(self, index: int, result) -> None:
        self.on_done(index, result)

    def _retire(self, worker: _Worker, reason: str | None, kill: bool) -> None:
        """Remove a worker; its unfinished item, if any, becomes an error row."""
        self.workers.remove(worker)
        if kill:
            _kill(worker.pid)
        os.close(worker.task_fd)
        os.close(worker.result_fd)
        status, peak_kb = _reap(worker.pid)
        if worker.index is None:
            return
        if reason is None:
            signal_number = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else None
            exit_code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else None
            reason = _death_reason(signal_number, self.limits.memory_mb, peak_kb, exit_code, self.limits.timeout)
        self._deliver(worker.index, self.on_error(self.items[worker.index], reason))

    def _hand_out(self, pending: list[int]) -> None:
        timeout = self.limits.timeout
        idle = [w for w in self.workers if w.index is None and w.done < TASKS_PER_WORKER]
        while pending and len(self.workers) < self.jobs and len(idle) < len(pending):
            worker = _start_worker(self.task, self.items, self.workers, self.limits)
            self.workers.append(worker)
            idle.append(worker)
        for worker in idle:
            if not pending:
                break
            index = pending.pop()
            try:
                _write_all(worker.task_fd, _INDEX.pack(index))
            except OSError:  # it died between tasks: retry the item on another worker
                pending.append(index)
                self._retire(worker, None, kill=True)
                continue
            worker.index, worker.done = index, worker.done + 1
            worker.deadline = time.monotonic() + timeout if timeout else None
        for worker in [w for w in self.workers if w.index is None and w.done >= TASKS_PER_WORKER]:
            self._retire(worker, None, kill=False)  # retired after its share: EOF on its task pipe

    def _collect(self, busy: list[_Worker]) -> None:
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        wait = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready, _, _ = select.select([w.result_fd for w in busy], [], [], wait)
        limit = self.limits.max_result_bytes
        for worker in [w for w in busy if w.result_fd in ready]:
            chunk = os.read(worker.result_fd, 1 << 16)
            if not chunk:
                self._retire(worker, None, kill=False)  # it died: crash, signal or memory
                continue
            worker.buffer += chunk
            message = worker.take(limit)
            if message is None or worker.index is None:
                continue
            if message[0] == "too-large":
                self._retire(worker, _too_large_reason(message[1], limit), kill=True)
                continue
            kind, value = message
            index, worker.index, worker.deadline = worker.index, None, None
            self._deliver(index, value if kind == "ok" else self.on_error(self.items[index], value))

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for worker in [w for w in self.workers if w.index is not None]:
            if worker.deadline is not None and now >= worker.deadline:
                self._retire(worker, _timeout_reason(self.limits.timeout), kill=True)


def _timeout_reason(timeout: float | None) -> str:
    return f"timed out after {timeout:g} s (the per-file limit; see --timeout)"


def _death_reason(number: int | None, memory_mb: int | None, peak_kb: int | None = None,
                  exit_code: int | None = None, timeout: float | None = None) -> str:
    """Why a child ended without a result, from the signal or exit code that ended it and its peak memory."""
    # an allocation refused by RLIMIT_DATA ends PDFium with SIGABRT (or SIGSEGV, or
    # SIGKILL from the kernel); a peak near the limit says which it was
    near_limit = bool(memory_mb and peak_kb and peak_kb >= 0.6 * memory_mb * 1024)
    own_limit = f"ran past its own time limit ({timeout:g} s and a margin)" if timeout else "ran past its time limit"
    if exit_code == _EXIT_OVERTIME or number == getattr(signal, "SIGXCPU", None):
        return f"the analysis {own_limit}"
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
_STARTED = b"started"


def _spawn_main(task, item, connection, limits: _Limits) -> None:
    import multiprocessing

    parent = multiprocessing.parent_process()
    deadline: list[float | None] = [None]
    _start_watchdog(lambda: parent is None or parent.is_alive(), lambda: deadline[0])
    # start-up (the interpreter, imports, unpickling the task) is over: the file's time starts now
    connection.send_bytes(_STARTED)
    if limits.timeout:
        deadline[0] = time.monotonic() + limits.timeout + OWN_LIMIT_SLACK_S
    if limits.memory_mb:
        _limit_memory(limits.memory_mb)
    connection.send_bytes(_encode(_execute(task, item, limits.memory_mb), limits))
    connection.close()


class _Child:
    __slots__ = ("index", "process", "deadline", "started")

    def __init__(self, index: int, process, deadline: float):
        self.index, self.process, self.deadline, self.started = index, process, deadline, False


def _run_spawned(task, items, on_error, jobs, limits: _Limits, on_done, order) -> None:
    import multiprocessing
    from multiprocessing.connection import wait

    timeout = limits.timeout
    context = multiprocessing.get_context("spawn")
    pending = list(reversed(order))
    running: dict[Any, _Child] = {}  # connection -> child

    def finish(connection, child: _Child, payload, reason: str | None) -> None:
        child.process.join(5)
        connection.close()
        item = items[child.index]
        if payload is None:
            code = child.process.exitcode
            signal_number = -code if code is not None and code < 0 else None  # multiprocessing's convention
            exit_code = code if code is not None and code > 0 else None
            result = on_error(item, reason or _death_reason(signal_number, limits.memory_mb, None, exit_code,
                                                            timeout))
        else:
            kind, value = payload
            result = value if kind == "ok" else on_error(item, value)
        on_done(child.index, result)

    def receive(connection, child: _Child) -> None:
        """Read what the child sent: the start signal, then its result (or learn that it died)."""
        try:
            while connection.poll():
                data = connection.recv_bytes(limits.max_result_bytes)
                if data == _STARTED and not child.started:
                    child.started = True
                    child.deadline = time.monotonic() + timeout if timeout else float("inf")
                    continue
                del running[connection]
                finish(connection, child, _unpickle(data), None)
                return
        except (EOFError, OSError) as exc:
            del running[connection]
            reason = None if isinstance(exc, EOFError) else _too_large_reason(limits.max_result_bytes + 1,
                                                                            limits.max_result_bytes)
            if reason:
                child.process.kill()
            finish(connection, child, None, reason)

    try:
        while pending or running:
            while pending and len(running) < jobs:
                index = pending.pop()
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_spawn_main, args=(task, items[index], sender, limits),
                                          daemon=True)
                process.start()
                sender.close()
                running[receiver] = _Child(index, process, time.monotonic() + max(STARTUP_TIMEOUT_S, timeout or 0))
            deadlines = [child.deadline for child in running.values()]
            wait_s = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            for connection in wait(list(running), wait_s):
                receive(connection, running[connection])
            now = time.monotonic()
            for connection, child in list(running.items()):
                if now >= child.deadline:
                    child.process.kill()
                    del running[connection]
                    finish(connection, child, None, _timeout_reason(timeout) if child.started else
                           f"the worker process did not start within {STARTUP_TIMEOUT_S:g} s")
    finally:
        for connection, child in running.items():
            child.process.kill()
            child.process.join(5)
            connection.close()


def _unpickle(data: bytes):
    try:
        return pickle.loads(data)  # noqa: S301 - our own child's output
    except Exception:  # noqa: BLE001
        return ("error", "internal error: the worker's result could not be read")
