"""Time every stage of the pipeline, on the real guide and on a generated corpus N times its size.

    .venv/bin/python benchmarks/run.py [--scale 10] [--jobs 2] [--only real|corpus]
                                       [--peer pa11y-ci]

Each stage runs in a fresh copy of the project under a temporary folder, so the working tree
and its ``_build`` are untouched. "cold" starts with no cache and no earlier build; "cached"
runs again with nothing changed; "one edit" changes one translated sentence first. Prints a
Markdown table of seconds and pages per second, then the targets as ratios. ``--peer pa11y-ci``
also runs pa11y-ci (installed by npm into ``_build/peers/``) with axe-core only on the same
pages, served the same way, and compares the browser suite with it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import peer  # noqa: E402
from checks.browser.check import pages_of  # noqa: E402
from checks.browser.serve import serve  # noqa: E402
from checks.core import Finding, Options, apply_baseline, load_baseline  # noqa: E402
from checks.report.write import write_reports  # noqa: E402
from checks.run import ORDER, run_checks  # noqa: E402
from pipeline.build import build  # noqa: E402
from pipeline.catalogues import extract, update  # noqa: E402
from pipeline.config import Config, parse  # noqa: E402

BROWSER = ("a11y", "privacy")


@dataclass(frozen=True)
class Row:
    """One timed stage."""

    corpus: str
    stage: str
    mode: str
    seconds: float
    pages: int

    @property
    def rate(self) -> float:
        """Pages per second."""
        return self.pages / self.seconds if self.seconds else 0.0


def copy_project(target: Path, scale: int) -> Config:
    """A copy of the project; with ``scale`` > 1 every page appears ``scale`` times."""
    for name in ("_templates", "_static", "pyproject.toml", "checks/baseline.toml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        elif src.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, target / name)
    docs = target / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locales", target / "locales", ignore=shutil.ignore_patterns("*.mo"))
    if scale > 1:
        pages = sorted(p.stem for p in docs.glob("*.rst") if p.stem != "index")
        for copy in range(2, scale + 1):
            for page in pages:
                text = (docs / f"{page}.rst").read_text(encoding="utf-8")
                (docs / f"{page}-{copy}.rst").write_text(text, encoding="utf-8")
                for po in (target / "locales").glob(f"*/LC_MESSAGES/{page}.po"):
                    shutil.copy(po, po.with_name(f"{page}-{copy}.po"))
        index = (docs / "index.rst").read_text(encoding="utf-8")
        extra = "".join(f"   {p}-{c}\n" for c in range(2, scale + 1) for p in pages)
        index = index.replace("   accessibility\n", "   accessibility\n" + extra, 1)
        (docs / "index.rst").write_text(index, encoding="utf-8")
    return parse(target / "pyproject.toml")


def check(config: Config, families: Sequence[str], jobs: int, cache: bool) -> list[Finding]:
    """The named check families on the built site, through the one typed entry."""
    return run_checks(config, config.build / "site", families, jobs=jobs,
                      cache_dir=config.build / "cache" if cache else None, timings=False)


def report(config: Config, jobs: int, cache: bool) -> None:
    """Every check, then the reviewer's report, as ``python -m checks all`` makes it."""
    families = list(ORDER)
    baseline = load_baseline(config.root / "checks" / "baseline.toml")
    findings = apply_baseline(check(config, families, jobs, cache), baseline)
    options = Options(config=config, families=frozenset(families), jobs=jobs)
    write_reports(findings, config.build / "reports", options, families, baseline)


def edit_one_entry(config: Config) -> None:
    """Change one Welsh sentence (and back, on the next call)."""
    po = config.locales / "cy" / "LC_MESSAGES" / "support.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r"ddydd neu nos|ddydd a nos", lambda m: "ddydd a nos"
                         if m.group(0) == "ddydd neu nos" else "ddydd neu nos", text, count=1),
                  encoding="utf-8")


def timed(func: Callable[[], object]) -> float:
    """Seconds a stage takes; what it prints (each catalogue it updates) is left out."""
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        func()
    return time.perf_counter() - start


def peer_rate(config: Config, jobs: int, name: str) -> float | None:
    """pa11y-ci's pages per second on the built site, or None (with the reason printed)."""
    try:
        command = peer.install(ROOT / "_build" / "peers" / name)
        site = config.build / "site"
        with serve(site, config.quick_exit_url, headers=True) as server:
            urls = [server.url(p.relative_to(site).as_posix()) for p in pages_of(site)]
            seconds = peer.run(command, urls, jobs, config.build / "peer")
    except peer.PeerMissing as exc:
        print(f"  {name}: skipped: {exc}", file=sys.stderr)
        return None
    return len(urls) / seconds


def bench(label: str, scale: int, jobs: int, peers: Sequence[str]) -> tuple[list[Row], dict[
        str, float]]:
    """Every stage on one corpus: the rows, and the peers' pages per second."""
    rows: list[Row] = []
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        config = copy_project(Path(tmp), scale)
        docs = len(list(config.docs.glob("*.rst")))
        langs = [lang.code for lang in config.languages]
        pages = docs * len(langs) + 1

        def add(stage: str, mode: str, seconds: float, count: int) -> None:
            rows.append(Row(label, stage, mode, seconds, count))
            print(f"  {label:6} {stage:28} {mode:9} {seconds:7.2f}s {count / seconds:8.1f} "
                  "pages/s", file=sys.stderr, flush=True)

        add("extract", "cold", timed(lambda: extract(config)), docs)
        add("update catalogues", "cold", timed(lambda: update(config, [])),
            docs * (len(langs) - 1))
        add("build, 1 at a time", "cold", timed(lambda: build(config, jobs=1)), pages - 1)
        shutil.rmtree(config.build / "site")
        shutil.rmtree(config.build / "doctrees", ignore_errors=True)
        add(f"build, {jobs} at a time", "cold", timed(lambda: build(config, jobs=jobs)),
            pages - 1)
        add("build", "cached", timed(lambda: build(config, jobs=jobs)), pages - 1)
        add("translations", "cold", timed(lambda: check(config, ["translations"], jobs, False)),
            docs * (len(langs) - 1))
        add("readability", "cold", timed(lambda: check(config, ["readability"], jobs, False)),
            pages - 1)
        add("privacy", "cold", timed(lambda: check(config, ["privacy"], jobs, False)), pages)
        add("a11y (axe, layout, exits)", "cold",
            timed(lambda: check(config, ["a11y"], jobs, False)), pages)
        add("browser suite (a11y+privacy)", "cold",
            timed(lambda: check(config, BROWSER, jobs, False)), pages)
        for name in peers:
            rate = peer_rate(config, jobs, name)
            if rate is not None:
                rates[name] = rate
                add(f"{name} (axe only)", "cold", pages / rate, pages)
        add("everything + report", "cold", timed(lambda: report(config, jobs, True)), pages)
        add("everything + report", "cached", timed(lambda: report(config, jobs, True)), pages)
        edit_one_entry(config)

        def after_edit() -> None:
            build(config, jobs=jobs)
            report(config, jobs, True)

        add("build + all + report, one edit", "cached", timed(after_edit), pages)
        shutil.rmtree(config.build)

        def whole() -> None:
            extract(config)
            update(config, [])
            build(config, jobs=jobs)
            report(config, jobs, True)

        add("extract to report", "cold", timed(whole), pages)
    return rows, rates


def table(rows: list[Row]) -> str:
    """The rows as the README's Markdown table."""
    lines = ["| corpus | stage | mode | seconds | pages | pages/s |",
             "| --- | --- | --- | ---: | ---: | ---: |"]
    lines += [f"| {r.corpus} | {r.stage} | {r.mode} | {r.seconds:.2f} | {r.pages} | "
              f"{r.rate:.1f} |" for r in rows]
    return "\n".join(lines)


def targets(rows: list[Row], rates: dict[str, float]) -> list[str]:
    """The targets, each as a measured ratio and whether it is met."""
    def find(corpus: str, stage: str, mode: str = "cold") -> Row | None:
        return next((r for r in rows if (r.corpus, r.stage, r.mode) == (corpus, stage, mode)),
                    None)

    out: list[str] = []
    suite = find("real", "browser suite (a11y+privacy)")
    for name, rate in rates.items():
        if suite is not None:
            ratio = suite.rate / rate
            out.append(f"browser suite / {name} axe-only: {ratio:.2f}x pages per second "
                       f"(target >= 3): {'met' if ratio >= 3 else 'NOT met'}")
    whole = find("real", "extract to report")
    if whole is not None:
        out.append(f"cold extract to report: {whole.seconds:.1f} s (target <= 25): "
                   f"{'met' if whole.seconds <= 25 else 'NOT met'}")
    edit = find("real", "build + all + report, one edit", "cached")
    if edit is not None:
        out.append(f"one .po edit to a new report: {edit.seconds:.1f} s (target <= 5): "
                   f"{'met' if edit.seconds <= 5 else 'NOT met'}")
    big = next((r for r in rows if r.corpus != "real" and r.stage == "extract to report"), None)
    if whole is not None and big is not None:
        ratio = big.rate / whole.rate
        out.append(f"{big.corpus} corpus / real, extract to report: {ratio:.2f}x pages per "
                   f"second (target >= 1, linear or better): {'met' if ratio >= 1 else 'NOT met'}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and the targets."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=["real", "corpus"])
    parser.add_argument("--peer", action="append", choices=["pa11y-ci"], default=[])
    args = parser.parse_args(argv)
    rows: list[Row] = []
    rates: dict[str, float] = {}
    if args.only != "corpus":
        found, rates = bench("real", 1, args.jobs, args.peer)
        rows += found
    if args.only != "real":
        rows += bench(f"{args.scale}x", args.scale, args.jobs, [])[0]
    print(table(rows))
    print()
    for line in targets(rows, rates):
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
