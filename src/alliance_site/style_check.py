"""The ``csl_style`` option of ``mkdocs.yml``, checked before the citation engine sees it: a missing
file, a file that is not XML or not a CSL style gets one message naming the option, the file and the
fix, never a traceback from inside the engine. Free of MkDocs."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

__all__ = ["StyleProblem", "check_style"]

_CSL = "{http://purl.org/net/xbiblio/csl}style"
_MAX_BYTES = 5_000_000  # the largest styles in the CSL repository are some hundred kilobytes


class StyleProblem(Exception):
    """The style file named by ``csl_style`` cannot be used; ``str()`` is the whole message."""


def check_style(root: Path, style: str | None) -> str | None:
    """The absolute path of the style ``style`` (relative to ``root``, the folder of mkdocs.yml), or
    None when no style is set. Raises :class:`StyleProblem` if it cannot be a CSL style."""
    if not style:
        return None
    path = Path(root) / style
    option = f"mkdocs.yml: error: plugins.alliance-site.csl_style: {style!r}"
    if not path.is_file():
        raise StyleProblem(
            f"{option} {'is a folder, not a file' if path.is_dir() else 'does not exist'} "
            "(give the path of a .csl file, relative to mkdocs.yml, or remove the option for the default style)"
        )
    if path.stat().st_size > _MAX_BYTES:
        raise StyleProblem(f"{option} is larger than {_MAX_BYTES:,} bytes (a CSL style is a small XML file)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (1, 1)
        raise StyleProblem(
            f"{style}:{line}:{column}: error: the style named by csl_style in mkdocs.yml is not XML: {exc.msg} "
            "(download the .csl file again, e.g. from the Zotero style repository)"
        ) from None
    except OSError as exc:
        raise StyleProblem(f"{option} cannot be read: {exc} (check its permissions)") from None
    if tree.getroot().tag != _CSL:
        raise StyleProblem(
            f"{option} is XML but not a CSL style (its root element is <{etree.QName(tree.getroot()).localname}>, "
            "not <style> of the CSL namespace)"
        )
    return str(path)
