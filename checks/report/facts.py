"""The facts every reporter shows, computed once: counts per language and check, what changed
since the previous run, and the notes at the top of the report."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from checks.core import Finding, InputError, Options
from checks.report.inert import clean

CHECKS = ("translations", "reviews", "readability", "a11y", "privacy")
#: Findings that carry a measurement, shown in tables and the chart rather than one by one.
MEASURES = frozenset({"read-score", "read-hard-sentence", "a11y-axe-ran"})
#: Readability findings shown side by side with the English they translate.
READING = frozenset({"read-block-too-hard", "read-rare-words", "read-hard-sentence"})

Table = dict[str, dict[str, Counter[str]]]


@dataclass
class Comparison:
    """What changed since the previous run (by finding key, ignoring line numbers)."""

    new: list[Finding] = field(default_factory=list)
    fixed: list[dict[str, object]] = field(default_factory=list)

    def fixed_lines(self, limit: int = 50) -> list[str]:
        """The fixed findings as ``path: message [rule]`` lines, cleaned (the file is input)."""
        return [clean(f"{d.get('path')}: {d.get('message')} [{d.get('rule')}]")
                for d in self.fixed[:limit]]


@dataclass(frozen=True)
class Cell:
    """One cell of the summary table: its text and whether anything in it blocks."""

    text: str
    bad: bool


@dataclass(frozen=True)
class Report:
    """Everything the reporters show, computed once from inert findings."""

    findings: list[Finding]
    families: list[str]
    languages: list[str]
    table: Table
    comparison: Comparison
    notes: list[str]
    #: Review state of each translated page: language -> page -> reviewed, draft or stale.
    reviews: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def review_pages(self) -> list[str]:
        """Every page that some language translates, sorted."""
        return sorted({page for pages in self.reviews.values() for page in pages})

    def hardest(self, lang: str, most: int = 5) -> list[Finding]:
        """The hardest translated blocks and sentences of a language, with their English."""
        order = {"error": 0, "warning": 1, "info": 2}
        found = [f for f in self.findings if f.lang == lang and f.original and f.rule in READING]
        return sorted(found, key=lambda f: (order[f.severity], -(f.score or 0)))[:most]

    @property
    def reading_languages(self) -> list[str]:
        """Languages that have translated blocks to show side by side with the English."""
        return [lang for lang in self.languages if self.hardest(lang, 1)]

    def review_counts(self, lang: str) -> str:
        """``0 reviewed, 11 draft, 0 stale`` for one language."""
        states = list(self.reviews.get(lang, {}).values())
        return ", ".join(f"{states.count(s)} {s}" for s in ("reviewed", "draft", "stale"))

    @property
    def shown(self) -> list[str]:
        """The checks shown as columns, in their usual order."""
        return [c for c in CHECKS if c in self.families]

    @property
    def blocking(self) -> list[Finding]:
        """The findings that block publication."""
        return [f for f in self.findings if f.blocks]

    @property
    def accepted(self) -> int:
        """How many findings the baseline accepts or a translator comment silences."""
        return sum(1 for f in self.findings if f.accepted or f.silenced)

    @property
    def status(self) -> str:
        """``Not publishable: N blocking findings`` or ``Publishable: nothing blocks``."""
        count = len(self.blocking)
        if not count:
            return "Publishable: nothing blocks"
        return f"Not publishable: {count} blocking finding{'s' if count != 1 else ''}"

    def cells(self, lang: str) -> list[Cell]:
        """The row of the summary table for one language, one cell per shown check."""
        row = self.table.get(lang, {})
        return [Cell(cell_text(row[c]), bool(row[c]["blocking"])) if c in row
                else Cell("pass", False) for c in self.shown]


def load_previous(path: Path) -> list[dict[str, object]]:
    """The findings of the previous run, or none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []


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


def lang_of(finding: Finding) -> str:
    """The finding's language, or ``(site)`` for a site-wide finding."""
    return finding.lang or "(site)"


def matrix(findings: Iterable[Finding]) -> Table:
    """Counts per language and check: blocking, warning, accepted."""
    table: Table = defaultdict(lambda: defaultdict(Counter))
    for f in findings:
        cell = table[lang_of(f)][f.check or "other"]
        if f.blocks:
            cell["blocking"] += 1
        elif f.accepted or f.silenced:
            cell["accepted"] += 1
        elif f.severity == "warning":
            cell["warning"] += 1
    return table


def cell_text(cell: Counter[str]) -> str:
    """``1 blocking, 2 warnings, 1 accepted``, or ``pass``."""
    parts = []
    if cell["blocking"]:
        parts.append(f"{cell['blocking']} blocking")
    if cell["warning"]:
        parts.append(f"{cell['warning']} warning{'s' if cell['warning'] > 1 else ''}")
    if cell["accepted"]:
        parts.append(f"{cell['accepted']} accepted")
    return ", ".join(parts) or "pass"


def languages(findings: list[Finding], options: Options) -> list[str]:
    """The languages to show: the configured order first, then any other, sorted."""
    seen = {lang_of(f) for f in findings if f.lang or f.severity != "info"}
    ordered = [lang.code for lang in options.config.languages if lang.code in seen]
    return ordered + sorted(seen - set(ordered))


def held_back(options: Options) -> dict[str, str]:
    """Published languages below their completeness threshold, each with why (as the build
    says it), for a report written without the build's own answer."""
    from pipeline.progress import completeness

    out: dict[str, str] = {}
    for lang in options.config.languages:
        if lang.published and lang.min_complete:
            share = completeness(options.config, lang.code)
            if share < lang.min_complete:
                out[lang.code] = f"{share:.0%} translated, below {lang.min_complete:.0%}"
    return out


def notes_for(findings: list[Finding], options: Options,
              held: Mapping[str, str] | None = None) -> list[str]:
    """One-line facts for the top of the report: pages checked, held-back languages.

    ``held`` maps each held-back language to why, as the build found it; without it, the
    catalogues are measured here.
    """
    pages = {f.path for f in findings if f.check in ("a11y", "privacy", "readability")
             and f.path.endswith(".html")}
    notes = [(f"{len(pages)} page{'s' if len(pages) != 1 else ''} checked; "
              f"{len(findings)} findings in all, {sum(f.blocks for f in findings)} blocking.")]
    names = {lang.code: lang.native_name for lang in options.config.languages}
    for code, why in (held_back(options) if held is None else held).items():
        notes.append(f"Held back: {names.get(code, code)} ({code}), {why}.")
    return notes


def gather(findings: list[Finding], options: Options, families: list[str],
           previous: list[dict[str, object]], baseline_size: int,
           held: Mapping[str, str] | None = None) -> Report:
    """The facts of one report, from inert findings and the previous run's findings."""
    notes = notes_for(findings, options, held)
    notes.append(f"Baseline: {baseline_size} accepted finding pattern"
                 f"{'s' if baseline_size != 1 else ''}.")
    return Report(findings=findings, families=families, languages=languages(findings, options),
                  table=matrix(findings), comparison=compare(findings, previous), notes=notes,
                  reviews=_reviews(options))


def _reviews(options: Options) -> dict[str, dict[str, str]]:
    """The review state of every translated page (none for a project without languages)."""
    from pipeline import reviews

    if not options.config.languages:
        return {}
    try:
        return {lang: dict(pages) for lang, pages in reviews.states(options.config).items()}
    except (InputError, OSError, ValueError):
        return {}
