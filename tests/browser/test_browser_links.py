"""LinkChecker over the served site: every internal link and every #anchor resolves (external links
are not followed: nothing leaves this machine)."""

from __future__ import annotations

import pytest
from harness import LinkCheck, link_problems, serve

pytestmark = pytest.mark.browser


def test_no_broken_links_or_anchors(linkcheck):
    code, rows, stderr = linkcheck.result()
    assert len(rows) > 300, f"LinkChecker checked only {len(rows)} URLs\n{stderr[-2000:]}"
    assert any("#p-" in row["url"] for row in rows), "anchors were not checked"
    problems = link_problems(rows)
    assert not problems, "\n".join(problems)
    assert code == 0, stderr[-2000:]


def test_linkchecker_reports_a_missing_page_and_a_missing_anchor(tmp_path):
    """The settings in linkcheckerrc catch both kinds of broken link (anchors are only warnings to
    LinkChecker; the test above fails on any warning)."""
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text(
        '<!doctype html><title>a</title><p id="here"><a href="b/#there">ok</a> <a href="b/#nowhere">anchor</a>'
        ' <a href="#here">self</a> <a href="missing/">page</a></p>',
        "utf-8",
    )
    (site / "b" / "index.html").write_text('<!doctype html><title>b</title><p id="there">b</p>', "utf-8")
    server, url = serve(site)
    check = LinkCheck(url, tmp_path / "report.csv")
    try:
        code, rows, _ = check.result(timeout=120)
    finally:
        check.stop()
        server.shutdown()
        server.server_close()
    problems = link_problems(rows)
    assert code == 1
    assert any("b/#nowhere" in p for p in problems), problems
    assert any("missing/" in p for p in problems), problems
    assert len(problems) == 2, problems
