"""What `check` and `inspect` are given: files as named, folders searched recursively for PDFs.

Nothing given is dropped silently. In a folder, every entry whose name ends in
`.pdf` is an input, whatever it turns out to be: a dangling link, a FIFO or an
unreadable file becomes an error row with its reason, like a damaged PDF. A
folder that cannot be listed (no permission, a path longer than the system
allows) is a warning naming it. Symbolic links to folders are not followed (a
link back up the tree would never end).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from wscheck.errors import UsageError
from wscheck.path_hints import missing_input_message
from wscheck.textsafe import clean, display_path


def expand_inputs(inputs: tuple[str, ...] | list[str], warn: Callable[[str], None]) -> list[str]:
    """Files as given; folders searched recursively for *.pdf (sorted). A path that does not exist is a usage
    error that suggests the nearest file; one that exists but cannot be read becomes an error row."""
    files: list[str] = []
    for item in inputs:
        if not os.path.isdir(item):
            missing = missing_input_message(item)  # a mistyped path: usage error naming the nearest file
            if missing:
                raise UsageError(clean(missing))
            files.append(item)  # an unreadable file becomes an error row with its reason
            continue
        found, unlisted = pdfs_in(str(Path(item)), warn)
        if not found and not unlisted:
            raise UsageError(f"{clean(display_path(item))}: no PDF files in this folder")
        files.extend(found)
    if not files:
        raise UsageError("no PDF files to check")
    return files


def pdfs_in(folder: str, warn: Callable[[str], None]) -> tuple[list[str], int]:
    """Every entry named *.pdf under `folder` (sorted), and how many folders could not be listed."""
    found: list[str] = []
    unlisted = 0
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            unlisted += 1
            warn(f"{clean(display_path(current))}: cannot be listed ({exc.strerror or exc}); "
                 "the files in it are not checked")
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False
            path = str(Path(current) / entry.name)  # "folder/x.pdf", and "x.pdf" for ".", as given
            if is_folder:
                stack.append(path)
            elif entry.name.lower().endswith(".pdf"):
                found.append(path)
    return sorted(found), unlisted
