"""The entries of a synthetic corpus: sources of varied CSL types (some by the same author in the same
year, so styles must disambiguate), tables with checks that hold, figures (trees or charts), events with
dates of every EDTF precision, and a glossary of acronyms; written by :class:`Prose`'s generator."""

from __future__ import annotations

import itertools
import string

from .prose import Prose

__all__ = ["Writer"]

_TYPES = [
    "book",
    "article-journal",
    "chapter",
    "report",
    "thesis",
    "webpage",
    "article-newspaper",
    "paper-conference",
    "document",
]
_TYPE_WEIGHTS = (28, 28, 10, 9, 4, 7, 7, 5, 2)
_UNITS = ("persons", "percent", "USD", "units")


class Writer(Prose):
    """All random choices of one corpus, drawn from one generator in a fixed order."""

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
