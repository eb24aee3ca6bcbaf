"""What a call for papers states, as plain data: every value with the sentence it comes from."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

MILESTONES = ("abstract", "submission", "notification", "camera_ready", "workshop")


@dataclass
class Track:
    """One paper type with a length: "short papers: up to 4 pages, excluding references"."""

    name: str | None  # None: the call names no paper type for it (written as "main")
    max_pages: int | None
    min_pages: int | None = None
    format: str | None = None  # set only when the limit depends on the template
    excludes: list[str] = field(default_factory=list)
    source: str = ""  # the sentence of the limit, verbatim
    excludes_source: str | None = None  # the sentence of the exclusions, when it is another one
    soft: bool = False  # "we recommend ... up to four pages": a warning, not a desk-reject
    tbd: bool = False  # the call says the limit is still to be announced
    struck: list[int] = field(default_factory=list)  # values the call strikes through
    conflict: list[str] = field(default_factory=list)  # other sentences giving another value

    @property
    def label(self) -> str:
        return self.name or "main"


@dataclass
class Format:
    family: str  # iclr, icml, neurips, other
    year: int | None
    source: str
    year_source: str | None = None  # the sentence that gives the year, when another one


@dataclass
class DateValue:
    """A milestone as the call states it; `day` is None when the call names no exact day (TBD, two days)."""

    milestone: str
    day: date | None
    time: str | None = None  # HH:MM
    timezone: str | None = None  # as the call states it: AoE, UTC, PT, UTC+8
    as_stated: str = ""
    source: str = ""
    year_inferred: bool = False  # the call gives no year: the workshop's year was used
    zone_from: str | None = None  # the sentence that gave the time zone, when not the date's own
    superseded: list[str] = field(default_factory=list)  # struck-through earlier values
    undecided: str | None = None  # why there is no exact day
    track: str | None = None  # the track the date is for, when the call gives per-track dates


@dataclass
class Stated:
    """A value with its sentence."""

    value: Any
    source: str


@dataclass
class CallFacts:
    """Everything `rules from-cfp` read from one call."""

    file: str
    title: str = ""
    markup: str = "text"  # html, markdown, text
    year: int | None = None  # the workshop's year
    host: str | None = None  # the conference the workshop is held at: iclr, icml, neurips, or None
    host_source: str | None = None
    review: Stated | None = None  # double-blind, single-blind
    formats: list[Format] = field(default_factory=list)
    own_template: str | None = None  # the sentence naming the workshop's own template, when it names no family
    camera_ready_formats: Stated | None = None  # the camera-ready must use these families
    tracks: list[Track] = field(default_factory=list)
    camera_ready_extra: Stated | None = None  # extra pages for the camera-ready version
    camera_ready_limits: list[Track] = field(default_factory=list)
    dates: dict[str, DateValue] = field(default_factory=dict)
    track_dates: list[DateValue] = field(default_factory=list)  # per-track dates beyond the first
    site: Stated | None = None  # openreview, cmt, easychair, other
    anonymizer_hosts: list[Stated] = field(default_factory=list)
    human: list[str] = field(default_factory=list)  # what a person must look at, in plain words
