"""An inline SVG chart of reading level per page and language against its threshold."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from checks.core import Finding, Options

BAR = 9
GAP = 6
LABEL = 170
WIDTH = 640
COLOURS = ("#1a4f9c", "#00703c", "#8a5a00", "#6f3aa8", "#005a6e", "#3b3b3b", "#b35900")


def _doc(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".html")


def reading_chart(findings: list[Finding], options: Options) -> str:
    """Bars of score ÷ threshold (1.0 is the limit) for every page and language, with a table."""
    scores = [f for f in findings if f.rule == "read-score" and f.score is not None and f.threshold]
    if not scores:
        return "<p>No reading-level measures.</p>"
    order = [lang.code for lang in options.config.languages]
    langs = sorted({f.lang for f in scores}, key=lambda c: order.index(c) if c in order else 99)
    pages: dict[str, dict[str, Finding]] = defaultdict(dict)
    for f in scores:
        pages[_doc(f.path)][f.lang] = f
    scale = (WIDTH - LABEL - 60) / 2.0
    rows: list[str] = []
    y = 30
    for page in sorted(pages):
        rows.append(f'<text x="{LABEL - 8}" y="{y + BAR * len(langs) / 2 + 4}" text-anchor="end">{escape(page)}</text>')
        for i, lang in enumerate(langs):
            bar = pages[page].get(lang)
            if bar is None or not bar.threshold or bar.score is None:
                continue
            ratio = bar.score / bar.threshold
            colour = "#a00c1a" if ratio > 1 else COLOURS[i % len(COLOURS)]
            width = max(1.0, min(ratio, 2.0) * scale)
            rows.append(f'<rect x="{LABEL}" y="{y + i * BAR}" width="{width:.1f}" height="{BAR - 1}" fill="{colour}">'
                        f"<title>{escape(page)} {escape(lang)}: {bar.score:g} against {bar.threshold:g}</title></rect>")
        y += BAR * len(langs) + GAP
    limit_x = LABEL + scale
    legend = "".join(
        f'<rect x="{LABEL + i * 62}" y="6" width="10" height="10" fill="{COLOURS[i % len(COLOURS)]}"/>'
        f'<text x="{LABEL + i * 62 + 14}" y="15">{escape(lang)}</text>' for i, lang in enumerate(langs))
    height = y + 20
    svg = (f'<svg role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 {WIDTH} {height}" '
           f'width="100%" style="max-width:{WIDTH}px">'
           '<title id="chart-title">Reading level of each page, by language, against its limit</title>'
           '<desc id="chart-desc">Each bar is a page score divided by its threshold. Bars that cross '
           'the line at 1 are too hard; they are red. The same numbers are in the table below.</desc>'
           f"{legend}{''.join(rows)}"
           f'<line x1="{limit_x:.1f}" y1="22" x2="{limit_x:.1f}" y2="{y}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="4 3"/>'
           f'<text x="{limit_x + 4:.1f}" y="{y + 14}">limit</text></svg>')
    head = "".join(f'<th scope="col">{escape(lang)}</th>' for lang in langs)
    body = "".join(
        f'<tr><th scope="row">{escape(page)}</th>'
        + "".join(f"<td>{_cell(pages[page].get(lang))}</td>" for lang in langs) + "</tr>"
        for page in sorted(pages))
    return (f"<figure>{svg}<figcaption>English: Flesch-Kincaid grade against {options.config.max_grade.get('en', 6):g}; "
            "other languages: a language-neutral measure against a limit set from the English page "
            "(see each cell).</figcaption></figure>"
            f"<details><summary>Reading level as a table</summary><table><thead><tr><th scope=\"col\">Page</th>"
            f"{head}</tr></thead><tbody>{body}</tbody></table></details>")


def _cell(f: Finding | None) -> str:
    if f is None or f.score is None or not f.threshold:
        return "–"
    measure = f.message.split(" vs ")[0].split(" (")[0].split(";")[0]
    flag = " (too hard)" if f.score > f.threshold else ""
    return escape(f"{measure}; limit {f.threshold:g}{flag}")
