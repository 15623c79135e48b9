"""``alliance-site import-bib FILE.bib``: one source file per BibTeX entry, and a report of what was left out.

LaTeX becomes Unicode, ``@string`` macros and ``crossref`` are resolved, names are
split and dates parsed (see :mod:`alliance_site.citations.import_bib`).  A file
that exists is never overwritten without ``--force``; an entry whose key the
corpus already has goes to that key's file, so a key never lives in two files.
Every entry, and every field, that could not be imported is listed with the reason.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..citations.import_bib import BibTooLarge, import_bib
from ..import_writer import write_sources
from ..load.safe_yaml import YamlProblem, load_yaml
from ..scaffold_schemas import ensure_schema, schema_ref
from . import add_content_arg


def register(sub) -> None:
    p = sub.add_parser(
        "import-bib",
        help="write one source file (content/sources/<key>.yml) per entry of a BibTeX/biblatex file",
        description="Import a .bib file as source files. Existing files are kept unless --force; "
        "a report lists every entry and field that was skipped, and why.",
    )
    p.add_argument("bib", metavar="FILE.bib", help="the BibTeX or biblatex file to import")
    add_content_arg(p)
    p.add_argument("--force", action="store_true", help="overwrite source files that exist already")


def existing_keys(folder: Path) -> dict[str, Path]:
    """Key → file of every readable source file under ``folder``."""
    keys: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        try:
            data = load_yaml(path.read_bytes()).data
        except (OSError, YamlProblem):
            continue  # a broken file is the validator's to report
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            keys.setdefault(data["id"], path)
    return keys


def _shown(path: str | Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def run(args) -> int:
    bib = Path(args.bib)
    if not bib.is_file():
        print(f"alliance-site import-bib: {bib}: no such file", file=sys.stderr)
        return 2
    content = Path(args.content)
    if not content.is_dir():
        print(f"alliance-site import-bib: {content}: no such folder (give the corpus with --content)", file=sys.stderr)
        return 2
    try:
        result = import_bib(bib)
    except UnicodeDecodeError as exc:
        print(f"alliance-site import-bib: {bib}: not UTF-8 text ({exc.reason})", file=sys.stderr)
        return 2
    except BibTooLarge as exc:
        print(f"alliance-site import-bib: {bib}: error: {exc}", file=sys.stderr)
        return 2
    folder = content / "sources"
    actions = write_sources(
        result,
        content,
        force=args.force,
        schema_url=schema_ref(content, "source", folder),
        existing=existing_keys(folder),
    )
    for _, path, action in actions[:1]:
        if not action.startswith("skipped"):
            ensure_schema(content, Path(path))
    counts = {
        name: sum(a.split(",")[0] == name for _, _, a in actions)
        for name in ("written", "overwritten", "skipped: exists")
    }
    entries_skipped = [(key, why) for key, why in result.report if why.startswith(("entry skipped", "block skipped"))]
    notes = [(key, why) for key, why in result.report if (key, why) not in entries_skipped]

    print(
        f"{bib.name}: {len(result.sources)} entr{'y' if len(result.sources) == 1 else 'ies'} read into "
        f"{_shown(folder)}: {counts['written']} written, {counts['overwritten']} overwritten, "
        f"{counts['skipped: exists']} kept (file exists), {len(entries_skipped)} skipped"
    )
    kept = [(key, path) for key, path, action in actions if action == "skipped: exists"]
    if kept:
        print("\nNot written, the file exists (--force overwrites it):")
        for key, path in kept:
            print(f"  {key}: {_shown(path)}")
    replaced = [(key, path, action) for key, path, action in actions if action.startswith("overwritten")]
    if replaced:
        print("\nOverwritten (the fields an editor writes by hand, cited_as and editorial, are kept):")
        for key, path, action in replaced:
            print(f"  {key}: {_shown(path)}" + (f" ({action.split(', ', 1)[1]})" if ", " in action else ""))
    refused = {"skipped: link": "it is a symbolic link", "skipped: unreadable": "it cannot be read to keep its fields"}
    for key, path, action in actions:
        if action in refused:
            print(f"alliance-site import-bib: {_shown(path)}: not written: {refused[action]}", file=sys.stderr)
    if entries_skipped:
        print("\nEntries skipped:")
        for key, why in entries_skipped:
            print(f"  {key}: {why.split(': ', 1)[-1]}")
    if notes:
        print("\nFields not imported:")
        for key, why in notes:
            print(f"  {key}: {why}")
    return 0
