"""`.wscheck.yaml`: found upward from the working directory; the command line overrides it."""
from __future__ import annotations

import json

import pytest

from conftest import fixture, run_cli
from wscheck.config import Config, combine, find_config, load_config
from wscheck.errors import WscheckError


def write_config(folder, text):
    path = folder / ".wscheck.yaml"
    path.write_text(text)
    return path


def test_found_from_a_subfolder_upward(tmp_path):
    (tmp_path / ".git").mkdir()  # the repository root: the search goes up to here
    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\ntrack: short\nauthors: [Jane Doe, 'github:jdoe']\n")
    deep = tmp_path / "paper" / "figures"
    deep.mkdir(parents=True)
    config = find_config(deep)
    assert config.path == tmp_path / ".wscheck.yaml"
    assert (config.venue, config.track, config.stage) == ("iclr2026-trustworthy-ai", "short", None)
    assert config.authors == ["Jane Doe", "github:jdoe"]


def test_a_config_above_a_real_git_repository_is_not_used(tmp_path):
    """`git init` in a folder under one that holds another .wscheck.yaml: that file is not the repository's."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\nstage: camera-ready\n")
    repo = tmp_path / "paper"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    warnings: list[str] = []
    assert find_config(repo, warn=warnings.append) is None
    assert len(warnings) == 1 and "is not applied: it is outside the git repository" in warnings[0]
    write_config(repo, "venue: icml2026\n")  # the repository's own config is found from a subfolder
    (repo / "sub").mkdir()
    assert find_config(repo / "sub").venue == "icml2026"


def test_none_when_there_is_no_config(tmp_path):
    assert find_config(tmp_path) is None


def test_nearest_config_wins(tmp_path):
    (tmp_path / ".git").mkdir()
    write_config(tmp_path, "venue: icml2026\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    write_config(inner, "venue: neurips2026\n")
    assert find_config(inner).venue == "neurips2026"


def test_rules_path_is_relative_to_the_config(tmp_path):
    write_config(tmp_path, "rules: rules/ws.yaml\n")
    assert find_config(tmp_path).rules == str(tmp_path / "rules" / "ws.yaml")


@pytest.mark.parametrize("text,message", [
    ("venue: iclr2026\ntrak: short\n", r".wscheck.yaml:2: unknown key 'trak' \(did you mean 'track'\?\); valid keys"),
    ("stage: final\n", r".wscheck.yaml:1: 'stage' must be one of submission, camera-ready"),
    ("authors: {a: 1}\n", r".wscheck.yaml:1: 'authors' must be a list of names"),
    ("venue: a\nrules: b.yaml\n", r"give either 'venue' or 'rules'"),
])
def test_bad_config_names_file_and_line(tmp_path, text, message):
    path = write_config(tmp_path, text)
    with pytest.raises(WscheckError, match=message):
        load_config(path)


def test_command_line_overrides_the_config_and_authors_add_up(tmp_path):
    config = Config(path=tmp_path / ".wscheck.yaml", venue="iclr2026-trustworthy-ai", track="short",
                    stage="camera-ready", authors=["Jane Doe"])
    settings = combine(config, None, None, None, None, ())
    assert (settings.rule_set, settings.track, settings.stage) == ("iclr2026-trustworthy-ai", "short",
                                                                   "camera-ready")
    settings = combine(config, None, None, "long", "submission", ("J. Roe",))
    assert (settings.track, settings.stage, settings.authors) == ("long", "submission", ["Jane Doe", "J. Roe"])
    # another venue on the command line: the config's track belongs to the config's venue
    settings = combine(config, "icml2026", None, None, None, ())
    assert (settings.rule_set, settings.track) == ("icml2026", None)
    assert combine(None, None, None, None, None, ()).stage == "submission"


def test_ci_just_runs_check_on_the_paper(tmp_path):
    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\ntrack: short\n")
    result = run_cli("check", "--format", "json", fixture("iclr-anon-over"), cwd=tmp_path)
    report = json.loads(result.stdout)
    assert (report["venue"], report["track"]) == ("iclr2026-trustworthy-ai", "short")
    assert result.returncode == 1  # runs onto page 5 of a 4-page track
    result = run_cli("check", "--track", "long", "--format", "json", fixture("iclr-anon-over"), cwd=tmp_path)
    assert json.loads(result.stdout)["track"] == "long" and result.returncode == 0


def test_config_authors_reach_the_check_requests(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from wscheck import batch, cli
    from wscheck.model import PaperReport

    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\nstage: camera-ready\nauthors: [Jane Doe]\n")
    seen = []

    def fake_run_each(task, items, on_done, **options):
        seen.extend(items)
        for index, item in enumerate(items):
            on_done(index, PaperReport(file=item.path))

    monkeypatch.setattr(batch, "run_each", fake_run_each)
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(cli.cli, ["check", "--author", "Rahul Iyer", str(fixture("iclr-named"))])
    assert [(r.authors, r.stage, r.ruleset.id) for r in seen] == [
        (["Jane Doe", "Rahul Iyer"], "camera-ready", "iclr2026-trustworthy-ai")]


def test_no_config_ignores_the_file(tmp_path):
    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\n")
    result = run_cli("check", "--no-config", fixture("iclr-anon-short"), cwd=tmp_path)
    assert result.returncode == 2 and "which venue?" in result.stderr


def test_a_broken_config_is_one_line_exit_2(tmp_path):
    write_config(tmp_path, "venue: [unclosed\n")
    result = run_cli("check", fixture("iclr-anon-short"), cwd=tmp_path)
    assert result.returncode == 2 and ".wscheck.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_config_authors_are_searched_by_the_anonymity_check(tmp_path):
    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\nauthors: [Jane Doe]\n")
    report = json.loads(run_cli("check", "--format", "json", fixture("anon-clean-allowed"), cwd=tmp_path).stdout)
    anonymity = next(r for r in report["results"] if r["rule"] == "anonymity")
    named = [f for f in anonymity["findings"] if f.get("kind") == "author-name"]
    assert named and all("Jane Doe" in f["detail"] for f in named)  # cited in the third person: info only
    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\n")
    report = json.loads(run_cli("check", "--format", "json", fixture("anon-clean-allowed"), cwd=tmp_path).stdout)
    anonymity = next(r for r in report["results"] if r["rule"] == "anonymity")
    assert not [f for f in anonymity["findings"] if f.get("kind") == "author-name"]


def test_a_bad_identity_in_the_config_is_a_usage_error(tmp_path):
    write_config(tmp_path, "venue: iclr2026-trustworthy-ai\nauthors: ['github:']\n")
    result = run_cli("check", fixture("iclr-anon-short"), cwd=tmp_path)
    assert result.returncode == 2 and "project config 'authors'" in result.stderr
