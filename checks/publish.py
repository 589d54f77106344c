"""``python -m checks.publish``: build, check, and publish only when nothing blocks.

The publication is ``_build/publish``, a symbolic link swapped atomically to a new folder
``_build/publications/<stamp>/`` holding ``site/`` (with ``_headers`` and ``sitemap.xml``),
``report/`` and ``held-back.txt``. A refused run leaves the previous publication untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from checks import cli
from checks.build import BuildResult, build
from checks.catalogs import published_languages
from checks.config import Config, ConfigError, load
from checks.core import Finding


def sitemap(config: Config, site: Path, base_url: str, codes: list[str]) -> str:
    """A sitemap listing each page once per language, with every translation as hreflang."""
    pages = sorted(p.stem for p in (site / config.source_language).glob("*.html"))
    base = base_url.rstrip("/")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
              'xmlns:xhtml="http://www.w3.org/1999/xhtml">')]
    for page in pages:
        for code in codes:
            if not (site / code / f"{page}.html").exists():
                continue
            lines.append(f"  <url><loc>{escape(f'{base}/{code}/{page}.html')}</loc>")
            for other in codes:
                if (site / other / f"{page}.html").exists():
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" '
                                 f'href="{escape(f"{base}/{other}/{page}.html")}"/>')
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                         f'href="{escape(f"{base}/{config.source_language}/{page}.html")}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def build_findings(result: BuildResult) -> list[Finding]:
    """A language that failed to build blocks publication."""
    return [
        Finding(rule="build-failed", severity="error", path=str(result.site / code), line=1,
                message=f"the {code} build failed: {error.splitlines()[0] if error else ''}",
                lang=code, check="translations", source=error.splitlines()[0].split(": ")[0]
                if error else "", fix="Fix the file and line named; rebuild with 'nox -s build'.")
        for code, error in result.failed.items()
    ]


def swap_in(config: Config, site: Path, reports: Path, held: dict[str, str], base_url: str,
            codes: list[str]) -> Path:
    """Copy site and report into a new publication and switch ``_build/publish`` to it."""
    root = config.build / "publications"
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    staging = root / f".{stamp}.tmp"
    shutil.copytree(site, staging / "site", ignore=shutil.ignore_patterns(".buildinfo", ".doctrees", ".inputs"))
    (staging / "site" / "sitemap.xml").write_text(sitemap(config, site, base_url, codes), "utf-8")
    shutil.copytree(reports, staging / "report", ignore=shutil.ignore_patterns("shots"))
    lines = [f"{code}: {why}" for code, why in held.items()] or ["none"]
    (staging / "held-back.txt").write_text("Held back:\n" + "\n".join(lines) + "\n", "utf-8")
    final = root / stamp
    staging.rename(final)
    link = config.build / "publish"
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # an older layout: a plain folder
    tmp_link = config.build / f".publish-{stamp}"
    tmp_link.symlink_to(final.relative_to(config.build))
    os.replace(tmp_link, link)  # atomic: readers see the old or the new publication, never half
    for old in sorted(p for p in root.iterdir() if p.name != stamp and not p.name.startswith("."))[:-1]:
        shutil.rmtree(old, ignore_errors=True)
    return link


def main(argv: list[str] | None = None) -> int:
    """Build, check and publish; exit 0 when published, 1 when refused, 2 on input errors."""
    parser = argparse.ArgumentParser(prog="python -m checks.publish", description=__doc__)
    parser.add_argument("--base-url", default="https://example.org",
                        help="where the site will be served, for sitemap.xml")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--root", type=Path, default=None, help="the project folder")
    args = parser.parse_args(argv)
    try:
        config = load(args.root.resolve()) if args.root else load()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    result = build(config, jobs=args.jobs)
    for lang, why in result.held_back.items():
        print(f"held back {lang}: {why}")
    for lang, error in result.failed.items():
        print(f"build failed for {lang}:\n{error}", file=sys.stderr)
    print(f"built {', '.join(result.built)} in {time.perf_counter() - start:.1f}s")
    reports = config.build / "reports"
    status = cli.main(["all", str(result.site), "--report-dir", str(reports), "--jobs", str(args.jobs),
                       "--root", str(config.root)], extra=build_findings(result))
    if status == 2:
        print("publish refused: the checks could not run (see above)", file=sys.stderr)
        return 2
    if status != 0 or result.failed:
        print("publish refused: blocking findings; _build/publish is unchanged. "
              f"See {reports / 'summary.md'}", file=sys.stderr)
        return 1
    codes = [lang.code for lang in published_languages(config) if lang.code in result.built]
    link = swap_in(config, result.site, reports, result.held_back, args.base_url, codes)
    print(f"published {', '.join(codes)} to {link} -> {link.resolve()} "
          f"in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
