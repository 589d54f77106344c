"""How much harder than its English a block may be, per language, from ``pyproject.toml``.

``[tool.guide.readability.blocks]`` holds the English rules for one block (a paragraph, list item
or heading) and the floors below which no comparison flags anything;
``[tool.guide.readability.languages.<code>]`` holds each language's tolerances. Every table
needs a ``reason``: a tolerance nobody can explain is a tolerance nobody can review.

Per language (all optional but ``reason``):

- ``words_per_sentence``: at most this many times the English block's average sentence length,
  once the block averages more than ``sentence_floor`` words a sentence;
- ``long_words``: at most this many percentage points more long words than the English;
- ``lix``: at most this many times the English block's LIX, once its LIX is above ``lix_floor``;
- ``formula_limit``: the most the language's own formula (:data:`.measures.OWN`) may give a
  block, where that formula can judge one paragraph (Pisarek's index for Polish);
- ``rare_below``: Zipf frequency below which a word is rare (no key: rare words not checked);
- ``stem`` and ``ending``: the shortest stem the rare-word test accepts, and the longest
  ending it takes off a word to find it (see :mod:`.vocabulary`);
- ``known``: words never reported as rare, each a reviewed decision (a term the guide
  explains where it uses it, a plain form the list lacks); the ``reason`` says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checks.core import InputError
from checks.readability.measures import primary

WHERE = "pyproject.toml: [tool.guide.readability"


@dataclass(frozen=True)
class Tolerance:
    """One language's tolerances against the English, and its vocabulary settings."""

    lang: str
    reason: str
    words_per_sentence: float = 1.5
    sentence_floor: float = 15.0
    long_words: float = 20.0
    lix: float = 1.5
    lix_floor: float = 40.0
    formula_limit: float | None = None
    rare_below: float | None = None
    stem: int = 0
    ending: int = 4
    known: frozenset[str] = frozenset()


@dataclass(frozen=True)
class BlockRules:
    """The English rules for one block, the floors, and every language's tolerances."""

    reason: str
    max_grade: float = 10.0
    max_words_per_sentence: float = 20.0
    max_sentence: int = 25
    min_words: int = 12
    languages: Mapping[str, Tolerance] | None = None

    def tolerance(self, lang: str) -> Tolerance:
        """The tolerances of a language (by code, then primary subtag), or the defaults."""
        known = self.languages or {}
        found = known.get(lang) or known.get(primary(lang))
        return found or Tolerance(lang, "no tolerances configured: defaults")


def _number(table: Mapping[str, Any], key: str, where: str, default: float | None) -> Any:
    value = table.get(key, default)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise InputError(f"{where}] {key} = {value!r}: must be a number")
    return value


def _reason(table: Mapping[str, Any], where: str) -> str:
    reason = str(table.get("reason", "")).strip()
    if not reason:
        raise InputError(f"{where}] needs a reason")
    return reason


def _language(code: str, table: Mapping[str, Any]) -> Tolerance:
    where = f"{WHERE}.languages.{code}"
    if not isinstance(table, Mapping):
        raise InputError(f"{where}] must be a table")
    base = Tolerance(code, "")
    known = table.get("known", [])
    if not isinstance(known, list) or not all(isinstance(t, str) for t in known):
        raise InputError(f"{where}] known must be a list of words")
    return Tolerance(
        code, _reason(table, where),
        words_per_sentence=float(_number(table, "words_per_sentence", where,
                                         base.words_per_sentence)),
        sentence_floor=float(_number(table, "sentence_floor", where, base.sentence_floor)),
        long_words=float(_number(table, "long_words", where, base.long_words)),
        lix=float(_number(table, "lix", where, base.lix)),
        lix_floor=float(_number(table, "lix_floor", where, base.lix_floor)),
        formula_limit=_number(table, "formula_limit", where, None),
        rare_below=_number(table, "rare_below", where, None),
        stem=int(_number(table, "stem", where, 0)),
        ending=int(_number(table, "ending", where, base.ending)),
        known=frozenset(t.casefold() for t in known))


def block_rules(table: Mapping[str, Any]) -> BlockRules:
    """Read the block rules and language tolerances from ``[tool.guide.readability]``."""
    raw = table.get("blocks", {})
    where = f"{WHERE}.blocks"
    if not isinstance(raw, Mapping):
        raise InputError(f"{where}] must be a table")
    base = BlockRules("")
    languages = table.get("languages", {})
    if not isinstance(languages, Mapping):
        raise InputError(f"{WHERE}.languages] must be a table of languages")
    return BlockRules(
        _reason(raw, where) if raw else "no [tool.guide.readability.blocks]: defaults",
        max_grade=float(_number(raw, "max_grade", where, base.max_grade)),
        max_words_per_sentence=float(_number(raw, "max_words_per_sentence", where,
                                             base.max_words_per_sentence)),
        max_sentence=int(_number(raw, "max_sentence", where, base.max_sentence)),
        min_words=int(_number(raw, "min_words", where, base.min_words)),
        languages={str(code): _language(str(code), t) for code, t in languages.items()})
