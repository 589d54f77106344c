"""The page on small and short screens, in every script: the sticky bar stays small or stops
sticking, focus is never hidden under it, headings and language names are set for their
script. Also the screenshots a person looks at (``_build/test-screenshots/``).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from checks.browser.cdp import Chromium, Page
from checks.browser.serve import Server, serve
from checks.browser.visit import DESKTOP, TEXT, ZOOM, Emulation, emulate, measure_script
from pipeline.build import BuildResult
from pipeline.config import Config

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "_build" / "test-screenshots"
LANDSCAPE = Emulation("landscape", "on a phone held sideways", 740, 360, mobile=True, touch=True)
NARROW = Emulation("narrow", "at 320x640", 320, 640, mobile=True, touch=True)
PAGES = ["en/support.html", "ar/support.html", "ur/support.html", "index.html"]


@pytest.fixture(scope="module")
def tab(guide: BuildResult, config: Config) -> Iterator[tuple[Page, Server]]:
    with serve(guide.site, config.quick_exit_url, headers=True) as server, Chromium() as browser:
        page = browser.page()
        page.send("Page.addScriptToEvaluateOnNewDocument", {"source": measure_script()})
        page.send("Emulation.setFocusEmulationEnabled", {"enabled": True})
        yield page, server


def settle(page: Page) -> None:
    page.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))",
                  await_promise=True)


@pytest.mark.parametrize("screen", [NARROW, ZOOM, TEXT, LANDSCAPE], ids=lambda e: e.name)
@pytest.mark.parametrize("rel", PAGES)
def test_bar_stays_small_and_never_hides_focus(tab: tuple[Page, Server], rel: str,
                                               screen: Emulation) -> None:
    page, server = tab
    emulate(page, screen)
    page.navigate(server.url(rel))
    settle(page)
    bar = page.evaluate("__guideMeasure.bar()")
    if bar["pinned"]:
        assert bar["height"] <= 0.2 * bar["viewport"], bar
        padding = page.evaluate("parseFloat(getComputedStyle(document.documentElement)"
                                ".scrollPaddingBlockStart)")
        assert padding >= bar["height"]
    hidden = page.evaluate("__guideMeasure.obscured('backward')")
    assert hidden == [], hidden
    if screen.touch:
        assert page.evaluate("__guideMeasure.hint()") is False, "no key hint on a touch screen"
    reflow = page.evaluate("__guideMeasure.reflow()")
    assert reflow["scrollWidth"] <= reflow["clientWidth"] + 1


@pytest.mark.parametrize(("rel", "ratio"), [("ar/support.html", 1.5), ("ur/support.html", 2.2)])
def test_headings_have_room_for_their_script(tab: tuple[Page, Server], rel: str,
                                             ratio: float) -> None:
    page, server = tab
    emulate(page, NARROW)
    page.navigate(server.url(rel))
    heights = page.evaluate("[...document.querySelectorAll('h1, h2')].map(h => { "
                            "const s = getComputedStyle(h); "
                            "return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })")
    assert heights and min(heights) >= ratio - 0.01
    assert page.evaluate("__guideMeasure.headings()") == []


def test_language_names_are_set_in_their_own_script(tab: tuple[Page, Server]) -> None:
    page, server = tab
    emulate(page, DESKTOP)
    for rel in ("ur/index.html", "ar/index.html", "en/index.html", "index.html"):
        page.navigate(server.url(rel))
        fonts = dict(page.evaluate(
            "[...document.querySelectorAll('.language-switcher a, .language-list a')]"
            ".map(a => [a.lang, getComputedStyle(a).fontFamily.split(',')[0]])"))
        assert fonts["ar"] == '"Noto Naskh Arabic"', rel
        assert fonts["ur"] == '"Noto Nastaliq Urdu"', rel
        assert fonts["en"] == fonts["pl"] == "system-ui", rel
        assert page.evaluate("__guideMeasure.languages({}).found") == [], rel


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("rel", ["en/what-to-do.html", "ar/what-to-do.html",
                                 "ur/what-to-do.html", "index.html"])
def test_screenshot(tab: tuple[Page, Server], width: int, rel: str) -> None:
    """Whole-page screenshots to look at; the exit button is the theme's red, at the start
    of the line in the page's direction."""
    page, server = tab
    emulate(page, Emulation("shot", "shot", width, 800, mobile=width < 600, touch=width < 600))
    page.navigate(server.url(rel))
    settle(page)
    height = min(page.evaluate("document.documentElement.scrollHeight"), 6000)
    data = page.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                "clip": {"x": 0, "y": 0, "width": width,
                                                         "height": height, "scale": 1}})
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{rel.replace('/', '-').removesuffix('.html')}-{width}.png"
    path.write_bytes(base64.b64decode(data["data"]))
    image = Image.open(path).convert("RGB")
    assert image.width == width
    left, top, right, bottom = (int(v) for v in page.evaluate(
        "(() => { const r = document.querySelector('[data-quick-exit]').getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })()"))
    assert 0 <= left < right <= width
    red = image.getpixel((left + 6, (top + bottom) // 2))
    assert isinstance(red, tuple) and red[0] > 140 and red[1] < 40 and red[2] < 60, red
    rtl = page.evaluate("document.dir") == "rtl"
    assert (right > width / 2) if rtl else (left < width / 2)
