"""What one browser visit of one page finds: axe-core, privacy, and what axe cannot check.

Every function here takes a :class:`~checks.browser.chrome.Browser` that has the page loaded and
returns plain "facts" (dicts); :mod:`checks.browser.check` turns them into findings.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from checks.browser.chrome import Browser, run_axe

Fact = dict[str, Any]

#: Theme parts and the template each comes from, for findings outside the page's text.
THEME_PARTS = (
    (".quick-exit-cover", "_templates/quick-exit-cover.html"),
    (".quick-exit", "_templates/quick-exit.html"),
    (".language-switcher", "_templates/language-switcher.html"),
    (".skip-link, .site-header, .draft-notice, .pager, .page-list, .site-footer",
     "_templates/layout.html"),
)

_SELECTOR = """
function selector(e) {
  if (e.id) return '#' + CSS.escape(e.id);
  const parts = [];
  while (e && e.nodeType === 1 && parts.length < 4) {
    let part = e.localName;
    if (e.classList.length) part += '.' + [...e.classList].map(CSS.escape).join('.');
    const parent = e.parentElement;
    if (parent) {
      const same = [...parent.children].filter(c => c.localName === e.localName);
      if (same.length > 1) part += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
    }
    parts.unshift(part);
    if (e.id) break;
    e = parent;
  }
  return parts.join(' > ');
}
"""

_FOCUS_FACTS = _SELECTOR + """
const found = [];
const bar = document.querySelector('.quick-exit');
const items = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
  .filter(e => e.tabIndex >= 0 && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');
for (const e of items) {
  const before = getComputedStyle(e);
  const plain = [before.outlineStyle, before.outlineWidth, before.boxShadow, before.backgroundColor].join('|');
  e.focus({focusVisible: true});
  const after = getComputedStyle(e);
  const focused = [after.outlineStyle, after.outlineWidth, after.boxShadow, after.backgroundColor].join('|');
  const visible = document.activeElement === e && focused !== plain &&
    ((after.outlineStyle !== 'none' && parseFloat(after.outlineWidth) > 0) || after.boxShadow !== 'none');
  const r = e.getBoundingClientRect();
  let hiddenBy = '';
  if (bar && !bar.contains(e) && r.height > 0) {
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 8), 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    if (top && !e.contains(top) && !top.contains(e) && bar.contains(top)) hiddenBy = 'the quick exit bar';
  }
  if (!visible || hiddenBy) {
    found.push({selector: selector(e), html: e.outerHTML.slice(0, 200), text: e.textContent.trim().slice(0, 80),
                visible: visible, hiddenBy: hiddenBy});
  }
}
document.activeElement && document.activeElement.blur();
return found;
"""

_OVERFLOW = """
const doc = document.documentElement;
const wide = [];
for (const e of document.body.querySelectorAll('*')) {
  const s = getComputedStyle(e);
  if (s.overflowX !== 'visible' && s.overflowX !== 'clip' && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) wide.push(e.localName + '.' + [...e.classList].join('.'));
  if ((s.overflowY === 'hidden' || s.overflow === 'hidden') && e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0) wide.push(e.localName + '.' + [...e.classList].join('.') + ' (clipped)');
}
return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, clipped: wide.slice(0, 5)};
"""

_SPACING = """
for (const e of document.body.querySelectorAll('*')) {
  e.style.setProperty('line-height', '1.5', 'important');
  e.style.setProperty('letter-spacing', '0.12em', 'important');
  e.style.setProperty('word-spacing', '0.16em', 'important');
  if (e.localName === 'p') e.style.setProperty('margin-bottom', '2em', 'important');
}
"""

_EXIT_VISIBLE = """
const link = document.querySelector('[data-quick-exit]');
if (!link) return {present: false};
const r = link.getBoundingClientRect();
const x = r.left + r.width / 2, y = r.top + r.height / 2;
const inside = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
const top = inside ? document.elementFromPoint(x, y) : null;
return {present: true, inside: inside, onTop: !!top && (top === link || link.contains(top))};
"""


def wait_loaded(browser: Browser, timeout: float = 10) -> None:
    """Wait until the document has loaded and its deferred scripts have run."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if browser.driver.execute_script("return document.readyState") == "complete":
            return
        time.sleep(0.01)


def load(browser: Browser, url: str, width: int = 1280) -> None:
    """Open a page at a given viewport width, with the request log emptied first."""
    browser.viewport(width, 900)
    browser.requests()
    browser.driver.get(url)
    wait_loaded(browser)


def privacy_facts(browser: Browser, origin: str) -> Fact:
    """Requests to other origins, cookies, storage writes, referrer and CSP meta."""
    foreign = sorted({u for u in browser.requests()
                      if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                      and f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" != origin})
    state = browser.driver.execute_script(
        "return {writes: window.__guideWrites ? [...window.__guideWrites] : [],"
        " local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,"
        " referrer: (document.querySelector('meta[name=referrer]') || {}).content || '',"
        " csp: (document.querySelector('meta[http-equiv=Content-Security-Policy]') || {}).content || ''};"
    )
    state["cookies"] = [c["name"] for c in browser.driver.get_cookies()]
    state["foreign"] = foreign
    return state


def document_facts(browser: Browser) -> Fact:
    """``lang``, ``dir`` and the quick exit link's attributes."""
    return browser.driver.execute_script(
        "const l = document.querySelector('[data-quick-exit]');"
        "return {lang: document.documentElement.getAttribute('lang') || '',"
        " dir: document.documentElement.getAttribute('dir') || '',"
        " theme: !!document.querySelector('meta[name=generator][content^=\"quick-exit-theme\"]'),"
        " exit: l ? {href: l.href, rel: l.rel, text: l.textContent.trim()} : null};"
    )


def tab_order(browser: Browser) -> list[str]:
    """What the first two Tab presses focus: 'skip', 'exit' or a short description."""
    browser.driver.execute_script(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);"
        "window.__guideFocus = [];"
        "document.addEventListener('focusin', e => { const a = e.target; window.__guideFocus.push("
        "  a.matches('[data-quick-exit]') ? 'exit' :"
        "  a.matches('a[href=\"#main\"], a[href$=\"#main\"]') ? 'skip' : a.outerHTML.slice(0, 80)); });")
    ActionChains(browser.driver).send_keys(Keys.TAB).pause(0.02).send_keys(Keys.TAB).perform()
    seen: list[str] = browser.driver.execute_script("return window.__guideFocus.slice(0, 2);")
    seen = seen or ["nothing"]
    return seen[: seen.index("exit") + 1] if "exit" in seen else seen


def focus_facts(browser: Browser) -> list[Fact]:
    """Focusable elements whose focus is not visible or is hidden under the sticky bar."""
    return list(browser.driver.execute_script(_FOCUS_FACTS))


def reflow_facts(browser: Browser, width: int = 320) -> Fact:
    """Horizontal overflow at a narrow width, and the quick exit at the top and bottom."""
    browser.viewport(width, 640)
    facts = browser.driver.execute_script(_OVERFLOW)
    facts["exit_top"] = browser.driver.execute_script(_EXIT_VISIBLE)
    browser.driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight);")
    facts["exit_bottom"] = browser.driver.execute_script(_EXIT_VISIBLE)
    browser.driver.execute_script("window.scrollTo(0, 0);")
    return facts


def spacing_facts(browser: Browser) -> Fact:
    """Overflow after increasing text spacing as WCAG 1.4.12 describes."""
    browser.driver.execute_script(_SPACING)
    return browser.driver.execute_script(_OVERFLOW)


def axe_facts(browser: Browser) -> Fact:
    """axe-core's results for the current page."""
    return run_axe(browser)


def leave(browser: Browser, how: str, exit_url: str, timeout: float = 5) -> bool:
    """Use the quick exit (click, escape, shift3) and say whether the browser left."""
    driver = browser.driver
    if how == "click":
        driver.find_element("css selector", "[data-quick-exit]").click()
    elif how == "escape":
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    elif how == "shift3":
        chain = ActionChains(driver)
        for _ in range(3):
            chain.key_down(Keys.SHIFT).key_up(Keys.SHIFT)
        chain.perform()
    elif how == "enter":
        driver.find_element("css selector", "[data-quick-exit]").send_keys(Keys.ENTER)
    else:
        raise ValueError(how)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if driver.current_url.split("?")[0] == exit_url:
            return True
        time.sleep(0.02)
    return False


def theme_source(browser: Browser, selector: str) -> str:
    """The template that renders the element, if it belongs to the theme."""
    for css, template in THEME_PARTS:
        inside = browser.driver.execute_script(
            "const e = document.querySelector(arguments[0]);"
            "return !!(e && e.closest(arguments[1]));", selector, css)
        if inside:
            return template
    return ""


def screenshot(browser: Browser, selector: str) -> bytes | None:
    """A PNG of the element with a margin around it, outlined so the reviewer sees it."""
    rect = browser.driver.execute_script(
        "const e = document.querySelector(arguments[0]); if (!e) return null;"
        "e.scrollIntoView({block: 'center'});"
        "e.style.setProperty('outline', '4px solid #d4006e', 'important');"
        "e.style.setProperty('outline-offset', '2px', 'important');"
        "const r = e.getBoundingClientRect();"
        "return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};", selector)
    if not rect or rect["w"] <= 0 or rect["h"] <= 0:
        return None
    pad = 24
    clip = {"x": max(rect["x"] - pad, 0), "y": max(rect["y"] - pad, 0),
            "width": min(rect["w"] + 2 * pad, 1280), "height": min(rect["h"] + 2 * pad, 600),
            "scale": 1}
    import base64

    data = browser.cdp("Page.captureScreenshot", {"format": "png", "clip": clip,
                                                  "captureBeyondViewport": True})
    return base64.b64decode(data["data"])
