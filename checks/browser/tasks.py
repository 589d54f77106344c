"""The browser check's shared state: the pages still to visit, the tasks found on the way
(what depends only on the theme or the headers), and the results the workers share.

A shared result is computed once: the first worker to :meth:`Tasks.claim` it computes it (or
the cache gives it), and every page that needs it reads it when findings are made.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.browser import theme
from checks.browser.cache import Cache
from checks.browser.serve import Server
from checks.core import Options

Fact = dict[str, Any]
Task = tuple[str, Any]


@dataclass
class Visited:
    """What one page's visit left for its findings."""

    raw: Fact
    files: set[str]
    theme: str
    frame: str
    shots: dict[str, str]


class Tasks:
    """One site check: the pages still to visit, the shared tasks found on the way, and the
    results the workers share."""

    def __init__(self, site: Path, server: Server, cache: Cache, options: Options,
                 pages: list[Path]) -> None:
        self.site, self.server, self.cache, self.options = site, server, cache, options
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.pages: deque[Path] = deque(pages)
        self.left = len(pages)
        self.tasks: deque[Task] = deque()
        self.shared: dict[str, tuple[Any, set[str]]] = {}
        self.visited: dict[Path, Visited] = {}
        self.axe: tuple[str, list[str]] | None = None
        self.stopped = False
        #: A page of each theme, where the shared worker tries what no page visit did.
        self.themes: dict[str, str] = {}

    def next_page(self) -> Path | None:
        """The next page to visit, or None."""
        with self.lock:
            return self.pages.popleft() if self.pages and not self.stopped else None

    def page_done(self) -> None:
        with self.changed:
            self.left -= 1
            self.changed.notify_all()

    def next_task(self) -> Task | None:
        """The next shared task; None once every page is visited and no task is left, or
        when waiting has nothing to show for a while and a way of leaving is untried."""
        with self.changed:
            while not self.tasks and self.left and not self.stopped:
                if not self.changed.wait(0.5) and self._untried():
                    return None
            return self.tasks.popleft() if self.tasks and not self.stopped else None

    def _untried(self) -> list[tuple[str, str]]:
        return [(f"{name}:{how}", url) for name, url in self.themes.items()
                for how in (*theme.WAYS, "forced") if f"{name}:{how}" not in self.shared]

    def untried(self) -> Task | None:
        """A way of leaving (or the forced colours) of a known theme that no one has tried,
        claimed for the caller; None when there is none, or when the run has stopped."""
        with self.lock:
            candidates = [] if self.stopped else self._untried()
        for name, url in candidates:
            if self.claim(name):
                return "way", (name, url)
        return None

    def stop(self) -> None:
        """Stop every worker (one has failed)."""
        with self.changed:
            self.stopped = True
            self.changed.notify_all()

    def claim(self, name: str) -> bool:
        """Whether the caller is the one to compute a shared result: no one has, or is, and
        the cache does not hold it."""
        with self.lock:
            if name in self.shared:
                return False
            stored = self.cache.load(name)
            if isinstance(stored, dict) and {"value", "files"} <= stored.keys():
                self.shared[name] = (stored["value"], set(stored["files"]))
                return False
            self.shared[name] = (None, set())
            return True

    def share(self, name: str, task: Task) -> None:
        """Queue a shared task for the shared worker, once."""
        if self.claim(name):
            with self.changed:
                self.tasks.append(task)
                self.changed.notify_all()

    def result(self, name: str) -> tuple[Any, set[str]]:
        """A shared result and the files it depends on (None if there is none)."""
        with self.lock:
            return self.shared.get(name, (None, set()))

    def keep(self, name: str, value: Any, files: set[str]) -> None:
        """Record a shared result (and cache it with the files it depends on)."""
        self.cache.store(name, {"value": value, "files": sorted(files)}, files)
        with self.lock:
            self.shared[name] = (value, files)

    def files_of(self, urls: list[str]) -> set[str]:
        """The site files behind some served URLs."""
        return {rel for url in urls if (rel := self.cache.site_file(url, self.server.base))}


def parts(seen: Visited) -> list[str]:
    """The names of the shared results a page's findings read."""
    if not seen.theme:
        return [seen.frame] if seen.frame else []
    ways = [f"{seen.theme}:{how}" for how in (*theme.WAYS, "forced")]
    return [seen.theme, *ways, *([seen.frame] if seen.frame else [])]


def shared_facts(run: Tasks, seen: Visited) -> tuple[Fact | None, bool | None]:
    """The theme's behaviour (one dict) and whether the page could be framed."""
    framed = run.result(seen.frame)[0] if seen.frame else None
    if not seen.theme:
        return None, framed
    behaviour = dict(run.result(seen.theme)[0] or {})
    behaviour["exits"] = {how: bool(run.result(f"{seen.theme}:{how}")[0])
                          for how in theme.WAYS}
    behaviour["forced"] = run.result(f"{seen.theme}:forced")[0]
    return behaviour, framed


def shared_files(run: Tasks, seen: Visited) -> set[str]:
    return {rel for name in parts(seen) for rel in run.result(name)[1]}
