"""The reviewer's report: ``report.html``, ``summary.md``, ``junit.xml`` and ``findings.json``.

Reporters only read findings. ``report.html`` is one self-contained page (styles inline,
screenshots as data URIs, the reading-level chart as inline SVG) that passes our own a11y check.
"""

from __future__ import annotations

import base64
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from xml.sax.saxutils import quoteattr

from checks.core import Accepted, Finding, Options, rules
from checks.reportchart import reading_chart

CHECKS = ("translations", "readability", "a11y", "privacy")
#: Findings that carry a measurement, shown in tables and the chart rather than one by one.
MEASURES = {"read-score", "read-hard-sentence", "a11y-axe-ran"}


@dataclass
class Comparison:
    """What changed since the previous run (by finding key, ignoring line numbers)."""

    new: list[Finding] = field(default_factory=list)
    fixed: list[dict[str, object]] = field(default_factory=list)


def load_previous(path: Path) -> list[dict[str, object]]:
    """The findings of the previous run, or none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return data if isinstance(data, list) else []


def compare(findings: list[Finding], previous: list[dict[str, object]]) -> Comparison:
    """New problems and fixed problems, compared with the previous run."""
    def key(d: dict[str, object]) -> tuple[object, ...]:
        return (d.get("rule"), d.get("path"), d.get("lang"), d.get("element"), d.get("message"))

    if not previous:
        return Comparison()
    before = {key(d) for d in previous if d.get("severity") != "info"}
    now = {f.key for f in findings if f.severity != "info"}
    return Comparison(
        new=[f for f in findings if f.severity != "info" and f.key not in before],
        fixed=[d for d in previous if d.get("severity") != "info" and key(d) not in now],
    )


def _lang(finding: Finding) -> str:
    return finding.lang or "(site)"


def matrix(findings: Iterable[Finding]) -> dict[str, dict[str, Counter[str]]]:
    """Counts per language and check: blocking, warning, accepted."""
    table: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for f in findings:
        cell = table[_lang(f)][f.check or "other"]
        if f.blocks:
            cell["blocking"] += 1
        elif f.accepted or f.silenced:
            cell["accepted"] += 1
        elif f.severity == "warning":
            cell["warning"] += 1
    return table


def _cell_text(cell: Counter[str]) -> str:
    parts = []
    if cell["blocking"]:
        parts.append(f"{cell['blocking']} blocking")
    if cell["warning"]:
        parts.append(f"{cell['warning']} warning{'s' if cell['warning'] > 1 else ''}")
    if cell["accepted"]:
        parts.append(f"{cell['accepted']} accepted")
    return ", ".join(parts) or "pass"


def _languages(findings: list[Finding], options: Options) -> list[str]:
    seen = {_lang(f) for f in findings if f.lang or f.severity != "info"}
    ordered = [lang.code for lang in options.config.languages if lang.code in seen]
    return ordered + sorted(seen - set(ordered))


def summary_md(findings: list[Finding], options: Options, families: list[str],
               comparison: Comparison, notes: list[str]) -> str:
    """The short Markdown summary for a pull request comment or a CI job summary."""
    blocking = [f for f in findings if f.blocks]
    lines = ["## " + (f"❌ Not publishable: {len(blocking)} blocking finding"
                      f"{'s' if len(blocking) != 1 else ''}" if blocking else "✅ Publishable: nothing blocks")]
    lines.append("")
    lines.extend(f"- {note}" for note in notes)
    accepted = sum(1 for f in findings if f.accepted or f.silenced)
    lines.append(f"- {len(comparison.new)} new, {len(comparison.fixed)} fixed, {accepted} accepted "
                 "since the last run")
    lines.append("")
    table = matrix(findings)
    shown = [c for c in CHECKS if c in families]
    lines.append("| language | " + " | ".join(shown) + " |")
    lines.append("| --- |" + " --- |" * len(shown))
    for lang in _languages(findings, options):
        cells = [_cell_text(table[lang][c]) if c in table[lang] else "pass" for c in shown]
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    if blocking:
        lines += ["", "### What blocks", ""]
        for f in blocking[:15]:
            where = f.source if f.source and f.path.endswith(".html") else f"{f.path}:{f.line}"
            lines.append(f"- `{where}` ({f.lang or 'site'}): {f.message} [`{f.rule}`]")
        if len(blocking) > 15:
            lines.append(f"- … and {len(blocking) - 15} more in report.html")
    lines += ["", "The whole story, with screenshots and how to fix each finding: `report.html`.", ""]
    return "\n".join(lines)


def junit_xml(findings: list[Finding], families: list[str]) -> str:
    """JUnit XML: one suite per check, one case per file or page, failing on blocking findings."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<testsuites>"]
    for check in families:
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            if (f.check or "other") == check:
                by_path[f.path].append(f)
        failures = sum(1 for items in by_path.values() if any(f.blocks for f in items))
        out.append(f"  <testsuite name={quoteattr(check)} tests=\"{max(len(by_path), 1)}\" "
                   f"failures=\"{failures}\">")
        if not by_path:
            out.append(f"    <testcase classname={quoteattr(check)} name=\"all\"/>")
        for path, items in sorted(by_path.items()):
            blocking = [f for f in items if f.blocks]
            out.append(f"    <testcase classname={quoteattr(check)} name={quoteattr(path)}>")
            if blocking:
                text = "\n".join(str(f) for f in blocking)
                out.append(f"      <failure message={quoteattr(blocking[0].message)}>"
                           f"{escape(text)}</failure>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"


def _finding_html(f: Finding, shots: Path) -> str:
    state = "blocks" if f.blocks else "accepted" if f.accepted else "silenced" if f.silenced else f.severity
    rows = [("Rule", f"<code>{escape(f.rule)}</code>" + (f" (impact: {escape(f.impact)})" if f.impact else "")),
            ("Source", f"<code>{escape(f.source)}</code>" if f.source else f"<code>{escape(f.path)}:{f.line}</code>")]
    if f.element:
        rows.append(("Element", f"<code>{escape(f.element)}</code>"))
    if f.snippet:
        rows.append(("HTML", f"<code>{escape(f.snippet)}</code>"))
    if f.fix:
        rows.append(("How to fix", escape(f.fix)))
    if f.reason:
        rows.append(("Why accepted", escape(f.reason)))
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    image = ""
    if f.screenshot and (shots / f.screenshot).is_file():
        data = base64.b64encode((shots / f.screenshot).read_bytes()).decode()
        image = (f'<img src="data:image/png;base64,{data}" alt="Screenshot of the failing element, '
                 f'outlined in pink: {escape(f.element)}">')
    return (f'<li class="finding {state}"><p><strong class="badge">{escape(state)}</strong> '
            f"{escape(f.message)}</p><dl>{body}</dl>{image}</li>")


def report_html(findings: list[Finding], options: Options, families: list[str],
                comparison: Comparison, notes: list[str], shots: Path) -> str:
    """The whole reviewer report as one self-contained HTML page."""
    blocking = [f for f in findings if f.blocks]
    status = (f"Not publishable: {len(blocking)} blocking finding{'s' if len(blocking) != 1 else ''}"
              if blocking else "Publishable: nothing blocks")
    table = matrix(findings)
    shown = [c for c in CHECKS if c in families]
    head = "".join(f'<th scope="col">{c}</th>' for c in shown)
    rows = []
    for lang in _languages(findings, options):
        cells = "".join(
            f'<td class="{"bad" if table[lang][c]["blocking"] else "ok"}">{_cell_text(table[lang][c])}</td>'
            for c in shown)
        rows.append(f'<tr><th scope="row">{escape(lang)}</th>{cells}</tr>')
    listed = [f for f in findings if f.rule not in MEASURES and f.severity != "info"]
    listed.sort(key=lambda f: (not f.blocks, f.path, f.line))
    by_page: dict[str, list[Finding]] = defaultdict(list)
    for f in listed:
        by_page[f.path].append(f)
    sections = []
    for path, items in by_page.items():
        lang = items[0].lang or "site"
        inner = "".join(_finding_html(f, shots) for f in items)
        sections.append(f"<section><h3><code>{escape(path)}</code> ({escape(lang)})</h3>"
                        f'<ul class="findings">{inner}</ul></section>')
    info = [f for f in findings if f.rule in MEASURES]
    hard = [f for f in info if f.rule == "read-hard-sentence"]
    hard_items = "".join(
        f"<li><span lang=\"{escape(f.lang)}\">{escape(f.message)}</span> "
        f"<code>{escape(f.source or f.path)}</code></li>" for f in hard)
    ran = "".join(f"<li>{escape(f.message)}</li>" for f in info if f.rule == "a11y-axe-ran")
    new_items = "".join(f"<li>{escape(str(f))}</li>" for f in comparison.new[:50])
    fixed_items = "".join(f"<li>{escape(str(d.get('path')))}: {escape(str(d.get('message')))} "
                          f"[{escape(str(d.get('rule')))}]</li>" for d in comparison.fixed[:50])
    rule_rows = "".join(f"<tr><td><code>{r.id}</code></td><td>{r.family}</td><td>{escape(r.description)}</td></tr>"
                        for r in rules() if r.family in families)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>{escape(status)}: check report</title>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 70rem; color: #0b0c0c; }}
table {{ border-collapse: collapse; margin-block: 1rem; }}
th, td {{ border: 1px solid #767676; padding: 0.3rem 0.6rem; text-align: start; vertical-align: top; }}
td.bad {{ background: #fde8e8; font-weight: 700; }} td.ok {{ background: #e8f5e9; }}
.status {{ padding: 0.75rem 1rem; font-size: 1.3rem; font-weight: 700; border-inline-start: 8px solid; }}
.status.bad {{ border-color: #a00c1a; background: #fde8e8; }} .status.ok {{ border-color: #00703c; background: #e8f5e9; }}
ul.findings {{ list-style: none; padding: 0; }}
.finding {{ border: 1px solid #b1b4b6; border-inline-start: 6px solid #767676; padding: 0.5rem 1rem; margin-block: 0.75rem; }}
.finding.blocks {{ border-inline-start-color: #a00c1a; }} .finding.warning {{ border-inline-start-color: #8a5a00; }}
.finding.accepted, .finding.silenced {{ border-inline-start-color: #1a4f9c; }}
.badge {{ text-transform: uppercase; font-size: 0.85rem; }}
dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }}
dt {{ font-weight: 700; }} dd {{ margin: 0; overflow-wrap: anywhere; }}
code {{ font-size: 0.95em; overflow-wrap: anywhere; }}
img {{ max-width: 100%; border: 1px solid #b1b4b6; margin-block: 0.5rem; }}
a {{ color: #1a4f9c; }}
svg text {{ font: 12px system-ui, sans-serif; }}
</style>
</head>
<body>
<main>
<h1>Check report</h1>
<p class="status {"bad" if blocking else "ok"}" role="status">{escape(status)}</p>
<ul>{"".join(f"<li>{escape(n)}</li>" for n in notes)}
<li>{len(comparison.new)} new, {len(comparison.fixed)} fixed and {sum(1 for f in findings if f.accepted or f.silenced)} accepted findings since the last run. Written {stamp}.</li></ul>
<h2>Summary</h2>
<table><caption>Findings per language and check</caption>
<thead><tr><th scope="col">Language</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>
<h2>Findings by page</h2>
{"".join(sections) or "<p>No errors or warnings.</p>"}
<h2>Reading level</h2>
{reading_chart(info, options)}
<details><summary>Hardest sentences of each page, with their source</summary><ul>{hard_items}</ul></details>
<h2>What changed</h2>
<h3>New</h3><ul>{new_items or "<li>Nothing new.</li>"}</ul>
<h3>Fixed</h3><ul>{fixed_items or "<li>Nothing fixed.</li>"}</ul>
<h2>How it was checked</h2>
<ul>{ran or "<li>No browser check ran.</li>"}</ul>
<details><summary>Every rule</summary><table><thead><tr><th scope="col">Rule</th><th scope="col">Check</th><th scope="col">Description</th></tr></thead><tbody>{rule_rows}</tbody></table></details>
</main>
</body>
</html>
"""


def notes_for(findings: list[Finding], options: Options) -> list[str]:
    """One-line facts for the top of the report: pages checked, held-back languages."""
    from checks.catalogs import held_back

    pages = {f.path for f in findings if f.check in ("a11y", "privacy", "readability")
             and f.path.endswith(".html")}
    notes = [(f"{len(pages)} pages checked; {len(findings)} findings in all, "
              f"{sum(f.blocks for f in findings)} blocking.")]
    for lang, share in held_back(options.config):
        notes.append(f"Held back: {lang.native_name} ({lang.code}), {share:.0%} translated, "
                     f"below its threshold of {lang.min_complete:.0%}.")
    return notes


def write_reports(findings: list[Finding], report_dir: Path, options: Options,
                  families: list[str], baseline: list[Accepted]) -> Path:
    """Write the four report files and return the path of ``report.html``."""
    report_dir.mkdir(parents=True, exist_ok=True)
    comparison = compare(findings, load_previous(report_dir / "findings.json"))
    notes = notes_for(findings, options)
    notes.append(f"Baseline: {len(baseline)} accepted finding pattern{'s' if len(baseline) != 1 else ''}.")
    shots = options.config.build / "reports"
    (report_dir / "findings.json").write_text(
        json.dumps([f.to_json() for f in findings], indent=1, ensure_ascii=False) + "\n", "utf-8")
    (report_dir / "summary.md").write_text(
        summary_md(findings, options, families, comparison, notes), "utf-8")
    (report_dir / "junit.xml").write_text(junit_xml(findings, families), "utf-8")
    html_path = report_dir / "report.html"
    html_path.write_text(report_html(findings, options, families, comparison, notes, shots), "utf-8")
    return html_path
