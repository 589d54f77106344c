"""What depends only on the theme, tested once per distinct theme, each test on a page it opens.

Pages whose exit markup (without its words), scripts and stylesheets are the same behave the
same: the first of them is left by click, Enter, Escape and Shift x3, and without JavaScript;
read three pages deep and left, to see where Back goes; and shown in forced colours. Pages
served with the same headers are framed by another origin once.
"""

from __future__ import annotations

import time
from typing import Any

from checks.browser.cdp import Chromium, Page, ProtocolError
from checks.browser.serve import Server
from checks.browser.visit import DESKTOP, emulate, measure_script

Fact = dict[str, Any]
SHIFT = ("Shift", "ShiftLeft", 16)
KEYS = {"escape": ("Escape", "Escape", 27), "enter": ("Enter", "Enter", 13)}

#: The way to a next page: the pager's "next", else a link in the page's text, else any link
#: to another page of the site, never the quick exit.
_NEXT_LINK = """(() => {
  const here = location.href.split('#')[0];
  const ok = a => a.origin === location.origin && a.href.split('#')[0] !== here &&
    !a.matches('[data-quick-exit]') && a.getClientRects().length;
  const a = [...document.querySelectorAll('a[rel=next]')].find(ok) ||
    [...document.querySelectorAll('main a[href]')].find(ok) ||
    [...document.querySelectorAll('a[href]')].find(ok);
  if (!a) return null;
  a.scrollIntoView({block: 'center'});
  const r = a.getClientRects()[0];
  return {x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2};
})()"""

_EXIT_POINT = """(() => {
  const a = document.querySelector('[data-quick-exit]');
  if (!a) return null;
  const r = a.getBoundingClientRect();
  return {x: r.left + r.width / 2, y: r.top + r.height / 2};
})()"""


def _tab(browser: Chromium, javascript: bool = True) -> Page:
    tab = browser.page()
    tab.send("Page.addScriptToEvaluateOnNewDocument", {"source": measure_script()})
    tab.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
    if not javascript:
        tab.send("Emulation.setScriptExecutionDisabled", {"value": True})
    emulate(tab, DESKTOP)
    return tab


def _close(browser: Chromium, tab: Page) -> None:
    try:
        browser.send("Target.closeTarget", {"targetId": tab.target})
    except ProtocolError:
        pass


class Tabs:
    """The shared tasks' tabs in one browser: one with scripts and one without, each opened
    when first needed and then used task after task, since a tab (a window of its own) costs
    as much as a page load. Every task opens its page afresh; the history test alone takes a
    new tab, because it reads the whole of a tab's history."""

    def __init__(self, browser: Chromium) -> None:
        self.browser = browser
        self._tabs: dict[bool, Page] = {}

    def get(self, javascript: bool = True) -> Page:
        if javascript not in self._tabs:
            self._tabs[javascript] = _tab(self.browser, javascript)
        return self._tabs[javascript]

    def close(self) -> None:
        for tab in self._tabs.values():
            _close(self.browser, tab)
        self._tabs.clear()


def wait_for(tab: Page, url: str, timeout: float = 5) -> bool:
    """Whether the tab's current entry becomes ``url`` within the time."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if tab.url().split("?")[0] == url:
            return True
        time.sleep(0.02)
    return False


def click_exit(tab: Page) -> bool:
    """A real mouse click on the quick exit; False when there is none to click."""
    point = tab.evaluate(_EXIT_POINT)
    if not point:
        return False
    tab.click(point["x"], point["y"])
    return True


def use_exit(tab: Page, how: str) -> None:
    """Leave by 'click', 'enter', 'escape' or 'shift3', as a reader would."""
    if how == "click":
        click_exit(tab)
    elif how == "enter":
        tab.evaluate("document.querySelector('[data-quick-exit]').focus()")
        tab.key(*KEYS["enter"])
    elif how == "escape":
        tab.key(*KEYS["escape"])
    elif how == "shift3":
        for _ in range(3):
            tab.key(*SHIFT, modifiers=8)
    else:
        raise ValueError(how)


#: The ways a reader leaves with JavaScript, each tried on a page of its own.
WAYS = ("click", "enter", "escape", "shift3")


def leave_here(tab: Page, how: str, exit_url: str) -> bool:
    """Leave the page the tab shows by one way; whether the tab reached the destination."""
    use_exit(tab, how)
    return wait_for(tab, exit_url)


def forced_here(tab: Page) -> Fact | None:
    """The quick exit's look in forced colours (Windows High Contrast), on the page the tab
    shows; the colours are given back afterwards."""
    tab.send("Emulation.setEmulatedMedia",
             {"features": [{"name": "forced-colors", "value": "active"}]})
    try:
        result: Fact | None = tab.evaluate("__guideMeasure.forced()")
        return result
    finally:
        tab.send("Emulation.setEmulatedMedia", {"features": []})


def try_alone(tabs: Tabs, url: str, how: str, exit_url: str) -> Any:
    """A way of leaving (or "forced" colours) tried on a page opened for it alone."""
    tab = tabs.get()
    tab.navigate(url)
    return forced_here(tab) if how == "forced" else leave_here(tab, how, exit_url)


def without_javascript(tabs: Tabs, url: str, exit_url: str) -> bool:
    """Whether the quick exit leaves as a plain link when no script runs."""
    tab = tabs.get(javascript=False)
    tab.navigate(url)
    return click_exit(tab) and wait_for(tab, exit_url)


def history(browser: Chromium, server: Server, url: str, *, javascript: bool = True,
            pages: int = 3) -> Fact:
    """Read ``pages`` pages (the first opened, the others by clicking links), leave, then see
    which entries of the tab's history are pages of the site and what Back shows."""
    tab = _tab(browser, javascript)
    try:
        tab.navigate(server.start_url)
        tab.navigate(url)
        read = [tab.url()]
        while len(read) < pages:
            point = tab.evaluate(_NEXT_LINK)
            if not point:
                break
            loaded = tab.expect_load()
            tab.click(point["x"], point["y"])
            if not loaded(10):
                break
            read.append(tab.url())
        if javascript:
            tab.key(*KEYS["escape"])
        else:
            click_exit(tab)
        left = wait_for(tab, server.exit_url)
        entries, current = tab.history()
        back = ""
        if left and current > 0:
            entry = tab.send("Page.getNavigationHistory")["entries"][current - 1]["id"]
            tab.send("Page.navigateToHistoryEntry", {"entryId": entry})
            # A page restored from the back/forward cache fires no load event: wait for the
            # tab to show another address instead.
            end = time.monotonic() + 5
            while (back := tab.url()).split("?")[0] == server.exit_url and time.monotonic() < end:
                time.sleep(0.02)
        return {"read": read, "left": left, "back": back,
                "kept": [u for u in entries[:current] if server.is_site(u)],
                "back_is_site": server.is_site(back)}
    finally:
        _close(browser, tab)


def framed(tabs: Tabs, server: Server, rel: str) -> bool:
    """Whether a page of another origin can show this page in a frame."""
    tab, browser = tabs.get(), tabs.browser
    tab.navigate(server.frame_url(rel))
    # The framed page is of another site, so it runs as a target of its own; a refused
    # frame holds the browser's error page instead of the page.
    for target in browser.send("Target.getTargets")["targetInfos"]:
        if target.get("type") != "iframe" or target.get("parentId") != tab.target:
            continue
        session = browser.send("Target.attachToTarget",
                               {"targetId": target["targetId"], "flatten": True})
        shown = browser.send("Runtime.evaluate", {"expression": "location.href",
                                                  "returnByValue": True},
                             session["sessionId"])["result"].get("value", "")
        if str(shown).startswith(server.base):
            return True
    return False
