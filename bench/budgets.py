"""The performance budgets of issue 9, checked against measured rows (never as test assertions)."""

from __future__ import annotations

import math

__all__ = ["check_budgets"]


def _ratio(a: float, b: float) -> float:
    return a / b if b > 0 else math.inf


def check_budgets(rows: list[dict], serve: dict | None, large: str, small: str) -> list[dict]:
    """One verdict per budget: ``{"budget", "value", "limit", "pass"}``. ``large`` is the biggest corpus
    measured (10,000 sources, or 1,000 with ``--quick``), ``small`` the one linear growth is measured from."""
    by = {(r["corpus"], r["variant"]): r for r in rows}

    def wall(corpus: str, variant: str) -> float | None:
        row = by.get((corpus, variant))
        return row["wall_s_median"] if row else None

    verdicts = []

    def add(name: str, value: float | None, limit: float) -> None:
        if value is None:
            verdicts.append({"budget": name, "value": None, "limit": limit, "pass": None})
        else:
            verdicts.append({"budget": name, "value": round(value, 3), "limit": limit, "pass": value <= limit})

    plugin, floor, gen, peer = (wall(large, v) for v in ("plugin", "floor", "generator", "mkdocs-bibtex"))
    at = f"{int(large):,} sources"
    add(f"plugin build ÷ floor, {at}", _ratio(plugin, floor) if plugin and floor else None, 1.15)
    add(f"generator phase ÷ floor, {at}", _ratio(gen, floor) if gen and floor else None, 0.10)
    if plugin and floor and peer:
        add(f"(plugin − floor) ÷ (mkdocs-bibtex − floor), {at}", _ratio(plugin - floor, peer - floor), 0.20)
    else:
        add(f"(plugin − floor) ÷ (mkdocs-bibtex − floor), {at}", None, 0.20)
    peaks = {v: by[(large, v)]["peak_mib"] for v in ("plugin", "floor") if (large, v) in by}
    add(f"peak memory plugin ÷ floor, {at}", _ratio(peaks["plugin"], peaks["floor"]) if len(peaks) == 2 else None, 1.5)
    if large != small:
        for variant in ("plugin", "generator"):
            a, b = wall(large, variant), wall(small, variant)
            add(f"{variant} time {int(large):,} ÷ {int(small):,} sources", _ratio(a, b) if a and b else None, 11)
    if serve:
        for kind in ("source", "chapter", "event"):
            value = serve.get(f"{kind}_edit_s_median")
            add(f"serve: generator phase after editing one {kind} file, 1,000 sources (s)", value, 0.2)
    return verdicts
