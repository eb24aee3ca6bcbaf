"""The built-in rule-set cache (wscheck.rulecache): the same rule sets, parsed once; never stale,
never across versions, never for a user's own file, never from a file someone else could write."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

import wscheck
from wscheck import rulecache, ruleset, sections
from wscheck.errors import RuleSetError

ROOT_RULES = ruleset.builtin_rules_dir()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and rule sets and vocabulary read again from scratch around the test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("WSCHECK_CACHE_DIR", str(folder))

    def fresh():
        rulecache.forget()
        ruleset.builtin_texts.cache_clear()
        ruleset._builtin_ids.cache_clear()
        sections.builtin_vocabulary.cache_clear()

    fresh()
    yield folder
    monkeypatch.undo()
    fresh()


@pytest.fixture
def small_rules(tmp_path, monkeypatch):
    """A rules folder of its own (ICLR's base and 2026 format, the vocabulary): cheap to build, safe to edit."""
    rules = tmp_path / "rules"
    (rules / "formats").mkdir(parents=True)
    for name in ("formats/iclr.yaml", "formats/iclr2026.yaml", "_sections.yaml"):
        shutil.copy(ROOT_RULES / name, rules / name)
    monkeypatch.setattr(ruleset, "builtin_rules_dir", lambda: rules)
    return rules


def cache_files(folder):
    return sorted(folder.glob(f"{rulecache.PREFIX}*.json"))


def from_yaml(ruleset_id: str):
    return ruleset._load_file(ruleset.builtin_index()[ruleset_id], chain=())


def test_the_cache_gives_the_rule_sets_and_vocabulary_the_yaml_gives(cache):
    for ruleset_id in ruleset.builtin_index():
        assert ruleset.load(ruleset_id) == from_yaml(ruleset_id), ruleset_id
    (written,) = cache_files(cache)
    data = json.loads(written.read_text(encoding="utf-8"))
    assert set(data["rulesets"]) == set(ruleset.builtin_index())
    assert data["version"] == wscheck.__version__
    cached = rulecache.vocabulary()
    path = ROOT_RULES / sections.VOCABULARY_FILE
    assert cached == sections.parse_vocabulary(path.read_text(encoding="utf-8"), str(path))


def test_a_second_run_reads_the_cache_instead_of_yaml(cache, small_rules, monkeypatch):
    first = ruleset.load("iclr2026")
    rulecache.forget()
    monkeypatch.setattr(rulecache, "_build", lambda *a: pytest.fail("the cache was built again"))
    monkeypatch.setattr(ruleset, "load_yaml", lambda *a: pytest.fail("YAML was parsed"))
    again = ruleset.load("iclr2026")
    assert again == first and again is not first  # a fresh object each time: callers may change theirs


def test_a_stale_cache_is_rebuilt(cache, small_rules):
    assert ruleset.load("iclr2026").name != "Edited"
    (old,) = cache_files(cache)
    path = small_rules / "formats" / "iclr2026.yaml"
    text, count = re.subn(r"(?m)^name: .*$", "name: Edited", path.read_text(encoding="utf-8"), count=1)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    rulecache.forget()
    ruleset.builtin_texts.cache_clear()
    assert ruleset.load("iclr2026").name == "Edited"
    assert len(cache_files(cache)) == 2 and old in cache_files(cache)


def test_the_cache_is_never_trusted_across_versions(cache, small_rules, monkeypatch):
    ruleset.load("iclr2026")
    (written,) = cache_files(cache)
    # the old version's file says something the YAML does not; the new version must not believe it
    data = json.loads(written.read_text(encoding="utf-8"))
    data["rulesets"]["iclr2026"]["fields"]["name"] = "tampered"
    written.write_text(json.dumps(data), encoding="utf-8")
    rulecache.forget()
    assert ruleset.load("iclr2026").name == "tampered"  # (same version: the cache is what it reads)
    monkeypatch.setattr(wscheck, "__version__", "999.0")
    rulecache.forget()
    assert ruleset.load("iclr2026").name != "tampered"
    assert len(cache_files(cache)) == 2


def test_a_file_under_the_current_name_with_another_key_inside_is_not_read(cache, small_rules):
    ruleset.load("iclr2026")
    (written,) = cache_files(cache)
    data = json.loads(written.read_text(encoding="utf-8"))
    data["rulesets"]["iclr2026"]["fields"]["name"] = "tampered"
    data["key"] = "0" * 16
    written.write_text(json.dumps(data), encoding="utf-8")
    rulecache.forget()
    assert ruleset.load("iclr2026").name != "tampered"


def test_a_damaged_cache_file_is_rebuilt(cache, small_rules):
    expected = ruleset.load("iclr2026")
    (written,) = cache_files(cache)
    written.write_text('{"format": 1, "rulesets": {"iclr2026": [', encoding="utf-8")
    rulecache.forget()
    assert ruleset.load("iclr2026") == expected
    assert json.loads(written.read_text(encoding="utf-8"))["rulesets"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file owners and modes are POSIX's")
def test_a_cache_file_others_may_write_is_not_read(cache, small_rules):
    ruleset.load("iclr2026")
    (written,) = cache_files(cache)
    data = json.loads(written.read_text(encoding="utf-8"))
    data["rulesets"]["iclr2026"]["fields"]["name"] = "tampered"
    written.write_text(json.dumps(data), encoding="utf-8")
    os.chmod(written, 0o666)
    rulecache.forget()
    assert ruleset.load("iclr2026").name != "tampered"


def test_a_user_rule_file_never_goes_through_the_cache(cache, small_rules, tmp_path, monkeypatch):
    ruleset.load("iclr2026")  # the cache exists and holds iclr2026
    # the user's file is a copy of the built-in one, same id, same bytes: it is still parsed, safely
    mine = tmp_path / "mine" / "iclr2026.yaml"
    mine.parent.mkdir()
    shutil.copy(small_rules / "formats" / "iclr2026.yaml", mine)
    parsed = []
    real = ruleset.load_yaml
    monkeypatch.setattr(ruleset, "load_yaml", lambda text, path: parsed.append(path) or real(text, path))
    loaded = ruleset.load(str(mine))
    assert parsed == [str(mine)]  # its parent, the built-in base, may come from the cache
    assert loaded.path == str(mine) and loaded.rules
    # and the hardened loader's guards still apply to it
    mine.write_text("id: x\nname: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match="not allowed"):
        ruleset.load(str(mine))


def test_a_user_file_extending_itself_through_a_builtin_id_is_still_a_loop(cache, small_rules, tmp_path):
    ruleset.load("iclr2026")
    mine = tmp_path / "loop.yaml"
    mine.write_text("id: iclr\nname: Mine\nextends: iclr2026\n", encoding="utf-8")
    with pytest.raises(RuleSetError, match="loop"):
        ruleset.load(str(mine))


def test_an_empty_cache_setting_turns_the_cache_off(tmp_path, monkeypatch, cache):
    monkeypatch.setenv("WSCHECK_CACHE_DIR", "")
    rulecache.forget()
    assert rulecache.cache_dir() is None
    assert ruleset.load("iclr2026") == from_yaml("iclr2026")
    assert not any(tmp_path.rglob(f"{rulecache.PREFIX}*"))


def test_a_folder_that_cannot_be_written_means_no_cache_not_an_error(tmp_path, monkeypatch, cache, small_rules):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("WSCHECK_CACHE_DIR", str(blocker / "cache"))
    rulecache.forget()
    assert ruleset.load("iclr2026") == from_yaml("iclr2026")


def test_values_json_has_no_type_for_come_back_exactly():
    import datetime

    value = {"when": datetime.date(2026, 5, 8), "at": datetime.datetime(2026, 5, 8, 23, 59),
             "pair": (1, "a"), "keys": {1: "one", 2.5: "two and a half"}, "set": frozenset({"a", "b"}),
             "pattern": re.compile(r"\bref", re.I), "nested": [{"\x00odd": 1}], "float": 0.1}
    assert rulecache._decode(json.loads(json.dumps(rulecache._encode(value)))) == value
    with pytest.raises(rulecache._Unencodable):
        rulecache._encode({"bytes": b"x"})


@pytest.mark.skipif(sys.platform == "win32", reason="the default folders of POSIX systems")
def test_the_default_folder_is_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("WSCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform == "darwin":
        assert rulecache.cache_dir() == Path.home() / "Library" / "Caches" / "wscheck"
    else:
        assert rulecache.cache_dir() == tmp_path / "xdg" / "wscheck"
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
        assert rulecache.cache_dir() == Path.home() / ".cache" / "wscheck"


def test_asking_for_the_vocabulary_never_builds_the_cache(cache, small_rules):
    # check modules ask for it while they are imported; building would import them again, half made
    assert rulecache.vocabulary() is None and not cache_files(cache)
    assert sections.builtin_vocabulary().kinds  # read from its YAML meanwhile
    ruleset.load("iclr2026")  # a rule set builds the cache ...
    rulecache.forget()
    sections.builtin_vocabulary.cache_clear()
    assert rulecache.vocabulary() == sections.builtin_vocabulary()  # ... and the vocabulary is then read from it
