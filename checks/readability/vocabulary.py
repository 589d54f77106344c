"""Rare words, from the frequency lists that ship with wordfreq (offline, nothing is fetched).

A word is rare in a language when its Zipf frequency (log10 of uses per billion words; 3 is
once in a million words) is below that language's threshold, and no common word (one in
wordfreq's "small" list, Zipf 3 or more) shares its stem. The stem test keeps ordinary inflected
forms, which frequency lists split into many rarer forms, from looking rare: Polish
"kamerkami" has the stem of "kamera", Romanian "șantajează" that of "șantaj". The stem is the
word less its last ``ending`` letters (4 unless a language says otherwise: room for an ending
such as Polish "-ami"), but never shorter than the language's ``stem`` letters (0 turns the
test off). In Arabic script
the stem is also tried without a one-letter conjunction or preposition (و ف ب ل ك) and the
article (ال) written before the word, without the alif that starts an imperative, and without
short-vowel marks, which the lists leave out.

Never rare: numbers, addresses, words of fewer than three letters, words with a capital after
their first letter (initialisms and names such as "CEOP", "YoungMinds"), words that also appear
in the English the block translates (names and terms kept from it), words in Latin script in a
language written in another script (names kept in English), and in English a capitalised word
inside a sentence (a name).

wordfreq silently falls back to a "nearest" language it has (Welsh to English), so a language
is covered only when :func:`wordfreq.available_languages` lists it.

Speed: building wordfreq's dictionary of a large list (450,000 Polish forms) takes longer than
the rest of the check, and most words are settled by the small list and the stem test alone. So
the few words left on a page are looked up together, in one pass over the large list's buckets
(:class:`Lexicon`), with wordfreq's own tokenizer and scale; results are cached per word and
language for the run of the process.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import wordfreq

from checks.readability.measures import primary
from checks.readability.split import is_arabic_script, split_sentences, tokens

_CLITICS = re.compile("^[وف]?[بلك]?(?:ال)?(?=\\w{3,})")
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
ENDING = 4
_POSSESSIVE = re.compile("['\u2019]s$")


@dataclass(frozen=True)
class Rare:
    """A rare word and its Zipf frequency (0 when the list does not have it)."""

    word: str
    zipf: float

    def __str__(self) -> str:
        return f"{self.word} ({self.zipf:.1f})"


@cache
def covered(lang: str) -> bool:
    """Whether wordfreq has a frequency list for the language itself (not a fallback)."""
    return primary(lang) in wordfreq.available_languages()


_ZIPF: dict[tuple[str, str], float] = {}


def _pack(lang: str) -> list[list[str]]:
    """wordfreq's best list for a language: buckets of words, one bucket a centibel apart."""
    return wordfreq.get_frequency_list(primary(lang))


@cache
def _lookup_forms(word: str, lang: str) -> tuple[str, ...]:
    return tuple(wordfreq.lossy_tokenize(word, primary(lang)))


def resolve(words: set[str], lang: str) -> None:
    """Find the Zipf frequency of many words at once: one pass over the list's buckets.

    The result equals :func:`wordfreq.zipf_frequency` (a bucket's index is minus its
    frequency in centibels; a word of several tokens combines them as wordfreq does).
    """
    pending = {w for w in words if (w, lang) not in _ZIPF}
    if not pending:
        return
    forms = {w: _lookup_forms(w, lang) for w in pending}
    wanted = {f for fs in forms.values() for f in fs}
    index: dict[str, int] = {}
    for position, bucket in enumerate(_pack(lang)):
        for hit in wanted.intersection(bucket):
            index.setdefault(hit, position)
    for word, tokens_of_word in forms.items():
        if not tokens_of_word or any(t not in index for t in tokens_of_word):
            _ZIPF[(word, lang)] = 0.0
            continue
        inverse = sum(1 / 10 ** (-index[t] / 100) for t in tokens_of_word)
        _ZIPF[(word, lang)] = round(math.log10(1 / inverse) + 9, 2)


def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of one word in a covered language (cached per word and language)."""
    resolve({word}, lang)
    return _ZIPF[(word, lang)]


@cache
def _small(lang: str) -> dict[str, float]:
    """The language's "small" list: the words of Zipf 3 or more."""
    return wordfreq.get_frequency_dict(primary(lang), "small")


@cache
def _common(lang: str) -> tuple[str, ...]:
    """The words of the language's small list, sorted for stem look-ups."""
    return tuple(sorted(_small(lang)))


@cache
def _settled(word: str, lang: str, stem: int, ending: int = ENDING) -> bool:
    """Whether a word is known without the large list: listed as common, or its stem is."""
    forms = _lookup_forms(word, lang)
    small = _small(lang)
    return (bool(forms) and all(f in small for f in forms)) or _family_known(
        word, lang, stem, ending)


def _family_known(word: str, lang: str, stem: int, ending: int = ENDING) -> bool:
    """Whether a common word shares the word's stem (see the module's notes)."""
    if stem <= 0:
        return False
    bare = word.casefold()
    forms = [bare]
    if is_arabic_script(bare):
        bare = _MARKS.sub("", bare)
        stripped = _CLITICS.sub("", bare)
        forms = [bare, stripped, stripped.removeprefix("\u0627")]  # imperative alif: احظروا
    common = _common(lang)
    for form in forms:
        if len(form) < stem:
            continue
        prefix = form[:max(stem, len(form) - ending)]
        index = bisect.bisect_left(common, prefix)
        if index < len(common) and common[index].startswith(prefix):
            return True
    return False


@lru_cache(maxsize=4096)
def _candidates(text: str, lang: str) -> tuple[str, ...]:
    """The words of a text that could be rare, in order, each once."""
    found: dict[str, str] = {}
    script_is_latin = primary(lang) not in {"ar", "ur", "fa"}
    for _, sentence in split_sentences(text, lang):
        for index, token in enumerate(tokens(sentence)):
            word = token.text
            key = word.casefold()
            if (token.kind != "word" or key in found
                    or sum(c.isalpha() for c in word) < 3
                    or any(c.isupper() for c in word[1:])
                    or (not script_is_latin and not is_arabic_script(word))
                    or (primary(lang) == "en" and index and word[:1].isupper())):
                continue
            found[key] = word
    return tuple(found.values())


def english_words(text: str) -> frozenset[str]:
    """The casefolded words of an English text, to leave out of a translation's rare words."""
    return frozenset(t.text.casefold() for _, s in split_sentences(text, "en") for t in tokens(s))


@cache
def _parts(word: str, lang: str) -> tuple[str, ...]:
    """The parts of a word looked up: each part of a hyphenated word, without an English 's."""
    parts = [p for p in re.split("[-\u2010\u2011]", word) if len(p) >= 3] or [word]
    return tuple(_POSSESSIVE.sub("", p) if primary(lang) == "en" else p for p in parts)


class Lexicon:
    """Rare words of one covered language, with the frequencies of a page looked up together."""

    def __init__(self, lang: str, threshold: float, stem: int,
                 known: frozenset[str] = frozenset(), ending: int = ENDING) -> None:
        self.lang, self.threshold, self.stem, self.known = lang, threshold, stem, known
        self.ending = ending

    def prepare(self, texts: list[str]) -> None:
        """Look up, in one pass, every word of these texts that the small list cannot settle."""
        unsettled = {part for text in texts for word in _candidates(text, self.lang)
                     if word.casefold() not in self.known
                     for part in _parts(word, self.lang)
                     if not _settled(part, self.lang, self.stem, self.ending)}
        resolve(unsettled, self.lang)

    def rare(self, text: str, english: frozenset[str] = frozenset(),
             with_known: bool = False) -> list[Rare]:
        """The rare words of a text, leaving out the words of its English.

        The language's known words are left out too, or with ``with_known`` counted as rare
        without a look-up (Zipf shown as 0): they are rare words the guide has decided to use.
        """
        found = []
        for word in _candidates(text, self.lang):
            if word.casefold() in english:
                continue
            if word.casefold() in self.known:
                if with_known:
                    found.append(Rare(word, 0.0))
                continue
            for part in _parts(word, self.lang):
                if _settled(part, self.lang, self.stem, self.ending):
                    continue
                value = zipf(part, self.lang)
                if value < self.threshold:
                    found.append(Rare(word, value))
                    break
        return found


def rare_words(text: str, lang: str, threshold: float, stem: int,
               english: frozenset[str] = frozenset()) -> list[Rare]:
    """The rare words of a text in a covered language (empty for a language not covered)."""
    if not covered(lang):
        return []
    return Lexicon(lang, threshold, stem).rare(text, english)
