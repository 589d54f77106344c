"""The translator's workflow: extract messages and update the catalogues, never losing context.

``guide translations [LANG...]`` (``nox -s translations``):

1. extracts the pages' messages with ``sphinx-build -b gettext`` into a clean
   ``_build/gettext`` (so a renamed page leaves no stale template) and keeps a copy of each
   template in ``locales/templates/`` (committed, for Weblate and other platforms); the
   theme's own strings are extracted from its templates into ``quick_exit_theme/locale/``;
2. merges every template into each language's catalogue with sphinx-intl's loader and Babel's
   ``Catalog.update`` (their role: fuzzy matching of changed messages), then complements them:
   Babel's ``read_po`` drops the ``#|`` previous strings of entries that were already fuzzy,
   so they are read again with polib and put back; a changed message at the same place in the
   same source (a changed heading, too short for fuzzy matching) becomes fuzzy instead of
   obsolete; a message that moved to another page (or a renamed page) takes its translation
   along; a page that is gone keeps its catalogue with every entry obsolete;
3. writes each catalogue in the one canonical form (:mod:`pipeline.poformat`), and only when
   something other than dates changed; ``PO-Revision-Date`` changes only when a translation
   changed, and ``Plural-Forms`` is CLDR's (unless plural entries were translated under another).

A catalogue with a syntax error is not touched: its file and line are printed. Obsolete entries
are kept until ``guide translations --prune``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from sphinx_intl.catalog import load_po

import quick_exit_theme
from checks.translations import plurals
from checks.translations.syntax import parse_errors
from pipeline import poformat, reviews, theme_strings
from pipeline.config import Config, Language

DRAFT = "DRAFT: this translation has not yet been reviewed by a native speaker."
REVIEWED = "Reviewed by a native speaker (see reviews.toml); a change makes it a draft again."
Key = tuple[str | None, str]


def pot_dir(config: Config) -> Path:
    """Where ``sphinx-build -b gettext`` writes the message templates."""
    return config.build / "gettext"


def templates_dir(config: Config) -> Path:
    """The committed copy of the templates, for translation platforms."""
    return config.locales / "templates"


def theme_locale() -> Path:
    """The quick-exit theme's own catalogues."""
    return Path(quick_exit_theme.__file__).resolve().parent / "locale"


def extract(config: Config, out: Path | None = None) -> Path:
    """Extract the pages' messages into a clean folder (``_build/gettext``) and return it."""
    out = out or pot_dir(config)
    shutil.rmtree(out, ignore_errors=True)  # a renamed or deleted page leaves no template
    cmd = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-E", str(config.docs), str(out)]
    subprocess.run(cmd, check=True)
    return out


def _entries(po: polib.POFile) -> dict[Key, polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in po}


def _same_messages(old: Path, new: polib.POFile) -> bool:
    if not old.exists():
        return False
    try:
        before = polib.pofile(str(old))
    except (OSError, ValueError):
        return False
    strip = poformat.without_dates
    return strip(poformat.render(before)) == strip(poformat.render(new))


def publish_templates(config: Config, pots: Path) -> list[str]:
    """Copy the templates to ``locales/templates/`` in canonical form; remove stale ones."""
    target = templates_dir(config)
    target.mkdir(parents=True, exist_ok=True)
    report = []
    fresh = {p.name for p in pots.glob("*.pot")}
    for pot in sorted(pots.glob("*.pot")):
        template = polib.pofile(str(pot))
        template.metadata.pop("Generated-By", None)
        if not _same_messages(target / pot.name, template):
            poformat.write(target / pot.name, template)
            report.append(f"template {target / pot.name}")
    for stale in sorted(target.glob("*.pot")):
        if stale.name not in fresh:
            stale.unlink()
            report.append(f"removed the template of a page that is gone: {stale}")
    return report


def _header(po: polib.POFile, config: Config, lang: Language, project: str,
            reviewed: bool = False) -> None:
    meta = po.metadata
    meta["Project-Id-Version"] = f"{project} 1"
    meta["Language"] = lang.code
    meta["Language-Team"] = f"{lang.native_name} <{lang.code}>"
    meta.setdefault("Last-Translator", "")
    meta.setdefault("PO-Revision-Date", "")
    meta["MIME-Version"] = "1.0"
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    meta.pop("Generated-By", None)
    expected = plurals.cldr(lang.code)
    if expected is not None:
        try:
            same = plurals.parse(meta.get("Plural-Forms", "")).means(expected)
        except plurals.PluralError:
            same = False
        used = any(e.msgid_plural and any(e.msgstr_plural.values()) for e in po if not e.obsolete)
        if same or not used:
            meta["Plural-Forms"] = expected.header
        else:
            print(f"{lang.code}: Plural-Forms differs from CLDR's `{expected.header}` and plural "
                  "entries are translated: set the header and check each msgstr[N] by hand",
                  file=sys.stderr)
    note = REVIEWED if reviewed else DRAFT
    credits = [ln for ln in po.header.splitlines()
               if ln.startswith("Translator") or ("@" in ln and "EMAIL@ADDRESS" not in ln)]
    po.header = "\n".join([note, f"{lang.native_name} ({lang.code}) translation of \"{project}\".",
                           "This file is distributed under the same license as the guide.",
                           *credits])


def _previous(po: polib.POFile) -> dict[Key, str]:
    """The ``#|`` previous msgid of each fuzzy entry, which Babel's reader drops."""
    return {(e.msgctxt, e.msgid): e.previous_msgid for e in po
            if e.fuzzy and e.previous_msgid and not e.obsolete}


def _memory(folder: Path) -> dict[Key, str]:
    """Translations by source text across all of a language's catalogues (not fuzzy)."""
    memory: dict[Key, str] = {}
    for path in sorted(folder.glob("*.po")):
        for e in polib.pofile(str(path)):
            if e.msgid and e.msgstr and not e.fuzzy:
                memory.setdefault((e.msgctxt, e.msgid), e.msgstr)
    return memory


def merge(old: Path | None, pot: Path, memory: dict[Key, str]) -> tuple[polib.POFile, int]:
    """One catalogue merged with its template: the new catalogue and how many entries the
    memory filled."""
    template = load_po(str(pot))
    if old is None or not old.exists():
        catalog: Catalog = template
        kept: dict[Key, str] = {}
        before: dict[Key, polib.POEntry] = {}
    else:
        existing = polib.pofile(str(old))
        kept, before = _previous(existing), _entries(existing)
        catalog = load_po(str(old))
        catalog.update(template)  # changed -> fuzzy with the previous msgid, removed -> obsolete
    po = poformat.from_babel(catalog)
    by_place: dict[tuple[str, str], polib.POEntry] = {}
    for entry in po.obsolete_entries():
        for place in before.get((entry.msgctxt, entry.msgid), entry).occurrences:
            by_place.setdefault(place, entry)
    filled = 0
    for entry in list(po):  # a copy: an obsolete entry may be taken out below
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if entry.fuzzy and key in kept:
            entry.previous_msgid = kept[key]  # still the English the translation was made from
        elif entry.fuzzy and entry.previous_msgid:
            earlier = before.get((entry.msgctxt, entry.previous_msgid))
            if earlier is not None and earlier.fuzzy and earlier.previous_msgid:
                entry.previous_msgid = earlier.previous_msgid
        if not entry.msgstr and not entry.msgid_plural:
            found = memory.get(key)
            same_place = next((by_place[p] for p in entry.occurrences if p in by_place), None)
            if found:
                entry.msgstr = found
                filled += 1
            elif same_place is not None and same_place.msgstr:
                # Changed in place (a heading, say): fuzzy, like any other changed message.
                entry.msgstr = same_place.msgstr
                entry.flags.append("fuzzy")
                entry.previous_msgid = (same_place.previous_msgid if same_place.fuzzy and
                                        same_place.previous_msgid else same_place.msgid)
                po.remove(same_place)
                by_place = {p: e for p, e in by_place.items() if e is not same_place}
    return po, filled


def _translations(po: polib.POFile) -> dict[Key, tuple[str, bool]]:
    return {(e.msgctxt, e.msgid): (e.msgstr, e.fuzzy) for e in po
            if not e.obsolete and (e.msgstr or any(e.msgstr_plural.values()))}


def _changed_translations(old: Path, new: polib.POFile) -> bool:
    """Whether a translation changed (text, or fuzzy), not just an English message added."""
    return old.exists() and _translations(polib.pofile(str(old))) != _translations(new)


def update_language(config: Config, lang: Language, pots: Path, locale: Path,
                    project: str, prune: bool = False) -> list[str]:
    """Merge every template of ``pots`` into one language's catalogues under ``locale``."""
    folder = locale / lang.code / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    memory = _memory(folder)
    report: list[str] = []
    templates = {p.stem: p for p in sorted(pots.glob("*.pot"))}
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    for domain, pot in templates.items():
        path = folder / f"{domain}.po"
        po, filled = merge(path if path.exists() else None, pot, memory)
        if prune:
            for entry in po.obsolete_entries():
                po.remove(entry)
        signed = locale == config.locales and reviews.state(config, lang.code, domain) == "reviewed"
        _header(po, config, lang, project, signed)
        if _changed_translations(path, po) or filled:
            po.metadata["PO-Revision-Date"] = stamp
        if poformat.write_if_changed(path, po):
            what = "updated" if path.exists() else "created"
            report.append(f"{what} {path}" + (f" ({filled} reused)" if filled else ""))
    for path in sorted(folder.glob("*.po")):
        if path.stem in templates:
            continue
        po = polib.pofile(str(path))
        live = [e for e in po if not e.obsolete]
        if prune and not live:
            path.unlink()
            report.append(f"removed {path}: its page is gone and nothing in it is live")
            continue
        for entry in live:
            entry.obsolete = True
        if prune:
            for entry in po.obsolete_entries():
                po.remove(entry)
        if live and poformat.write_if_changed(path, po):
            report.append(f"kept {path} as obsolete: its page is gone; its translations moved "
                          "to the pages that use them")
    return report


def update(config: Config, codes: list[str], prune: bool = False) -> int:
    """Extract and update; exit code 0, or 1 when a catalogue has syntax errors."""
    langs = [config.language(c) for c in codes] if codes else list(config.translated)
    failed = False
    checked: list[Language] = []
    for lang in langs:
        errors = [*parse_errors(config.locales / lang.code / "LC_MESSAGES", config.root),
                  *(parse_errors(theme_locale() / lang.code / "LC_MESSAGES", config.root)
                    if theme_locale().is_relative_to(config.root.resolve()) else [])]
        if errors:
            failed = True
            print("\n".join(errors), file=sys.stderr)
            print(f"{lang.code}: not updated; fix the lines above, then run "
                  f"'nox -s translations -- {lang.code}' again", file=sys.stderr)
        else:
            checked.append(lang)
    pots = extract(config)
    # The theme's own catalogues are maintained here only where the theme is developed (inside
    # this project), never inside an installed package.
    theme = theme_locale() if theme_locale().is_relative_to(config.root.resolve()) else None
    theme_pots = theme_strings.extract(theme) if theme is not None else None
    for line in publish_templates(config, pots):
        print(line)
    for lang in checked:
        for line in update_language(config, lang, pots, config.locales, config.project, prune):
            print(line)
        if theme is not None and theme_pots is not None:
            for line in update_language(config, lang, theme_pots, theme, "quick-exit theme",
                                        prune):
                print(line)
    print(f"catalogues updated from {pots}" + (f" and {theme_pots}" if theme_pots else ""))
    return 1 if failed else 0
