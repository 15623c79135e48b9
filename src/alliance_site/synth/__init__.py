"""Synthetic corpora for benchmarks and tests: ``synthesize(n_sources, seed)`` → ``{path: YAML text}``.

The corpus is realistic in shape, not in meaning: N sources of varied CSL types (some by the
same author in the same year, so styles must disambiguate), 2N paragraphs of about 120 words
with 1–3 citations each in every Pandoc form the corpus uses, N/5 events with dates of every
EDTF precision, N/50 tables with checks that hold, N/100 figures (trees or charts, no images)
and a glossary of 100 acronyms that all occur in the text. The words come from a vocabulary
built here from syllables, so nothing is downloaded. The same ``(n_sources, seed)`` gives the
same bytes: one seeded ``random.Random`` drives everything, in a fixed order.
"""

from __future__ import annotations

import itertools

import yaml

from .counts import PARAGRAPHS_PER_CHAPTER, Counts
from .entries import Writer

__all__ = ["PARAGRAPHS_PER_CHAPTER", "Counts", "mkdocs_yml", "synthesize"]

# libyaml when present (a 10,000-source corpus is ~20 MB of YAML); both emitters write the same text.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SCHEMA = "# yaml-language-server: $schema=https://alliance-site.invalid/schemas/{}.schema.json\n"


def _dump(kind: str, data: dict) -> str:
    return _SCHEMA.format(kind) + yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def _spread(j: int, of: int, within: int, shift: float = 0.5) -> int:
    """The j-th of ``of`` evenly spread positions in ``range(within)``."""
    return min(within - 1, int((j + shift) * within / of))


def synthesize(n_sources: int, seed: int = 0) -> dict[str, str]:
    """The corpus files, by path relative to the site folder (``content/...``), in sorted order."""
    if n_sources < 1:
        raise ValueError("a corpus needs at least one source")
    w = Writer(n_sources, seed)
    rng, c = w.rng, w.counts
    sources, glossary = w.sources(), w.glossary()
    keys = [s["id"] for s in sources]
    pids = [f"p-{i + 1:05d}" for i in range(c.paragraphs)]
    tids, fids = [f"t-{j + 1:04d}" for j in range(c.tables)], [f"f-{j + 1:04d}" for j in range(c.figures)]
    table_hosts = [_spread(j, c.tables, c.paragraphs) for j in range(c.tables)]
    figure_hosts = [_spread(j, c.figures, c.paragraphs, 0.3) for j in range(c.figures)]
    event_hosts = [_spread(j, c.events, c.paragraphs, 0.7) for j in range(c.events)]

    # Where each table and figure is discussed and placed, which event a paragraph names, where acronyms go.
    xrefs: dict[int, list[str]] = {}
    after: dict[int, list[dict]] = {}
    for prefix, kind, ids, hosts in (("tbl", "table", tids, table_hosts), ("fig", "figure", fids, figure_hosts)):
        for ident, host in zip(ids, hosts):
            xrefs.setdefault(host, []).append(f"@{prefix}:{ident}")
            after.setdefault(host, []).append({kind: ident})
    for j, host in enumerate(event_hosts):
        xrefs.setdefault(host, []).append(f"@evt:e-{j + 1:04d}")
    acronyms: dict[int, list[str]] = {}
    for j, entry in enumerate(glossary):  # every acronym occurs at least once
        acronyms.setdefault(j % c.paragraphs, []).append(entry["term"])

    # Every source is cited at least once; the other citations are skewed (a few sources are cited often).
    order = rng.sample(range(len(keys)), len(keys))
    popular = list(itertools.accumulate(1 / (r + 1) ** 0.8 for r in range(len(keys))))
    paragraphs, page = [], 1
    for i, pid in enumerate(pids):
        groups = []
        for g in range(rng.choices((1, 2, 3), (40, 40, 20))[0]):
            chosen = [order[i]] if g == 0 and i < len(order) else []
            size = min(len(keys), rng.choices((1, 2, 3), (75, 20, 5))[0])
            while len(chosen) < size:
                if (pick := rng.choices(order, cum_weights=popular)[0]) not in chosen:
                    chosen.append(pick)
            groups.append([keys[k] for k in chosen])
        extras = acronyms.get(i, []) + [rng.choice(glossary)["term"] for _ in range(rng.choice((0, 0, 1, 2)))]
        text, openings = w.paragraph(groups, extras, xrefs.get(i, []))
        para, start = {"id": pid, "text": text}, page
        if openings and rng.random() < 0.4:  # about 300 words to a printed page
            page += 1
            para["page_breaks"] = [{"page": page, "before": rng.choice(openings)}]
        if rng.random() < 0.05:
            word = rng.choice([x for x in text.split() if len(x) > 6 and x.isalpha()] or [text.split()[0]])
            para["editorial"] = [{"kind": "sic", "at": word, "reading": word[:-1]}]
        paragraphs.append((para, start))

    def blocks(indices) -> list[dict]:
        return [block for i in indices for block in (paragraphs[i][0], *after.get(i, []))]

    files, chapter_ids = {}, []
    for ci in range(c.chapters):
        chunk = range(ci * PARAGRAPHS_PER_CHAPTER, min(c.paragraphs, (ci + 1) * PARAGRAPHS_PER_CHAPTER))
        cid, rest, sections = f"ch-{ci + 1:02d}", list(chunk[2:]), []
        while rest:  # sections of about 20 paragraphs; a few split into two subsections
            size, k = rng.randint(15, 25), len(sections) + 1
            part, rest = rest[:size], rest[size:]
            sid, number, page = f"s-{ci + 1}-{k}", f"{ci + 1}.{k}", paragraphs[part[0]][1]
            section = {"id": sid, "number": number, "title": w.title(3, 8), "page": page}
            if len(part) >= 12 and rng.random() < 0.2:
                halves = (part[: len(part) // 2], part[len(part) // 2 :])
                section["sections"] = [
                    {"id": f"{sid}-{m}", "number": f"{number}.{m}", "title": w.title(3, 8), "blocks": blocks(sub)}
                    for m, sub in enumerate(halves, start=1)
                ]
            else:
                section["blocks"] = blocks(part)
            sections.append(section)
        chapter = {"id": cid, "number": f"Chapter {ci + 1}", "title": w.title(3, 9), "page": paragraphs[chunk[0]][1]}
        chapter["blocks"] = blocks(chunk[:2])
        if sections:
            chapter["sections"] = sections
        files[f"content/chapters/{cid}.yml"] = _dump("chapter", chapter)
        chapter_ids.append(cid)

    for src in sources:
        files[f"content/sources/{src['id']}.yml"] = _dump("source", src)
    for j, host in enumerate(table_hosts):
        files[f"content/tables/{tids[j]}.yml"] = _dump("table", w.table(j, host, pids, keys))
    for j, fid in enumerate(fids):
        files[f"content/figures/{fid}.yml"] = _dump("figure", w.figure(j, tids, keys))
    for j, host in enumerate(event_hosts):
        files[f"content/events/e-{j + 1:04d}.yml"] = _dump("event", w.event(j, pids[host], pids, tids, fids, keys))
    files["content/glossary.yml"] = _dump("glossary", {"entries": glossary})
    meta = {"title": f"A synthetic corpus of {n_sources:,} sources", "subtitle": f"seed {seed}", "language": "en"}
    meta |= {"description": "Written by alliance-site synth for benchmarks and tests; the words mean nothing."}
    meta |= {"genre": "Synthetic research corpus", "type": "book", "author": [{"family": "Synth", "given": "Alliance"}]}
    files["content/corpus.yml"] = _dump("corpus", meta | {"year": 2024, "chapters": chapter_ids})
    return dict(sorted(files.items()))


def mkdocs_yml(n_sources: int, seed: int) -> str:
    """A site configuration that builds the corpus with Material and the plugin, fetching nothing."""
    return (
        f"site_name: Synthetic corpus ({n_sources} sources, seed {seed})\n"
        "docs_dir: docs\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - alliance-site\n"
    )
