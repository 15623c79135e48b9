"""Pages sent from the generator's process one by one (page_stream.py, apart.py's StreamedSite), and a
cold ``mkdocs build`` that converts the first pages while the child renders the others."""

from __future__ import annotations

import os
import threading

from alliance_site.apart import StreamedSite
from alliance_site.page_stream import PageReader, PageWriter
from alliance_site.render.generated import GeneratedPage
from alliance_site.site import SiteBuild, build_site
from support.sitebuild import REPO, mkdocs_build

CONTENT = REPO / "content"


def _pipe():
    read_fd, write_fd = os.pipe()
    return os.fdopen(read_fd, "rb"), os.fdopen(write_fd, "wb")


def test_head_then_pages_in_any_order_then_the_end():
    read, write = _pipe()
    reader = PageReader(read, prepare=lambda uri, text: text.upper())
    pages = [GeneratedPage("b.md", "second"), GeneratedPage("a.md", "first")]
    head = SiteBuild([], pages=[GeneratedPage(p.uri, None) for p in pages])
    release = threading.Event()

    def child():
        writer = PageWriter(write)
        writer.head(head)
        release.wait(5)
        for page in pages:
            writer.page(page)
        writer.end()
        write.close()

    sender = threading.Thread(target=child)
    sender.start()
    assert [p.uri for p in reader.head().pages] == ["b.md", "a.md"]
    assert reader.prepared("a.md") is None  # not arrived yet: asking waits for nothing
    release.set()
    assert reader.content("a.md") == "first" and reader.content("b.md") == "second"
    assert reader.content("a.md") is None  # given once: no copy kept
    assert reader.prepared("a.md") == "FIRST"
    assert reader.wait() is True
    sender.join()


def test_a_stream_cut_short_answers_none_and_says_so():
    read, write = _pipe()
    writer = PageWriter(write)
    writer.head(SiteBuild([], pages=[GeneratedPage("a.md", None), GeneratedPage("b.md", None)]))
    writer.page(GeneratedPage("a.md", "first"))
    write.write(b"\x80\x05 half a pickle")
    write.close()
    reader = PageReader(read)
    assert reader.content("a.md") == "first"
    assert reader.content("b.md") is None
    assert reader.wait() is False


class _Ended:
    exitcode = 1

    def join(self):
        pass


def test_a_child_that_stops_after_its_head_leaves_the_pages_to_this_process():
    whole = build_site(CONTENT)
    assert whole.errors == []
    planned = [p for p in whole.pages if p.uri.endswith(".md")]
    read, write = _pipe()
    writer = PageWriter(write)
    writer.head(SiteBuild([], pages=[GeneratedPage(p.uri, None, p.title, p.in_nav) for p in planned]))
    writer.page(planned[0])
    write.close()  # the child died here
    streamed = StreamedSite(PageReader(read), _Ended(), lambda: build_site(CONTENT))
    assert streamed.content(planned[0].uri) == planned[0].content and not streamed.fell_back
    assert [streamed.content(p.uri) for p in planned] == [p.content for p in planned]
    assert streamed.fell_back
    streamed.close()


def test_a_cold_mkdocs_build_receives_its_pages_from_the_child(tmp_path):
    """In a process of its own (one thread: the fork is safe), the pages come streamed, not rebuilt."""
    site = tmp_path / "site"
    result = mkdocs_build(REPO, site, "-v", env={"ALLIANCE_SITE_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert "generated pages: this process received them as they were rendered" in log
    assert (site / "chapters").is_dir()
