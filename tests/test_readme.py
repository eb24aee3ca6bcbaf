"""The README's two commands are the ones CI runs and the ones that work."""
from __future__ import annotations

import re

from conftest import ROOT, run_cli


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_ci_runs_the_readme_test_command():
    install_and_check, install_and_test = _commands()
    assert "pytest" in install_and_test
    ci = (ROOT / ".ci" / "run").read_text()
    assert install_and_test in ci.splitlines()


def test_the_readme_sample_check_runs_on_a_bundled_pdf():
    install_and_check, _ = _commands()
    check = install_and_check.split("&& wscheck ", 1)[1].split()
    result = run_cli(*check)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("PASS")
