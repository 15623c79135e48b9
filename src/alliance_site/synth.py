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
import math
import random
import string
from dataclasses import dataclass

import yaml

__all__ = ["PARAGRAPHS_PER_CHAPTER", "Counts", "mkdocs_yml", "synthesize"]

#: One chapter file per this many paragraphs, so that no single file (or page) is huge.
PARAGRAPHS_PER_CHAPTER = 500

# libyaml when present (a 10,000-source corpus is ~20 MB of YAML); both emitters write the same text.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SCHEMA = "# yaml-language-server: $schema=https://alliance-site.invalid/schemas/{}.schema.json\n"


def _split(text: str) -> list[str]:
    return text.split()


_ONSETS = _split("b c d f g h k l m n p r s t v w b d l m n p r s t br ch cr dr fl gr pl pr sh st th tr")
_NUCLEI = _split("a e i o u a e i o u a e i o ai ea ou")
_CODAS = ["", "", "", "", "n", "r", "s", "l", "m", "t", "nd", "st"]
_FUNCTION = _split("the of and in to a is that for on as with by was were which from this its their")
_TYPES = _split("book article-journal chapter report thesis webpage article-newspaper paper-conference document")
_TYPE_WEIGHTS = (28, 28, 10, 9, 4, 7, 7, 5, 2)
_UNITS = ("persons", "percent", "USD", "units")


@dataclass(frozen=True)
class Counts:
    """How many of each unit a corpus of ``sources`` sources holds (at least one of each kind)."""

    sources: int
    paragraphs: int
    events: int
    tables: int
    figures: int
    glossary: int = 100

    @classmethod
    def for_sources(cls, n: int) -> Counts:
        return cls(n, 2 * n, max(1, n // 5), max(1, n // 50), max(1, n // 100))

    @property
    def chapters(self) -> int:
        return math.ceil(self.paragraphs / PARAGRAPHS_PER_CHAPTER)


def _vocabulary(size: int = 2400) -> list[str]:
    """Pronounceable lowercase pseudo-words; a fixed seed, so every corpus shares one vocabulary."""
    rng = random.Random(20240601)
    seen, words = set(_FUNCTION), []
    while len(words) < size:
        syllables = rng.choice((1, 1, 2, 2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(syllables))
        if len(word) >= 3 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


_VOCABULARY = _vocabulary()
_VOCAB = _FUNCTION + _VOCABULARY
_IS_FUNCTION = frozenset(_FUNCTION)
# Zipf weights, as in real prose: function words are frequent, most words are rare.
_CUM = list(itertools.accumulate(1 / (r + 1) for r in range(len(_VOCAB))))


class _Writer:
    """All random choices of one corpus, drawn from one generator in a fixed order."""

    def __init__(self, n: int, seed: int):
        self.rng = random.Random(f"alliance-site-synth:{n}:{seed}")
        self.counts = Counts.for_sources(n)

    def words(self, k: int) -> list[str]:
        words = self.rng.choices(_VOCAB, cum_weights=_CUM, k=k)
        for i in range(1, k):  # no "the of a": a function word is never followed by another
            if words[i] in _IS_FUNCTION and words[i - 1] in _IS_FUNCTION:
                words[i] = self.rng.choice(_VOCABULARY)
        return words

    def title(self, lo: int = 4, hi: int = 10) -> str:
        return " ".join(self.words(self.rng.randint(lo, hi))).capitalize()

    def name(self) -> str:
        return self.rng.choice(_VOCABULARY).capitalize()

    def sources(self) -> list[dict]:
        rng, n = self.rng, self.counts.sources
        people = [{"family": self.name(), "given": self.name()} for _ in range(max(8, n * 2 // 3))]
        pools = {
            "journal": [f"Journal of {self.name()} {self.name()} Studies" for _ in range(max(3, n // 25))],
            "publisher": [f"{self.name()} {rng.choice(('Press', 'Books'))}" for _ in range(max(3, n // 40))],
            "institute": [f"{self.name()} Institute for {self.name()} Affairs" for _ in range(max(3, n // 40))],
            "place": [self.name() for _ in range(max(3, n // 40))],
        }
        out, used = [], set()
        for i in range(n):
            kind = rng.choices(_TYPES, _TYPE_WEIGHTS)[0]
            year = rng.randint(1950, 2023)
            if out and rng.random() < 0.08:  # same author, same year: the style must write 2019a / 2019b
                authors, year = out[-1]["author"], int(str(out[-1]["issued"])[:4])
            elif kind in ("report", "document") and rng.random() < 0.6:
                authors = [{"literal": rng.choice(pools["institute"])}]
            else:
                authors = rng.sample(people, rng.choices((1, 2, 3, 4), (60, 25, 10, 5))[0])
            base = key = (authors[0].get("family") or authors[0]["literal"].split()[0]).lower() + str(year)
            for suffix in itertools.chain(string.ascii_lowercase[1:], (f"x{k}" for k in itertools.count())):
                if key not in used:
                    break
                key = base + suffix
            used.add(key)
            src = {"id": key, "type": kind, "author": authors, "issued": year, "title": self.title()}
            src.update(self._fields(kind, year, i, pools, people))
            out.append(src)
        return out

    def _fields(self, kind: str, year: int, i: int, pools: dict, people: list) -> dict:
        """The CSL fields a source of ``kind`` typically has."""
        rng = self.rng
        first = rng.randint(1, 300)
        pages, day = (
            f"{first}-{first + rng.randint(8, 30)}",
            f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        published = {"publisher": rng.choice(pools["publisher"]), "publisher-place": rng.choice(pools["place"])}
        if kind == "book":
            return published | ({"edition": rng.randint(2, 5)} if rng.random() < 0.2 else {})
        if kind == "article-journal":
            volume, issue = rng.randint(1, 60), rng.randint(1, 6)
            journal = rng.choice(pools["journal"])
            return {
                "container-title": journal,
                "volume": volume,
                "issue": issue,
                "page": pages,
                "DOI": f"10.5555/s.{i}",
            }
        if kind == "chapter":
            return published | {"container-title": self.title(), "editor": rng.sample(people, 1), "page": pages}
        if kind == "report":
            return published | {"publisher": rng.choice(pools["institute"]), "number": str(rng.randint(1, 99))}
        if kind == "thesis":
            return {"genre": rng.choice(("PhD thesis", "MA thesis")), "publisher": f"University of {self.name()}"}
        if kind == "webpage":
            site, accessed = f"{self.name()} News", f"{max(year, 2020)}-06-01"
            return {"issued": day, "container-title": site, "accessed": accessed, "URL": f"https://example.org/{i}"}
        if kind == "article-newspaper":
            return {"issued": day, "container-title": f"The {self.name()} Times", "page": str(rng.randint(1, 40))}
        if kind == "paper-conference":
            return published | {"container-title": f"Proceedings of the {self.name()} Conference"}
        return {"publisher": rng.choice(pools["institute"])}

    def citation(self, keys: list[str]) -> tuple[str, bool]:
        """A citation of ``keys`` in one of the Pandoc forms; returns (text, narrative)."""
        rng = self.rng
        if len(keys) == 1 and rng.random() < 0.15:
            return (f"@{keys[0]}" if rng.random() < 0.6 else f"@{keys[0]} [p. {rng.randint(1, 400)}]"), True
        items = []
        for key in keys:
            page, r = rng.randint(1, 400), rng.random()
            forms = ((0.45, ""), (0.75, f", p. {page}"), (0.85, f", pp. {page}-{page + 6}"), (0.9, ", ch. 3"))
            suffix = next((form for limit, form in forms if r < limit), None)
            if suffix is not None:
                items.append(f"@{key}{suffix}")
            else:
                items.append(f"see @{key}, p. {page}" if r < 0.95 else f"-@{key}")
        return "[" + "; ".join(items) + "]", False

    def paragraph(self, cites: list[list[str]], extras: list[str], xrefs: list[str]) -> tuple[str, list[str]]:
        """~120 words; returns the text and the openings of the sentences left plain (for page breaks)."""
        rng = self.rng
        target, sentences = max(60, int(rng.gauss(120, 20))), []
        while sum(map(len, sentences)) < target:
            sentences.append(self.words(rng.randint(8, 22)))
        plain = set(range(1, len(sentences)))
        for word in extras:  # acronyms, inside a sentence
            s = rng.randrange(len(sentences))
            sentences[s].insert(rng.randint(1, len(sentences[s])), word)
            plain.discard(s)
        for keys in cites:
            text, narrative = self.citation(keys)
            s = rng.randrange(len(sentences))
            if narrative:
                sentences[s] = [text, rng.choice(("argues", "shows", "notes")), "that"] + sentences[s]
            else:
                sentences[s].append(text)
            plain.discard(s)
        for ref in xrefs:  # @tbl:, @fig:, @evt:
            s = rng.randrange(len(sentences))
            sentences[s].append(f"(see {ref})")
            plain.discard(s)
        out = []
        for words in sentences:
            first = words[0] if words[0].startswith("@") or words[0].isupper() else words[0].capitalize()
            out.append(" ".join([first] + words[1:]) + ".")
        return " ".join(out), [" ".join(out[s].split()[:3]) for s in sorted(plain)]

    def glossary(self) -> list[dict]:
        terms: dict[str, None] = {}
        while len(terms) < self.counts.glossary:
            terms["".join(self.rng.choices(string.ascii_uppercase, k=self.rng.choice((2, 3, 3, 4, 5))))] = None
        entries = []
        for term in terms:
            by = self.rng.choice(("text", "editors"))
            entry = {"term": term, "expansion": " ".join(self.name() for _ in term), "expanded_by": by}
            if self.rng.random() < 0.2:
                entry["note"] = self.title(6, 14) + "."
            entries.append(entry)
        return entries

    def table(self, j: int, host: int, pids: list[str], keys: list[str]) -> dict:
        rng = self.rng
        near = pids[max(0, host - 2) : host + 3]
        columns = [{"id": f"c{k + 1}", "label": self.name()} for k in range(rng.randint(2, 4))]
        unit, rows = rng.choice(_UNITS), []
        for r in range(rng.randint(3, 5)):
            values = {col["id"]: rng.randint(1, 90000) for col in columns}
            # No as_written: the synthetic paragraphs do not write these numbers, and an as_written must be in its paragraph.
            cells = {c: {"value": v, "paragraph": rng.choice(near)} for c, v in values.items()}
            rows.append({"id": f"r{r + 1}", "label": self.name(), "unit": unit, "cells": cells})
        parts = " + ".join(f"{row['id']}.c1" for row in rows)
        total = {
            c["id"]: {"value": sum(r["cells"][c["id"]]["value"] for r in rows), "paragraph": pids[host]}
            for c in columns
        }
        rows.append({"id": "total", "label": "Total", "unit": unit, "cells": total})
        check = {"id": "total-c1", "cell": "total.c1", "equals": parts, "label": "Total against its parts"}
        table = {
            "id": f"t-{j + 1:04d}",
            "number": f"Table {j + 1}",
            "caption": self.title(),
            "sources": [rng.choice(keys)],
        }
        table |= {"columns": columns, "rows": rows, "checks": [check]}
        if rng.random() < 0.5:
            table["derived"] = [{"id": "ratio", "label": "Ratio", "unit": "ratio", "formula": "total.c1 / total.c2"}]
        return table

    def node(self, depth: int = 1) -> dict:
        node = {"label": self.title(1, 4)}
        if depth < 3 and self.rng.random() < 0.7:
            node["children"] = [self.node(depth + 1) for _ in range(self.rng.randint(2, 4))]
        return node

    def figure(self, j: int, tids: list[str], keys: list[str]) -> dict:
        fig = {
            "id": f"f-{j + 1:04d}",
            "number": f"Figure {j + 1}",
            "caption": self.title(),
            "sources": [self.rng.choice(keys)],
        }
        if j % 2 == 0:
            return fig | {"structure": self.node()}
        return fig | {"data_table": tids[j % len(tids)], "source_line": f"Source: {self.title(2, 5)}."}

    def event(self, j: int, host: str, pids: list[str], tids: list[str], fids: list[str], keys: list[str]) -> dict:
        rng = self.rng
        year, month, day = rng.randint(1900, 2023), rng.randint(1, 12), rng.randint(1, 28)
        ym, ymd = f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"
        date = rng.choice(
            (f"{year}", ym, ymd, f"{year}/{year + rng.randint(1, 8)}", f"{ym}/{year + 1}-{month:02d}-{day:02d}")
        )
        ev = {"id": f"e-{j + 1:04d}", "date": date, "title": self.title(4, 9), "description": self.title(10, 24) + "."}
        if rng.random() < 0.5:
            ev["date_as_written"] = date.replace("/", " to ")
        ev["actors"] = [self.name() for _ in range(rng.randint(1, 3))]
        ev["sources"] = sorted(set(rng.sample(keys, min(len(keys), rng.randint(1, 2)))))
        ev["paragraphs"] = list(dict.fromkeys([host] + [rng.choice(pids) for _ in range(rng.randint(0, 2))]))
        if rng.random() < 0.1:
            ev["tables"] = [rng.choice(tids)]
        if rng.random() < 0.05:
            ev["figures"] = [rng.choice(fids)]
        return ev


def _dump(kind: str, data: dict) -> str:
    return _SCHEMA.format(kind) + yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def _spread(j: int, of: int, within: int, shift: float = 0.5) -> int:
    """The j-th of ``of`` evenly spread positions in ``range(within)``."""
    return min(within - 1, int((j + shift) * within / of))


def synthesize(n_sources: int, seed: int = 0) -> dict[str, str]:
    """The corpus files, by path relative to the site folder (``content/...``), in sorted order."""
    if n_sources < 1:
        raise ValueError("a corpus needs at least one source")
    w = _Writer(n_sources, seed)
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
