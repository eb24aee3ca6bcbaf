"""One self-contained HTML page for a batch: a sortable summary table and per-paper details.

Self-contained: the styles, the script and the pictures are inside the page, so it
opens from a mail attachment or a CI artifact with no network and no other file.
The table names each paper by its file name (its folder, relative to the working
directory, below it), with its track, verdict, main-body pages against the limit
(and the pages over it, when there are any), anonymity, format, failed rules and
warnings; no word, file name or rule id is broken across lines, at desktop width
or at 800 px. With `--evidence DIR`, each paper's details show its marked pages as
pictures cut around the marks, readable as they are (JPEG data URIs), the first one
large; each links to the full-size PNG by a path relative to the report's own
folder (to the current folder when the report goes to stdout): keep the report and
the evidence folder side by side, as they were written, and the links work. The
first paper that failed is open.

Without JavaScript everything is visible; the script only sorts the table,
filters it, and opens a paper's details when its link is followed.
"""
from __future__ import annotations

import base64
import html
import io
import os
from pathlib import Path
from typing import IO
from urllib.parse import quote

from wscheck import __version__
from wscheck.model import STATUS_LABELS
from wscheck.reporters.streaming import Tally, TextSpool, write_all
from wscheck.reporters.summary import group_findings, group_noun, printable, reported_findings, summarize, where
from wscheck.textutil import page_ranges as ranges

THUMBNAIL_SIZE = (220, 290)  # a whole page, when an evidence image names no marked region
FOCUS_WIDTH = 900  # px: the first marked page of a paper, shown large
PICTURE_WIDTH = 440  # px: the other marked pages
FOCUS_CONTEXT = 60  # px of the page kept around the marks
# Evidence pages are rendered within evidence.MAX_PIXELS; a PNG much larger than that is not
# one this run wrote, and is not decoded in the process that prints the report.
MAX_THUMBNAIL_SOURCE_PIXELS = 16_000_000

STYLE = """
:root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --error: #8250df; --muted: #656d76; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
       padding: 1.5rem; max-width: 1400px; color: #1f2328; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 0; display: inline; }
.meta, .muted { color: var(--muted); }
.totals span { margin-right: 1rem; font-weight: 600; }
.controls { margin: 1rem 0 .5rem; }
.controls input { padding: .35rem .5rem; width: 22rem; max-width: 100%; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
#summary th { cursor: pointer; user-select: none; background: #f6f8fa; position: sticky; top: 0; }
#summary th[aria-sort="ascending"]::after { content: " \\25B2"; }
#summary th[aria-sort="descending"]::after { content: " \\25BC"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td, th { overflow-wrap: normal; word-break: normal; hyphens: none; }
td.file { min-width: 10rem; }
td.file .name { font-weight: 600; }
td.file .folder { display: block; color: var(--muted); font-size: .8rem; }
.id, .nowrap { white-space: nowrap; }
.table-wrap { overflow-x: auto; }
.warn-text { color: var(--warn); }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; color: #fff; font-size: .8rem;
         font-weight: 600; white-space: nowrap; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
.badge.warn { background: var(--warn); } .badge.error { background: var(--error); }
.badge.not_checked { background: #8c959f; }
details.paper { border: 1px solid #d0d7de; border-radius: 6px; margin: .75rem 0; padding: .5rem .75rem; }
details.paper > summary { cursor: pointer; }
details.paper:target { outline: 2px solid #0969da; }
.rules { margin-top: .5rem; }
.rules td:first-child { width: 7rem; }
.findings { margin: .25rem 0 0; padding-left: 1.2rem; }
.findings li { margin: .15rem 0; }
.quote { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; background: #f6f8fa;
         padding: 0 .2rem; word-break: break-word; }
.fix { color: var(--pass); }
.evidence { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: .5rem; align-items: flex-start; }
.evidence figure { margin: 0; max-width: 100%; }
.evidence figure.focus { flex-basis: 100%; }
.evidence img { border: 1px solid #d0d7de; display: block; max-width: 100%; height: auto; }
.evidence figcaption { font-size: .85rem; color: var(--muted); max-width: 56rem; }
@media (max-width: 900px) {
  body { padding: .75rem; font-size: 13px; }
  th, td { padding: .3rem .2rem; }
  #summary th { font-size: .8rem; }
  td.file { min-width: 0; }
}
.error-text { color: var(--error); font-weight: 600; }
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("summary");
  var body = table.tBodies[0];
  var headers = table.tHead.rows[0].cells;
  function key(row, index, numeric) {
    var cell = row.cells[index];
    var value = cell.getAttribute("data-sort");
    if (value === null) { value = cell.textContent.trim(); }
    if (numeric) {
      var number = parseFloat(value);
      return isNaN(number) ? null : number;
    }
    return value.toLowerCase();
  }
  function sortBy(index) {
    var header = headers[index];
    var numeric = header.getAttribute("data-type") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, index, numeric), y = key(b, index, numeric);
      if (x === y) { return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order")); }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      var order = numeric ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(headers, function (header, index) {
    header.addEventListener("click", function () { sortBy(index); });
  });
  var filter = document.getElementById("filter");
  filter.addEventListener("input", function () {
    var needle = filter.value.trim().toLowerCase();
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
    });
  });
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
}());
"""


def esc(value) -> str:
    return html.escape(printable(value), quote=True)


def _badge(status: str, label: str | None = None) -> str:
    return f'<span class="badge {esc(status)}">{esc(label or STATUS_LABELS.get(status, status.upper()))}</span>'


def _link_base(output: str | None) -> str:
    return os.path.dirname(os.path.abspath(output)) if output and output != "-" else os.getcwd()


def _href(path: str, base: str) -> str:
    try:
        relative = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_uri()
    return quote(Path(relative).as_posix(), safe="/")


def _picture(path: str, boxes: list | None, width: int) -> tuple[str | None, str]:
    """A JPEG data URI of an evidence page cut around its marks (`boxes`, in its pixels) and at most
    `width` px wide, or of the whole page as a thumbnail when it names no marks; or None and why not
    (the PNG is gone, or too large to decode here)."""
    try:
        from PIL import Image

        with Image.open(path) as image:
            size = image.size
            if size[0] * size[1] > MAX_THUMBNAIL_SOURCE_PIXELS:
                return None, f"{size[0]}x{size[1]} pixels, too large to show"
            image = image.convert("RGB")
            region = _region(boxes, size, width)
            if region is not None:
                image = image.crop(region)
                if image.size[0] > width:
                    image = image.resize((width, max(1, round(image.size[1] * width / image.size[0]))))
            else:
                image.thumbnail(THUMBNAIL_SIZE)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=82)
    except ImportError:
        return None, "Pillow is not installed"
    except OSError:
        return None, "missing"
    except Exception as exc:  # noqa: BLE001 - Pillow's DecompressionBombError and the like: no picture
        return None, f"cannot be shown: {type(exc).__name__}"
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), ""


def _region(boxes: list | None, size: tuple[int, int], width: int) -> tuple[int, int, int, int] | None:
    """What to cut from a page image: its marks and some of the page around them, at least `width` px wide
    when the page is (so that text keeps its size), the page's full width when the marks are far apart."""
    valid = [b for b in boxes or [] if isinstance(b, (list, tuple)) and len(b) == 4]
    if not valid:
        return None
    x0 = min(b[0] for b in valid) - FOCUS_CONTEXT
    top = min(b[1] for b in valid) - FOCUS_CONTEXT
    x1 = max(b[2] for b in valid) + FOCUS_CONTEXT
    bottom = max(b[3] for b in valid) + FOCUS_CONTEXT
    if x1 - x0 < width:  # widen around the centre, within the image
        centre = (x0 + x1) / 2
        x0, x1 = centre - width / 2, centre + width / 2
    x0, x1 = max(0, min(x0, size[0] - width)), min(size[0], max(x1, width))
    top, bottom = max(0, top), min(size[1], bottom)
    if x1 <= x0 or bottom <= top:
        return None
    return (round(max(0, x0)), round(top), round(x1), round(bottom))


def _wbr(text: str) -> str:
    """Escaped text that may break only after a path separator, a hyphen or an underscore."""
    out = esc(text)
    for mark in ("/", "-", "_"):
        out = out.replace(mark, mark + "<wbr>")
    return out


def paper_folder(file: str) -> str:
    """The folder a paper is in, as the table shows it (relative to the working directory)."""
    return os.path.dirname(_relative(printable(file)))


def _file_cell(number: int, file: str) -> str:
    """The file name as the link; its folder below it (hidden by the page's style when every paper shares it)."""
    shown = _relative(printable(file))
    folder, name = os.path.split(shown)
    below = f'<span class="folder">{_wbr(folder + "/")}</span>' if folder else ""
    return (f'<td class="file" data-sort="{esc(shown)}" title="{esc(shown)}">'
            f'<a class="name" href="#paper-{number}">{_wbr(name)}</a>{below}</td>')


def _relative(path: str) -> str:
    if not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return relative if len(relative) < len(path) else path


def _ids(ids: list[str], css: str = "") -> str:
    """Rule ids that never break inside, separated by commas where lines may break."""
    spans = ", ".join(f'<span class="id">{esc(rule_id)}</span>' for rule_id in ids)
    return f'<span class="{css}">{spans}</span>' if css and spans else spans


def _summary_head(has_evidence: bool) -> list[str]:
    columns = [("Paper", "text"), ("Track", "text"), ("Verdict", "text"), ("Body / limit", "number"),
               ("Over", "number"), ("Anonymity", "text"), ("Format", "text"), ("Failed rules", "text"),
               ("Warnings", "text")]
    if has_evidence:
        columns.append(("Evidence", "number"))  # pages drawn
    out = ['<div class="table-wrap"><table id="summary">', "<thead><tr>"]
    out += [f'<th data-type="{kind}" scope="col">{esc(name)}</th>' for name, kind in columns]
    out += ["</tr></thead>", "<tbody>"]
    return out


SUMMARY_END = ["</tbody>", "</table></div>"]
_VERDICT_RANK = {"error": 0, "fail": 1, "pass": 2}


def _summary_row(number: int, report, has_evidence: bool) -> str:
    row = summarize(report)
    if row.verdict == "error":
        reason = row.problems_label
        if row.error and reason.startswith(f"{row.file}: "):
            reason = reason[len(row.file) + 2:]  # the file is in the first column
        failed = f'<span class="error-text">{esc(reason)}</span>'
    else:
        failed = _ids(row.failed_rules)
        if row.error_rules:
            failed += ("; " if failed else "") + "could not check: " + _ids(row.error_rules, "error-text")
    over = row.pages_over_limit

    def num(value, sort=None) -> str:
        key = f' data-sort="{esc(sort)}"' if sort is not None else ""
        return f'<td class="num"{key}>{"" if value is None else esc(value)}</td>'

    cells = [
        _file_cell(number, row.file),
        f'<td><span class="id">{esc(row.track or "")}</span></td>',
        f'<td data-sort="{_VERDICT_RANK[row.verdict]}">{_badge(row.verdict, row.verdict_label)}</td>',
        # sorted by the main body's pages; the limit beside them
        num(row.body_vs_limit if row.main_body_pages is not None else None, row.main_body_pages),
        # only pages over the limit: a paper within it shows nothing here, yet still sorts by its margin
        num(over if over is not None and over > 0 else None, over),
        f"<td>{esc(row.anonymity_label)}</td>", f"<td>{esc(row.format_label)}</td>",
        f"<td>{failed or '-'}</td>", f"<td>{_ids(row.warned_rules, 'warn-text') or '-'}</td>",
    ]
    if has_evidence:
        cells.append(num(len(report.evidence)))
    return f'<tr data-order="{number}" class="{esc(row.verdict)}">{"".join(cells)}</tr>'


def _finding_item(finding, show_fix: bool) -> str:
    parts = [f'<span class="muted nowrap">{esc(where(finding))}</span>']
    if finding.kind:
        parts.append(f'<span class="muted">[{esc(finding.kind)}]</span>')
    parts.append(f'<span class="quote">{esc(finding.text)}</span>')
    if finding.detail:
        parts.append(f'<br><span class="muted">{esc(finding.detail)}</span>')
    if finding.fix and show_fix:
        parts.append(f'<br><span class="fix">fix: {esc(finding.fix)}</span>')
    return f"<li>{' '.join(parts)}</li>"


GROUP_QUOTES = 12  # quotes listed in a group of findings; -v in the text report, or the JSON, lists all


def _group_item(group, show_fix: bool) -> str:
    """Findings of one kind with one fix as one item: how many, on which pages, their quotes, one fix."""
    first = group[0]
    pages = ranges([f.page for f in group if f.page is not None])
    head = f"{len(group)} {group_noun(first.kind, len(group))}" + (f", pages {pages}" if pages else "")
    quotes = " · ".join(f'<span class="muted nowrap">{esc(where(f))}</span> <span class="quote">{esc(f.text)}</span>'
                        for f in group[:GROUP_QUOTES])
    if len(group) > GROUP_QUOTES:
        quotes += f' <span class="muted">and {len(group) - GROUP_QUOTES} more</span>'
    parts = [f'<span class="muted">{esc(head)}:</span> {quotes}']
    if first.detail:
        parts.append(f'<br><span class="muted">e.g. {esc(first.detail)}</span>')
    if first.fix and show_fix:
        parts.append(f'<br><span class="fix">fix: {esc(first.fix)}</span>')
    return f"<li>{' '.join(parts)}</li>"


def _evidence_figures(report, link_base: str) -> list[str]:
    """The marked pages: the first large, cut around its marks; the others smaller."""
    out = ['<div class="evidence">']
    for number, item in enumerate(report.evidence):
        href = _href(item["file"], link_base)
        marks = "; ".join(item.get("marks", []))
        focus = number == 0
        picture, why_not = _picture(item["file"], item.get("boxes"), FOCUS_WIDTH if focus else PICTURE_WIDTH)
        image = (f'<img src="{picture}" alt="page {esc(item["page"])}: {esc(marks)}">'
                 if picture else f'<span class="muted">{esc(item["file"])} ({esc(why_not)})</span>')
        caption = f"page {esc(item['page'])}" + (f": {esc(marks)}" if marks else "")
        css = ' class="focus"' if focus else ""
        out.append(f'<figure{css}><a href="{esc(href)}" title="{esc(marks)}">'
                   f'{image}</a><figcaption>{caption}</figcaption></figure>')
    out.append("</div>")
    return out


def _paper_details(number: int, report, link_base: str, is_open: bool) -> list[str]:
    row = summarize(report)
    context = [report.venue or "", f"track {report.track}" if report.track else "", report.stage or "",
               f"{report.pages} pages" if report.pages is not None else ""]
    out = [f'<details class="paper" id="paper-{number}"{" open" if is_open else ""}>',
           f"<summary>{_badge(row.verdict, row.verdict_label)} <h2>{_wbr(_relative(printable(report.file)))}</h2> "
           f'<span class="meta">{esc(" · ".join(c for c in context if c))}</span></summary>']
    if report.error:
        out.append(f'<p class="error-text">{esc(report.error)}</p>')
        out.append("</details>")
        return out
    out.append('<table class="rules"><thead><tr><th>Status</th><th>Rule</th><th>Result</th></tr></thead><tbody>')
    for result in report.results:
        findings = reported_findings(result)
        items = ""
        if findings:
            show_fix = result.status in ("fail", "warn")
            more = f'<li class="muted">{esc(result.omitted_text)}</li>' if result.omitted_text else ""
            items = ('<ul class="findings">' + "".join(
                _group_item(group, show_fix) if len(group) > 1 else _finding_item(group[0], show_fix)
                for group in group_findings(findings)) + more + "</ul>")
        source = f'<br><span class="muted">source: {esc(result.source)}</span>' if result.source else ""
        out.append(f'<tr><td>{_badge(result.status)}</td><td><span class="id">{esc(result.rule)}</span></td>'
                   f"<td>{esc(result.message)}{items}{source}</td></tr>")
    out.append("</tbody></table>")
    for note in report.notes:
        out.append(f'<p class="muted">note: {esc(note)}</p>')
    if report.evidence:
        out += _evidence_figures(report, link_base)
    out.append("</details>")
    return out


def _page_head(title: str, counts: dict[str, int], common: str) -> list[str]:
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{esc(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">wscheck {esc(__version__)}</p>',
        f'<p class="totals"><span>{counts["papers"]} papers</span>'
        f'<span style="color:var(--pass)">{counts["pass"]} passed</span>'
        f'<span style="color:var(--fail)">{counts["fail"]} failed</span>'
        f'<span style="color:var(--error)">{counts["error"]} could not be checked</span></p>',
        '<div class="controls"><input id="filter" type="search" placeholder="Filter papers, rules, verdicts"'
        ' aria-label="Filter the table"></div>',
        f'<p class="meta">papers in {_wbr(common + "/")}</p>' if common else "",
        # every paper is in that folder: the table shows file names alone
        "<style>td.file .folder { display: none; }</style>" if common else "",
    ]


PAGE_END = [f"<script>{SCRIPT}</script>", "</body>", "</html>"]


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    options = dict(options or {})
    if any(r.evidence for r in reports) and not options.get("evidence_dir"):
        options["has_evidence"] = True
    write_all(Writer(), reports, stream, {**options, "total": len(reports)})


class Writer:
    """The page starts with the totals and the table: rows and details are spooled until the end.

    Options: `evidence_dir` or `has_evidence` (the table gets an evidence column), `total`
    (a lone paper's details start open), `output` (evidence links are relative to it). In a
    batch, the first paper that did not pass is shown open.
    """

    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream, self.tally = stream, Tally()
        self.has_evidence = bool(options.get("evidence_dir") or options.get("has_evidence"))
        self.link_base = _link_base(options.get("output"))
        self.lone = options.get("total") == 1
        self.opened = False  # whether a paper's details are shown open already
        self.folders: set[str] = set()  # at most two are kept: enough to tell whether all papers share one
        self.rows, self.details = TextSpool(), TextSpool()

    def paper(self, report) -> None:
        self.tally.add(report)
        number = self.tally.papers
        if len(self.folders) < 2:
            self.folders.add(paper_folder(report.file))
        self.rows.write(_summary_row(number, report, self.has_evidence) + "\n")
        is_open = self.lone or (not self.opened and report.verdict != "pass")
        self.opened = self.opened or is_open
        lines = _paper_details(number, report, self.link_base, is_open=is_open)
        self.details.write("".join(line + "\n" for line in lines if line))

    def end(self) -> None:
        venues = sorted(self.tally.venues)
        title = "wscheck report" + (f": {', '.join(venues)}" if venues else "")
        common = next(iter(self.folders)) if len(self.folders) == 1 and self.tally.papers > 1 else ""
        head = [*_page_head(title, self.tally.counts(), common), *_summary_head(self.has_evidence)]
        self.stream.write("".join(line + "\n" for line in head if line))
        self.rows.copy_to(self.stream)
        tail = [*SUMMARY_END, "<h2>Papers</h2>" if self.tally.papers else ""]
        self.stream.write("".join(line + "\n" for line in tail if line))
        self.details.copy_to(self.stream)
        self.stream.write("".join(line + "\n" for line in PAGE_END))
        self.rows.close()
        self.details.close()
