"""The one typed entry to the checks: :func:`run_checks`.

The command line (:mod:`checks.cli`), the publish gate and the benchmarks all call it. Each
family is a function ``run(paths, options) -> list[Finding]``; a11y and privacy share one
browser visit per page, so they run as one.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checks import reviews
from checks.browser import check as browser
from checks.core import Finding, Options
from checks.readability import check as readability
from checks.translations import check as translations
from pipeline.config import Config

Runner = Callable[[list[Path], Options], list[Finding]]

#: Each family and what runs it, in the order they run and are reported.
FAMILIES: dict[str, Runner] = {
    "translations": translations.run,
    "reviews": reviews.run,
    "readability": readability.run,
    "a11y": browser.run,
    "privacy": browser.run,
}
ORDER = tuple(FAMILIES)


def default_catalogues(config: Config, languages: frozenset[str] = frozenset()) -> list[Path]:
    """The catalogues the translations check reads by default: the project's, and the theme's
    when the theme is developed in this project (not someone else's installed copy)."""
    import quick_exit_theme

    theme = Path(quick_exit_theme.__file__).resolve().parent / "locale"
    folders = [config.locales] + ([theme] if theme.is_relative_to(config.root.resolve()) else [])
    found: list[Path] = []
    for folder in folders:
        if languages:
            found += [folder / code for code in sorted(languages) if (folder / code).is_dir()]
        elif folder.is_dir():
            found.append(folder)
    return found


@dataclass(frozen=True, eq=False)  # each group is itself: a key by identity
class _Group:
    """Families that one runner checks together, and what it reads."""

    runner: Runner
    families: frozenset[str]
    paths: list[Path]


def run_checks(config: Config, site: Path | None, families: Sequence[str], *,
               catalogues: Sequence[Path] = (), jobs: int = 2, cache_dir: Path | None = None,
               languages: frozenset[str] = frozenset(), progress: bool = False,
               timings: bool = True) -> list[Finding]:
    """Run the named families on a built site (and catalogues) and return all their findings,
    in the order of :data:`ORDER` whatever order they ran in.

    ``catalogues`` defaults to :func:`default_catalogues`; the page families need ``site``.
    The browser's families run beside the others: those are Python on one core, while the
    browser's work is mostly Chromium's, so a core would otherwise wait. An error of either
    side is raised once both have finished, so no browser is left running.
    """
    options = Options(config=config, jobs=jobs, cache_dir=cache_dir, progress=progress,
                      languages=languages)
    groups: list[_Group] = []
    for family in [f for f in ORDER if f in families]:
        runner = FAMILIES[family]
        if any(group.runner is runner for group in groups):
            continue
        if family == "translations":
            paths = list(catalogues) or default_catalogues(config, languages)
        elif family == "reviews":
            paths = [config.docs]
        else:
            paths = [site] if site is not None else []
        groups.append(_Group(runner, frozenset(f for f in families if FAMILIES[f] is runner),
                             paths))
    results: dict[_Group, tuple[list[Finding], float]] = {}

    def run(group: _Group) -> None:
        start = time.perf_counter()
        found = group.runner(group.paths, replace(options, families=group.families))
        results[group] = (found, time.perf_counter() - start)

    beside = [g for g in groups if g.runner is browser.run]
    rest = [g for g in groups if g.runner is not browser.run]
    failed: list[BaseException] = []
    if beside and rest:
        def run_rest() -> None:
            try:
                for group in rest:
                    run(group)
            except BaseException as exc:  # raised below, once the browser is done too
                failed.append(exc)

        thread = threading.Thread(target=run_rest, name="checks-without-browser")
        thread.start()
        try:
            for group in beside:
                run(group)
        finally:
            thread.join()
        if failed:
            raise failed[0]
    else:
        for group in groups:
            run(group)
    findings: list[Finding] = []
    for group in groups:
        found, seconds = results[group]
        findings.extend(found)
        if timings:
            print(f"  {'+'.join(sorted(group.families))}: {len(found)} findings in "
                  f"{seconds:.1f}s", file=sys.stderr)
    return findings
