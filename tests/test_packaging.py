"""Packaging as a user meets it: the PyPI name, the declared dependencies, the docs' install lines."""
from __future__ import annotations

import ast
import importlib.metadata
import re
import sys

import pytest
import yaml

from conftest import ROOT
from wscheck import DISTRIBUTION, __version__

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml"]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    return _normal(re.match(r"[A-Za-z0-9._-]+", requirement).group(0))


def runtime_imports() -> dict[str, list[str]]:
    """Top-level modules that src/ imports, other than the standard library and wscheck: module -> files."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "src" / "wscheck").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("wscheck", "__future__"):
                    found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


def test_declared_dependencies_are_exactly_what_src_imports():
    distributions = importlib.metadata.packages_distributions()
    imported = {}
    for module, files in runtime_imports().items():
        assert module in distributions, f"{module} (imported by {files[0]}) is not installed from any distribution"
        imported[_normal(distributions[module][0])] = module
    declared = {_requirement_name(r) for r in PROJECT["dependencies"]}
    assert declared == set(imported), (f"declared but not imported: {sorted(declared - set(imported))}; "
                                       f"imported but not declared: {sorted(set(imported) - declared)}")
    assert "pillow" in declared and "pdfplumber" not in declared
    assert any(_requirement_name(r) == "pdfplumber" for r in PROJECT["optional-dependencies"]["bench"])


def test_pypdfium2_has_a_bounded_range_that_admits_the_installed_version():
    [spec] = [r for r in PROJECT["dependencies"] if _requirement_name(r) == "pypdfium2"]
    match = re.fullmatch(r"pypdfium2>=(\d+)\.(\d+),<(\d+)", spec)
    assert match, spec
    low_major, _low_minor, high_major = map(int, match.groups())
    installed_major = int(importlib.metadata.version("pypdfium2").split(".")[0])
    assert low_major <= installed_major < high_major
    import pypdfium2.raw

    assert hasattr(pypdfium2.raw, "FPDFText_GetTextObject")  # why the lower bound is 5.0


def test_the_distribution_name_version_and_command():
    assert PROJECT["name"] == DISTRIBUTION != "wscheck"  # `wscheck` on PyPI is another program
    assert "version" in PROJECT["dynamic"] and "version" not in PROJECT
    assert importlib.metadata.version(DISTRIBUTION) == __version__  # hatch reads src/wscheck/__init__.py
    assert PROJECT["scripts"] == {"wscheck": "wscheck.cli:main"}
    from click.testing import CliRunner

    from wscheck import cli

    result = CliRunner().invoke(cli.cli, ["--version"])
    assert result.exit_code == 0 and DISTRIBUTION in result.output and __version__ in result.output


def test_no_doc_installs_the_unrelated_wscheck_and_the_readme_installs_ours():
    wrong = re.compile(r"\b(?:pipx?|uv pip|uv tool)\s+install\s+(?:-\S+\s+)*[\"']?wscheck(?![\w.-]*-papers)(?=[\s\"'=<>~!\[]|$)")
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        assert not wrong.search(text), f"{path.name}: {wrong.search(text).group(0)!r}"
        assert not re.search(r"\bwscheck==", text), path.name
    readme = (ROOT / "README.md").read_text()
    assert f"pipx install {DISTRIBUTION}" in readme and f"pip install {DISTRIBUTION}" in readme


def test_the_action_and_pre_commit_examples_pin_the_release_tag():
    tag = f"v{__version__}"
    readme = (ROOT / "README.md").read_text()
    uses = re.findall(r"uses: wscheck/wscheck@(\S+)", readme)
    assert uses and set(uses) == {tag}
    assert f"rev: {tag}" in (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert f"`{tag}`" in readme  # the tag convention is written down


def test_pre_commit_runs_on_pdfs_and_the_example_only_on_the_main_pdf():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["types"] == ["pdf"] and "files" not in hook and hook["entry"] == "wscheck check"
    readme = (ROOT / "README.md").read_text()
    block = readme.split("**pre-commit.**", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    [repo] = yaml.safe_load(block)["repos"]
    assert repo["rev"] == f"v{__version__}"
    [example] = repo["hooks"]
    assert example["id"] == hook["id"]
    files = re.compile(example["files"])  # pre-commit matches it with re.search on the path
    assert files.search("main.pdf")
    assert not any(files.search(p) for p in ("fig/plot.pdf", "figures/main.pdf", "main.pdf.bak", "old/main.pdf"))


def test_ci_installs_the_wheel_in_a_fresh_venv_and_renders_evidence_without_pdfplumber():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert "bash .ci/test-wheel" in ci
    script = (ROOT / ".ci" / "test-wheel").read_text()
    assert "venv/bin/pip install --quiet dist/*.whl" in script and 'import pdfplumber' in script
    assert "wscheck check -q --venue icml2026-mechinterp --evidence out/" in script
