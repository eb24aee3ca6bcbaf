"""Rules from a workshop's call for papers: `wscheck rules from-cfp`, `check --cfp`, `deadlines --cfp`.

The call (a file of plain text, Markdown or HTML, or a URL the user gives) is
read into blocks (`markup`), split into sentences (`sentences`), and each fact
is looked for on its own: page limits and tracks (`limits`, `tracks`,
`excludes`), templates and the host conference (`formats`), review and the
submission site (`review`), dates (`dates`). `writer` turns the facts into a
rule set that extends the right format, `contract` into the JSON of
CONTRACT.md. Every value keeps the sentence it comes from; what the call does
not state stays unset, and what a person must look at is said in `human`.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from wscheck.cfp import dates as date_facts
from wscheck.cfp.fetch import CallError, fetch_url, is_url, read_file
from wscheck.cfp.formats import camera_ready_formats, find_formats, host_and_year
from wscheck.cfp.markup import to_blocks
from wscheck.cfp.model import CallFacts, DateValue, Track
from wscheck.cfp.review import anonymizer_hosts, find_review, find_site
from wscheck.cfp.sentences import Sentence, sentences
from wscheck.cfp.tracks import camera_ready_extra, find_tracks

__all__ = ["CallError", "CallFacts", "analyse", "analyse_text", "load_source"]


def load_source(source: str, opener=None) -> tuple[str, str | None]:
    """(text, markup hint) of a call: a file, or an http(s) URL (fetched only then)."""
    if is_url(source):
        text, content_type = fetch_url(source, opener=opener)
        hint = "html" if "html" in content_type else "markdown" if "markdown" in content_type else None
        return text, hint
    return read_file(source), None


def analyse(source: str, opener=None) -> CallFacts:
    text, hint = load_source(source, opener)
    return analyse_text(text, source, hint)


_TITLE_WORDS = re.compile(r"\bworkshop\b|\bsymposium\b|@|\bchallenge\b|\btutorial\b", re.I)
_HOST_NAMES = {"iclr": "ICLR", "icml": "ICML", "neurips": "NeurIPS"}


def _title(title: str, sentences_: list[Sentence], name: str, host: str | None, year: int | None) -> str:
    """The page title, else an early heading that names a workshop, else the host conference and the file."""
    generic = re.fullmatch(r"\W*(?:call\s+for\s+(?:papers|contributions|submissions|participation)|cfp)\W*", title,
                           re.I)
    if title and not generic:
        return title
    for sentence in sentences_[:15]:
        if sentence.kind == "heading" and _TITLE_WORDS.search(sentence.text) and len(sentence.text) < 200:
            return sentence.text
    file = Path(name.split("?", 1)[0].rstrip("/")).name or name
    if host:
        return f"{_HOST_NAMES[host]} {year or ''} workshop (call for papers: {file})".replace("  ", " ")
    return f"Workshop (call for papers: {file})"


MAX_TEXT = 300_000  # characters of text read from one call (a call is a few thousand)


def _bounded(blocks: list) -> tuple[list, bool]:
    total = 0
    for index, block in enumerate(blocks):
        if total + len(block.text) > MAX_TEXT:
            block.text = block.text[:MAX_TEXT - total]
            return blocks[:index + 1], True
        total += len(block.text)
    return blocks, False


def _workshop_year(host_year: int | None, sentences_: list[Sentence]) -> int | None:
    """The host conference's year, else the year most of the call's dates carry."""
    if host_year:
        return host_year
    years: Counter[int] = Counter()
    for sentence in sentences_:
        for hit in date_facts.find_days(sentence.text):
            if hit.year:
                years[hit.year] += 1
    return years.most_common(1)[0][0] if years else None


def analyse_text(text: str, name: str, markup: str | None = None) -> CallFacts:
    """Everything one call states, each value with its sentence."""
    blocks, title, markup = to_blocks(text, name, markup)
    blocks, cut = _bounded(blocks)
    found = sentences(blocks)
    facts = CallFacts(file=name, markup=markup)
    facts.host, host_year, facts.host_source = host_and_year(found, title)
    facts.year = _workshop_year(host_year, found)
    facts.title = _title(title, found, name, facts.host, facts.year)
    facts.formats, facts.own_template = find_formats(found, facts.host)
    facts.camera_ready_formats = camera_ready_formats(found)
    facts.tracks, facts.camera_ready_limits = find_tracks(found)
    facts.camera_ready_extra, extra_notes = camera_ready_extra(found, facts.tracks, facts.camera_ready_limits)
    facts.dates, facts.track_dates, date_notes = date_facts.find_dates(found, facts.year)
    facts.review, review_notes = find_review(found)
    facts.site = find_site(found)
    facts.anonymizer_hosts = anonymizer_hosts(found)
    facts.human = _track_notes(facts.tracks) + extra_notes + _date_notes(facts.dates) + date_notes + review_notes
    if cut:
        facts.human.append(f"the call's text is longer than {MAX_TEXT // 1000} thousand characters: only its "
                           "beginning was read")
    if facts.own_template:
        facts.human.append(f"the call names a template of its own, not a conference's (\"{facts.own_template}\"): "
                           "its layout is not known to wscheck, so the layout rules are not checked")
    return facts


def _track_notes(tracks: list[Track]) -> list[str]:
    notes = []
    for track in tracks:
        name = f"the {track.label} track" if track.name else "the page limit"
        if track.soft and track.max_pages is not None:
            notes.append(f"{name}: {track.max_pages} pages is a recommendation, not a hard limit (\"{track.source}\"):"
                         " it is checked as a warning, not a desk-reject")
        if track.tbd:
            notes.append(f"{name}: the call says the limit is still to be announced (\"{track.source}\"): NOT CHECKED"
                         " until it is; read the call again before the deadline")
        if track.conflict:
            quoted = "; ".join(f'"{s}"' for s in track.conflict)
            notes.append(f"{name}: the call gives different limits ({quoted}): NOT CHECKED; ask the organizers")
        if track.struck:
            old = ", ".join(str(v) for v in track.struck)
            notes.append(f"{name}: the call strikes through {old} pages; {track.max_pages} is used")
    by_format: dict[str, list[str]] = {}
    for track in tracks:
        if track.format:
            by_format.setdefault(_HOST_NAMES.get(track.format, track.format), []).append(
                f"{track.label} {track.max_pages}")
    if by_format:
        limits = "; ".join(f"{family}: {', '.join(values)}" for family, values in by_format.items())
        notes.append(f"the page limits depend on the template ({limits}): the template wscheck detects in the PDF "
                     "picks the limit, so check that the report names the right one")
    return notes


def _date_notes(dates: dict[str, DateValue]) -> list[str]:
    notes = []
    for value in dates.values():
        label = value.milestone.replace("_", "-")
        if value.undecided:
            notes.append(f"the {label} date has no exact day ({value.undecided}): it is not in the countdown")
        if value.superseded:
            current = re.sub(r"~~.*?~~\s*", "", value.as_stated)
            notes.append(f"the call replaces {', '.join(value.superseded)} (struck through or extended) for the "
                         f"{label}: {current!r} is used")
        if value.day and not value.timezone and value.milestone in date_facts.DEADLINES:
            notes.append(f"the call gives no time zone for the {label} deadline ({value.as_stated}): "
                         "AoE, the latest, is assumed")
    return notes
