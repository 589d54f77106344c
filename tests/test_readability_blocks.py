"""Each block judged alone, and a translated block against its English: the fixture matrix.

The sites under ``tests/fixtures/readability/blocks/`` (``make.py`` writes them; README.md there
has the matrix) are judged with the project's own ``[tool.guide.readability]``, in every
language: plain passes, a dense sentence and rare long words are flagged, one hard paragraph on
each of three easy pages is flagged although every page's average passes, and a correct
translation that is longer than its English in a normal way passes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from checks.core import Finding, Options, exit_code
from checks.readability.blocks import compare, english_problems, shape, visible
from checks.readability.check import run
from checks.readability.score import Settings
from checks.readability.tolerances import Tolerance
from checks.sources import blocks
from pipeline.config import Config, load

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = Path(__file__).parent / "fixtures" / "readability" / "blocks"
TRANSLATED = ("cy", "pl", "ro", "ar", "ur")
#: Languages whose fixtures' rare words wordfreq's lists name (Welsh has no list; the Arabic
#: fixture's formal words are all common enough in the list).
NAMES_RARE = {"pl": "Zarchiwizuj", "ro": "culpabilitatea", "ur": "\u062a\u062e\u0648\u06cc\u0641"}


@cache
def findings(site: str) -> tuple[Finding, ...]:
    """Every finding on one fixture site, with the project's configuration."""
    return tuple(run([BLOCKS / site], Options(config=load(ROOT))))


def on(site: str, lang: str, doc: str, rule: str) -> list[Finding]:
    """The findings of one rule on one page."""
    path = str(BLOCKS / site / lang / f"{doc}.html")
    return [f for f in findings(site) if f.path == path and f.rule == rule]


def test_english_plain_passes() -> None:
    assert not [f for f in findings("english") if f.path.endswith("plain.html")
                and f.severity != "info"]


@pytest.mark.parametrize("doc", ["dense", "rare"])
def test_english_hard_blocks_fail_the_english_rules(doc: str) -> None:
    [block] = on("english", "en", doc, "read-block-too-hard")
    assert block.severity == "error" and block.message.startswith("too hard for one block")
    assert block.source == f"docs/{doc}.rst:5" and block.line == 14
    assert "Flesch-Kincaid grade" in block.message


def test_english_rare_words_are_named() -> None:
    [rare] = on("english", "en", "rare", "read-rare-words")
    assert rare.severity == "warning" and "culpability (2.8)" in rare.message
    assert "sextortion" not in rare.message.casefold()


@pytest.mark.parametrize("number", [1, 2, 3])
def test_english_spread_out_paragraph_is_found_though_the_page_passes(number: int) -> None:
    doc = f"spread-{number}"
    [block] = on("english", "en", doc, "read-block-too-hard")
    assert "26 words a sentence (limit 20)" in block.message
    assert not on("english", "en", doc, "read-too-hard")
    [score] = on("english", "en", doc, "read-score")
    assert score.score is not None and score.score <= 6.0


@pytest.mark.parametrize("lang", TRANSLATED)
def test_plain_translation_passes(lang: str) -> None:
    assert not [f for f in findings("translated") if f.lang == lang
                and f.path.endswith("/plain.html") and f.severity != "info"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_dense_sentence_is_flagged_against_its_english(lang: str) -> None:
    [block] = on("translated", lang, "dense", "read-block-too-hard")
    assert block.message.startswith("much harder than the English it translates: ")
    assert "words a sentence here, 6 in the English (limit" in block.message
    assert block.original.startswith("If someone threatens you online")
    assert block.source == (f"locales/{lang}/LC_MESSAGES/dense.po:36 "
                            "(translates docs/dense.rst:5)")
    assert block.fix.startswith("Rewrite it with shorter sentences")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_rare_long_words_are_flagged(lang: str) -> None:
    blocks = on("translated", lang, "rare", "read-block-too-hard")
    rare = on("translated", lang, "rare", "read-rare-words")
    if lang == "ur":
        # Formal Urdu (Persian and Arabic loans) is not long: only the word list sees it,
        # and a rare word is a warning. This one-paragraph page also fails as a page.
        assert not blocks and on("translated", lang, "rare", "read-too-hard")
    else:
        [block] = blocks
        assert "long words here" in block.message or "LIX" in block.message
        assert "commoner, shorter words" in block.fix
    if lang in NAMES_RARE:
        [warning] = rare
        assert NAMES_RARE[lang] in warning.message and warning.severity == "warning"
    else:
        assert not rare


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_spread_out_hard_paragraph_is_flagged_on_every_page(lang: str, number: int) -> None:
    doc = f"spread-{number}"
    [block] = on("translated", lang, doc, "read-block-too-hard")
    assert block.original.startswith("If someone threatens you online")
    assert not on("translated", lang, doc, "read-too-hard"), "the page average hides it"


@pytest.mark.parametrize("lang", ["pl", "cy"])
def test_correct_longer_translation_passes(lang: str) -> None:
    doc = f"longer-{lang}"
    assert not [f for f in findings("translated") if f.lang == lang
                and f.path.endswith(f"/{doc}.html") and f.severity != "info"]
    # It is longer than its English: a flat 1.5 ratio without this language's allowances
    # and floors would flag it.
    rules = Settings.from_config(load(ROOT)).blocks
    flat = Tolerance(lang, "a flat ratio", words_per_sentence=1.5, sentence_floor=0,
                     long_words=20, lix=1.5, lix_floor=0)
    site = BLOCKS / "translated"
    pairs = [(b.text, visible(b.source.msgid))
             for b in blocks(site, site / lang / f"{doc}.html")][1:]
    assert all(len(t.split()) >= 8 for t, _ in pairs)
    assert any(compare(shape(t, lang), shape(e, "en"), lang, flat, rules) for t, e in pairs)


def test_a_block_hard_in_english_too_is_one_decision() -> None:
    """The English block is flagged by the English rules; its faithful translation is not."""
    [english] = on("translated", "en", "hard-english", "read-block-too-hard")
    assert english.message.startswith("too hard for one block of English")
    assert not on("translated", "pl", "hard-english", "read-block-too-hard")
    rules = Settings.from_config(load(ROOT)).blocks
    assert english_problems(shape(english.snippet, "en"), rules)


def test_exit_codes_and_notes() -> None:
    assert exit_code(list(findings("translated"))) == 1
    notes = {(f.rule, f.lang) for f in findings("translated") if f.severity == "info"
             and f.rule in ("read-no-formula", "read-no-wordlist")}
    assert notes == {("read-no-formula", "cy"), ("read-no-formula", "ro"),
                     ("read-no-formula", "ur"), ("read-no-wordlist", "cy")}


def test_finding_has_both_sides_and_the_numbers() -> None:
    [block] = on("translated", "pl", "dense", "read-block-too-hard")
    assert "\u201cOsoby do\u015bwiadczaj\u0105ce" in block.message  # the translation, quoted
    assert "44 words a sentence here, 6 in the English (limit 1.6\u00d7 for pl)" in block.message
    assert block.lang == "pl" and block.check == "readability"


def test_page_score_names_the_own_formula() -> None:
    [pl] = on("translated", "pl", "plain", "read-score")
    assert "; Pisarek's index " in pl.message
    [ar] = on("translated", "ar", "plain", "read-score")
    assert "; AARI " in ar.message and "reported, not judged" in ar.message


def test_tolerances_are_configured_with_reasons() -> None:
    config: Config = load(ROOT)
    rules = Settings.from_config(config).blocks
    for lang in ("en", *TRANSLATED):
        assert len(rules.tolerance(lang).reason) > 40, lang
    assert rules.tolerance("pl").words_per_sentence == 1.6
    assert rules.tolerance("cy").rare_below is None


def test_hardest_sentences_name_their_rare_words() -> None:
    hardest = on("translated", "pl", "rare", "read-hard-sentence")
    assert [f for f in hardest if "; rare: Zarchiwizuj)" in f.message]
    # A name kept from the English is never named as rare.
    assert not [f for f in findings("translated") if f.rule == "read-hard-sentence"
                and "rare: Childline" in f.message]
