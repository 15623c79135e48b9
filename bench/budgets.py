"""The performance budgets of issue 9, checked against measured rows (never as test assertions).

Each time budget is judged on wall time (medians), as the issue sets it; the same ratio on CPU
time (user + system, children included) is given beside it, because on a shared machine wall
time also measures the neighbours.
"""

from __future__ import annotations

import math

__all__ = ["check_budgets"]


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

    at = f"{int(large):,} sources"
    values = {}
    for field in ("wall_s_median", "cpu_s_median"):
        plugin, floor, gen, peer = (get(large, v, field) for v in ("plugin", "floor", "generator", "mkdocs-bibtex"))
        above = _ratio(plugin - floor, peer - floor) if None not in (plugin, floor, peer) else None
        values[field] = (_ratio(plugin, floor), _ratio(gen, floor), above)
    (w_plugin, w_gen, w_above), (c_plugin, c_gen, c_above) = values["wall_s_median"], values["cpu_s_median"]
    add(f"plugin build ÷ floor, {at}", w_plugin, 1.15, c_plugin)
    add(f"generator phase ÷ floor, {at}", w_gen, 0.10, c_gen)
    add(f"(plugin − floor) ÷ (mkdocs-bibtex − floor), {at}", w_above, 0.20, c_above)
    add(
        f"peak memory plugin ÷ floor, {at}",
        _ratio(get(large, "plugin", "peak_mib"), get(large, "floor", "peak_mib")),
        1.5,
    )
    if large != small:
        for variant in ("plugin", "generator"):
            add(
                f"{variant} time {int(large):,} ÷ {int(small):,} sources",
                _ratio(get(large, variant, "wall_s_median"), get(small, variant, "wall_s_median")),
                11,
                _ratio(get(large, variant, "cpu_s_median"), get(small, variant, "cpu_s_median")),
            )
    if serve:
        for kind in ("source", "chapter"):
            add(
                f"serve: generator phase after editing one {kind} file, 1,000 sources (s)",
                serve.get(f"{kind}_edit_s_median"),
                0.2,
            )
    return verdicts
