"""Rule sets are validated data: clear errors with file:line, no code execution."""
from __future__ import annotations

import textwrap

import pytest

from conftest import fixture, run_cli
from wscheck import ruleset
from wscheck.errors import RuleSetError


def write(tmp_path, text: str, name: str = "venue.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_every_builtin_rule_set_loads():
    for venue in ruleset.builtin_index():
        loaded = ruleset.load(venue)
        assert loaded.rules, venue


def test_workshop_inherits_format_rules_and_overrides_the_limit():
    venue = ruleset.load("iclr2026-trustworthy-ai")
    assert venue.lineage == ["iclr", "iclr2026", "iclr2026-trustworthy-ai"]
    assert venue.rules["page-size"].params["width"]["value"] == 612
    cases = venue.rules["page-limit"].params["max_pages"]["cases"]
    assert [(c.get("track"), c.get("value")) for c in cases] == [("short", 4), ("long", 9), (None, None)]
    assert cases[2]["stage"] == "camera-ready" and "not stated in the call" in cases[2]["not_stated"]


def test_unknown_key_names_file_line_and_valid_keys(tmp_path):
    path = write(tmp_path, """\
        id: demo
        name: Demo
        rules:
          page-size:
            levl: error
        """)
    with pytest.raises(RuleSetError) as err:
        ruleset.load(str(path))
    message = str(err.value)
    assert f"{path}:5:" in message
    assert "'levl'" in message and "did you mean 'level'" in message and "valid keys: check, level" in message


def test_a_number_without_source_is_refused(tmp_path):
    path = write(tmp_path, """\
        id: demo
        name: Demo
        rules:
          page-limit:
            params:
              max_pages: 4
        """)
    with pytest.raises(RuleSetError, match=r"venue.yaml:6: .*every number needs a source"):
        ruleset.load(str(path))


def test_unknown_parameter_lists_the_check_parameters(tmp_path):
    path = write(tmp_path, """\
        id: demo
        name: Demo
        rules:
          page-limit:
            params:
              pages: {value: 4, source: "call"}
        """)
    with pytest.raises(RuleSetError, match=r"no parameter 'pages'; its parameters: max_pages, excluded"):
        ruleset.load(str(path))


def test_python_tags_are_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "pwned"
    path = write(tmp_path, f"""\
        id: demo
        name: !!python/object/apply:os.system ["touch {marker}"]
        """)
    with pytest.raises(RuleSetError, match="not allowed"):
        ruleset.load(str(path))
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(RuleSetError, match="alias"):
        ruleset.load(str(path))


def test_extends_cannot_leave_the_rule_file_folder(tmp_path):
    (tmp_path / "outside.yaml").write_text("id: outside\nname: Outside\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    path = write(inner, """\
        id: demo
        name: Demo
        extends: ../outside.yaml
        """)
    with pytest.raises(RuleSetError, match="outside the rule file's folder"):
        ruleset.load(str(path))


def test_extends_a_builtin_and_checks_with_a_custom_rule_file(tmp_path):
    path = write(tmp_path, """\
        id: my-workshop
        name: My Workshop
        extends: iclr2026
        tracks:
          only: {description: The only track}
        rules:
          page-limit:
            params:
              max_pages: {value: 3, source: "Papers are limited to 3 pages."}
        """)
    result = run_cli("check", "--rules", path, "--format", "json", fixture("iclr-anon-short"))
    assert result.returncode == 1
    assert "limit 3 pages" in result.stdout


def test_bad_rule_file_on_the_command_line_exits_2_with_one_line(tmp_path):
    path = write(tmp_path, "id: demo\nname: [unclosed\n")
    result = run_cli("check", "--rules", path, fixture("iclr-anon-short"))
    assert result.returncode == 2
    assert str(path) in result.stderr and "invalid YAML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_case_values_are_resolved_by_track_stage_and_format():
    venue = ruleset.load("icml2026-mechinterp")
    spec = venue.rules["page-limit"].params["max_pages"]
    for fmt, track, stage, expected in [("icml", "short", "submission", 4), ("neurips", "long", "submission", 9),
                                        ("icml", "long", "camera-ready", 9)]:
        context = ruleset.RunContext(track=track, stage=stage, detect_format=lambda fmt=fmt: fmt)
        assert ruleset.resolve_value(spec, context)[0] == expected
    context = ruleset.RunContext(track="long", stage="camera-ready", detect_format=lambda: "neurips")
    with pytest.raises(ruleset.Unresolved):
        ruleset.resolve_value(spec, context)
