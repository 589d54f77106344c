"""``python -m checks a11y`` and ``python -m checks privacy``: every page in a real browser.

The site is served on loopback as a host reading its ``_headers`` would serve it. Headless
Chromium is driven over the DevTools protocol (:mod:`.cdp`, no driver in between). Page
workers (:mod:`.workers`), one tab each in one browser, visit each page once: one load, then
every measurement at each screen in turn (:mod:`.visit`). What depends only on the theme
(leaving every way, history, forced colours) or on the headers (framing) is computed once per
distinct theme or header set (:mod:`.theme`, :mod:`.tasks`), by a worker of its own or on a
page a visit still shows. Findings are made once every task is done; results come from
:mod:`.cache` when nothing they depend on has changed.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from checks.browser import axe as axe_rules
from checks.browser import exit as exit_rules
from checks.browser import privacy as privacy_rules
from checks.browser.cache import Cache
from checks.browser.cdp import Chromium
from checks.browser.chrome import axe_script
from checks.browser.facts import page_facts
from checks.browser.findings import findings_of
from checks.browser.serve import serve
from checks.browser.tasks import Tasks, shared_facts, shared_files
from checks.browser.visit import prepare
from checks.browser.workers import PAGES, SHARED, page_worker, shared_worker
from checks.core import RULES, Finding, InputError, Options
from checks.sources import page_language_and_doc

_ = (exit_rules, privacy_rules)  # imported for their rules


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
    salt = f"{sorted(options.families)}|{options.config.quick_exit_url}"
    cache = Cache(options.cache_dir / "browser" if options.cache_dir else None, site, salt)
    results = {page: hit for page in pages if (hit := cache.get(page)) is not None}
    todo = [page for page in pages if page not in results]
    done, total = Counter[str](), Counter(page_language_and_doc(site, p)[0] or "root" for p in todo)
    lock = threading.Lock()

    def report(page: Path) -> None:
        with lock:
            lang = page_language_and_doc(site, page)[0] or "root"
            done[lang] += 1
            if options.progress:
                print(f"\r  browser: {lang} {done[lang]}/{total[lang]} pages   ", end="",
                      file=sys.stderr, flush=True)

    errors: list[BaseException] = []
    with serve(site, options.config.quick_exit_url, headers=True) as server:
        run = Tasks(site, server, cache, options, todo)

        def guard(work: Callable[[], None]) -> Callable[[], None]:
            def guarded() -> None:
                try:
                    work()
                except Exception as exc:
                    errors.append(exc)
                    run.stop()
            return guarded

        threads = [threading.Thread(target=guard(lambda: shared_worker(run)))]
        browser = Chromium(PAGES) if todo else None
        try:
            threads += [threading.Thread(target=guard(lambda: page_worker(run, browser, report)))
                        for _ in range(max(1, min(options.jobs, len(todo))))] if browser else []
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            if browser is not None:
                browser.close()
    if options.progress and todo:
        print(file=sys.stderr)
    if errors:
        if isinstance(errors[0], InputError):
            raise errors[0]
        raise InputError(f"{site}: browser check failed: {errors[0]!r}")
    for page in todo:
        seen = run.visited[page]
        facts = page_facts(site, page, options, seen.raw, run.axe, *shared_facts(run, seen))
        results[page] = findings_of(options, site, page, facts, seen.shots)
        cache.put(page, results[page], seen.files | shared_files(run, seen))
    if run.axe is not None:  # for a later run whose pages all come from the cache
        cache.store(cache.named("axe", ",".join(axe_rules.TAGS)), list(run.axe), set())
    found = [f for page in pages for f in results[page]]
    return found + _site_findings(site, options, run.axe, len(pages), cache)


def _site_findings(site: Path, options: Options, axe: tuple[str, list[str]] | None,
                   pages: int, cache: Cache) -> list[Finding]:
    out: list[Finding] = []
    if "a11y" in options.families:
        version, expected = axe or _axe_rules(cache)
        for problem in axe_rules.axe_ran(version, axe_rules.TAGS, expected, pages):
            out.append(Finding(rule="a11y-axe-ran", severity=RULES["a11y-axe-ran"].severity,
                               path=str(site), line=1, check="a11y", message=problem.message))
    if "privacy" in options.families and not (site / "_headers").is_file():
        for problem in privacy_rules.headers_file(str(site)):
            out.append(Finding(rule="privacy-headers-file", path=str(site), line=1,
                               severity=RULES["privacy-headers-file"].severity, check="privacy",
                               message=problem.message))
    return out


def _axe_rules(cache: Cache) -> tuple[str, list[str]]:
    """axe-core's version and the rules its tags select when every page came from the cache:
    from the cache too, or from a blank page."""
    name = cache.named("axe", ",".join(axe_rules.TAGS))
    stored = cache.load(name)
    if isinstance(stored, list) and len(stored) == 2:
        return str(stored[0]), [str(r) for r in stored[1]]
    with Chromium(SHARED) as browser:
        tab = browser.page()
        prepare(tab, "", axe_script().read_text("utf-8"))
        tab.navigate("about:blank")
        found = (str(tab.evaluate("axe.version")), list(tab.evaluate(
            f"__guideMeasure.expectedAxeRules({axe_rules.TAGS!r})")))
    cache.store(name, list(found), set())
    return found


def run(paths: list[Path], options: Options) -> list[Finding]:
    """Check every page of each built site folder given."""
    out: list[Finding] = []
    for site in paths:
        if not site.is_dir():
            raise InputError(f"{site}: a built site folder is expected")
        out.extend(check_site(site, options))
    return [replace(f, check=f.check or "a11y") for f in out]

