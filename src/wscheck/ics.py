"""Deadlines as an iCalendar file (RFC 5545): one event per date, times in UTC, a reminder a day before.

Times are written in UTC ("20260509T115959Z"), so AoE, PT or any other zone
needs no VTIMEZONE and every calendar shows the same instant. Lines end in
CRLF and are folded at 75 octets without splitting a UTF-8 character; text is
escaped (backslash, semicolon, comma, newline). The UID depends only on the
venue, the date's name and its moment, so importing the file again updates
the events instead of duplicating them.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone

from wscheck import __version__
from wscheck.deadlines import Deadline, stated

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1): CRLF and one space before each continuation."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never cut inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(parts) + "\r\n"


def utc_stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def uid(deadline: Deadline) -> str:
    key = f"{deadline.venue}|{deadline.name}|{utc_stamp(deadline.moment)}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@wscheck"


def _event(deadline: Deadline, now: datetime) -> list[str]:
    summary = f"{deadline.venue}: {deadline.label}"
    description = f"As the call states it: {stated(deadline)}"
    if deadline.source:
        description += f"\nSource: {deadline.source}"
    lines = ["BEGIN:VEVENT", f"UID:{uid(deadline)}", f"DTSTAMP:{utc_stamp(now)}",
             f"DTSTART:{utc_stamp(deadline.moment)}", f"SUMMARY:{escape(summary)}",
             f"DESCRIPTION:{escape(description)}", "TRANSP:TRANSPARENT",
             f"CATEGORIES:{'DEADLINE' if deadline.is_deadline else 'EVENT'}"]
    if deadline.is_deadline:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D", f"DESCRIPTION:{escape(summary)} in one day",
                  "END:VALARM"]
    return lines + ["END:VEVENT"]


def calendar(deadlines: list[Deadline], now: datetime) -> str:
    """The VCALENDAR text, CRLF line ends; `now` is the DTSTAMP of every event."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//wscheck//wscheck {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:wscheck deadlines"]
    for deadline in deadlines:
        lines += _event(deadline, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
