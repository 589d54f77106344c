"""One ``.po`` catalogue as the rules see it, and the rules on a whole file.

A file is read strictly first (:mod:`checks.translations.syntax`: polib and Babel accept
broken files), then
with polib. The file rules check its syntax and header (``Language``, ``Plural-Forms`` against
Babel's CLDR data, charset) and count its untranslated, fuzzy and obsolete entries, one finding
per file each; fuzzy is not translated, and entries of the current template (``_build/gettext``)
that the catalogue lacks count as untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import polib

from checks.core import Options, Severity, rule
from checks.translations import plurals
from checks.translations.entries import FAMILY, Problem
from checks.translations.files import UnsafeFile
from checks.translations.syntax import SyntaxProblem, file_problems
from pipeline.poformat import FIX as FORMAT_FIX
from pipeline.poformat import canonical

_MSGID = re.compile(r"^(?:#~\s*)?msgid\s")
_HEADER_LANGUAGE = re.compile(r'^"Language:\s*([\w-]*)', re.MULTILINE)
_CHARSET = re.compile(r"charset\s*=\s*([\w.:-]*)", re.IGNORECASE)


@dataclass
class Catalogue:
    """One ``.po`` file as the rules see it."""

    path: Path
    shown: str
    options: Options
    text: str = ""
    po: polib.POFile | None = None
    problems: list[SyntaxProblem] = field(default_factory=list)

    @cached_property
    def lines(self) -> list[str]:
        """The file's lines."""
        return self.text.splitlines()

    @property
    def folder_lang(self) -> str:
        """The language of the ``<lang>/LC_MESSAGES/`` folder the file is in, if it is."""
        return self.path.parent.parent.name if self.path.parent.name == "LC_MESSAGES" else ""

    @property
    def lang(self) -> str:
        """The header's ``Language``, else the folder's."""
        if self.po is not None:
            return self.po.metadata.get("Language", "").strip() or self.folder_lang
        found = _HEADER_LANGUAGE.search(self.text)
        return (found.group(1) if found else "") or self.folder_lang

    def msgid_line(self, entry: polib.POEntry) -> int:
        """The line of an entry's ``msgid`` (polib gives the line where the entry starts)."""
        for number in range(max(entry.linenum - 1, 0), len(self.lines)):
            if _MSGID.match(self.lines[number]):
                return number + 1
        return int(entry.linenum)

    def header_line(self, name: str) -> int:
        """The line of a header field, else of the header's ``msgid``."""
        for number, line in enumerate(self.lines, start=1):
            if line.startswith(f'"{name}:'):
                return number
        return next((n for n, line in enumerate(self.lines, 1) if _MSGID.match(line)), 1)


@rule("po-syntax", FAMILY, scope="file")
def check_syntax(cat: Catalogue) -> Iterator[Problem]:
    """The file is not valid PO syntax (or not UTF-8), so no tool can compile it."""
    for problem in cat.problems:
        if problem.line > 0:
            yield Problem(problem.message, "Fix the PO syntax on this line (each string in "
                          "double quotes, each msgid with a msgstr), or open and save the "
                          "file in a PO editor such as Poedit.", line=problem.line)


@rule("po-language-missing", FAMILY, scope="file")
def check_language(cat: Catalogue) -> Iterator[Problem]:
    """The header has no Language, or one that Babel does not know."""
    assert cat.po is not None
    code = cat.po.metadata.get("Language", "").strip()
    example = cat.folder_lang or "cy"
    fix = f"Add the line `Language: {example}` to the header."
    if not code:
        yield Problem("the header has no `Language`", fix, line=cat.header_line("Language"))
    elif plurals.cldr(code) is None:
        yield Problem(f"`Language: {code}` is not a language Babel knows", fix,
                      line=cat.header_line("Language"))


@rule("po-language-mismatch", FAMILY, scope="file")
def check_language_folder(cat: Catalogue) -> Iterator[Problem]:
    """The header's Language is not the language of the folder the file is in."""
    assert cat.po is not None
    code = cat.po.metadata.get("Language", "").strip()
    folder = cat.folder_lang
    if code and folder and code.replace("-", "_").lower() != folder.replace("-", "_").lower():
        yield Problem(f"`Language: {code}` in a file in the `{folder}` folder",
                      f"Set the header to `Language: {folder}`, or move the file to the "
                      f"`{code}` folder.", line=cat.header_line("Language"))


@rule("po-plural-forms", FAMILY, scope="file")
def check_plural_forms(cat: Catalogue) -> Iterator[Problem]:
    """Plural-Forms means something else than Babel's CLDR data (an error if plurals are used)."""
    assert cat.po is not None
    expected = plurals.cldr(cat.lang) if cat.lang else None
    if expected is None:
        return
    actual = cat.po.metadata.get("Plural-Forms", "").strip()
    line = cat.header_line("Plural-Forms")
    uses = any(e.msgid_plural for e in current(cat))
    severity: Severity = "error" if uses else "warning"
    fix = (f"Set the header to `Plural-Forms: {expected.header}` (`nox -s translations` "
           "writes it)" + (", then check each msgstr[N] of the plural entries." if uses else "."))
    if not actual:
        yield Problem(f"Plural-Forms is missing; Babel's CLDR data for `{cat.lang}` gives "
                      f"`{expected.header}`", fix, severity, line=line)
        return
    try:
        found = plurals.parse(actual)
    except plurals.PluralError as exc:
        yield Problem(f"Plural-Forms `{actual}` cannot be used: {exc}", fix, "error", line=line)
        return
    if found.means(expected):
        return  # the same split of the numbers, whatever the spelling
    if found.count != expected.count:
        differs = f"has {found.count} forms where CLDR has {expected.count}"
    else:
        n = found.first_difference(expected)
        differs = f"puts n={n} in form {found.split[n]} where CLDR uses form {expected.split[n]}" \
            if n is not None else "differs"
    yield Problem(f"Plural-Forms `{actual}` {differs}; Babel's CLDR data for `{cat.lang}` gives "
                  f"`{expected.header}`", fix, severity, line=line)


@rule("po-charset", FAMILY, scope="file")
def check_charset(cat: Catalogue) -> Iterator[Problem]:
    """Content-Type names no charset, or one other than UTF-8."""
    assert cat.po is not None
    found = _CHARSET.search(cat.po.metadata.get("Content-Type", ""))
    charset = found.group(1) if found else ""
    fix = "Set the header to `Content-Type: text/plain; charset=UTF-8` and save it as UTF-8."
    line = cat.header_line("Content-Type")
    if not charset or charset.upper() == "CHARSET":
        yield Problem("the header's Content-Type names no charset", fix, line=line)
    elif charset.replace("-", "").lower() != "utf8":
        yield Problem(f"the header's charset is `{charset}`, not UTF-8", fix, line=line)


def _count(cat: Catalogue, entries: list[polib.POEntry], what: str, total: int | None,
           fix: str, blocking: bool, absent: int = 0) -> Iterator[Problem]:
    """One finding for all the entries of a kind, with their lines (and template entries absent)."""
    count = len(entries) + absent
    if not count:
        return
    lines = [cat.msgid_line(e) for e in entries]
    listed = ", ".join(map(str, lines[:10])) + (", ..." if len(lines) > 10 else "")
    notes = [f"line{'s' if len(lines) > 1 else ''} {listed}"] if lines else []
    if absent:
        notes.append(f"{absent} in the current template but not in this catalogue: run "
                     "`nox -s translations`")
    of = f" of {total}" if total is not None else ""
    severity: Severity = "error" if blocking and cat.lang in cat.options.config.block_incomplete \
        else "warning"
    noun = "entry" if count == 1 else "entries"
    yield Problem(f"{count} {what} {noun}{of} ({'; '.join(notes)})", fix, severity,
                  line=lines[0] if lines else cat.header_line("Language"))


def current(cat: Catalogue) -> list[polib.POEntry]:
    """The entries that are not obsolete."""
    assert cat.po is not None
    return [e for e in cat.po if not e.obsolete]


def template_of(path: Path) -> Path | None:
    """The template a catalogue ``<locale>/<lang>/LC_MESSAGES/<domain>.po`` is made from:
    ``<locale>/templates/<domain>.pot`` or ``<locale>/<domain>.pot``."""
    if path.parent.name != "LC_MESSAGES":
        return None
    locale = path.parent.parent.parent
    for candidate in (locale / "templates" / f"{path.stem}.pot", locale / f"{path.stem}.pot"):
        if candidate.is_file():
            return candidate
    return None


def _template_missing(cat: Catalogue) -> int:
    """Entries of the current template that the catalogue lacks."""
    assert cat.po is not None
    pot = template_of(cat.path)
    if pot is None:
        return 0
    try:
        wanted = _template(str(pot), pot.stat().st_mtime_ns)
    except (OSError, ValueError):
        return 0
    have = {(e.msgctxt, e.msgid) for e in current(cat)}
    return len(wanted - have)


@lru_cache(maxsize=64)
def _template(path: str, mtime_ns: int) -> frozenset[tuple[str | None, str]]:
    """A template's entries (cached: every language shares it)."""
    template = polib.pofile(path)
    return frozenset((e.msgctxt, e.msgid) for e in template if not e.obsolete)


@rule("po-format", FAMILY, scope="file", style=True,
      fix=f"Rewrite it in the canonical form: {FORMAT_FIX}.")
def check_format(cat: Catalogue) -> Iterator[Problem]:
    """The catalogue is not in the one canonical form (msgcat --no-wrap), so diffs and merges
    show more than the translator changed.

    Bad: a PO editor that wraps lines at 79 or 76 characters.
    Good: every string on one line, as ``msgcat --no-wrap`` writes it."""
    assert cat.po is not None
    try:
        wanted = canonical(cat.text)
    except (OSError, ValueError):
        return
    if wanted == cat.text:
        return
    have, want = cat.text.splitlines(), wanted.splitlines()
    line = next((n for n, (a, b) in enumerate(zip(have, want, strict=False), 1) if a != b),
                min(len(have), len(want)) + 1)
    yield Problem(f"not in canonical form from line {line} (lines wrapped or ordered "
                  "differently from `msgcat --no-wrap`)",
                  f"Run {FORMAT_FIX}; nothing but the layout changes.", line=line)


@rule("po-untranslated", FAMILY, "warning", scope="file")
def check_untranslated(cat: Catalogue) -> Iterator[Problem]:
    """Entries not translated yet, counted per file (an error where the language blocks)."""
    entries = current(cat)
    missing = _template_missing(cat)
    untranslated = [e for e in entries if not _has_msgstr(e)]
    yield from _count(cat, untranslated, "untranslated", len(entries) + missing,
                      "Translate these entries (fill in each empty msgstr).", True, missing)


@rule("po-fuzzy", FAMILY, "warning", scope="file")
def check_fuzzy(cat: Catalogue) -> Iterator[Problem]:
    """Fuzzy entries, which are not used, counted per file (an error where the language blocks)."""
    entries = current(cat)
    fuzzy = [e for e in entries if e.fuzzy and _has_msgstr(e)]
    yield from _count(cat, fuzzy, "fuzzy", len(entries), "Check each fuzzy translation, "
                      "correct it and remove the `fuzzy` flag.", True)


@rule("po-obsolete", FAMILY, "warning", scope="file", style=True)
def check_obsolete(cat: Catalogue) -> Iterator[Problem]:
    """Obsolete (#~) entries left in the file, counted per file."""
    assert cat.po is not None
    obsolete = cat.po.obsolete_entries()
    yield from _count(cat, obsolete, "obsolete", None, "Delete the `#~` entries once you have "
                      "reused any text you need from them.", False)


def _has_msgstr(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def read(path: Path, shown: str, options: Options) -> Catalogue:
    """Read a catalogue; problems are kept on it (``po`` is None then), never raised."""
    cat = Catalogue(path, shown, options, problems=file_problems(path))
    try:
        cat.text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UnsafeFile(f"{path}: cannot be read ({exc.strerror})") from None
    if not cat.problems:
        try:
            cat.po = polib.pofile(cat.text)
        except (OSError, ValueError) as exc:  # polib's errors for what it cannot parse
            cat.problems = [SyntaxProblem(1, f"polib cannot read the file: {exc}")]
    return cat
