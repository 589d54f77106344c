"""``junit.xml``: one suite per check, one case per file or page, failing on blocking findings.

Built with ElementTree, which escapes markup; every text first goes through :func:`clean`,
which removes the characters XML 1.0 forbids, so the file stays valid whatever a message holds.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from checks.core import Finding
from checks.report.facts import Report
from checks.report.inert import clean


def _by_path(findings: list[Finding], check: str) -> dict[str, list[Finding]]:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if (f.check or "other") == check:
            by_path[clean(f.path)].append(f)
    return by_path


def _suite(parent: ET.Element, check: str, findings: list[Finding]) -> None:
    by_path = _by_path(findings, check)
    failures = sum(1 for items in by_path.values() if any(f.blocks for f in items))
    suite = ET.SubElement(parent, "testsuite", name=clean(check),
                          tests=str(max(len(by_path), 1)), failures=str(failures))
    if not by_path:
        ET.SubElement(suite, "testcase", classname=clean(check), name="all")
    for path, items in sorted(by_path.items()):
        case = ET.SubElement(suite, "testcase", classname=clean(check), name=path)
        blocking = [f for f in items if f.blocks]
        if blocking:
            failure = ET.SubElement(case, "failure", message=clean(blocking[0].message),
                                    type=clean(blocking[0].rule))
            failure.text = clean("\n".join(str(f) for f in blocking))


def junit_xml(report: Report) -> str:
    """The JUnit XML document, as text with its XML declaration."""
    root = ET.Element("testsuites", tests="0", failures="0")
    for check in report.families:
        _suite(root, check, report.findings)
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in root)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in root)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
