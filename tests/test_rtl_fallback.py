"""English fallbacks on right-to-left pages: marked, laid out left to right, punctuation in place.

When an English sentence changes, its Arabic and Urdu translations fall back to English until a
translator updates them. The paragraph must say ``lang="en" dir="ltr"``, so its full stop sits
at the right end of the English, not at the left as it would inside a right-to-left block.
Screenshots are saved under ``_build/test-screenshots/`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from checks.browser.chrome import Browser
from checks.browser.serve import serve
from pipeline.build import build
from pipeline.config import Config
from pipeline.poformat import write
from tests.test_languages import make_project

SHOTS = Path(__file__).resolve().parent.parent / "_build" / "test-screenshots"
SENTENCE = "Do not delete the chat, even if you want to."
#: Where the paragraph's first and last characters are, and what it says about itself.
MEASURE = """
const p = [...document.querySelectorAll('main p')].find(e => e.textContent.trim() === arguments[0]);
if (!p) return null;
const text = p.firstChild, range = document.createRange();
const box = p.getBoundingClientRect();
range.setStart(text, 0); range.setEnd(text, 1);
const first = range.getBoundingClientRect();
range.setStart(text, text.length - 1); range.setEnd(text, text.length);
const last = range.getBoundingClientRect();
p.scrollIntoView({block: 'center'});
return {lang: p.lang, dir: p.dir, direction: getComputedStyle(p).direction,
        left: box.left, right: box.right, firstLeft: first.left, lastRight: last.right,
        lastLeft: last.left};
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Arabic and Urdu with one sentence of what-to-do untranslated (as after an English edit)."""
    root = tmp_path_factory.mktemp("rtl")
    config: Config = make_project(root, ("en", "ar", "ur"))
    for code in ("ar", "ur"):
        path = config.locales / code / "LC_MESSAGES" / "what-to-do.po"
        po = polib.pofile(str(path))
        entry = po.find(SENTENCE)
        assert entry is not None
        entry.msgstr = ""
        write(path, po)
    result = build(config, ["ar", "ur"])
    assert result.ok, result.failed
    return result.site


@pytest.mark.browser
@pytest.mark.parametrize("code", ["ar", "ur"])
def test_an_english_fallback_reads_left_to_right_on_a_right_to_left_page(
        site: Path, browser: Browser, code: str) -> None:
    html = (site / code / "what-to-do.html").read_text(encoding="utf-8")
    assert f'<p class="untranslated" dir="ltr" lang="en">{SENTENCE}</p>' in html
    with serve(site) as server:
        for width in (360, 1280):
            browser.viewport(width, 800)
            browser.driver.get(server.url(f"{code}/what-to-do.html"))
            facts = browser.driver.execute_script(MEASURE, SENTENCE)
            assert facts is not None
            assert (facts["lang"], facts["dir"], facts["direction"]) == ("en", "ltr", "ltr")
            # Left to right: the text starts at the block's left edge and the full stop is the
            # right-most character of its line, after the last word.
            assert abs(facts["firstLeft"] - facts["left"]) < 2, facts
            assert facts["lastLeft"] > facts["firstLeft"], facts
            SHOTS.mkdir(parents=True, exist_ok=True)
            browser.driver.save_screenshot(str(SHOTS / f"{code}-fallback-{width}.png"))
        page_dir = browser.driver.execute_script("return document.documentElement.dir")
        assert page_dir == "rtl"
