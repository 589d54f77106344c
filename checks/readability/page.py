"""The text a reader reads on a built page: the blocks of ``<main>`` (or another theme's
element with ``role="main"``), minus its ``<nav>``.

Only the standard library's :mod:`html.parser` is used. Every block element (``p``, ``li``,
``h1``-``h6``, ``dt``, ``dd``, ``td``, ``th``, ``blockquote`` and the containers around them)
ends a block, so no sentence runs from one block into the next. Each block remembers its
language (the nearest ``lang`` attribute, so a paragraph that falls back to English inside a
translated page is known as English), its kind (body text, heading, or a label such as a
definition term) and the line of the built HTML where each piece of its text starts.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

Kind = Literal["text", "heading", "label"]

BLOCK_TAGS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "blockquote",
    "div", "section", "article", "aside", "ul", "ol", "dl", "table", "tr", "caption",
    "figure", "figcaption", "details", "summary", "header", "footer", "br", "hr",
})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LABEL_TAGS = frozenset({"dt", "th"})
LABEL_CLASSES = frozenset({"admonition-title", "rubric", "caption-text"})
SKIPPED_TAGS = frozenset({"nav", "script", "style", "template", "noscript", "pre", "svg", "math"})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})


class PageError(Exception):
    """A page the check cannot read; carries the line of the built HTML."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Block:
    """One block of text, as written in the HTML (whitespace not yet collapsed)."""

    text: str
    lang: str
    kind: Kind
    starts: tuple[int, ...]
    lines: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        """The line of the built HTML where the character at ``offset`` is."""
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        before = self.text[self.starts[index]:offset]
        return self.lines[index] + before.count("\n")


@dataclass(frozen=True)
class PageText:
    """The language of a page (from ``<html lang>``) and the blocks of its main content."""

    lang: str
    main_line: int
    blocks: tuple[Block, ...]


@dataclass
class _Open:
    tag: str
    lang: str | None
    skip: bool
    kind: Kind | None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.main_line = 0
        self.main_tag = "main"
        self.done = False
        self.blocks: list[Block] = []
        self.stack: list[_Open] = []
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.lines: list[int] = []
        self.size = 0
        self.block_lang = ""
        self.block_kind: Kind = "text"

    @property
    def inside(self) -> bool:
        return self.main_line > 0 and not self.done

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = (values.get("lang") or values.get("xml:lang") or "").strip()
        if (tag == "main" or values.get("role") == "main") and not self.main_line:
            # <main> (the quick-exit theme's <main id="main">), or another theme's role="main".
            self.main_line = self.getpos()[0]
            self.main_tag = tag
            return
        if not self.inside:
            return
        if tag in BLOCK_TAGS or tag in SKIPPED_TAGS:
            self.flush()
        if tag in VOID_TAGS:
            return
        classes = set(values.get("class", "").split())
        kind: Kind | None = "heading" if tag in HEADINGS else None
        if tag in LABEL_TAGS or classes & LABEL_CLASSES:
            kind = "label"
        skip = (tag in SKIPPED_TAGS or "hidden" in values
                or values.get("aria-hidden") == "true")
        self.stack.append(_Open(tag, values.get("lang") or None, skip, kind))

    def handle_endtag(self, tag: str) -> None:
        if not self.inside or tag in VOID_TAGS:
            return
        if tag in BLOCK_TAGS or tag in SKIPPED_TAGS or tag == self.main_tag:
            self.flush()
        if tag == self.main_tag and not any(o.tag == tag for o in self.stack):
            self.done = True
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self.inside or any(o.skip for o in self.stack):
            return
        if not self.parts:
            if not data.strip():
                return
            self.block_lang = next((o.lang for o in reversed(self.stack) if o.lang), self.lang)
            kinds = [o.kind for o in self.stack if o.kind]
            self.block_kind = "label" if "label" in kinds else "heading" if kinds else "text"
        self.starts.append(self.size)
        self.lines.append(self.getpos()[0])
        self.parts.append(data)
        self.size += len(data)

    def flush(self) -> None:
        text = "".join(self.parts)
        if text.strip():
            self.blocks.append(Block(text, self.block_lang, self.block_kind,
                                     tuple(self.starts), tuple(self.lines)))
        self.parts, self.starts, self.lines, self.size = [], [], [], 0


def parse_page(html: str) -> PageText:
    """The language and main-content blocks of one built page, or :class:`PageError`."""
    parser = _Parser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser's own complaints
        raise PageError(f"cannot parse HTML: {exc}", parser.getpos()[0]) from None
    parser.flush()
    if not parser.lang:
        raise PageError("no lang attribute on <html>: cannot tell the page's language")
    if not parser.main_line:
        raise PageError('no <main> element (or role="main"): cannot find the main content')
    return PageText(parser.lang, parser.main_line, tuple(parser.blocks))


def read_page(path: Path) -> PageText:
    """Read and parse a built page (UTF-8), or raise :class:`PageError`."""
    try:
        html = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise PageError(f"not UTF-8: {exc.reason}", line) from None
    except OSError as exc:
        raise PageError(f"cannot read: {exc.strerror or exc}") from None
    return parse_page(html)
