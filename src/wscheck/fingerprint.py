"""What a saved result depends on, as digests: the PDF's bytes, the code that checked it, the rules and options.

`--cache` and `--resume` reuse a paper's report only when everything that could
change it is the same: the file's content (`file_sha256`), this wscheck (its
version and a digest of its own code and built-in rule data, so that an edited
or upgraded install never trusts results of another), the PDF libraries'
versions, the rule set as it ran (after --cfp, overrides and --ignore), the
stage, and the paper's own track, authors and evidence folder.
"""
from __future__ import annotations

import dataclasses
import importlib
import json
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

CHUNK = 1 << 20


def _builtin_sha256():
    """CPython's own sha256 where it has one: `hashlib` loads OpenSSL's library, 3.5 MB of the batch parent's
    resident memory, for a few digests of small texts (files are hashed in the workers, with hashlib)."""
    for name in ("_sha2", "_sha256"):  # Python 3.12+, 3.10-3.11
        try:
            return importlib.import_module(name).sha256
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


sha256 = _builtin_sha256()


def file_sha256(path: str, max_bytes: int | None = None) -> str | None:
    """The hex sha256 of a regular file's bytes; None when it is not a regular file, cannot be read, or is larger
    than `max_bytes`. Opened without blocking, so a FIFO named like a PDF never hangs the caller."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (max_bytes is not None and info.st_size > max_bytes):
            return None
        import hashlib  # OpenSSL's sha256: several times faster on large files

        digest = hashlib.sha256()
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of this wscheck: its version, its modules and data files, its built-in rules, the PDF libraries."""
    from wscheck import __version__
    from wscheck.ruleset import builtin_rules_dir

    digest = sha256(f"wscheck {__version__}\0python {sys.version_info[:2]}\0".encode())
    for name in ("pypdfium2", "pypdf"):
        digest.update(f"{name} {_version_of(name)}\0".encode())
    package = Path(__file__).resolve().parent
    roots = [("wscheck", package), ("rules", Path(str(builtin_rules_dir())))]
    for label, root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix not in (".py", ".yaml", ".json") or "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(f"{label}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version_of(distribution: str) -> str:
    try:
        from importlib.metadata import version

        return version(distribution)
    except Exception:  # noqa: BLE001 - a missing distribution is a version of its own
        return "unknown"


def rule_set_digest(rule_set) -> str:
    """The rule set as it runs (every rule, parameter, track and date), whatever file it came from."""
    return digest_of(dataclasses.asdict(rule_set))


def digest_of(value: Any) -> str:
    """The sha256 of a JSON-like value, independent of dict order; values JSON lacks count by their repr."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=repr)
    return sha256(text.encode("ascii")).hexdigest()


def run_digest(rule_set, stage: str) -> str:
    """What every paper of a run shares: the code and the rules."""
    return digest_of({"code": code_digest(), "rules": rule_set_digest(rule_set), "stage": stage})


def request_digest(run: str, request) -> str:
    """What a paper's own report depends on besides its bytes (CheckRequest): track, authors, evidence."""
    return digest_of({"run": run, "track": request.track, "stage": request.stage, "authors": list(request.authors),
                      "evidence": request.evidence_dir,
                      "evidence_warnings": getattr(request, "evidence_warnings", False)})
