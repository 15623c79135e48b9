"""Deterministic builds: the same content gives the same bytes, whatever the checkout path, the hash seed,
the time zone or the locale, once SOURCE_DATE_EPOCH fixes the build date (the sitemap's <lastmod>, the
only date a build writes).

Each project is copied (mkdocs.yml, docs/, content/, templates/) into two unrelated folders of different
depth and built there with `mkdocs build --strict`; every file of the two site trees is compared byte for
byte, the sitemap with its gzip copy included (a site_url is set, so that the sitemap lists every page).
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from alliance_site.site import build_site
from support.sitebuild import REPO, mkdocs_build

EPOCH = "1764028800"  # 2025-11-25


def _checkout(source: Path, dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("docs", "content", "templates"):
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name)
    text = (source / "mkdocs.yml").read_text("utf-8")
    if "site_url:" not in text:
        text += "\nsite_url: https://example.org/alliance/\n"
    (dest / "mkdocs.yml").write_text(text, "utf-8")
    if not (dest / "docs").is_dir():
        (dest / "docs").mkdir()
    return dest


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _build_all(jobs):
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: mkdocs_build(job[0], job[0] / "site", env=job[1]), jobs))
    for (project, _), result in zip(jobs, results, strict=True):
        assert result.returncode == 0, f"{project}: {result.stdout}{result.stderr}"
    return [_tree(project / "site") for project, _ in jobs]


def _differences(one: dict[str, bytes], two: dict[str, bytes]) -> list[str]:
    return sorted(set(one) ^ set(two)) + sorted(name for name in set(one) & set(two) if one[name] != two[name])


@pytest.mark.parametrize("project", ["real corpus", "hostile fixture"])
def test_two_checkouts_build_byte_identical_sites(tmp_path, project):
    source = REPO if project == "real corpus" else REPO / "tests" / "roots" / "hostile"
    first = _checkout(source, tmp_path / "a")
    second = _checkout(source, tmp_path / "elsewhere" / "a much longer checkout path" / "alliance-site")
    one, two = _build_all(
        [
            (first, {"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}),
            (second, {"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}),
        ]
    )
    assert "sitemap.xml" in one and "sitemap.xml.gz" in one and b"<lastmod>2025-11-25</lastmod>" in one["sitemap.xml"]
    assert b"<loc>https://example.org/alliance/bibliography/" in one["sitemap.xml"] or project != "real corpus"
    assert len(one) > 50
    assert _differences(one, two) == []


def test_the_build_date_is_in_the_sitemap_only(tmp_path):
    """Another SOURCE_DATE_EPOCH changes the sitemap (and its gzip copy), and nothing else."""
    first = _checkout(REPO / "tests" / "roots" / "minimal", tmp_path / "a")
    second = _checkout(REPO / "tests" / "roots" / "minimal", tmp_path / "b")
    one, two = _build_all([(first, {"SOURCE_DATE_EPOCH": EPOCH}), (second, {"SOURCE_DATE_EPOCH": "946684800"})])
    assert _differences(one, two) == ["sitemap.xml", "sitemap.xml.gz"]


def test_generated_pages_do_not_depend_on_the_content_path(tmp_path):
    """The generator phase alone (as `alliance-site render` runs it): same pages, same bytes, same order."""
    a = tmp_path / "a" / "content"
    b = tmp_path / "b" / "c" / "d" / "content"
    shutil.copytree(REPO / "content", a)
    shutil.copytree(REPO / "content", b)
    one, two = build_site(a), build_site(b)
    assert one.errors == [] and two.errors == []
    assert [(p.uri, p.content) for p in one.pages] == [(p.uri, p.content) for p in two.pages]
