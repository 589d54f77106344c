"""Headless Chromium through Selenium, and a thin axe-core wrapper.

Chromium and its driver come from Debian (``/usr/bin/chromium``, ``/usr/bin/chromedriver``);
Selenium is given the driver's path so that it downloads nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Self

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

from checks.core import InputError

CHROMIUM = os.environ.get("GUIDE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("GUIDE_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-extensions", "--disable-default-apps", "--hide-scrollbars",
    "--force-device-scale-factor=1", "--lang=en-GB",
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

#: Records every cookie and storage write a page makes, before any of its scripts run.
_WATCH_STORAGE = """
(() => {
  const writes = [];
  Object.defineProperty(window, '__guideWrites', {value: writes});
  for (const name of ['setItem', 'removeItem', 'clear']) {
    const real = Storage.prototype[name];
    Storage.prototype[name] = function (...args) {
      const area = this === window.localStorage ? 'localStorage' : 'sessionStorage';
      writes.push(area + '.' + name + '(' + String(args[0] ?? '') + ')');
      return real.apply(this, args);
    };
  }
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', {
    get() { return desc.get.call(document); },
    set(v) {
      writes.push('document.cookie=' + String(v).split('=')[0]);
      desc.set.call(document, v);
    },
  });
})();
"""


def available() -> bool:
    """Whether Chromium and ChromeDriver are installed."""
    return shutil.which(CHROMIUM) is not None and shutil.which(CHROMEDRIVER) is not None


class Browser:
    """One headless Chromium, reused for many pages."""

    def __init__(self, javascript: bool = True, width: int = 1280, height: int = 900) -> None:
        if not available():
            raise InputError(
                f"Chromium not found at {CHROMIUM} or ChromeDriver at {CHROMEDRIVER}: "
                "run 'apt-get install -y chromium chromium-driver'"
            )
        self.profile = tempfile.mkdtemp(prefix="guide-chrome-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        if not javascript:
            options.add_experimental_option(
                "prefs", {"profile.managed_default_content_settings.javascript": 2}
            )
        try:
            self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        except WebDriverException as exc:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise InputError(f"Chromium did not start: {exc.msg}") from None
        self.javascript = javascript
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        if javascript:
            self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH_STORAGE})

    def preload_axe(self) -> None:
        """Load axe-core into every page this browser opens, before the page's own scripts,
        so that Chromium compiles it once and reuses the compiled code."""
        self.cdp("Page.addScriptToEvaluateOnNewDocument",
                 {"source": axe_script().read_text("utf-8")})

    def cdp(self, command: str, params: dict[str, Any] | None = None) -> Any:
        """Run a Chrome DevTools Protocol command."""
        return self.driver.execute_cdp_cmd(command, params or {})

    def viewport(self, width: int, height: int = 800) -> None:
        """Emulate a viewport of exactly this many CSS pixels."""
        self.cdp("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    def requests(self) -> list[str]:
        """URLs the browser asked for since the last call (from the performance log)."""
        urls: list[str] = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(message["params"]["request"]["url"])
        return urls

    def quit(self) -> None:
        """Close the browser and remove its profile."""
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.quit()


def axe_script() -> Path:
    """The axe-core script bundled with axe-selenium-python."""
    from axe_selenium_python.axe import _DEFAULT_SCRIPT

    return Path(_DEFAULT_SCRIPT)


def run_axe(browser: Browser, tags: list[str] | None = None) -> dict[str, Any]:
    """Run axe-core with the WCAG A and AA tags, injecting it unless the page already has it."""
    if not browser.driver.execute_script("return typeof axe === 'object'"):
        Axe(browser.driver).inject()
    options = {
        "runOnly": {"type": "tag", "values": tags or WCAG_TAGS},
        "resultTypes": ["violations", "incomplete"],
    }
    result: dict[str, Any] = browser.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0])"
        "  .then(r => done({version: axe.version, violations: r.violations,"
        "    incomplete: r.incomplete, ran: [].concat(r.passes, r.violations, r.incomplete,"
        "    r.inapplicable).map(x => x.id)}))"
        "  .catch(e => done({error: String(e)}));",
        options,
    )
    return result


def expected_axe_rules(browser: Browser, tags: list[str] | None = None) -> list[str]:
    """The axe rules that the tags select (axe must be injected in the current page)."""
    Axe(browser.driver).inject()
    rules: list[str] = browser.driver.execute_script(
        "return axe.getRules(arguments[0]).filter(r => !r.tags.includes('experimental')"
        " && !r.tags.includes('deprecated')).map(r => r.ruleId);", tags or WCAG_TAGS
    )
    return sorted(rules)
