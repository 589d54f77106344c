"""Write the reviewer's report: ``report.html``, ``summary.md``, ``junit.xml``, ``findings.json``.

Findings are made inert first (control characters out, paths relative to the project or the
report folder), then the facts are computed once and handed to each reporter. Each file is
written to a temporary file and moved into place, so a reader never sees half a report.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from checks.core import Accepted, Finding, Options
from checks.report.facts import gather, load_previous
from checks.report.html import report_html
from checks.report.inert import inert_all
from checks.report.junit import junit_xml
from checks.report.markdown import summary_md


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it and ``os.replace``."""
    # Beside the target (same file system, so the rename is atomic) and with the usual
    # permissions, which a mkstemp file (0600) would not have once published.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
