"""What ``alliance-site new`` would write, planned before anything is: the target file, its text and
the new id of an entry (source, event, table, figure) or of a paragraph inserted into a chapter, from
flag values (asked for in a terminal when required and missing). Refuses an overwrite, a taken id or
an unreadable chapter."""

from __future__ import annotations

from pathlib import Path

from .. import outline, scaffold
from ..load.discover import KINDS
from ..load.safe_yaml import YamlProblem, load_yaml
from ..scaffold_insert import insert_paragraph
from ..scaffold_schemas import schema_ref
from ..validate.unique_ids import MAX_PAGE_NAME
from ._trial import shown

__all__ = ["FOLDERS", "MissingValue", "Refused", "Values", "plan_file", "plan_paragraph"]

FOLDERS = {kind: folder for folder, kind in KINDS.items() if folder not in ("corpus", "glossary")}


class Refused(Exception):
    """The entry would overwrite something or break the corpus: exit 1, nothing written."""


class MissingValue(Exception):
    """A required value was not given and there is no terminal to ask in: exit 2."""


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


class Values:
    """Flag values, asking in a terminal for a required one that is missing."""

    def __init__(self, args, ask):
        self.args, self.ask = args, ask

    def get(self, name: str, required: bool = False, prompt: str = ""):
        value = getattr(self.args, name.replace("-", "_"), None)
        if value not in (None, "", []) or not required:
            return value
        if self.ask is None:
            raise MissingValue(
                f"missing --{name} (required for a new {self.args.kind}; run in a terminal to be asked for it)"
            )
        while True:
            answer = self.ask(f"{prompt or name}: ")
            if answer is None:
                raise MissingValue(f"no value for --{name}")
            if answer.strip():
                return [answer.strip()] if isinstance(value, list) else answer.strip()


def _existing(content: Path, kind: str) -> dict[str, Path]:
    """id → file of every readable entry of ``kind``, and file stem → file (a name is taken either way)."""
    taken: dict[str, Path] = {}
    for path in sorted((content / FOLDERS[kind]).glob("*.y*ml")):
        taken.setdefault(path.stem, path)
        try:
            data = load_yaml(path.read_bytes()).data
        except (OSError, YamlProblem):
            continue  # a broken file is the validator's to report
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            taken[data["id"]] = path
    return taken


def _schema_ref(content: Path, kind: str, target: Path) -> str:
    """The schema path of the header line: the one sibling files use, else the corpus's own schema."""
    return schema_ref(content, kind, target.parent)


def plan_file(content: Path, args, v: Values) -> tuple[Path, str, str]:
    """(target file, its text, the new id) of a source, event, table or figure."""
    kind = args.kind
    taken = _existing(content, kind)
    key_flag = "key" if kind == "source" else "id"
    ident = v.get(key_flag)
    if kind == "source":
        fields = {
            "type": v.get("type", True, "type (book, article-journal, report, webpage, document, …)"),
            "author": [scaffold.parse_name(a) for a in args.author],
            "issued": scaffold.coerce_date(args.issued) if args.issued else None,
            "title": args.title,
        }
        if not ident and v.ask and not (fields["author"] and fields["issued"]):
            fields["author"] = fields["author"] or [
                scaffold.parse_name(a) for a in v.get("author", True, "author ('Family, Given')")
            ]
            fields["issued"] = fields["issued"] or scaffold.coerce_date(v.get("issued", True, "issued (year)"))
        ident = ident or scaffold.source_key(fields["author"], fields["issued"], args.title, taken)
        if not ident and v.ask is None:
            raise MissingValue("missing --key (or --author and --issued, to derive it as family name + year)")
        ident = ident or v.get(key_flag, True, "key (no author and year to derive one from)")
        cited = [c for c in args.cited_as if c.strip()]
        data = scaffold.compact(
            id=ident,
            **fields,
            container__title=args.container_title,
            publisher=args.publisher,
            URL=args.url,
            cited_as=cited[0] if len(cited) == 1 else cited,
        )
    elif kind == "event":
        date, title = v.get("date", True, "date (YYYY, YYYY-MM or YYYY-MM-DD)"), v.get("title", True)
        ident = ident or scaffold.event_id(title, date, taken)
        data = scaffold.compact(
            id=ident,
            date=date,
            date_as_written=args.date_as_written,
            title=title,
            language=args.language,
            era=args.era,
            actors=_split(args.actor),
            sources=_split(args.source),
            paragraphs=_split(args.paragraph),
            tables=_split(args.table),
            figures=_split(args.figure),
        )
    elif kind == "table":
        caption = v.get("caption", True)
        columns = scaffold.parse_pairs(v.get("columns", True, "columns (ID:LABEL,ID:LABEL)"), "column")
        rows = scaffold.parse_pairs(args.rows, "row") or [("row-1", "Row 1")]
        ident = ident or scaffold.caption_id(caption, taken)
        data = scaffold.table_entry(
            ident,
            caption,
            columns,
            rows,
            number=args.number,
            caption_by=args.caption_by,
            sources=_split(args.source),
            unit=args.unit,
        )
    else:
        caption = v.get("caption", True)
        if args.image and not args.alt:
            raise MissingValue("--image needs --alt: describe the image for readers who cannot see it")
        ident = ident or scaffold.caption_id(caption, taken)
        data = scaffold.compact(
            id=ident,
            number=args.number,
            caption=caption,
            sources=_split(args.source),
            source_line=args.source_line,
            url=args.url,
            data_table=args.data_table,
            image={"path": args.image, "alt": args.alt} if args.image else None,
        )
    name_ok = all(c.isalnum() and c.isascii() or c in "-_." for c in ident) and not ident.startswith(".")
    if not name_ok:
        raise Refused(f"{key_flag} {ident!r} cannot be a file name: use letters, digits, '-', '_' and '.'")
    if len(ident) > MAX_PAGE_NAME:
        raise Refused(f"{key_flag} is {len(ident)} characters long: its page needs at most {MAX_PAGE_NAME}")
    target = content / FOLDERS[kind] / f"{ident}.yml"
    if target.is_symlink():
        raise Refused(
            f"{shown(content, target)} is a symbolic link; replace it with a file or choose another --{key_flag}"
        )
    if target.exists() and not args.force:
        raise Refused(
            f"{shown(content, target)} already exists; use --force to overwrite it, or choose another --{key_flag}"
        )
    other = taken.get(ident)
    if other is not None and other.stem != ident:
        raise Refused(f"{kind} id {ident!r} is already used by {shown(content, other)} (ids are permalinks)")
    return target, scaffold.entry_yaml(data, _schema_ref(content, kind, target)), ident


def plan_paragraph(content: Path, args, v: Values) -> tuple[Path, str, str, int]:
    chapter = v.get("chapter", True, "chapter id")
    text = v.get("text", True, "text (the paragraph, verbatim)")
    files = sorted((content / "chapters").glob("*.y*ml"))
    taken: set[str] = set()
    target = None
    for path in files:
        try:
            data = load_yaml(path.read_bytes()).data
        except (OSError, YamlProblem):
            data = None
        if not isinstance(data, dict):
            if path.stem == chapter:
                raise Refused(f"{shown(content, path)} cannot be read; run 'alliance-site validate' and fix it first")
            continue
        if data.get("id") == chapter or (target is None and path.stem == chapter):
            target = path
        # Paragraph and section ids share one namespace of anchors and permalinks across the corpus.
        taken.update(item.data["id"] for item in outline.walk(data) if isinstance(item.data.get("id"), str))
    if target is None:
        raise Refused(f"no chapter {chapter!r} under {shown(content, content / 'chapters')}")
    ident = args.id or scaffold.paragraph_id(text, taken)
    if ident in taken:
        raise Refused(f"paragraph id {ident!r} is already used (ids are permalinks: choose another --id)")
    translations = {}
    for given in args.translation:
        lang, sep, translated = given.partition("=")
        if not sep or not lang.strip() or not translated.strip():
            raise Refused(f"--translation {given!r} is not LANG=TEXT (e.g. 'en=The war began …')")
        translations[lang.strip()] = {"text": translated.strip()}
    block = scaffold.compact(id=ident, text=text, page=args.page, translations=translations or None)
    old = target.read_bytes().decode("utf-8")
    new, line = insert_paragraph(old, block, after=args.after, section=args.section)
    return target, new, ident, line
