"""The theme's own translations: ``locale/<lang>/LC_MESSAGES/sphinx.po``, shipped with it.

Sphinx compiles a project's catalogues itself, but not a theme's, so the theme compiles the
current language's catalogue to a ``.mo`` in the build's doctree folder (only when the ``.po`` is
newer) and adds it as a fallback of Sphinx's own ``sphinx`` catalogue: a project's catalogue
for the same string still wins.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

DOMAIN = "sphinx"


def compile_catalogue(po: Path, mo: Path) -> None:
    """Compile one catalogue (the theme's own, trusted files) unless the ``.mo`` is newer."""
    if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
        return
    with po.open("rb") as source:
        catalog = read_po(source)
    mo.parent.mkdir(parents=True, exist_ok=True)
    tmp = mo.with_name(f".{mo.name}.tmp")
    with tmp.open("wb") as out:
        write_mo(out, catalog)
    os.replace(tmp, mo)


def compiled(locale_dir: Path, language: str, cache: Path) -> Path | None:
    """The compiled ``.mo`` of a language under ``cache``, or None if the theme lacks it."""
    po = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return None
    mo = cache / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    compile_catalogue(po, mo)
    return mo


def add(app: Sphinx, locale_dir: Path) -> None:
    """Make the theme's strings available to the templates' ``_()`` for the build's language."""
    language = app.config.language
    if not language:
        return
    cache = Path(app.doctreedir) / "quick_exit_theme"
    if compiled(locale_dir, language, cache) is not None:
        app.add_message_catalog(DOMAIN, str(cache))


def translations(language: str, locale_dirs: list[Path], cache: Path) -> gettext.NullTranslations:
    """A language's ``sphinx`` strings from the project's folders, then the theme's own (for
    pages rendered outside Sphinx, such as the language chooser)."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    found: list[gettext.NullTranslations] = []
    for folder in locale_dirs:
        mo = folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        po = mo.with_suffix(".po")
        if po.is_file():
            target = cache / "project" / folder.name / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
            compile_catalogue(po, target)
            mo = target
        if mo.is_file():
            with mo.open("rb") as data:
                found.append(gettext.GNUTranslations(data))
    own = compiled(Path(__file__).resolve().parent / "locale", language, cache / "theme")
    if own is not None:
        with own.open("rb") as data:
            found.append(gettext.GNUTranslations(data))
    for translation in found:
        if isinstance(chain, gettext.GNUTranslations):
            chain.add_fallback(translation)
        else:
            chain = translation
    return chain
