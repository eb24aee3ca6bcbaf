"""Dates from calls for papers: time zones, countdowns, passed deadlines, consistency warnings.

A rule set's `dates` map a name (submission, notification, camera_ready...)
to a day, an optional time (default 23:59) and a time zone (default AoE,
"Anywhere on Earth", UTC-12). Any zone is accepted: AoE, UTC, UTC offsets
such as UTC+2 or -07:00, common abbreviations (PDT, CET...) and IANA names
such as America/Los_Angeles. Parsing is python-dateutil's, imported on first use.

Every function that needs "now" takes it as an argument, so that callers
(and tests) decide what the current moment is.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any

from wscheck.textutil import plural

# dateutil is imported where a date is read (it costs a tenth of a one-paper check to import):
# a rule set without dates never loads it
DEFAULT_TIMEZONE = "AoE"
DEFAULT_TIME = "23:59"


@lru_cache(maxsize=1)
def _aoe() -> tzinfo:
    """Anywhere on Earth, UTC-12 (also `AOE`)."""
    from dateutil import tz

    return tz.tzoffset("AoE", -12 * 3600)


def __getattr__(name: str) -> Any:  # AOE, made on first use
    if name == "AOE":
        return _aoe()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Abbreviations that calls for papers use; dateutil does not resolve them on its own.
_ABBREVIATIONS = {
    "AOE": -12, "ANYWHERE ON EARTH": -12,
    "UTC": 0, "GMT": 0, "Z": 0,
    "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5, "EST": -5, "EDT": -4,
    "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "IST": 5.5, "JST": 9, "KST": 9, "AEST": 10,
    "AEDT": 11,
}
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$", re.I)
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
# an IANA zone name such as Europe/Berlin or America/Argentina/Buenos_Aires (never a file path)
_IANA_NAME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:/[A-Za-z0-9][A-Za-z0-9_+-]*)+$")
# days a call for papers can name; beyond them time-zone arithmetic overflows (year 9999 + 12 h)
FIRST_YEAR, LAST_YEAR = 1970, 2999

# Where each kind of date falls in a call's timeline; dates out of this order are suspicious.
_ORDER = (
    ("abstract", 0),
    ("submission", 1), ("paper", 1), ("full", 1),
    ("supplement", 2), ("appendi", 2),
    ("rebuttal", 3), ("review", 3),
    ("notification", 4), ("decision", 4), ("acceptance", 4),
    ("camera", 5), ("final", 5),
    ("workshop", 6), ("conference", 6), ("event", 6),
)
_DEADLINE_NAMES = ("abstract", "submission", "paper", "full", "supplement", "appendi", "rebuttal", "camera",
                   "final", "registration", "deadline", "due")


class DateError(ValueError):
    """A date, time or time zone that cannot be understood."""


def parse_timezone(name: str | None) -> tzinfo:
    """A time zone from its name: AoE (default), UTC, UTC+2, -07:00, PDT, or an IANA name."""
    from dateutil import tz

    if name is None or not str(name).strip():
        return _aoe()
    text = " ".join(str(name).split())
    upper = text.upper()
    if upper in ("AOE", "ANYWHERE ON EARTH", "AOE (UTC-12)", "UTC-12 (AOE)"):
        return _aoe()
    if upper in _ABBREVIATIONS:
        hours = _ABBREVIATIONS[upper]
        return tz.UTC if hours == 0 else tz.tzoffset(upper, int(hours * 3600))
    match = _OFFSET.match(text)
    if match:
        sign = -1 if match.group(1) in "-−" else 1
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes >= 60:
            raise DateError(f"time zone {name!r}: offsets run from UTC-12 to UTC+14")
        seconds = sign * (hours * 3600 + minutes * 60)
        return tz.UTC if seconds == 0 else tz.tzoffset(text.upper().replace(" ", ""), seconds)
    if _IANA_NAME.match(text) and ".." not in text.split("/"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                zone = tz.gettz(text)
            except Exception:  # noqa: BLE001 - dateutil raises several kinds for a name it cannot load
                zone = None
        if zone is not None:
            return zone
    raise DateError(f"unknown time zone {name!r}; write AoE, UTC, an offset such as UTC+2, "
                    "or an IANA name such as America/Los_Angeles")


def parse_time(value) -> tuple[int, int, int]:
    """'23:59' or '13:00:00' -> (hour, minute, second). YAML 1.1 reads 23:59 as 1439; that is accepted."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return value // 60, value % 60, 0
    match = _TIME.match(str(value).strip())
    if not match:
        raise DateError(f"time {value!r} must be HH:MM (24-hour clock), e.g. '23:59'")
    return int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)


def parse_day(value) -> date:
    """A YYYY-MM-DD day (YAML may already have made it a date)."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise DateError(f"date {value!r} must be YYYY-MM-DD, e.g. 2026-05-08")
        try:
            if text.isascii():
                # the same day, and the same error, as dateutil's isoparse, without importing its parser
                # (a check of a rule set with a deadline reads one)
                day = date.fromisoformat(text)
            else:  # digits of another script
                from dateutil import parser as date_parser

                day = date_parser.isoparse(text).date()
        except (ValueError, OverflowError) as exc:
            raise DateError(f"date {value!r} is not a calendar day ({exc})") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateError(f"date {value!s} is out of range: the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def parse_moment(text: str, default_zone: tzinfo | None = None) -> datetime:
    """A moment typed by a user ('2026-05-01 12:00 UTC', '2026-05-01T12:00+02:00', '2026-05-01')."""
    from dateutil import parser as date_parser
    from dateutil import tz

    raw = " ".join(str(text).split())
    zone = None
    # a trailing zone name that dateutil does not know (AoE, CEST, Europe/Paris)
    parts = raw.rsplit(" ", 1)
    if len(parts) == 2 and not re.search(r"\d:\d\d$|^\d", parts[1]):
        try:
            zone = parse_timezone(parts[1])
            raw = parts[0]
        except DateError:
            zone = None
    try:
        moment = date_parser.parse(raw)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"cannot read the moment {text!r}: {exc}") from None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(f"the moment {text!r} is out of range: the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    if zone is not None:
        moment = moment.replace(tzinfo=zone)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=default_zone or tz.tzlocal())
    return moment


@dataclass
class Deadline:
    """One dated entry of a rule set, as a moment in time."""

    venue: str
    name: str  # the key in the rule set: submission, notification...
    label: str  # how to call it: "submission deadline"
    moment: datetime  # timezone-aware
    zone_name: str  # as written in the rule set: AoE, UTC, Europe/Paris
    zone_stated: bool  # False when the rule set gives no time zone and AoE is assumed
    as_stated: str  # as the call writes it, or "2026-05-08 AoE"
    source: str | None
    origin: str | None
    is_deadline: bool  # False for events such as the notification or the workshop day

    def passed(self, now: datetime) -> bool:
        return now >= self.moment

    def local(self, zone: tzinfo | None = None) -> datetime:
        from dateutil import tz

        return self.moment.astimezone(zone or tz.tzlocal())


def is_deadline_name(name: str) -> bool:
    lower = name.lower()
    if any(word in lower for word in ("notification", "decision", "workshop", "conference", "event")):
        return False
    return any(word in lower for word in _DEADLINE_NAMES)


def default_label(name: str) -> str:
    text = name.replace("_", " ").replace("-", " ").strip().replace("camera ready", "camera-ready")
    if is_deadline_name(name) and "deadline" not in text and "due" not in text:
        text += " deadline"
    return text


def to_deadline(venue: str, name: str, entry: dict) -> Deadline:
    day = parse_day(entry["date"])
    hour, minute, second = parse_time(entry.get("time") or DEFAULT_TIME)
    if "time" not in entry or entry.get("time") is None:
        second = 59  # "23:59" with no time given means the very end of the day
    zone_name = str(entry.get("timezone") or DEFAULT_TIMEZONE)
    moment = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=parse_timezone(zone_name))
    stated = entry.get("as_stated") or f"{day.isoformat()}{' ' + str(entry['time']) if entry.get('time') else ''} " \
                                       f"{zone_name}"
    return Deadline(venue=venue, name=name, label=entry.get("label") or default_label(name), moment=moment,
                    zone_name=zone_name, zone_stated=bool(entry.get("timezone")), as_stated=str(stated),
                    source=entry.get("source"),
                    origin=entry.get("origin"), is_deadline=is_deadline_name(name))


def deadlines_of(rule_set) -> list[Deadline]:
    return [to_deadline(rule_set.id, name, entry) for name, entry in rule_set.dates.items()]


def stated(deadline: Deadline) -> str:
    """The date as the call states it, with the zone when the call's wording leaves it out."""
    text = deadline.as_stated
    if not deadline.zone_stated:
        text += f" (no time zone stated; {deadline.zone_name} assumed)"
    elif deadline.zone_name.lower() not in text.lower():
        text += f" ({deadline.zone_name})"
    return text


def countdown(delta: timedelta) -> str:
    """'3 days 4 hours', '2 hours 5 minutes', '40 seconds' for a positive span."""
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)

    if days:
        return plural(days, "day") + (f" {plural(hours, 'hour')}" if hours else "")
    if hours:
        return plural(hours, "hour") + (f" {plural(minutes, 'minute')}" if minutes else "")
    if minutes:
        return plural(minutes, "minute")
    return plural(seconds, "second")


def when_text(deadline: Deadline, now: datetime) -> str:
    delta = deadline.moment - now
    if delta.total_seconds() > 0:
        return f"in {countdown(delta)}"
    return f"passed {countdown(delta)} ago"


def ordered(deadlines: list[Deadline], now: datetime) -> tuple[list[Deadline], list[Deadline]]:
    """(upcoming, soonest first; passed, most recent first)."""
    upcoming = sorted((d for d in deadlines if not d.passed(now)), key=lambda d: (d.moment, d.venue))
    passed = sorted((d for d in deadlines if d.passed(now)), key=lambda d: (d.moment, d.venue), reverse=True)
    return upcoming, passed


def stage_deadline_name(stage: str) -> tuple[str, ...]:
    return ("camera_ready", "camera-ready", "final") if stage == "camera-ready" else (
        "submission", "full_paper", "paper")


def passed_deadline_notes(rule_set, stage: str, now: datetime) -> list[str]:
    """Information for `check`: the deadline of this stage has passed.

    The note names the moment, not a countdown, so that two runs give the same report.
    """
    notes = []
    names = stage_deadline_name(stage)
    for deadline in deadlines_of(rule_set):
        if deadline.name.lower() in names and deadline.passed(now):
            ended = deadline.moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            notes.append(f"the {deadline.label} of {rule_set.id} ({stated(deadline)}) has passed: it ended "
                         f"{ended}")
    return notes


def _rank(name: str) -> int | None:
    lower = name.lower()
    for word, rank in _ORDER:
        if word in lower:
            return rank
    return None


def consistency_warnings(rule_set) -> list[str]:
    """Dates out of the order a call's timeline must follow, e.g. a notification before the submission."""
    try:
        dated = deadlines_of(rule_set)
    except DateError:
        return []  # the loader reports unreadable dates as errors
    warnings = []
    flagged: set[str] = set()
    ranked = [(d, _rank(d.name)) for d in dated]
    for earlier, rank_a in ranked:
        for later, rank_b in ranked:
            if rank_a is None or rank_b is None or rank_a >= rank_b or later.moment >= earlier.moment:
                continue
            flagged.add(later.name)
            where = f"{later.origin}: " if later.origin else ""
            warnings.append(
                f"{where}date {later.name!r} ({stated(later)}) is {countdown(earlier.moment - later.moment)} "
                f"before {earlier.name!r} ({stated(earlier)}); a {default_label(later.name)} cannot come before "
                f"the {default_label(earlier.name)}: check the call (a typo in the year?)")
    year = getattr(rule_set, "year", None)
    for deadline in dated:
        if year and deadline.name not in flagged and abs(deadline.moment.year - year) > 1:
            where = f"{deadline.origin}: " if deadline.origin else ""
            warnings.append(f"{where}date {deadline.name!r} ({stated(deadline)}) is far from the rule set's "
                            f"year {year}")
    return warnings


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
