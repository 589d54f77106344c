"""``summary.md``: a few lines for a pull request comment or a CI job summary.

Every untrusted value goes through :func:`md`, so that text from a ``.po`` file or a page stays
literal: no image, link, HTML, heading or table cell can be injected into the summary.
"""

from __future__ import annotations

import re

from checks.core import Finding
from checks.report.facts import Report
from checks.report.inert import clean

#: Characters that start Markdown syntax anywhere in a line (GitHub's flavour, with math).
_ACTIVE = re.compile(r"([\\`*_\[\]<>#!|~&$])")
#: What starts a block at the beginning of a line: a list item, a rule, a heading underline.
_LEADING = re.compile(r"^(\d*)([-+=.)])")
#: What GitHub turns into a link or a mention without any syntax: shown as code instead. A URL
#: ends before the punctuation that ends a sentence, as GitHub's own autolinks do.
_AUTOLINK = re.compile(
    r"(?i)(?:(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://|(?<![a-z0-9.-])www\.|\bmailto:)\S*?"
    r"(?=[).,;:!?'\"]*(?:\s|$))"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@])@[a-z0-9][\w-]*(?:/[\w-]+)?"
)
#: Blocking findings listed by name; the rest are counted and left to ``report.html``.
LISTED = 15
#: Longest message shown, in characters.
MESSAGE = 200


def _code(text: str, cell: bool) -> str:
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " ") else ""
    if cell:
        text = text.replace("|", "\\|")  # GitHub splits cells on "|" even inside code
    return f"{fence}{pad}{text}{pad}{fence}"


def _escape(text: str) -> str:
    return _ACTIVE.sub(r"\\\1", text)


def md(text: str, *, code: bool = False, cell: bool = False, limit: int = 0) -> str:
    """``text`` as literal inline Markdown: cleaned, on one line, and escaped.

    With ``code``, the whole text is a code span. Otherwise Markdown punctuation is escaped and
    anything GitHub would link by itself (a URL, an address, an ``@mention``) becomes a code
    span. ``cell`` escapes pipes for a table cell; ``limit`` shortens the text first.
    """
    text = " ".join(clean(text).split())
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if code:
        return _code(text, cell)
    out: list[str] = []
    start = 0
    for match in _AUTOLINK.finditer(text):
        out += [_escape(text[start:match.start()]), _code(match.group(), cell)]
        start = match.end()
    out.append(_escape(text[start:]))
    return _LEADING.sub(r"\1\\\2", "".join(out), count=1)


def _where(f: Finding) -> str:
    return f.source if f.source and f.path.endswith(".html") else f"{f.path}:{f.line}"


def summary_md(report: Report) -> str:
    """The short Markdown summary: status, notes, a table of languages by checks, what
    blocks."""
    blocking = report.blocking
    mark = "❌" if blocking else "✅"
    lines = [f"## {mark} {md(report.status)}", ""]
    lines += [f"- {md(note)}" for note in report.notes]
    lines += [f"- {len(report.comparison.new)} new, {len(report.comparison.fixed)} fixed, "
              f"{report.accepted} accepted since the last run", ""]
    lines.append("| language | " + " | ".join(md(c, cell=True) for c in report.shown) + " |")
    lines.append("| --- |" + " --- |" * len(report.shown))
    for lang in report.languages:
        cells = [md(cell.text, cell=True) for cell in report.cells(lang)]
        lines.append(f"| {md(lang, cell=True)} | " + " | ".join(cells) + " |")
    if report.reviews:
        lines += ["", "Translations reviewed by a native speaker: " + "; ".join(
            f"{md(lang)} {md(report.review_counts(lang))}" for lang in report.reviews) + "."]
    if blocking:
        lines += ["", "### What blocks", ""]
        for f in blocking[:LISTED]:
            lines.append(f"- {md(_where(f), code=True, limit=120)} ({md(f.lang or 'site')}): "
                         f"{md(f.message, limit=MESSAGE)} [{md(f.rule, code=True)}]")
        if len(blocking) > LISTED:
            lines.append(f"- … and {len(blocking) - LISTED} more in report.html")
    lines += ["", "The whole story, with screenshots and how to fix each finding: `report.html`.",
              ""]
    return "\n".join(lines)
