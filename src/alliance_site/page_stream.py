"""Pages handed from the generator's process to MkDocs' one by one, as they are rendered.

``mkdocs build`` runs the generator in a child (:mod:`.apart`). MkDocs needs the list of pages and the
navigation before it reads any page, and reads them one after another before it renders any: so the child
first sends a *head* (the whole :class:`~alliance_site.site.SiteBuild` with each planned page's content
left out), then each page as it is rendered, then an end mark. MkDocs converts the first pages while the
child still renders the others. Messages are pickles, one after another, on a pipe.

:class:`PageReader` receives them on a thread of its own; :meth:`PageReader.content` waits for one page.
A child that stops before the end (it failed, or was killed) makes every wait return None: the caller
then builds in its own process. Free of MkDocs imports.
"""

from __future__ import annotations

import pickle
import threading
from collections.abc import Callable
from typing import IO, Any

__all__ = ["PageReader", "PageWriter"]

_HEAD, _PAGE, _END = "head", "page", "end"


class PageWriter:
    """The child's side: :meth:`head` once, :meth:`page` for each page left out of it, :meth:`end`."""

    def __init__(self, pipe: IO[bytes]):
        self._pipe = pipe
        self.headed = False

    def _send(self, *message: Any) -> None:
        pickle.dump(message, self._pipe, protocol=pickle.HIGHEST_PROTOCOL)

    def head(self, build: Any) -> None:
        """The build with ``content=None`` for every page still to come (sent at once)."""
        self._send(_HEAD, build)
        self._pipe.flush()
        self.headed = True

    def page(self, page: Any) -> None:
        self._send(_PAGE, page.uri, page.content)

    def end(self) -> None:
        self._send(_END)
        self._pipe.flush()


class PageReader:
    """The parent's side, reading ``pipe`` on a thread. ``prepare(uri, content)`` runs on that thread
    for each page as it arrives (work that can be done before MkDocs asks for the page); its result is
    :meth:`prepared`'s."""

    def __init__(self, pipe: IO[bytes], prepare: Callable[[str, str], Any] | None = None):
        self._pipe = pipe
        self._prepare = prepare
        self._lock = threading.Condition()
        self._head: Any = None
        self._contents: dict[str, Any] = {}
        self._prepared: dict[str, Any] = {}
        self._over = False  # the stream ended, well or not
        self.complete = False  # it ended with its end mark
        self._thread = threading.Thread(target=self._read, name="alliance-site-pages", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            while True:
                message = pickle.load(self._pipe)
                if message[0] == _HEAD:
                    with self._lock:
                        self._head = message[1]
                        self._lock.notify_all()
                elif message[0] == _PAGE:
                    _, uri, content = message
                    prepared = self._prepare(uri, content) if self._prepare and isinstance(content, str) else None
                    with self._lock:
                        self._contents[uri] = content
                        self._prepared[uri] = prepared
                        self._lock.notify_all()
                else:
                    with self._lock:
                        self.complete = True
                    return
        except Exception:  # noqa: BLE001 - a child that stopped halfway: every wait now returns None
            return
        finally:
            with self._lock:
                self._over = True
                self._lock.notify_all()
            self._pipe.close()

    def head(self) -> Any:
        """The build as the head gave it, or None if the stream ended before it."""
        with self._lock:
            self._lock.wait_for(lambda: self._head is not None or self._over)
            return self._head

    def content(self, uri: str) -> Any:
        """The content of the page at ``uri``, waiting for it; None if the stream ended without it. Given
        once: the reader keeps no copy after (MkDocs holds the page from then on)."""
        with self._lock:
            self._lock.wait_for(lambda: uri in self._contents or self._over)
            return self._contents.pop(uri, None)

    def prepared(self, uri: str) -> Any:
        """What ``prepare`` made of the page at ``uri`` (None before it arrived, or without ``prepare``)."""
        with self._lock:
            return self._prepared.get(uri)

    def wait(self) -> bool:
        """Wait for the stream to end; whether it ended with its end mark."""
        self._thread.join()
        return self.complete
