"""GitHub Actions workflow commands: one annotation per failed or warned rule.

`::error file=paper.pdf,line=28,title=wscheck page-limit (p.11)::message` shows up on the
run page and in the pull request's file view. Messages and properties are escaped
as the Actions toolkit does (%, CR, LF; and : , in properties), so quoted PDF text
can never end a command early; the text is cleaned first (`textsafe.clean`). One
annotation per rule rather than per finding, because GitHub shows at most 10
errors and 10 warnings per step. A rule that could not be checked is an error
annotation too: it is never a silent pass.
"""
from typing import IO

from wscheck.reporters.streaming import Tally, write_all
from wscheck.reporters.summary import counts_sentence, printable, reported_findings, where


def escape_data(value: str) -> str:
    # each line cleaned (control characters from PDF text, such as form feeds, could split the command),
    # the line breaks of the message itself kept, escaped as the toolkit does
    value = "\n".join(printable(line) for line in str(value).split("\n"))
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, file: str, title: str, message: str, line: int | None = None) -> str:
    """`line` is the first finding's line (the number a review build prints beside it, else its place in
    its column): GitHub shows an annotation inline only when it has one."""
    where = f"file={escape_property(file)}" + (f",line={int(line)}" if line is not None else "")
    return f"::{level} {where},title={escape_property(title)}::{escape_data(message)}"


def _pages(findings) -> str:
    pages = sorted({f.page for f in findings if f.page is not None})
    if not pages:
        return ""
    shown = ", ".join(f"p.{p}" for p in pages[:5]) + (", ..." if len(pages) > 5 else "")
    return f" ({shown})"


def annotation_lines(report) -> list[str]:
    if report.error:
        return [command("error", report.file, "wscheck: PDF could not be read", printable(report.error))]
    lines = []
    for result in report.results:
        if result.status == "error":
            lines.append(command("error", report.file, f"wscheck {result.rule}: could not be checked",
                                 printable(result.message)))
            continue
        if result.status not in ("fail", "warn"):
            continue
        findings = reported_findings(result)
        body = [printable(result.message)]
        for finding in findings:
            entry = f"{where(finding)}: \"{printable(finding.text)}\""
            if finding.fix:
                entry += f" (fix: {printable(finding.fix)})"
            body.append(entry)
        if result.omitted_text:
            body.append(result.omitted_text)
        level = "error" if result.status == "fail" else "warning"
        line = next((f.line for f in findings if f.line is not None), None)
        lines.append(command(level, report.file, f"wscheck {result.rule}{_pages(findings)}", "\n".join(body), line))
    return lines


def render(reports, stream: IO[str], options: dict | None = None) -> None:
    write_all(Writer(), reports, stream, options or {})


class Writer:
    """A paper's annotations as its turn comes; the totals line at the end."""

    def begin(self, stream: IO[str], options: dict) -> None:
        self.stream, self.tally = stream, Tally()

    def paper(self, report) -> None:
        self.tally.add(report)
        for line in annotation_lines(report):
            self.stream.write(line + "\n")

    def end(self) -> None:
        self.stream.write(f"wscheck: {counts_sentence(self.tally.counts())}\n")
