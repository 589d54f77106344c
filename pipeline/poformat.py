"""The one canonical form of every ``.po`` and ``.pot`` file the project writes.

Canonical is what ``msgcat --no-wrap`` writes: one line a string (broken only after an
embedded ``\\n``), comments in gettext's order, ``#~`` for obsolete entries. With no wrapping,
an edited translation changes only its own lines, so two translators editing different entries
of one catalogue on two branches never conflict. polib writes exactly this with
``wrapwidth=0``; Weblate's "gettext PO (long lines)" and Poedit with wrapping off write it too.
Writes go through a temporary file and ``os.replace``: a full disk never leaves half a file.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from pipeline.files import write_atomic

_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.MULTILINE)
FIX = "nox -s translations (or: msgcat --no-wrap -o FILE FILE)"


#: msgcat keeps file references within this width even when it does not wrap strings.
REFERENCE_WIDTH = 79


def _references(line: str) -> str:
    """A ``#:`` line flowed as msgcat flows it: references added while the line fits."""
    if not line.startswith("#: ") or len(line) <= REFERENCE_WIDTH:
        return line
    lines, current = [], "#:"
    for ref in line[3:].split(" "):
        if current != "#:" and len(current) + 1 + len(ref) > REFERENCE_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + ref
    lines.append(current)
    return "\n".join(lines)


def render(po: polib.POFile) -> str:
    """A catalogue's text in canonical form (header fields in their own order, as msgcat
    keeps them; polib alone would sort them)."""
    po.ordered_metadata = lambda: list(po.metadata.items())  # type: ignore[method-assign]
    po.wrapwidth = 0
    for entry in po:
        entry.wrapwidth = 0
    text = "\n".join(_references(line) for line in str(po).split("\n"))
    return text if text.endswith("\n") else text + "\n"


def canonical(text: str) -> str:
    """The canonical form of a catalogue's text (raises ``ValueError``/``OSError`` if polib
    cannot read it)."""
    return render(polib.pofile(text, wrapwidth=0))


def without_dates(text: str) -> str:
    """The text without its creation and revision dates, to compare content."""
    return _DATES.sub("", text)


def write(path: Path, po: polib.POFile) -> None:
    """Write a catalogue in canonical form, atomically."""
    write_atomic(path, render(po))


def write_if_changed(path: Path, po: polib.POFile) -> bool:
    """Write unless only dates would change (or nothing); say whether it was written."""
    new = render(po)
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if without_dates(old) == without_dates(new):
            return False
        if "POT-Creation-Date" in po.metadata:
            found = re.search(r'"POT-Creation-Date: ([^"\\]*)', old)
            if found and _same_messages(old, new):
                po.metadata["POT-Creation-Date"] = found.group(1)  # the template did not change
                new = render(po)
    write(path, po)
    return True


def _same_messages(old: str, new: str) -> bool:
    try:
        a, b = polib.pofile(old), polib.pofile(new)
    except (OSError, ValueError):
        return False
    return [(e.msgctxt, e.msgid) for e in a] == [(e.msgctxt, e.msgid) for e in b]


def from_babel(catalog: Catalog) -> polib.POFile:
    """A Babel catalogue as a polib one, keeping what Babel knows and polib writes canonically.

    Babel's own writer wraps a long previous msgid into a broken ``#|`` comment, and its reader
    turns ``#|`` lines into translator comments (``# | msgid``): those are dropped here; the
    previous msgids are restored by the caller from the file itself.
    """
    import io

    buffer = io.BytesIO()
    for each in list(catalog) + list(catalog.obsolete.values()):
        each.user_comments = [c for c in each.user_comments
                                 if not c.lstrip().startswith("|")]
    write_po(buffer, catalog, width=0, include_previous=False, sort_output=False,
             omit_header=False)
    po = polib.pofile(buffer.getvalue().decode("utf-8"), wrapwidth=0)
    for entry in po:
        if entry.obsolete:
            continue
        message = catalog.get(entry.msgid, entry.msgctxt)
        if message is not None and message.fuzzy and message.previous_id:
            previous = message.previous_id
            entry.previous_msgid = previous if isinstance(previous, str) else previous[0]
    return po
