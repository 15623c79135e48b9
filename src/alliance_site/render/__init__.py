"""Corpus → pages: Markdown (with inline HTML) for every page kind, rendered through Jinja templates."""
