"""The command line of ``alliance-site new``: one subcommand per kind of entry, and its flags."""

from __future__ import annotations

from . import add_content_arg

__all__ = ["register"]


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
    e.add_argument(
        "--language",
        help="the language the title is written in (BCP 47, e.g. en), when it is not the corpus's own",
    )
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
