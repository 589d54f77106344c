"""Scoring a built page: its settings, its measured sentences and its score on one measure.

The settings come from ``[tool.guide.readability]``: ``max_grade`` and ``min_score`` (targets
for languages with their own formula), ``max_ratio`` and ``compare`` (for the others: how much
harder than the English page, on which neutral measure; ``compare`` is a measure name or a table
``{ default = "lix", pl = "words_per_sentence" }``) and ``exceptions`` (``{ page = "cy/support",
rule = "read-too-hard", reason = "..." }``, globs allowed); the block rules and language
tolerances are read by :mod:`checks.readability.tolerances`.
"""

from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale

from checks.core import InputError
from checks.readability.measures import NEUTRAL, Counts, Formula, count_sentence, primary
from checks.readability.page import PageText
from checks.readability.split import collapse, split_sentences
from checks.readability.tolerances import BlockRules, block_rules


@dataclass(frozen=True)
class Exemption:
    """A configured exception: findings of ``rule`` on ``page`` (globs) are accepted."""

    page: str
    rule: str
    reason: str

    def matches(self, page: str, rule_id: str) -> bool:
        """Whether this exception covers a finding of ``rule_id`` on page ``lang/docname``."""
        return fnmatch.fnmatchcase(page, self.page) and fnmatch.fnmatchcase(rule_id, self.rule)


@dataclass(frozen=True)
class Settings:
    """The readability settings of ``[tool.guide.readability]``."""

    source_language: str
    max_grade: Mapping[str, float]
    min_score: Mapping[str, float]
    max_ratio: float
    compare: Mapping[str, str]
    exemptions: tuple[Exemption, ...]
    blocks: BlockRules

    @classmethod
    def from_config(cls, config: Any) -> Settings:
        """Read the settings from ``[tool.guide.readability]`` (``config.readability``)."""
        table = config.readability
        raw = table.get("compare", "lix")
        compare = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {
            "default": str(raw)}
        compare.setdefault("default", "lix")
        for lang, key in compare.items():
            if key not in NEUTRAL:
                raise InputError(f"pyproject.toml: [tool.guide.readability] compare: {lang} = "
                                 f"{key!r}; use one of {', '.join(NEUTRAL)}")
        exemptions = []
        for number, entry in enumerate(table.get("exceptions", []), start=1):
            fields = entry if isinstance(entry, dict) else {}
            missing = [k for k in ("page", "rule", "reason") if not str(fields.get(k, "")).strip()]
            if missing:
                raise InputError(f"pyproject.toml: [tool.guide.readability] exceptions entry "
                                 f"{number} needs {', '.join(missing)}")
            exemptions.append(Exemption(str(fields["page"]), str(fields["rule"]),
                                        str(fields["reason"])))
        floats = {key: {str(k): float(v) for k, v in table.get(key, {}).items()}
                  for key in ("max_grade", "min_score")}
        return cls(config.source_language, floats["max_grade"], floats["min_score"],
                   float(table.get("max_ratio", 1.5)), compare, tuple(exemptions),
                   block_rules(table))

    def limit(self, lang: str, formula: Formula) -> float:
        """The target for a formula in a language: configured, or the formula's default."""
        table = self.max_grade if formula.higher_is_harder else self.min_score
        return float(table.get(lang, table.get(primary(lang), formula.default_limit)))

    def measure(self, lang: str) -> str:
        """The neutral measure a language is compared with English on (a key of ``NEUTRAL``)."""
        return self.compare.get(lang, self.compare.get(primary(lang), self.compare["default"]))


@dataclass(frozen=True)
class Sentence:
    """A measured sentence: its text, HTML line, kind and index of block, and counts."""

    text: str
    line: int
    kind: str
    counts: Counts
    block: int = 0


@dataclass(frozen=True)
class Measured:
    """The sentences of a page in its own language, and what was left out as another language."""

    sentences: tuple[Sentence, ...]
    blocks: tuple[str, ...]
    foreign: tuple[str, ...]
    foreign_sentences: int

    @property
    def counts(self) -> Counts:
        """Counts of the body text (headings and labels left out)."""
        return self.counts_without(Counter())

    def counts_without(self, exclude: Counter[str]) -> Counts:
        """Counts of the body text, less the blocks whose text is in ``exclude`` (once each)."""
        left_out = Counter(exclude)
        skipped = set()
        for index, text in enumerate(self.blocks):
            if left_out[text] > 0:
                left_out[text] -= 1
                skipped.add(index)
        total = Counts(syllables=0, hard_words=0)
        for s in self.sentences:
            if s.kind == "text" and s.block not in skipped:
                total = total + s.counts
        return total


def measure(page: PageText) -> Measured:
    """Split and count a page; blocks in another language are set aside, not counted."""
    sentences: list[Sentence] = []
    blocks: list[str] = []
    foreign: list[str] = []
    foreign_sentences = 0
    for block in page.blocks:
        text = collapse(block.text)
        if primary(block.lang) != primary(page.lang):
            foreign.append(text)
            foreign_sentences += sum(1 for _ in split_sentences(block.text, block.lang))
            continue
        blocks.append(text)
        for offset, sentence in split_sentences(block.text, page.lang):
            counts = count_sentence(sentence, page.lang)
            if counts.words:
                sentences.append(Sentence(sentence, block.line_at(offset), block.kind, counts,
                                          len(blocks) - 1))
    return Measured(tuple(sentences), tuple(blocks), tuple(foreign), foreign_sentences)


@dataclass(frozen=True)
class Page:
    """One built page, read and measured."""

    path: str
    folder: str
    docname: str
    text: PageText
    measured: Measured

    @property
    def key(self) -> str:
        """``lang/docname``, as configured exceptions name pages."""
        return f"{self.folder}/{self.docname}"


@dataclass(frozen=True)
class Score:
    """A page's score on its measure, the limit it is held to, and how it was reached."""

    measure: str
    value: float
    limit: float
    failed: bool
    message: str
    problem: str


def plural(count: int, noun: str) -> str:
    """``1 word``, ``2 words``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _english_name(code: str) -> str:
    try:
        return Locale.parse(code).english_name or code
    except (ValueError, TypeError):
        return code


def formula_score(page: Page, formula: Formula, settings: Settings) -> Score:
    """Score a page with the formula made for its language."""
    c = page.measured.counts
    value, limit = formula.compute(c), settings.limit(page.text.lang, formula)
    side = "or below" if formula.higher_is_harder else "or above"
    note = formula.note(c)
    message = (f"{formula.name} {value:.1f} (target {limit:.1f} {side})"
               f"{'; ' + note if note else ''}; {plural(c.words, 'word')} in "
               f"{plural(c.sentences, 'sentence')}; "
               f"LIX {c.lix:.0f}")
    where = "above" if formula.higher_is_harder else "below"
    problem = f"{formula.name} {value:.1f} is {where} the target of {limit:.1f}"
    return Score(formula.name, value, limit, formula.fails(value, limit), message, problem)


def ratio_score(page: Page, reference: Counts, settings: Settings) -> Score:
    """Score a page against the English page it translates, on language-neutral measures."""
    c = page.measured.counts
    key = settings.measure(page.text.lang)
    name, compute = NEUTRAL[key]
    value, base = compute(c), compute(reference)
    ratio = value / base if base else float("inf")
    english = _english_name(settings.source_language)
    parts = [(f"{name} {value:.1f} vs {base:.1f} in {english} "
              f"(ratio {ratio:.2f}, limit {settings.max_ratio:.2f})")]
    parts += [f"{other} {f(c):.1f} ({english} {f(reference):.1f})"
              for other_key, (other, f) in NEUTRAL.items() if other_key != key]
    parts.append(f"{plural(c.words, 'word')} in {plural(c.sentences, 'sentence')}")
    if page.measured.foreign_sentences:
        parts.append(f"{plural(page.measured.foreign_sentences, 'sentence')} still in another "
                     "language, not measured")
    problem = (f"{name} {value:.1f} is {ratio:.2f} times the {english} page's {base:.1f} "
               f"(limit {settings.max_ratio:.2f})")
    return Score(name, value, settings.max_ratio * base, ratio > settings.max_ratio,
                 "; ".join(parts), problem)
