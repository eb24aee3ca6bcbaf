"""`rules from-cfp --format json`: the object CONTRACT.md ("rules from-cfp") describes, plus sources and notes."""
from __future__ import annotations

from typing import Any

from wscheck.cfp.model import CallFacts, DateValue, Track

CONTRACT_DATES = ("submission", "notification", "camera_ready", "workshop")


def _track(track: Track) -> dict[str, Any]:
    out: dict[str, Any] = {"name": track.label, "max_pages": track.max_pages, "min_pages": track.min_pages,
                           "format": track.format, "excludes": list(track.excludes), "source": track.source}
    if track.excludes_source:
        out["excludes_source"] = track.excludes_source
    for flag in ("soft", "tbd"):
        if getattr(track, flag):
            out[flag] = True
    if track.conflict:
        out["conflict"] = list(track.conflict)
    return out


def _date(value: DateValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    out: dict[str, Any] = {"date": value.day.isoformat() if value.day else None, "time": value.time,
                           "timezone": value.timezone, "as_stated": value.as_stated, "source": value.source}
    if value.undecided:
        out["undecided"] = value.undecided
    if value.superseded:
        out["superseded"] = list(value.superseded)
    if value.year_inferred:
        out["year_inferred"] = True
    if value.track:
        out["track"] = value.track
    return out


def to_json(facts: CallFacts) -> dict[str, Any]:
    """The contract's fields, then what helps a reader: sources, the workshop's year, notes for a human."""
    dates: dict[str, Any] = {key: _date(facts.dates.get(key)) for key in CONTRACT_DATES}
    if "abstract" in facts.dates:
        dates["abstract"] = _date(facts.dates["abstract"])
    return {
        "file": facts.file,
        "title": facts.title,
        "review": facts.review.value if facts.review else "not-stated",
        "formats": [{"family": f.family, "year": f.year, "source": f.source} for f in facts.formats],
        "tracks": [_track(t) for t in facts.tracks],
        "camera_ready_extra_pages": facts.camera_ready_extra.value if facts.camera_ready_extra else None,
        "dates": dates,
        "track_dates": [_date(v) for v in facts.track_dates],
        "submission_site": facts.site.value if facts.site else "not-stated",
        "year": facts.year,
        "host": facts.host,
        "sources": {
            "review": facts.review.source if facts.review else None,
            "camera_ready_extra_pages": facts.camera_ready_extra.source if facts.camera_ready_extra else None,
            "submission_site": facts.site.source if facts.site else None,
            "camera_ready_formats": facts.camera_ready_formats.source if facts.camera_ready_formats else None,
        },
        "camera_ready_formats": facts.camera_ready_formats.value if facts.camera_ready_formats else None,
        "needs_human": list(facts.human),
    }
