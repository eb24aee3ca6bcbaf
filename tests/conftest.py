"""Shared helpers: fixture paths, the shared corpus, and running the real CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "pdf"
SHARED = Path(os.environ.get("WSCHECK_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"


def fixture(name: str) -> Path:
    path = FIXTURES / f"{name}.pdf"
    assert path.exists(), f"missing fixture {path}; run python fixtures/build.py"
    return path


def run_cli(*args, input: str | None = None, cwd: Path | None = None, timeout: float = 120):
    """Run `python -m wscheck ARGS` as a user would; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", "wscheck", *map(str, args)],
        capture_output=True, text=True, input=input, cwd=cwd or ROOT, timeout=timeout,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
    )


def flowing(text: str) -> str:
    """A text report as one line of words: what it says, whatever the width it was wrapped to."""
    return " ".join(" ".join(line.split()) for line in text.splitlines())


@pytest.fixture(scope="session")
def corpus_labels() -> list[dict]:
    labels = CORPUS / "labels.yaml"
    if not labels.exists():
        pytest.skip(f"shared corpus not found at {CORPUS} (set WSCHECK_SHARED or check out ../shared)")
    return yaml.safe_load(labels.read_text())


def corpus_pdf(label: dict) -> Path:
    return CORPUS / f"{label['id']}.pdf"
