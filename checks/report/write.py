"""Write the reviewer's report: ``report.html``, ``summary.md``, ``junit.xml``, ``findings.json``.

Findings are made inert first (control characters out, paths relative to the project or the
report folder), then the facts are computed once and handed to each reporter. Each file is
written to a temporary file and moved into place, so a reader never sees half a report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from checks.core import Accepted, Finding, Options
from checks.report.facts import gather, load_previous
from checks.report.html import report_html
from checks.report.inert import inert_all
from checks.report.junit import junit_xml
from checks.report.markdown import summary_md
from pipeline.files import write_atomic


def findings_json(findings: list[Finding]) -> str:
    """``findings.json``: every finding as plain data, one object each."""
    return json.dumps([f.to_json() for f in findings], indent=1, ensure_ascii=False) + "\n"


def write_reports(findings: list[Finding], report_dir: Path, options: Options,
                  families: list[str], baseline: list[Accepted], *,
                  held_back: Mapping[str, str] | None = None) -> Path:
    """Write the four report files and return the path of ``report.html``.

    Screenshots are looked up in ``_build/reports`` (where the browser check saves them) and
    embedded; ``findings.json`` of the previous run in ``report_dir`` gives what changed.
    ``held_back`` is the build's answer (language code: why); without it the catalogues are
    measured again.
    """
    report_dir.mkdir(parents=True, exist_ok=True)
    safe = inert_all(findings, [options.config.root, report_dir])
    report = gather(safe, options, families, load_previous(report_dir / "findings.json"),
                    len(baseline), held_back)
    shots = options.config.build / "reports"
    write_atomic(report_dir / "findings.json", findings_json(safe))
    write_atomic(report_dir / "summary.md", summary_md(report))
    write_atomic(report_dir / "junit.xml", junit_xml(report))
    html_path = report_dir / "report.html"
    write_atomic(html_path, report_html(report, options, shots))
    return html_path
