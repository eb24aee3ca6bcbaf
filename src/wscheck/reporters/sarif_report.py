"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, VS Code SARIF viewer).

One run; the driver lists the rule set's rules. Each finding of a failed or warned
rule is a result whose location is the PDF (artifactLocation). SARIF has no pages:
the page goes in `region.startLine` (so a viewer shows `paper.pdf:PAGE`) and again,
unambiguously, in `region.properties.page`, with the box in PDF points from the
top-left and the line on the page. Findings with no page (PDF metadata) have no
region. `line` is the number printed beside the line by a review build's ruler
(`lineKind: printed`), else the line's place in its column (`lineKind: counted`).
A PDF that could not be read is an `unreadable-pdf` result and a tool
execution notification; a rule that could not be checked on a paper is an error
result of that rule ("could not be checked: ...") and a notification, so a
dashboard never shows it as clean. Strings are cleaned like every report.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
from pathlib import Path, PurePath
from typing import IO
from urllib.parse import quote

from wscheck import __version__
from wscheck.reporters.streaming import JsonSpool, json_array, write_all
from wscheck.reporters.summary import where
from wscheck.textsafe import clean, clean_data

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/wscheck/wscheck"
UNREADABLE = "unreadable-pdf"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path stays relative (repository paths); an absolute one becomes file://."""
    path = clean(path)  # a name that is not UTF-8 cannot be percent-encoded as it is
    if os.path.isabs(path):
        return Path(path).as_uri()
    parts = PurePath(os.path.normpath(path)).as_posix()
    return quote(parts, safe="/")


def _descriptor(rule_id: str, description: str | None, level: str, source: str | None, check: str | None) -> dict:
    out = {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": description or rule_id},
        "defaultConfiguration": {"level": SARIF_LEVELS.get(level, "error")},
        "helpUri": INFORMATION_URI,
    }
    if source:
        out["fullDescription"] = {"text": f"{description or rule_id}. Source: {source}"}
    properties = {"check": check} if check else {}
    if properties:
        out["properties"] = properties
    return out


def _ruleset_rules(ruleset) -> dict[str, dict]:
    """The driver's rules: the rule set's enabled rules first (`_add_rules` adds those only results name)."""
    rules: dict[str, dict] = {}
    if ruleset is not None:
        for rule in ruleset.rules.values():
            if rule.enabled:
                rules[rule.id] = _descriptor(rule.id, rule.description, rule.level, rule.source, rule.check)
    return rules


def _add_rules(rules: dict[str, dict], report) -> None:
    for result in report.results:
        if result.rule not in rules:
            rules[result.rule] = _descriptor(result.rule, result.description, result.level, result.source,
                                             result.check)


UNREADABLE_RULE = _descriptor(UNREADABLE, "the file can be read as a PDF", "error", None, None)


def _fingerprint(*parts) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _location(report, finding=None) -> dict:
    physical: dict = {"artifactLocation": {"uri": artifact_uri(report.file)}}
    if finding is not None and finding.page is not None:
        properties: dict = {"page": finding.page}
        if finding.line is not None:
            properties["line"] = finding.line
            # "printed": the number the review ruler prints beside the line; "counted": its place in its column
            properties["lineKind"] = finding.line_kind or "counted"
        if finding.column is not None:
            properties["column"] = finding.column
        if finding.box is not None:
            properties["box"] = [round(v, 1) for v in finding.box]
        physical["region"] = {"startLine": finding.page, "properties": properties}
    return {"physicalLocation": physical}


def _paper_results(report) -> list[dict]:
    """A paper's SARIF results; each `ruleIndex` is filled in once every rule of the run is known."""
    if report.error:
        return [{
            "ruleId": UNREADABLE, "ruleIndex": None, "level": "error",
            "message": {"text": report.error},
            "locations": [_location(report)],
            "partialFingerprints": {"wscheck/v1": _fingerprint(report.file, UNREADABLE)},
        }]
    results = []
    for result in report.results:
        if result.status == "error":
            results.append({
                "ruleId": result.rule, "ruleIndex": None, "level": "error",
                "message": {"text": f"could not be checked: {result.message}"},
                "locations": [_location(report)],
                "partialFingerprints": {"wscheck/v1": _fingerprint(report.file, result.rule, "error")},
                "properties": {"status": "error"},
            })
            continue
        if result.status not in ("fail", "warn"):
            continue
        findings = result.findings or [None]
        for finding in findings:
            level = (finding.level if finding is not None and finding.level else None) or result.level
            if level == "info":
                continue
            text = result.message
            if finding is not None:
                text += f"\n{where(finding)}: \"{finding.text}\""
                if finding.detail:
                    text += f" ({finding.detail})"
                if finding.fix:
                    text += f"\nFix: {finding.fix}"
            entry = {
                "ruleId": result.rule, "ruleIndex": None,
                "level": SARIF_LEVELS.get(level, "error"),
                "message": {"text": text},
                "locations": [_location(report, finding)],
                "partialFingerprints": {"wscheck/v1": _fingerprint(
                    report.file, result.rule, finding.page if finding else None,
                    finding.kind if finding else None, finding.text if finding else None)},
            }
            if finding is not None and finding.kind:
                entry["properties"] = {"kind": finding.kind}
            results.append(entry)
    return results


def _artifact(report) -> dict:
    return {"location": {"uri": artifact_uri(report.file)}, "mimeType": "application/pdf",
            "properties": {"verdict": report.verdict, "pages": report.pages}}


def _unreadable_notification(report) -> dict:
    return {"level": "error", "message": {"text": report.error}, "locations": [_location(report)]}


def _rule_error_notifications(report) -> list[dict]:
    return [{"level": "error", "message": {"text": f"{report.file}: {result.rule}: could not be checked: "
                                                   f"{result.message}"},
             "associatedRule": {"id": result.rule}, "locations": [_location(report)]}
            for result in report.results if result.status == "error"]


def _run_skeleton(rules: list[dict], venues: list[str], successful: bool) -> dict:
    """The run without its artifacts, results and notifications (written in place of `_HOLES` at the end)."""
    run = {
        "tool": {"driver": {"name": "wscheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "artifacts": _HOLES["artifacts"],
        "results": _HOLES["results"],
        "invocations": [{"executionSuccessful": successful,
                         "toolExecutionNotifications": _HOLES["notifications"]}],
        "columnKind": "unicodeCodePoints",
    }
    if venues:
        run["properties"] = {"venue": venues[0] if len(venues) == 1 else venues}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


# placeholders in the skeleton's JSON text, each replaced by its streamed array
_HOLES = {name: f"@@wscheck-sarif-{name}@@" for name in ("artifacts", "results", "notifications")}


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    write_all(Writer(), reports, stream, options or {})


class Writer:
    """SARIF is one JSON document whose rule list and totals come first: each paper's artifact, results and
    notifications are spooled, and the document is written at the end as `json.dump(..., indent=2)` would."""

    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream = stream
        self.rules = _ruleset_rules(options.get("ruleset"))
        self.unreadable = False
        self.venues: set[str] = set()
        self.artifacts, self.results = JsonSpool(), JsonSpool()
        self.unreadable_notes, self.rule_notes = JsonSpool(), JsonSpool()

    def paper(self, report) -> None:
        _add_rules(self.rules, report)
        if report.venue:
            self.venues.add(report.venue)
        self.artifacts.append(clean_data(_artifact(report)))
        for entry in _paper_results(report):
            self.results.append(clean_data(entry))
        if report.error:
            self.unreadable = True
            self.unreadable_notes.append(clean_data(_unreadable_notification(report)))
        else:
            for note in _rule_error_notifications(report):
                self.rule_notes.append(clean_data(note))

    def end(self) -> None:
        rules = list(self.rules.values()) + ([UNREADABLE_RULE] if self.unreadable else [])
        index = {rule["id"]: number for number, rule in enumerate(rules)}
        successful = not (self.unreadable_notes.count or self.rule_notes.count)
        text = json.dumps(clean_data(_run_skeleton(rules, sorted(self.venues), successful)), indent=2,
                          ensure_ascii=False)
        streams = {
            "artifacts": iter(self.artifacts),
            "results": ({**entry, "ruleIndex": index[entry["ruleId"]]} for entry in self.results),
            "notifications": itertools.chain(self.unreadable_notes, self.rule_notes),
        }
        for line in text.splitlines(keepends=True):
            hole = next((name for name, mark in _HOLES.items() if f'"{mark}"' in line), None)
            if hole is None:
                self.stream.write(line)
                continue
            before, after = line.split(f'"{_HOLES[hole]}"')
            self.stream.write(before)
            json_array(self.stream, streams[hole], (len(before) - len(before.lstrip(" "))) // 2)
            self.stream.write(after)
        self.stream.write("\n")
        for spool in (self.artifacts, self.results, self.unreadable_notes, self.rule_notes):
            spool.close()
