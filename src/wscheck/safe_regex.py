r"""Regular expressions from rule files: vetted by their real worst case when the rule set loads,
and run within a time budget per paper.

Rule files are shared between workshops, so a pattern in one is untrusted input.
Python's `re` backtracks: `(a+)+$` against forty a's and a b takes longer than the
age of the universe, and `\w*\w*\w*!` against a long word takes time that grows with
the fourth power of its length. Two defences:

1. `problem(pattern)` refuses, at rule-load time, what makes backtracking explode:
   - backreferences;
   - a repeat of variable length inside another repeat (`(a+)+`, `(\w+\s?)*`), a
     repeated alternation whose branches can match the same text (`(a|ab)*`), and a
     repeat of optional parts that can trade characters between repetitions
     (`(a?)*`): exponential;
   - bounded nesting with a large product (`(a?){25}`: 2^25 ways to match 25 a's);
   - a sequence of repeats that can take the same characters, followed by something
     that can fail (`\w*\w*\w*!`, `[\s\S]*x[\s\S]*@`, `a?a?a?...aaa`): every way of
     splitting a stretch of text among the repeats is tried before the match fails.
     The cost model counts those ways: an unbounded repeat ranges over NOMINAL_RUN
     characters, `x{m,n}` over n-m+1, and repeats multiply when their characters
     overlap and nothing between them pins the split; more than MAX_SPLITS ways is
     refused. One unbounded repeat (`\w+@`) stays allowed: per place a search
     starts, its cost is linear in the text;
   - a pattern that matches empty text (it would flag every line), and very long
     patterns.
2. `PaperBudget` bounds the matching itself, per paper (all text-pattern rules
   together): on POSIX, in the main thread (each file is checked in the main thread
   of its own worker process), a CPU-time timer interrupts `re` (which checks for
   signals as it backtracks) and raises `PatternTimeout`. Callers extract the text
   first and time only the search, so a page that is slow to read never uses up the
   budget. Elsewhere (Windows, other threads) the vetting and the per-file time
   limit of wscheck.batch apply.

A linear-time engine (RE2) was considered: it would make the vetting unnecessary but
is a compiled dependency, and it refuses lookarounds that rule authors use.
"""
from __future__ import annotations

import re
import signal
import sys
import threading
import time
import warnings
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from wscheck.errors import CouldNotCheck

if sys.version_info >= (3, 11):
    from re import _constants as _sre
    from re import _parser as _sre_parse
else:
    import sre_constants as _sre
    import sre_parse as _sre_parse

MAX_PATTERN_LENGTH = 500
# The cost model (module doc): how many characters an unbounded repeat is taken to range over,
# and how many ways of splitting one stretch of text among repeats a pattern may try before
# something fails, at each place a search starts. One unbounded repeat is NOMINAL_RUN ways; two
# that overlap are a million. The bound allows what costs about as much as one repeat over a
# long line: (a?){10} (1,024 ways) passes; (a?){13} (8,192 ways: half a second on a line of
# 2,000 a's) and (a?){16} (65,536 ways: 5 s) do not.
NOMINAL_RUN = 1000
MAX_SPLITS = 2 * NOMINAL_RUN
_MAX_STEPS = 20_000  # analysis work for one pattern; a pattern past it is too intricate to vet

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}
_POSSESSIVE = getattr(_sre, "POSSESSIVE_REPEAT", None)  # Python 3.11+
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_BACKREFS = {_sre.GROUPREF, _sre.GROUPREF_EXISTS} | {getattr(_sre, "GROUPREF_IGNORE", _sre.GROUPREF)}
_SINGLE = {_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN}


class UnsafePattern(ValueError):
    """A pattern refused by `problem`."""


class PatternTimeout(CouldNotCheck):
    """Matching ran past its time budget."""


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
        _Cost(parsed).check()
    except UnsafePattern as exc:
        return f"pattern {pattern!r} {exc}"
    except RecursionError:
        return f"pattern {pattern!r} is nested too deeply to vet"
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
_SEQUENCE = ("has {count} repeats in a row that can take the same characters (such as \\w*\\w* or .*x.*) "
             "before something that can fail to match: on a long line every way of splitting the text "
             "between them is tried, which takes time growing as the line length to the power {power}; "
             "let one repeat do the work (e.g. \\w+ instead of \\w*\\w*, or drop a leading .*)")
_PRODUCT = ("has optional or bounded repeats that can take the same characters (such as (a?){{25}} or "
            "\\w{{1,30}}\\w{{1,30}}) before something that can fail to match: about {ways:,} ways of "
            "matching one stretch of text are tried; use fewer optional parts or smaller bounds")
_EXPONENTIAL = ("repeats a group whose optional parts can take the same characters from one repetition to "
                "the next (such as (a?)* or (x?y?)+), which can take exponential time; make each "
                "repetition consume a fixed part")
_INTRICATE = "is too intricate to vet for catastrophic backtracking; simplify it"


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


# -- the cost of backtracking: ways to split one stretch of text among repeats -----------------
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
    _sre.CATEGORY_LINEBREAK: r"\n", _sre.CATEGORY_NOT_LINEBREAK: r"[^\n]",
}
# characters every pattern is probed with, besides its own literals and range ends: ASCII and
# a few of each kind of character PDF text holds (accented and other-script letters, digits of
# other scripts, special spaces, symbols)
_PROBES = "".join(map(chr, range(128))) + "éßİıſKΩαя中٣\u00a0\u2028\u3000\u200b€—“😀\ufeff"


class _Run:
    """A repeat still able to give back characters: its characters (a mask) and the ways it adds."""

    __slots__ = ("mask", "ways", "unbounded")

    def __init__(self, mask: int, ways: int, unbounded: int):
        self.mask, self.ways, self.unbounded = mask, ways, unbounded


def _cap(number: int) -> int:
    return min(number, 10**18)


class _Cost:
    """Walks a parsed pattern left to right, keeping the repeats a later failure would backtrack into.

    A repeat joins the open runs it overlaps (its characters could have been taken by
    them): its ways multiply theirs. A required character that an open run cannot take
    pins that run's end, so the run closes. Before anything that can fail (a required
    character, an anchor, a lookaround), the ways of the open runs are what one failure
    costs; more than MAX_SPLITS is refused.
    """

    def __init__(self, parsed):
        self.parsed = parsed
        self.steps = 0
        probes = dict.fromkeys(_PROBES)
        for value in _literals(parsed):
            for char in (value, value.lower(), value.upper()):
                if len(char) == 1:
                    probes.setdefault(char)
        self.alphabet = list(probes)
        self._masks: dict[tuple, int] = {}
        self._alone: dict[int, tuple[int, int]] = {}
        self._keep: list[list] = []
        self._peak = (1, 0)  # the most ways any run has reached in the current pass, and its unbounded count

    def check(self) -> None:
        self._walk(self.parsed, [])

    # characters ---------------------------------------------------------------------------
    def mask(self, op, av) -> int:
        key = (op, repr(av))
        if key not in self._masks:
            bits = 0
            for index, char in enumerate(self.alphabet):
                variants = {v for v in (char, char.lower(), char.upper()) if len(v) == 1}  # case-blind: the safe side
                if any(_matches(op, av, variant) for variant in variants):
                    bits |= 1 << index
            self._masks[key] = bits
        return self._masks[key]

    def chars_of(self, items) -> int:
        """Every character `items` can consume (a mask)."""
        bits = 0
        for op, av in items:
            self._step()
            if op in _SINGLE:
                bits |= self.mask(op, av)
            elif op in _REPEATS or op == _POSSESSIVE:
                bits |= self.chars_of(av[2])
            elif op == _sre.SUBPATTERN:
                bits |= self.chars_of(av[-1])
            elif op == _sre.BRANCH:
                for branch in av[1]:
                    bits |= self.chars_of(branch)
            elif op == _ATOMIC and _ATOMIC is not None:
                bits |= self.chars_of(av)
        return bits

    # the walk -----------------------------------------------------------------------------
    def _step(self) -> None:
        self.steps += 1
        if self.steps > _MAX_STEPS:
            raise UnsafePattern(_INTRICATE)

    def _walk(self, items, runs: list[_Run]) -> list[_Run]:
        for op, av in items:
            self._step()
            runs = self._item(op, av, runs)
        return runs

    def _item(self, op, av, runs: list[_Run]) -> list[_Run]:
        if op in _SINGLE:
            return self._required(self.mask(op, av), runs)
        if op == _sre.AT:
            self._can_fail(runs)
            return runs
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            self._can_fail(runs)
            self._walk(av[1], [])
            return runs
        if op == _sre.SUBPATTERN:
            return self._walk(av[-1], runs)
        if op == _sre.BRANCH:
            merged: list[_Run] = []
            for branch in av[1]:
                merged.extend(self._walk(branch, list(runs)))
            return list({id(run): run for run in merged}.values())
        if _ATOMIC is not None and op == _ATOMIC:
            self._walk(av, [])  # backtracking stays inside the group
            low, _ = _width(av)
            return self._required(self.chars_of(av), runs) if low else runs
        if op in _REPEATS or (_POSSESSIVE is not None and op == _POSSESSIVE):
            return self._repeat(op, av, runs)
        return runs

    def _can_fail(self, runs: list[_Run]) -> None:
        if not runs:
            return
        worst = max(runs, key=lambda run: (run.ways, run.unbounded))
        if worst.ways <= MAX_SPLITS:
            return
        if worst.unbounded >= 2:
            raise UnsafePattern(_SEQUENCE.format(count=worst.unbounded, power=worst.unbounded + 1))
        raise UnsafePattern(_PRODUCT.format(ways=worst.ways))

    def _required(self, mask: int, runs: list[_Run]) -> list[_Run]:
        self._can_fail(runs)
        return [run for run in runs if run.mask & mask]

    def _join(self, mask: int, ways: int, unbounded: int, runs: list[_Run]) -> list[_Run]:
        overlapping = [run for run in runs if run.mask & mask]
        before = max(overlapping, key=lambda run: (run.ways, run.unbounded), default=None)
        if before is not None:
            ways, unbounded = ways * before.ways, unbounded + before.unbounded
        run = _Run(mask, _cap(ways), unbounded)
        if run.ways > self._peak[0]:
            self._peak = (run.ways, run.unbounded)
        return [*runs, run]

    def _alone_ways(self, body) -> tuple[int, int]:
        """(the most ways a run reaches within one pass of `body` on its own, that run's unbounded count)."""
        key = id(body)
        if key not in self._alone:
            outer, self._peak = self._peak, (1, 0)
            self._walk(body, [])
            self._alone[key], self._peak = self._peak, outer
        return self._alone[key]

    def _repeat(self, op, av, runs: list[_Run]) -> list[_Run]:
        low, high, body = av
        body_low, body_high = _width(body)
        mask = self.chars_of(body)
        if op == _POSSESSIVE:  # never gives back what it took: a fixed block for what follows
            self._walk(body, [])
            return self._required(mask, runs) if low and body_low else runs
        # A required first repetition continues the sequence: a failure inside it backtracks into
        # the open runs. An optional one that fails is skipped instead; only its own parts count.
        self._walk(body, list(runs) if low else [])
        unbounded = high == _sre.MAXREPEAT
        if high == low and body_low == body_high:  # a fixed block, e.g. a{25}
            return self._required(mask, runs) if low and body_low else runs
        body_ways, body_unbounded = self._alone_ways(body)
        if high > 1 and body_low != body_high and self._ambiguous(body, body_ways):
            if unbounded:
                raise UnsafePattern(_EXPONENTIAL)
            ways = body_ways ** min(high, 64)
        else:
            span = NOMINAL_RUN if unbounded or high - low >= NOMINAL_RUN else high - low + 1
            ways = span * body_ways
        if low and body_low:  # at least one repetition is required: it can fail
            runs = self._required(mask, runs)
        return self._join(mask, _cap(ways), (1 if unbounded else 0) + body_unbounded, runs)

    def _ambiguous(self, body, body_ways: int) -> bool:
        """Whether two repetitions of `body` can split the same text in more ways than one alone."""
        doubled = list(body) + list(body)
        self._keep.append(doubled)  # its id is a memo key: the list must outlive the analysis
        return self._alone_ways(doubled)[0] > body_ways


def _width(items) -> tuple[int, int]:
    if not isinstance(items, _sre_parse.SubPattern):
        items = _sre_parse.SubPattern(_sre_parse.State(), list(items))
    low, high = items.getwidth()
    return low, high


def _literals(items):
    """Every literal character and range end in a parsed pattern (probed besides _PROBES)."""
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            yield chr(av)
        elif op == _sre.RANGE:
            low, high = av
            step = max(1, (high - low) // 16)
            yield from (chr(code) for code in range(low, high + 1, step))
            yield chr(high)
        elif op == _sre.IN:
            yield from _literals(av)
        elif op in _REPEATS or op == _POSSESSIVE:
            yield from _literals(av[2])
        elif op == _sre.SUBPATTERN:
            yield from _literals(av[-1])
        elif op == _sre.BRANCH:
            for branch in av[1]:
                yield from _literals(branch)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            yield from _literals(av[1])
        elif _ATOMIC is not None and op == _ATOMIC:
            yield from _literals(av)


_CATEGORY_RE = {code: re.compile(text) for code, text in _CATEGORIES.items()}


def _matches(op, av, char: str) -> bool:
    """Whether the one-character item (op, av) matches `char`."""
    code = ord(char)
    if op == _sre.LITERAL:
        return code == av
    if op == _sre.NOT_LITERAL:
        return code != av
    if op == _sre.ANY:
        return True  # lines never hold a newline, so DOTALL makes no difference
    if op == _sre.IN:
        negate = bool(av) and av[0][0] == _sre.NEGATE
        found = any(_in_item(item_op, item_av, char, code) for item_op, item_av in av[1 if negate else 0:])
        return found != negate
    return False


def _in_item(op, av, char: str, code: int) -> bool:
    if op == _sre.LITERAL:
        return code == av
    if op == _sre.RANGE:
        return av[0] <= code <= av[1]
    if op == _sre.CATEGORY:
        pattern = _CATEGORY_RE.get(av)
        return True if pattern is None else pattern.fullmatch(char) is not None
    return True  # anything else: assume it may match (the safe side)


# -- the time budget -------------------------------------------------------------------
def can_time_limit() -> bool:
    return (hasattr(signal, "setitimer") and hasattr(signal, "SIGVTALRM")
            and threading.current_thread() is threading.main_thread())


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PatternTimeout in the body once it has used `seconds` of CPU time (where the platform allows).

    CPU time rather than wall time, so that a machine busy with other work does not
    turn a normal search into a timeout.
    """
    if not can_time_limit():
        yield
        return

    def expire(signum, frame):
        raise PatternTimeout(f"matching took more than {seconds:g} s")

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, max(seconds, 1e-6))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


class PaperBudget:
    """The time all pattern searches of one paper may take together (matching only, never text extraction)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.used = 0.0

    @property
    def left(self) -> float:
        return max(0.0, self.seconds - self.used)

    @contextmanager
    def spend(self) -> Iterator[None]:
        """Run the body within what is left; PatternTimeout when nothing is left or it runs out."""
        if self.left <= 0:
            raise PatternTimeout(f"the {self.seconds:g} s for pattern matching on this paper were used up")
        started = time.process_time()
        try:
            with time_limit(self.left):
                yield
        except PatternTimeout:
            # the timer's CPU clock and process_time() may disagree by a tick: once it fired, nothing is left
            self.used = self.seconds
            raise
        else:
            self.used += time.process_time() - started


_BUDGETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def paper_budget(document: object, seconds: float) -> PaperBudget:
    """The budget of `document`, made with `seconds` on first use; it lives as long as the document."""
    budget = _BUDGETS.get(document)
    if budget is None:
        budget = _BUDGETS[document] = PaperBudget(seconds)
    return budget
