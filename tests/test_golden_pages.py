"""Golden files of the generated site: each fixture corpus under tests/roots/<root>/content is rendered
by the generator phase alone, and every page and download must equal tests/roots/<root>/expected/<uri>,
byte for byte, with no page missing and none extra. UPDATE_GOLDEN=1 rewrites the expected tree (then
review the diff: it is the change a reader of the site would see).

The packaged assets (CSS, JS) and copied images are left out: they are not generated from the corpus; so
are the published JSON Schemas (``schemas/``), which must be the shipped files themselves, byte for byte,
not golden copies of them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from alliance_site.site import build_site

ROOTS = Path(__file__).parent / "roots"
GOLDEN_ROOTS = ["minimal", "citations-thesis"]


def _generated(root: str) -> dict[str, str]:
    build = build_site(ROOTS / root / "content")
    assert build.errors == [], [p.format() for p in build.errors]
    return {
        page.uri: page.content
        for page in build.pages
        if isinstance(page.content, str) and not page.uri.startswith(("assets/", "schemas/"))
    }


@pytest.mark.parametrize("root", GOLDEN_ROOTS)
def test_generated_pages_equal_the_expected_files(root, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = _generated(root)
    expected_dir = ROOTS / root / "expected"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for uri, text in pages.items():
            target = expected_dir / uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
    expected = {
        path.relative_to(expected_dir).as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted(expected_dir.rglob("*"))
        if path.is_file()
    }
    assert expected, f"no expected files under {expected_dir}; run with UPDATE_GOLDEN=1 and review them"
    assert sorted(pages) == sorted(expected), "pages added or missing against the expected tree"
    for uri in sorted(pages):
        assert pages[uri] == expected[uri], f"{root}: {uri} differs from expected/{uri}"


def test_published_schemas_are_the_shipped_files():
    shipped = Path(__file__).resolve().parents[1] / "src" / "alliance_site" / "schemas"
    build = build_site(ROOTS / "minimal" / "content")
    published = {p.uri: p.content for p in build.pages if p.uri.startswith("schemas/")}
    assert published == {f"schemas/{f.name}": f.read_text("utf-8") for f in sorted(shipped.glob("*.schema.json"))}
