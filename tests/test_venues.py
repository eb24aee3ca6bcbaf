"""The venue library: the formats of three years, the workshops, inheritance and required parts."""
from __future__ import annotations

import json
import re
import textwrap

import pytest

from conftest import CORPUS, fixture, flowing, run_cli
from wscheck import ruleset
from wscheck.errors import RuleSetError

FORMATS = [f"{family}{year}" for family in ("iclr", "icml", "neurips") for year in (2024, 2025, 2026)]
WORKSHOPS = ["iclr2026-trustworthy-ai", "icml2026-mechinterp", "iclr2024-r2fm", "icml2026-audio",
             "icml2026-ai-math"]


def context(track=None, stage="submission", fmt="other"):
    return ruleset.RunContext(track=track, stage=stage, detect_format=lambda: fmt)


def limit(venue, track=None, stage="submission", fmt="other"):
    """(max_pages, excluded) for one run, or the reason the rule set gives for not checking."""
    loaded = ruleset.load(venue)
    rule = loaded.rules["page-limit"]
    if rule.not_stated:
        return rule.not_stated
    run = context(loaded.resolve_track(track), stage, fmt)
    try:
        pages = ruleset.resolve_value(rule.params["max_pages"], run)[0]
    except ruleset.Unresolved as exc:
        return exc.reason
    excluded = ruleset.resolve_value(rule.params["excluded"], run)[0] if "excluded" in rule.params else None
    return pages, excluded


# -- the library -----------------------------------------------------------------------
def test_venues_lists_exactly_the_fourteen_ids_and_no_abstract_base():
    rows = json.loads(run_cli("venues", "--format", "json").stdout)
    assert sorted(row["id"] for row in rows) == sorted(FORMATS + WORKSHOPS)
    assert not {"iclr", "icml", "neurips"} & {row["id"] for row in rows}


@pytest.mark.parametrize("columns", [200, 130, 100, 80, 60, 40, 25])
def test_venues_never_split_an_id_at_any_width(monkeypatch, columns):
    import io

    from wscheck.venues import list_venues, render_venues

    monkeypatch.setenv("COLUMNS", str(columns))
    rows = list_venues()
    out = io.StringIO()
    render_venues(rows, out)
    lines = out.getvalue().splitlines()
    assert all(len(line.rstrip()) <= columns for line in lines), columns
    for row in rows:  # each id whole, as its own first word, so that it can be copied
        assert any(line.split()[:1] == [row["id"]] for line in lines if line.strip()), (columns, row["id"])
    words = {word for line in lines for word in line.split()}
    assert "iclr2026-trus" not in words and "tworthy-ai" not in words


def test_venues_text_shows_unstated_limits_and_formats():
    result = run_cli("venues")  # COLUMNS=80: a block per venue, headed by its id

    r2fm = flowing(result.stdout.split("iclr2024-r2fm\n", 1)[1].split("\niclr2026-trustworthy-ai", 1)[0])
    assert "page limits: not stated" in r2fm and "deadline: 2024-02-03 AoE (assumed)" in r2fm
    audio = flowing(result.stdout.split("\nicml2026-audio\n", 1)[1].split("\nicml2026-mechinterp", 1)[0])
    assert "page limits: 4 pages" in audio


def test_rules_validate_passes_on_every_shipped_rule_set_and_warns_about_seed_003():
    result = run_cli("rules", "validate")
    assert result.returncode == 0, result.stdout
    import re

    counts = re.search(r"^(\d+) of (\d+) rule sets valid", result.stdout, re.M)
    assert counts and counts.group(1) == counts.group(2) and int(counts.group(2)) >= 17, result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("error")]
    warning = next(line for line in result.stdout.splitlines() if line.startswith("warning"))
    assert "rules/workshops/iclr2024-r2fm.yaml:" in warning
    assert "'notification' (March 3, 2022" in warning and "before 'submission' (February 3, 2024" in warning


def _numbers_without_source(node, sourced=False, where="") -> list[str]:
    """Every number in a rule's params that has no `source` beside it (or a shared cases source)."""
    missing = []
    if isinstance(node, dict):
        here = sourced or bool(node.get("source"))
        for key, value in node.items():
            missing += _numbers_without_source(value, here, f"{where}.{key}")
    elif isinstance(node, list):
        for n, item in enumerate(node):
            missing += _numbers_without_source(item, sourced, f"{where}[{n}]")
    elif isinstance(node, (int, float)) and not isinstance(node, bool) and not sourced:
        missing.append(f"{where} = {node}")
    return missing


def test_every_number_in_every_shipped_rule_set_has_a_source():
    import yaml

    checked = 0
    for path in ruleset.builtin_files():
        data = yaml.safe_load(path.read_text())
        for rule_id, rule in (data.get("rules") or {}).items():
            params = (rule or {}).get("params") or {}
            assert not _numbers_without_source(params, where=f"{path.name}:{rule_id}")
            checked += len(params)
    assert checked > 20


OUTSIDE_THE_PROJECT = ("anchors.md", "CONTRACT.md", "seeds/", "../shared", "shared/research")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def test_no_visible_source_or_call_names_a_file_outside_the_project():
    """What `rules show`, SARIF, HTML and the text report show of every built-in rule set (bases too): sources,
    calls, reasons, messages. Users never have ../shared: a source quotes the call or names a public reference."""
    import io

    from wscheck import authoring
    from wscheck.reporters import sarif_report

    files = ruleset.builtin_files()
    assert len(files) == 17
    for path in files:
        loaded = ruleset.load(str(path))
        shown = io.StringIO()
        authoring.show_json(loaded, shown)
        visible = list(_strings(json.loads(shown.getvalue())))
        sarif = io.StringIO()
        sarif_report.render([], sarif, {"ruleset": loaded})
        visible += list(_strings(json.loads(sarif.getvalue())))
        text = io.StringIO()
        authoring.render_show(loaded, text)
        visible.append(text.getvalue())
        leaks = [s for s in visible for name in OUTSIDE_THE_PROJECT if name in s]
        assert not leaks, (path.name, leaks[:3])


def test_template_facts_cite_the_public_template_or_author_guide():
    """A format's sources name where a user can read the fact: the template repository at a commit, or the
    venue's author guide (ICML and NeurIPS publish their kits there; ICLR's guide states what the page limit
    leaves out)."""
    for path in ruleset.builtin_files():
        loaded = ruleset.load(str(path))
        if loaded.kind not in ("format", "base"):
            continue
        for rule_id, rule in loaded.rules.items():
            sources = [rule.source] + [spec.get("source") for spec in rule.params.values() if isinstance(spec, dict)]
            for source in filter(None, sources):
                assert re.search(r"https://(github\.com/ICLR/Master-Template/(blob|tree)/[0-9a-f]{7}/|"
                                 r"(iclr|icml|neurips)\.cc/Conferences/20\d\d/|github\.com/)",
                                 source), (path.name, rule_id, source)


@pytest.mark.parametrize("venue", FORMATS + WORKSHOPS)
def test_every_shipped_venue_cites_its_page_limit(venue):
    loaded = ruleset.load(venue)
    rule = loaded.rules["page-limit"]
    assert rule.not_stated or rule.source, venue
    for case in loaded.page_limits():
        assert case.get("source") or case.get("not_stated"), (venue, case)


# -- formats: per-year facts from anchors.md section B ----------------------------------------
@pytest.mark.parametrize("venue,stage,expected", [
    ("iclr2024", "submission", 9), ("iclr2025", "submission", 10), ("iclr2026", "submission", 9),
    ("iclr2026", "camera-ready", 10),
    ("icml2024", "submission", 8), ("icml2025", "submission", 8), ("icml2026", "submission", 8),
    ("icml2024", "camera-ready", 9), ("icml2025", "camera-ready", 9), ("icml2026", "camera-ready", 9),
    ("neurips2024", "submission", 9), ("neurips2025", "submission", 9), ("neurips2026", "submission", 9),
])
def test_format_page_limits_per_year_and_stage(venue, stage, expected):
    assert limit(venue, stage=stage)[0] == expected


@pytest.mark.parametrize("venue", ["iclr2024", "iclr2025", "neurips2024", "neurips2025", "neurips2026"])
def test_a_camera_ready_limit_the_template_does_not_give_is_not_stated(venue):
    reason = limit(venue, stage="camera-ready")
    assert isinstance(reason, str) and reason.startswith("not stated")


@pytest.mark.parametrize("venue,excluded", [
    ("neurips2024", ["references", "acknowledgments"]),
    ("neurips2025", ["references", "checklist", "appendix"]),
    ("neurips2026", ["references", "appendix", "checklist", "acknowledgments"]),
    ("icml2024", ["references", "appendix", "impact-statement", "acknowledgments"]),
    # the ICLR author guides leave the ethics and reproducibility statements out of the limit
    ("iclr2024", ["references", "appendix", "ethics-statement", "reproducibility-statement"]),
    ("iclr2025", ["references", "appendix", "ethics-statement", "reproducibility-statement"]),
    ("iclr2026", ["references", "appendix", "ethics-statement", "reproducibility-statement"]),
])
def test_what_does_not_count_follows_each_year(venue, excluded):
    assert limit(venue)[1] == excluded


def test_years_of_a_format_share_the_layout_rules_of_their_base():
    for family in ("iclr", "icml", "neurips"):
        base = ruleset.load(family)
        assert base.abstract and base.family == family
        for year in (2024, 2025, 2026):
            loaded = ruleset.load(f"{family}{year}")
            assert loaded.lineage[0] == family and loaded.year == year and loaded.family == family
            assert loaded.kind == "format"
            import yaml

            overridden = set(yaml.safe_load(ruleset.builtin_index()[loaded.id].read_text())["rules"])
            shared = [rule_id for rule_id in base.rules if rule_id not in overridden]
            assert {"page-size", "text-block", "body-font", "fonts"} <= set(shared)
            for rule_id in shared:
                assert loaded.rules[rule_id].origin == base.rules[rule_id].origin  # inherited, not copied
            # a year may add to the anonymity rule what its instructions say (acknowledgments_level)
            # but keeps the base's requirement
            anonymity, base_anonymity = loaded.rules["anonymity"], base.rules["anonymity"]
            assert (anonymity.level, anonymity.message, anonymity.source) == (
                base_anonymity.level, base_anonymity.message, base_anonymity.source)
            for rule_id in ("text-block", "body-font", "fonts"):
                assert loaded.rules[rule_id].params == base.rules[rule_id].params


def test_checking_against_a_base_is_refused_with_its_years():
    result = run_cli("check", "--venue", "neurips", fixture("neurips-anon"))
    assert result.returncode == 2
    assert "base rule set" in result.stderr
    assert "neurips2024, neurips2025, neurips2026" in result.stderr


@pytest.mark.parametrize("venue,rule", [(f"neurips{y}", "checklist") for y in (2024, 2025, 2026)]
                         + [(f"icml{y}", "impact-statement") for y in (2024, 2025, 2026)])
def test_main_conference_requirements_are_required_sections_not_inherited(venue, rule):
    loaded = ruleset.load(venue)
    assert loaded.rules[rule].check == "required-section" and loaded.rules[rule].level == "error"
    assert loaded.rules[rule].inherit is False and loaded.rules[rule].source


# -- workshops --------------------------------------------------------------------------------------
def test_workshops_do_not_inherit_main_conference_requirements():
    for venue in WORKSHOPS:
        loaded = ruleset.load(venue)
        assert "checklist" not in loaded.rules and "impact-statement" not in loaded.rules, venue
    assert "impact-statement" in ruleset.load("icml2026-mechinterp").not_inherited


def test_a_workshop_whose_call_asks_for_the_checklist_adopts_it_by_name(tmp_path):
    path = tmp_path / "ws.yaml"
    path.write_text(textwrap.dedent("""\
        id: neurips2026-demo
        name: Demo workshop
        extends: neurips2026
        rules:
          checklist:
            source: "Submissions must include the NeurIPS paper checklist."
        """))
    loaded = ruleset.load(str(path))
    assert loaded.rules["checklist"].check == "required-section"
    assert loaded.rules["checklist"].params["kinds"] == ["checklist"]
    result = run_cli("check", "--rules", path, fixture("neurips-no-checklist"))
    assert result.returncode == 1 and "NeurIPS Paper Checklist is missing" in result.stdout


@pytest.mark.parametrize("track,stage,fmt,expected", [
    ("short", "submission", "icml", 4), ("long", "submission", "icml", 8),
    ("short", "submission", "neurips", 5), ("long", "submission", "neurips", 9),
    ("short", "camera-ready", "icml", 5), ("long", "camera-ready", "icml", 9),
])
def test_mechinterp_limit_depends_on_the_detected_format(track, stage, fmt, expected):
    assert limit("icml2026-mechinterp", track, stage, fmt)[0] == expected


def test_mechinterp_camera_ready_is_icml_only():
    reason = limit("icml2026-mechinterp", "long", "camera-ready", "neurips")
    assert "ICML format" in reason


def test_trustworthy_ai_limits_and_unstated_camera_ready():
    assert limit("iclr2026-trustworthy-ai", "short")[0] == 4
    assert limit("iclr2026-trustworthy-ai", "long")[0] == 9
    assert "not stated in the call" in limit("iclr2026-trustworthy-ai", "long", "camera-ready")


@pytest.mark.parametrize("venue", ["icml2026-audio", "icml2026-ai-math"])
def test_icml_2026_workshops_from_the_listing_have_four_pages_and_nothing_invented(venue):
    loaded = ruleset.load(venue)
    assert limit(venue)[0] == 4
    assert "not stated in the call" in limit(venue, stage="camera-ready")
    assert loaded.rules["anonymity"].not_stated.startswith("not stated in the call")
    assert loaded.dates == {} and loaded.formats == []


def test_r2fm_has_dates_and_no_page_limit():
    loaded = ruleset.load("iclr2024-r2fm")
    assert loaded.rules["page-limit"].not_stated.startswith("not stated in the call")
    assert loaded.rules["page-limit"].params == {}  # the inherited 9 pages do not apply
    assert {name: d["date"] for name, d in loaded.dates.items()} == {
        "submission": "2024-02-03", "notification": "2022-03-03", "camera_ready": "2024-04-03"}


def test_unstated_page_limit_shows_as_not_checked_in_the_report():
    result = run_cli("check", "--venue", "iclr2024-r2fm", "--format", "json", fixture("iclr-anon-short"))
    report = json.loads(result.stdout)
    page_limit = next(r for r in report["results"] if r["rule"] == "page-limit")
    assert page_limit["status"] == "not_checked"
    assert page_limit["message"] == "not stated in the call: the workshop proposal gives no page limit"
    assert any("passed" in note for note in report["notes"])  # February 2024 is long gone


def test_a_case_without_value_or_not_stated_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent("""\
        id: demo
        name: Demo
        extends: iclr2026
        rules:
          page-limit:
            params:
              max_pages:
                cases:
                  - {stage: submission, source: "no value"}
        """))
    with pytest.raises(RuleSetError, match=r"bad.yaml:9: .*either 'value' or 'not_stated'"):
        ruleset.load(str(path))


def test_a_case_naming_an_unknown_track_is_refused(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent("""\
        id: demo
        name: Demo
        extends: iclr2026
        tracks:
          short: {description: Short}
        rules:
          page-limit:
            params:
              max_pages:
                cases:
                  - {track: shrot, value: 4, source: "Short papers: 4 pages"}
        """))
    with pytest.raises(RuleSetError, match=r"names track 'shrot', which this rule set does not define \(short\)"):
        ruleset.load(str(path))


# -- required parts, as venues ask for them (the check itself: tests/checks/test_required_section.py) --
def test_missing_checklist_fails_and_says_what_to_add():
    result = run_cli("check", "--venue", "neurips2026", fixture("neurips-no-checklist"))
    assert result.returncode == 1
    assert re.search(r"^  FAIL +checklist ", result.stdout, re.M)
    assert "NeurIPS desk-rejects submissions without the NeurIPS Paper Checklist" in flowing(result.stdout)
    assert "fix: add the NeurIPS Paper Checklist" in flowing(result.stdout)


def test_checklist_is_a_submission_requirement_only():
    result = run_cli("check", "--venue", "neurips2026", "--stage", "camera-ready", "--format", "json",
                     fixture("neurips-no-checklist"))
    assert "checklist" not in [r["rule"] for r in json.loads(result.stdout)["results"]]


def test_a_missing_impact_statement_fails_the_icml_format():
    # finding it as a section or a run-in title: tests/checks/test_required_section.py
    result = run_cli("check", "--venue", "icml2026", "--format", "json", fixture("icml-no-impact"))
    statuses = {r["rule"]: r["status"] for r in json.loads(result.stdout)["results"]}
    assert statuses["impact-statement"] == "fail" and result.returncode == 1


def test_a_workshop_on_the_icml_format_does_not_ask_for_the_impact_statement():
    result = run_cli("check", "--venue", "icml2026-mechinterp", "--track", "long", "--format", "json",
                     fixture("icml-no-impact"))
    report = json.loads(result.stdout)
    assert "impact-statement" not in [r["rule"] for r in report["results"]]
    assert report["verdict"] == "pass", result.stdout


def test_a_real_neurips_submission_without_checklist_fails_its_venue():
    paper = CORPUS / "neurips2026-dendritic-houman.pdf"
    if not paper.exists():
        pytest.skip("shared corpus not available")
    result = run_cli("check", "--venue", "neurips2026", "--format", "json", paper)
    statuses = {r["rule"]: r["status"] for r in json.loads(result.stdout)["results"]}
    assert statuses["checklist"] == "fail"


def test_a_base_passes_main_conference_rules_to_its_years_but_not_beyond(tmp_path):
    (tmp_path / "fam.yaml").write_text(textwrap.dedent("""\
        id: fam
        kind: base
        name: Family base
        rules:
          checklist:
            check: required-section
            inherit: false
            source: "the template: papers without the checklist are desk rejected"
            params: {kinds: [checklist], name: the checklist}
        """))
    (tmp_path / "fam2026.yaml").write_text("id: fam2026\nname: Family 2026\nextends: fam.yaml\n")
    (tmp_path / "ws.yaml").write_text("id: ws\nname: Workshop\nextends: fam2026.yaml\n")
    year = ruleset.load(str(tmp_path / "fam2026.yaml"))
    assert year.kind == "format" and "checklist" in year.rules
    workshop = ruleset.load(str(tmp_path / "ws.yaml"))
    assert "checklist" not in workshop.rules and "checklist" in workshop.not_inherited
