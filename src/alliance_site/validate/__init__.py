"""Checks of corpus files: each file against its JSON Schema, then references across files."""
