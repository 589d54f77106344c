"""The checks' command line:
``python -m checks {translations,reviews,readability,a11y,privacy,all}``.

Exit codes: 0 nothing blocks, 1 a finding blocks, 2 usage or input error.
Text output is one finding a line, ``path:line: severity: message [rule-id]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from checks.core import (
    InputError,
    Options,
    apply_baseline,
    exit_code,
    load_baseline,
    rules,
)
from checks.report.inert import terminal
from checks.run import ORDER, run_checks
from pipeline.config import Config, ConfigError, load
from pipeline.files import write_atomic


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m checks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("check", nargs="?", choices=[*ORDER, "all"], help="which check to run")
    parser.add_argument("paths", nargs="*", type=Path,
                        help="catalogues or folders (translations; default locales/), "
                             "or a built site folder (the others; default _build/site)")
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                        help="findings as text or JSON; with --list-rules, text or markdown")
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


def rules_table(families: list[str], form: str) -> str:
    """Every rule of the families: one line each, or the README's Markdown table."""
    listed = sorted((r for r in rules() if r.family in families), key=lambda r: (r.family, r.id))
    if form != "markdown":
        return "\n".join(f"{r.id:32} {r.family:12} {r.severity:8} {r.description}"
                         for r in listed)
    lines = ["| rule | check | severity | who may accept it | what it means |",
             "| --- | --- | --- | --- | --- |"]
    for r in listed:
        who = "translator comment or baseline" if r.style else "baseline (reviewer)"
        text = r.description.replace("|", "\\|")
        lines.append(f"| `{r.id}` | {r.family} | {r.severity} | {who} | {text} |")
    return "\n".join(lines)


def _held_back(site: Path | None) -> dict[str, str] | None:
    """The languages the build held back, from the record it left in the site."""
    try:
        data = json.loads((site / ".build.json").read_text(encoding="utf-8")) if site else {}
        return {str(k): str(v) for k, v in data.get("held_back", {}).items()}
    except (OSError, ValueError, AttributeError):
        return None


def _record_run(report_dir: Path, config: Config, families: list[str],
                languages: frozenset[str]) -> None:
    """``run.json``: which languages and checks this run finished (what a merge requires)."""
    covered = sorted(languages) or [lang.code for lang in config.languages if lang.published]
    data = {"complete": True, "languages": covered, "checks": families}
    write_atomic(report_dir / "run.json", json.dumps(data, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
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
        print(rules_table(families, args.format))
        return 0
    if args.check is None:
        parser.print_usage(sys.stderr)
        print("error: name a check, or 'all'", file=sys.stderr)
        return 2
    known = {lang.code for lang in config.languages}
    unknown = sorted(set(args.lang) - known) if known else []
    if unknown:
        print(f"error: --lang {', '.join(unknown)}: not a language of this guide "
              f"(known: {', '.join(sorted(known))})", file=sys.stderr)
        return 2
    paths = list(args.paths)
    for path in paths:
        if not path.exists():
            print(f"error: {path}: no such file or folder", file=sys.stderr)
            return 2
    if args.check == "translations":
        site, catalogues = None, paths
    else:
        site, catalogues = (paths[0] if paths else config.build / "site"), []
    cache_dir = None if args.no_cache else config.build / "cache"
    options = Options(config=config, jobs=max(1, args.jobs), cache_dir=cache_dir,
                      progress=sys.stderr.isatty(), languages=frozenset(args.lang))
    try:
        baseline = load_baseline(args.baseline or config.root / "checks" / "baseline.toml")
        found = run_checks(config, site, families, catalogues=catalogues, jobs=options.jobs,
                           cache_dir=cache_dir, languages=options.languages,
                           progress=options.progress)
        if args.lang:
            found = [f for f in found
                     if f.lang in args.lang or (not f.lang and f.severity == "info")]
        findings = apply_baseline(found, baseline)
    except InputError as exc:
        print(f"error: {terminal(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only _build: one line, exit 2
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        # ASCII escapes: a hostile catalogue's control or bidi characters never reach the terminal.
        print(json.dumps([f.to_json() for f in findings], indent=2, ensure_ascii=True))
    else:
        for finding in findings:
            if finding.severity != "info" or args.verbose:
                print(terminal(str(finding)))
    report_dir = args.report_dir or (config.build / "reports" if args.check == "all" else None)
    if report_dir is not None:
        from checks.report.write import write_reports

        try:
            written = write_reports(findings, report_dir, options, families, baseline,
                                    held_back=_held_back(site))
            _record_run(report_dir, config, families, options.languages)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            print(f"error: cannot write the report: {where}{exc.strerror or exc}",
                  file=sys.stderr)
            return 2
        print(f"report: {written}", file=sys.stderr)
    code = exit_code(findings)
    blocking = sum(f.blocks for f in findings)
    print(f"{len(findings)} findings, {blocking} blocking", file=sys.stderr)
    return code
