"""The recognised formulas, each against a worked example, and the counts they are fed.

Where a published worked example was found, the test takes its counts and its result from it
(the source is in the test's docstring). Where none could be found, the test says so and works
an example by hand from the published definition, so that a reviewer can redo it on paper.
"""

from __future__ import annotations

import math

import pytest

from checks.readability.measures import (
    OWN,
    Counts,
    aari,
    count_text,
    flesch_kincaid_grade,
    pisarek,
)
from checks.readability.syllables import polish


def test_flesch_kincaid_published_example() -> None:
    """Flesch-Kincaid grade = 0.39 words/sentence + 11.8 syllables/word - 15.59.

    Formula: Kincaid, Fishburne, Rogers & Chissom (1975), *Derivation of new readability
    formulas ... for Navy enlisted personnel*, Research Branch Report 8-75, p. 14.
    Worked example: Wikipedia, "Flesch-Kincaid readability tests", section "Flesch-Kincaid
    grade level": "The Australian platypus is seemingly a hybrid of a mammal and reptilian
    creature" is an 11.3, as it has 24 syllables and 13 words (one sentence).
    """
    counts = Counts(sentences=1, words=13, syllables=24)
    assert round(flesch_kincaid_grade(counts), 1) == 11.3
    assert flesch_kincaid_grade(counts) == pytest.approx(0.39 * 13 + 11.8 * 24 / 13 - 15.59)


def test_lix_published_example() -> None:
    """LIX = words/sentences + 100 x long words/words; a long word has more than 6 letters.

    Formula: Björnsson (1968), *Läsbarhet*, Liber; in English: Anderson (1983), "Lix and Rix:
    variations on a little-known readability index", *Journal of Reading* 26(6), 490-496.
    Worked example: Sprogvaskeriet, "Tjek din lix" (Malene Bjerre): sentences of 20 words on
    average with 20 per cent long words give LIX 40 (here 200 words, 10 sentences, 40 long).
    """
    assert Counts(sentences=10, words=200, long_words=40).lix == 40.0


def test_lix_counted_by_hand() -> None:
    """No published worked example with its text was available offline; counted by hand.

    "Save the messages. Then block them before they disappear." 9 words, 2 sentences; long
    words (over 6 letters): "messages", "disappear". LIX = 9/2 + 100 x 2/9 = 26.72.
    """
    c = count_text("Save the messages. Then block them before they disappear.", "en")
    assert (c.words, c.sentences, c.long_words) == (9, 2, 2)
    assert c.lix == pytest.approx(9 / 2 + 100 * 2 / 9)


def test_pisarek_by_hand() -> None:
    """Pisarek's index (non-linear): sqrt(words/sentence² + % hard words²) / 2.

    Formula: Pisarek (1969), "Jak mierzyć zrozumiałość tekstu?", *Zeszyty Prasoznawcze*
    4(42), 35-48; hard words have four or more syllables, names and numbers are never hard, as
    in Jasnopis (Broda, Nitoń, Gruszczyński & Ogrodniczuk 2014, "Measuring readability of
    Polish texts: baseline experiments", LREC 2014, 573-580). No published worked example was
    available offline, so this one is worked by hand:

    "Nie płać. Zapisz wiadomości i zablokuj szantażystę." 2 sentences, 7 words; four or more
    syllables: wia-do-mo-ści, szan-ta-ży-stę (za-blo-kuj has three). 3.5 words a sentence,
    28.57 % hard: sqrt(3.5² + 28.57²) / 2 = 14.39.
    """
    c = count_text("Nie płać. Zapisz wiadomości i zablokuj szantażystę.", "pl")
    assert (c.sentences, c.words, c.hard_words) == (2, 7, 2)
    assert pisarek(c) == pytest.approx(math.hypot(3.5, 100 * 2 / 7) / 2)
    assert round(pisarek(c), 2) == 14.39
    assert OWN["pl"].compute(c) == pisarek(c)


def test_pisarek_leaves_out_names_and_numbers() -> None:
    c = count_text("Zadzwoń do Samaritans pod 116 123 albo do Childline.", "pl")
    assert c.hard_words == 0  # Sa-ma-ri-tans is a name; a number is never hard
    with pytest.raises(ValueError, match="Polish"):
        pisarek(count_text("Call Childline.", "en"))


def test_aari_by_hand() -> None:
    """AARI = 3.28 characters + 1.43 characters/word + 1.24 words/sentence.

    Formula: Al-Tamimi, Jaradat, Aljarrah & Ghanim (2014), "AARI: Automatic Arabic
    Readability Index", *The International Arab Journal of Information Technology* 11(4),
    370-378 (as implemented in Wordless, `wl_measures_readability.aari`). It counts letters,
    words and sentences only, so it needs no diacritics. No published worked example was
    available offline, so this one is worked by hand:

    "احفظوا الرسائل. ثم احظروه." 2 sentences, 4 words, 6 + 7 + 2 + 6 = 21 letters:
    3.28 x 21 + 1.43 x 21/4 + 1.24 x 4/2 = 78.8675.
    """
    c = count_text("احفظوا الرسائل. ثم احظروه.", "ar")
    assert (c.sentences, c.words, c.letters) == (2, 4, 21)
    assert aari(c) == pytest.approx(78.8675)
    # Diacritics change nothing: the same text with its short vowels written.
    assert aari(count_text("احْفَظُوا الرَّسَائِلَ. ثُمَّ احْظُرُوهُ.", "ar")) == aari(c)


def test_aari_grows_with_length_so_it_never_judges_a_block() -> None:
    one = count_text("احفظوا الرسائل.", "ar")
    assert aari(one + one) > aari(one) + 30  # the same sentence twice: 3.28 x letters more
    assert not OWN["ar"].per_block and OWN["pl"].per_block


@pytest.mark.parametrize(("word", "expected"), [
    ("nie", 1), ("się", 1), ("pieniądze", 3), ("policja", 3), ("nauka", 3), ("zgłoś", 1),
    ("wiadomości", 4), ("korespondencję", 5), ("zablokować", 4), ("Kraków", 2),
])
def test_polish_syllables(word: str, expected: int) -> None:
    assert polish(word) == expected


def test_no_formula_for_welsh_romanian_urdu() -> None:
    assert not {"cy", "ro", "ur"} & OWN.keys()
