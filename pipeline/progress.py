"""Translation progress of each language, measured from its catalogues.

Fuzzy entries are not translated. When message templates (``.pot``) are given, progress is
measured against them, so an entry missing from an out-of-date catalogue counts as untranslated.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from checks.translations.files import catalogues_in
from pipeline.config import Config

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Progress:
    """Counts of strings and words for one catalogue (or a sum of them)."""

    strings: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words: int = 0
    words_translated: int = 0
    obsolete: int = 0

    def add(self, other: Progress) -> None:
        """Add another catalogue's counts to these."""
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)

    @property
    def ratio(self) -> float:
        """Share of strings translated (1.0 for an empty catalogue)."""
        return self.translated / self.strings if self.strings else 1.0


def words(text: str) -> int:
    """Number of words in a source string."""
    return len(_WORD.findall(text))


def progress(po_path: Path, pot_path: Path | None = None) -> Progress:
    """Progress of one catalogue, against its template when one is given."""
    po = polib.pofile(str(po_path))
    entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    if pot_path is not None and pot_path.exists():
        wanted = [(e.msgctxt, e.msgid) for e in polib.pofile(str(pot_path)) if not e.obsolete]
    else:
        wanted = list(entries)
    result = Progress(obsolete=len(po.obsolete_entries()))
    for key in wanted:
        entry = entries.get(key)
        n = words(key[1])
        result.strings += 1
        result.words += n
        if entry is None or not entry.msgstr.strip():
            result.untranslated += 1
        elif entry.fuzzy:
            result.fuzzy += 1
        else:
            result.translated += 1
            result.words_translated += n
    return result


def catalogues(config: Config, code: str) -> list[Path]:
    """The ``.po`` files of one language, sorted."""
    return sorted((config.locales / code / "LC_MESSAGES").glob("*.po"))


def language_progress(config: Config, code: str,
                      pot_dir: Path | None = None) -> dict[str, Progress]:
    """Progress per catalogue (domain name) of one language.

    A catalogue that is not a regular file inside the project (a FIFO, a folder, a link out)
    raises :class:`~checks.translations.files.UnsafeFile`: it must stop the run, never count as
    an untranslated page that quietly holds the language back."""
    result: dict[str, Progress] = {}
    folder = config.locales / code / "LC_MESSAGES"
    if folder.is_dir():
        catalogues_in(folder, [config.root])
    if pot_dir is not None and pot_dir.is_dir():
        domains = sorted(p.stem for p in pot_dir.glob("*.pot"))
        for domain in domains:
            po = config.locales / code / "LC_MESSAGES" / f"{domain}.po"
            pot = pot_dir / f"{domain}.pot"
            if po.exists():
                result[domain] = progress(po, pot)
            else:
                result[domain] = progress(pot)
                result[domain].translated = result[domain].words_translated = 0
                result[domain].untranslated = result[domain].strings
        return result
    for po in catalogues(config, code):
        result[po.stem] = progress(po)
    return result


def total(parts: dict[str, Progress]) -> Progress:
    """The sum of several catalogues' progress."""
    whole = Progress()
    for part in parts.values():
        whole.add(part)
    return whole


def templates(config: Config) -> Path | None:
    """The current message templates: the committed ``locales/templates`` (kept in sync by
    ``nox -s translations``), else a fresh extraction in ``_build/gettext``, else none."""
    for folder in (config.locales / "templates", config.build / "gettext"):
        if folder.is_dir() and any(folder.glob("*.pot")):
            return folder
    return None


def completeness(config: Config, code: str) -> float:
    """Share of a language's strings that are translated and not fuzzy (the source: 1.0).

    Measured against the current templates (:func:`templates`) when they exist, so that an
    entry missing from an out-of-date catalogue counts as untranslated; a catalogue that cannot
    be read counts as untranslated too.
    """
    return share(config, code, current(config, code))


def current(config: Config, code: str) -> dict[str, Progress] | None:
    """A language's progress per page against the current templates; None when a catalogue
    cannot be parsed (an unsafe file raises :class:`~checks.translations.files.UnsafeFile`)."""
    if code == config.source_language:
        return {}
    try:
        return language_progress(config, code, templates(config))
    except (OSError, ValueError):  # a file polib cannot parse
        return None


def share(config: Config, code: str, parts: dict[str, Progress] | None) -> float:
    """The completeness that :func:`current`'s answer gives (the source language: 1.0)."""
    if code == config.source_language:
        return 1.0
    return total(parts).ratio if parts else 0.0


def status(config: Config, pot_dir: Path | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """Progress of every translated language, per catalogue and in total, as plain data."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for lang in config.translated:
        parts = language_progress(config, lang.code, pot_dir)
        out[lang.code] = {name: asdict(p) for name, p in parts.items()}
        out[lang.code]["TOTAL"] = asdict(total(parts))
    return out


def write_status(data: dict[str, dict[str, dict[str, int]]], path: Path) -> None:
    """Write the status as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def print_status(config: Config, codes: list[str], json_path: Path) -> int:
    """Print progress per language and page, and write it as JSON."""
    data = status(config, templates(config))
    if codes:
        data = {k: v for k, v in data.items() if k in codes}
    header = (f"{'lang':<5} {'catalogue':<22} {'strings':>7} {'done':>5} {'fuzzy':>5} "
              f"{'todo':>5} {'words':>6} {'done%':>6}")
    print(header)
    print("-" * len(header))
    for code, pages in data.items():
        for name, p in pages.items():
            share = p["words_translated"] / p["words"] if p["words"] else 1.0
            print(f"{code:<5} {name:<22} {p['strings']:>7} {p['translated']:>5} {p['fuzzy']:>5} "
                  f"{p['untranslated']:>5} {p['words']:>6} {share:>6.0%}")
    write_status(data, json_path)
    print(f"written {json_path}")
    return 0


