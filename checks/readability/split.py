"""Sentences, words and letters in every script the guide uses: Latin and Arabic (Arabic, Urdu).

Rules, the same for every language unless a language is named:

- A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space or the end of the block,
  and at the Arabic question mark (U+061F) and the Urdu full stop (U+06D4) anywhere. The Arabic
  comma ``،`` and semicolon ``؛`` (like ``,`` and ``;``) do not end a sentence.
- A full stop does not end a sentence after a known abbreviation ("Dr", Polish "np"), after a
  dotted abbreviation ("e.g.", Welsh "e.e.", Polish "m.in."), or when the next word starts with
  a small letter. A dot inside a number ("2.2") or a web address is never followed by a space.
- A dotted abbreviation ("e.g.", "m.in.") is one word.
- A word is a run of letters (with their combining marks) that may contain apostrophes and
  hyphens (straight or curly): Welsh "i'w" and "a'r", English "don't" and "e-mail" are one
  word each.
- A number is one word, however it is spaced: "0800 1111", "116 123", "2.2" and "400%" are one
  token each. A web or e-mail address is one word. Neither is ever a long word.
- Letters are counted without diacritics, apostrophes, hyphens or the Arabic tatweel; in Welsh a
  digraph (ch, dd, ff, ng, ll, ph, rh, th) is one letter of the Welsh alphabet.
- A long word (for LIX) has more than 6 letters in Latin script. In Arabic script short vowels
  are not written, so the same word is shorter: a long word has more than 5 letters, and in
  Arabic the definite article (ال, with a one-letter conjunction or preposition before it, or
  لل) is not counted, because English writes "the" as a word of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

TokenKind = Literal["word", "number", "link"]

_MARKS = ("\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8"
          "\u06ea-\u06ed\u200c\u200d")
_APOSTROPHES = "'\u2019\u02bc"
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
_STOPS = "\u061f\u06d4"  # Arabic question mark, Urdu full stop
_LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
_TOKEN = re.compile(
    rf"(?P<link>[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?:https?://)?[\w-]{{2,}}(?:\.[\w-]+)*\.[A-Za-z]{{2,}}\b(?:/[^\s]*[^\s.,;:!?)\]])?)"
    rf"|(?P<number>\d+(?:[.,:/\u066b\u066c]\d+)*"
    rf"(?:[ \u00a0\u202f]\d+(?:[.,:/\u066b\u066c]\d+)*)*%?)"
    rf"|(?P<abbr>{_LETTER}{{1,2}}\.(?:{_LETTER}{{1,2}}\.)+)"
    rf"|(?P<word>{_LETTER}(?:{_LETTER}|\d)*"
    rf"(?:[{_APOSTROPHES}\u2010\u2011-]{_LETTER}(?:{_LETTER}|\d)*)*)"
)
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_END = re.compile(rf"(?:[.!?\u2026]+[{_CLOSERS}]*(?=\s|$)|[{_STOPS}][{_STOPS}!?]*[{_CLOSERS}]*)")
_BEFORE_DOT = re.compile(rf"([\w{_APOSTROPHES}.-]*\w)\.*$")
_DOTTED = re.compile(r"(?:\w{1,2}\.)+\w{1,2}")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_ARTICLE = re.compile("^(?:[وفبكل]?ال|لل)(?=\\w{2,})")
_CY_DIGRAPH = re.compile("ch|dd|ff|ng|ll|ph|rh|th")

#: Abbreviations after which a full stop does not end a sentence (casefolded, no final dot).
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "": frozenset({"dr", "mr", "mrs", "ms", "st", "prof", "vs", "approx", "incl", "cf"}),
    "cy": frozenset({"dr", "mr", "mrs", "parch", "ayb", "gw", "sef"}),
    "pl": frozenset({"np", "tzn", "tj", "itd", "itp", "ok", "godz", "ul", "al", "prof", "dr",
                     "mgr", "inż", "wg", "tzw", "ds", "pt", "ww", "jw", "tys", "mln", "św"}),
    "ro": frozenset({"ex", "dl", "dna", "dvs", "str", "pag", "prof", "dr", "etc", "aprox"}),
}
#: Abbreviations that are only abbreviations before a number ("No. 5", Polish "nr 5").
NUMBER_ABBREVIATIONS = frozenset({"no", "nr", "tel", "rhif", "art", "pkt", "p"})


@dataclass(frozen=True)
class Token:
    """One word-like token of a sentence."""

    text: str
    kind: TokenKind


def clean(text: str) -> str:
    """Text in NFC, without invisible format characters (bidi marks, soft hyphens)."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces, trimmed."""
    return " ".join(text.split())


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _continues(before: str, after: str, lang: str) -> bool:
    """Whether a full stop at the end of ``before`` leaves the sentence going on."""
    match = _BEFORE_DOT.search(before)
    token = match.group(1).casefold() if match else ""
    rest = after.lstrip()
    first = rest[:1]
    if first and first.islower():
        return True
    if token in ABBREVIATIONS[""] or token in ABBREVIATIONS.get(_primary(lang), frozenset()):
        return True
    if token in NUMBER_ABBREVIATIONS and first.isdigit():
        return True
    if _DOTTED.fullmatch(token) and not token.replace(".", "").isdigit():
        return True
    return len(token) == 1 and bool(_ARABIC.match(token))


def split_sentences(text: str, lang: str) -> Iterator[tuple[int, str]]:
    """The sentences of one block: ``(offset in text, sentence with whitespace collapsed)``.

    Pieces without a letter or a digit (a stray bullet, "¶") are not sentences.
    """
    start = 0
    for match in _END.finditer(text):
        mark = match.group()
        if mark[0] == "." and _continues(text[:match.start() + 1], text[match.end():], lang):
            continue
        yield from _piece(text, start, match.end())
        start = match.end()
    yield from _piece(text, start, len(text))


def _piece(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    piece = text[start:end]
    if any(c.isalnum() for c in piece):
        yield start + len(piece) - len(piece.lstrip()), collapse(piece)


@cache
def tokens(sentence: str) -> tuple[Token, ...]:
    """The words, numbers and addresses of a sentence, in order (cached for a run)."""
    found = []
    for match in _TOKEN.finditer(clean(sentence)):
        kind: TokenKind = ("link" if match.lastgroup == "link"
                           else "number" if match.lastgroup == "number" else "word")
        found.append(Token(match.group(), kind))
    return tuple(found)


def letters(word: str, lang: str) -> int:
    """Letters in a word: no marks, apostrophes, hyphens or tatweel; Welsh digraphs count once."""
    count = sum(1 for c in word if c.isalpha() and c != "\u0640")
    if _primary(lang) == "cy":
        count -= len(_CY_DIGRAPH.findall(word.casefold()))
    return count


def is_arabic_script(word: str) -> bool:
    """Whether a word is written in Arabic script (Arabic, Urdu, Persian...)."""
    return bool(_ARABIC.search(word))


def is_long(token: Token, lang: str) -> bool:
    """Whether a token is a long word for LIX (see the module's rules)."""
    if token.kind != "word":
        return False
    if is_arabic_script(token.text):
        core = _ARTICLE.sub("", token.text) if _primary(lang) == "ar" else token.text
        return letters(core, lang) > 5
    return letters(token.text, lang) > 6
