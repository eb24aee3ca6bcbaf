"""wscheck: compliance checker for ML conference and workshop paper submissions."""

__version__ = "0.2.0"
# The name on PyPI (`pipx install wscheck-papers`): `wscheck` there is an unrelated program.
# The import package and the command stay `wscheck`.
DISTRIBUTION = "wscheck-papers"
