"""The performance budgets of issue 16, checked against measured rows (never as test assertions).

Each time budget is judged on wall time (medians), as the issue sets it; the same ratio on CPU
time (user + system, children included) is given beside it, because on a shared machine wall
time also measures the neighbours.
"""

from __future__ import annotations

import math

__all__ = ["VARIANTS", "check_budgets"]

VARIANTS = ("floor", "plugin-cold", "plugin-warm", "generator-cold", "generator-warm", "mkdocs-bibtex")


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    return a / b if b > 0 else math.inf


def check_budgets(rows: list[dict], serve: dict | None, large: str, small: str) -> list[dict]:
    """One verdict per budget: ``{"budget", "value", "value_cpu", "limit", "pass"}``. ``large`` is the biggest
    corpus measured (10,000 sources, or 1,000 with ``--quick``), ``small`` the one growth is measured from."""
    by = {(r["corpus"], r["variant"]): r for r in rows}

    def get(corpus: str, variant: str, field: str) -> float | None:
        row = by.get((corpus, variant))
        return row[field] if row else None

    verdicts = []

    def add(name: str, value: float | None, limit: float, value_cpu: float | None = None) -> None:
        verdicts.append(
            {
                "budget": name,
                "value": None if value is None else round(value, 3),
                "value_cpu": None if value_cpu is None else round(value_cpu, 3),
                "limit": limit,
                "pass": None if value is None else value <= limit,
            }
        )

    for corpus in dict.fromkeys([small, large]):
        at = f"{int(corpus):,} sources"
        wall = {v: get(corpus, v, "wall_s_median") for v in VARIANTS}
        cpu = {v: get(corpus, v, "cpu_s_median") for v in VARIANTS}

        def ratio(a: str, b: str, t: dict) -> float | None:
            return _ratio(t[a], t[b])

        def above(t: dict) -> float | None:
            if None in (t["plugin-cold"], t["floor"], t["mkdocs-bibtex"]):
                return None
            return _ratio(t["plugin-cold"] - t["floor"], t["mkdocs-bibtex"] - t["floor"])

        add(
            f"cold build: plugin ÷ floor, {at}",
            ratio("plugin-cold", "floor", wall),
            1.0,
            ratio("plugin-cold", "floor", cpu),
        )
        add(
            f"warm build: plugin ÷ floor, {at}",
            ratio("plugin-warm", "floor", wall),
            0.8,
            ratio("plugin-warm", "floor", cpu),
        )
        add(
            f"warm build: generator phase ÷ floor, {at}",
            ratio("generator-warm", "floor", wall),
            0.03,
            ratio("generator-warm", "floor", cpu),
        )
        add(f"(plugin − floor) ÷ (mkdocs-bibtex − floor), cold, {at}", above(wall), 0.2, above(cpu))
    add(
        f"peak memory plugin (cold) ÷ floor, {int(large):,} sources",
        _ratio(get(large, "plugin-cold", "peak_mib"), get(large, "floor", "peak_mib")),
        1.5,
    )
    if large != small:
        for variant in ("plugin-cold", "generator-cold"):
            add(
                f"{variant} time {int(large):,} ÷ {int(small):,} sources",
                _ratio(get(large, variant, "wall_s_median"), get(small, variant, "wall_s_median")),
                11,
                _ratio(get(large, variant, "cpu_s_median"), get(small, variant, "cpu_s_median")),
            )
    for kind, seconds in ((serve or {}).get("edit_to_visible_s") or {}).items():
        add(f"serve: edit-to-visible after a {kind} edit, {int(small):,} sources (s)", seconds, 1.0)
    return verdicts
