"""Real papers nobody here wrote: the shared corpus (skipped when ../shared is absent)."""
from __future__ import annotations

from conftest import corpus_pdf
from wscheck.inspection import inspect_file


def _scores(labels):
    hits = {"page": 0, "core": 0, "refs": 0}
    misses = []
    for label in labels:
        seen = inspect_file(str(corpus_pdf(label)))
        assert "error" not in seen, seen
        sections = seen["sections"]
        for key, got, want in (("page", sections["main_body_last_page"], label["main_body_last_page"]),
                               ("core", sections["core_body_last_page"], label["core_body_last_page"]),
                               ("refs", sections["references_page"], label["refs_heading_page"])):
            hits[key] += got == want
            if got != want:
                misses.append(f"{label['id']}: {key} {got} != {want}")
    return {k: v / len(labels) for k, v in hits.items()}, misses


def test_structure_finds_the_end_of_the_main_body_on_real_papers(corpus_labels):
    scores, misses = _scores(corpus_labels)
    assert scores["page"] >= 0.85, misses
    assert scores["refs"] >= 0.85, misses
