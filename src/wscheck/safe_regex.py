"""Regular expressions from rule files: vetted when the rule set loads, time-bounded when they run.

Rule files are shared between workshops, so a pattern in one is untrusted input.
Python's `re` backtracks: `(a+)+$` against forty a's and a b takes longer than
the age of the universe. Two defences:

1. `problem(pattern)` refuses, at rule-load time, the constructs that make
   backtracking explode: backreferences, a repeat of variable length inside
   another repeat (`(a+)+`, `(\\w+\\s?)*`, `(a{1,3})+`), a repeated alternation
   whose branches can match the same text (`(a|ab)*`), a pattern that matches
   empty text (it would flag every line), and very long patterns.
2. `time_limit(seconds)` bounds the matching itself: on POSIX, in the main
   thread (each file is checked in the main thread of its own child process),
   an interval timer interrupts `re` (which checks for signals as it
   backtracks) and raises `PatternTimeout`. Elsewhere (Windows, other threads)
   only the vetting and the per-file time limit of wscheck.batch apply.
"""
from __future__ import annotations

import re
import signal
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

try:  # Python 3.11+
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MAX_PATTERN_LENGTH = 500

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}
_POSSESSIVE = getattr(_sre, "POSSESSIVE_REPEAT", None)  # Python 3.11+
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_BACKREFS = {_sre.GROUPREF, _sre.GROUPREF_EXISTS} | {getattr(_sre, "GROUPREF_IGNORE", _sre.GROUPREF)}


class UnsafePattern(ValueError):
    """A pattern refused by `problem`."""


class PatternTimeout(Exception):
    """Matching ran past its time limit."""


def problem(pattern: object, flags: int = 0) -> str | None:
    """Why `pattern` may not be used, as a phrase for an error message; None when it is safe."""
    if not isinstance(pattern, str):
        return f"pattern {pattern!r} must be a string"
    if len(pattern) > MAX_PATTERN_LENGTH:
        return f"pattern {pattern[:40]!r}... is longer than {MAX_PATTERN_LENGTH} characters"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set" and the like: not the user's concern here
            compiled = re.compile(pattern, flags)
            parsed = _sre_parse.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"pattern {pattern!r} is not a valid regular expression ({exc})"
    try:
        _scan(parsed, inside_repeat=False)
    except UnsafePattern as exc:
        return f"pattern {pattern!r} {exc}"
    if compiled.fullmatch("") is not None:
        return f"pattern {pattern!r} matches empty text, so it would flag every line"
    return None


def problem_in(patterns: object) -> str | None:
    """`problem` for each pattern of a list (the hook of a `Param`)."""
    for pattern in patterns if isinstance(patterns, list) else [patterns]:
        found = problem(pattern)
        if found:
            return found
    return None


def compile_safe(pattern: str, flags: int = 0) -> re.Pattern:
    found = problem(pattern, flags)
    if found:
        raise UnsafePattern(found)
    return re.compile(pattern, flags)


_NESTED = ("nests a repeat of variable length inside another repeat, which can take exponential time "
           "on some text (catastrophic backtracking); rewrite it without the nesting, e.g. match one "
           "item and let every occurrence be found")
_AMBIGUOUS = ("repeats an alternation whose branches can match the same text, which can take exponential "
              "time on some text; make the branches plain words that do not start one another")
_BACKREF = "uses a backreference, which can take exponential time; rule patterns may not use them"


def _is_variable_repeat(op, av) -> bool:
    if op not in _REPEATS and op != _POSSESSIVE:
        return False
    low, high = av[0], av[1]
    return high != low and high > 1


def _scan(items, inside_repeat: bool) -> None:
    for op, av in items:
        if op in _BACKREFS:
            raise UnsafePattern(_BACKREF)
        if op in _REPEATS or (op == _POSSESSIVE and _POSSESSIVE is not None):
            low, high, body = av
            repeating = high > 1
            if inside_repeat and _is_variable_repeat(op, av):
                raise UnsafePattern(_NESTED)
            # a possessive repeat never gives back what it matched: no backtracking into it
            _scan(body, inside_repeat or (repeating and op != _POSSESSIVE))
        elif op == _sre.SUBPATTERN:
            _scan(av[-1], inside_repeat)
        elif op == _sre.BRANCH:
            branches = av[1]
            if inside_repeat and not _unambiguous(branches):
                raise UnsafePattern(_AMBIGUOUS)
            for branch in branches:
                _scan(branch, inside_repeat)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _scan(av[1], inside_repeat)
        elif _ATOMIC is not None and op == _ATOMIC:
            _scan(av, inside_repeat)


def _unambiguous(branches) -> bool:
    """Branches that are plain literals, none a prefix of another: a repeat of them never backtracks."""
    words = []
    for branch in branches:
        if not all(op == _sre.LITERAL for op, _ in branch):
            return False
        words.append("".join(chr(av) for _, av in branch).casefold())
    for word in words:
        if any(other != word and other.startswith(word) for other in words) or words.count(word) > 1 or not word:
            return False
    return True


# -- the time bound --------------------------------------------------------------------
def can_time_limit() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PatternTimeout in the body after `seconds` (where the platform allows; see the module doc)."""
    if not can_time_limit():
        yield
        return

    def expire(signum, frame):
        raise PatternTimeout(f"matching took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
