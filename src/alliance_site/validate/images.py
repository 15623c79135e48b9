"""A figure's image file: a path inside content/, naming an existing file of an image type that does
not link out of content/, and, for SVG, with nothing in it that could run. The image is published on
the site's own origin, so a file that runs when opened would run as the site."""

from __future__ import annotations

import re
from pathlib import Path

from .report import Report

__all__ = ["IMAGE_SUFFIXES", "check_image"]

#: Image files a figure may show: raster formats and SVG (checked for anything active).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SVG_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_SVG_ACTIVE_VALUE = re.compile(r"(?:java|vb)script:|data:(?!image/)", re.IGNORECASE)


#: The first bytes of each raster format: a file whose bytes are another format (or text) shows no image.
_SIGNATURES = {
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".gif": ("GIF", (b"GIF87a", b"GIF89a")),
}


def _format_problem(rel: str, raw: bytes) -> str | None:
    """Why the bytes of ``rel`` are not the format its name says, or None."""
    suffix = Path(rel).suffix.lower()
    if suffix == ".webp":
        return None if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP" else "is not a WebP image"
    if suffix == ".avif":
        return None if raw[4:12] in (b"ftypavif", b"ftypavis") else "is not an AVIF image"
    name, signatures = _SIGNATURES.get(suffix, ("", ()))
    if signatures and not raw.startswith(signatures):
        return f"is not a {name} image: its bytes are another format, or text"
    return None


def _svg_problem(raw: bytes) -> str | None:
    """Why an SVG file could run something when opened on its own (scripts, event handlers, script
    URLs, embedded documents), or None. The file is parsed without loading DTDs or entities."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed SVG ({exc})"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        if name.lower() in _SVG_ACTIVE_ELEMENTS:
            return f"contains a <{name}> element"
        for attr, value in el.attrib.items():
            local = etree.QName(attr).localname
            if local.lower().startswith("on"):
                return f"has an event handler attribute ({local}=) on <{name}>"
            if _SVG_ACTIVE_VALUE.search("".join(value.split())):
                return f"has a script or data URL in {local}= on <{name}>"
        if name.lower() == "style" and el.text and _SVG_ACTIVE_VALUE.search("".join(el.text.split())):
            return "has a script or data URL in its <style>"
    return None


def check_image(doc, rel: str, content_dir: Path, report: Report) -> None:
    """The image of figure ``doc``, given as ``rel``, a path relative to ``content_dir``; the first
    thing wrong with it is reported, at the path."""
    where = doc.where(("image", "path"))
    hint = "give the path of an image file under content/, relative to it, e.g. images/figure-1.png"
    parts = rel.replace("\\", "/").split("/")
    if _SCHEME.match(rel):
        report.add(doc, where, "error", f"image path {rel!r} is a URL, not a file", hint)
        return
    if (
        rel.startswith(("/", "\\"))
        or "\\" in rel
        or ".." in parts
        or any(c in rel for c in "#?%")
        or any(ord(c) < 32 for c in rel)
    ):
        report.add(doc, where, "error", f"image path {rel!r} does not name a file inside content/", hint)
        return
    if not rel.lower().endswith(IMAGE_SUFFIXES):
        report.add(
            doc,
            where,
            "error",
            f"image file {rel!r} is not an image",
            "use a " + ", ".join(s.lstrip(".").upper() for s in IMAGE_SUFFIXES) + " file",
        )
        return
    path = content_dir / rel
    if not path.is_file():
        report.add(
            doc,
            where,
            "error",
            f"image file {rel!r} does not exist",
            "put the file under content/, or correct the path: it is relative to content/",
        )
        return
    try:
        path.resolve().relative_to(content_dir.resolve())
    except ValueError:
        report.add(
            doc,
            where,
            "error",
            f"image file {rel!r} links to a file outside content/",
            "copy the image into content/ instead of linking to it",
        )
        return
    wrong_format = _format_problem(rel, path.read_bytes()[:16]) if not rel.lower().endswith(".svg") else None
    if wrong_format:
        report.add(
            doc,
            where,
            "error",
            f"image file {rel!r} {wrong_format}",
            "export the image again in the format its name says, or rename it to its real format",
        )
        return
    if rel.lower().endswith(".svg"):
        problem = _svg_problem(path.read_bytes())
        if problem:
            report.add(
                doc,
                where,
                "error",
                f"image file {rel!r} {problem}",
                "export the drawing again as a plain SVG (or PNG): the site publishes it on its own origin, "
                "where anything active in it would run",
            )
