"""A task module that is slow to import: a spawned child's start-up, which must not count as the file's time."""
from __future__ import annotations

import time

time.sleep(1.5)


def slow_or_square(n):
    if n == 2:
        time.sleep(60)
    if n == 3:
        raise ValueError("three")
    return n * n
