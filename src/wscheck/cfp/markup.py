"""A call for papers as blocks of text: HTML, Markdown or plain text in, one block per paragraph out.

Every format ends in the same plain-text convention (the one the hand-labelled
calls use): one paragraph, list item or table row per block; a link as
"text <url>"; struck-through text as "~~text~~" (so that a superseded value stays
visible, and recognisable, in the sentence quoted as a source); table cells
joined by " | ". HTML is read with the standard library's html.parser; Markdown
is turned into the HTML it stands for and read the same way. Nothing is fetched
and no script runs: tags are data.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Characters a terminal or a YAML reader must never see: C0 (but tab and newline), DEL, C1, bidi
# overrides and isolates, zero-width and BOM, lone surrogates. A call's text is hostile.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# "double\u2011blind", "camera\u2011ready": hyphens that look like "-" are "-", so every reader sees one hyphen;
# a soft hyphen, invisible, is dropped
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": None})


def clean(text: str) -> str:
    """Text with unsafe characters removed, hyphens folded, and runs of spaces made one space."""
    return _SPACE.sub(" ", _UNSAFE.sub("", text).translate(_HYPHENS)).strip()


@dataclass
class Block:
    """One paragraph, list item, table row or heading of the call."""

    text: str
    kind: str = "para"  # para, item, row, heading
    level: int = 0  # heading level (1-6; 0 when guessed), list depth for items


# -- HTML --------------------------------------------------------------------------
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select", "math",
         "head", "button"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
         "wbr"}
_BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
          "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li",
          "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
          "br", "html"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_STRIKE = {"del", "s", "strike"}


def _hidden(attrs: dict[str, str | None]) -> bool:
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "hidden" in attrs or attrs.get("aria-hidden") == "true" or "display:none" in style \
        or "visibility:hidden" in style


def _struck(tag: str, attrs: dict[str, str | None]) -> bool:
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return tag in _STRIKE or "line-through" in style


class _Reader(HTMLParser):
    """Collects blocks; tracks only what changes the text: skipped, struck and link elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._parts: list[str] = []
        self._kind = "para"
        self._level = 0
        self._skip: list[str] = []  # open elements whose content is dropped
        self._marks: list[tuple[str, str]] = []  # open elements that add text at their end: (tag, text)
        self._in_title = False
        self._list_depth = 0
        self._in_pre = False
        self._cells = 0
        # <span class="title">Research papers</span><span class="pages">up to 6 pages</span>: two laid-out
        # boxes, not one word; a styled span's edge keeps words apart
        self._spans: list[bool] = []
        self._gap = False

    # blocks
    def _flush(self) -> None:
        # outside <pre> (flushed line by line) a line break in HTML source is a space
        text = clean("".join(self._parts).replace("\r", " ").replace("\n", " "))
        text = text.replace("~~~~", "").strip(" |")
        if text and self._kind == "dd" and self.blocks and self.blocks[-1].kind == "dt":
            self.blocks[-1] = Block(text=f"{self.blocks[-1].text}: {text}", kind="item")  # <dt>Deadline</dt><dd>May 8
        elif text:
            self.blocks.append(Block(text=text, kind=self._kind, level=self._level))
        self._parts = []
        self._kind, self._level, self._cells = "para", 0, 0

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        if self._skip:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag == "title":
            self._in_title = True
            return
        if tag in _SKIP and tag != "head" or _hidden(attrs):
            if tag not in _VOID:
                self._skip.append(tag)
            return
        self._open_block(tag)
        if tag == "span":
            self._spans.append(bool(attrs.get("class")))
            self._gap = self._gap or self._spans[-1]
        if tag in ("td", "th"):
            if self._cells:
                self._parts.append(" | ")
            self._cells += 1
        elif tag == "a":
            href = (attrs.get("href") or "").strip()
            keep = href and not href.startswith(("#", "javascript:", "data:", "mailto:"))
            self._marks.append((tag, f" <{clean(href)}>" if keep else ""))
        elif _struck(tag, attrs) and tag not in _VOID:
            self._parts.append("~~")
            self._marks.append((tag, "~~"))
        elif tag == "img" and attrs.get("alt"):
            self._parts.append(" ")

    def _open_block(self, tag: str) -> None:
        if tag in _HEADINGS:
            self._flush()
            self._kind, self._level = "heading", _HEADINGS[tag]
        elif tag == "li":
            self._flush()
            self._kind, self._level = "item", self._list_depth
        elif tag == "tr":
            self._flush()
            self._kind = "row"
        elif tag in ("dt", "dd"):
            self._flush()
            self._kind = tag
        elif tag in ("ul", "ol"):
            self._flush()
            self._list_depth += 1
        elif tag == "pre":
            self._flush()
            self._in_pre = True
        elif tag in _BLOCK:
            kind, level = self._kind, self._level
            self._flush()
            if tag in ("br", "p", "div") and kind in ("item", "heading"):
                self._kind, self._level = kind, level  # a line break inside an item starts a new line of it

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag == "title":
            self._in_title = False
            return
        if tag == "span" and self._spans:
            self._gap = self._spans.pop() or self._gap
        if any(open_tag == tag for open_tag, _ in self._marks):
            while self._marks:
                open_tag, text = self._marks.pop()
                self._parts.append(text)
                if open_tag == tag:
                    break
            return
        if tag in ("ul", "ol"):
            self._flush()
            self._list_depth = max(0, self._list_depth - 1)
        elif tag == "pre":
            self._flush()
            self._in_pre = False
        elif tag in _HEADINGS or tag in _BLOCK or tag == "tr":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._skip:
            return
        if self._in_pre and "\n" in data:
            lines = data.split("\n")
            for line in lines[:-1]:
                self._parts.append(line)
                self._flush()
            self._parts.append(lines[-1])
            return
        if self._gap and data.strip():
            if self._parts and self._parts[-1][-1:].isalnum() and data[:1].isalnum():
                self._parts.append(" ")
            self._gap = False
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        while self._marks:
            self._parts.append(self._marks.pop()[1])
        self._flush()


def html_blocks(text: str) -> tuple[list[Block], str]:
    """(blocks, page title) of an HTML page."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    for block in reader.blocks:
        if block.kind in ("dt", "dd"):
            block.kind = "item"
    return reader.blocks, clean(reader.title)


# -- Markdown -----------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{.*?\}\}", re.S)
_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+\u2022]|\d{1,3}[.)])\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_RAW_BLOCK = re.compile(r"^\s*</?(div|p|table|thead|tbody|tr|td|th|ul|ol|li|h[1-6]|section|details|summary|"
                        r"center|blockquote|br|hr|dl|dt|dd)\b", re.I)


_INLINE_CHUNK = 1500


def _inline(text: str) -> str:
    """Markdown inline syntax as HTML; raw HTML in the text passes through."""
    code: list[str] = []

    def keep_code(match: re.Match) -> str:
        code.append(html.escape(match.group(1)))
        return f"\x00{len(code) - 1}\x00"

    text = re.sub(r"`+([^`]+)`+", keep_code, text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!~|<>])", lambda m: html.escape(m.group(1)), text)
    if "](" in text:
        text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)
        text = re.sub(r"\[([^\[\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)",
                      lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', text)
    if "][" in text:
        text = re.sub(r"\[([^\[\]]+)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"<((?:https?://|www\.)[^\s<>]+)>", lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', text)
    text = re.sub(r"~~(.+?)~~", r"<del>\1</del>", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"(?<![\w])_(?=\S)([^_]+?)(?<=\S)_(?![\w])", r"\1", text)
    text = re.sub(r"<(?![a-zA-Z/!])", "&lt;", text)  # "a < b" stays text
    return re.sub(r"\x00(\d+)\x00", lambda m: code[int(m.group(1))], text)


def markdown_to_html(text: str) -> tuple[str, str]:
    """(HTML, title from the front matter) for a Markdown page: blocks become elements, inline syntax tags."""
    title = ""
    front = _FRONT_MATTER.match(text)
    if front:
        found = re.search(r"^title\s*[:=]\s*[\"']?(.*?)[\"']?\s*$", front.group(1), re.M)
        title = found.group(1) if found else ""
        text = text[front.end():]
    text = _TEMPLATE_TAG.sub("", _COMMENT.sub("", text))
    out: list[str] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            text = " ".join(paragraph)
            # inline syntax is matched within bounded pieces: a hostile paragraph stays linear
            out.append("<p>" + "".join(_inline(text[i:i + _INLINE_CHUNK]) for i in range(0, len(text), _INLINE_CHUNK))
                       + "</p>")
            paragraph.clear()

    lines = text.splitlines()
    fenced = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            end_paragraph()
            fenced = not fenced
            continue
        if fenced:
            out.append(f"<p>{html.escape(line)}</p>")
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        block = _markdown_line(line, following)
        if block is None:
            end_paragraph()
        elif block == "":
            paragraph.append(line.strip()[:_INLINE_CHUNK * 20])
        elif block == "setext":
            continue
        else:
            end_paragraph()
            out.append(block)
    end_paragraph()
    return "\n".join(out), title


def _markdown_line(line: str, following: str) -> str | None:
    line = line[:_INLINE_CHUNK]
    """The HTML of one Markdown line; "" to continue a paragraph, None for a break, "setext" to drop."""
    if not line.strip() or _SETEXT.match(line):
        return None  # a blank line, a rule, or the underline of a heading already written
    atx = _ATX.match(line)
    if atx:
        level = len(atx.group(1))
        return f"<h{level}>{_inline(atx.group(2))}</h{level}>"
    if _SETEXT.match(following) and following.strip() and not _ITEM.match(line) and "|" not in line:
        level = 1 if following.strip().startswith("=") else 2
        return f"<h{level}>{_inline(line.strip())}</h{level}>"
    if _TABLE_RULE.match(line) and "-" in line:
        return "setext"
    if line.lstrip().startswith("|") or (line.count("|") >= 2 and _TABLE_RULE.match(following)):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in cells) + "</tr>"
    item = _ITEM.match(line)
    if item and not _SETEXT.match(line):
        depth = len(item.group(1).expandtabs(4)) // 2
        return f"<ul>{'<ul>' * depth}<li>{_inline(item.group(2))}</li>{'</ul>' * depth}</ul>"
    if line.lstrip().startswith(">"):
        return f"<p>{_inline(line.lstrip().lstrip('>').strip())}</p>"
    if _RAW_BLOCK.match(line):
        return _inline(line)
    return ""


# -- plain text -----------------------------------------------------------------------
_PLAIN_ITEM = re.compile(r"^(\s*)(?:[-*+\u2022\u25aa\u25cf\u2013]|\d{1,3}[.)])\s+(.*)$")


def plain_blocks(text: str) -> list[Block]:
    """One block per non-empty line; list markers make items, " | " makes table rows."""
    blocks = []
    for raw in text.splitlines():
        if not clean(raw):
            continue
        item = _PLAIN_ITEM.match(raw)
        if item:
            blocks.append(Block(text=clean(item.group(2)), kind="item", level=len(item.group(1).expandtabs(4)) // 2))
        elif " | " in raw:
            blocks.append(Block(text=clean(raw), kind="row"))
        else:
            blocks.append(Block(text=clean(raw)))
    return [b for b in blocks if b.text]


# -- which format --------------------------------------------------------------------
_HTML_SIGNS = re.compile(r"<!doctype html|<html\b|<body\b|<(p|div|li|td|h[1-6]|br|span|a)\b[^>]*>", re.I)
_MARKDOWN_SIGNS = re.compile(r"^ {0,3}#{1,6} \S|\[[^\]\n]+\]\([^)\n]+\)|^\s*\|.*\|\s*$|\*\*\S", re.M)


def detect_format(text: str, name: str = "") -> str:
    """html, markdown or text: from the file name's extension, else from the content."""
    lower = name.lower().split("?", 1)[0]
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdx")):
        return "markdown"
    head = text[:20000]
    if re.search(r"<!doctype html|<html\b|<body\b", head, re.I) or len(_HTML_SIGNS.findall(head)) >= 5:
        return "html"
    if not lower.endswith(".txt") and len(_MARKDOWN_SIGNS.findall(head)) >= 2:
        return "markdown"
    if lower.endswith(".txt") and re.search(r"^ {0,3}#{1,6} \S", head, re.M) and _MARKDOWN_SIGNS.search(head):
        return "markdown"
    return "text"


MAX_SOURCE = 400_000  # characters of a Markdown or text call (a call is a few thousand)


def to_blocks(text: str, name: str = "", fmt: str | None = None) -> tuple[list[Block], str, str]:
    """(blocks, title, format) of a call in any of the three formats."""
    fmt = fmt or detect_format(text, name)
    if fmt != "html":
        text = text[:MAX_SOURCE]  # Markdown and plain text are read line by line; HTML's scripts and styles are skipped
    if fmt == "html":
        blocks, title = html_blocks(text)
    elif fmt == "markdown":
        markup, title = markdown_to_html(text)
        blocks, _ = html_blocks(markup)
        title = clean(title)
    else:
        blocks, title = plain_blocks(text), ""
    return blocks, title, fmt
