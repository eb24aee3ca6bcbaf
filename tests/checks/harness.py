"""A harness in yamllint's style for one check type: `check(check_id, document, **params) -> CheckOutput`.

The document is made of facts (`Document.from_facts`: pages of hand-made lines, links,
drawables, fonts, metadata) so that a test gives a check exactly what it should judge; where a
real layout is the point, it is a fixture PDF (`fixture_document`). Parameters not given take
the check type's defaults, as a rule that leaves them out does.
"""
from __future__ import annotations

from conftest import fixture
from wscheck import checks
from wscheck.document import Document
from wscheck.model import CheckOutput
from wscheck.pdf.model import Line

BODY_WORDS = ("we study how a classifier can abstain when its confidence is low and we measure how abstention "
              "interacts with robustness to distribution shift across several benchmarks and model families").split()


def check(check_id: str, document: Document, **params) -> CheckOutput:
    """Run one check type on `document` with `params` (defaults for the rest)."""
    module = checks.get(check_id)
    assert module is not None, f"no check type {check_id!r}"
    unknown = set(params) - set(module.PARAMS)
    assert not unknown, f"{check_id} has no parameters {sorted(unknown)}"
    values = {name: param.default for name, param in module.PARAMS.items()}
    values.update(params)
    return module.check(document, values)


def line(text: str, *, page: int = 1, index: int = 0, x0: float = 108.0, top: float = 100.0,
         x1: float | None = None, size: float = 10.0, font: str = "Times-Roman", bold: bool = False,
         italic: bool = False, in_figure: bool = False) -> Line:
    """One line of text; by default 5 pt per character wide, `size` tall."""
    right = x1 if x1 is not None else x0 + 5.0 * len(text)
    return Line(page=page, index=index, text=text, x0=x0, top=top, x1=right, bottom=top + size * 0.9, font=font,
                size=size, bold=bold, end_bold=bold, italic=italic, in_figure=in_figure)


def page(number: int, items, *, x0: float = 108.0, top: float = 82.0, width: float = 396.0) -> list[Line]:
    """A page of lines from (kind, text) items: "text" is a line of running text (full width when
    long), "bold" or "large" a heading style, "gap" adds that many points of space."""
    lines: list[Line] = []
    y = top
    for kind, text in items:
        if kind == "gap":
            y += float(text)
            continue
        size = 12.0 if kind in ("bold", "large") else 10.0
        right = x0 + (width if kind == "text" and len(text) > 40 else min(6.0 * len(text), width))
        lines.append(line(text, page=number, index=len(lines), x0=x0, top=y, x1=right, size=size,
                          bold=kind == "bold", font="Times-Bold" if kind == "bold" else "Times-Roman"))
        y += size + 2
    return lines


def text(count: int, start: int = 0) -> list[tuple[str, str]]:
    """`count` lines of running text."""
    return [("text", " ".join(BODY_WORDS[(start + n) % 20:(start + n) % 20 + 9])) for n in range(count)]


def fixture_document(name: str, check_id: str) -> Document:
    """A fixture PDF, read for the facts `check_id` needs."""
    return Document(fixture(name), needs=checks.get(check_id).NEEDS).open()
