"""`wscheck check` over many files: reports written as papers finish, in input order, in bounded memory.

    requests -> papers the journal holds (--resume) ------------------------------+
             -> the others: workers (wscheck.batch; --cache inside) -> journal ----+
                -> input order (_Sequencer) -> finish (config, notes, --warn-only) -> each report's Writer

- Each report format has a Writer (wscheck.reporters.streaming) that gets the
  papers one at a time, in input order, as soon as each one's turn comes: to
  stdout at once, to a file through a temporary file that is renamed into place
  only when the batch is complete (wscheck.fileio.atomic_output).
- Papers finish out of order (the largest files start first); the few that wait
  for an earlier one are held in memory, and beyond MAX_HELD on disk, so the
  parent never holds a batch's reports.
- A batch with a report file keeps a journal beside it (wscheck.journal) for
  `--resume`; `--cache DIR` lets workers skip unchanged papers
  (wscheck.report_cache).
"""
from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from wscheck import batch, reporters
from wscheck.errors import UsageError
from wscheck.model import PaperReport
from wscheck.reporters.streaming import Tally, Writer
from wscheck.textsafe import clean, display_path

MAX_HELD = 8  # reports waiting for an earlier paper, kept in memory; more wait in a temporary file


@dataclass
class Target:
    """One report of the run: its format, and its file (None or "-" for stdout)."""

    format: str
    path: str | None

    @property
    def to_stdout(self) -> bool:
        return self.path in (None, "-")


@dataclass
class Limits:
    jobs: int = 1
    timeout: float | None = batch.DEFAULT_TIMEOUT_S
    memory_mb: int | None = batch.DEFAULT_MEMORY_MB


@dataclass
class Outcome:
    """What the run did, for the exit code and the closing lines on stderr."""

    tally: Tally = field(default_factory=Tally)
    resumed: int = 0  # papers taken from the journal of an interrupted run
    cached: int = 0  # papers taken from --cache


@dataclass
class Hooks:
    """What the command line does around each paper (all optional)."""

    finish: Callable[[PaperReport], None] = lambda report: None  # before any writer sees the paper
    tell: Callable[[PaperReport], None] = lambda report: None  # after the writers (e.g. its errors on stderr)
    advance: Callable[[int], None] = lambda count: None  # papers done, for a progress bar
    say: Callable[[str], None] = lambda line: None  # a line for the user (stderr)


def run(task: Callable[[Any], PaperReport], requests: Sequence, targets: Sequence[Target], options: dict[str, Any], *,
        on_error: Callable[[Any, str], PaperReport], limits: Limits, hooks: Hooks | None = None,
        journal_file: str | None = None, resume: bool = False, run_digest: str = "",
        shrink: Callable[[PaperReport, int], PaperReport] | None = None) -> Outcome:
    """Check every request and write every target's report; KeyboardInterrupt leaves the journal for --resume."""
    hooks = hooks or Hooks()
    journal, keys = _open_journal(journal_file, resume, requests, run_digest, hooks)
    if journal is not None and journal.resumed:
        _remove_leftovers([str(t.path) for t in targets if not t.to_stdout])
    state = _Run(requests, hooks, journal if resume else None, keys)
    try:
        with contextlib.ExitStack() as files, _sigterm_interrupts():
            for target in targets:
                stream = sys.stdout if target.to_stdout else files.enter_context(_report_file(str(target.path)))
                writer = reporters.writer(target.format)
                with _writing(target):
                    writer.begin(stream, {**options, "output": None if target.to_stdout else target.path})
                state.writers.append((writer, stream, target))
            todo = state.start()

            def done(position: int, report: PaperReport) -> None:
                index = todo[position]
                state.outcome.cached += report.cached
                hooks.advance(1)
                if journal is not None and _journaled(report):
                    with _writing(Target("", journal.path)):
                        journal.append(keys[index], report)
                state.sequencer.add(index, report)

            batch.run_each(task, [requests[i] for i in todo], done, on_error=on_error, jobs=limits.jobs,
                           timeout=limits.timeout, memory_mb=limits.memory_mb, cost=batch.file_size, shrink=shrink)
            state.end()
    except KeyboardInterrupt:
        if journal is not None:
            journal.close()
            saved = sum(key in journal.done for key in keys)
            hooks.say(f"{saved} of {len(requests)} papers are saved in {journal.path}; "
                      "run the same command with --resume to check only the others")
        raise
    finally:
        state.sequencer.close()
        if journal is not None:
            journal.close()
    if journal is not None:
        journal.close(remove=True)
    return state.outcome


class _Run:
    """One batch's papers on their way to the writers, in input order."""

    def __init__(self, requests: Sequence, hooks: Hooks, journal, keys: list[str]):
        self.requests, self.hooks, self.journal, self.keys = requests, hooks, journal, keys
        self.writers: list[tuple[Writer, IO[str], Target]] = []
        self.outcome = Outcome()
        self.sequencer = _Sequencer(len(requests), self.emit, self.from_journal)

    def start(self) -> list[int]:
        """The papers left to check; those the journal holds go out first, as their turns come."""
        done = self.journal.done if self.journal is not None else {}
        todo = [i for i, key in enumerate(self.keys or [""] * len(self.requests)) if key not in done]
        if self.journal is not None and self.journal.resumed:
            self.hooks.say(_resume_line(len(self.requests) - len(todo), len(self.requests), self.journal))
        self.sequencer.drain()
        return todo

    def from_journal(self, index: int) -> PaperReport | None:
        if self.journal is None or self.keys[index] not in self.journal.done:
            return None
        self.outcome.resumed += 1
        self.hooks.advance(1)
        return self.journal.load(self.keys[index])

    def emit(self, report: PaperReport) -> None:
        self.hooks.finish(report)
        self.outcome.tally.add(report)
        for writer, stream, target in self.writers:
            with _writing(target):
                writer.paper(report)
                stream.flush()
        self.hooks.tell(report)

    def end(self) -> None:
        if self.sequencer.next != len(self.requests):  # every paper is delivered, or the batch raised
            raise RuntimeError(f"the batch delivered {self.sequencer.next} of {len(self.requests)} papers")
        for writer, _stream, target in self.writers:
            with _writing(target):
                writer.end()


@contextlib.contextmanager
def _writing(target: Target) -> Iterator[None]:
    """A report file that cannot be written (disk full, a removed folder) is a clean error, not a traceback;
    stdout's errors (a closed pipe) go on to the command line, which knows them."""
    try:
        yield
    except OSError as exc:
        if target.to_stdout:
            raise
        raise UsageError(f"cannot write {clean(display_path(str(target.path)))}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _report_file(path: str) -> Iterator[IO[str]]:
    """`atomic_output(path)`, its own failures (making the temporary file, renaming it) made clean errors."""
    from wscheck.fileio import atomic_output

    manager = atomic_output(path)
    with _writing(Target("", path)):
        stream = manager.__enter__()
    try:
        yield stream
    except BaseException:
        manager.__exit__(*sys.exc_info())
        raise
    with _writing(Target("", path)):
        manager.__exit__(None, None, None)


def shard(requests: Sequence, number: int, count: int) -> list:
    """The `number`-th (1-based) of `count` contiguous, near-equal slices: concatenated in order, the slices are
    the whole list, so shard outputs concatenate into the output of one run."""
    total = len(requests)
    return list(requests[(number - 1) * total // count:number * total // count])


def rule_columns(rule_set, tracks: set, stage: str) -> list[str]:
    """The rules that can run in a batch (enabled, and `when` allows one of its tracks and its stage), in rule-set
    order: the csv's columns, known before the first paper. A rule that depends on the detected format counts."""
    columns = []
    for rule in rule_set.rules.values():
        when = rule.when or {}
        if not rule.enabled or stage not in when.get("stage", [stage]):
            continue
        if "track" in when and not tracks & set(when["track"]):
            continue
        columns.append(rule.id)
    return columns


def _open_journal(journal_file: str | None, resume: bool, requests: Sequence, run_digest: str, hooks: Hooks):
    if journal_file is None:
        return None, []
    from wscheck import journal as journal_module

    exists = os.path.exists(journal_file)
    if resume and not exists:
        hooks.say(f"--resume: no interrupted run to pick up ({journal_file} does not exist); checking every paper")
    elif exists and not resume:
        hooks.say(f"{journal_file} (an interrupted run's progress) is replaced; give --resume to pick it up instead")
    keys = journal_module.paper_keys(run_digest, requests)
    return journal_module.Journal(journal_file, resume), keys


def _remove_leftovers(paths: list[str]) -> None:
    """The temporary report files a killed run left beside its reports (SIGKILL gives it no time to remove
    them). Resuming a batch says that run is over; two runs writing one report at once is no supported case."""
    import glob

    for path in paths:
        target = os.path.realpath(path)
        pattern = os.path.join(glob.escape(os.path.dirname(target)), f".{glob.escape(os.path.basename(target))}.*.tmp")
        for leftover in glob.glob(pattern):
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def _resume_line(taken: int, total: int, journal) -> str:
    line = f"resuming: {taken} of {total} papers were checked by the interrupted run ({journal.path})"
    other = len(journal.done) - taken
    if other > 0 or journal.unreadable:
        line += (f"; {other + journal.unreadable} saved results are for other files, options or versions, or cut "
                 "short, and are not used")
    return line


def _journaled(report: PaperReport) -> bool:
    """A paper that could not be fully checked is checked again on --resume (its error may be the interruption)."""
    return not report.error and not report.errored_rules()


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM ends a batch as Ctrl-C does: temporary report files removed, the journal kept."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Sequencer:
    """Reports arrive in any order; `emit` gets them in input order.

    A report that must wait for an earlier one is held: the first MAX_HELD in memory,
    the rest pickled into an anonymous temporary file (this process's own, so
    reading it back is safe) until their turn.
    """

    def __init__(self, total: int, emit: Callable[[PaperReport], None], ready: Callable[[int], PaperReport | None]):
        self.total, self.emit, self.ready = total, emit, ready
        self.next = 0
        self.held: dict[int, PaperReport] = {}
        self.spilled: dict[int, tuple[int, int]] = {}
        self._spill: IO[bytes] | None = None

    def add(self, index: int, report: PaperReport) -> None:
        if index != self.next:
            self._hold(index, report)
            return
        self.emit(report)
        self.next += 1
        self.drain()

    def drain(self) -> None:
        while self.next < self.total:
            if self.next in self.held:
                report = self.held.pop(self.next)
            elif self.next in self.spilled:
                report = self._unspill(self.next)
            else:
                found = self.ready(self.next)
                if found is None:
                    return
                report = found
            self.emit(report)
            self.next += 1

    def _hold(self, index: int, report: PaperReport) -> None:
        if len(self.held) < MAX_HELD:
            self.held[index] = report
            return
        if self._spill is None:
            import tempfile

            self._spill = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        data = pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._spill.seek(0, os.SEEK_END)
        self._spill.write(data)
        self.spilled[index] = (offset, len(data))

    def _unspill(self, index: int) -> PaperReport:
        assert self._spill is not None
        offset, length = self.spilled.pop(index)
        self._spill.seek(offset)
        return pickle.loads(self._spill.read(length))  # noqa: S301 - written by this process just before

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None
