"""Rendering again only what changed (``mkdocs serve``): each unit of output (a page, a group of
downloads) is kept with what it read (:mod:`.page_inputs`); on the next build a unit whose reads all
give the same shapes in the new model is not rendered again, its earlier output is used.

A unit is reused only when (1) the renderer's site key is the same (options, labels, templates, the
corpus's metadata and glossary: what the renderer reads when it is set up, outside any page), (2) the
unit's own fingerprint is the same (its kind, title, and the identity of what it shows) and (3) every
read gives what it gave. Anything else renders the unit again, recording afresh.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .page_inputs import Reads, recording
from .read_shapes import Inputs

__all__ = ["RenderedUnits", "Unit", "render_units", "template_bytes"]


@dataclass(frozen=True)
class Unit:
    """One unit's output as rendered, with its fingerprint and what it read (read → shape)."""

    fingerprint: Any
    reads: dict
    output: Any


@dataclass
class RenderedUnits:
    """The units of the last build, by name, and the site key they were rendered under; what the
    last call reused and rendered (for the benchmark notes and the tests)."""

    site_key: Any = None
    inputs: Inputs | None = None
    units: dict[Any, Unit] = field(default_factory=dict)
    reused: list = field(default_factory=list)
    rendered: list = field(default_factory=list)


def template_bytes(folders: Iterable[Path | None]) -> tuple:
    """The bytes of every template the renderer may load (its override folder, then the shipped ones)."""
    found = []
    for folder in folders:
        if folder is None or not Path(folder).is_dir():
            found.append((str(folder), None))
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = Path(dirpath, name)
                found.append((str(path), path.read_bytes()))
    return tuple(found)


def render_units(
    units: Iterable[tuple[Any, Any, Callable[[], Any]]],
    previous: RenderedUnits | None,
    inputs: Inputs,
    site_key: Any,
) -> RenderedUnits:
    """Each ``(name, fingerprint, render)`` of ``units``: its earlier output when nothing it read
    changed, else ``render()`` again while its reads are recorded. Returns the new record; the outputs
    are in ``record.units[name].output``, in the order of ``units``."""
    same_site = previous is not None and previous.site_key == site_key
    record = RenderedUnits(site_key, inputs)
    for name, fingerprint, render in units:
        old = previous.units.get(name) if same_site else None
        if old is not None and old.fingerprint == fingerprint and inputs.same(old.reads):
            record.units[name] = old
            record.reused.append(name)
            continue
        reads = Reads(inputs.names)
        with recording(reads):
            output = render()
        record.units[name] = Unit(fingerprint, inputs.shapes(reads.keys, old.reads if old else None), output)
        record.rendered.append(name)
    return record
