"""``guide``: the pipeline's one command line (``python -m pipeline`` is the same).

Exit codes: 0 done, 1 refused or failed (blocking findings, a failed build), 2 usage or input
error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import toolchain

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guide", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lock = commands.add_parser("lock", help="refresh requirements.txt to the newest allowed versions")
    lock.add_argument("extra", nargs="*", help="more options for `uv pip compile`")
    commands.add_parser("drift", help="test and publish with the newest allowed versions")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    if args.command == "lock":
        return toolchain.lock(ROOT, args.extra)
    if args.command == "drift":
        return toolchain.drift(ROOT)
    return 2
