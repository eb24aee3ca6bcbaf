"""Page 1: the author block between the title and the abstract, and the author footnotes."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from wscheck.geometry import page_dimensions
from wscheck.identity.model import Leak
from wscheck.identity.names import ack_evidence, is_affiliation, is_orcid_line, is_prose, looks_like_names, person_names
from wscheck.identity.patterns import ABSTRACT_START, AUTHOR_FOOTNOTE_CUE, CAPTION, DATE, PLACEHOLDER, URL_TEXT, VENUE
from wscheck.identity.text import Stream, joiner, leak_at
from wscheck.model import Level


@dataclass
class PageOne:
    block: list  # lines between the title and the abstract
    footnotes: list  # page-1 footnote lines that carry author information
    title: str = ""

    def author_area(self) -> set[tuple[int, int]]:
        """(page, index) of the lines where a paper introduces its authors: the block and its footnotes."""
        return {(ln.page, ln.index) for ln in self.block + self.footnotes}


def read_page_one(document) -> PageOne:
    structure = document.structure
    body = structure.body_size
    _, height = page_dimensions(document.page_sizes[0] if document.page_sizes else None)
    lines = [ln for ln in document.page(1).lines
             if not structure.is_furniture(ln) and ln.text.strip() and not re.fullmatch(r"\s*\d{1,3}\s*", ln.text)]
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    stops = [ln.top for ln in lines if ABSTRACT_START.match(ln.text) and ln.top < height * 0.6]
    # section headings (the title can be a bookmarked 'heading' too: it is larger)
    stops += [h.line.top for h in structure.headings if h.page == 1 and h.line.size < body + 3.5]
    stops += [ln.top for ln in lines if ln.size <= body + 1.5 and is_prose(ln.text)]
    region_end = min(stops) if stops else height * 0.45
    # lines wholly above the abstract; a caption beside it (two columns) is not the author block
    region = [ln for ln in lines if ln.bottom <= region_end + 1 and not CAPTION.match(ln.text)]
    block: list = []
    title = ""
    if region:
        title_size = max(ln.size for ln in region)
        start = next(i for i, ln in enumerate(region) if ln.size >= title_size - 0.3)
        end = start + 1
        # the title runs on while lines stay nearly as large and as tightly spaced as a title's lines
        while end < len(region) and region[end].size >= title_size * 0.78 and \
                region[end].top - region[end - 1].bottom <= title_size * 0.75:
            end += 1
        title = " ".join(ln.text for ln in region[start:end])
        block = _author_rows(region[end:], body)
    return PageOne(block, _author_footnotes(document, lines, body, height),
                    title or document.info.get("Title", ""))


def _author_rows(lines: list, body: float) -> list:
    """The author block under the title: lines set near body size (or affiliations and e-mails in small
    print), down to the first wide gap (a teaser figure between the authors and the abstract is not them)."""
    out: list = []
    for line in lines:
        if out and line.top - max(ln.bottom for ln in out) > max(36.0, 3 * line.height):
            break
        if max(line.size, line.end_size or 0) >= body - 1.6 or "@" in line.text or is_affiliation(line.text):
            out.append(line)
    return out


def _author_footnotes(document, lines, body: float, height: float) -> list:
    """Page-1 footnote blocks that carry author information (affiliations, correspondence...)."""
    small = [ln for ln in lines if ln.top > height * 0.5 and max(ln.size, ln.end_size or 0) <= body - 0.5]
    width, _ = page_dimensions(document.page_sizes[0] if document.page_sizes else None)
    blocks: list[list] = []
    # per column (a footnote sits at the foot of one column), top to bottom
    for line in sorted(small, key=lambda ln: (ln.x0 >= width / 2 - 8, ln.top, ln.x0)):
        current = blocks[-1] if blocks else None
        if current and (line.x0 >= width / 2 - 8) == (current[-1].x0 >= width / 2 - 8) \
                and line.top - current[-1].bottom < max(6.0, line.height * 1.2):
            current.append(line)
        else:
            blocks.append([line])
    out = []
    for block in blocks:
        text = " ".join(ln.text for ln in block)
        # a footnote starts with its mark ("1Stanford University", "*Equal contribution")
        marked = re.match(r"\s*[\d*†‡§¶∗⋆]", block[0].text) or re.search(r"correspond", text, re.I)
        if marked and AUTHOR_FOOTNOTE_CUE.search(text) and not CAPTION.match(text):
            out.extend(block)
    return out


def author_block_leaks(document, stream: Stream, page_one: PageOne) -> list[Leak]:
    rows = {(stream.lines[r].page, stream.lines[r].index): r for r in stream.page_rows.get(1, [])}
    out: list[Leak] = []

    def leak(line, kind, text=None, level=Level.ERROR, detail=None):
        row = rows.get((line.page, line.index))
        if row is not None:
            out.append(leak_at(stream, document, row, kind, text or line.text.strip(), level, detail))
        else:
            out.append(Leak(1, kind, text or line.text.strip(), line.box, level, detail))

    classified = []
    for line in page_one.block:
        text = line.text.strip()
        if PLACEHOLDER.search(text):
            label = "placeholder"
        elif "@" in text or URL_TEXT.search(text):
            label = None  # e-mail addresses and links are judged on their own
        elif is_orcid_line(text):
            label = "orcid"
        elif VENUE.search(text) or DATE.search(text) or not re.search(r"[^\W\d_]", text):
            label = None
        elif is_affiliation(text):
            label = "affiliation"
        elif looks_like_names(text):
            label = "names"
        else:
            label = "other"
        classified.append((line, label))
    named = any(label == "names" for _, label in classified)
    for line, label in classified:
        if label == "names":
            leak(line, "author-block", detail="author names on page 1")
        elif label == "affiliation":
            leak(line, "affiliation", detail="an affiliation on page 1")
        elif label == "orcid":
            leak(line, "orcid", detail="an ORCID iD on page 1")
        elif label == "other" and named:
            leak(line, "author-block", detail="part of a named author block")
    out.extend(_footnote_leaks(document, stream, page_one, rows))
    return out


def _footnote_leaks(document, stream: Stream, page_one: PageOne, rows: dict) -> list[Leak]:
    if not page_one.footnotes:
        return []
    out = []
    lines = page_one.footnotes
    text = ""
    offsets = []
    for line in lines:
        if text:
            join = joiner(text, line.text)
            if join == "-":
                text, join = text.rstrip()[:-1], ""
            text += " " if join == "\n" else join
        offsets.append(len(text))
        text += line.text
    # clauses: sentences, and the parts of "1 A. 2 B." affiliation lists
    for match in re.finditer(r"\S.*?(?:[.;](?=\s|$)|$)", text):
        clause = match.group(0).strip()
        if not clause or VENUE.search(clause) or PLACEHOLDER.search(clause):
            continue
        line = lines[max(0, bisect.bisect_right(offsets, match.start()) - 1)]
        row = rows.get((line.page, line.index))
        correspondence = re.search(r"correspond\w*(?: author)?s?\s*(?:to|:)\s*:?\s*([^<(\n]+)", clause, re.I)
        kind = None
        if correspondence and person_names(correspondence.group(1)):
            kind, detail = "author-block", "a correspondence footnote names an author"
        elif is_affiliation(re.sub(r"^[\d*†‡§¶∗⋆\s]+", "", clause)):
            kind, detail = "affiliation", "an affiliation footnote on page 1"
        elif ack_evidence(clause) and re.search(r"support|fund|grant|thank|sponsor", clause, re.I):
            kind, detail = "acknowledgments", "a page-1 footnote acknowledges funding or people"
        elif person_names(clause):
            kind, detail = "author-block", "an author footnote names people"
        if kind is None:
            continue
        shown = " ".join(clause.split())
        if row is not None:
            out.append(leak_at(stream, document, row, kind, shown, detail=detail))
        else:
            out.append(Leak(1, kind, shown, line.box, detail=detail))
    return out
