"""Batches: input order, error rows, per-file time bounds."""
from __future__ import annotations

import os
import time

from wscheck import batch


def _square(n):
    if n == 3:
        raise ValueError("three")
    if n == 5:
        time.sleep(30)
    if n == 6:
        os.abort()
    return n * n


def _error(n, reason):
    return f"error {n}: {reason}"


def test_results_keep_input_order_and_errors_become_rows():
    results = batch.run_all(_square, [1, 2, 3, 4, 5, 6, 7], on_error=_error, jobs=3, timeout=2)
    assert results[:3] == [1, 4, "error 3: internal error: ValueError: three"]
    assert results[3] == 16
    assert results[4].startswith("error 5: timed out after 2 s")
    assert results[5].startswith("error 6: the PDF reader aborted")
    assert results[6] == 49


def test_jobs_do_not_change_results():
    items = list(range(8))
    serial = batch.run_all(_square, items, on_error=_error, jobs=1, timeout=3)
    parallel = batch.run_all(_square, items, on_error=_error, jobs=4, timeout=3)
    assert parallel == serial
    assert serial[2] == 4 and serial[3].startswith("error 3")


def test_inline_mode_for_platforms_without_fork():
    assert batch.run_all(_square, [1, 2], on_error=_error, isolate=False) == [1, 4]


def test_costliest_items_start_first_but_results_keep_input_order():
    items = [1, 4, 2, 9]
    order = batch._schedule(items, jobs=2, cost=float)
    assert [items[i] for i in order] == [9, 4, 2, 1]
    assert batch._schedule(items, jobs=1, cost=float) == [0, 1, 2, 3]  # one job: input order
    assert batch.run_all(_square, items, on_error=_error, jobs=2, timeout=5, cost=float) == [1, 16, 4, 81]
