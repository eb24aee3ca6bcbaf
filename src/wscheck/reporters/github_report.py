"""GitHub Actions workflow commands: one annotation per failed or warned rule.

`::error file=paper.pdf,line=28,title=wscheck page-limit (p.11)::message` shows up on the
run page and in the pull request's file view. Messages and properties are escaped
as the Actions toolkit does (%, CR, LF; and : , in properties), so quoted PDF text
can never end a command early. One annotation per rule rather than per finding,
because GitHub shows at most 10 errors and 10 warnings per step.
"""
from typing import IO

from wscheck.reporters.summary import printable, reported_findings, totals_sentence, where


def escape_data(value: str) -> str:
    value = printable(value)  # control characters from PDF text (form feeds) could split the line
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, file: str, title: str, message: str, line: int | None = None) -> str:
    """`line` is the first finding's line: GitHub shows an annotation inline only when it has one."""
    where = f"file={escape_property(file)}" + (f",line={int(line)}" if line is not None else "")
    return f"::{level} {where},title={escape_property(title)}::{escape_data(message)}"


def _pages(findings) -> str:
    pages = sorted({f.page for f in findings if f.page is not None})
    if not pages:
        return ""
    shown = ", ".join(f"p.{p}" for p in pages[:5]) + (", ..." if len(pages) > 5 else "")
    return f" ({shown})"


def annotations(report) -> list[str]:
    if report.error:
        return [command("error", report.file, "wscheck: PDF could not be read", report.error)]
    lines = []
    for result in report.results:
        if result.status not in ("fail", "warn"):
            continue
        findings = reported_findings(result)
        body = [result.message]
        for finding in findings:
            entry = f"{where(finding)}: \"{finding.text}\""
            if finding.fix:
                entry += f" (fix: {finding.fix})"
            body.append(entry)
        level = "error" if result.status == "fail" else "warning"
        line = next((f.line for f in findings if f.line is not None), None)
        lines.append(command(level, report.file, f"wscheck {result.rule}{_pages(findings)}", "\n".join(body), line))
    return lines


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    for report in reports:
        for line in annotations(report):
            stream.write(line + "\n")
    stream.write(f"wscheck: {totals_sentence(reports)}\n")
