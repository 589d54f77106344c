"""Find where a piece of a built page comes from: the ``.rst`` line, or the ``.po`` entry.

A reviewer fixes a finding in a source file, never in ``_build``. For an English page the
source is the ``.rst`` line; for a translated page it is the catalogue entry (file and line of
its ``msgid``) together with the ``.rst`` line it translates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib

from checks.config import Config

_ROLE_WITH_TARGET = re.compile(r":[\w:+-]+:`([^`<]*?)\s*<[^>]*>`")
_ROLE = re.compile(r":[\w:+-]+:`([^`]*)`")
_LINK = re.compile(r"`([^`<]*?)\s*<[^>]*>`__?")
_MARKUP = re.compile(r"\*\*|\*|``|`")
_SPACE = re.compile(r"\s+")


def plain(rst: str) -> str:
    """Inline reStructuredText reduced to the text a reader sees."""
    text = _ROLE_WITH_TARGET.sub(r"\1", rst)
    text = _ROLE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


def normal(text: str) -> str:
    """Whitespace collapsed and case folded, for matching."""
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Source:
    """Where a text comes from."""

    rst: str = ""
    po: str = ""

    def __str__(self) -> str:
        if self.po and self.rst:
            return f"{self.po} (translates {self.rst})"
        return self.po or self.rst


@dataclass(frozen=True)
class _Entry:
    source_plain: str
    translation_plain: str
    po_line: int
    rst: str


def _rst_location(occurrence: tuple[str, str]) -> str:
    path, line = occurrence
    marker = "docs/"
    path = path[path.index(marker):] if marker in path else path.lstrip("./")
    return f"{path}:{line}" if line else path


@cache
def _entries(po_path: Path) -> tuple[_Entry, ...]:
    try:
        po = polib.pofile(str(po_path))
    except (OSError, ValueError):
        return ()
    return tuple(
        _Entry(normal(plain(e.msgid)), normal(plain(e.msgstr)), e.linenum,
               _rst_location(e.occurrences[0]) if e.occurrences else "")
        for e in po if not e.obsolete and e.msgid
    )


def _catalogue(config: Config, lang: str, docname: str) -> Path | None:
    folder = config.locales / lang / "LC_MESSAGES"
    path = folder / f"{docname}.po"
    if path.exists():
        return path
    for code in (c.code for c in config.translated):
        other = config.locales / code / "LC_MESSAGES" / f"{docname}.po"
        if other.exists():
            return other
    return None


def _scan_rst(config: Config, docname: str, needle: str) -> str:
    path = config.docs / f"{docname}.rst"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    words = needle.split()[:6]
    probe = " ".join(words)
    for number, line in enumerate(lines, start=1):
        if probe and probe in normal(plain(line)):
            return f"docs/{docname}.rst:{number}"
    first = words[0] if words else ""
    for number, line in enumerate(lines, start=1):
        if first and first in normal(plain(line)):
            return f"docs/{docname}.rst:{number}"
    return f"docs/{docname}.rst"


def locate(config: Config, lang: str, docname: str, text: str) -> Source:
    """The source of ``text`` as it appears on page ``docname`` in language ``lang``."""
    needle = normal(text)
    if not needle:
        exists = (config.docs / f"{docname}.rst").is_file()
        return Source(rst=f"docs/{docname}.rst" if exists else "")
    translated = lang != config.source_language
    catalogue = _catalogue(config, lang if translated else "", docname)
    if catalogue is not None:
        entries = _entries(catalogue)
        # The text inside one entry first; an entry inside the text only when it is most of it.
        candidates = [e for e in entries if needle in (e.translation_plain if translated else e.source_plain)]
        if not candidates:
            candidates = [e for e in entries
                          if (hay := e.translation_plain if translated else e.source_plain)
                          and hay in needle and len(hay) * 2 >= len(needle)]
        if candidates:
            entry = candidates[0]
            po = ""
            if translated and catalogue.parent.parent.name == lang:
                po = f"{catalogue.relative_to(config.root)}:{entry.po_line}"
            return Source(rst=entry.rst, po=po)
    return Source(rst=_scan_rst(config, docname, needle))


def page_language_and_doc(site: Path, page: Path) -> tuple[str, str]:
    """``(lang folder, docname)`` of a built page: ``cy/what-to-do.html`` -> ``(cy, what-to-do)``."""
    rel = page.resolve().relative_to(site.resolve())
    parts = rel.with_suffix("").parts
    if len(parts) == 1:
        return "", parts[0]
    return parts[0], "/".join(parts[1:])
