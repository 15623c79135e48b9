"""alliance-site: a research corpus kept as YAML, published as a cross-linked MkDocs site."""

__version__ = "0.1.0"
