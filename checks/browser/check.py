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
from typing import Any

from checks.browser import facts as pc
from checks.browser.chrome import WCAG_TAGS, Browser, axe_script, expected_axe_rules
from checks.browser.rules import PageFacts, axe_ran
from checks.browser.serve import Server, serve
from checks.core import RULES, Finding, InputError, Options, rules
from checks.sources import locate, page_language_and_doc

#: Bump when what a visit checks changes, so cached results are not reused.
ENGINE = "browser-6"


def _shot_dir(options: Options) -> Path:
    path = options.config.build / "reports" / "shots"
    path.mkdir(parents=True, exist_ok=True)
    return path


class _Visit:
    """Turns one page's facts into findings, through every registered page rule."""

    def __init__(self, options: Options, site: Path, page: Path) -> None:
        self.options = options
        self.site = site
        self.page = page
        self.folder, self.doc = page_language_and_doc(site, page)

    def source_of(self, browser: Browser | None, selector: str, text: str) -> str:
        template = pc.theme_source(browser, selector) if selector and browser else ""
        return template or str(locate(self.site, self.page, text))

    def findings(self, facts: PageFacts, browser: Browser | None,
                 axe: bool | None = None) -> list[Finding]:
        """Findings of every page rule (``axe``: only axe-core's rules, or all but them)."""
        lang = facts.document.get("lang") or self.folder
        out: list[Finding] = []
        for family in sorted(self.options.families & {"a11y", "privacy"}):
            for registered in rules(family, "page"):
                if axe is not None and (registered.id in AXE_RULES) != axe:
                    continue
                for problem in registered.func(facts):
                    rule_id = f"{registered.id}-{problem.suffix}" if problem.suffix else registered.id
                    shot = ""
                    if problem.suffix and registered.severity == "error" and problem.element \
                            and browser is not None:
                        png = pc.screenshot(browser, problem.element)
                        if png:
                            name = hashlib.sha256(png).hexdigest()[:16] + ".png"
                            (_shot_dir(self.options) / name).write_bytes(png)
                            shot = f"shots/{name}"
                    out.append(Finding(
                        rule=rule_id, severity=registered.severity, path=str(self.page), line=1,
                        message=problem.message, lang=lang, check=family,
                        impact=problem.impact, element=problem.element, snippet=problem.snippet,
                        fix=problem.fix or registered.fix, screenshot=shot,
                        source=self.source_of(browser, problem.element, problem.text)
                        if problem.element or problem.text else ""))
        return out


#: The rules that read axe-core's results (run before the page is resized and restyled).
AXE_RULES = frozenset({"axe", "axe-review", "a11y-axe-version", "a11y-axe-rules"})


def _axe_texts(browser: Browser, result: dict[str, Any]) -> None:
    """Give each failing node its text, to find its source."""
    for item in result.get("violations", []) + result.get("incomplete", []):
        for node in item.get("nodes", [])[:5]:
            target = (node.get("target") or [""])[0]
            node["text"] = browser.driver.execute_script(
                "const e = document.querySelector(arguments[0]);"
                "return e ? e.textContent.trim().slice(0, 120) : '';", target) \
                if isinstance(target, str) and target else ""


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
        self.exits: dict[str, tuple[dict[str, bool], bool]] = {}
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

    def exit_facts(self, signature: str, browser: Browser,
                   url: str) -> tuple[dict[str, bool], bool]:
        """Leave by click, Escape and Shift x3, and without JavaScript: once per signature.
        Returns whether each way left, and whether the plain link left without JavaScript."""
        with self.lock:
            if signature in self.exits:
                return self.exits[signature]
            hit = self.cache / f"exit-{ENGINE}-{signature[:24]}.json" if self.cache else None
            if hit is not None and hit.exists():
                try:
                    data = json.loads(hit.read_text("utf-8"))
                    self.exits[signature] = ({str(k): bool(v) for k, v in data["ways"].items()},
                                             bool(data["nojs"]))
                    return self.exits[signature]
                except (OSError, ValueError, KeyError, TypeError, AttributeError):
                    pass  # a damaged entry is a miss
            ways: dict[str, bool] = {}
            for how in ("click", "escape", "shift3"):
                pc.load(browser, url)
                ways[how] = pc.leave(browser, how, self.server.exit_url)
            # DevTools' own "Disable JavaScript": no script runs in the pages loaded now.
            browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
            try:
                browser.driver.get(url)
                nojs = pc.leave(browser, "click", self.server.exit_url)
            finally:
                browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})
            self.exits[signature] = (ways, nojs)
            if hit is not None:
                hit.parent.mkdir(parents=True, exist_ok=True)
                hit.write_text(json.dumps({"ways": ways, "nojs": nojs}), "utf-8")
            return ways, nojs


def _visit(options: Options, shared: _Shared, page: Path, browser: Browser) -> list[Finding]:
    site, server = shared.site, shared.server
    visit = _Visit(options, site, page)
    url = server.url(page.relative_to(site).as_posix())
    pc.load(browser, url)
    document = pc.document_facts(browser)
    facts = PageFacts(folder=visit.folder, document=document,
                      expects_exit=bool(options.config.quick_exit_url) or document["theme"])
    if "privacy" in options.families:
        facts.privacy = pc.privacy_facts(browser, server.base)
    if "a11y" in options.families:
        facts.axe = pc.axe_facts(browser)
        facts.axe_expected = shared.axe_info(browser)[1]
        _axe_texts(browser, facts.axe)
        found = visit.findings(facts, browser, axe=True)
        if any(f.screenshot for f in found):
            pc.load(browser, url)  # screenshots outline elements: start again from a clean page
        has_exit = document["exit"] is not None
        facts.order = pc.tab_order(browser) if has_exit else None
        facts.focus = pc.focus_facts(browser)
        facts.reflow = pc.reflow_facts(browser)
        facts.spacing = pc.spacing_facts(browser)
        if has_exit:
            # Pages whose quick exit markup and scripts are identical behave identically:
            # leave from the first of them, and reuse what it found for the others.
            signature = _exit_signature(browser, site)
            facts.exits, facts.nojs_exit = shared.exit_facts(signature, browser, url)
        return found + visit.findings(facts, browser, axe=False)
    return visit.findings(facts, browser)


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
        for problem in axe_ran(version, WCAG_TAGS, expected, len(pages)):
            found.append(Finding(rule="a11y-axe-ran", severity=RULES["a11y-axe-ran"].severity,
                                 path=str(site), line=1, check="a11y", message=problem.message))
    return found


def run(paths: list[Path], options: Options) -> list[Finding]:
    """Check every page of each built site folder given."""
    out: list[Finding] = []
    for site in paths:
        if not site.is_dir():
            raise InputError(f"{site}: a built site folder is expected")
        out.extend(check_site(site, options))
    return [replace(f, check=f.check or "a11y") for f in out]
