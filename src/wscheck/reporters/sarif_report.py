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
import json
import os
from pathlib import Path, PurePath
from typing import IO
from urllib.parse import quote

from wscheck import __version__
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


def _driver_rules(reports, ruleset) -> list[dict]:
    rules: dict[str, dict] = {}
    if ruleset is not None:
        for rule in ruleset.rules.values():
            if rule.enabled:
                rules[rule.id] = _descriptor(rule.id, rule.description, rule.level, rule.source, rule.check)
    for report in reports:
        for result in report.results:
            if result.rule not in rules:
                rules[result.rule] = _descriptor(result.rule, result.description, result.level, result.source,
                                                 result.check)
    if any(r.error for r in reports):
        rules[UNREADABLE] = _descriptor(UNREADABLE, "the file can be read as a PDF", "error", None, None)
    return list(rules.values())


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


def _results(reports, rule_index: dict[str, int]) -> list[dict]:
    results = []
    for report in reports:
        if report.error:
            results.append({
                "ruleId": UNREADABLE, "ruleIndex": rule_index[UNREADABLE], "level": "error",
                "message": {"text": report.error},
                "locations": [_location(report)],
                "partialFingerprints": {"wscheck/v1": _fingerprint(report.file, UNREADABLE)},
            })
            continue
        for result in report.results:
            if result.status == "error":
                results.append({
                    "ruleId": result.rule, "ruleIndex": rule_index[result.rule], "level": "error",
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
                    "ruleId": result.rule, "ruleIndex": rule_index[result.rule],
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


def sarif_log(reports, ruleset=None) -> dict:
    rules = _driver_rules(reports, ruleset)
    rule_index = {rule["id"]: number for number, rule in enumerate(rules)}
    artifacts = [{"location": {"uri": artifact_uri(r.file)}, "mimeType": "application/pdf",
                  "properties": {"verdict": r.verdict, "pages": r.pages}} for r in reports]
    notifications = [{"level": "error", "message": {"text": r.error}, "locations": [_location(r)]}
                     for r in reports if r.error]
    notifications += [{"level": "error", "message": {"text": f"{r.file}: {result.rule}: could not be checked: "
                                                              f"{result.message}"},
                       "associatedRule": {"id": result.rule}, "locations": [_location(r)]}
                      for r in reports if not r.error for result in r.results if result.status == "error"]
    run = {
        "tool": {"driver": {"name": "wscheck", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFORMATION_URI, "rules": rules}},
        "artifacts": artifacts,
        "results": _results(reports, rule_index),
        "invocations": [{"executionSuccessful": not notifications,
                         "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
    }
    venues = sorted({r.venue for r in reports if r.venue})
    if venues:
        run["properties"] = {"venue": venues[0] if len(venues) == 1 else venues}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    json.dump(clean_data(sarif_log(reports, (options or {}).get("ruleset"))), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
