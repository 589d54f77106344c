"""One report from many CI jobs: ``guide merge reports-*/findings.json --report-dir DIR``.

A site too big for one machine is checked one language per CI job (``python -m checks all
_build/site --lang cy --report-dir reports-cy``). Each job that finishes writes ``run.json``
beside its ``findings.json``, naming the languages and checks it covered. The merge refuses
(exit 2) unless every published language was covered by a job that finished, so a crashed job
can never look like a clean one; findings reported by several jobs are kept once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checks.core import Finding, InputError, Options, exit_code, load_baseline
from checks.report.write import write_reports
from checks.run import ORDER
from pipeline.config import Config


def read_findings(path: Path) -> list[Finding]:
    """Findings from one job's ``findings.json``; a bad file is an input error naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Finding(**item) for item in data]
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(f"{path}: not a findings.json file ({exc})") from None


def covered(path: Path) -> set[str]:
    """The languages a finished job covered, from the ``run.json`` beside its findings."""
    run = path.with_name("run.json")
    try:
        data = json.loads(run.read_text(encoding="utf-8"))
        if data.get("complete") is not True:
            raise ValueError("the job did not finish")
        return {str(code) for code in data["languages"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{run}: no record of a finished check ({exc}); the job that wrote "
                         f"{path} crashed or was cut short") from None


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


def main(config: Config, files: list[Path], report_dir: Path) -> int:
    """Merge, write the reports, and exit 1 if anything blocks, 2 if a job is missing."""
    try:
        expected = {lang.code for lang in config.languages if lang.published}
        languages: set[str] = set()
        for path in files:
            languages |= covered(path)
        missing = sorted(expected - languages)
        if missing:
            raise InputError(f"no finished check for {', '.join(missing)}: refusing to merge "
                             "a report that would leave them out")
        findings = merge([read_findings(p) for p in files])
        baseline = load_baseline(config.root / "checks" / "baseline.toml")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = write_reports(findings, report_dir, Options(config=config), list(ORDER), baseline)
    print(f"merged {len(files)} reports, {len(findings)} findings: {report}")
    return exit_code(findings)
