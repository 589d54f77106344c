"""The reading-level chart: bars of score ÷ threshold per page and language, and the same numbers
as a table. This module computes the geometry; ``templates/chart.html`` draws it as inline SVG."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from checks.core import Finding, Options

BAR = 9
GAP = 6
LABEL = 170
WIDTH = 640
COLOURS = ("#1a4f9c", "#00703c", "#8a5a00", "#6f3aa8", "#005a6e", "#3b3b3b", "#b35900")
TOO_HARD = "#a00c1a"


@dataclass(frozen=True)
class Key:
    """One entry of the legend: a language and its colour."""

    x: int
    lang: str
    colour: str


@dataclass(frozen=True)
class Bar:
    """One bar: a page in one language, with its tooltip."""

    y: int
    width: float
    colour: str
    title: str


@dataclass(frozen=True)
class Group:
    """One page's label and its bars, one per language measured."""

    page: str
    label_y: float
    bars: list[Bar]
    cells: list[str]


@dataclass(frozen=True)
class Chart:
    """What ``templates/chart.html`` draws; coordinates are in SVG user units."""

    width: int
    height: int
    label: int
    bar_height: int
    limit_x: float
    bottom: int
    langs: list[str]
    legend: list[Key]
    groups: list[Group]
    #: The source language's target, from its own finding (None when it was not measured).
    grade: float | None


def _doc(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".html")


def _cell(f: Finding | None) -> str:
    if f is None or f.score is None or not f.threshold:
        return "\u2013"  # an en dash: not measured
    measure = f.message.split(" vs ")[0].split(" (")[0].split(";")[0]
    flag = " (too hard)" if f.score > f.threshold else ""
    return f"{measure}; limit {f.threshold:g}{flag}"


def _bars(page: str, measured: dict[str, Finding], langs: list[str], top: int,
          scale: float) -> list[Bar]:
    bars: list[Bar] = []
    for i, lang in enumerate(langs):
        found = measured.get(lang)
        if found is None or not found.threshold or found.score is None:
            continue
        ratio = found.score / found.threshold
        bars.append(Bar(
            y=top + i * BAR,
            width=max(1.0, min(ratio, 2.0) * scale),
            colour=TOO_HARD if ratio > 1 else COLOURS[i % len(COLOURS)],
            title=f"{page} {lang}: {found.score:g} against {found.threshold:g}",
        ))
    return bars


def reading_chart(findings: list[Finding], options: Options) -> Chart | None:
    """The chart of every ``read-score`` finding with a threshold, or None when there is none."""
    scores = [f for f in findings if f.rule == "read-score" and f.score is not None and f.threshold]
    if not scores:
        return None
    order = [lang.code for lang in options.config.languages]
    langs = sorted({f.lang for f in scores}, key=lambda c: order.index(c) if c in order else 99)
    pages: dict[str, dict[str, Finding]] = defaultdict(dict)
    for f in scores:
        pages[_doc(f.path)][f.lang] = f
    scale = (WIDTH - LABEL - 60) / 2.0
    groups: list[Group] = []
    y = 30
    for page in sorted(pages):
        groups.append(Group(page=page, label_y=y + BAR * len(langs) / 2 + 4,
                            bars=_bars(page, pages[page], langs, y, scale),
                            cells=[_cell(pages[page].get(lang)) for lang in langs]))
        y += BAR * len(langs) + GAP
    source = [f.threshold for f in scores if f.lang == options.config.source_language]
    legend = [Key(LABEL + i * 62, lang, COLOURS[i % len(COLOURS)]) for i, lang in enumerate(langs)]
    return Chart(width=WIDTH, height=y + 20, label=LABEL, bar_height=BAR - 1,
                 limit_x=LABEL + scale, bottom=y, langs=langs, legend=legend, groups=groups,
                 grade=source[0] if source else None)
