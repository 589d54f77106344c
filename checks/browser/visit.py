"""One visit of one page: loaded once, then measured at each emulation in turn.

The tab keeps whatever emulation it was left in, and a worker walks the emulations forwards on
one page and backwards on the next, so a page loads in the emulation the previous page ended
in and each visit changes it only three times. axe-core runs at the desktop size, on a page
with no focus and no scrolling, whichever turn that is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from checks.browser.cdp import Page

Fact = dict[str, Any]

#: Theme parts and the template each comes from, for findings outside the page's own text.
THEME_PARTS = (
    (".quick-exit-cover", "quick_exit_theme/components/quick-exit/quick-exit-cover.html"),
    (".quick-exit", "quick_exit_theme/components/quick-exit/quick-exit.html"),
    (".language-switcher", "quick_exit_theme/language-switcher.html"),
    (".draft-notice", "quick_exit_theme/draft-notice.html"),
    (".language-list", "quick_exit_theme/language-chooser.html"),
    (".skip-link, .site-header, .pager, .page-list, .site-footer", "quick_exit_theme/layout.html"),
)


@dataclass(frozen=True)
class Emulation:
    """A screen the page is measured on: its size in CSS pixels, touch, and text size."""

    name: str
    label: str
    width: int
    height: int
    mobile: bool = False
    touch: bool = False
    font: int = 16


DESKTOP = Emulation("desktop", "at 1280x900", 1280, 900)
NARROW = Emulation("narrow", "at 320x640 (a small phone)", 320, 640, mobile=True, touch=True)
#: A 1280x1024 screen at 400 % zoom lays the page out in 320x256 CSS pixels.
ZOOM = Emulation("zoom", "at 400 % zoom (320x256)", 320, 256)
#: The browser's text size at 200 % (a 32 px default font) on a 360x640 phone.
TEXT = Emulation("text", "with 200 % text on a 360x640 phone", 360, 640, mobile=True, touch=True,
                 font=32)
#: In the order that changes least from one to the next: touch and the phone's viewport
#: handling switch once, the text size once.
EMULATIONS = (DESKTOP, ZOOM, NARROW, TEXT)
BY_NAME = {e.name: e for e in EMULATIONS}

def parts(emulation: Emulation, families: frozenset[str]) -> list[str]:
    """What is measured at an emulation, in order (the first Tab stops and axe first, the
    spacing test last: it restyles the page, and takes its styles away again).

    Focus is moved both ways at the desktop size, where a second column can send Tab back up
    the page; on one-column screens Tab moves down the page and reveals each element at the
    bottom edge, so only Shift+Tab, which reveals it at the top, can leave it under the bar."""
    out: list[str] = []
    if emulation is DESKTOP:
        out += ["order", "axe"] if "a11y" in families else []
        out += ["document"]
        out += ["privacy"] if "privacy" in families else []
        out += ["focusVisible", "languages", "obscured-forward", "obscured-backward", "bar"] \
            if "a11y" in families else []
    elif "a11y" in families:
        out += ["obscured-backward", "bar", "reflow", "headings"]
        out += ["hint"] if emulation.touch else []
        out += ["exitVisible", "spacing"] if emulation is NARROW else []
    return out


@cache
def measure_script() -> str:
    """The measuring script, added to every page before its own scripts."""
    return (Path(__file__).with_name("measure.js")).read_text(encoding="utf-8")


def emulate(tab: Page, emulation: Emulation) -> None:
    """Give the tab this screen: only what differs from its current one, sent together."""
    now: Emulation | None = tab.state.get("emulation")
    waiting = [tab.post("Emulation.setDeviceMetricsOverride", {
        "width": emulation.width, "height": emulation.height, "deviceScaleFactor": 1,
        "mobile": emulation.mobile})]
    if now is None or now.touch != emulation.touch:
        waiting.append(tab.post("Emulation.setTouchEmulationEnabled",
                                {"enabled": emulation.touch, "maxTouchPoints": 1}))
    if now is None or now.font != emulation.font:
        waiting.append(tab.post("Page.setFontSizes",
                                {"fontSizes": {"standard": emulation.font, "fixed": 13}}))
    for answer in waiting:
        answer.result(30)
    tab.state["emulation"] = emulation


def press_tab(tab: Page, times: int = 2) -> None:
    """Start recording focus from the top of the page, then press Tab (sent together)."""
    tab.evaluate("__guideMeasure.startTabs()")
    keys = [tab.post("Input.dispatchKeyEvent", {"type": kind, "key": "Tab", "code": "Tab",
                                                "windowsVirtualKeyCode": 9})
            for _ in range(times) for kind in ("rawKeyDown", "keyUp")]
    for answer in keys:
        answer.result(30)


def visit(tab: Page, url: str, order: tuple[Emulation, ...], families: frozenset[str],
          tags: list[str]) -> Fact:
    """Load the page (in the emulation ``order[0]``, which the tab is in) and measure it in
    each emulation of ``order``. Returns the facts by emulation name, the first two Tab stops
    and what the page requested, set and was served with."""
    tab.requests.clear()
    tab.responses.clear()
    tab.navigate(url)
    out: Fact = {}
    for turn, emulation in enumerate(order):
        if turn:
            emulate(tab, emulation)
        wanted = parts(emulation, families)
        if "order" in wanted:
            press_tab(tab)
        # Just loaded, the page has laid itself out; after a change of screen, it does so
        # (and its scripts answer the resize) in the next frame.
        options = {"tags": tags, "parts": THEME_PARTS, "fonts": tab.state.get("fonts", {}),
                   "frame": bool(turn)}
        out[emulation.name] = tab.evaluate(
            f"__guideMeasure.at({json.dumps(wanted)}, {json.dumps(options)})", await_promise=True)
        fonts = out[emulation.name].pop("fonts", None)
        if fonts:
            tab.state.setdefault("fonts", {}).update(fonts)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    if "privacy" in families:
        cookies = tab.send("Network.getCookies", {"urls": [url]}).get("cookies", [])
        out["requests"] = sorted({u for u in tab.requests if _foreign(u, origin)})
        out["cookies"] = [c["name"] for c in cookies]
        out["served"] = tab.responses.get(url)
        seen = out[DESKTOP.name]["privacy"]
        if out["cookies"] or seen.get("local") or seen.get("session"):
            # What one page stored must not be blamed on the next.
            tab.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            tab.send("Network.clearBrowserCookies")
    return out


def _foreign(url: str, origin: str) -> bool:
    parts_ = urlsplit(url)
    return parts_.scheme in ("http", "https", "ws", "wss") and \
        f"{parts_.scheme}://{parts_.netloc}" != origin


def prepare(tab: Page, watch_storage: str, axe: str | None) -> None:
    """Set a new tab up for visits: the storage watcher, axe-core and the measuring script
    in every page before its own scripts, focus as if the window had it, the desktop size."""
    for source in (watch_storage, axe, measure_script()):
        if source:
            tab.send("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    tab.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
    tab.state.clear()
    emulate(tab, DESKTOP)
