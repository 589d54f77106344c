"""The quick exit in real headless Chromium, over HTTP on loopback, with real key presses.

The server replaces the configured destination with a local page, so leaving is observed
without any request to another origin.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from checks import pagecheck as pc
from checks.browser import Options, check_site
from checks.build import BuildResult
from checks.chrome import Browser
from checks.config import Config
from checks.serve import Server

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "_build" / "test-screenshots"


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[str]:
    """A guide page freshly loaded in the shared browser, after a local start page."""
    server.state.exit_delay = 0.0
    browser.viewport(1280, 900)
    browser.driver.get(server.url("index.html"))
    url = server.url("en/what-to-do.html")
    browser.driver.get(url)
    pc.wait_loaded(browser)
    yield url
    server.state.exit_delay = 0.0


def left(browser: Browser, server: Server, timeout: float = 5) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if browser.driver.current_url == server.exit_url:
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("how", ["click", "enter", "escape", "shift3"])
def test_leaves_the_page(browser: Browser, server: Server, page: str, how: str) -> None:
    assert pc.leave(browser, how, server.exit_url)
    assert browser.driver.find_element("tag name", "h1").text == "Weather"


def test_escape_pressed_five_times_still_leaves(browser: Browser, server: Server, page: str) -> None:
    server.state.exit_delay = 0.8
    chain = ActionChains(browser.driver)
    for _ in range(5):
        chain.send_keys(Keys.ESCAPE).pause(0.05)
    chain.perform()
    assert left(browser, server)


def test_shift_used_as_a_modifier_does_not_leave(browser: Browser, server: Server, page: str) -> None:
    chain = ActionChains(browser.driver)
    for letter in "abc":
        chain.key_down(Keys.SHIFT).send_keys(letter).key_up(Keys.SHIFT)
    chain.perform()
    time.sleep(0.5)
    assert browser.driver.current_url == page


def test_shift_presses_too_far_apart_do_not_leave(browser: Browser, server: Server, page: str) -> None:
    for _ in range(3):
        ActionChains(browser.driver).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()
        time.sleep(2.3)
    assert browser.driver.current_url == page


def test_cover_and_neutral_title_before_the_next_page(browser: Browser, server: Server, page: str) -> None:
    # WebDriver waits for the next page before it answers, so the page reports what a reader
    # would see right after the key press to the test server, as a same-origin image request.
    server.state.exit_delay = 1.0
    browser.driver.execute_script("""
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
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    assert left(browser, server)
    reports = [r for r in server.state.requests if r.startswith("/__seen__?")]
    seen = json.loads(unquote(reports[-1].split("?", 1)[1]))
    assert seen == {"title": "New tab", "cover": True, "main": "hidden", "exit": "hidden",
                    "top": True, "status": "Loading", "at": "/en/what-to-do.html"}


def test_back_after_leaving_does_not_return_to_the_guide(browser: Browser, server: Server, page: str) -> None:
    assert pc.leave(browser, "escape", server.exit_url)
    browser.driver.back()
    pc.wait_loaded(browser)
    assert browser.driver.current_url == server.url("index.html")
    assert "what-to-do" not in browser.driver.current_url


def test_restored_from_cache_after_leaving_stays_covered(browser: Browser, server: Server, page: str) -> None:
    browser.driver.execute_script(
        "document.documentElement.classList.add('quick-exit-leaving');"
        "window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));")
    assert left(browser, server)


def test_hint_is_shown_with_javascript(browser: Browser, page: str) -> None:
    hint = browser.driver.find_element("css selector", ".quick-exit-hint")
    assert hint.is_displayed() and "Esc" in hint.text and "Shift" in hint.text


def test_works_without_javascript(nojs_browser: Browser, server: Server) -> None:
    nojs_browser.driver.get(server.url("en/support.html"))
    hint = nojs_browser.driver.find_element("css selector", ".quick-exit-hint")
    assert not hint.is_displayed(), "shortcuts are not offered when they cannot work"
    nojs_browser.driver.find_element("css selector", "[data-quick-exit]").click()
    assert nojs_browser.driver.current_url == server.exit_url


def test_quick_exit_stays_in_view(browser: Browser, server: Server) -> None:
    for width in (320, 1280):
        pc.load(browser, server.url("en/support.html"), width=width)
        facts = pc.reflow_facts(browser, width)
        assert facts["exit_top"] == {"present": True, "inside": True, "onTop": True}
        assert facts["exit_bottom"] == {"present": True, "inside": True, "onTop": True}
        assert facts["scrollWidth"] <= facts["clientWidth"]


def test_no_other_origin_cookie_or_storage_on_any_page(guide: BuildResult, config: Config) -> None:
    options = Options(config=config, families=frozenset({"privacy"}), jobs=2)
    assert check_site(guide.site, options) == []


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("code", ["en", "ar"])
def test_screenshot(browser: Browser, server: Server, width: int, code: str) -> None:
    pc.load(browser, server.url(f"{code}/what-to-do.html"), width=width)
    height = browser.driver.execute_script("return document.documentElement.scrollHeight")
    browser.viewport(width, min(height, 3000))
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{code}-what-to-do-{width}.png"
    path.write_bytes(browser.driver.get_screenshot_as_png())
    image = Image.open(path).convert("RGB")
    assert image.width == width
    box = browser.driver.execute_script(
        "const r = document.querySelector('[data-quick-exit]').getBoundingClientRect();"
        "return [r.left, r.top, r.right, r.bottom];")
    left_x, top, right_x, bottom = (int(v) for v in box)
    assert 0 <= left_x < right_x <= width
    red = image.getpixel((left_x + 4, (top + bottom) // 2))
    assert red[0] > 140 and red[1] < 40 and red[2] < 60, f"exit button colour {red}"
    if code == "ar":
        assert right_x > width / 2, "the quick exit starts on the right in Arabic"
    else:
        assert left_x < width / 2
