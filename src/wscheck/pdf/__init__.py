"""Low-level PDF readers. Only `wscheck.document` should import these."""
