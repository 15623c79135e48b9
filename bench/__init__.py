"""Benchmark of alliance-site against the MkDocs floor and the mkdocs-bibtex peer (see run.py)."""
