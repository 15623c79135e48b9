"""The files of a corpus from zero (``alliance-site init DIR``): a ``mkdocs.yml`` that builds at once, and a
minimal valid corpus — corpus.yml, one chapter with one paragraph citing one source, a glossary — each
file naming its schema inside the corpus, so it works wherever the folder is moved."""

from __future__ import annotations

import json
from pathlib import Path

from .scaffold_schemas import HEADER, SCHEMA_FOLDER, write_schemas

__all__ = ["InitRefused", "init_project", "project_files"]


class InitRefused(Exception):
    """The folder holds a project already: nothing is written."""


def _q(text: str) -> str:
    """A YAML scalar for any text: JSON's double-quoted string is valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def project_files(title: str, language: str) -> dict[str, str]:
    """Relative path → text of every file ``init`` writes (the schemas aside)."""
    schema = f"{HEADER}{{}}{SCHEMA_FOLDER}/{{}}.schema.json\n"
    return {
        "mkdocs.yml": f"""site_name: {_q(title)}
# Set site_url before publishing: the sitemap, canonical links and absolute citation URLs need it.
# site_url: https://example.org/my-corpus/
docs_dir: docs          # hand-written pages, if any
theme:
  name: material
  font: false           # nothing is fetched from the network
  language: {language}
plugins:
  - search
  - alliance-site
markdown_extensions:
  - toc:
      permalink: true
""",
        "docs/.gitkeep": "",
        "content/corpus.yml": schema.format("", "corpus")
        + f"""title: {_q(title)}
language: {language}
chapters: [chapter-1]
""",
        "content/chapters/chapter-1.yml": schema.format("../", "chapter")
        + """id: chapter-1
number: "1"
title: The first chapter
blocks:
  - id: p-first
    text: "Replace this with the first paragraph of the text, word for word, citing its sources [@example2024]."
""",
        "content/sources/example2024.yml": schema.format("../", "source")
        + """id: example2024
type: book
author: [{family: Example, given: Ann}]
issued: 2024
title: Replace this with the first source
cited_as: "Example, 2024"
""",
        "content/glossary.yml": schema.format("", "glossary")
        + """entries:
  - {term: YAML, expansion: "YAML Ain't Markup Language", expanded_by: editors}
""",
    }


def init_project(folder: Path, title: str, language: str) -> list[Path]:
    """Write a new project into ``folder`` (created if missing); refuse if it has a mkdocs.yml or content/."""
    for existing in ("mkdocs.yml", "content"):
        if (folder / existing).exists():
            raise InitRefused(f"{folder / existing} exists already")
    written = []
    for rel, text in project_files(title, language).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(path)
    return written + write_schemas(folder / "content" / SCHEMA_FOLDER)
