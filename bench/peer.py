"""The peer site: the floor's pages with their citations handed to mkdocs-bibtex instead.

Starting from the pages ``alliance-site render`` wrote (the floor), every citation the
generator formatted is put back as mkdocs-bibtex citation syntax (``[@key, p. 12]``), the
chapter's own reference list is dropped (mkdocs-bibtex appends one per page), the sources go
to a ``.bib`` file, and the site uses the same CSL style through ``csl_file``. mkdocs-bibtex
has no narrative citation, so ``@key`` becomes ``[@key]``: its bare ``@key`` would print the
whole reference. The chapter's ``<div>`` and ``<p>`` wrappers get ``markdown="1"`` (md_in_html), so
that the footnote references mkdocs-bibtex writes inside them become links, as in plain Markdown.
"""

from __future__ import annotations

import bisect
import re
import shutil
from pathlib import Path

import yaml

from alliance_site.render.urls import Urls
from alliance_site.text.markup import Citation, parse
from alliance_site.validate.run import load_corpus
from bench.bibtex import to_bibtex

__all__ = ["make_peer"]

_CITE = re.compile(r'<a class="as-cite"[^>]*?data-refs="([^"]*)"[^>]*>.*?</a>', re.DOTALL)
_UNIT = '<span class="as-citation">'
_SPAN_TAG = re.compile(r"<span\b|</span>")
_PARA = re.compile(r'<div[^>]*? class="as-para" id="([^"]+)"')
_REFERENCES = re.compile(r'\n#+ [^\n]*\{ #references \}\s*<ol class="as-references">.*?</ol>', re.DOTALL)
_WRAPPER = re.compile(r"<(div|p)(?=[\s>])(?![^>]*\bmarkdown=)")
_NARRATIVE = re.compile(r"^@(\S+?)(?: \[(.*)\])?$")


def _syntax(citation: Citation) -> str:
    """The citation as mkdocs-bibtex (and pandoc) read it."""
    text = " ".join(citation.source_text.split())
    if citation.bracketed:
        return text
    match = _NARRATIVE.match(text)
    key, locator = (match[1], match[2]) if match else (citation.items[0].key, "")
    return f"[@{key}, {locator}]" if locator else f"[@{key}]"


def _citation_units(page: str) -> list[tuple[int, int]]:
    """(start, end) of each rendered citation: a ``<span class="as-citation">`` with its links (nested
    spans counted), or a bare citation link outside such a span."""
    units, at = [], 0
    while (start := page.find(_UNIT, at)) != -1:
        depth, pos = 0, start
        for tag in _SPAN_TAG.finditer(page, start):
            depth += -1 if tag[0] == "</span>" else 1
            if depth == 0:
                pos = tag.end()
                break
        units.append((start, pos))
        at = pos
    inside = [range(a, b) for a, b in units]
    units += [(m.start(), m.end()) for m in _CITE.finditer(page) if not any(m.start() in r for r in inside)]
    return sorted(units)


def _rewrite_chapter(page: str, paragraphs: dict) -> tuple[str, int, int]:
    """Rendered citations → mkdocs-bibtex syntax. Each is matched, by its keys and in order, to a
    citation of the paragraph it stands in (original or translation: a reading edition shows both);
    one that matches none keeps its keys without locators. Returns (page, matched, all)."""
    starts = [(m.start(), m[1]) for m in _PARA.finditer(page)]
    positions = [at for at, _ in starts]
    pools: dict[str, list[Citation]] = {}
    for _, pid in starts:
        para = paragraphs.get(pid)
        texts = [(t.get("text") or "") for t in ((para.data.get("translations") or {}).values() if para else ())]
        pools[pid] = [t for t in (para.tokens if para else []) if isinstance(t, Citation)]
        pools[pid] += [t for text in texts for t in parse(text) if isinstance(t, Citation)]
    out, last, matched = [], 0, 0
    units = _citation_units(page)
    for start, end in units:
        keys = tuple(ref.removeprefix("ref-") for m in _CITE.finditer(page, start, end) for ref in m[1].split())
        index = bisect.bisect_right(positions, start) - 1
        pool = pools[starts[index][1]] if index >= 0 else []
        found = next(
            (i for i, c in enumerate(pool) if tuple(sorted(x.key for x in c.items)) == tuple(sorted(keys))), None
        )
        if found is None:
            syntax = "[" + "; ".join(f"@{key}" for key in keys) + "]"
        else:
            syntax, matched = _syntax(pool.pop(found)), matched + 1
        out += [page[last:start], syntax]
        last = end
    page = "".join(out) + page[last:]
    page = _REFERENCES.sub("", page)
    page = _WRAPPER.sub(r'<\1 markdown="1"', page)
    return page, matched, len(units)


def make_peer(content_dir: Path, floor_dir: Path, peer_dir: Path, csl_file: Path) -> dict:
    """Write ``peer_dir`` (docs/, refs.bib, mkdocs.yml) from the floor; returns counts for the notes."""
    corpus = load_corpus(content_dir).corpus
    if corpus is None:
        raise ValueError(f"{content_dir} does not validate")
    if peer_dir.exists():
        shutil.rmtree(peer_dir)
    shutil.copytree(floor_dir / "docs", peer_dir / "docs")
    if (floor_dir / "overrides").is_dir():  # the eject's theme overrides, which its mkdocs.yml names relatively
        shutil.copytree(floor_dir / "overrides", peer_dir / "overrides")
    (peer_dir / "refs.bib").write_text(to_bibtex(s.data for s in corpus.sources.values()), "utf-8")
    urls, cited, rendered = Urls(), 0, 0
    for chapter in corpus.chapters:
        path = peer_dir / "docs" / urls.chapter(chapter.id)
        text, n, total = _rewrite_chapter(path.read_text("utf-8"), corpus.paragraphs)
        path.write_text(text, "utf-8")
        cited, rendered = cited + n, rendered + total
    config = yaml.safe_load((floor_dir / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = ["search", {"bibtex": {"bib_file": "refs.bib", "csl_file": str(csl_file)}}]
    config["markdown_extensions"] = list(config.get("markdown_extensions") or []) + ["footnotes"]
    (peer_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return {"citations": rendered, "matched_with_locators": cited, "sources": len(corpus.sources)}
