"""The publish gate: build, check a private copy, and publish exactly the bytes that were checked.

The publication is ``_build/publish``, a symbolic link swapped atomically to a new folder
``_build/publications/<stamp>/`` holding ``site/`` (with ``_headers`` and ``sitemap.xml``),
``report/`` and ``held-back.txt``. Publishing refuses (exit 1, the previous publication
untouched) on any blocking finding; a check that cannot run refuses with exit 2.

Only one publish or build runs at a time (:mod:`pipeline.locking`). The built site is copied
into a private staging folder first and the checks run on that copy, so a build running at the
same time can change nothing that is published. Staging left by an interrupted run is removed
at the next start.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from checks.core import Finding, InputError, Options, apply_baseline, exit_code, load_baseline
from checks.report.write import write_reports
from checks.run import ORDER, run_checks
from pipeline.build import BuildResult, build
from pipeline.config import Config
from pipeline.locking import Busy, hold
from pipeline.sitemap import sitemap

PUBLICATIONS = "publications"


@dataclass(frozen=True)
class Outcome:
    """What one publish run did: its exit code, the report and, when published, the link."""

    code: int
    report: Path
    link: Path | None = None


def build_findings(result: BuildResult) -> list[Finding]:
    """A language that failed to build blocks publication."""
    out = []
    for code, error in result.failed.items():
        first = error.splitlines()[0] if error else ""
        out.append(Finding(
            rule="build-failed", severity="error", path=f"{result.site.name}/{code}", line=1,
            message=f"the {code} build failed: {first}", lang=code, check="translations",
            source=first.split(": ")[0], fix="Fix the file and line named; then run "
            "'nox -s build' again."))
    return out


def _clean_staging(root: Path, build: Path) -> None:
    """Remove what an interrupted run left: staging folders and half-made links."""
    if root.is_dir():
        for leftover in root.glob(".*.tmp"):
            shutil.rmtree(leftover, ignore_errors=True)
    for link in build.glob(".publish-*"):
        link.unlink(missing_ok=True)


def _stage(site: Path, staging: Path) -> Path:
    """A private copy of the built site, with the build's source maps (which the checks read)."""
    copy = staging / "site"
    shutil.copytree(site, copy, symlinks=False,
                    ignore=shutil.ignore_patterns(".buildinfo", ".doctrees", ".inputs", "*.tmp"))
    return copy


def _strip_private(site: Path) -> None:
    """Remove what readers never get: source maps and other dot files."""
    for path in sorted(site.rglob(".*"), reverse=True):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _swap_in(config: Config, staging: Path, stamp: str) -> Path:
    root = config.build / PUBLICATIONS
    final = root / stamp
    staging.rename(final)
    link = config.build / "publish"
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # an older layout: a plain folder
    tmp_link = config.build / f".publish-{stamp}"
    tmp_link.symlink_to(final.relative_to(config.build))
    os.replace(tmp_link, link)  # atomic: readers see the old or the new publication, never half
    older = sorted(p for p in root.iterdir() if p.name != stamp and not p.name.startswith("."))
    for old in older[:-1]:  # keep the one before, to go back to
        shutil.rmtree(old, ignore_errors=True)
    return link


def publish(config: Config, *, base_url: str = "https://example.org", jobs: int = 2,
            cache: bool = True) -> Outcome:
    """Build, check the private copy and publish it when nothing blocks."""
    config = replace(config, base_url=base_url.rstrip("/"))
    root = config.build / PUBLICATIONS
    root.mkdir(parents=True, exist_ok=True)
    _clean_staging(root, config.build)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    staging = root / f".{stamp}.tmp"
    reports = config.build / "reports"
    try:
        start = time.perf_counter()
        result = build(config, jobs=jobs)
        for lang, why in result.held_back.items():
            print(f"held back {lang}: {why}")
        for lang, error in result.failed.items():
            print(f"build failed for {lang}:\n{error}", file=sys.stderr)
        print(f"built {', '.join(result.built)} in {time.perf_counter() - start:.1f}s")
        site = _stage(result.site, staging)
        cache_dir = config.build / "cache" if cache else None
        found = run_checks(config, site, ORDER, jobs=jobs, cache_dir=cache_dir)
        baseline = load_baseline(config.root / "checks" / "baseline.toml")
        findings = apply_baseline(found + build_findings(result), baseline)
        options = Options(config=config, jobs=jobs, cache_dir=cache_dir)
        write_reports(findings, staging / "report", options, list(ORDER), baseline,
                      held_back=result.held_back)
        shutil.rmtree(reports, ignore_errors=True)
        shutil.copytree(staging / "report", reports)
        if exit_code(findings) != 0 or result.failed:
            blocking = sum(f.blocks for f in findings)
            print(f"publish refused: {blocking} blocking findings; _build/publish is unchanged. "
                  f"See {reports / 'summary.md'}", file=sys.stderr)
            return Outcome(1, reports)
        _strip_private(site)
        (site / "sitemap.xml").write_text(
            sitemap(site, base_url, result.published, config.source_language), "utf-8")
        held = [f"{code}: {why}" for code, why in result.held_back.items()] or ["none"]
        (staging / "held-back.txt").write_text("Held back:\n" + "\n".join(held) + "\n", "utf-8")
        link = _swap_in(config, staging, stamp)
        print(f"published {', '.join(result.published)} to {link} -> {link.resolve()} "
              f"in {time.perf_counter() - start:.1f}s")
        return Outcome(0, reports, link)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(config: Config, base_url: str, jobs: int, cache: bool = True) -> int:
    """Publish under the lock; exit 0 published, 1 refused, 2 the checks could not run."""
    try:
        with hold(config.build):
            return publish(config, base_url=base_url, jobs=jobs, cache=cache).code
    except Busy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("publish refused: the checks could not run; _build/publish is unchanged",
              file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        print("publish refused: _build/publish is unchanged", file=sys.stderr)
        return 2
