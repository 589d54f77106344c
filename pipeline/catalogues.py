"""The translator's workflow: extract messages, update catalogues, report progress.

``python -m pipeline.catalogues update [LANG...]`` extracts messages with ``sphinx-build -b gettext``
(theme strings from ``_templates/`` land in ``sphinx.pot``) and merges them into
``locales/<lang>/LC_MESSAGES/*.po`` with sphinx-intl's catalogue functions and Babel:

- a changed source sentence keeps its old translation as fuzzy, with the previous source text;
- a removed sentence keeps its translation as obsolete (``#~``);
- a sentence that moved to another page (or a renamed page) takes its translation along;
- a catalogue with a syntax error is not touched: the error is printed with file and line.

``python -m pipeline.catalogues status [LANG...]`` prints progress per language and page.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from sphinx_intl.catalog import load_po

from checks.translations import plurals
from pipeline.progress import status, write_status
from pipeline.config import Config, ConfigError, Language, load
from checks.translations.syntax import parse_errors

DRAFT = "DRAFT: this translation has not yet been reviewed by a native speaker."
REVIEWED = "Reviewed by a native speaker."


def pot_dir(config: Config) -> Path:
    """Where extracted message templates are written."""
    return config.build / "gettext"


def extract(config: Config) -> Path:
    """Run ``sphinx-build -b gettext`` and return the folder of ``.pot`` files."""
    out = pot_dir(config)
    cmd = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-E", str(config.docs), str(out)]
    subprocess.run(cmd, check=True)
    return out


def _without_date(text: bytes) -> bytes:
    return re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", text)


def _dump(path: Path, catalog: Catalog) -> bool:
    """Write the catalogue unless only its creation date would change; say if it was written."""
    buffer = io.BytesIO()
    # Babel wraps a long previous msgid into a broken "#|" comment, so polib writes those.
    write_po(buffer, catalog, width=76, include_previous=False, sort_output=False)
    po = polib.pofile(buffer.getvalue().decode("utf-8"), wrapwidth=76)
    for entry in po:
        message = catalog.get(entry.msgid, entry.msgctxt) if not entry.obsolete else None
        if message is not None and message.fuzzy and message.previous_id:
            previous = message.previous_id
            entry.previous_msgid = previous if isinstance(previous, str) else previous[0]
    new = str(po).encode("utf-8")
    if path.exists() and _without_date(path.read_bytes()) == _without_date(new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return True


def _header(catalog: Catalog, config: Config, lang: Language) -> None:
    catalog.locale = lang.code
    catalog.project = config.project
    catalog.language_team = f"{lang.native_name} <{lang.code}>"
    catalog.version = "1"
    _plural_forms(catalog, lang)
    note = REVIEWED if lang.reviewed else DRAFT
    credits = [ln for ln in (catalog.header_comment or "").splitlines()
               if ln.startswith("# Translator") or ("@" in ln and "EMAIL@ADDRESS" not in ln)]
    catalog.header_comment = "\n".join([
        f"# {note}",
        f"# {lang.native_name} ({lang.code}) translation of \"{config.project}\".",
        "# This file is distributed under the same license as the guide.",
        *credits,
    ])


def _plural_forms(catalog: Catalog, lang: Language) -> None:
    """Write CLDR's Plural-Forms, unless plural entries were translated under another split."""
    expected = plurals.cldr(lang.code)
    if expected is None:
        return
    try:
        same = plurals.parse(catalog.plural_forms).means(expected)
    except plurals.PluralError:
        same = False
    if same or not any(m.pluralizable and any(m.string) for m in catalog if m.id):
        catalog.mime_headers = [("Plural-Forms", expected.header)]
    else:
        print(f"{lang.code}: Plural-Forms differs from CLDR's `{expected.header}` and plural "
              "entries are translated: set the header and check each msgstr[N] by hand",
              file=sys.stderr)


def _memory(catalogs: dict[str, Catalog]) -> dict[tuple[str | None, str], str]:
    """Translations by source text across all of a language's catalogues (not fuzzy)."""
    memory: dict[tuple[str | None, str], str] = {}
    for catalog in catalogs.values():
        for message in list(catalog) + list(catalog.obsolete.values()):
            if message.id and message.string and not message.fuzzy and isinstance(message.id, str):
                memory.setdefault((message.context, message.id), message.string)  # type: ignore[arg-type]
    return memory


def update_language(config: Config, lang: Language, pots: Path) -> list[str]:
    """Merge every template into one language's catalogues; return what changed."""
    folder = config.locales / lang.code / "LC_MESSAGES"
    existing = {p.stem: load_po(str(p)) for p in sorted(folder.glob("*.po"))}
    memory = _memory(existing)
    report: list[str] = []
    templates = {p.stem: p for p in sorted(pots.glob("*.pot"))}
    for domain, pot_path in templates.items():
        template = load_po(str(pot_path))
        catalog = existing.get(domain)
        created = catalog is None
        if catalog is None:
            catalog = template
            catalog.fuzzy = False
        else:
            catalog.update(template)  # changed -> fuzzy (with previous msgid), removed -> obsolete
        filled = 0
        for message in catalog:
            if message.id and not message.string:
                found = memory.get((message.context, message.id))  # type: ignore[arg-type]
                if found:
                    message.string = found
                    filled += 1
        _header(catalog, config, lang)
        if _dump(folder / f"{domain}.po", catalog):
            what = "created" if created else "updated"
            report.append(f"{what} {folder / domain}.po" + (f" ({filled} reused)" if filled else ""))
    for domain, catalog in existing.items():
        if domain in templates:
            continue
        live = [m for m in catalog if m.id]
        for message in live:
            catalog.obsolete[message.id] = message
            catalog.delete(message.id, message.context)
        _dump(folder / f"{domain}.po", catalog)
        report.append(f"kept {folder / domain}.po as obsolete: its page is gone")
    return report


def update(config: Config, codes: list[str]) -> int:
    """Extract and update; exit code 0, or 1 when a catalogue has syntax errors."""
    langs = [config.language(c) for c in codes] if codes else list(config.translated)
    failed = False
    checked: list[Language] = []
    for lang in langs:
        errors = parse_errors(config.locales / lang.code / "LC_MESSAGES")
        if errors:
            failed = True
            print("\n".join(errors), file=sys.stderr)
            print(f"{lang.code}: not updated; fix the lines above, then run "
                  f"'nox -s translations -- {lang.code}' again", file=sys.stderr)
        else:
            checked.append(lang)
    pots = extract(config)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    for lang in checked:
        for line in update_language(config, lang, pots):
            print(line)
    print(f"catalogues updated at {stamp} UTC from {pots}")
    return 1 if failed else 0
