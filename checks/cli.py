"""Command line of the checks: ``python -m checks {translations,a11y,readability,privacy,all}``.

Exit codes: 0 nothing blocks, 1 a finding blocks, 2 usage or input error.
Text output is one finding a line, ``path:line: severity: message [rule-id]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from checks.config import ConfigError, load
from checks.core import (
    Finding,
    InputError,
    Options,
    apply_baseline,
    exit_code,
    load_baseline,
    rules,
)

#: Each check family and the module that runs it (a11y and privacy share browser visits).
MODULES = {
    "translations": "checks.translations",
    "readability": "checks.readability",
    "a11y": "checks.browser",
    "privacy": "checks.browser",
}
DEFAULT_PATHS = {"translations": "locales"}
ORDER = ("translations", "readability", "a11y", "privacy")


def _module(family: str) -> ModuleType:
    return importlib.import_module(MODULES[family])


def run_checks(families: list[str], paths: list[Path], options: Options) -> list[Finding]:
    """Run the named check families, each module once, and return all their findings."""
    findings: list[Finding] = []
    done: set[str] = set()
    for family in families:
        name = MODULES[family]
        if name in done:
            continue
        done.add(name)
        wanted = frozenset(f for f in families if MODULES[f] == name)
        module_paths = paths
        if family in DEFAULT_PATHS and (not paths or len(families) > 1):
            module_paths = [options.config.root / DEFAULT_PATHS[family]]
        if family in DEFAULT_PATHS and options.languages and module_paths == [
                options.config.root / DEFAULT_PATHS[family]]:
            module_paths = [module_paths[0] / code for code in sorted(options.languages)
                            if (module_paths[0] / code).exists()]
        start = time.perf_counter()
        found = _module(family).run(module_paths, replace(options, families=wanted))
        findings.extend(found)
        print(f"  {'+'.join(sorted(wanted))}: {len(found)} findings in {time.perf_counter() - start:.1f}s",
              file=sys.stderr)
    return findings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m checks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", nargs="?", choices=[*ORDER, "all"], help="which check to run")
    parser.add_argument("paths", nargs="*", type=Path,
                        help="catalogues or folders (translations; default locales/), "
                             "or a built site folder (the others; default _build/site)")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument("--root", type=Path, default=None,
                        help="the project folder (default: the one this package is in)")
    parser.add_argument("--list-rules", action="store_true", help="list rules and exit")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="accepted findings (default checks/baseline.toml)")
    parser.add_argument("--report-dir", type=Path, default=None,
                        help="write report.html, summary.md, junit.xml, findings.json here "
                             "(default for 'all': _build/reports)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="browsers or processes at once")
    parser.add_argument("--no-cache", action="store_true", help="do not reuse cached results")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="text output lists information (scores, hardest sentences) too")
    parser.add_argument("--lang", action="append", default=[],
                        help="check only this language's pages and catalogues (repeatable)")
    return parser


def main(argv: list[str] | None = None, extra: list[Finding] | None = None) -> int:
    """Run the command line; return the exit code. ``extra`` findings join the report."""
    parser = _parser()
    try:
        args = parser.parse_intermixed_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        config = load(args.root.resolve()) if args.root else load()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    families = list(ORDER) if args.check in (None, "all") else [args.check]
    if args.list_rules:
        for family in families:
            _module(family)
        for r in rules():
            if r.family in families:
                print(f"{r.id:32} {r.family:12} {r.severity:8} {r.description}")
        return 0
    if args.check is None:
        parser.print_usage(sys.stderr)
        print("error: name a check, or 'all'", file=sys.stderr)
        return 2
    paths = list(args.paths)
    if not paths and args.check != "translations":
        paths = [config.build / "site"]
    for path in paths:
        if not path.exists():
            print(f"error: {path}: no such file or folder", file=sys.stderr)
            return 2
    cache_dir = None if args.no_cache else config.build / "cache"
    options = Options(config=config, jobs=max(1, args.jobs), cache_dir=cache_dir,
                      progress=sys.stderr.isatty(), languages=frozenset(args.lang))
    try:
        baseline = load_baseline(args.baseline or config.root / "checks" / "baseline.toml")
        found = run_checks(families, paths, options) + list(extra or [])
        if args.lang:
            found = [f for f in found if f.lang in args.lang or (not f.lang and f.severity == "info")]
        findings = apply_baseline(found, baseline)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            if finding.severity != "info" or args.verbose:
                print(finding)
    report_dir = args.report_dir or (config.build / "reports" if args.check == "all" else None)
    if report_dir is not None:
        from checks.report import write_reports

        written = write_reports(findings, report_dir, options, families, baseline)
        print(f"report: {written}", file=sys.stderr)
    code = exit_code(findings)
    blocking = sum(f.blocks for f in findings)
    print(f"{len(findings)} findings, {blocking} blocking", file=sys.stderr)
    return code
