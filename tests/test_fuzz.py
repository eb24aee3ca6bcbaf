"""A small, seeded fuzz run in the suite (scripts/fuzz.py runs the long one).

Mutated copies of the fixtures go through the real command line in one batch
per command: no traceback, only documented exit codes, every file answered with
a result or a one-line error naming it, and no error that betrays a bug.
"""
from __future__ import annotations

import importlib.util
import random
import sys

import pytest
import yaml

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("wscheck_fuzz", ROOT / "scripts" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fuzz  # dataclasses look their module up while the class is made
_spec.loader.exec_module(fuzz)


@pytest.fixture(scope="module")
def seeds():
    return fuzz.load_seeds()


def test_mutations_are_reproducible_and_actually_change_the_file(seeds):
    for index in range(20):
        first = fuzz.mutate(seeds[index % len(seeds)], random.Random(index), seeds)
        again = fuzz.mutate(seeds[index % len(seeds)], random.Random(index), seeds)
        assert first == again
        assert first[0] != seeds[index % len(seeds)].data


def test_content_edits_keep_the_file_well_formed(seeds, tmp_path):
    from wscheck.document import Document

    classic = [seed for seed in seeds if seed.classic]
    assert classic, "pypdf could not rewrite any fixture with a classic xref"
    opened = 0
    for index in range(10):
        data, label = fuzz.edit_content_stream(classic[index % len(classic)], random.Random(index))
        path = tmp_path / f"{index}.pdf"
        path.write_bytes(data)
        document = Document(path)
        document.open()  # the rebuilt xref is right: PDFium reads the file as a PDF
        opened += document.page_count > 0
        document.close()
    assert opened == 10


@pytest.mark.parametrize("command, count, seed", [("check", 32, 11), ("inspect", 16, 12)])
def test_mutated_pdfs_never_crash_the_command_line(tmp_path, command, count, seed):
    files = fuzz.generate(count, seed, tmp_path)
    summary = fuzz.run(files, command=command, jobs=2, timeout=60, batch=count, venue="iclr2026-trustworthy-ai")
    assert summary.files == count
    assert summary.tracebacks == 0
    assert summary.problems == []
    assert set(summary.exit_codes) <= {0, 1, 3}
    assert set(summary.batch_exit_codes) <= fuzz.DOCUMENTED_EXIT_CODES


# -- rule-file input: arbitrary text never escapes as anything but a RuleSetError -------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from wscheck import safe_regex  # noqa: E402
from wscheck.errors import RuleSetError  # noqa: E402
from wscheck.ruleset import load_yaml  # noqa: E402

_REGEX_ALPHABET = st.sampled_from(list("ab.*+?|()[]{}\\^$-,0123 wsdWSD:=!<>P"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(_REGEX_ALPHABET, max_size=24))
def test_regex_vetting_answers_any_text_and_what_it_accepts_compiles(pattern):
    found = safe_regex.problem(pattern)
    assert found is None or isinstance(found, str)
    if found is None:
        safe_regex.compile_safe(pattern)


_YAML_PIECES = st.sampled_from(["id: x\n", "name: y\n", "rules:\n", "  a:\n", "    check: page-size\n", "&a ", "*a ",
                                "[", "]", "{", "}", "!!python/object:os.system ", "!!binary ", "- ", ": ", "\t",
                                "'", '"', "\n", "? ", "%YAML 1.1\n", "---\n", "...\n", "<<: *a\n", "~", "0x1F"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_YAML_PIECES, max_size=30).map("".join))
def test_any_rule_file_text_loads_or_fails_with_a_rule_set_error(text):
    try:
        load_yaml(text, "fuzz.yaml")
    except RuleSetError as exc:
        assert str(exc).startswith("fuzz.yaml")


def _rule_values():
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=True),
                        st.sampled_from(["", "x", "short", "long", "iclr", "submission", "page-limit", "(a+)+$",
                                         "../../etc/passwd.yaml", "iclr2026", "2026-13-45", "2026-02-02", "{track}",
                                         "23:59", "AoE", "Mars/Olympus"]))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["value", "source", "cases", "track", "stage", "format", "x", "date", "time",
                                         "timezone", "description", "short"]), inner, max_size=3)), max_leaves=8)


def _rule_sets():
    from wscheck import checks
    from wscheck.ruleset import RULE_KEYS, TOP_KEYS

    params = sorted({name for module in checks.registry().values() for name in module.PARAMS})
    rule = st.dictionaries(st.sampled_from(sorted(RULE_KEYS) + ["params"]), _rule_values(), max_size=4).flatmap(
        lambda spec: st.dictionaries(st.sampled_from(params), _rule_values(), max_size=3).map(
            lambda p: {**spec, "params": p} if "params" in spec else spec))
    top = st.dictionaries(st.sampled_from(sorted(TOP_KEYS)), _rule_values(), max_size=5)
    rules = st.dictionaries(st.sampled_from(sorted(checks.registry()) + ["custom"]), rule, max_size=3)
    return st.tuples(top, rules).map(lambda pair: {"id": "fuzz", "name": "Fuzz", **pair[0], "rules": pair[1]})


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(_rule_sets())
def test_any_rule_set_shape_loads_or_fails_with_a_rule_set_error(tmp_path, data):
    import yaml

    from wscheck.ruleset import load

    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(data))
    try:
        load(str(path))
    except RuleSetError as exc:
        assert str(exc).startswith(str(path)) or "venue" in str(exc) or "track" in str(exc)


def test_file_name_mutations_are_hostile_and_reproducible():
    import os

    names = [fuzz.hostile_name(index, random.Random(index)) for index in range(200)]
    assert names == [fuzz.hostile_name(index, random.Random(index)) for index in range(200)]
    assert len(set(names)) == 200 and all(len(name) <= 255 and b"/" not in name for name in names)
    assert any(b"\x1b" in name for name in names) and any(b"\n::" in name for name in names)
    assert any(name[:1] in b"=+-@" for name in names)
    not_utf8 = [name for name in names if name.decode("utf-8", "replace").encode("utf-8") != name]
    assert not_utf8 and all(os.fsdecode(name) for name in not_utf8)


def test_rule_file_mutations_cover_the_costly_shapes():
    from wscheck import safe_regex

    patterns = [fuzz.hostile_pattern(random.Random(index)) for index in range(300)]
    refused = [p for p in patterns if safe_regex.problem(p)]
    accepted = [p for p in patterns if not safe_regex.problem(p)]
    assert len(refused) > 100 and len(accepted) > 20
    for kind in ("repeats in a row", "optional or bounded repeats", "nests a repeat"):
        assert any(kind in safe_regex.problem(p) for p in refused), kind
    assert yaml.safe_load(fuzz.rule_file(patterns[:20], "x"))["rules"]["p3"]["params"]["patterns"] == [patterns[3]]


def test_hostile_names_and_patterns_never_crash_the_command_line(tmp_path):
    named = fuzz.generate_names(6, 21, tmp_path / "names")
    names = fuzz.run_names(named, jobs=2, timeout=60, batch=6, venue="iclr2026-trustworthy-ai")
    assert names.files == 6 and names.tracebacks == 0 and names.problems == []
    rules = fuzz.run_rules(12, 22, tmp_path / "rules", timeout=60, line_chars=2000)
    assert rules.files == 12 and rules.tracebacks == 0 and rules.timeouts == 0 and rules.problems == []
