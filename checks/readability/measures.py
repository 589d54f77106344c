"""Counts of a text and the readability formulas computed from them, with registries by language.

A page is held to a formula (:data:`FORMULAS`) only when it was made for the page's language and
the installed libraries can feed it honestly: Flesch-Kincaid for English (syllables from the CMU
dictionary) and Gulpease for Italian (letters, words and sentences only). Any other language
gets the language-neutral measures (words a sentence, share of long words, LIX), which a check
compares with the English page. No formula is ever given counts it cannot trust: a formula
that needs syllables refuses counts made without them.

:data:`OWN` names each language's own recognised formula, reported with every page and, where it
can judge a single paragraph, applied to each block: Flesch-Kincaid (English), Pisarek's index
(Polish, Pisarek 1969: words a sentence and the share of words of four or more syllables, as
Jasnopis computes it) and AARI (Arabic, Al-Tamimi et al. 2014: letters, words and sentences, so
it needs no diacritics). AARI adds 3.28 points for every letter of the text, so it grows with the
length of what it measures: it is reported for a page and never used to judge a paragraph.
Welsh, Romanian and Urdu have no validated formula here; they rely on LIX and on the
comparison with the English.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from checks.readability import syllables as english_syllables
from checks.readability.split import Token, is_long, letters, split_sentences, tokens
from checks.readability.syllables import polish

#: Languages whose syllables this package can count honestly.
SYLLABLE_COUNTERS: dict[str, Callable[[str], int]] = {"en": english_syllables.english}


@dataclass(frozen=True)
class Counts:
    """What the formulas need; ``syllables`` is None where no honest count exists."""

    sentences: int = 0
    words: int = 0
    letters: int = 0
    long_words: int = 0
    syllables: int | None = None
    #: Words of four or more syllables, names and numbers aside (Polish only: Pisarek, FOG-PL).
    hard_words: int | None = None

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.sentences + other.sentences, self.words + other.words,
                      self.letters + other.letters, self.long_words + other.long_words,
                      _both(self.syllables, other.syllables, 1),
                      _both(self.hard_words, other.hard_words, 1))

    def __sub__(self, other: Counts) -> Counts:
        return Counts(self.sentences - other.sentences, self.words - other.words,
                      self.letters - other.letters, self.long_words - other.long_words,
                      _both(self.syllables, other.syllables, -1),
                      _both(self.hard_words, other.hard_words, -1))

    @property
    def words_per_sentence(self) -> float:
        """Average sentence length in words."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_share(self) -> float:
        """Percentage of words that are long."""
        return 100 * self.long_words / self.words if self.words else 0.0

    @property
    def lix(self) -> float:
        """LIX (Björnsson): words a sentence plus the percentage of long words."""
        return self.words_per_sentence + self.long_share


def _both(a: int | None, b: int | None, sign: int) -> int | None:
    return None if a is None or b is None else a + sign * b


def primary(lang: str) -> str:
    """The primary language subtag: ``en-GB`` -> ``en``."""
    return lang.replace("_", "-").split("-")[0].lower()


def count_tokens(found: tuple[Token, ...] | list[Token], lang: str) -> Counts:
    """Counts of one sentence's tokens; numbers and addresses are one-syllable, letterless words."""
    counter = SYLLABLE_COUNTERS.get(primary(lang))
    syl = None
    if counter is not None:
        syl = sum(counter(t.text) if t.kind == "word" else 1 for t in found)
    hard = None
    if primary(lang) == "pl":  # a capitalised word inside a sentence is a name, never hard
        hard = sum(1 for i, t in enumerate(found) if t.kind == "word"
                   and not (i and t.text[:1].isupper()) and polish(t.text) >= 4)
    return Counts(
        sentences=1 if found else 0,
        words=len(found),
        letters=sum(letters(t.text, lang) for t in found if t.kind != "number"),
        long_words=sum(is_long(t, lang) for t in found),
        syllables=syl,
        hard_words=hard,
    )


def zero(lang: str) -> Counts:
    """Empty counts for a language, ready to add sentences to (syllables where they count)."""
    return Counts(syllables=0 if primary(lang) in SYLLABLE_COUNTERS else None,
                  hard_words=0 if primary(lang) == "pl" else None)


def count_text(text: str, lang: str) -> Counts:
    """Counts of a block of text in ``lang``: its sentences added up."""
    total = zero(lang)
    for _, sentence in split_sentences(text, lang):
        total = total + count_sentence(sentence, lang)
    return total


@cache
def count_sentence(sentence: str, lang: str) -> Counts:
    """Counts of one sentence in language ``lang``."""
    return count_tokens(tokens(sentence), lang)


def _needs_syllables(c: Counts) -> int:
    if c.syllables is None:
        raise ValueError("this formula needs syllables, which cannot be counted for this language")
    if not c.words or not c.sentences:
        raise ValueError("no words to measure")
    return c.syllables


def flesch_kincaid_grade(c: Counts) -> float:
    """Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    syl = _needs_syllables(c)
    return 0.39 * c.words / c.sentences + 11.8 * syl / c.words - 15.59


def flesch_reading_ease(c: Counts) -> float:
    """Flesch reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word."""
    syl = _needs_syllables(c)
    return 206.835 - 1.015 * c.words / c.sentences - 84.6 * syl / c.words


def gulpease(c: Counts) -> float:
    """Gulpease index (Italian): 89 + (300 sentences - 10 letters) / words, 0 to 100."""
    if not c.words:
        raise ValueError("no words to measure")
    return 89 + (300 * c.sentences - 10 * c.letters) / c.words


def pisarek(c: Counts) -> float:
    """Pisarek's index, non-linear form: sqrt(words/sentence² + % hard words²) / 2."""
    if c.hard_words is None:
        raise ValueError("Pisarek's index needs Polish hard words (four or more syllables)")
    if not c.words or not c.sentences:
        raise ValueError("no words to measure")
    return math.hypot(c.words / c.sentences, 100 * c.hard_words / c.words) / 2


def aari(c: Counts) -> float:
    """AARI (Arabic): 3.28 letters + 1.43 letters/word + 1.24 words/sentence."""
    if not c.words or not c.sentences:
        raise ValueError("no words to measure")
    return 3.28 * c.letters + 1.43 * c.letters / c.words + 1.24 * c.words / c.sentences


@dataclass(frozen=True)
class Formula:
    """A readability formula made for some languages, with its direction and default limit."""

    key: str
    name: str
    languages: frozenset[str]
    compute: Callable[[Counts], float]
    higher_is_harder: bool
    default_limit: float
    needs_syllables: bool = False
    note: Callable[[Counts], str] = lambda c: ""
    #: Whether one paragraph can be judged by it (False for a formula that grows with length).
    per_block: bool = True

    def fails(self, score: float, limit: float) -> bool:
        """Whether a score is on the wrong side of the limit."""
        return score > limit if self.higher_is_harder else score < limit

    def harder_by(self, before: float, after: float) -> float:
        """How much harder ``after`` is than ``before`` on this formula's scale."""
        return after - before if self.higher_is_harder else before - after


FORMULAS: dict[str, Formula] = {}


def register(formula: Formula) -> Formula:
    """Make a formula the one used for each of its languages."""
    for lang in formula.languages:
        FORMULAS[lang] = formula
    return formula


def formula_for(lang: str) -> Formula | None:
    """The formula registered for a language (by primary subtag), if it can be fed honestly.

    A formula that needs syllables is only used where this package can count them.
    """
    code = primary(lang)
    formula = FORMULAS.get(code)
    if formula is None or (formula.needs_syllables and code not in SYLLABLE_COUNTERS):
        return None
    return formula


FLESCH_KINCAID = register(Formula(
    "flesch-kincaid", "Flesch-Kincaid grade", frozenset({"en"}), flesch_kincaid_grade,
    higher_is_harder=True, default_limit=6.0, needs_syllables=True,
    note=lambda c: f"reading ease {flesch_reading_ease(c):.0f}"))
# Gulpease < 80 is hard for readers with primary schooling (reading age up to about 11).
register(Formula("gulpease", "Gulpease index", frozenset({"it"}), gulpease,
                 higher_is_harder=False, default_limit=80.0))

#: Each language's own recognised formula, by primary subtag (see the module's notes).
OWN: dict[str, Formula] = {
    "en": FLESCH_KINCAID,
    "pl": Formula("pisarek", "Pisarek's index", frozenset({"pl"}), pisarek,
                  higher_is_harder=True, default_limit=9.0),
    "ar": Formula("aari", "AARI", frozenset({"ar"}), aari, higher_is_harder=True,
                  default_limit=float("inf"), per_block=False),
}

#: Language-neutral measures a translated page can be compared on: name and value.
NEUTRAL: dict[str, tuple[str, Callable[[Counts], float]]] = {
    "lix": ("LIX", lambda c: c.lix),
    "words_per_sentence": ("words a sentence", lambda c: c.words_per_sentence),
    "long_words": ("long words %", lambda c: c.long_share),
}
