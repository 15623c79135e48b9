"""What each recorded read (:mod:`.page_inputs`) gives in one model: its *shape*, where a model object
stands for its identity in the corpus (``("paragraph", "p-3")``) and everything else for itself
(compared by value). A page whose every read gives the shape it gave would render to the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from ..model import Corpus, Paragraph, Section
from .page_inputs import MODEL_CLASSES, NEVER_SAME, TABLE_VIEWS

__all__ = ["Inputs", "identities"]

_SCALARS = (str, int, float, bool, type(None))
# Every attribute of a model object is one of its dataclass fields or a property made from them.
_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in MODEL_CLASSES}


def identities(corpus: Corpus) -> tuple[dict[int, tuple], dict[tuple, object], dict[tuple, tuple]]:
    """Every object of the model named by what it is in the corpus (stable across builds): the names
    by ``id()`` of the object, the objects by name, and each entry's or chapter's object's origin (its
    file's name and parsed data: every field of the object is made from that data alone)."""
    names: dict[int, tuple] = {id(corpus): ("corpus",)}
    objects: dict[tuple, object] = {("corpus",): corpus}
    origins: dict[tuple, tuple] = {}
    for kind, entries in (
        ("source", corpus.sources),
        ("table", corpus.tables),
        ("figure", corpus.figures),
        ("event", corpus.events),
    ):
        for entry in entries.values():
            names[id(entry)] = ("entry", kind, entry.id)
            objects[names[id(entry)]] = entry
            origins[names[id(entry)]] = (entry.file, entry.data)
    for chapter in corpus.chapters:
        names[id(chapter)] = ("chapter", chapter.id)
        objects[names[id(chapter)]] = chapter
        origin = origins[names[id(chapter)]] = (chapter.file, chapter.data)
        for n, item in enumerate(chapter.items):
            if isinstance(item, Section):
                names[id(item)] = ("section", item.id)
            elif isinstance(item, Paragraph):
                names[id(item)] = ("paragraph", item.id)
            else:
                names[id(item)] = ("placement", chapter.id, n)
            objects[names[id(item)]] = item
            origins[names[id(item)]] = origin
    for uses in corpus.cited_in.values():
        for use in uses:
            tokens = use.paragraph.tokens
            at = next((i for i, token in enumerate(tokens) if token is use.citation), -1)
            names[id(use)] = ("use", use.paragraph.id, at, use.item_index)
            objects[names[id(use)]] = use
            origins[names[id(use)]] = origins[names[id(use.paragraph)]]
    return names, objects, origins


def _group(read) -> tuple:
    """What a read is of, when it is of one object (its attribute; a chapter's or section's field) or
    of one bibliography; else the read itself (a corpus mapping, a table view: always looked at)."""
    if read == NEVER_SAME:
        return read
    first = read[0]
    if first == "bib":
        return ("bib", read[1])
    if len(read) == 2 and read[1] != "all":
        return first
    if len(read) == 3 and len(first) == 2 and first[1] == "data" and first[0][0] in ("chapter", "section"):
        return first[0]
    return ("read", read)


class _Fresh:
    """A shape equal to nothing (a read that cannot be answered again)."""

    __slots__ = ()

    def __eq__(self, other) -> bool:
        return False

    def __hash__(self) -> int:
        return id(self)


class Inputs:
    """What every read gives in one model: ``shape(read)``, computed once per read and build.

    ``earlier`` (the last build's): an object whose file was not parsed again (the same data object,
    kept by the ``FileCache``) gives every read what it gave, and so does a bibliography of the same
    key: :meth:`same` does not compute those reads again."""

    def __init__(self, corpus: Corpus, bibliographies: Mapping[str, Any], earlier: Inputs | None = None):
        self.corpus = corpus
        self.names, self.objects, self.origins = identities(corpus)
        self.bibliographies = bibliographies
        self.bib_keys = {name: getattr(bib, "key", None) for name, bib in bibliographies.items()}
        self._shapes: dict = {}
        self._steady: set = set()
        self._steady_bibs: set = set()
        self._skippable: set = set()
        if earlier is not None:
            self._steady = self._steady_since(earlier)
            self._steady_bibs = {n for n, k in self.bib_keys.items() if k is not None and earlier.bib_keys.get(n) == k}
            earlier.retire()
        self._skippable = self._steady | {("bib", name) for name in self._steady_bibs}

    def _steady_since(self, earlier: Inputs) -> set:
        """The objects that give every read what they gave in ``earlier``'s model: those whose file was
        not parsed again, and, of a file that was (one paragraph of a chapter edited), those whose every
        field has the shape it had (the other paragraphs, sections and citations of that chapter)."""
        was = earlier.origins
        steady = set()
        for name, (file, data) in self.origins.items():
            before = was.get(name)
            if before is None or before[0] != file:
                continue
            if before[1] is data or (earlier.objects is not None and self._fields(name) == earlier._fields(name)):
                steady.add(name)
        return steady

    def _fields(self, name: tuple) -> tuple | None:
        obj = self.objects.get(name)
        if obj is None:
            return None
        return tuple(self._of(object.__getattribute__(obj, f)) for f in _FIELDS[type(obj)])

    def retire(self) -> None:
        """Let the model go: only the origins and bibliography keys are kept, for the next build."""
        self.corpus = self.names = self.objects = self.bibliographies = self._shapes = None

    def shape(self, read) -> Any:
        try:
            return self._shapes[read]
        except KeyError:
            pass
        try:
            value = self._compute(read)
        except (LookupError, AttributeError, TypeError, ValueError):  # the new model cannot answer: render again
            value = _Fresh()
        self._shapes[read] = value
        return value

    def same(self, reads: Mapping) -> bool:
        """Whether every read gives the shape it gave (``reads`` as :meth:`shapes` made them: by group).
        The groups of objects whose file was not parsed again, and of bibliographies of the same key,
        are not looked at."""
        shapes = self._shapes
        for group in reads.keys() - self._skippable:
            for read, was in reads[group].items():
                now = shapes[read] if read in shapes else self.shape(read)
                if now != was:
                    return False
        return True

    def shapes(self, keys, earlier: Mapping | None = None) -> dict:
        """The shape of each read of ``keys``, grouped by what :meth:`same` may skip: the object the read
        is of (an attribute; a field of a chapter or section), the bibliography, else the read itself.
        ``earlier``: the groups of the last build's unit of the same name; a read it holds, of a group
        that did not change, gives what it gave, so it is not computed again."""
        groups: dict = {}
        skippable = self._skippable
        for read in keys:
            group = _group(read)
            was = earlier.get(group) if earlier is not None and group in skippable else None
            groups.setdefault(group, {})[read] = was[read] if was is not None and read in was else self.shape(read)
        return groups

    def _compute(self, read) -> Any:
        # The reads: NEVER_SAME; ("bib", name, method, call); (owner, attribute); (mapping, "all");
        # (mapping, "item", key), a mapping being (owner, attribute) or TABLE_VIEWS.
        if read == NEVER_SAME:
            return _Fresh()
        if read[0] == "bib":
            _, name, method, call = read
            value = getattr(self.bibliographies[name], method)
            return self._of(value if call is None else value(*call[0], **dict(call[1])))
        if read[0] == TABLE_VIEWS:
            return self._table_view(read)
        if len(read) == 2 and isinstance(read[1], str) and read[1] != "all":
            return self._of(object.__getattribute__(self.objects[read[0]], read[1]))
        mapping = self._mapping(read[0])
        if read[1] == "all":
            return self._whole(mapping)
        key = read[2]
        if key in mapping:
            return self._of(mapping[key])
        return () if isinstance(mapping, defaultdict) else ("absent",)

    def _mapping(self, name: tuple) -> dict:
        owner, attr = name
        return object.__getattribute__(self.objects[owner], attr)

    def _whole(self, mapping: dict) -> tuple:
        # A defaultdict grows an empty list for each key a page looked up: those are not content.
        skip_empty = isinstance(mapping, defaultdict)
        return tuple((key, self._of(value)) for key, value in mapping.items() if not (skip_empty and value == []))

    def _table_view(self, read) -> Any:
        if read[1] == "all":
            return tuple((key, (entry.data,)) for key, entry in self.corpus.tables.items())
        entry = self.corpus.tables.get(read[2])
        return ("absent",) if entry is None else (entry.data,)

    def _of(self, value) -> Any:
        if type(value) in _SCALARS:
            return value
        if isinstance(value, MODEL_CLASSES):
            name = self.names.get(id(value))
            return _Fresh() if name is None else ("obj", name)
        if type(value) in (list, tuple):
            return tuple(self._of(item) for item in value)
        return (value,)  # data, tokens, answers: compared by value (identity first, inside the tuple)
