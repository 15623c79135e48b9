"""End to end: `mkdocs build --strict` of the broken fixture projects stops with the place of the
defect and a message that says what to fix, without a traceback and without writing anything.

Each tests/roots/broken-* project is tests/roots/minimal with one defect.
"""

from __future__ import annotations

import pytest

from support.sitebuild import REPO, mkdocs_build

ROOTS = REPO / "tests" / "roots"

BROKEN = [
    (
        "broken-unknown-key",
        "content/chapters/one.yml:7:63: error: unknown citation key 'doe2091' (did you mean 'doe2019'?)",
    ),
    (
        "broken-duplicate-id",
        (
            "content/sources/smith2020b.yml:2:5: error: duplicate source id 'smith2020'"
            ": in content/sources/smith2020.yml:2:5 and in content/sources/smith2020b.yml"
        ),
    ),
    (
        "broken-bad-date",
        "content/events/war.yml:3:7: error: bad date '1950-13-45': month 13 is not 01-12",
    ),
]


def snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_broken_root_is_tested():
    assert sorted(p.name for p in ROOTS.iterdir() if p.name.startswith("broken")) == sorted(b[0] for b in BROKEN)


@pytest.mark.parametrize(("root", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_build_stops_with_the_place_of_the_defect(root, expected, tmp_path):
    project = ROOTS / root
    before = snapshot(project)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert expected in output
    assert output.count(": error: ") == 1, output  # this defect alone, not a cascade
    assert "Traceback" not in output
    assert not site.exists(), "a page was written"
    assert list(tmp_path.iterdir()) == [], "something was written next to the site"
    assert snapshot(project) == before, "the build wrote into the project"


def test_the_broken_roots_differ_from_minimal_by_one_defect():
    minimal = snapshot(ROOTS / "minimal")
    for root, _ in BROKEN:
        broken = snapshot(ROOTS / root)
        changed = sorted(
            name
            for name in minimal.keys() | broken.keys()
            if minimal.get(name) != broken.get(name) and name.startswith("content/")
        )
        assert len(changed) == 1, (root, changed)
