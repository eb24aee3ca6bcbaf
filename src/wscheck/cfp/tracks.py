"""From page-limit mentions to tracks: merge restatements, attach exclusions, flag what needs a human.

A call often states one limit several times ("4-page abstracts" in its first
line, "Length: max 4 pages excluding references" in its instructions); those
become one track whose exclusions are the union of what the sentences say.
Exclusions stated in a sentence of their own apply to the limits of their
paragraph ("This length does not include references"), or, outside any
paragraph with a limit, to every limit ("All page limits exclude references").
Two different values for the same paper type are a conflict: the limit is
left unset (NOT CHECKED) and the report says why, rather than picking one.
"""
from __future__ import annotations

import re

from wscheck.cfp import excludes as excl
from wscheck.cfp.limits import (
    CAMERA_READY,
    NUM,
    POLICY,
    TBD,
    Mention,
    camera_ready_section,
    mentions_in,
    number,
    strip_struck,
    track_name,
)
from wscheck.cfp.model import Stated, Track
from wscheck.cfp.sentences import Sentence

_GLOBAL_CONTEXT = re.compile(r"\bpages?\b|\blimit|\blength|\bcount|\bunlimited|\bany\s+length|\bexclud", re.I)
_GENERIC_NAMES = {"research", "original"}
# "In both cases, the page limit excludes references": said once for every paper type
_EVERY_TRACK = re.compile(r"\bin\s+(?:both|all|either|each)\s+cases?\b|\bfor\s+(?:both|all|every|each)\s+"
                          r"(?:tracks?|types?|categor|kinds?|papers?|submissions?)|\b(?:both|all)\s+(?:tracks|types|"
                          r"categories|kinds)\b", re.I)
_LIMIT_TOPIC = re.compile(r"\bpage[- ]limits?\b|\bpage\s+length\b|\bpaper\s+length\b|\blength\s*:|"
                          r"\bnumber\s+of\s+pages\b|\bpages?\s*:", re.I)
_EXTRA_PAGES = re.compile(
    rf"\b(?P<n>{NUM}|an|a|a\s+single)\s+(?:additional|extra|more|further)\s+(?:content\s+)?pages?\b|"
    rf"\+\s*(?P<plus>\d{{1,2}}|one|two)\s*(?:extra\s+|additional\s+)?pages?\b|"
    rf"\b(?:additional|extra)\s+(?P<after>{NUM})\s+pages?\b|"
    rf"\badd(?:ing)?\s+(?:up\s+to\s+)?(?P<add>{NUM}|an?)\s+(?:more\s+|extra\s+|additional\s+|content\s+)?"
    rf"pages?\b", re.I)
_EXTRA_FOR_PART = re.compile(r"^\s*(?:\w+\s+){0,2}(?:for|of|containing|with)\s+(?:the\s+|only\s+)?(?:references|"
                             r"acknowledg|bibliograph|appendi|supplement|impact|ethics|checklist)", re.I)
_NO_EXTRA = re.compile(r"\bno\s+(?:additional|extra)\s+pages?\b|\bsame\s+page\s+limit\b|"
                       r"\bpage\s+limit\b[^.;]*\b(?:still|remains|unchanged|same\s+as)\b|"
                       r"\b(?:still|remains)\b[^.;]*\bpage\s+limit\b", re.I)


def _block_exclusions(sentences: list[Sentence], limit_blocks: set[int],
                      limit_sentences: set[int]) -> tuple[dict[int, tuple[list[str], str]], tuple[list[str], str]]:
    """Exclusions stated apart from a limit: per paragraph with limits, and for the whole call."""
    per_block: dict[int, tuple[list[str], str]] = {}
    everywhere: tuple[list[str], str] = ([], "")
    for index, sentence in enumerate(sentences):
        if index in limit_sentences or _camera_ready(sentence):
            continue
        text, _ = strip_struck(sentence.text)
        parts = [p for phrase in excl.find(text) for p in phrase.parts]
        if not parts:
            continue
        if sentence.block in limit_blocks and not _EVERY_TRACK.search(text):
            known, source = per_block.get(sentence.block, ([], ""))
            per_block[sentence.block] = (list(dict.fromkeys(known + parts)), source or sentence.text)
        elif _GLOBAL_CONTEXT.search(text):
            everywhere = (list(dict.fromkeys(everywhere[0] + parts)), everywhere[1] or sentence.text)
    return per_block, everywhere


def _camera_ready(sentence: Sentence) -> bool:
    return bool(CAMERA_READY.search(sentence.text) or camera_ready_section(sentence))


def _apply_exclusions(mentions: list[Mention], sentences: list[Sentence]) -> None:
    blocks = {m.sentence.block for m in mentions if m.stage == "submission"}
    per_block, everywhere = _block_exclusions(sentences, blocks, {m.index for m in mentions})
    for mention in mentions:
        if mention.stage != "submission":
            continue
        for parts, source in (per_block.get(mention.sentence.block, ([], "")), everywhere):
            new = [p for p in parts if p not in mention.excludes]
            if new:
                mention.excludes = mention.excludes + new
                mention.excludes_source = mention.excludes_source or source


def _best(group: list[Mention]) -> Mention:
    """The sentence that states a limit most fully: with its exclusions, in the body rather than a heading."""
    return max(group, key=lambda m: (bool(m.excludes), not m.heading_only, m.min_pages is not None, -m.index))


def _to_track(group: list[Mention]) -> Track:
    hard = [m for m in group if not m.soft and m.max_pages is not None]
    if hard and any(m.soft and m.max_pages not in (None, hard[0].max_pages) for m in group):
        group = [m for m in group if not m.soft]  # "up to 8 pages; we encourage around 4": 8 is the limit
    best = _best(group)
    excludes = list(dict.fromkeys(p for m in group for p in m.excludes))
    minimum = next((m.min_pages for m in group if m.min_pages is not None), None)
    values = sorted({m.max_pages for m in group if m.max_pages is not None})
    name = best.name or next((m.name for m in group if m.name), None)
    track = Track(name=name, max_pages=best.max_pages, min_pages=minimum, format=best.family,
                  excludes=excludes, source=best.sentence.text,
                  excludes_source=best.excludes_source if best.excludes_source != best.sentence.text else None,
                  soft=all(m.soft for m in group if m.max_pages is not None),
                  struck=sorted({v for m in group for v in m.struck}))
    if len(values) > 1:
        track.max_pages = None
        track.conflict = list(dict.fromkeys(m.sentence.text for m in group))
    return track


def _group(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of one paper type and template together; an unnamed restatement joins the named one it repeats."""
    groups: dict[tuple, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault((mention.name, mention.family), []).append(mention)
    named = {key: group for key, group in groups.items() if key[0] is not None}
    for key in [k for k in groups if k[0] is None]:
        stay = []
        for mention in groups.pop(key):
            # "2-page submissions will be presented as posters" repeats the one type with a 2-page limit
            same = [k for k, g in named.items()
                    if mention.max_pages in {m.max_pages for m in g} and k[1] in (key[1], None)]
            if len(same) == 1:
                groups[same[0]].append(mention)
            else:
                stay.append(mention)
        if stay:
            groups[key] = stay
    return list(groups.values())


def _minimums(mentions: list[Mention]) -> list[Mention]:
    """A minimum stated on its own ("at least 4 pages") joins the limit of its paper type."""
    limits = [m for m in mentions if m.max_pages is not None]
    for low in [m for m in mentions if m.max_pages is None]:
        mates = [m for m in limits if m.name == low.name] or (limits if len({m.name for m in limits}) == 1 else [])
        for mate in mates:
            mate.min_pages = mate.min_pages or low.min_pages
    return limits


def _tbd_tracks(sentences: list[Sentence], named: set[str | None]) -> list[Track]:
    """Limits the call says are still to come ("Page limit: TBD")."""
    out = []
    for sentence in sentences:
        text, _ = strip_struck(sentence.text)
        if _camera_ready(sentence) or POLICY.search(text) or not (_LIMIT_TOPIC.search(text) and TBD.search(text)):
            continue
        name = track_name(text) or (track_name(sentence.heading) if sentence.kind != "heading" else None)
        if name in named or (name is None and named):
            continue
        named.add(name)
        out.append(Track(name=name, max_pages=None, tbd=True, source=sentence.text))
    return out


def _question(sentences: list[Sentence], index: int) -> str | None:
    """The question a sentence answers: the sentence before it in its paragraph, when that one asks ("Q: ...?")."""
    before = sentences[index - 1] if index else None
    if before is None or before.block != sentences[index].block or not before.text.rstrip().endswith("?"):
        return None
    return before.text


def find_tracks(sentences: list[Sentence]) -> tuple[list[Track], list[Track]]:
    """(submission tracks, camera-ready limits) the call states."""
    mentions = [m for index, s in enumerate(sentences) for m in mentions_in(s, index, _question(sentences, index))]
    _apply_exclusions(mentions, sentences)
    submission = _minimums([m for m in mentions if m.stage == "submission"])
    camera = [m for m in mentions if m.stage == "camera-ready" and m.max_pages is not None]
    tracks = [_to_track(g) for g in sorted(_group(submission), key=lambda g: min(m.index for m in g))]
    if len(tracks) == 1 and tracks[0].name in _GENERIC_NAMES:
        tracks[0].name = None  # "original research papers of up to 4 pages" is the call's one paper type
    families = {t.format for t in tracks if t.format}
    if len(families) < 2:
        for track in tracks:
            track.format = None  # the limit does not depend on the template
    tracks += _tbd_tracks(sentences, {t.name for t in tracks})
    camera_tracks = [_to_track(group) for group in _group(camera)]
    return tracks, camera_tracks


def camera_ready_extra(sentences: list[Sentence], tracks: list[Track],
                       camera: list[Track]) -> tuple[Stated | None, list[str]]:
    """Extra pages for the camera-ready version, and notes when the call is unclear about them."""
    found: list[Stated] = []
    for sentence in sentences:
        if not _camera_ready(sentence):
            continue
        text, _ = strip_struck(sentence.text)
        for match in _EXTRA_PAGES.finditer(text):
            if _EXTRA_FOR_PART.match(text[match.end():]):
                continue
            word = match.group("n") or match.group("plus") or match.group("after") or match.group("add")
            found.append(Stated(1 if word.lower().startswith("a") else number(word), sentence.text))
        if _NO_EXTRA.search(text):
            found.append(Stated(0, sentence.text))
    values = {s.value for s in found}
    if len(values) == 1:
        return found[0], []
    if len(values) > 1:
        quoted = "; ".join(f'"{s.source}"' for s in found)
        return None, [f"the call gives different camera-ready allowances ({quoted}): the camera-ready limit is "
                      "not checked; ask the organizers"]
    from_limits = _extra_from_limits(tracks, camera)
    if len({s.value for s in from_limits}) == 1:
        return from_limits[0], []
    return None, []  # per-track camera-ready limits, or none


def camera_ready_mate(track: Track, tracks: list[Track], camera: list[Track]) -> Track | None:
    """The camera-ready limit the call states for a submission track, if any."""
    for final in camera:
        if final.max_pages is not None and (final.name == track.name or (len(tracks) == 1 and final.name is None)):
            return final
    return None


def _extra_from_limits(tracks: list[Track], camera: list[Track]) -> list[Stated]:
    """A camera-ready limit stated as a number: the extra pages are its difference from the submission limit."""
    out = []
    for track in tracks:
        final = camera_ready_mate(track, tracks, camera)
        if final is not None and track.max_pages is not None and final.max_pages is not None \
                and final.max_pages >= track.max_pages:
            out.append(Stated(final.max_pages - track.max_pages, final.source))
    return out
