"""The rules about single blocks, and the notes on what a language cannot be measured with.

Every finding about a block carries, side by side for a reviewer: the translation (quoted in
``message``), the English it translates (``snippet``), the catalogue entry and the ``.rst`` line
(``source``), the numbers that differ (``message``) and the direction of a fix (``fix``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from checks.core import Finding, rule
from checks.readability.blocks import (
    Block,
    Problem,
    Shape,
    compare,
    english_problems,
    page_blocks,
    shape,
)
from checks.readability.measures import OWN, primary
from checks.readability.score import Page, Score, Settings
from checks.readability.tolerances import Tolerance
from checks.readability.vocabulary import Lexicon, Rare, covered, english_words

FAMILY = "readability"
QUOTE_LENGTH = 120


def quote(text: str) -> str:
    """A text in quotation marks, cut at a word before ``QUOTE_LENGTH`` characters."""
    if len(text) > QUOTE_LENGTH:
        text = text[:QUOTE_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"
    return f"\u201c{text}\u201d"


def _finding(page: Page, rule_id: str, severity: Any, line: int, message: str,
             **extra: Any) -> Finding:
    return Finding(rule_id, severity, page.path, line, message, lang=page.text.lang,
                   check=FAMILY, **extra)


@rule("read-block-too-hard", FAMILY)
def block_too_hard(page: Page, block: Block, problems: list[Problem],
                   english_page: bool) -> Iterator[Finding]:
    """A paragraph, list item or heading much harder than its English, or than the English rules.

    A translated block is compared with the English it translates; an English block is held to
    the English rules for one block, which also decide for its translations.
    """
    what = "; ".join(p.message for p in problems)
    head = ("too hard for one block of English" if english_page
            else "much harder than the English it translates")
    directions = list(dict.fromkeys(d for p in problems for d in p.fix.split("; ")))
    yield _finding(page, "read-block-too-hard", "error", block.line,
                   f"{head}: {what}: {quote(block.text)}", source=str(block.source),
                   snippet=block.text, original=block.english,
                   fix="Rewrite it with " + " and ".join(directions) + "."
                       + ("" if english_page else " Keep every fact of the English."))


@rule("read-rare-words", FAMILY, "warning")
def rare_words_found(page: Page, block: Block, rare: list[Rare], english_rare: list[Rare],
                     threshold: float) -> Iterator[Finding]:
    """Words that are rare in the block's language by wordfreq's list, beyond those of its English.

    A warning, not an error: a frequency list cannot tell a hard word from a plain word that is
    rare in writing (an inflected form, a word of the guide's own subject); a speaker decides.
    """
    words = ", ".join(str(r) for r in rare)
    message = (f"{len(rare)} rare word{'s' if len(rare) > 1 else ''} for "
               f"{primary(page.text.lang)} (Zipf frequency below {threshold:g} in wordfreq): "
               f"{words}")
    if english_rare:
        message += f"; the English has {', '.join(r.word for r in english_rare)}"
    yield _finding(page, "read-rare-words", "warning", block.line,
                   f"{message}: {quote(block.text)}", source=str(block.source),
                   snippet=block.text, original=block.english,
                   fix="Use commoner words a 12-year-old knows: "
                       + ", ".join(r.word for r in rare) + ".")


@rule("read-no-formula", FAMILY, "info")
def no_formula(page: Page, lang: str) -> Iterator[Finding]:
    """A language with no validated readability formula here: compared with the English only."""
    yield _finding(page, "read-no-formula", "info", page.text.main_line,
                   f"no validated readability formula for {primary(lang)}; its blocks are "
                   "compared with the English only (words a sentence, long words, LIX)")


@rule("read-no-wordlist", FAMILY, "info")
def no_wordlist(page: Page, lang: str, why: str) -> Iterator[Finding]:
    """A language whose rare words are not checked: no frequency list, or none configured."""
    yield _finding(page, "read-no-wordlist", "info", page.text.main_line,
                   f"rare words are not checked in {primary(lang)}: {why}")


def lexicon(lang: str, tolerance: Tolerance) -> Lexicon | None:
    """The rare-word finder of a language, or None where rare words are not checked."""
    if tolerance.rare_below is None or not covered(lang):
        return None
    return Lexicon(lang, tolerance.rare_below, tolerance.stem, tolerance.known, tolerance.ending)


def check_blocks(site: Path, page: Page, settings: Settings,
                 shapes: dict[tuple[str, str], Shape],
                 rare: Lexicon | None) -> Iterator[Finding]:
    """The findings about the single blocks of a page (see :mod:`checks.readability.blocks`).

    ``shapes`` keeps the counts of each English block for one run: every language translates
    the same English. ``rare`` finds the page's rare words, already prepared for its text. A
    translated block's rare words are reported only when it has more than its English, known
    words included: a rare English word translated by a rare word is one decision, the English
    one.
    """
    rules, lang, source = settings.blocks, page.text.lang, settings.source_language
    english_page = primary(lang) == primary(source)
    tolerance = rules.tolerance(lang)
    found_blocks = list(page_blocks(site, Path(page.path), page.text, english_page))
    english_rare = None if english_page else lexicon(source, rules.tolerance(source))
    if english_rare is not None and rare is not None:
        english_rare.prepare([b.english for b in found_blocks])
    for block in found_blocks:
        key = (block.english, source)
        if key not in shapes:
            shapes[key] = shape(block.english, source)
        if english_page:
            problems = english_problems(shapes[key], rules)
        elif english_problems(shapes[key], rules):
            problems = []  # the English block's own finding decides for both
        else:
            problems = compare(shape(block.text, lang), shapes[key], lang, tolerance, rules)
        if problems:
            yield from block_too_hard(page, block, problems, english_page)
        if rare is None:
            continue
        english = frozenset() if english_page else english_words(block.english)
        words = rare.rare(block.text, english)
        known = english_rare.rare(block.english, with_known=True) if (
            words and english_rare is not None) else []
        if len(words) > len(known):
            yield from rare_words_found(page, block, words, known, rare.threshold)


def language_notes(page: Page, settings: Settings) -> Iterator[Finding]:
    """What a page's language cannot be measured with (said once a run for each language)."""
    code = primary(page.text.lang)
    if code not in OWN:
        yield from no_formula(page, code)
    if not covered(code):
        yield from no_wordlist(page, code, f"wordfreq has no frequency list for {code} "
                                           "(it would silently use another's)")
    elif settings.blocks.tolerance(code).rare_below is None:
        yield from no_wordlist(page, code, f"[tool.guide.readability.languages.{code}] sets "
                                           "no rare_below")


def with_own_formula(page: Page, score: Score) -> Score:
    """The page's score, its message also naming the language's own formula where it differs."""
    own = OWN.get(primary(page.text.lang))
    if own is None or own.key == score.measure or own.name == score.measure:
        return score
    try:
        value = own.compute(page.measured.counts)
    except (ValueError, ZeroDivisionError):
        return score
    note = "" if own.per_block else ", grows with the length of the text: reported, not judged"
    return replace(score, message=f"{score.message}; {own.name} {value:.1f}{note}")
