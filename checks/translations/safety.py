"""Rules on characters a reader cannot see, and on the words that get a reader out.

A catalogue is untrusted input. Bidi controls can make "under 19" display as "under 91";
zero-width characters can empty a button or split a number; a Cyrillic o in a domain makes a
look-alike address (a Cyrillic o, U+043E, among Latin letters). The quick exit's label and
the tab's neutral title must stay visible,
plain words, and may change only with a reviewer's sign-off (``checks/quick-exit-labels.toml``,
outside ``locales/``, where translators do not write).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from checks.core import rule
from checks.translations.entries import FAMILY, Pair, Problem

#: Bidi embeddings, overrides, isolates and marks: never in a translation.
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: Characters that show nothing: never in a translation.
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064")
#: Joiners that Arabic, Urdu and other scripts need between two letters of a word.
JOINERS = frozenset("\u200c\u200d")
#: A token that looks like a web or e-mail address (a dot between letters, no space).
_DOMAIN = re.compile(r"[^\s<>`()\"'«»]*\w\.\w[^\s<>`()\"'«»]*")
_WORD = re.compile(r"\w+")
#: Scripts whose letters look like Latin ones: a word mixing them is a homograph.
CONFUSABLE = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
LABELS = {"Leave this site": "label", "New tab": "neutral_title"}


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def shown(text: str) -> str:
    """Text with every invisible or bidi character written out as ``<U+202E>``."""
    return "".join(f"<U+{ord(c):04X}>" if c in BIDI or c in INVISIBLE or c in JOINERS else c
                   for c in text)


@cache
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return next((s for s in CONFUSABLE if name.startswith(s)), "")


@rule("po-invisible", FAMILY, scope="entry")
def check_invisible(pair: Pair) -> Iterator[Problem]:
    """A bidi control or an invisible character: it can reorder or hide what readers see.

    Bad: ``dan 1\u202e9`` (shows "dan 91"), a zero-width space inside a number or a label.
    Good: a zero-width non-joiner between two Urdu letters, where the script needs it."""
    text = pair.msgstr
    found: list[str] = []
    for index, char in enumerate(text):
        joiner_ok = char in JOINERS and 0 < index < len(text) - 1 and \
            text[index - 1].isalpha() and text[index + 1].isalpha()
        if char in BIDI or char in INVISIBLE or (char in JOINERS and not joiner_ok):
            found.append(f"{_name(char)} at character {index + 1}")
    if found:
        yield Problem(f"{'; '.join(dict.fromkeys(found))} in `{shown(text)[:120]}`: invisible "
                      "characters can reorder or hide what readers see",
                      "Delete them; the page sets the text direction itself.")


def _mixed(token: str) -> set[str]:
    return {s for s in (_script(c) for c in token if c.isalpha()) if s}


@rule("po-homograph", FAMILY, scope="entry")
def check_homograph(pair: Pair) -> Iterator[Problem]:
    """A word or address mixes look-alike scripts (a Cyrillic o among Latin letters).

    Bad: ``samaritans.org`` with its o typed as Cyrillic U+043E; ``Childline`` with a Cyrillic
    C (U+0421).
    Good: Welsh, Polish or Romanian words in Latin letters; Arabic and Urdu text."""
    seen: set[str] = set()
    flagged: list[str] = []
    for token in [*_DOMAIN.findall(pair.msgstr), *_WORD.findall(pair.msgstr)]:
        if token in seen or token in pair.msgid or any(token in f for f in flagged):
            continue
        seen.add(token)
        scripts = _mixed(token)
        domain_like = "." in token and any(ord(c) > 127 and c.isalpha() for c in token) and \
            _script(next(c for c in token if c.isalpha())) == "LATIN"
        if len(scripts) > 1 or domain_like:
            odd = [c for c in token if c.isalpha() and _script(c) not in ("", "LATIN")] or [
                c for c in token if ord(c) > 127 and c.isalpha()]
            names = ", ".join(dict.fromkeys(_name(c) for c in odd))
            flagged.append(token)
            yield Problem(f"`{token}` mixes look-alike letters ({names}): it can pass for "
                          "another word or address", "Type the word again in one alphabet; "
                          "keep web addresses exactly as in the source.")


@cache
def _signed_off(path: str, mtime_ns: int) -> dict[str, dict[str, str]]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.items()
            if isinstance(v, dict)}


def signed_off(root: Path) -> dict[str, dict[str, str]]:
    """The reviewed quick-exit labels and neutral titles, by language."""
    path = root / "checks" / "quick-exit-labels.toml"
    try:
        return _signed_off(str(path), path.stat().st_mtime_ns)
    except OSError:
        return {}


@rule("po-quick-exit-label", FAMILY, scope="entry")
def check_quick_exit_label(pair: Pair) -> Iterator[Problem]:
    """The quick-exit label or the neutral tab title is not visible words, or differs from
    the words a reviewer signed off (checks/quick-exit-labels.toml).

    Bad: "Read more about blackmail" as the exit's label; a title that names the guide.
    Good: the reviewed "Gadael y wefan hon" and "Tab newydd"."""
    field = LABELS.get(pair.msgid)
    if field is None or not pair.msgstr or pair.root is None:
        return
    what = field.replace("_", " ")
    visible = [c for c in pair.msgstr if unicodedata.category(c)[0] in "LN"]
    if len(visible) < 2:
        yield Problem(f"the {what} `{shown(pair.msgstr)}` shows no words: an empty or invisible "
                      "button cannot be found", "Write the words in full.")
        return
    reviewed = signed_off(pair.root).get(pair.lang, {}).get(field)
    if reviewed != pair.msgstr:
        was = f"`{reviewed}`" if reviewed else "nothing"
        yield Problem(f"the {what} is `{shown(pair.msgstr)}`; a reviewer signed off {was}",
                      "Ask a reviewer to sign the new words off in "
                      "checks/quick-exit-labels.toml, or keep the reviewed words.")
