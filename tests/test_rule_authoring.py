"""Rule authoring: validate, show, new, the JSON Schema, and help that shows examples."""
from __future__ import annotations

import datetime
import json
import textwrap

import click
import pytest
import yaml

from conftest import ROOT, fixture, run_cli
from wscheck import ruleset
from wscheck.schema import build_schema, schema_text, shipped_schema_path


def write(tmp_path, text, name="ws.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


# -- validate ----------------------------------------------------------------------------
def test_validate_a_file_with_an_unknown_key_gives_file_line_and_valid_keys(tmp_path):
    path = write(tmp_path, """\
        id: ws
        name: Workshop
        extends: icml2026
        rules:
          page-limit:
            parms:
              max_pages: {value: 4, source: "4 pages"}
        """)
    result = run_cli("rules", "validate", path)
    assert result.returncode == 2
    assert f"error    {path}:6: unknown key 'parms'" in result.stdout
    assert "did you mean 'params'" in result.stdout and "valid keys: check, level, message" in result.stdout
    assert "0 of 1 rule set valid" in result.stdout


def test_validate_refuses_a_number_without_source_in_a_case(tmp_path):
    path = write(tmp_path, """\
        id: ws
        name: Workshop
        extends: icml2026
        rules:
          page-limit:
            params:
              max_pages:
                cases:
                  - {stage: submission, value: 4}
        """)
    result = run_cli("rules", "validate", path)
    assert result.returncode == 2 and f"{path}:9:" in result.stdout and "has no 'source'" in result.stdout


def test_a_date_warning_does_not_change_the_exit_code(tmp_path):
    path = write(tmp_path, """\
        id: ws
        name: Workshop
        extends: iclr2026
        dates:
          submission: {date: 2026-03-01, source: "Submissions due March 1, 2026"}
          camera_ready: {date: 2026-02-01, source: "Camera-ready due February 1, 2026"}
        """)
    result = run_cli("rules", "validate", path)
    assert result.returncode == 0
    assert f"warning  {path}:6: date 'camera_ready'" in result.stdout
    assert "1 of 1 rule set valid, 1 warning" in result.stdout


def test_validate_several_files_exits_2_if_any_is_invalid(tmp_path):
    good = write(tmp_path, "id: good\nname: Good\nextends: iclr2026\n", "good.yaml")
    bad = write(tmp_path, "id: bad\nname: Bad\nextends: iclr2099\n", "bad.yaml")
    result = run_cli("rules", "validate", good, bad)
    assert result.returncode == 2
    assert "ok       " in result.stdout and "'extends: iclr2099': unknown rule set" in result.stdout


# -- show -----------------------------------------------------------------------------------
def test_show_resolves_extends_with_each_rule_source_and_origin():
    result = run_cli("rules", "show", "icml2026-mechinterp")
    assert result.returncode == 0
    out = result.stdout
    assert "extends    icml -> icml2026 -> icml2026-mechinterp" in out
    assert "  page-size: error" in out and "from rules/formats/icml.yaml:" in out
    assert "track short, stage submission, format icml: 4  [source: The page limit for ICML format is max 4" in out
    assert "from rules/workshops/icml2026-mechinterp.yaml:" in out
    assert "not inherited (main-conference requirements" in out and "impact-statement" in out


def test_show_json_has_rules_dates_and_lineage():
    data = json.loads(run_cli("rules", "show", "iclr2026-trustworthy-ai", "--format", "json").stdout)
    assert data["lineage"] == ["iclr", "iclr2026", "iclr2026-trustworthy-ai"]
    rules = {rule["id"]: rule for rule in data["rules"]}
    assert rules["page-size"]["origin"].startswith("rules/formats/iclr.yaml:")
    assert rules["page-limit"]["origin"].startswith("rules/workshops/iclr2026-trustworthy-ai.yaml:")
    assert [d["name"] for d in data["dates"]] == ["submission", "notification", "camera_ready", "workshop"]
    assert data["dates"][0]["moment"] == "2026-02-02T23:59:59-12:00"


def test_show_of_an_unknown_venue_suggests_ids():
    result = run_cli("rules", "show", "icml2026-mechinterpp")
    assert result.returncode == 2 and "did you mean icml2026-mechinterp" in result.stderr


# -- new ----------------------------------------------------------------------------------------
def test_new_scaffolds_a_valid_rule_set_that_checks_at_once(tmp_path):
    target = tmp_path / "myws.yaml"
    result = run_cli("rules", "new", "--from", "icml2026", "--id", "icml2026-myws", "--name", "My Workshop",
                     "--track", "short", "--track", "long", "-o", target)
    assert result.returncode == 0, result.stderr
    assert run_cli("rules", "validate", target).returncode == 0
    loaded = ruleset.load(str(target))
    assert loaded.extends == "icml2026" and list(loaded.tracks) == ["short", "long"]
    assert loaded.rules["page-limit"].not_stated == "not stated in the call"
    assert "impact-statement" not in loaded.rules
    report = json.loads(run_cli("check", "--rules", target, "--format", "json", fixture("icml-anon")).stdout)
    statuses = {r["rule"]: r["status"] for r in report["results"]}
    assert statuses["page-limit"] == "not_checked" and statuses["page-size"] == "pass"
    again = run_cli("rules", "new", "--from", "icml2026", "--id", "x", "--name", "X", "-o", target)
    assert again.returncode == 2 and "never overwrites" in again.stderr


def test_new_from_a_scaffold_filled_in_checks_the_limit(tmp_path):
    text = run_cli("rules", "new", "--from", "iclr2026", "--id", "iclr2026-demo", "--name", "Demo").stdout
    text = text.replace('    not_stated: "not stated in the call"\n  anonymity:', textwrap.indent(
        'params:\n  max_pages: {value: 3, source: "Papers are limited to 3 pages."}\n', "    ")
        + "  anonymity:", 1)
    path = write(tmp_path, text)
    result = run_cli("check", "--rules", path, fixture("iclr-anon-short"))
    assert result.returncode == 1 and "limit 3 pages" in result.stdout


# -- schema -----------------------------------------------------------------------------------
def test_the_shipped_schema_is_the_generated_one():
    shipped = ROOT / "src" / "wscheck" / "rules.schema.json"
    assert shipped.read_text() == schema_text(), "regenerate with: wscheck rules schema > src/wscheck/rules.schema.json"
    assert shipped_schema_path().read_text() == schema_text()
    assert run_cli("rules", "schema").stdout == schema_text()


def _as_json(value):
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()  # what an editor's YAML 1.2 parser sees: a string
    return value


def test_schema_validates_every_shipped_rule_set():
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(build_schema())
    jsonschema.Draft7Validator.check_schema(build_schema())
    files = ruleset.builtin_files()
    assert len(files) >= 17
    for path in files:
        errors = [e.message for e in validator.iter_errors(_as_json(yaml.safe_load(path.read_text())))]
        assert not errors, (path.name, errors)


@pytest.mark.parametrize("broken, where, message", [
    # a number without source: only {value, source} (or cases) is accepted
    ({"rules": {"page-limit": {"params": {"max_pages": 4}}}}, "rules/page-limit/params/max_pages",
     "4 is not of type 'object'"),
    ({"rules": {"page-limit": {"params": {"pages": {"value": 4, "source": "x"}}}}}, "rules/page-limit/params",
     "('pages' was unexpected)"),
    ({"rules": {"checklist": {"check": "required-section", "params": {"kinds": ["checklst"]}}}},
     "rules/checklist/params/kinds/0", "'checklst' is not one of ['references', 'appendix', 'checklist'"),
    ({"rules": {"page-limit": {"levl": "error"}}}, "rules/page-limit", "('levl' was unexpected)"),
    ({"dates": {"submission": {"date": "2026-05-08"}}}, "dates/submission", "'source' is a required property"),
    ({"kind": "conferense"}, "kind", "'conferense' is not one of ['format', 'conference', 'workshop', 'base']"),
])
def test_schema_rejects_broken_rule_sets(broken, where, message):
    jsonschema = pytest.importorskip("jsonschema")
    document = {"id": "x", "name": "X", **broken}
    [error] = jsonschema.Draft7Validator(build_schema()).iter_errors(document)  # that one problem, nothing else

    def leaves(found):
        for inner in found.context or []:
            yield from leaves(inner)
        if not found.context:
            yield found

    said = {("/".join(map(str, leaf.absolute_path)), leaf.message) for leaf in leaves(error)}
    assert any(path == where and message in text for path, text in said), said


# -- help ------------------------------------------------------------------------------------------
def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


def test_every_command_and_subcommand_help_shows_an_example():
    from wscheck.cli import cli

    names = [path for path, _command in _commands(cli)]
    assert ("deadlines",) in names and ("rules", "validate") in names and ("rules", "new") in names
    for path in names:
        result = run_cli(*path, "--help")
        assert result.returncode == 0, path
        assert "Example" in result.stdout and f"wscheck {' '.join(path)}" in result.stdout, path


# -- the guide ------------------------------------------------------------------------------------
def test_the_guides_complete_example_is_a_valid_rule_set_that_checks(tmp_path):
    import re

    guide = (ROOT / "docs" / "writing-rule-sets.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    example = next(block for block in blocks if block.startswith("id: "))
    path = write(tmp_path, example, "icml2026-myws.yaml")
    assert run_cli("rules", "validate", path).returncode == 0
    loaded = ruleset.load(str(path))
    context = ruleset.RunContext(track="short", stage="camera-ready")
    assert ruleset.resolve_value(loaded.rules["page-limit"].params["max_pages"], context)[0] == 5
    result = run_cli("check", "--rules", path, "--track", "short", "--format", "json", fixture("icml-anon"))
    assert json.loads(result.stdout)["verdict"] == "pass", result.stdout
