"""``python -m checks.merge FINDINGS.json... --report-dir DIR``: one report from many jobs.

A site too big for one machine is checked one language per CI job (``python -m checks all
_build/site --lang cy --report-dir reports-cy``); this merges their ``findings.json`` files into
one set of reports, with findings reported by more than one job kept once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from checks.cli import ORDER
from checks.config import ConfigError, load
from checks.core import Finding, InputError, Options, exit_code, load_baseline
from checks.report import write_reports


def read_findings(path: Path) -> list[Finding]:
    """Findings from one job's ``findings.json``; a bad file is an input error naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Finding(**item) for item in data]
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(f"{path}: not a findings.json file ({exc})") from None


def merge(groups: list[list[Finding]]) -> list[Finding]:
    """All findings once each, in the order first seen (site-wide facts kept once)."""
    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    for findings in groups:
        for f in findings:
            key = (*f.key, f.line, f.severity)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def main(argv: list[str] | None = None) -> int:
    """Merge, write the reports, and exit 1 if anything blocks."""
    parser = argparse.ArgumentParser(prog="python -m checks.merge", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--report-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        config = load()
        findings = merge([read_findings(p) for p in args.files])
        baseline = load_baseline(config.root / "checks" / "baseline.toml")
    except (InputError, ConfigError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    families = list(ORDER)
    report = write_reports(findings, args.report_dir, Options(config=config), families, baseline)
    print(f"merged {len(args.files)} reports, {len(findings)} findings: {report}")
    return exit_code(findings)


if __name__ == "__main__":
    sys.exit(main())
