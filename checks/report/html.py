"""``report.html``: the whole reviewer report as one self-contained, accessible page.

Rendered from ``templates/report.html`` with autoescaping, so every value from a finding is
escaped where it lands. Styles are inline, screenshots are data URIs and the reading-level chart
is inline SVG; the page's Content-Security-Policy loads nothing from anywhere else.
"""

from __future__ import annotations

import base64
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from checks.core import Finding, Options, rules
from checks.report.chart import reading_chart
from checks.report.facts import MEASURES, Report

ENVIRONMENT = Environment(
    loader=PackageLoader("checks.report", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@dataclass(frozen=True)
class Shown:
    """A finding as the report shows it: its state and its screenshot, if any."""

    finding: Finding
    state: str
    image: str


@dataclass(frozen=True)
class Page:
    """The findings of one page or file, under one heading."""

    path: str
    lang: str
    items: list[Shown]


def state(f: Finding) -> str:
    """``blocks``, ``accepted``, ``silenced`` or the severity: the badge and the CSS class."""
    if f.blocks:
        return "blocks"
    return "accepted" if f.accepted else "silenced" if f.silenced else f.severity


def screenshot_uri(name: str, shots: Path) -> str:
    """A ``data:`` URI of the PNG ``name`` inside ``shots``; empty if it is not a file there.

    A name that leads out of ``shots`` (``../``, an absolute path) is refused: a merged
    ``findings.json`` is input, and must not embed any other file in the report.
    """
    if not name:
        return ""
    folder = shots.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return ""
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def pages(findings: list[Finding], shots: Path) -> list[Page]:
    """Errors and warnings grouped by page, pages with a blocking finding first."""
    listed = [f for f in findings if f.rule not in MEASURES and f.severity != "info"]
    listed.sort(key=lambda f: (not f.blocks, f.path, f.line))
    by_page: dict[str, list[Finding]] = defaultdict(list)
    for f in listed:
        by_page[f.path].append(f)
    return [Page(path, items[0].lang or "site",
                 [Shown(f, state(f), screenshot_uri(f.screenshot, shots)) for f in items])
            for path, items in by_page.items()]


def report_html(report: Report, options: Options, shots: Path) -> str:
    """The reviewer report as one HTML page; ``shots`` is the folder screenshots are named in."""
    measures = [f for f in report.findings if f.rule in MEASURES]
    return ENVIRONMENT.get_template("report.html").render(
        report=report,
        pages=pages(report.findings, shots),
        chart=reading_chart(measures, options),
        hard=[f for f in measures if f.rule == "read-hard-sentence"],
        ran=[f.message for f in measures if f.rule == "a11y-axe-ran"],
        rules=[r for r in rules() if r.family in report.families],
        stamp=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
