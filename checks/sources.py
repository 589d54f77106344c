"""Where a piece of a built page comes from: the ``.rst`` line, or the ``.po`` entry.

A reviewer fixes a finding in a source file, never in ``_build``. The build writes, for each
page, a map of its blocks (:mod:`pipeline.sourcemap`, in ``<site>/<lang>/.sources/``): the text
each block renders, the ``.rst`` line it comes from and, on a translated page, the catalogue
entry. This module reads those maps; it never guesses. A site built without the map (someone
else's Sphinx project) simply has no sources.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FOLDER = ".sources"
_SPACE = re.compile(r"\s+")


def normal(text: str) -> str:
    """Whitespace collapsed: how rendered text is compared with the map."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Source:
    """Where a block comes from; empty when nothing is known."""

    rst: str = ""
    po: str = ""
    msgid: str = ""
    translated: bool = False

    def __str__(self) -> str:
        if self.po and self.rst:
            return f"{self.po} (translates {self.rst})"
        return self.po or self.rst

    def __bool__(self) -> bool:
        return bool(self.rst or self.po)


@dataclass(frozen=True)
class Block:
    """One block of a page as the build recorded it."""

    text: str
    source: Source


def _location(path: str, line: int) -> str:
    return f"{path}:{line}" if path and line else path


@lru_cache(maxsize=512)
def _read(path: str, mtime_ns: int) -> tuple[Block, ...]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        blocks = data["blocks"]
        return tuple(
            Block(str(b["text"]), Source(
                rst=_location(str(b.get("source", "")), int(b.get("line", 0))),
                po=_location(str(b.get("po", "")), int(b.get("po_line", 0)))
                if b.get("translated") else "",
                msgid=str(b.get("msgid", "")), translated=bool(b.get("translated"))))
            for b in blocks)
    except (OSError, ValueError, KeyError, TypeError):
        return ()  # a missing or damaged map means no sources, never a crash


def page_language_and_doc(site: Path, page: Path) -> tuple[str, str]:
    """``(lang folder, docname)`` of a built page: ``cy/what-to-do.html`` is
    ``(cy, what-to-do)``."""
    rel = page.resolve().relative_to(site.resolve())
    parts = rel.with_suffix("").parts
    if len(parts) == 1:
        return "", parts[0]
    return parts[0], "/".join(parts[1:])


def blocks(site: Path, page: Path) -> tuple[Block, ...]:
    """Every recorded block of a built page, in document order (empty without a map)."""
    folder, doc = page_language_and_doc(site, page)
    path = site / folder / FOLDER / f"{doc}.json" if folder else site / FOLDER / f"{doc}.json"
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return ()
    return _read(str(path), mtime)


def locate(site: Path, page: Path, text: str) -> Source:
    """The source of the block whose text is ``text``, or of the block that contains it."""
    needle = normal(text)
    if not needle:
        return Source()
    recorded = blocks(site, page)
    for block in recorded:
        if block.text == needle:
            return block.source
    inside = [b for b in recorded if needle in b.text]
    if inside:
        return inside[0].source
    around = [b for b in recorded if b.text and b.text in needle]
    return max(around, key=lambda b: len(b.text)).source if around else Source()
