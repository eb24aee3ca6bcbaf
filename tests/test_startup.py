"""What keeps one check quick without changing what it does: PDFium's hot calls declared by return
type only (checked against pypdfium2's signatures), and the end of a command-line run."""
from __future__ import annotations

import ctypes
import subprocess
import sys

import pytest

from conftest import ROOT
from wscheck import cli
from wscheck.pdf import pdfium


def test_a_quick_call_whose_binding_changed_is_refused_at_import():
    # FPDFText_CountChars takes a text page handle, not an int: a prototype that would pass an
    # int where PDFium reads a pointer must never be made
    with pytest.raises(ImportError, match="FPDFText_CountChars"):
        pdfium._Quick({"FPDFText_CountChars": (ctypes.c_int, "int")})
    quick = pdfium._Quick({"FPDFText_CountChars": (ctypes.c_int, "handle")})
    assert quick.FPDFText_CountChars.restype is ctypes.c_int


def test_handles_compare_by_address():
    first, second = pdfium.Handle(1234), pdfium.Handle(1234)
    assert first is not second and first.value == second.value and not pdfium.Handle()


def test_a_closed_pipe_ends_a_run_quietly():
    # the run ends without the interpreter's teardown once stdout is flushed: a reader that
    # stops early (`| head`) must still get no traceback
    process = subprocess.Popen([sys.executable, "-m", "wscheck", "venues"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the run writes anything: every write finds the pipe closed
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) != 4  # (click ends a run whose stdout is gone with 1)
    assert "Traceback" not in errors and "Exception ignored" not in errors and "internal error" not in errors


def test_a_run_under_a_tracer_ends_with_system_exit():
    # coverage and profilers write their results at exit: with one attached, the teardown is kept
    previous = sys.gettrace()
    sys.settrace(lambda *args: None)
    try:
        assert cli._observed()
        with pytest.raises(SystemExit) as ended:
            cli._exit(3, at_once=True)
    finally:
        sys.settrace(previous)
    assert ended.value.code == 3
