"""Each block of a page measured on its own, and a translated block measured against its English.

A page average lets one hard paragraph hide among easy ones, so every block a reader meets
alone (a paragraph, a list item, a heading) is judged alone. The blocks come from the page's
source map (:mod:`checks.sources`): its rendered text, its ``.rst`` line and, on a translated
page, the catalogue entry and the English ``msgid`` it translates, stripped of markup by
:func:`visible`. A block that fell back to English is not a translation and is not compared.
Definition terms and admonition titles (labels) are names, never judged.

English blocks are held to the English rules (:func:`english_problems`). A translated block is
compared with its English (:func:`compare`) on words a sentence, the share of long words, LIX
and, where the language has one that can judge a paragraph, its own formula. A translation of an
English block that breaks the English rules is not compared: the English finding is the one
decision for both, since rewriting the English sends every translation back to its translator.
Each comparison has a floor, because a ratio between two short headings means nothing.

:func:`visible` strips a message to what a reader sees. A message is one paragraph, title or
list item, so only inline markup is handled: a role with an explicit title keeps the title
(``:doc:`what to do <what-to-do>``` -> "what to do"), any other role its text (``:tel:`0800
1111``` -> "0800 1111"); a hyperlink reference, named reference or substitution keeps its
text; ``**``, ``*``, double and single backquotes lose their marks; footnote and citation
references are dropped; an escaped character is kept without its backslash. Nothing is looked
up in the ``.rst`` files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checks.readability.measures import (
    OWN,
    Counts,
    count_sentence,
    flesch_kincaid_grade,
    primary,
    zero,
)
from checks.readability.page import PageText
from checks.readability.split import collapse, split_sentences
from checks.readability.tolerances import BlockRules, Tolerance
from checks.sources import Source, blocks


@dataclass(frozen=True)
class Block:
    """One block of a built page, with the English it translates (itself on an English page)."""

    text: str
    english: str
    kind: str
    line: int
    source: Source
    translated: bool


@dataclass(frozen=True)
class Shape:
    """What the rules need of one block: its counts and its longest sentence in words."""

    counts: Counts
    longest: int


@dataclass(frozen=True)
class Problem:
    """One way a block is too hard: the numbers that differ, and the direction of the fix."""

    measure: str
    message: str
    fix: str


_ROLE_TITLE = re.compile(r":[\w:+.-]+:`((?:[^`\\]|\\.)*?)\s*<[^<>`]*>`")
_ROLE = re.compile(r":[\w:+.-]+:`((?:[^`\\]|\\.)*)`")
_LINK = re.compile(r"`((?:[^`\\]|\\.)*?)\s*<[^<>`]*>`__?")
_FOOTNOTE = re.compile(r"\s*\[(?:#[\w-]*|\*|\d+|[\w.-]+)\]_")
_NAMED = re.compile(r"`((?:[^`\\]|\\.)+)`__?|\b([\w-]+)__?(?=\W|$)")
_SUBSTITUTION = re.compile(r"\|([^|\s][^|]*)\|_{0,2}")
_ESCAPE = re.compile(r"\\(.)")
_KEPT = "\ue000"  # marks an escaped character, so that no rule below takes it for markup
_MARKS = re.compile(r"(?<!\ue000)(?:\*\*|\*|``|`)")


def visible(message: str) -> str:
    """The text a reader sees when ``message`` (inline reST) is rendered, whitespace collapsed."""
    text = _ESCAPE.sub(lambda m: _KEPT + m.group(1), message)
    text = _ROLE_TITLE.sub(r"\1", text)
    text = _ROLE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE.sub("", text)
    text = _NAMED.sub(lambda m: m.group(1) or m.group(2), text)
    text = _SUBSTITUTION.sub(r"\1", text)
    text = _MARKS.sub("", text)
    text = text.replace(_KEPT, "")
    return " ".join(text.split())


SHORTER = "shorter sentences: one idea each, split at 'and', 'but', 'which' and commas"
COMMONER = "commoner, shorter words a 12-year-old uses"


def page_blocks(site: Path, path: Path, text: PageText, english_page: bool) -> Iterator[Block]:
    """The blocks of a page that the source map records, with their line in the built HTML.

    On a translated page only translated blocks; on an English page every block.
    """
    html = [(collapse(b.text), b) for b in text.blocks]
    start = 0
    for recorded in blocks(site, path):
        if not english_page and not recorded.source.translated:
            continue
        kind, line = "text", text.main_line
        for index in range(start, len(html)):
            rendered, block = html[index]
            if rendered == recorded.text or recorded.text in rendered:
                kind, line, start = block.kind, block.lines[0], index + 1
                break
        if kind == "label":
            continue
        english = recorded.text if english_page else visible(recorded.source.msgid)
        yield Block(recorded.text, english, kind, line, recorded.source,
                    recorded.source.translated)


def shape(text: str, lang: str) -> Shape:
    """Count a block once: its sentences added up, and the words of its longest sentence."""
    total, longest = zero(lang), 0
    for _, sentence in split_sentences(text, lang):
        counts = count_sentence(sentence, lang)
        total, longest = total + counts, max(longest, counts.words)
    return Shape(total, longest)


def english_problems(block: Shape, rules: BlockRules) -> list[Problem]:
    """Ways an English block breaks the English rules (empty when it keeps them)."""
    c = block.counts
    found = []
    if c.words_per_sentence > rules.max_words_per_sentence:
        found.append(Problem("words a sentence", f"{c.words_per_sentence:.0f} words a sentence "
                             f"(limit {rules.max_words_per_sentence:g})", SHORTER))
    if block.longest > rules.max_sentence:
        found.append(Problem("longest sentence", f"a sentence of {block.longest} words "
                             f"(limit {rules.max_sentence})", SHORTER))
    if c.words >= rules.min_words:
        grade = flesch_kincaid_grade(c)
        if grade > rules.max_grade:
            found.append(Problem("Flesch-Kincaid grade", f"Flesch-Kincaid grade {grade:.1f} "
                                 f"(limit {rules.max_grade:g} for one block)", COMMONER))
    return found


def compare(block: Shape, english: Shape, lang: str, tolerance: Tolerance,
            rules: BlockRules) -> list[Problem]:
    """Ways a translated block is much harder than the English it translates."""
    t, e = block.counts, english.counts
    if not t.words or not e.words:
        return []
    code = primary(lang)
    found = []
    wps, limit = t.words_per_sentence, tolerance.words_per_sentence
    if wps > max(tolerance.sentence_floor, limit * e.words_per_sentence):
        found.append(Problem("words a sentence", f"{wps:.0f} words a sentence here, "
                             f"{e.words_per_sentence:.0f} in the English "
                             f"(limit {limit:g}\u00d7 for {code})", SHORTER))
    if min(t.words, e.words) >= rules.min_words:
        extra = tolerance.long_words
        if t.long_share > e.long_share + extra:
            found.append(Problem("long words", f"{t.long_share:.0f}% long words here, "
                                 f"{e.long_share:.0f}% in the English "
                                 f"(limit +{extra:g} points for {code})", COMMONER))
        if t.lix > max(tolerance.lix_floor, tolerance.lix * e.lix):
            found.append(Problem("LIX", f"LIX {t.lix:.0f} here, {e.lix:.0f} in the English "
                                 f"(limit {tolerance.lix:g}\u00d7 for {code})",
                                 f"{SHORTER}; {COMMONER}"))
        found += own_formula(t, lang, tolerance)
    return found


def own_formula(c: Counts, lang: str, tolerance: Tolerance) -> list[Problem]:
    """The language's own formula, where it can judge one block and has a limit."""
    formula = OWN.get(primary(lang))
    if formula is None or not formula.per_block or tolerance.formula_limit is None:
        return []
    try:
        value = formula.compute(c)
    except (ValueError, ZeroDivisionError):
        return []
    if not formula.fails(value, tolerance.formula_limit):
        return []
    return [Problem(formula.name, f"{formula.name} {value:.1f} "
                    f"(limit {tolerance.formula_limit:g} for {primary(lang)})",
                    f"{SHORTER}; {COMMONER}")]
