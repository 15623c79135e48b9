"""``alliance-site new source|event|table|figure|paragraph``: scaffold a valid entry, and refuse to overwrite.

Values come from flags; in a terminal the command asks for a required one that
is missing. The id follows the corpus's convention (see :mod:`alliance_site.scaffold`).
Nothing is written unless the whole corpus, with the new entry, still validates:
the change is tried on a shadow copy of ``content/`` first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import outline, scaffold
from ..errors import format_problems
from ..load.discover import KINDS
from ..load.safe_yaml import YamlProblem, load_yaml
from ..scaffold import ScaffoldError
from ..scaffold_insert import insert_paragraph
from ..scaffold_schemas import ensure_schema, schema_ref
from ..validate.unique_ids import MAX_PAGE_NAME
from . import add_content_arg
from ._trial import new_problems, shown, write_atomic

FOLDERS = {kind: folder for folder, kind in KINDS.items() if folder not in ("corpus", "glossary")}
_HEADER = "# yaml-language-server: $schema="


class Refused(Exception):
    """The entry would overwrite something or break the corpus: exit 1, nothing written."""


class MissingValue(Exception):
    """A required value was not given and there is no terminal to ask in: exit 2."""


def _list(p, flag, help):
    p.add_argument(flag, action="append", default=[], help=help + " (repeat, or separate with commas)")


def register(sub) -> None:
    p = sub.add_parser("new", help="scaffold a valid source, event, table, figure or paragraph")
    kinds = p.add_subparsers(dest="kind", required=True, metavar="KIND")

    def kind(name, help, file=True):
        k = kinds.add_parser(name, help=help)
        add_content_arg(k)
        if file:
            k.add_argument("--force", action="store_true", help="overwrite an existing file of the same name")
        return k

    s = kind("source", "a source (content/sources/<key>.yml)")
    s.add_argument("--key", help="citation key (default: family name + year, e.g. kim2019; a, b, … on a collision)")
    s.add_argument("--type", help="CSL type: book, article-journal, report, webpage, document, …")
    _list(s, "--author", "'Family, Given', 'Family', or an institution's name")
    s.add_argument("--issued", help="date of publication: YYYY, YYYY-MM or YYYY-MM-DD")
    s.add_argument("--title")
    s.add_argument("--container-title", help="journal, newspaper or book the work appears in")
    s.add_argument("--publisher")
    s.add_argument("--url")
    s.add_argument("--cited-as", action="append", default=[], help="how the text writes the citation, e.g. 'Kim, 2019'")

    e = kind("event", "a timeline event (content/events/<id>.yml)")
    e.add_argument("--id", help="default: first words of the title + year, e.g. invasion-1950")
    e.add_argument("--date", help="YYYY, YYYY-MM, YYYY-MM-DD or START/END")
    e.add_argument("--date-as-written", help="the date exactly as the text writes it")
    e.add_argument("--title")
    e.add_argument("--era")
    for flag, what in (
        ("--actor", "who acts"),
        ("--paragraph", "paragraph id that tells it"),
        ("--source", "citation key"),
        ("--table", "table id"),
        ("--figure", "figure id"),
    ):
        _list(e, flag, what)

    t = kind("table", "a data table (content/tables/<id>.yml)")
    t.add_argument("--id", help="default: first words of the caption")
    t.add_argument("--caption")
    t.add_argument("--number", help="as printed, e.g. 'Tabel 1.1'")
    t.add_argument("--caption-by", choices=("original", "editors"))
    _list(t, "--columns", "columns as ID:LABEL, e.g. a:North,b:South")
    _list(t, "--rows", "rows as ID:LABEL (default: one row, row-1)")
    t.add_argument("--unit", help="unit of every row's values: persons, percent, USD, …")
    _list(t, "--source", "citation key")

    f = kind("figure", "a figure (content/figures/<id>.yml)")
    f.add_argument("--id", help="default: first words of the caption")
    f.add_argument("--caption")
    f.add_argument("--number", help="as printed, e.g. 'Gambar 1.2'")
    f.add_argument("--image", help="image file, relative to content/")
    f.add_argument("--alt", help="text alternative of the image (required with --image)")
    f.add_argument("--data-table", help="id of the table holding the figure's data")
    f.add_argument("--url")
    f.add_argument("--source-line", help="the source line as printed under the figure")
    _list(f, "--source", "citation key")

    g = kind(
        "paragraph", "a paragraph, inserted into a chapter file (the rest of the file is kept as it is)", file=False
    )
    g.add_argument("--chapter", help="chapter id (or file name under content/chapters/)")
    g.add_argument("--text", help="the paragraph, verbatim")
    g.add_argument("--after", help="id of the paragraph the new one follows")
    g.add_argument("--section", help="section id or printed number ('a' for 'A.'); without --after, appends to it")
    g.add_argument("--id", help="default: 'p-' + first 3 meaningful words of the text")
    g.add_argument("--page", type=int, help="page of the original on which the paragraph begins")
    g.add_argument(
        "--translation",
        action="append",
        default=[],
        metavar="LANG=TEXT",
        help="the paragraph in a language corpus.yml declares, e.g. 'en=The war began …' (repeat per language)",
    )


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


class _Values:
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


def _terminal_ask(prompt: str) -> str | None:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    return line.rstrip("\n") if line else None


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


def _plan_file(content: Path, args, v: _Values) -> tuple[Path, str, str]:
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


def _plan_paragraph(content: Path, args, v: _Values) -> tuple[Path, str, str, int]:
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


def run(args, ask=None) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"error: content folder {content} does not exist (set it with --content)", file=sys.stderr)
        return 1
    if ask is None and sys.stdin is not None and sys.stdin.isatty():
        ask = _terminal_ask
    values = _Values(args, ask)
    try:
        if args.kind == "paragraph":
            target, text, ident, line = _plan_paragraph(content, args, values)
        else:
            (target, text, ident), line = _plan_file(content, args, values), 1
        errors, warnings = new_problems(content, target, text)
    except MissingValue as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (Refused, ScaffoldError) as exc:
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    if errors:
        print(format_problems(errors), file=sys.stderr)
        print(f"error: the new {args.kind} would make the corpus invalid; nothing was written", file=sys.stderr)
        return 1
    write_atomic(target, text)
    if args.kind != "paragraph":  # a new file: its schema line must resolve
        ensure_schema(content, target)
    if warnings:
        print(format_problems(warnings), file=sys.stderr)
    print(f"{shown(content, target)}:{line}: new {args.kind} {ident}")
    return 0
