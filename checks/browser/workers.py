"""The browser check's workers: page visitors, each with a tab of its own in one fast
browser, and one worker for the shared tasks in a browser with Chromium's defaults.

A visit also tries, on the page it still shows, the forced colours and one way of leaving
that no page of the same theme has tried: each costs no load of its own that way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from checks.browser import axe as axe_rules
from checks.browser import theme
from checks.browser.cdp import Chromium, Page
from checks.browser.chrome import _WATCH_STORAGE, axe_script
from checks.browser.facts import page_facts, theme_facts
from checks.browser.findings import screenshots
from checks.browser.tasks import Tasks, Visited
from checks.browser.visit import DESKTOP, EMULATIONS, Emulation, prepare, visit

Fact = dict[str, Any]
#: Flags that keep every tab as fast as a visible one and stop the browser's own background
#: services; none changes what a page does.
FAST = ("--disable-renderer-backgrounding", "--disable-background-timer-throttling",
        "--disable-backgrounding-occluded-windows", "--disable-ipc-flooding-protection",
        "--disable-client-side-phishing-detection", "--disable-hang-monitor",
        "--disable-breakpad", "--disable-domain-reliability", "--no-service-autorun",
        "--metrics-recording-only", "--password-store=basic",
        # The display compositor on a thread of the browser instead of a process of its
        # own: the same drawing, without a hop between processes for every frame.
        "--in-process-gpu")
#: Headless Chromium still gives every window an address bar whose suggestion popups are
#: pages of their own (two renderers per window, redrawn with each navigation): no page
#: sees them.
_NO_BROWSER_UI = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup")


def features_off(*names: str) -> str:
    """The one ``--disable-features`` flag (Chromium reads only the last one given)."""
    return "--disable-features=" + ",".join(names)


#: For the shared tasks: Chromium's defaults, the back/forward cache included.
SHARED = (*FAST, features_off(*_NO_BROWSER_UI))
#: For the page visits only: Chromium's back/forward cache and a new document object per
#: navigation cost a fifth of each load, and no page check meets them; V8 compiling and
#: collecting on threads of its own costs more than it saves when every core is busy.
PAGES = (*FAST, features_off(*_NO_BROWSER_UI, "BackForwardCache", "RenderDocument"),
         "--js-flags=--single-threaded")


def _theme_name(run: Tasks, document: Fact, files: set[str]) -> str:
    """The cache name of what the theme's behaviour depends on: the exit's and cover's
    markup without their words, and the bytes of every script and stylesheet loaded."""
    assets = run.files_of(list(document.get("assets", [])))
    files |= assets
    # By the files' bytes, not their paths: each language has its own copy of the theme.
    digests = sorted(run.cache.digest(rel) for rel in assets)
    return run.cache.named("theme", "|".join([str(document.get("shape", "")), *digests]))


def _visit_page(run: Tasks, tab: Page, page: Path, order: tuple[Emulation, ...]) -> None:
    options, server = run.options, run.server
    rel = page.relative_to(run.site).as_posix()
    url = server.url(rel)
    raw = visit(tab, url, order, options.families, axe_rules.TAGS)
    if server.state.headers is None:
        raw["served"] = None  # no _headers: what a host sends is not the site's to say
    files = run.files_of([url, *tab.requests])
    document = raw[DESKTOP.name]["document"]
    name = frame = ""
    if "a11y" in options.families:
        with run.lock:
            if run.axe is None:
                run.axe = (str(tab.evaluate("axe.version")), list(tab.evaluate(
                    f"__guideMeasure.expectedAxeRules({axe_rules.TAGS!r})")))
        if document["exit"] is not None:
            name = _theme_name(run, document, files)
            run.share(name, ("theme", (name, url)))
    if "privacy" in options.families and server.state.headers is not None:
        headers = sorted(server.state.headers.for_path("/" + rel))
        frame = run.cache.named("framing", repr(headers))
        run.share(frame, ("frame", (frame, rel)))
    facts = page_facts(run.site, page, options, raw, run.axe, None, None)
    shots = screenshots(options, tab, facts, order[-1]) if "a11y" in options.families else {}
    if name:
        with run.lock:
            run.themes.setdefault(name, url)
        _theme_here(run, tab, name, files)
    with run.lock:
        run.visited[page] = Visited(raw, files, name, frame, shots)


def _theme_here(run: Tasks, tab: Page, name: str, files: set[str]) -> None:
    """Try, on the page the tab still shows, the forced colours and one way of leaving that
    no page of the same theme has tried yet: each costs no load of its own this way."""
    if run.claim(f"{name}:forced"):
        run.keep(f"{name}:forced", theme.forced_here(tab), files)
    for how in theme.WAYS:
        if run.claim(f"{name}:{how}"):
            run.keep(f"{name}:{how}", theme.leave_here(tab, how, run.server.exit_url), files)
            return


def page_worker(run: Tasks, browser: Chromium, report: Callable[[Path], None]) -> None:
    """Visit pages in a tab of its own until none is left."""
    families = run.options.families
    tab = browser.page()
    prepare(tab, _WATCH_STORAGE, axe_script().read_text("utf-8") if "a11y" in families else None)
    forward = True
    while (page := run.next_page()) is not None:
        try:
            order = (EMULATIONS if forward else EMULATIONS[::-1]) if "a11y" in families \
                else (DESKTOP,)
            forward = not forward
            _visit_page(run, tab, page, order)
            report(page)
        finally:
            run.page_done()


def shared_worker(run: Tasks) -> None:
    """Run the shared tasks, in a browser of its own with Chromium's defaults (its
    back/forward cache included, which leaving and going Back may meet). When it has none, it
    tries a way of leaving that no page visit has tried yet: a theme with fewer pages than
    ways of leaving (the language chooser) would otherwise wait for the last page."""
    tabs: theme.Tabs | None = None
    try:
        while (task := run.next_task() or run.untried()) is not None:
            tabs = tabs or theme.Tabs(Chromium(SHARED))
            kind, (name, where) = task
            if kind == "theme":
                value, read = theme_facts(tabs, run.server, where)
                run.keep(name, value, run.files_of(read))
            elif kind == "frame":
                run.keep(name, theme.framed(tabs, run.server, where), set())
            else:
                how = name.rsplit(":", 1)[1]
                run.keep(name, theme.try_alone(tabs, where, how, run.server.exit_url),
                         run.files_of([where]))
    finally:
        if tabs is not None:
            tabs.browser.close()
