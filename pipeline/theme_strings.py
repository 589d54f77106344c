"""The quick-exit theme's own strings, extracted from its templates into ``sphinx.pot``.

Sphinx's gettext builder extracts only a project's own templates, not its theme's, so the
theme's template (``quick_exit_theme/locale/sphinx.pot``, shipped and committed with it) is made
here with Babel's extraction and Jinja2's extractor.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polib
from babel.messages.extract import extract_from_dir

from pipeline import poformat

METHOD = "jinja2.ext:babel_extract"


def extract(locale: Path) -> Path:
    """Write ``<locale>/sphinx.pot`` from the theme's templates; return ``locale``."""
    theme = locale.parent
    pot = polib.POFile(wrapwidth=0)
    pot.metadata = {
        "Project-Id-Version": "quick-exit theme 1",
        "POT-Creation-Date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    seen: dict[str, polib.POEntry] = {}
    found = extract_from_dir(str(theme), method_map=[("**.html", METHOD)],
                             options_map={"**.html": {"extensions": ""}})
    for filename, lineno, message, _comments, _context in found:
        if not isinstance(message, str) or not message:
            continue
        place = (filename, str(lineno))
        if message in seen:
            seen[message].occurrences.append(place)
            continue
        entry = polib.POEntry(msgid=message, msgstr="", occurrences=[place])
        if "%(" in message:
            entry.flags.append("python-format")
        seen[message] = entry
        pot.append(entry)
    poformat.write_if_changed(locale / "sphinx.pot", pot)
    return locale
