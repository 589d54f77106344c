"""The one typed entry to the checks: :func:`run_checks`.

The command line (:mod:`checks.cli`), the publish gate and the benchmarks all call it. Each
family is a function ``run(paths, options) -> list[Finding]``; a11y and privacy share one
browser visit per page, so they run as one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
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


def run_checks(config: Config, site: Path | None, families: Sequence[str], *,
               catalogues: Sequence[Path] = (), jobs: int = 2, cache_dir: Path | None = None,
               languages: frozenset[str] = frozenset(), progress: bool = False,
               timings: bool = True) -> list[Finding]:
    """Run the named families on a built site (and catalogues) and return all their findings.

    ``catalogues`` defaults to :func:`default_catalogues`; the page families need ``site``.
    """
    options = Options(config=config, jobs=jobs, cache_dir=cache_dir, progress=progress,
                      languages=languages)
    findings: list[Finding] = []
    done: set[Runner] = set()
    for family in [f for f in ORDER if f in families]:
        runner = FAMILIES[family]
        if runner in done:
            continue
        done.add(runner)
        wanted = frozenset(f for f in families if FAMILIES[f] is runner)
        if family == "translations":
            paths = list(catalogues) or default_catalogues(config, languages)
        elif family == "reviews":
            paths = [config.docs]
        else:
            paths = [site] if site is not None else []
        start = time.perf_counter()
        found = runner(paths, replace(options, families=wanted))
        findings.extend(found)
        if timings:
            print(f"  {'+'.join(sorted(wanted))}: {len(found)} findings in "
                  f"{time.perf_counter() - start:.1f}s", file=sys.stderr)
    return findings
