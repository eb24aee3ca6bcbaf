"""The committed fixture PDFs are what fixtures/build.py makes of their sources today.

A fixture built before a change to its source or to a preamble in fixtures/tex
would test a layout the project no longer makes. Rebuilding needs pdflatex, which
.ci/run installs; without it the test is skipped (the other tests never need TeX).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wscheck.document import Document

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"

pytestmark = pytest.mark.skipif(
    shutil.which("pdflatex") is None,
    reason="pdflatex not installed (Debian: texlive-latex-base texlive-latex-recommended "
           "texlive-fonts-recommended texlive-latex-extra); .ci/run installs it")


def what_wscheck_reads(path: Path) -> tuple:
    """The facts the checks see: pages, sizes, lines with their boxes and fonts, metadata, outline, links.

    Compared instead of bytes, so that a TeX release that orders objects differently
    but prints the same pages does not count as a change."""
    document = Document(str(path)).open()
    try:
        lines = tuple((l.page, l.text, round(l.x0, 1), round(l.top, 1), round(l.x1, 1), round(l.bottom, 1),
                       l.font, l.size, l.bold) for l in document.all_lines)
        return (document.page_count, tuple(document.page_sizes), lines, tuple(sorted(document.info.items())),
                tuple((o.title, o.page) for o in document.outline),
                tuple(link.uri for page in document.links for link in page),
                tuple((f.name, f.subtype, f.embedded) for f in document.fonts))
    finally:
        document.close()


@pytest.mark.slow
def test_every_committed_fixture_is_what_its_source_builds(tmp_path):
    built = subprocess.run([sys.executable, str(FIXTURES / "build.py"), "--out", str(tmp_path), "--jobs", "2"],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    sources = sorted(p.stem for p in (FIXTURES / "src").glob("*.tex"))
    assert sorted(p.stem for p in tmp_path.glob("*.pdf")) == sources
    stale = []
    for name in sources:
        committed, fresh = FIXTURES / "pdf" / f"{name}.pdf", tmp_path / f"{name}.pdf"
        if not committed.exists():
            stale.append(f"{name} (no committed PDF)")
        elif committed.read_bytes() != fresh.read_bytes() and what_wscheck_reads(committed) != what_wscheck_reads(fresh):
            stale.append(name)
    assert not stale, f"rebuild with `python fixtures/build.py {' '.join(stale)}`: their PDFs predate their sources"
