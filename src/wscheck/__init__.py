"""wscheck: compliance checker for ML conference and workshop paper submissions."""

__version__ = "0.1.0"
