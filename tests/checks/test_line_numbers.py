"""line-numbers: the review build numbers its lines, the camera-ready build does not."""
from __future__ import annotations

from checks.harness import check, line
from wscheck.document import Document
from wscheck.facts import LineNumbersFacts

PROSE = "a line of running text in the body of the paper, long enough to be text"


def pages(numbered: bool, count: int = 3) -> Document:
    """Pages of text, with a review ruler (numbers right-aligned at x 86) when `numbered`."""
    out = []
    for number in range(1, count + 1):
        lines = [line(PROSE, page=number, index=n, top=90 + 12 * n, x1=504) for n in range(40)]
        if numbered:
            lines += [line(str(40 * number + n), page=number, index=40 + n, x0=76, x1=86, top=90 + 12 * n, size=7)
                      for n in range(40)]
        out.append(lines)
    return Document.from_facts(out)


def test_a_submission_with_line_numbers_passes_and_one_without_warns():
    output = check("line-numbers", pages(True))
    assert output.findings == [] and output.summary == "review line numbers at x 86 pt, as the review build has them"
    assert output.facts == LineNumbersFacts(line_numbers=True)
    missing = check("line-numbers", pages(False), review_build="the default options")
    assert [(f.kind, f.level, f.fix) for f in missing.findings] == [
        ("missing", "warning", "compile with the default options")]
    assert check("line-numbers", pages(False), in_submission=False).findings == []


def test_a_camera_ready_version_with_line_numbers_fails_naming_its_pages():
    output = check("line-numbers", pages(True), stage="camera-ready", final_build="the final option")
    [finding] = output.findings
    assert (finding.page, finding.text, finding.kind) == (1, "40", "present")
    assert finding.detail == "a line-number ruler at x 86 pt on pages 1, 2, 3"
    assert finding.fix == "compile the camera-ready version with the final option"
    assert output.summary == "line numbers on 3 pages: this is still the review build"
    assert check("line-numbers", pages(False), stage="camera-ready").findings == []
    assert check("line-numbers", pages(True), stage="camera-ready", in_camera_ready=True).findings == []
