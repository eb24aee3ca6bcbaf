"""template: a family the venue accepts, of its year, built in the mode the stage needs."""
from __future__ import annotations

from checks.harness import check, line
from wscheck.document import Document
from wscheck.facts import TemplateFacts
from wscheck.template import TemplateInfo


def built_with(**detected) -> Document:
    """A one-page document whose template is taken as already detected."""
    info = TemplateInfo(**{"evidence": ["banner: 'Under review'"], **detected})
    return Document.from_facts([[line("text")]], template=info)


def test_an_accepted_family_of_the_year_built_for_the_stage_passes():
    output = check("template", built_with(family="iclr", year=2026, mode="submission"), accepted=["iclr"], year=2026,
                   venue="this workshop")
    assert output.findings == []
    assert output.summary == "An ICLR 2026 submission, which this workshop accepts (banner: 'Under review')"
    assert output.facts == TemplateFacts(family="iclr", year=2026, mode="submission")


def test_another_family_fails_and_says_which_it_is():
    output = check("template", built_with(family="neurips", year=2025, mode="submission"), accepted=["iclr"],
                   venue="this workshop")
    [finding] = output.findings
    assert finding.kind == "family"
    # the rule's message says what the venue accepts; the summary says what the PDF is, once
    assert output.summary == "this PDF is a NeurIPS 2025 submission"
    assert finding.detail.startswith("this workshop accepts the ICLR style; found: ")
    assert output.facts.mismatch == ("family",)
    other = check("template", built_with(family="other"), accepted=["iclr", "icml"])
    assert other.summary == "this PDF is in no known ML-venue template (not the ICLR, ICML or NeurIPS style)"
    assert "accepts the ICLR or ICML style; found: no measurable text block" in other.findings[0].detail


def test_an_older_year_is_a_warning():
    output = check("template", built_with(family="iclr", year=2024, mode="submission"), accepted=["iclr"], year=2026)
    assert [(f.kind, f.level, f.text) for f in output.findings] == [("year", "warning", "the ICLR 2024 template")]


def test_the_build_mode_is_held_against_the_stage():
    camera = check("template", built_with(family="icml", year=2026, mode="camera_ready", banner="Proceedings of"),
                   accepted=["icml"])
    [finding] = camera.findings
    assert (finding.kind, finding.level) == ("mode", "error")
    assert "checked as the submission (--stage submission), but it is the camera-ready build" in finding.detail
    assert finding.detail.endswith("(banner: 'Proceedings of')")
    # one message that names the stage option, both ways out
    assert finding.fix == ("compile without the final/accepted option; or, if this PDF is your camera-ready "
                           "version, check it with --stage camera-ready")
    assert camera.summary == "this PDF is an ICML 2026 camera-ready version, checked as the submission (--stage submission)"
    assert camera.facts.mismatch == ("stage",)
    preprint = check("template", built_with(family="icml", mode="preprint"), stage="camera-ready")
    assert [f.level for f in preprint.findings] == ["warning"]
    assert check("template", built_with(family="icml", mode="preprint"), stage="camera-ready",
                 check_mode=False).findings == []


def test_conflicting_evidence_is_listed_as_information():
    output = check("template", built_with(family="iclr", year=2026, mode="submission",
                                          conflicts=["page 1 names NeurIPS but the layout is ICLR's"]))
    assert [(f.kind, f.level) for f in output.findings] == [("evidence", "info")]
    assert not output.summary.startswith("page 1 names")  # information is not the verdict
