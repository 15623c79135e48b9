"""What each generated page read while it rendered, so that a rebuild can tell which pages changed
without rendering them: a page is rendered again only when something it read is different now.

While a page renders under :func:`recording`, every attribute read on a model object (``Corpus``,
``Chapter``, ``Section``, ``Paragraph``, ``Placement``, ``CitationUse``, ``Entry``), every key looked up
in (or every pass over) one of the corpus's mappings, every table view and every answer of a
bibliography wrapped in :class:`RecordingBibliography` is noted as a *read*: a hashable name of what was
read, its owner named by its identity in the model (``("entry", "table", "t1")``), never by the Python
object. :class:`~.read_shapes.Inputs` answers, for a model, what each read gives now (its *shape*: model objects
stand for their identities, everything else for itself); a page whose every read gives the same shape
as when it rendered would render to the same bytes. Correct by construction as far as everything a
page reads comes through those objects; what does not (options, labels, templates, the corpus's
metadata and glossary, read when the site is set up) is the renderer's *site key*: when that changes,
every page renders again. An object the model cannot name, or a read that cannot be answered again,
makes a read that never matches, so its page always renders again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from ..model import Chapter, CitationUse, Corpus, Entry, Paragraph, Placement, Section

__all__ = [
    "MODEL_CLASSES",
    "NEVER_SAME",
    "TABLE_VIEWS",
    "Reads",
    "RecordingBibliography",
    "TrackedMapping",
    "active_reads",
    "recording",
]

MODEL_CLASSES = (Corpus, Chapter, Section, Paragraph, Placement, CitationUse, Entry)
NEVER_SAME = ("never the same",)  # a read whose shape cannot be known again
TABLE_VIEWS = ("table views",)  # the name of the site's mapping of table views (made from corpus.tables)
_PROPERTIES = {cls: {n for n in dir(cls) if isinstance(getattr(cls, n, None), property)} for cls in MODEL_CLASSES}
_BY_KEY = (Chapter, Section)  # whose ``data`` is read key by key


class Reads:
    """The reads of one page (or download) being rendered, and the model's identities to name them."""

    def __init__(self, names: dict[int, tuple]):
        self.names = names  # identities(corpus)[0]
        self.keys: set = set()
        self.paused = 0  # inside a property: the property's value is the read, not what it reads

    def owner(self, obj: object) -> tuple | None:
        return self.names.get(id(obj))


_active: Reads | None = None


def _recording_getattribute(self, name: str):
    reads = _active
    if reads is None or reads.paused or name[:1] == "_":
        return object.__getattribute__(self, name)
    if name in _PROPERTIES[type(self)]:
        reads.paused += 1
        try:
            value = object.__getattribute__(self, name)
        finally:
            reads.paused -= 1
    else:
        value = object.__getattribute__(self, name)
        if callable(value) and not isinstance(value, (dict, list)):
            return value  # a method: what it reads is recorded as it reads it
    owner = reads.owner(self)
    if owner is None:
        reads.keys.add(NEVER_SAME)
        return value
    if isinstance(value, dict) and (type(self) in _BY_KEY or (type(self) is Corpus and name != "meta")):
        # Each key looked up is its own read: a corpus mapping (one source of many), a chapter's or a
        # section's fields (its number and title, not every paragraph under it).
        return TrackedMapping(value, (owner, name), reads)
    reads.keys.add((owner, name))
    return value


def active_reads() -> Reads | None:
    """The reads being recorded now, if any."""
    return _active


@contextmanager
def recording(reads: Reads) -> Iterator[Reads]:
    """Record what the model is asked while the block runs (one at a time; not thread-safe)."""
    global _active
    if _active is not None:
        raise RuntimeError("already recording the reads of a page")
    for cls in MODEL_CLASSES:
        cls.__getattribute__ = _recording_getattribute
    _active = reads
    try:
        yield reads
    finally:
        _active = None
        for cls in MODEL_CLASSES:
            del cls.__getattribute__


class TrackedMapping(Mapping):
    """A read-only view of one of the corpus's mappings that notes each key looked up, or the whole
    mapping when it is iterated or counted."""

    __slots__ = ("_data", "_name", "_reads")

    def __init__(self, data: dict, name: tuple, reads: Reads):
        self._data, self._name, self._reads = data, name, reads

    def _note(self, key) -> None:
        if _active is self._reads:
            self._reads.keys.add((self._name, "item", key))

    def _note_all(self) -> None:
        if _active is self._reads:
            self._reads.keys.add((self._name, "all"))

    def __getitem__(self, key):
        self._note(key)
        return self._data[key]

    def get(self, key, default=None):
        self._note(key)
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        self._note(key)
        return key in self._data

    def __iter__(self):
        self._note_all()
        return iter(self._data)

    def __len__(self) -> int:
        self._note_all()
        return len(self._data)

    def keys(self):
        self._note_all()
        return self._data.keys()

    def values(self):
        self._note_all()
        return self._data.values()

    def items(self):
        self._note_all()
        return self._data.items()


class RecordingBibliography:
    """A bibliography (or the chapters' one) whose every answer, while a page records, is a read named
    ``("bib", name, method, args)``: :class:`Inputs` asks the new bibliography the same question."""

    def __init__(self, bib, name: str):
        self._bib, self._name = bib, name

    @property
    def wrapped(self):
        return self._bib

    def __getattr__(self, attr: str):
        if attr.startswith("_"):
            raise AttributeError(attr)
        value = getattr(self._bib, attr)
        if not callable(value):
            if _active is not None:
                _active.keys.add(("bib", self._name, attr, None))
            return value

        def answer(*args, **kwargs):
            if _active is not None:
                _active.keys.add(("bib", self._name, attr, (args, tuple(sorted(kwargs.items())))))
            return value(*args, **kwargs)

        return answer
