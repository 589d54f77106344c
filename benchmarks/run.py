"""Time every stage of the pipeline, on the real guide and on a generated corpus N times its size.

    .venv/bin/python benchmarks/run.py [--scale 10] [--jobs 2] [--only real|corpus]

Each stage runs in a fresh copy of the project under a temporary folder, so the working tree
and its ``_build`` are untouched. "cold" starts with no cache and no earlier build; "cached"
runs again with nothing changed; "one edit" changes one translated sentence first. Prints a
Markdown table of seconds and pages per second.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks import cli
from checks.build import build
from checks.config import Config, parse
from checks.workflow import extract, update

Row = tuple[str, str, str, float, int]


def copy_project(target: Path, scale: int) -> Config:
    """A copy of the project; with ``scale`` > 1 every page appears ``scale`` times."""
    for name in ("_templates", "_static", "pyproject.toml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
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


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def check(config: Config, family: str, jobs: int, cache: bool) -> None:
    args = [family, str(config.build / "site"), "--root", str(config.root), "--jobs", str(jobs)]
    if family == "translations":
        args = ["translations", str(config.locales), "--root", str(config.root)]
    if family == "all":
        args += ["--report-dir", str(config.build / "reports")]
    if not cache:
        args.append("--no-cache")
    code = cli.main(args)
    if code == 2:
        raise SystemExit(f"{family} could not run")


def edit_one_entry(config: Config) -> None:
    po = config.locales / "cy" / "LC_MESSAGES" / "support.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r"ddydd neu nos|ddydd a nos", lambda m: "ddydd a nos"
                         if m.group(0) == "ddydd neu nos" else "ddydd neu nos", text, count=1),
                  encoding="utf-8")


def bench(label: str, scale: int, jobs: int) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        config = copy_project(Path(tmp), scale)
        docs = len(list(config.docs.glob("*.rst")))
        langs = [lang.code for lang in config.languages]
        pages = docs * len(langs) + 1

        def add(stage: str, mode: str, seconds: float, count: int) -> None:
            rows.append((label, stage, mode, seconds, count))
            print(f"  {label:6} {stage:22} {mode:9} {seconds:7.2f}s {count / seconds:8.1f} pages/s",
                  file=sys.stderr, flush=True)

        add("extract", "cold", timed(lambda: extract(config)), docs)
        add("update catalogues", "cold", timed(lambda: update(config, [])), docs * (len(langs) - 1))
        site = config.build / "site"
        add("build, 1 at a time", "cold", timed(lambda: build(config, jobs=1)), pages - 1)
        shutil.rmtree(site)
        shutil.rmtree(config.build / "doctrees", ignore_errors=True)
        add(f"build, {jobs} at a time", "cold", timed(lambda: build(config, jobs=jobs)), pages - 1)
        add("build", "cached", timed(lambda: build(config, jobs=jobs)), pages - 1)
        add("translations", "cold", timed(lambda: check(config, "translations", jobs, False)), docs * (len(langs) - 1))
        add("readability", "cold", timed(lambda: check(config, "readability", jobs, False)), pages - 1)
        add("privacy", "cold", timed(lambda: check(config, "privacy", jobs, False)), pages)
        add("a11y (axe, layout, exits)", "cold", timed(lambda: check(config, "a11y", jobs, False)), pages)
        add("everything + report", "cold", timed(lambda: check(config, "all", jobs, True)), pages)
        add("everything + report", "cached", timed(lambda: check(config, "all", jobs, True)), pages)
        edit_one_entry(config)

        def after_edit() -> None:
            build(config, jobs=jobs)
            check(config, "all", jobs, True)

        add("build + all, one edit", "cached", timed(after_edit), pages)
        shutil.rmtree(config.build)

        def whole() -> None:
            extract(config)
            update(config, [])
            build(config, jobs=jobs)
            check(config, "all", jobs, True)

        add("extract to report", "cold", timed(whole), pages)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=["real", "corpus"])
    args = parser.parse_args(argv)
    subprocess.run(["nproc"], check=False)
    rows: list[Row] = []
    if args.only != "corpus":
        rows += bench("real", 1, args.jobs)
    if args.only != "real":
        rows += bench(f"{args.scale}x", args.scale, args.jobs)
    print("| corpus | stage | mode | seconds | pages | pages/s |")
    print("| --- | --- | --- | ---: | ---: | ---: |")
    for label, stage, mode, seconds, count in rows:
        print(f"| {label} | {stage} | {mode} | {seconds:.2f} | {count} | {count / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
