"""A small, seeded fuzz run in the suite (scripts/fuzz.py runs the long one).

Mutated copies of the fixtures go through the real command line in one batch
per command: no traceback, only documented exit codes, every file answered with
a result or a one-line error naming it, and no error that betrays a bug.
"""
from __future__ import annotations

import importlib.util
import random
import sys

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("wscheck_fuzz", ROOT / "scripts" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fuzz  # dataclasses look their module up while the class is made
_spec.loader.exec_module(fuzz)


@pytest.fixture(scope="module")
def seeds():
    return fuzz.load_seeds()


def test_mutations_are_reproducible_and_actually_change_the_file(seeds):
    for index in range(20):
        first = fuzz.mutate(seeds[index % len(seeds)], random.Random(index), seeds)
        again = fuzz.mutate(seeds[index % len(seeds)], random.Random(index), seeds)
        assert first == again
        assert first[0] != seeds[index % len(seeds)].data


def test_content_edits_keep_the_file_well_formed(seeds, tmp_path):
    from wscheck.document import Document

    classic = [seed for seed in seeds if seed.classic]
    assert classic, "pypdf could not rewrite any fixture with a classic xref"
    opened = 0
    for index in range(10):
        data, label = fuzz.edit_content_stream(classic[index % len(classic)], random.Random(index))
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(data)
        document = Document(path)
        document.open()  # the rebuilt xref is right: PDFium reads the file as a PDF
        opened += document.page_count > 0
        document.close()
    assert opened == 10


@pytest.mark.parametrize("command, count, seed", [("check", 48, 11), ("inspect", 24, 12)])
def test_mutated_pdfs_never_crash_the_command_line(tmp_path, command, count, seed):
    files = fuzz.generate(count, seed, tmp_path)
    summary = fuzz.run(files, command=command, jobs=2, timeout=60, batch=count, venue="iclr2026-trustworthy-ai")
    assert summary.files == count
    assert summary.tracebacks == 0
    assert summary.problems == []
    assert set(summary.exit_codes) <= {0, 1, 3}
    assert set(summary.batch_exit_codes) <= fuzz.DOCUMENTED_EXIT_CODES
