"""``guide``: the pipeline's one command line (``python -m pipeline`` is the same).

    guide build [LANG...]          every published language into _build/site/ (or those named)
    guide translations [LANG...]   extract messages and update or create the catalogues
    guide status [LANG...]         translation progress per language and page
    guide check [ARGS...]          every check on _build/site (``python -m checks all``)
    guide publish                  build, check and publish only when nothing blocks
    guide merge FINDINGS.json...   one report from per-language CI jobs
    guide preview LANG             one language on http://127.0.0.1:8000/, rebuilt on save
    guide sign LANG PAGE --role R  sign off a page a native speaker reviewed
    guide reviews                  which translated pages are reviewed, drafts or stale
    guide lock | drift             refresh the locked toolchain, or test the newest versions

Exit codes: 0 done, 1 refused or failed (blocking findings, a failed build), 2 usage or input
error (a message names the file).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from checks.core import InputError
from pipeline import catalogues, merge, preview, progress, publish, reviews, toolchain
from pipeline.build import build
from pipeline.config import Config, ConfigError, load
from pipeline.locking import Busy, hold


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guide", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=None, help="the project folder")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmd = commands.add_parser("build", help="build every published language (or those named)")
    cmd.add_argument("languages", nargs="*")
    cmd.add_argument("-j", "--jobs", type=int, default=None, help="languages built at once")
    cmd = commands.add_parser("translations", help="extract messages and update the catalogues")
    cmd.add_argument("languages", nargs="*")
    cmd.add_argument("--prune", action="store_true",
                     help="also remove obsolete entries, and catalogues of pages that are gone")
    cmd = commands.add_parser("status", help="translation progress per language and page")
    cmd.add_argument("languages", nargs="*")
    cmd.add_argument("--json", type=Path, default=None, help="where to write it as JSON")
    cmd = commands.add_parser("check", help="every check on the built site (python -m checks)")
    cmd.add_argument("args", nargs=argparse.REMAINDER)
    cmd = commands.add_parser("publish", help="build, check, and publish if nothing blocks")
    cmd.add_argument("--base-url", default="https://example.org",
                     help="where the site will be served, for sitemap.xml and hreflang")
    cmd.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    cmd.add_argument("--no-cache", action="store_true", help="check every page again")
    cmd = commands.add_parser("merge", help="one report from per-language findings.json files")
    cmd.add_argument("files", nargs="+", type=Path)
    cmd.add_argument("--report-dir", type=Path, required=True)
    cmd = commands.add_parser("preview", help="build one language, serve it, rebuild on save")
    cmd.add_argument("language")
    cmd.add_argument("--port", type=int, default=8000)
    cmd = commands.add_parser("sign", help="sign off a reviewed page of a language")
    cmd.add_argument("language")
    cmd.add_argument("page")
    cmd.add_argument("--role", required=True,
                     help='the reviewer\'s role, not their name: "native speaker, youth worker"')
    cmd = commands.add_parser("reviews", help="review state of every translated page")
    cmd = commands.add_parser("lock", help="refresh requirements.txt (needs the network)")
    cmd.add_argument("extra", nargs="*", help="more options for `uv pip compile`")
    commands.add_parser("drift", help="tests and a publish with the newest allowed versions")
    return parser


def _build(config: Config, languages: list[str], jobs: int | None) -> int:
    start = time.perf_counter()
    with hold(config.build):
        result = build(config, languages, jobs)
    for code in result.built:
        state = "up to date" if code in result.fresh else f"built in {result.seconds[code]:.1f}s"
        print(f"{code}: {state}: {result.site / code}")
    for code, reason in result.held_back.items():
        print(f"held back {code}: {reason}")
    for code, error in result.failed.items():
        print(f"FAILED {code}:\n{error}", file=sys.stderr)
    print(f"{len(result.built)} languages in {time.perf_counter() - start:.1f}s")
    return 0 if result.ok else 1


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if args.command == "check":
        from checks.cli import main as check_main

        extra = ["--root", str(args.root)] if args.root else []
        return check_main(["all", *args.args, *extra])
    root = (args.root or Path.cwd()).resolve()
    if args.command == "lock":
        return toolchain.lock(root, args.extra)
    if args.command == "drift":
        return toolchain.drift(root)
    try:
        config = load(root)
        for code in getattr(args, "languages", []):
            config.language(code)
        if args.command in ("sign", "preview"):
            config.language(args.language)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "build":
            return _build(config, args.languages, args.jobs)
        if args.command == "translations":
            with hold(config.build):
                return catalogues.update(config, args.languages, args.prune)
        if args.command == "status":
            json_path = args.json or config.build / "reports" / "translation-status.json"
            return progress.print_status(config, args.languages, json_path)
        if args.command == "publish":
            return publish.main(config, args.base_url, args.jobs, cache=not args.no_cache)
        if args.command == "merge":
            return merge.main(config, args.files, args.report_dir)
        if args.command == "preview":
            return preview.preview(config, args.language, args.port)
        if args.command == "sign":
            signoff = reviews.sign(config, args.language, args.page, args.role)
            print(f"signed off {args.language}/{args.page} ({signoff.role}, "
                  f"{signoff.date.isoformat()}) in {reviews.path(config, args.language)}")
            return 0
        if args.command == "reviews":
            for lang, pages in reviews.states(config).items():
                for page, state in pages.items():
                    print(f"{lang:<5} {page:<22} {state}")
            return 0
    except (Busy, InputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only _build: one line, nothing half-written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    return 2
