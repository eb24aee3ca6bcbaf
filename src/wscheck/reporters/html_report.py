"""One self-contained HTML page for a batch: a sortable summary table and per-paper details.

Self-contained: the styles, the script and the thumbnails are inside the page,
so it opens from a mail attachment or a CI artifact with no network and no
other file. With `--evidence DIR`, each paper's details show small thumbnails of
the marked pages, embedded as data URIs (JPEG, a few kB each), and each links to
the full-size PNG by a path relative to the report's own folder (to the current
folder when the report goes to stdout): keep the report and the evidence folder
side by side, as they were written, and the links work. Without the evidence
folder the thumbnails still show.

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
from wscheck.reporters.summary import printable, reported_findings, summarize, where

THUMBNAIL_SIZE = (220, 290)
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
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.file { word-break: break-all; }
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
.evidence { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: .5rem; }
.evidence figure { margin: 0; text-align: center; }
.evidence img { border: 1px solid #d0d7de; display: block; }
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


def _thumbnail(path: str) -> tuple[str | None, str]:
    """A small JPEG of an evidence page as a data URI, or None and why not (the PNG is gone, or too large)."""
    try:
        from PIL import Image

        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_THUMBNAIL_SOURCE_PIXELS:
                return None, f"{width}x{height} pixels, too large to show"
            image = image.convert("RGB")
            image.thumbnail(THUMBNAIL_SIZE)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=80)
    except ImportError:
        return None, "Pillow is not installed"
    except OSError:
        return None, "missing"
    except Exception as exc:  # noqa: BLE001 - Pillow's DecompressionBombError and the like: no thumbnail
        return None, f"cannot be shown: {type(exc).__name__}"
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), ""


def _summary_head(has_evidence: bool) -> list[str]:
    columns = [("Paper", "text"), ("Verdict", "text"), ("Main body", "number"), ("Limit", "number"),
               ("Over", "number"), ("Anonymity", "text"), ("Format", "text"), ("Failed rules", "text")]
    if has_evidence:
        columns.append(("Evidence pages", "number"))
    out = ['<table id="summary">', "<thead><tr>"]
    out += [f'<th data-type="{kind}" scope="col">{esc(name)}</th>' for name, kind in columns]
    out += ["</tr></thead>", "<tbody>"]
    return out


SUMMARY_END = ["</tbody>", "</table>"]
_VERDICT_RANK = {"error": 0, "fail": 1, "pass": 2}


def _summary_row(number: int, report, has_evidence: bool) -> str:
    row = summarize(report)
    failed = (f'<span class="error-text">{esc(row.problems_label)}</span>' if row.verdict == "error"
              else esc(row.problems_label))

    def num(value) -> str:
        return f'<td class="num">{"" if value is None else esc(value)}</td>'

    cells = [
        f'<td class="file" data-sort="{esc(row.file)}"><a href="#paper-{number}">{esc(row.file)}</a></td>',
        f'<td data-sort="{_VERDICT_RANK[row.verdict]}">{_badge(row.verdict, row.verdict_label)}</td>',
        num(row.main_body_pages), num(row.page_limit), num(row.pages_over_limit),
        f"<td>{esc(row.anonymity_label)}</td>", f"<td>{esc(row.format_label)}</td>", f"<td>{failed}</td>",
    ]
    if has_evidence:
        cells.append(num(len(report.evidence)))
    return f'<tr data-order="{number}" class="{esc(row.verdict)}">{"".join(cells)}</tr>'


def _finding_item(finding, show_fix: bool) -> str:
    parts = [f'<span class="muted">{esc(where(finding))}</span>']
    if finding.kind:
        parts.append(f'<span class="muted">[{esc(finding.kind)}]</span>')
    parts.append(f'<span class="quote">{esc(finding.text)}</span>')
    if finding.detail:
        parts.append(f'<br><span class="muted">{esc(finding.detail)}</span>')
    if finding.fix and show_fix:
        parts.append(f'<br><span class="fix">fix: {esc(finding.fix)}</span>')
    return f"<li>{' '.join(parts)}</li>"


def _paper_details(number: int, report, link_base: str, is_open: bool) -> list[str]:
    row = summarize(report)
    context = [report.venue or "", f"track {report.track}" if report.track else "", report.stage or "",
               f"{report.pages} pages" if report.pages is not None else ""]
    out = [f'<details class="paper" id="paper-{number}"{" open" if is_open else ""}>',
           f"<summary>{_badge(row.verdict, row.verdict_label)} <h2>{esc(report.file)}</h2> "
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
            items = ('<ul class="findings">' + "".join(_finding_item(f, show_fix) for f in findings) + more
                     + "</ul>")
        source = f'<br><span class="muted">source: {esc(result.source)}</span>' if result.source else ""
        out.append(f"<tr><td>{_badge(result.status)}</td><td>{esc(result.rule)}</td>"
                   f"<td>{esc(result.message)}{items}{source}</td></tr>")
    out.append("</tbody></table>")
    for note in report.notes:
        out.append(f'<p class="muted">note: {esc(note)}</p>')
    if report.evidence:
        out.append('<div class="evidence">')
        for item in report.evidence:
            href = _href(item["file"], link_base)
            marks = "; ".join(item.get("marks", []))
            thumb, why_not = _thumbnail(item["file"])
            picture = (f'<img src="{thumb}" alt="page {esc(item["page"])}: {esc(marks)}">'
                       if thumb else f'<span class="muted">{esc(item["file"])} ({esc(why_not)})</span>')
            out.append(f'<figure><a href="{esc(href)}" title="{esc(marks)}">{picture}</a>'
                       f'<figcaption>page {esc(item["page"])}</figcaption></figure>')
        out.append("</div>")
    out.append("</details>")
    return out


def _page_head(title: str, counts: dict[str, int]) -> list[str]:
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
    (a lone paper's details start open), `output` (evidence links are relative to it).
    """

    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream, self.tally = stream, Tally()
        self.has_evidence = bool(options.get("evidence_dir") or options.get("has_evidence"))
        self.link_base = _link_base(options.get("output"))
        self.lone = options.get("total") == 1
        self.rows, self.details = TextSpool(), TextSpool()

    def paper(self, report) -> None:
        self.tally.add(report)
        number = self.tally.papers
        self.rows.write(_summary_row(number, report, self.has_evidence) + "\n")
        lines = _paper_details(number, report, self.link_base, is_open=self.lone)
        self.details.write("".join(line + "\n" for line in lines if line))

    def end(self) -> None:
        venues = sorted(self.tally.venues)
        title = "wscheck report" + (f": {', '.join(venues)}" if venues else "")
        head = [*_page_head(title, self.tally.counts()), *_summary_head(self.has_evidence)]
        self.stream.write("".join(line + "\n" for line in head if line))
        self.rows.copy_to(self.stream)
        tail = [*SUMMARY_END, "<h2>Papers</h2>" if self.tally.papers else ""]
        self.stream.write("".join(line + "\n" for line in tail if line))
        self.details.copy_to(self.stream)
        self.stream.write("".join(line + "\n" for line in PAGE_END))
        self.rows.close()
        self.details.close()
