"""``python -m checks a11y`` and ``python -m checks privacy``: every page in a real browser.

The site is served on loopback; each worker drives one headless Chromium (and, for the
no-JavaScript test, a second one) through a queue of pages, so there are as many browsers as
cores. a11y and privacy share the same visits. Results for a page whose content, theme files
and check version are unchanged come from a cache.
"""

from __future__ import annotations

import hashlib
import json
import queue
import sys
import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path

from babel import Locale

from checks.browser import facts as pc
from checks.browser.chrome import WCAG_TAGS, Browser, axe_script, expected_axe_rules
from checks.core import Finding, InputError, Options, declare
from checks.browser.serve import Server, serve
from checks.sources import locate, page_language_and_doc

#: Bump when what a visit checks changes, so cached results are not reused.
ENGINE = "browser-5"

for _rule in (
    ("axe", "a11y", "an axe-core WCAG 2.0/2.1/2.2 A or AA rule failed (rule id follows 'axe-')"),
    ("axe-review", "a11y", "axe-core could not decide: a person must check (needs review)", "warning"),
    ("a11y-axe-ran", "a11y", "which axe-core version and rules ran (information)", "info"),
    ("a11y-axe-version", "a11y", "the axe-core version is not the expected 4.x"),
    ("a11y-axe-rules", "a11y", "an axe-core rule expected for the WCAG tags did not run"),
    ("a11y-lang", "a11y", "<html lang> does not match the page's language folder"),
    ("a11y-dir", "a11y", "<html dir> is not rtl on a right-to-left language, or not ltr elsewhere"),
    ("a11y-quick-exit-missing", "a11y", "the page has no quick exit link"),
    ("a11y-quick-exit-rel", "a11y", "the quick exit link lacks rel=\"nofollow noreferrer\""),
    ("a11y-quick-exit-order", "a11y", "the quick exit is not reached within two Tab presses"),
    ("a11y-quick-exit-hidden", "a11y", "the quick exit is not visible at 320 px, at top or bottom"),
    ("a11y-quick-exit-broken", "a11y", "the quick exit does not leave by click, Escape or Shift x3"),
    ("a11y-quick-exit-nojs", "a11y", "the quick exit does not work as a plain link without JavaScript"),
    ("a11y-focus-visible", "a11y", "a focusable element shows no visible focus (WCAG 2.4.7)"),
    ("a11y-focus-obscured", "a11y", "a focused element is hidden under a sticky bar (WCAG 2.4.11)"),
    ("a11y-reflow", "a11y", "the page scrolls sideways at 320 px wide (WCAG 1.4.10)"),
    ("a11y-text-spacing", "a11y", "text overflows when spacing is increased (WCAG 1.4.12)"),
    ("privacy-request", "privacy", "the page requested something from another origin"),
    ("privacy-cookie", "privacy", "the page set a cookie"),
    ("privacy-storage", "privacy", "the page wrote to localStorage or sessionStorage"),
    ("privacy-referrer", "privacy", "the page lacks <meta name=\"referrer\" content=\"no-referrer\">"),
    ("privacy-csp", "privacy", "the page lacks a Content Security Policy limited to its own origin"),
):
    declare(*_rule)

FIXES = {
    "a11y-lang": "Set the language with 'language' in the build; the theme writes <html lang>.",
    "a11y-dir": "The theme sets dir from Babel's locale data; check _templates/layout.html.",
    "a11y-quick-exit-missing": "Include _templates/quick-exit.html in the page layout.",
    "a11y-quick-exit-rel": "Give the link rel=\"nofollow noreferrer\" in _templates/quick-exit.html.",
    "a11y-quick-exit-order": "Put the quick exit right after the skip link in _templates/layout.html.",
    "a11y-quick-exit-hidden": "Keep .quick-exit sticky at the top in _static/guide.css.",
    "a11y-quick-exit-broken": "Check _static/quick-exit.js loads and handles the key.",
    "a11y-quick-exit-nojs": "The quick exit must be a real <a href> to the destination.",
    "a11y-focus-visible": "Give the element a :focus-visible outline in _static/guide.css.",
    "a11y-focus-obscured": "Add scroll-padding for the sticky bar in _static/guide.css.",
    "a11y-reflow": "Let the element wrap or shrink at 320 px (overflow-wrap, max-width: 100%).",
    "a11y-text-spacing": "Do not fix heights or clip text; let boxes grow with their text.",
    "privacy-request": "Serve every file from the site itself; no CDN, font or analytics.",
    "privacy-cookie": "Remove whatever sets the cookie; the guide needs none.",
    "privacy-storage": "Remove the script that writes to storage (Sphinx search does this).",
    "privacy-referrer": "Add <meta name=\"referrer\" content=\"no-referrer\"> in the layout.",
    "privacy-csp": "Add the Content-Security-Policy meta of docs/_ext/guide_theme.py.",
}


def _direction(lang: str) -> str:
    try:
        return "rtl" if Locale.parse(lang.replace("-", "_")).text_direction == "rtl" else "ltr"
    except (ValueError, TypeError):
        return "ltr"


class _Visit:
    """Turns one page's facts into findings."""

    def __init__(self, options: Options, site: Path, page: Path, display: str) -> None:
        self.options = options
        self.site = site
        self.page = page
        self.display = display
        self.folder, self.doc = page_language_and_doc(site, page)
        self.lang = self.folder
        self.findings: list[Finding] = []

    def add(self, rule: str, message: str, family: str = "a11y", severity: str = "error",
            **extra: object) -> None:
        if family not in self.options.families:
            return
        self.findings.append(Finding(
            rule=rule, severity=severity, path=self.display, line=1, message=message,  # type: ignore[arg-type]
            lang=self.lang, check=family, fix=str(extra.pop("fix", FIXES.get(rule, ""))),
            **extra))  # type: ignore[arg-type]

    def source_of(self, browser: Browser, selector: str, text: str) -> str:
        template = pc.theme_source(browser, selector) if selector else ""
        if template:
            return template
        return str(locate(self.site, self.page, text))


def _shot_dir(options: Options) -> Path:
    path = options.config.build / "reports" / "shots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _axe_findings(visit: _Visit, browser: Browser, result: dict, expected: list[str]) -> None:
    if "error" in result:
        visit.add("a11y-axe-rules", f"axe-core failed to run: {result['error']}")
        return
    if not str(result.get("version", "")).startswith("4."):
        visit.add("a11y-axe-version", f"axe-core {result.get('version')} ran; 4.x expected")
    missing = sorted(set(expected) - set(result.get("ran", [])))
    if missing:
        visit.add("a11y-axe-rules", f"expected axe rules did not run: {', '.join(missing)}")
    for kind, severity in (("violations", "error"), ("incomplete", "warning")):
        for item in result.get(kind, []):
            for node in item.get("nodes", [])[:5]:
                target = node.get("target", [""])[0]
                selector = target if isinstance(target, str) else ""
                snippet = node.get("html", "")[:200]
                text = browser.driver.execute_script(
                    "const e = document.querySelector(arguments[0]);"
                    "return e ? e.textContent.trim().slice(0, 120) : '';", selector) if selector else ""
                shot = ""
                if severity == "error" and selector:
                    png = pc.screenshot(browser, selector)
                    if png:
                        name = hashlib.sha256(png).hexdigest()[:16] + ".png"
                        (_shot_dir(visit.options) / name).write_bytes(png)
                        shot = f"shots/{name}"
                prefix = "" if kind == "violations" else "needs review: "
                visit.add(
                    f"axe-{item['id']}" if kind == "violations" else f"axe-review-{item['id']}",
                    f"{prefix}{item['help']} ({item['id']})", severity=severity,
                    impact=item.get("impact") or "", element=selector, snippet=snippet,
                    fix=f"{node.get('failureSummary', '').strip()} See {item.get('helpUrl', '')}",
                    source=visit.source_of(browser, selector, text), screenshot=shot)


def _privacy_findings(visit: _Visit, facts: dict) -> None:
    for url in facts["foreign"]:
        visit.add("privacy-request", f"request to another origin: {url}", family="privacy")
    writes = list(facts["writes"])
    written = {w.split("=", 1)[1] for w in writes if w.startswith("document.cookie=")}
    for name in facts["cookies"]:
        if name not in written:  # a cookie set by a script is reported with the write below
            visit.add("privacy-cookie", f"cookie set: {name}", family="privacy")
    if facts["local"] and not any(w.startswith("localStorage") for w in writes):
        writes.append(f"localStorage holds {facts['local']} item(s)")
    if facts["session"] and not any(w.startswith("sessionStorage") for w in writes):
        writes.append(f"sessionStorage holds {facts['session']} item(s)")
    for write in writes:
        if write.startswith("document.cookie"):
            visit.add("privacy-cookie", f"script wrote a cookie: {write}", family="privacy")
        else:
            visit.add("privacy-storage", f"storage written: {write}", family="privacy")
    if facts["referrer"] != "no-referrer":
        visit.add("privacy-referrer", f"referrer meta is {facts['referrer']!r}, "
                  "'no-referrer' expected", family="privacy")
    csp = facts["csp"]
    if "default-src 'self'" not in csp or any(t in csp for t in ("*", "http:", "https:")):
        visit.add("privacy-csp", f"Content-Security-Policy meta is {csp!r}", family="privacy")


def _layout_findings(visit: _Visit, browser: Browser, server: Server, url: str) -> None:
    doc = pc.document_facts(browser)
    if visit.folder and doc["lang"].split("-")[0] != visit.folder.split("-")[0]:
        visit.add("a11y-lang", f"<html lang> is {doc['lang']!r} in the {visit.folder!r} folder")
    want = _direction(doc["lang"] or visit.folder or "en")
    have = doc["dir"] or "ltr"
    if have != want:
        visit.add("a11y-dir", f"<html dir> is {doc['dir']!r}; {doc['lang']!r} reads {want}")
    if doc["exit"] is None:
        visit.add("a11y-quick-exit-missing", "no element with data-quick-exit")
        return
    rel = set(doc["exit"]["rel"].split())
    if not {"nofollow", "noreferrer"} <= rel:
        visit.add("a11y-quick-exit-rel", f"quick exit rel is {doc['exit']['rel']!r}")
    order = pc.tab_order(browser)
    if "exit" not in order or (order[0] not in ("skip", "exit")):
        visit.add("a11y-quick-exit-order", f"first Tab presses reached: {', '.join(order)}")
    for item in pc.focus_facts(browser):
        if not item["visible"]:
            visit.add("a11y-focus-visible", f"no visible focus on {item['text']!r}",
                      element=item["selector"], snippet=item["html"],
                      source=visit.source_of(browser, item["selector"], item["text"]))
        if item["hiddenBy"]:
            visit.add("a11y-focus-obscured", f"{item['text']!r} is hidden under {item['hiddenBy']}",
                      element=item["selector"], snippet=item["html"],
                      source=visit.source_of(browser, item["selector"], item["text"]))
    narrow = pc.reflow_facts(browser)
    if narrow["scrollWidth"] > narrow["clientWidth"] + 1:
        visit.add("a11y-reflow", f"page is {narrow['scrollWidth']} px wide in a 320 px viewport")
    for where in ("exit_top", "exit_bottom"):
        facts = narrow[where]
        if not (facts.get("inside") and facts.get("onTop")):
            place = "top" if where == "exit_top" else "bottom"
            visit.add("a11y-quick-exit-hidden", f"quick exit not visible at 320 px at the {place}")
    spaced = pc.spacing_facts(browser)
    if spaced["scrollWidth"] > spaced["clientWidth"] + 1 or spaced["clipped"]:
        detail = ", ".join(spaced["clipped"]) or f"{spaced['scrollWidth']} px wide"
        visit.add("a11y-text-spacing", f"with WCAG 1.4.12 spacing: {detail}")


def _exit_signature(browser: Browser, site: Path) -> str:
    """What the quick exit's behaviour depends on: its markup and every script the page runs."""
    parts = browser.driver.execute_script(
        "const q = document.querySelector('.quick-exit') || document.querySelector('[data-quick-exit]');"
        "return [q ? q.outerHTML : '', ...[...document.scripts].map(s => s.src ? "
        "new URL(s.src).pathname : 'inline:' + s.textContent)];")
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
        if part.startswith("/") and (site / part.lstrip("/")).is_file():
            digest.update((site / part.lstrip("/")).read_bytes())
    return digest.hexdigest()


class _Shared:
    """What the workers of one site check share: the server, the quick exit results per
    signature, and axe-core's version and expected rules."""

    def __init__(self, site: Path, server: Server, cache: Path | None) -> None:
        self.site = site
        self.server = server
        self.cache = cache
        self.lock = threading.Lock()
        self.exits: dict[str, list[tuple[str, str]]] = {}
        self.axe: tuple[str, list[str]] | None = None

    def _axe_file(self) -> Path | None:
        digest = hashlib.sha256(axe_script().read_bytes() + ",".join(WCAG_TAGS).encode()).hexdigest()
        return self.cache / f"axe-{digest[:16]}.json" if self.cache else None

    def axe_info(self, browser: Browser | None = None) -> tuple[str, list[str]]:
        """axe-core's version and the rules the WCAG tags select (cached by axe's content)."""
        with self.lock:
            if self.axe is not None:
                return self.axe
            hit = self._axe_file()
            if hit is not None and hit.exists():
                data = json.loads(hit.read_text("utf-8"))
                self.axe = (data["version"], data["rules"])
                return self.axe
            own = browser is None
            probe = Browser() if browser is None else browser
            try:
                if own:
                    pc.load(probe, self.server.url("index.html"))
                rules = expected_axe_rules(probe)
                version = str(probe.driver.execute_script("return axe.version"))
            finally:
                if own:
                    probe.quit()
            if hit is not None:
                hit.parent.mkdir(parents=True, exist_ok=True)
                hit.write_text(json.dumps({"version": version, "rules": rules}), "utf-8")
            self.axe = (version, rules)
            return self.axe

    def exit_facts(self, signature: str, browser: Browser, url: str) -> list[tuple[str, str]]:
        """Leave by click, Escape and Shift x3, and without JavaScript: once per signature."""
        with self.lock:
            if signature in self.exits:
                return self.exits[signature]
            hit = self.cache / f"exit-{ENGINE}-{signature[:24]}.json" if self.cache else None
            if hit is not None and hit.exists():
                self.exits[signature] = [tuple(x) for x in json.loads(hit.read_text("utf-8"))]  # type: ignore[misc]
                return self.exits[signature]
            found: list[tuple[str, str]] = []
            for how in ("click", "escape", "shift3"):
                pc.load(browser, url)
                if not pc.leave(browser, how, self.server.exit_url):
                    found.append(("a11y-quick-exit-broken", f"quick exit by {how} did not leave the page"))
            # DevTools' own "Disable JavaScript": no script runs in the pages loaded now.
            browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
            try:
                browser.driver.get(url)
                if not pc.leave(browser, "click", self.server.exit_url):
                    found.append(("a11y-quick-exit-nojs",
                                  "without JavaScript the quick exit link did not leave"))
            finally:
                browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})
            self.exits[signature] = found
            if hit is not None:
                hit.parent.mkdir(parents=True, exist_ok=True)
                hit.write_text(json.dumps(found), "utf-8")
            return found


def _visit(options: Options, shared: _Shared, page: Path, browser: Browser) -> list[Finding]:
    site, server = shared.site, shared.server
    visit = _Visit(options, site, page, str(page))
    url = server.url(page.relative_to(site).as_posix())
    pc.load(browser, url)
    visit.lang = pc.document_facts(browser)["lang"] or visit.folder
    if "privacy" in options.families:
        _privacy_findings(visit, pc.privacy_facts(browser, server.base))
    if "a11y" in options.families:
        result = pc.axe_facts(browser)
        _axe_findings(visit, browser, result, shared.axe_info(browser)[1])
        if any(f.screenshot for f in visit.findings):
            pc.load(browser, url)  # screenshots outlined elements: start again from a clean page
        has_exit = bool(browser.driver.find_elements("css selector", "[data-quick-exit]"))
        signature = _exit_signature(browser, site) if has_exit else ""
        _layout_findings(visit, browser, server, url)
        if signature:
            # Pages whose quick exit markup and scripts are identical behave identically:
            # leave from the first of them, and reuse what it found for the others.
            for rule, message in shared.exit_facts(signature, browser, url):
                visit.add(rule, message)
    return visit.findings


def _cache_key(site: Path, page: Path, options: Options) -> str:
    digest = hashlib.sha256(ENGINE.encode())
    digest.update(",".join(sorted(options.families)).encode())
    digest.update(options.config.quick_exit_url.encode())
    digest.update(page.read_bytes())
    static = page.parent / "_static"
    for asset in sorted(static.glob("*")) if static.is_dir() else []:
        digest.update(asset.name.encode() + asset.read_bytes())
    return digest.hexdigest()


def pages_of(site: Path) -> list[Path]:
    """Every HTML page of the site: the language chooser and each language's pages."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def check_site(site: Path, options: Options) -> list[Finding]:
    """Visit every page of one built site and return the findings."""
    wanted = set(options.languages)
    if options.config.source_language in wanted:
        wanted.add("")  # the language chooser at the site's root is in the source language
    pages = [p for p in pages_of(site) if not wanted or page_language_and_doc(site, p)[0] in wanted]
    if not pages:
        raise InputError(f"{site}: no HTML pages (build the site first)")
    cache = options.cache_dir / "browser" if options.cache_dir else None
    results: dict[Path, list[Finding]] = {}
    todo: queue.Queue[tuple[Path, str]] = queue.Queue()
    for page in pages:
        key = _cache_key(site, page, options)
        hit = cache / f"{key}.json" if cache else None
        if hit is not None and hit.exists():
            results[page] = [Finding(**item) for item in json.loads(hit.read_text("utf-8"))]
        else:
            todo.put((page, key))
    done = Counter[str]()
    total = Counter(page_language_and_doc(site, p)[0] or "root" for p in pages)
    lock = threading.Lock()
    errors: list[BaseException] = []

    with serve(site, options.config.quick_exit_url) as server:
        shared = _Shared(site, server, cache)

        def worker() -> None:
            browser: Browser | None = None
            try:
                browser = Browser()
                if "a11y" in options.families:
                    browser.preload_axe()
                while True:
                    try:
                        page, key = todo.get_nowait()
                    except queue.Empty:
                        return
                    found = _visit(options, shared, page, browser)
                    with lock:
                        results[page] = found
                        lang = page_language_and_doc(site, page)[0] or "root"
                        done[lang] += 1
                        if options.progress:
                            print(f"\r  browser: {lang} {done[lang]}/{total[lang]} pages   ",
                                  end="", file=sys.stderr, flush=True)
                    if cache is not None:
                        cache.mkdir(parents=True, exist_ok=True)
                        (cache / f"{key}.json").write_text(
                            json.dumps([f.to_json() for f in found], ensure_ascii=False), "utf-8")
            except Exception as exc:  # noqa: BLE001 - raised below, once every worker has stopped
                errors.append(exc)
            finally:
                if browser is not None:
                    browser.quit()

        threads = [threading.Thread(target=worker)
                   for _ in range(max(1, min(options.jobs, todo.qsize())))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        version, expected = shared.axe_info() if "a11y" in options.families else ("", [])
    if options.progress:
        print(file=sys.stderr)
    if errors:
        if isinstance(errors[0], InputError):
            raise errors[0]
        raise InputError(f"{site}: browser check failed: {errors[0]!r}")
    found = [f for page in pages for f in results.get(page, [])]
    if "a11y" in options.families:
        found.append(Finding(
            rule="a11y-axe-ran", severity="info", path=str(site), line=1, check="a11y",
            message=f"axe-core {version} with tags {', '.join(WCAG_TAGS)}: {len(expected)} rules "
                    f"expected and checked on each of {len(pages)} pages: {', '.join(expected)}"))
    return found


def run(paths: list[Path], options: Options) -> list[Finding]:
    """Check every page of each built site folder given."""
    out: list[Finding] = []
    for site in paths:
        if not site.is_dir():
            raise InputError(f"{site}: a built site folder is expected")
        out.extend(check_site(site, options))
    return [replace(f, check=f.check or "a11y") for f in out]
