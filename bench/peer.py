"""The peer site: the floor's pages with their citations handed to mkdocs-bibtex instead.

Starting from the pages ``alliance-site render`` wrote (the floor), every citation the
generator formatted is put back as mkdocs-bibtex citation syntax (``[@key, p. 12]``), the
chapter's own reference list is dropped (mkdocs-bibtex appends one per page), the sources go
to a ``.bib`` file, and the site uses the same CSL style through ``csl_file``. mkdocs-bibtex
has no narrative citation, so ``@key`` becomes ``[@key]``: its bare ``@key`` would print the
whole reference. Paragraph wrappers get ``markdown="1"`` (md_in_html) so the footnote
references mkdocs-bibtex writes inside them become links, as they would in plain Markdown.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from alliance_site.render.urls import Urls
from alliance_site.text.markup import Citation
from alliance_site.validate.run import load_corpus
from bench.bibtex import to_bibtex

__all__ = ["make_peer"]

_CITE = re.compile(r'<a class="as-cite"[^>]*>.*?</a>', re.DOTALL)
_REFERENCES = re.compile(r'\n#+ [^\n]*\{ #references \}\s*<ol class="as-references">.*?</ol>', re.DOTALL)
_NARRATIVE = re.compile(r"^@(\S+?)(?: \[(.*)\])?$")


def _syntax(citation: Citation) -> str:
    """The citation as mkdocs-bibtex (and pandoc) read it."""
    text = " ".join(citation.source_text.split())
    if citation.bracketed:
        return text
    match = _NARRATIVE.match(text)
    key, locator = (match[1], match[2]) if match else (citation.items[0].key, "")
    return f"[@{key}, {locator}]" if locator else f"[@{key}]"


def _rewrite_chapter(page: str, citations: list[Citation]) -> tuple[str, int]:
    anchors = _CITE.findall(page)
    if len(anchors) != len(citations):
        raise ValueError(f"{len(anchors)} citation links on the page, {len(citations)} citations in the chapter")
    queue = iter(citations)
    page = _CITE.sub(lambda _: _syntax(next(queue)), page)
    page = _REFERENCES.sub("", page)
    page = page.replace('<div class="as-para"', '<div markdown="1" class="as-para"').replace(
        "\n<p>", '\n<p markdown="1">'
    )
    return page, len(anchors)


def make_peer(content_dir: Path, floor_dir: Path, peer_dir: Path, csl_file: Path) -> dict:
    """Write ``peer_dir`` (docs/, refs.bib, mkdocs.yml) from the floor; returns counts for the notes."""
    corpus = load_corpus(content_dir).corpus
    if corpus is None:
        raise ValueError(f"{content_dir} does not validate")
    if peer_dir.exists():
        shutil.rmtree(peer_dir)
    shutil.copytree(floor_dir / "docs", peer_dir / "docs")
    (peer_dir / "refs.bib").write_text(to_bibtex(s.data for s in corpus.sources.values()), "utf-8")
    urls, cited = Urls(), 0
    chapter_pages = set()
    for chapter in corpus.chapters:
        path = peer_dir / "docs" / urls.chapter(chapter.id)
        citations = [t for p in chapter.paragraphs for t in p.tokens if isinstance(t, Citation)]
        text, n = _rewrite_chapter(path.read_text("utf-8"), citations)
        path.write_text(text, "utf-8")
        cited += n
        chapter_pages.add(path)
    stray = 0
    for path in (peer_dir / "docs").rglob("*.md"):
        if path not in chapter_pages and "@" in (text := path.read_text("utf-8")):
            # Any other '@' would be taken for a citation; the HTML entity shows the same character.
            stray += text.count("@")
            path.write_text(text.replace("@", "&#64;"), "utf-8")
    config = yaml.safe_load((floor_dir / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = ["search", {"bibtex": {"bib_file": "refs.bib", "csl_file": str(csl_file)}}]
    config["markdown_extensions"] = list(config.get("markdown_extensions") or []) + ["footnotes"]
    (peer_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return {"citations": cited, "sources": len(corpus.sources), "escaped_at_signs": stray}
