"""A glossary per language, checked on every translated message.

``locales/<lang>/glossary.csv`` (UTF-8, the columns ``source,target,kind,note``; Weblate and
other platforms import the first two as a glossary) lists:

- ``required``: where the English (what a reader sees, markup and link targets left out) has
  the term ``source`` as whole words, the translation must have one of the ``target``
  renderings (alternatives split by ``|``, matched as parts of words, so stems survive
  inflection and mutation);
- ``forbidden``: a rendering that must not appear (victim-blaming words, known slips);
- ``untranslated``: a name (an organisation, a service) that stays exactly as in English.

Every rule here is a matter of wording: a translator may silence one on one entry, with a reason.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from checks.core import InputError, rule
from checks.translations.entries import FAMILY, Pair, Problem

KINDS = ("required", "forbidden", "untranslated")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Term:
    """One glossary row, with the line it is on."""

    source: str
    targets: tuple[str, ...]
    kind: str
    note: str
    line: int


@dataclass(frozen=True)
class Glossary:
    """A language's glossary."""

    path: str
    terms: tuple[Term, ...]

    def of(self, kind: str) -> list[Term]:
        """The rows of one kind."""
        return [t for t in self.terms if t.kind == kind]


@cache
def _load(path: str, mtime_ns: int) -> Glossary:
    terms: list[Term] = []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot be read as a UTF-8 CSV glossary ({exc})") from None
    if not rows or [c.strip().lower() for c in rows[0][:3]] != ["source", "target", "kind"]:
        raise InputError(f"{path}:1: the first line must be `source,target,kind,note`")
    for number, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 3 or row[2].strip() not in KINDS or not row[0].strip() or not row[1].strip():
            raise InputError(f"{path}:{number}: a row needs a source, a target and a kind "
                             f"({', '.join(KINDS)})")
        targets = tuple(t.strip() for t in row[1].split("|") if t.strip())
        terms.append(Term(row[0].strip(), targets, row[2].strip(),
                          row[3].strip() if len(row) > 3 else "", number))
    return Glossary(path, tuple(terms))


def load(catalogue: Path) -> Glossary | None:
    """The glossary of a catalogue's language (``<locale>/<lang>/glossary.csv``), if any."""
    if catalogue.parent.name != "LC_MESSAGES":
        return None
    path = catalogue.parent.parent / "glossary.csv"
    try:
        return _load(str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None


@cache
def _words(phrase: str, exact: bool) -> re.Pattern[str]:
    end = r"(?!\w)(?!\.\w)" if exact else r"(?!\w)"
    return re.compile(rf"(?<![\w.]){re.escape(phrase)}{end}", 0 if exact else re.IGNORECASE)


def _has_words(text: str, phrase: str, exact: bool = False) -> bool:
    """``phrase`` as whole words (a name: same case, and not part of a web address)."""
    return _words(phrase, exact).search(text) is not None


def _contains(text: str, target: str) -> bool:
    return target.casefold() in text.casefold()


def _without_names(text: str, glossary: Glossary | None) -> str:
    for term in glossary.of("untranslated") if glossary else []:
        text = re.sub(re.escape(term.source), " ", text, flags=re.IGNORECASE)
    return text


def _where(glossary: Glossary, term: Term) -> str:
    return f"{Path(glossary.path).name}:{term.line}"


@rule("po-glossary-required", FAMILY, "error", scope="entry", style=True)
def check_required(pair: Pair) -> Iterator[Problem]:
    """A key term of the English is not rendered as the language's glossary requires.

    Bad: "Do not pay" rendered as a noun ("not paying") where the glossary requires a command.
    Good: the glossary's rendering, in any inflected form."""
    if pair.glossary is None:
        return
    english, translation = pair.src.visible, pair.dst.visible
    for term in pair.glossary.of("required"):
        if _has_words(english, term.source) and not any(
                _contains(translation, t) for t in term.targets):
            yield Problem(f"`{term.source}` is rendered without `{' | '.join(term.targets)}` "
                          f"({_where(pair.glossary, term)}: {term.note})",
                          f"Use the glossary's rendering of `{term.source}`, or ask for the "
                          "glossary to change.")


@rule("po-glossary-forbidden", FAMILY, "error", scope="entry", style=True)
def check_forbidden(pair: Pair) -> Iterator[Problem]:
    """The translation uses a word the language's glossary forbids (victim-blaming, a slip).

    Bad: a word for "revenge porn" outside the helpline's own English name.
    Good: the glossary's plain wording."""
    if pair.glossary is None:
        return
    translation = _without_names(pair.dst.visible, pair.glossary)
    for term in pair.glossary.of("forbidden"):
        found = next((t for t in term.targets if _contains(translation, t)), None)
        if found:
            yield Problem(f"`{found}` is forbidden here ({_where(pair.glossary, term)}: "
                          f"{term.note})", "Reword it as the glossary's note says.")


@rule("po-glossary-name", FAMILY, "error", scope="entry", style=True)
def check_names(pair: Pair) -> Iterator[Problem]:
    """A name that stays in English (an organisation, a service) was translated or changed.

    Bad: "Samariaid" for Samaritans. Good: "Samaritans", exactly."""
    if pair.glossary is None:
        return
    for term in pair.glossary.of("untranslated"):
        if _has_words(pair.src.visible, term.source, exact=True) and not any(
                t in pair.dst.visible for t in term.targets):
            yield Problem(f"the name `{term.source}` is missing or changed "
                          f"({_where(pair.glossary, term)})",
                          f"Keep `{term.source}` exactly as in English.")


@rule("po-same-as-source", FAMILY, "warning", scope="entry", style=True)
def check_same(pair: Pair) -> Iterator[Problem]:
    """The translation is the English itself (names, numbers and links aside).

    Bad: an English sentence pasted as its own translation.
    Good: a key name such as "Esc", or a line that is only a name and a number."""
    if pair.msgstr.strip() != pair.msgid.strip():
        return
    words = _LETTERS.findall(_without_names(pair.src.visible, pair.glossary))
    if len(words) >= 2:
        yield Problem("the translation is the English text unchanged",
                      "Translate it, or leave it empty so the page shows it as English.")
