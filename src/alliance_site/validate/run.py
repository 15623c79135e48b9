"""Load → validate: read every corpus file, check it, and build the model when nothing is wrong."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..load.discover import discover
from ..load.safe_yaml import Limits, YamlProblem, load_yaml
from ..model import Corpus, build_corpus
from .cell_numbers import check_cell_numbers
from .documents import Document
from .file_cache import FileCache
from .findings import data_findings
from .indentation import explain_indentation
from .plain_lists import check_plain_lists
from .references import check_references
from .schema import check_against_schema
from .translations import check_translations

__all__ = ["FileCache", "LoadResult", "load_corpus"]


@dataclass
class LoadResult:
    corpus: Corpus | None
    problems: list[Problem]
    documents: list[Document] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "note"]


def _read_one(kind: str, raw: bytes, display: str, limits: Limits) -> tuple[Document | None, list[Problem]]:
    try:
        loaded = load_yaml(raw, limits)
    except YamlProblem as exc:
        return None, [Problem(display, exc.line, exc.column, "error", exc.message, exc.hint)]
    if not isinstance(loaded.data, dict):
        return None, [
            Problem(
                display,
                1,
                1,
                "error",
                f"a {kind} file must be a mapping of fields, not a list or a single value",
                "start the file with 'id: ...' or the fields of its kind",
            )
        ]
    doc = Document(kind, display, loaded, raw.decode("utf-8", "replace"))
    return doc, check_against_schema(kind, loaded, display)


#: The kinds read first, so that ``load_corpus``'s ``early`` hook has them before the rest is read.
EARLY_KINDS = ("corpus", "source")


def load_corpus(
    content_dir: Path | str,
    *,
    cache: FileCache | None = None,
    limits: Limits | None = None,
    early: Callable[[list[Document]], None] | None = None,
) -> LoadResult:
    """Read, validate and model the corpus under ``content_dir``. Never raises for bad content.

    ``early(documents)`` is called once the corpus file and the sources are read (when every one of them
    could be read), with their documents, before the other files are: a build starts formatting the
    sources there while the rest is read. What it gets is not yet checked across files."""
    limits = limits or Limits()
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        return LoadResult(
            None,
            [
                Problem(
                    str(content_dir),
                    1,
                    1,
                    "error",
                    "content folder does not exist",
                    "create it, or set the plugin's 'content_dir' option",
                )
            ],
        )
    files, stray = discover(content_dir)
    problems: list[Problem] = []
    docs: list[Document] = []
    unreadable: list[tuple[str, str]] = []
    place = {cf.display: n for n, cf in enumerate(files)}
    first = sum(cf.kind in EARLY_KINDS for cf in files)
    for n, cf in enumerate(sorted(files, key=lambda cf: cf.kind not in EARLY_KINDS)):
        if n == first and early is not None and not unreadable and len(docs) == first:
            early(list(docs))
        if cf.outside:
            problems.append(
                Problem(
                    cf.display,
                    1,
                    1,
                    "error",
                    "file is a link to a file outside content/"
                    if cf.path.suffix in (".yml", ".yaml")
                    else "folder is a link to a folder outside content/",
                    "copy the files into content/ instead of linking to them",
                )
            )
            unreadable.append((cf.kind, cf.path.stem))
            continue
        try:
            raw = cf.path.read_bytes()
        except OSError as exc:
            problems.append(
                Problem(cf.display, 1, 1, "error", f"cannot read file: {exc.strerror}", "check its permissions")
            )
            continue
        digest = hashlib.sha256(raw).digest() if cache is not None else b""
        hit = cache.entries.get(cf.display) if cache is not None else None
        if hit and hit[0] == digest:
            doc, file_problems = hit[1], hit[2]
        else:
            doc, file_problems = _read_one(cf.kind, raw, cf.display, limits)
            if cache is not None:
                cache.entries[cf.display] = (digest, doc, file_problems)
        problems.extend(file_problems)
        if doc is not None:
            docs.append(doc)
        else:
            unreadable.append((cf.kind, cf.path.stem))
    docs.sort(key=lambda doc: place[doc.file])  # back in the order found: the checks report in it
    for path in stray:
        shown = path.relative_to(content_dir.parent).as_posix()
        problems.append(
            Problem(
                shown,
                1,
                1,
                "warning",
                "file is not in a folder the corpus reads",
                "move it into chapters/, sources/, tables/, figures/ or events/",
            )
        )
    if not any(cf.kind == "corpus" for cf in files):
        shown = (content_dir / "corpus.yml").relative_to(content_dir.parent).as_posix()
        problems.append(
            Problem(
                shown,
                1,
                1,
                "error",
                "corpus.yml is missing",
                "create content/corpus.yml with title, language and chapters",
            )
        )
    problems.extend(check_references(docs, content_dir, unreadable))
    problems.extend(check_translations(docs))
    problems.extend(check_cell_numbers(docs))
    problems.extend(check_plain_lists(docs))
    problems = sorted(set(explain_indentation(problems, docs)))
    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems, docs)
    # The data's own consistency can only be judged on a corpus without errors.
    problems = sorted(set(problems + data_findings(docs)))
    return LoadResult(build_corpus(docs), problems, docs)
