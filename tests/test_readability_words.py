"""What a reader sees of a message, rare words by wordfreq, and the tolerances' configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import wordfreq

from checks.core import InputError
from checks.readability.blocks import visible
from checks.readability.tolerances import block_rules
from checks.readability.vocabulary import Lexicon, covered, english_words, resolve, zipf

BLOCKS = Path(__file__).parent / "fixtures" / "readability" / "blocks"
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2018": "'"})


@pytest.mark.parametrize(("message", "seen"), [
    ("Read :doc:`what to do if you have paid <if-you-paid>`.",
     "Read what to do if you have paid."),
    ("Call :tel:`0800 1111` for free. Visit `childline.org.uk <https://www.childline.org.uk>`__.",
     "Call 0800 1111 for free. Visit childline.org.uk."),
    ("**It is not your fault.** You can get help.", "It is not your fault. You can get help."),
    ("Use ``Esc``, *once*, see |name| and target_ here [#]_.",
     "Use Esc, once, see name and target here."),
    ("An escaped \\*star\\* stays.", "An escaped *star* stays."),
])
def test_visible_text_of_a_message(message: str, seen: str) -> None:
    assert visible(message) == seen


def test_visible_text_matches_the_rendered_english_of_the_guide() -> None:
    """Every English block kept from the real guide: the message stripped is what was shown."""
    real = json.loads((BLOCKS / "real.json").read_text(encoding="utf-8"))
    pairs = [(b["msgid"], b["text"]) for page in real["en"].values() for b in page]
    assert len(pairs) > 40
    for message, text in pairs:
        assert visible(message).translate(QUOTES) == text.translate(QUOTES), message


def test_coverage_says_welsh_is_not_in_wordfreq() -> None:
    assert {code: covered(code) for code in ("en", "cy", "pl", "ro", "ar", "ur")} == {
        "en": True, "cy": False, "pl": True, "ro": True, "ar": True, "ur": True}


@pytest.mark.parametrize(("lang", "words"), [
    ("pl", ["podarunkowych", "wyloguje", "szantażystów", "dom", "Grooming-ul"]),
    ("ar", ["ويُخرجكم", "بنككم", "الشرطة"]),
    ("en", ["sextortion", "the", "browser\u2019s", "culpability"]),
])
def test_one_pass_look_up_equals_wordfreq(lang: str, words: list[str]) -> None:
    resolve(set(words), lang)
    assert [zipf(w, lang) for w in words] == [wordfreq.zipf_frequency(w, lang) for w in words]


def test_what_is_never_rare() -> None:
    english = Lexicon("en", 3.0, 5)
    text = ("Call CEOP on 0800 1111 or visit ceop.police.uk. Ask YoungMinds. "
            "Samaritans listen. Culpability.")
    assert [r.word for r in english.rare(text)] == ["Culpability"]  # first word, so not a name
    arabic = Lexicon("ar", 2.0, 3)
    assert arabic.rare("اتصلوا بـ Childline أو Zxqv الآن.") == []  # Latin script: names


def test_inflected_forms_of_common_words_are_not_rare() -> None:
    polish = Lexicon("pl", 1.5, 5)
    assert polish.rare("Rozmowy z kamerkami.") == []  # kamer-: the stem of "kamera"
    assert [r.word for r in polish.rare("Zarchiwizuj korespondencję.")] == ["Zarchiwizuj"]


def test_words_of_the_english_and_known_words_are_left_out() -> None:
    polish = Lexicon("pl", 1.5, 5)
    assert polish.rare("Zarchiwizuj.", english=english_words("Zarchiwizuj everything.")) == []
    english = Lexicon("en", 3.0, 5, known=frozenset({"sextortion"}))
    assert english.rare("What is sextortion?") == []
    assert [r.word for r in english.rare("What is sextortion?", with_known=True)] == [
        "sextortion"]


def test_tolerances_need_reasons_and_numbers() -> None:
    with pytest.raises(InputError, match=r"languages\.pl\] needs a reason"):
        block_rules({"languages": {"pl": {"words_per_sentence": 1.6}}})
    with pytest.raises(InputError, match="must be a number"):
        block_rules({"blocks": {"max_grade": "ten", "reason": "r"}})
    with pytest.raises(InputError, match="known must be a list"):
        block_rules({"languages": {"en": {"known": "sextortion", "reason": "r"}}})
    rules = block_rules({})
    assert rules.tolerance("xx").reason.startswith("no tolerances configured")
    assert (rules.max_grade, rules.max_sentence, rules.min_words) == (10.0, 25, 12)
