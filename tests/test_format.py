"""Format and layout: which template, which mode, and whether the layout was tampered with (issue #5)."""
from __future__ import annotations

import json

import pytest

from conftest import corpus_pdf, fixture
from wscheck import rule_selection, ruleset
from wscheck.document import Document
from wscheck.model import PaperReport
from wscheck.runner import CheckRequest, check_file, needed_facts, run_rules
from wscheck.template import banner_mode

LAYOUT_RULES = ("text-block", "body-font", "line-numbers", "layout-notice", "page-size", "template")
# a preprint build has no line numbers, like a camera-ready version
STAGE_OF_MODE = {"submission": "submission", "camera_ready": "camera-ready", "preprint": "camera-ready"}


def check_json(*args) -> dict:
    """What `wscheck check --format json --venue V [--stage S] [--track T] PDF` reports, computed in this
    process (the command line itself is tested in test_cli.py)."""
    options = dict(zip(args[:-1:2], args[1:-1:2]))
    assert set(options) <= {"--venue", "--stage", "--track", "--ignore"} and len(args) % 2, args
    venue = ruleset.load_checkable(options["--venue"])
    if "--ignore" in options:
        venue = rule_selection.apply(venue, rule_selection.RuleSelection(ignore={options["--ignore"]: "--ignore"}))
    request = CheckRequest(path=str(args[-1]), ruleset=venue, track=venue.resolve_track(options.get("--track")),
                           stage=options.get("--stage", "submission"))
    return json.loads(json.dumps(check_file(request).to_dict()))


def rule(data: dict, rule_id: str) -> dict:
    return next(r for r in data["results"] if r["rule"] == rule_id)


# -- template detection -------------------------------------------------------------------
@pytest.mark.parametrize("name, family, year, mode", [
    ("iclr-anon-short", "iclr", 2026, "submission"),
    ("iclr-named", "iclr", 2026, "camera_ready"),
    ("icml-anon", "icml", None, "submission"),
    ("neurips-anon", "neurips", 2026, "submission"),
    ("fmt-wrong-template", "neurips", 2025, "submission"),
    # tampered templates are still their family (issue 17): banner removed and the block widened,
    # footer removed and margins squeezed; the ICML notice on ICML's block under another venue's
    # running head; a review build whose footer names a workshop
    ("fmt-iclr-tampered", "iclr", None, "submission"),
    ("fmt-neurips-squeezed", "neurips", None, "submission"),
    ("fmt-icml-like", "icml", None, "submission"),
    ("fmt-neurips-custom-footer", "neurips", 2026, "submission"),
])
def test_fixture_templates_are_recognised(name, family, year, mode):
    info = Document(fixture(name)).template
    assert (info.family, info.year, info.mode) == (family, year, mode)
    assert info.evidence  # the report says why


def test_a_template_with_changed_margins_is_still_that_template_and_the_change_is_named():
    info = Document(fixture("fmt-icml-layout-notice")).template
    assert info.family == "icml"
    assert any("the layout was changed" in c for c in info.conflicts)


@pytest.mark.slow
def test_corpus_families_and_modes_match_the_labels(corpus_labels):
    wrong = []
    for label in corpus_labels:
        info = Document(corpus_pdf(label)).template
        family = label["family"] if label["family"] in ("iclr", "icml", "neurips") else "other"
        if info.family != family or (family != "other" and info.mode != label["mode"]):
            wrong.append((label["id"], info.family, info.mode, family, label["mode"]))
    assert not wrong


@pytest.mark.parametrize("paper, claimed", [
    ("fake-iclr-atlas-ptq-nooralahzadeh", "ICLR"),  # claims ICLR in its text, plain layout
])
def test_a_decoy_that_names_a_venue_is_other_and_the_claim_is_named(corpus_labels, paper, claimed):
    info = Document(corpus_pdf({"id": paper})).template
    assert info.family == "other"
    assert any(f"names {claimed}" in c and "not in its template" in c for c in info.conflicts)


def test_an_imitated_neurips_footer_without_the_centred_abstract_is_other(corpus_labels):
    info = Document(corpus_pdf({"id": "confession-anon-hanzhenzhujene"})).template
    assert info.family == "other"
    assert any("flush left" in c and "NeurIPS" in c for c in info.conflicts)


@pytest.mark.parametrize("banner, mode", [
    ("Under review as a conference paper at ICLR 2026", "submission"),
    ("Published as a workshop paper at ICLR 2025", "camera_ready"),
    ("Preprint. Under review.", "preprint"),
    ("Submitted to the Workshop on Foundation Models at NeurIPS 2025. Do not distribute.", "submission"),
    ("EurIPS 2025 Workshop on Principles of Generative Modeling (PriGM).", "camera_ready"),
    ("Preliminary work. Under review at the Fifth Workshop on Deep Learning for Code at ICML 2026.", "submission"),
    ("LatinX in AI Workshop @ ICML 2026, Seoul, South Korea. 2026.", "camera_ready"),
    ("Correspondence to: Jane Doe <jane@x.org>.", None),
])
def test_banner_modes(banner, mode):
    assert banner_mode(banner) == mode


# -- the acceptance fixtures: each fails or warns and names its problem ----------------------
def test_squeezed_margins_fail_the_text_block():
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-squeezed-margins")), "text-block")
    assert result["status"] == "fail"
    assert "the text is 6.50 in wide" in result["message"] and "5.50 in" in result["message"]


def test_a_tampered_iclr_template_is_iclr_and_the_layout_rules_report_the_tampering():
    data = check_json("--venue", "iclr2026", fixture("fmt-iclr-tampered"))
    template = rule(data, "template")
    assert template["status"] == "pass"  # the ICLR template, as a submission
    assert any("going by the ICLR furniture (its banner was removed)" in f["text"] for f in template["findings"])
    block = rule(data, "text-block")
    assert block["status"] == "fail"
    assert "the text is 6.29 in wide (79-533 pt); the template's block is 5.50 in (108-504 pt)" in block["message"]
    assert rule(data, "line-numbers")["status"] == "pass"  # the review ruler moved with the block


def test_line_numbers_and_the_anonymous_block_outweigh_a_replaced_footer():
    info = Document(fixture("fmt-neurips-custom-footer")).template
    assert info.mode == "submission"
    assert any("the banner says camera-ready" in c and "make it a review build" in c for c in info.conflicts)
    data = check_json("--venue", "neurips2026", "--stage", "camera-ready", fixture("fmt-neurips-custom-footer"))
    assert rule(data, "template")["status"] == "fail"  # still the review build


def test_an_icml_notice_on_icml_s_block_is_icml_whatever_its_running_head_says():
    info = Document(fixture("fmt-icml-like")).template
    assert info.family == "icml" and info.banner.startswith("Preliminary work. Under review by the International")
    assert any("names ICLR" in c and "the layout is the ICML template" in c for c in info.conflicts)


def test_a_figure_running_into_the_margin_fails_with_page_and_box():
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-figure-margin")), "text-block")
    assert result["status"] == "fail"
    finding = result["findings"][0]
    assert finding["page"] == 2 and "into the right margin" in finding["detail"]
    assert finding["box"][2] > 590  # the drawing reaches x ~603 pt; the block ends at 504


def test_9pt_body_text_fails_the_body_font():
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-9pt-body")), "body-font")
    assert result["status"] == "fail"
    assert "9.00 pt" in result["message"]
    assert {f["kind"] for f in result["findings"]} == {"font-size", "leading"}


def test_a_type3_font_is_a_warning_by_default():
    data = check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-type3-font"))
    result = rule(data, "fonts")
    assert result["status"] == "warn" and "Type 3" in result["message"]
    assert result["findings"][0]["kind"] == "type3" and result["findings"][0]["page"] == 1
    assert data["verdict"] == "pass"


def test_an_unembedded_font_fails_with_its_name_and_pages():
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-unembedded-font")), "fonts")
    assert result["status"] == "fail"
    assert result["findings"][0]["text"] == "NimbusRomNo9L-Regu"
    assert "pages 1, 2" in result["findings"][0]["detail"]


def test_a4_paper_fails_the_page_size():
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-a4-paper")), "page-size")
    assert result["status"] == "fail" and "A4" in result["findings"][0]["text"]


def test_the_wrong_template_fails_and_says_which_it_is():
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-wrong-template")), "template")
    assert result["status"] == "fail"
    # said once: the rule's requirement, then what the PDF is
    assert result["message"] == "This workshop accepts the ICLR style: this PDF is a NeurIPS 2025 submission"


def test_the_icml_style_s_own_violation_notice_fails():
    data = check_json("--venue", "icml2026-mechinterp", fixture("fmt-icml-layout-notice"))
    notice = rule(data, "layout-notice")
    assert notice["status"] == "fail" and notice["findings"][0]["page"] == 1
    assert rule(data, "text-block")["status"] == "fail"


def test_a_scanned_page_has_no_text_layer():
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", fixture("fmt-scanned-page")), "pdf-file")
    assert result["status"] == "warn"
    assert result["findings"][0]["text"] == "page 2 has no text layer"


# -- clean papers pass, stages and formats per venue ----------------------------------------------
@pytest.mark.parametrize("venue, name", [
    ("iclr2026-trustworthy-ai", "iclr-anon-short"),
    ("icml2026-mechinterp", "icml-anon"),
    ("icml2026-mechinterp", "neurips-anon"),
    ("neurips2026", "neurips-anon"),
])
def test_clean_fixtures_pass_every_format_rule(venue, name):
    data = check_json("--venue", venue, fixture(name))
    for rule_id in ("template", "text-block", "body-font", "fonts", "line-numbers", "pdf-file"):
        assert rule(data, rule_id)["status"] == "pass", rule(data, rule_id)


def test_the_other_stage_s_build_is_one_finding_that_names_the_stage_option():
    # a review build checked as the camera-ready: the template rule says it once; the line numbers and the
    # anonymous author block it also shows are the same cause, not two more failures
    data = check_json("--venue", "iclr2026-trustworthy-ai", "--stage", "camera-ready", fixture("iclr-anon-short"))
    assert data["results"][0]["rule"] == "template"  # the cause first
    template = rule(data, "template")
    assert template["status"] == "fail" and "--stage camera-ready" in template["message"]
    assert "--stage submission" in template["findings"][0]["fix"]
    for bound in ("line-numbers", "anonymity"):
        result = rule(data, bound)
        assert result["status"] == "not_checked" and result["cause"] == "template", result
        assert "the other stage's build: see the template rule" in result["message"]
    assert [r["rule"] for r in data["results"] if r["status"] == "fail"] == ["template"]
    # the reverse: a camera-ready build checked as the submission; the names it prints still fail anonymity
    named = check_json("--venue", "iclr2026-trustworthy-ai", fixture("iclr-named"))
    assert rule(named, "line-numbers")["status"] == "not_checked"
    assert rule(named, "anonymity")["status"] == "fail"
    # without the template rule, the line-number rule judges the build itself
    ignored = check_json("--venue", "iclr2026-trustworthy-ai", "--stage", "camera-ready", "--ignore", "template",
                         fixture("iclr-anon-short"))
    camera = rule(ignored, "line-numbers")
    assert camera["status"] == "fail" and "\\iclrfinalcopy" in camera["findings"][0]["fix"]


def test_the_build_mode_is_held_against_the_stage():
    data = check_json("--venue", "iclr2026-trustworthy-ai", fixture("iclr-named"))
    template = rule(data, "template")
    assert template["status"] == "fail" and "camera-ready version, checked as the submission" in template["message"]
    assert "but it is the camera-ready build" in template["findings"][0]["detail"]
    review = rule(check_json("--venue", "iclr2026-trustworthy-ai", "--stage", "camera-ready",
                             fixture("iclr-anon-short")), "template")
    assert review["status"] == "fail" and "still the review build" in review["findings"][0]["detail"]


def test_the_mechinterp_workshop_takes_neurips_for_submission_but_only_icml_camera_ready():
    assert rule(check_json("--venue", "icml2026-mechinterp", fixture("neurips-anon")), "template")["status"] == "pass"
    camera = rule(check_json("--venue", "icml2026-mechinterp", "--stage", "camera-ready", fixture("neurips-anon")),
                  "template")
    assert camera["status"] == "fail" and camera["message"].endswith(
        "only the ICML style for camera-ready papers: this PDF is a NeurIPS 2026 submission, checked as the "
        "camera-ready (--stage camera-ready)")
    assert camera["facts"]["mismatch"] == ["family", "stage"]


def test_an_older_template_year_is_a_warning(corpus_labels):
    data = check_json("--venue", "iclr2026", corpus_pdf({"id": "iclr2024-graph-conv-qslim"}))
    template = rule(data, "template")
    assert template["status"] == "warn" and "the ICLR 2024 template" in json.dumps(template["findings"])


def test_workshops_do_not_inherit_icml_s_own_file_size_limit():
    assert ruleset.load("icml2026").rules["pdf-file"].params["max_megabytes"]["value"] == 10
    workshop = ruleset.load("icml2026-mechinterp").rules["pdf-file"]
    assert workshop.params["max_megabytes"]["value"] == 50


# -- file-level checks ---------------------------------------------------------------------------
def test_an_encrypted_pdf_fails(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(fixture("iclr-anon-short")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    result = rule(check_json("--venue", "iclr2026-trustworthy-ai", locked), "pdf-file")
    assert result["status"] == "fail" and result["findings"][0]["kind"] == "encrypted"


# -- geometry details ----------------------------------------------------------------------------------
def test_clipped_figure_content_is_not_an_overflow(corpus_labels):
    # THOR includes trimmed PDF pages: their raw bounds reach past the page, their ink does not
    document = Document(corpus_pdf({"id": "iclr-preprint-thor-jingmog"}), needs=("drawables",))
    forms = [d for d in document.drawables[18] if d.kind == "form"]
    assert forms and all(d.box[1] < 82 or d.box[3] > 730 for d in forms[:1])
    assert any(d.ink_pending for d in forms)  # rendered only when asked
    printed = [document.printed_box(d) for d in forms]
    assert all(108 - 2 <= box[0] and box[2] <= 504 + 2 and box[3] <= 730 for box in printed)


# -- no layout false alarm on real papers, against their own template -------------------------------
# Layout failures that are real, verified by rendering the page: anything else is a false alarm.
VERIFIED_VIOLATIONS = {
    # rebuttal notes ("Zb1L - W3", boxed, with leader lines) in the right margin of pages 1-9 and 19-25
    ("iclr2026-llm-refusal-wbopan", "text-block"),
    # preprint: the caption of Figure 2 runs 45 pt into the bottom margin of page 6, over the page number
    ("icml2025-chain-of-reward-chenxq", "text-block"),
}


@pytest.fixture(scope="session")
def corpus_format_reports(corpus_labels):
    reports = []
    for label in corpus_labels:
        if label["family"] not in ("iclr", "icml", "neurips") or label["mode"] not in STAGE_OF_MODE:
            continue
        venue = ruleset.load(f"{label['family']}2026")
        venue.rules = {rid: r for rid, r in venue.rules.items() if rid in LAYOUT_RULES}
        request = CheckRequest(path=str(corpus_pdf(label)), ruleset=venue, track="main",
                               stage=STAGE_OF_MODE[label["mode"]])
        document = Document(request.path, needs=needed_facts(venue))
        report = PaperReport(file=label["id"])
        run_rules(document, request, report)
        reports.append((label, report))
        document.close()
    return reports


@pytest.mark.slow
def test_no_layout_false_alarm_on_real_papers_against_their_own_template(corpus_format_reports):
    failures = {(label["id"], result.rule) for label, report in corpus_format_reports
                for result in report.results if result.status == "fail" and result.rule != "template"}
    assert failures <= VERIFIED_VIOLATIONS
    modes = {label["mode"] for label, _ in corpus_format_reports}
    assert len(corpus_format_reports) >= 20 and modes == {"submission", "camera_ready", "preprint"}


@pytest.mark.slow
def test_real_papers_line_numbers_match_their_build(corpus_format_reports):
    for label, report in corpus_format_reports:
        if label["year"] is not None and label["year"] < 2025 and label["family"] == "iclr":
            continue  # ICLR's review build numbers its lines from 2025 on
        assert report.result("line-numbers").status == "pass", label["id"]


@pytest.mark.slow
def test_real_papers_furniture_is_never_reported_as_margin_content(corpus_format_reports):
    for label, report in corpus_format_reports:
        for finding in report.result("text-block").findings:
            assert not finding.text.strip().isdigit(), (label["id"], finding)
            assert banner_mode(finding.text) is None, (label["id"], finding)
