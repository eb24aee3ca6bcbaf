"""JUnit XML: one testsuite per paper, one testcase per rule, for CI test views.

A failed rule is a <failure>, a rule the venue does not state (or that does not
apply) is <skipped>, a rule that could not be checked is an <error>, a warning
passes with its findings in <system-out>, and a PDF that could not be read is one
testcase with an <error>. Built with ElementTree, so quoting is always right;
characters XML 1.0 forbids (control characters from PDF text) are dropped.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import IO

from wscheck.model import STATUS_LABELS
from wscheck.reporters.streaming import TextSpool, write_all
from wscheck.reporters.summary import printable as xml_text
from wscheck.reporters.summary import reported_findings, where


def _findings_text(result) -> str:
    lines = []
    for finding in reported_findings(result):
        line = f"{where(finding)}: {finding.text}"
        if finding.detail:
            line += f" ({finding.detail})"
        if finding.fix:
            line += f"\n    fix: {finding.fix}"
        lines.append(line)
    if result.omitted_text and lines:
        lines.append(result.omitted_text)
    return "\n".join(lines)


def _suite(report) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_text(report.file))
    properties = ET.SubElement(suite, "properties")
    for name in ("venue", "track", "stage"):
        value = getattr(report, name)
        if value:
            ET.SubElement(properties, "property", name=name, value=xml_text(value))
    ET.SubElement(properties, "property", name="verdict", value=report.verdict)
    classname = xml_text(report.file)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report.error:
        case = ET.SubElement(suite, "testcase", classname=classname, name="readable PDF", file=classname)
        ET.SubElement(case, "error", message=xml_text(report.error), type="unreadable-pdf").text = xml_text(
            report.error)
        counts["tests"], counts["errors"] = 1, 1
    for result in report.results:
        case = ET.SubElement(suite, "testcase", classname=classname, name=xml_text(result.rule), file=classname)
        counts["tests"] += 1
        details = _findings_text(result)
        if result.status == "fail":
            counts["failures"] += 1
            failure = ET.SubElement(case, "failure", message=xml_text(result.message), type=xml_text(result.rule))
            failure.text = xml_text(details or result.message)
        elif result.status == "error":
            counts["errors"] += 1
            ET.SubElement(case, "error", message=xml_text(result.message), type="could-not-check").text = xml_text(
                result.message)
        elif result.status == "not_checked":
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=xml_text(result.message))
        elif result.status == "warn" or details:
            out = ET.SubElement(case, "system-out")
            out.text = xml_text(f"{STATUS_LABELS[result.status]}: {result.message}\n{details}".rstrip())
    for name, value in counts.items():
        suite.set(name, str(value))
    suite.set("time", f"{report.elapsed_s:.3f}")
    return suite


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    write_all(Writer(), reports, stream, options or {})


COUNTS = ("tests", "failures", "errors", "skipped")


class Writer:
    """<testsuites> carries the totals: each paper's <testsuite> is spooled, the document written at the end
    exactly as ElementTree would indent it whole."""

    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream, self.suites = stream, TextSpool()
        self.totals = dict.fromkeys(COUNTS, 0)
        self.time = 0.0
        self.count = 0

    def paper(self, report) -> None:
        suite = _suite(report)
        for name in COUNTS:
            self.totals[name] += int(suite.get(name) or 0)
        self.time += report.elapsed_s
        ET.indent(suite, level=1)
        self.suites.write(("\n  " if self.count else "") + ET.tostring(suite, encoding="unicode"))
        self.count += 1

    def end(self) -> None:
        root = ET.Element("testsuites", name="wscheck")
        for name in COUNTS:
            root.set(name, str(self.totals[name]))
        root.set("time", f"{self.time:.3f}")
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        opening = ET.tostring(root, encoding="unicode")
        if not self.count:
            self.stream.write(opening + "\n")
            return
        self.stream.write(opening.removesuffix(" />") + ">\n  ")
        self.suites.copy_to(self.stream)
        self.stream.write("\n</testsuites>\n")
        self.suites.close()
