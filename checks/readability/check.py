"""Readability of every built page: ``python -m checks readability [SITE]``.

Reads each page's main content (:mod:`checks.readability.page`) in the language of its
``<html lang>``, splits it into sentences and words (:mod:`checks.readability.split`) and scores it
(:mod:`checks.readability.score`, formulas in :mod:`checks.readability.measures`):

- a language with a formula made for it (Flesch-Kincaid for English, Gulpease for Italian) is
  held to an absolute target: ``max_grade``, or ``min_score`` for a formula where higher is
  easier, in ``[tool.guide.readability]``;
- any other language is compared with the English page it translates, on the measure named by
  ``compare`` (LIX by default): the page fails when it is more than ``max_ratio`` times the
  English page's. Paragraphs that still fall back to English are left out of the translated
  page, and the same paragraphs are left out of the English page, so like meets like.

Headings, definition terms and admonition titles are split as sentences of their own but kept
out of the page's score: a two-word heading is not a sentence a reader has to parse, and
counting it would make every page look easier.

A page average lets one hard paragraph hide among easy ones, so every block is also judged on
its own (:mod:`checks.readability.blocks`, rules in :mod:`checks.readability.blockcheck`): an
English block against the English rules for one block, a translated block against the English
it translates, with tolerances per language (:mod:`checks.readability.tolerances`), and every
block for words that are rare in its language (:mod:`checks.readability.vocabulary`).

The hardest sentences are those that make the page's score worst: a sentence's difficulty is
how much worse the page scores with it than without it (a heading is scored as if added to
the body). A long sentence of long words ranks first; a two-word heading with one long word
does not drown the list, as it would if each sentence were scored on its own. At most three
are listed, and only sentences that make the score worse; definition terms and admonition
titles, which are names, are never listed. Each names its rare words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from checks.core import Finding, InputError, Options, rule
from checks.readability import blockcheck
from checks.readability.blocks import Shape, visible
from checks.readability.measures import Counts, count_sentence, formula_for, primary
from checks.readability.page import PageError, PageText, read_page
from checks.readability.score import (
    Measured,
    Page,
    Score,
    Sentence,
    Settings,
    formula_score,
    measure,
    plural,
    ratio_score,
)
from checks.readability.split import tokens
from checks.readability.vocabulary import Rare, english_words
from checks.sources import locate, page_language_and_doc

FAMILY = "readability"
HARDEST = 3
QUOTE_LENGTH = 120
SKIPPED_PAGES = frozenset({"genindex.html", "search.html", "py-modindex.html"})


def _finding(page: Page, rule_id: str, severity: Any, line: int, message: str,
             **extra: Any) -> Finding:
    return Finding(rule_id, severity, page.path, line, message, lang=page.text.lang,
                   check=FAMILY, **extra)


def _page_source(page: Page, settings: Settings, config: Any) -> str:
    if primary(page.text.lang) == primary(settings.source_language):
        return f"docs/{page.docname}.rst"
    po = Path("locales") / page.folder / "LC_MESSAGES" / f"{page.docname}.po"
    return str(po) if (config.root / po).exists() else f"docs/{page.docname}.rst"


@rule("read-score", FAMILY, "info")
def page_score(page: Page, score: Score, source: str) -> Iterator[Finding]:
    """The page's readability score, naming the measure and the target it is held to."""
    yield _finding(page, "read-score", "info", page.text.main_line, score.message,
                   source=source, score=round(score.value, 2), threshold=round(score.limit, 2))


@rule("read-too-hard", FAMILY)
def page_too_hard(page: Page, score: Score, source: str) -> Iterator[Finding]:
    """The page is harder to read than its target (a grade, or a ratio to the English page)."""
    if score.failed:
        yield _finding(page, "read-too-hard", "error", page.text.main_line,
                       f"too hard to read: {score.problem}", source=source,
                       score=round(score.value, 2), threshold=round(score.limit, 2),
                       fix="Split long sentences and use shorter, everyday words; "
                           "start with the hardest sentences listed for this page.")


def _effect(total: Counts, sentence: Sentence, compute: Callable[[Counts], float],
            higher_is_harder: bool) -> float:
    """How much harder the page is with the sentence than without it (its own score if alone)."""
    with_it, without = (total, total - sentence.counts) if sentence.kind == "text" else (
        total + sentence.counts, total)
    try:
        change = compute(with_it) - compute(without) if without.words else compute(with_it)
    except (ValueError, ZeroDivisionError):
        change = compute(sentence.counts)
    return change if higher_is_harder else -change


@rule("read-hard-sentence", FAMILY, "info")
def hard_sentences(page: Page, name: str, compute: Callable[[Counts], float],
                   higher_is_harder: bool, site: Path, source: str,
                   rare: Callable[[str, frozenset[str]], list[Rare]]) -> Iterator[Finding]:
    """One of the three sentences that make a page hardest, with its source and rare words.

    Words of the English a translated block translates (names kept in English) are never
    named as rare.
    """
    total = page.measured.counts
    seen: set[str] = set()
    ranked = []
    for index, s in enumerate(page.measured.sentences):
        if s.kind != "label" and s.text not in seen:
            seen.add(s.text)
            effect = _effect(total, s, compute, higher_is_harder)
            if effect > 0:
                ranked.append((-effect, index, s))
    verb = "raises" if higher_is_harder else "lowers"
    for place, (negative, _, s) in enumerate(sorted(ranked)[:HARDEST], start=1):
        quote = s.text if len(s.text) <= QUOTE_LENGTH else (
            s.text[:QUOTE_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026")
        located = locate(site, Path(page.path), s.text)
        where = str(located) or source
        english = english_words(visible(located.msgid)) if located.translated else frozenset()
        own = compute(s.counts)
        alone = s.kind == "text" and total.sentences == 1
        how = "the page's only sentence" if alone else (
            f"{verb} the page's {name} by {-negative:.2f}")
        words = rare(s.text, english)
        named = f"; rare: {', '.join(r.word for r in words)}" if words else ""
        direction = ([f"use commoner words than {', '.join(r.word for r in words)}"]
                     if words else []) + (["split it into shorter sentences"]
                                          if s.counts.words > 15 else []) + (
            ["use shorter words"] if s.counts.long_words * 3 > s.counts.words else [])
        yield _finding(page, "read-hard-sentence", "info", s.line,
                       f"hardest sentence {place}: {how} "
                       f"({plural(s.counts.words, 'word')}, {s.counts.long_words} long; "
                       f"{name} {own:.1f} on its own{named}): \u201c{quote}\u201d",
                       source=where, snippet=s.text, score=round(-negative, 2),
                       original=visible(located.msgid) if located.translated else "",
                       fix=("To make it easier: " + "; ".join(direction) + ".") if direction
                       else "")


@rule("read-not-measured", FAMILY, "warning")
def not_measured(page: Page, why: str, source: str) -> Iterator[Finding]:
    """A page that could not be scored: nothing in its language, or no English page to compare."""
    yield _finding(page, "read-not-measured", "warning", page.text.main_line,
                   f"not scored: {why}", source=source)


@rule("read-unreadable", FAMILY)
def unreadable(path: str, lang: str, error: PageError) -> Iterator[Finding]:
    """A page the check cannot read: not UTF-8, no ``<html lang>``, or no main content."""
    yield Finding("read-unreadable", "error", path, error.line, str(error), lang=lang,
                  check=FAMILY)


class _Run:
    """One run over some sites; English pages are read once per run and never kept after it."""

    def __init__(self, options: Options) -> None:
        self.config = options.config
        self.settings = Settings.from_config(self.config)
        self.english: dict[Path, Measured | None] = {}
        self.texts: dict[Path, PageText] = {}
        self.noted: set[str] = set()
        self.shapes: dict[tuple[str, str], Shape] = {}

    def prepare(self, found: list[tuple[Path, Path]]) -> None:
        """Read every page once, and look up the words of each language in one pass.

        A page that cannot be read is read again, and reported, when it is checked.
        """
        texts: dict[str, list[str]] = {}
        for _, path in found:
            try:
                self.texts[path] = text = read_page(path)
            except PageError:
                continue
            for block in text.blocks:
                texts.setdefault(primary(block.lang), []).append(block.text)
        for code, chunk in texts.items():
            lexicon = blockcheck.lexicon(code, self.settings.blocks.tolerance(code))
            if lexicon is not None:
                lexicon.prepare(chunk)

    def read(self, path: Path) -> PageText:
        """A page's text, read once a run."""
        if path not in self.texts:
            self.texts[path] = read_page(path)
        return self.texts[path]

    def reference(self, site: Path, page: Page) -> tuple[Counts | None, str]:
        """Counts of the English page, less the paragraphs the translation leaves in English."""
        path = site / self.settings.source_language / f"{page.docname}.html"
        if path not in self.english:
            try:
                self.english[path] = measure(self.read(path)) if path.exists() else None
            except PageError:
                self.english[path] = None
        english = self.english[path]
        if english is None:
            return None, f"no readable English page {path} to compare with"
        counts = english.counts_without(Counter(page.measured.foreign))
        if not counts.words:
            return None, f"the English page {path} has no body text to compare with"
        return counts, ""

    def page(self, site: Path, path: Path) -> list[Finding]:
        """Every finding for one built page."""
        folder, docname = page_language_and_doc(site, path)
        try:
            text = self.read(path)
        except PageError as exc:
            return list(unreadable(str(path), folder, exc))
        page = Page(str(path), folder, docname, text, measure(text))
        source = _page_source(page, self.settings, self.config)
        formula = formula_for(text.lang)
        found: list[Finding] = []
        score = None
        if not page.measured.counts.words:
            why = f"no body text in {text.lang}"
            if page.measured.foreign_sentences:
                why += (f": all {page.measured.foreign_sentences} sentences are still in "
                        "another language")
            found += not_measured(page, why, source)
        elif formula is not None:
            score = formula_score(page, formula, self.settings)
        elif primary(text.lang) != primary(self.settings.source_language):
            reference, why = self.reference(site, page)
            if reference is None:
                found += not_measured(page, why, source)
            else:
                score = ratio_score(page, reference, self.settings)
        else:
            found += not_measured(page, f"no formula for {text.lang}, the source language",
                                  source)
        if score is not None:
            found += page_score(page, blockcheck.with_own_formula(page, score), source)
            found += page_too_hard(page, score, source)
        lexicon = blockcheck.lexicon(text.lang, self.settings.blocks.tolerance(text.lang))
        if lexicon is not None:
            lexicon.prepare([b.text for b in text.blocks if primary(b.lang) == primary(text.lang)])
        rare: Callable[[str, frozenset[str]], list[Rare]] = (
            lexicon.rare if lexicon is not None else (lambda sentence, english: []))
        if formula is not None:
            found += hard_sentences(page, formula.name, formula.compute,
                                    formula.higher_is_harder, site, source, rare)
        else:
            found += hard_sentences(page, "LIX", lambda c: c.lix, True, site, source, rare)
        code = primary(text.lang)
        if code not in self.noted:
            self.noted.add(code)
            found += blockcheck.language_notes(page, self.settings)
        found += blockcheck.check_blocks(site, page, self.settings, self.shapes, lexicon)
        return [self.accept(page, f) for f in found]

    def accept(self, page: Page, finding: Finding) -> Finding:
        """Mark a finding that a configured exception covers (severity unchanged)."""
        for exemption in self.settings.exemptions:
            if exemption.matches(page.key, finding.rule):
                return replace(finding, accepted=True, reason=exemption.reason)
        return finding


def pages(path: Path) -> Iterator[tuple[Path, Path]]:
    """``(site, page)`` for every language page under a site folder, or for one page file."""
    if path.is_file():
        yield path.parent.parent, path
        return
    found = sorted(path.glob("*/**/*.html"))
    if not found:
        # Someone else's single-language site, built at its root: each page gives its
        # language in <html lang>.
        found = sorted(path.glob("*.html"))
    for page in found:
        rel = page.relative_to(path)
        if not any(part.startswith(("_", ".")) for part in rel.parts) and (
                page.name not in SKIPPED_PAGES):
            yield path, page


def run(paths: list[Path], options: Options) -> list[Finding]:
    """Score every page of every language under each built site folder.

    A sentence is counted once a run, however many rules and languages look at it; the counts
    are forgotten when a run starts, so no run reuses another's.
    """
    count_sentence.cache_clear()
    tokens.cache_clear()
    checker = _Run(options)
    findings: list[Finding] = []
    for path in paths:
        found = list(pages(path))
        if not found:
            raise InputError(f"{path}: no built pages (<lang>/*.html) to check")
        checker.prepare(found)
        for site, page in found:
            findings.extend(checker.page(site, page))
    return findings
