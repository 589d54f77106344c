"""The quick exit in real headless Chromium, over HTTP on loopback, with real key presses.

The server replaces the configured destination with a local page, so leaving is observed
without any request to another origin; it serves the site with its ``_headers``, as a host
would. Key presses and clicks go through the browser's input pipeline (DevTools protocol).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from urllib.parse import unquote

import pytest

from checks.browser import theme
from checks.browser.cdp import Chromium, Page, ProtocolError
from checks.browser.exit import check_exit_forced_colors
from checks.browser.rules import PageFacts
from checks.browser.serve import Server, serve
from checks.browser.visit import DESKTOP, Emulation, emulate, measure_script
from checks.browser.workers import PAGES, SHARED
from pipeline.build import BuildResult
from pipeline.config import Config

pytestmark = pytest.mark.browser
SHIFT = ("Shift", "ShiftLeft", 16)


@pytest.fixture(scope="module")
def served(guide: BuildResult, config: Config) -> Iterator[Server]:
    """The built guide, served with its _headers, the exit pointed at a local page."""
    with serve(guide.site, config.quick_exit_url, headers=True) as running:
        yield running


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    """One headless Chromium for this module's tests, each test in a tab of its own."""
    with Chromium() as browser:
        yield browser


@pytest.fixture
def tab(chromium: Chromium, served: Server) -> Iterator[Page]:
    """A fresh tab at the desktop size, after a neutral start page."""
    page = chromium.page()
    page.send("Page.addScriptToEvaluateOnNewDocument", {"source": measure_script()})
    page.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
    emulate(page, DESKTOP)
    served.state.exit_delay = 0.0
    page.navigate(served.start_url)
    yield page
    served.state.exit_delay = 0.0
    chromium.send("Target.closeTarget", {"targetId": page.target})


def open_page(tab: Page, served: Server, rel: str = "en/what-to-do.html") -> str:
    url = served.url(rel)
    tab.navigate(url)
    return url


def shows(tab: Page, expression: str, want: object, timeout: float = 5) -> bool:
    """Whether the tab's page comes to give ``want`` for the expression (pages change)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if tab.evaluate(expression) == want:
                return True
        except ProtocolError:  # the page is being replaced: ask again
            pass
        time.sleep(0.05)
    return False


def shift(tab: Page, times: int = 1) -> None:
    for _ in range(times):
        tab.key(*SHIFT, modifiers=8)


@pytest.mark.parametrize("how", theme.WAYS)
def test_leaves_the_page(tab: Page, served: Server, how: str) -> None:
    open_page(tab, served)
    assert theme.leave_here(tab, how, served.exit_url)
    assert shows(tab, "document.querySelector('h1')?.textContent", "Weather")


def test_escape_pressed_five_times_still_leaves(tab: Page, served: Server) -> None:
    open_page(tab, served)
    served.state.exit_delay = 0.8
    for _ in range(5):
        tab.key("Escape", "Escape", 27)
        time.sleep(0.05)
    assert theme.wait_for(tab, served.exit_url)


def test_shift_used_as_a_modifier_does_not_leave(tab: Page, served: Server) -> None:
    url = open_page(tab, served)
    for letter in "abc":
        tab.key(*SHIFT, modifiers=8, up=False)
        tab.key(letter.upper(), f"Key{letter.upper()}", ord(letter.upper()), modifiers=8)
        tab.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Shift", "code": "ShiftLeft",
                                            "windowsVirtualKeyCode": 16})
    time.sleep(0.3)
    assert tab.url() == url


def test_shift_click_is_not_a_press(tab: Page, served: Server) -> None:
    url = open_page(tab, served)
    for _ in range(3):
        tab.key(*SHIFT, modifiers=8, up=False)
        tab.click(600, 500, modifiers=8)  # on the text: selects it
        tab.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Shift", "code": "ShiftLeft",
                                            "windowsVirtualKeyCode": 16})
    time.sleep(0.3)
    assert tab.url() == url


def test_shift_presses_may_be_four_seconds_apart(tab: Page, served: Server) -> None:
    open_page(tab, served)
    for press in range(3):
        if press:
            time.sleep(4.2)
        shift(tab)
    assert theme.wait_for(tab, served.exit_url)


def test_shift_presses_more_than_five_seconds_apart_do_not_leave(tab: Page,
                                                                 served: Server) -> None:
    url = open_page(tab, served)
    shift(tab, 2)
    time.sleep(5.4)
    shift(tab)
    time.sleep(0.3)
    assert tab.url() == url


@pytest.mark.parametrize(("rel", "two", "one"), [
    ("en/support.html", "Press Shift two more times to leave this site.",
     "Press Shift one more time to leave this site."),
    ("cy/support.html", "Pwysa Shift ddwywaith eto i adael y wefan hon.",
     "Pwysa Shift unwaith eto i adael y wefan hon."),
])
def test_each_shift_press_is_announced(tab: Page, served: Server, rel: str, two: str,
                                       one: str) -> None:
    open_page(tab, served, rel)
    status = "document.querySelector('.quick-exit-presses')"
    assert tab.evaluate(f"{status}.getAttribute('role')") == "status"
    assert tab.evaluate(f"{status}.textContent") == ""
    shift(tab)
    assert tab.evaluate(f"{status}.textContent") == two
    assert tab.evaluate("document.querySelector('[data-quick-exit]').dataset.presses") == "1"
    shift(tab)
    assert tab.evaluate(f"{status}.textContent") == one
    tab.key("A", "KeyA", 65)  # typing starts the count again
    assert tab.evaluate(f"{status}.textContent") == ""


def test_cover_status_is_written_once_the_cover_shows(tab: Page, served: Server,
                                                      guide: BuildResult) -> None:
    html = (guide.site / "en" / "what-to-do.html").read_text(encoding="utf-8")
    assert '<div class="quick-exit-cover" hidden data-status="Loading"><p role="status"></p>' \
        in html
    open_page(tab, served)
    served.state.exit_delay = 1.0
    # The page reports what a reader sees right after the key press to the test server, as a
    # same-origin image request.
    tab.evaluate("""
        window.addEventListener('keydown', () => {
          const cover = document.querySelector('.quick-exit-cover');
          const hit = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
          new Image().src = '/__seen__?' + encodeURIComponent(JSON.stringify({
            title: document.title, cover: !cover.hidden,
            main: getComputedStyle(document.querySelector('main')).visibility,
            exit: getComputedStyle(document.querySelector('.quick-exit')).visibility,
            top: !!(hit && hit.closest('.quick-exit-cover')),
            status: cover.querySelector('[role=status]').textContent,
            at: location.pathname}));
        });""")
    tab.key("Escape", "Escape", 27)
    assert theme.wait_for(tab, served.exit_url)
    reports = [r for r in served.state.requests if r.startswith("/__seen__?")]
    seen = json.loads(unquote(reports[-1].split("?", 1)[1]))
    assert seen == {"title": "New tab", "cover": True, "main": "hidden", "exit": "hidden",
                    "top": True, "status": "Loading", "at": "/en/what-to-do.html"}


def test_links_between_pages_replace_the_current_entry(tab: Page, served: Server) -> None:
    open_page(tab, served)
    before, _ = tab.history()
    loaded = tab.expect_load()
    tab.evaluate("document.querySelector('a[rel=next]').click()")
    assert loaded(10)
    after, _ = tab.history()
    assert len(after) == len(before) and after[-1].endswith("/en/warning-signs.html")


def test_skip_link_still_moves_focus_into_the_page(tab: Page, served: Server) -> None:
    open_page(tab, served)
    tab.key("Tab", "Tab", 9)
    tab.key("Enter", "Enter", 13)
    time.sleep(0.1)
    tab.key("Tab", "Tab", 9)
    assert tab.evaluate("!!document.activeElement.closest('main')")
    assert tab.history()[0][-1].endswith("/en/what-to-do.html#main")


def test_back_after_three_pages_and_leaving_does_not_reach_the_guide(
        chromium: Chromium, served: Server) -> None:
    seen = theme.history(chromium, served, served.url("en/what-to-do.html"))
    assert len(seen["read"]) == 3 and seen["left"]
    assert seen["kept"] == [] and not seen["back_is_site"]
    assert seen["back"] == served.start_url


def test_without_javascript_back_shows_the_guide_as_cover_your_tracks_says(
        chromium: Chromium, served: Server, guide: BuildResult) -> None:
    seen = theme.history(chromium, served, served.url("en/what-to-do.html"), javascript=False)
    assert len(seen["read"]) == 3 and seen["left"]
    assert seen["back_is_site"] and seen["back"] == seen["read"][-1]
    text = (guide.site / "en" / "cover-your-tracks.html").read_text(encoding="utf-8")
    assert "without JavaScript, someone who presses Back can see the pages of this guide" in text
    assert "they go to the page you were on before you came here" in text


def test_restored_from_cache_after_leaving_stays_covered(tab: Page, served: Server) -> None:
    open_page(tab, served)
    tab.evaluate("document.documentElement.classList.add('quick-exit-leaving');"
                 "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));")
    assert theme.wait_for(tab, served.exit_url)


def test_hint_shows_with_javascript_but_not_on_a_touch_screen(tab: Page, served: Server) -> None:
    open_page(tab, served, "en/support.html")
    hint = "(() => { const h = document.querySelector('.quick-exit-hint'); " \
           "return [!h.hidden, h.getClientRects().length > 0, h.textContent]; })()"
    shown, rendered, text = tab.evaluate(hint)
    assert shown and rendered and "Esc" in text and "Shift" in text
    emulate(tab, Emulation("phone", "phone", 360, 740, mobile=True, touch=True))
    tab.navigate(served.url("en/support.html"))
    assert tab.evaluate(hint)[1] is False


def test_works_without_javascript(chromium: Chromium, served: Server) -> None:
    tabs = theme.Tabs(chromium)
    try:
        assert theme.without_javascript(tabs, served.url("en/support.html"), served.exit_url)
    finally:
        tabs.close()


def test_forced_colours_keep_a_button_that_outranks_the_links(tab: Page, served: Server) -> None:
    for rel in ("en/support.html", "ar/support.html", "index.html"):
        open_page(tab, served, rel)
        seen = theme.forced_here(tab)
        assert seen and seen["active"]
        assert all(width >= 3 and style == "solid" for width, style, _ in seen["link"]["border"])
        facts = PageFacts(folder="en", document={"exit": {}}, expects_exit=True, forced=seen)
        assert list(check_exit_forced_colors(facts)) == [], rel
        assert tab.evaluate("matchMedia('(forced-colors: active)').matches") is False


def test_chooser_names_the_exit_and_keys_in_every_language(tab: Page, served: Server,
                                                            guide: BuildResult) -> None:
    open_page(tab, served, "index.html")
    labels = tab.evaluate("[...document.querySelectorAll('[data-quick-exit] [lang]')]"
                          ".map(e => [e.lang, e.textContent])")
    assert [code for code, _ in labels] == guide.published
    assert dict(labels)["ar"] == "غادروا هذا الموقع" and dict(labels)["ur"] == "یہ سائٹ چھوڑیں"
    hints = tab.evaluate("[...document.querySelectorAll('.quick-exit-hints li')]"
                         ".map(e => [e.lang, e.dir, e.querySelectorAll('kbd').length])")
    assert [h[0] for h in hints] == guide.published and all(h[2] == 2 for h in hints)
    assert {h[1] for h in hints if h[0] in ("ar", "ur")} == {"rtl"}
    assert theme.leave_here(tab, "shift3", served.exit_url)


def test_the_check_browsers_open_no_address_bar_pages() -> None:
    """Each window of headless Chromium gets address-bar popups, pages of their own that
    redraw with every navigation; the check's browsers turn them off. A Chromium that no
    longer opens them leaves nothing to test."""
    def ui_pages(flags: tuple[str, ...]) -> int:
        with Chromium(flags) as browser:
            browser.page()
            return sum(t["type"] == "browser_ui"
                       for t in browser.send("Target.getTargets")["targetInfos"])

    if ui_pages(()) == 0:
        pytest.skip("this Chromium opens no address-bar popups: nothing to turn off")
    assert ui_pages(PAGES) == 0
    assert ui_pages(SHARED) == 0
