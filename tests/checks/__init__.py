"""One test file per check type, each on the harness in `harness.py` (yamllint style)."""
