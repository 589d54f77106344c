"""Rules on one translated message: what the ``msgstr`` must keep from its ``msgid``.

Each rule is a small function registered with :func:`checks.core.rule` (scope ``entry``); it
receives a :class:`Pair`
and yields a :class:`Problem` for each thing a translator has to fix. Things that must match are
compared as multisets, so a translation may reorder them. :mod:`checks.translations.check` runs the
rules over every translated, non-fuzzy entry and turns problems into findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from checks.core import Severity, rule
from checks.translations.invariants import (
    Item,
    describe,
    diff,
    emails,
    html,
    normal_number,
    numbers,
    placeholders,
    quote,
    urls,
)
from checks.translations.rst import (
    DEFAULT_ROLE,
    Markup,
    Token,
    block_hints,
    describe_blocks,
    markup,
    odd_marks,
)

FAMILY = "translations"


@dataclass(frozen=True)
class Problem:
    """What a rule found: the message, one sentence on how to fix it, and optional overrides."""

    message: str
    fix: str
    severity: Severity | None = None
    line: int = 0


@dataclass(frozen=True)
class Pair:
    """A source message and its translation, with what the rules compare computed once."""

    msgid: str
    msgstr: str
    python_format: bool = False
    quick_exit_url: str = ""
    #: The catalogue's language, and the project whose reviewed sign-offs apply.
    lang: str = ""
    root: Path | None = None
    #: The language's glossary (:mod:`checks.translations.glossary`), if it has one.
    glossary: Any = None

    @cached_property
    def src(self) -> Markup:
        """The source read as reStructuredText."""
        return markup(self.msgid)

    @cached_property
    def dst(self) -> Markup:
        """The translation read as reStructuredText."""
        return markup(self.msgstr)

    @cached_property
    def number_diff(self) -> tuple[list[Item], list[Item]]:
        """Numbers the translation lost and added (Western digits, spacing ignored)."""
        return diff(numbers(self.src.visible), numbers(self.dst.visible))

    @cached_property
    def url_diff(self) -> tuple[list[Item], list[Item]]:
        """Web addresses the translation lost and added."""
        return diff(urls(self.msgid), urls(self.msgstr))

    @property
    def has_quick_exit(self) -> bool:
        """Whether the source names the quick-exit destination."""
        return bool(self.quick_exit_url) and any(
            k == self.quick_exit_url for k, _ in urls(self.msgid))


EntryRule = Callable[[Pair], Iterable[Problem]]
def _items(tokens: list[Token]) -> list[Item]:
    return [(t.key, t.text) for t in tokens]


def _compare(pair: Pair, kind: str, noun: str, fix: str) -> Iterator[Problem]:
    missing, extra = diff(_items(pair.src.of(kind)), _items(pair.dst.of(kind)))
    if missing or extra:
        yield Problem(describe(noun, missing, extra), fix)


@rule("po-number-changed", FAMILY, scope="entry")
def check_numbers(pair: Pair) -> Iterator[Problem]:
    """A number (phone number, age, count) differs between the source and the translation."""
    missing, extra = pair.number_diff
    if missing or extra:
        yield Problem(describe("number", missing, extra),
                      "Copy every number from the source; you may change its spacing or use "
                      "your script's digits, but keep every digit.")


@rule("po-url-changed", FAMILY, scope="entry")
def check_urls(pair: Pair) -> Iterator[Problem]:
    """A web address is missing, changed or added in the translation."""
    missing, extra = pair.url_diff
    if (missing or extra) and not pair.has_quick_exit:
        yield Problem(describe("URL", missing, extra),
                      "Copy every web address from the source exactly, character for character.")


@rule("po-email-changed", FAMILY, scope="entry")
def check_emails(pair: Pair) -> Iterator[Problem]:
    """An e-mail address is missing, changed or added in the translation."""
    missing, extra = diff(emails(pair.msgid), emails(pair.msgstr))
    if missing or extra:
        yield Problem(describe("e-mail address", missing, extra),
                      "Copy every e-mail address from the source exactly.")


@rule("po-quick-exit-changed", FAMILY, scope="entry")
def check_quick_exit(pair: Pair) -> Iterator[Problem]:
    """The quick-exit destination is changed, or its message gains another address."""
    missing, extra = pair.url_diff
    if pair.has_quick_exit and (missing or extra):
        yield Problem(f"{describe('URL', missing, extra)}; the quick exit must lead to "
                      f"{quote(pair.quick_exit_url)}",
                      f"Keep the quick-exit address {quote(pair.quick_exit_url)} exactly and "
                      "add no other address.")


@rule("po-tel-changed", FAMILY, scope="entry")
def check_tel(pair: Pair) -> Iterator[Problem]:
    """A phone number in a :tel: role is not kept byte for byte, or its role is lost."""
    src, dst = pair.src.of("tel"), pair.dst.of("tel")
    missing, extra = diff(_items(src), _items(dst))
    lost = {k for k, _ in pair.number_diff[0]}
    added = {k for k, _ in pair.number_diff[1]}
    parts: list[str] = []
    for key, shown in missing:
        twin = next((e for e in extra if normal_number(e[0]) == normal_number(key)), None)
        if twin:
            extra.remove(twin)
            parts.append(f"phone number {quote(shown)} in the source is {quote(twin[1])} in "
                         "the translation; a :tel: number must stay byte for byte")
        elif normal_number(key) not in lost:  # a changed number is po-number-changed's
            parts.append(f"phone link {quote(shown)} is missing from the translation")
    parts += [f"phone link {quote(shown)} in the translation is not in the source"
              for key, shown in extra if normal_number(key) not in added]
    if parts:
        yield Problem("; ".join(parts),
                      "Copy each :tel:`...` from the source exactly, with Western digits 0-9 and "
                      "the same spaces, so that the phone link dials the right number.")


@rule("po-role-changed", FAMILY, scope="entry")
def check_roles(pair: Pair) -> Iterator[Problem]:
    """A reST role (:doc:, :ref: ...) or its target differs from the source."""
    missing, extra = diff(_items(pair.src.of("role")), _items(pair.dst.of("role")))
    if missing or extra:
        hint = ("; `text` in backquotes without a role usually means the role lost the space "
                "or punctuation before it" if any(k == DEFAULT_ROLE for k, _ in extra) else "")
        yield Problem(describe("role", missing, extra) + hint,
                      "Keep each role and its target as in the source (translate only the text "
                      "before <target>), with a space or punctuation before the role.")


@rule("po-link-changed", FAMILY, scope="entry")
def check_links(pair: Pair) -> Iterator[Problem]:
    """A link with an embedded address (`text <https://...>`__) is lost, added or changed."""
    src, dst = pair.src.of("link"), pair.dst.of("link")
    uri = {t.key: t.value for t in src + dst}
    changed = {k for k, _ in pair.url_diff[0] + pair.url_diff[1]}  # reported as URLs
    missing, extra = diff(_items(src), _items(dst))
    missing = [m for m in missing if uri[m[0]] not in changed]
    extra = [e for e in extra if uri[e[0]] not in changed]
    if missing or extra:
        yield Problem(describe("link", missing, extra),
                      "Keep each `text <address>`__ link with the same address and the same "
                      "ending (`__` or `_`); translate only the text.")


@rule("po-reference-changed", FAMILY, scope="entry")
def check_references(pair: Pair) -> Iterator[Problem]:
    """A named reference (name_), anonymous, footnote or citation reference differs."""
    yield from _compare(pair, "reference", "reference", "Keep references such as name_, "
                        "`two words`_, [#]_ and [1]_ exactly as in the source.")


@rule("po-literal-changed", FAMILY, scope="entry")
def check_literals(pair: Pair) -> Iterator[Problem]:
    """An inline literal (``text``) differs from the source."""
    yield from _compare(pair, "literal", "literal", "Copy text between double backquotes "
                        "exactly as in the source; it is a name or code, not prose.")


@rule("po-substitution-changed", FAMILY, scope="entry")
def check_substitutions(pair: Pair) -> Iterator[Problem]:
    """A substitution reference (|name|) differs from the source."""
    yield from _compare(pair, "substitution", "substitution", "Keep each |name| exactly as "
                        "in the source.")


_MARKS = {"emphasis": ("`*`", "emphasis"), "strong": ("`**`", "strong emphasis"),
          "literal": ("``` `` ```", "a literal"),
          "interpreted text or phrase reference": ("`` ` ``", "a role or link"),
          "substitution_reference": ("`|`", "a substitution"),
          "internal target": ("``_` ``", "a target")}


def _inline_warning(text: str) -> str:
    for name, (mark, what) in _MARKS.items():
        if text.startswith(f"Inline {name} start-string"):
            return f"{mark} starts {what} that is never closed"
    return text.rstrip(".")


@rule("po-markup-unbalanced", FAMILY, scope="entry")
def check_markup(pair: Pair) -> Iterator[Problem]:
    """Inline markup (*, **, backquotes) is not closed or has an odd number of marks."""
    def inline(markup_: Markup) -> Counter[str]:
        return Counter(w for w in markup_.warnings if "Inline " in w or "interpreted text" in w)

    parts = [_inline_warning(w) for w in (inline(pair.dst) - inline(pair.src)).elements()]
    if not parts:
        odd_src = odd_marks(pair.msgid)
        parts = [f"odd number of {quote(m)} marks" for m in odd_marks(pair.msgstr)
                 if m not in odd_src]
    if parts:
        yield Problem("; ".join(parts), "Close every *emphasis*, **strong** and backquote you "
                      "open, with a space or punctuation before it opens and after it closes.")


@rule("po-block-changed", FAMILY, scope="entry")
def check_block(pair: Pair) -> Iterator[Problem]:
    """The translation would not render as the same kind of block (list, comment, title...)."""
    source_hints = block_hints(pair.msgid)
    hints = [h for n, h in block_hints(pair.msgstr).items() if n not in source_hints]
    src, dst = pair.src.blocks, pair.dst.blocks
    parts: list[str] = []
    if hints:
        parts.append(f"the translation {' and '.join(hints)}")
    elif src != dst:
        parts.append(f"the translation would render as {describe_blocks(dst)}, "
                     f"not {describe_blocks(src)}")
    if src != dst:
        parts[-1] += (", so Sphinx would keep only its first paragraph" if src[:1] == dst[:1]
                      else ", so Sphinx would drop it and show the English text")
    if pair.dst.error:
        parts.append(f"docutils could not read it ({pair.dst.error})")
    if parts:
        yield Problem("; ".join(parts), "Write the translation as one plain paragraph like the "
                      "source: no list marker, `..`, `|`, `>>>` or space at the start, and no "
                      "blank line, underline or final `::`.")


@rule("po-html", FAMILY, scope="entry")
def check_html(pair: Pair) -> Iterator[Problem]:
    """Raw HTML, a script address or an event handler that the source does not have."""
    have = {k for k, _ in html(pair.msgid)}
    added: list[Item] = []
    for key, shown in html(pair.msgstr):
        if key not in have:
            have.add(key)
            added.append((key, shown))
    if added:
        yield Problem(describe("HTML", [], added),
                      "Remove the HTML or script; use the same reStructuredText markup as the "
                      "source.")


@rule("po-python-format", FAMILY, scope="entry")
def check_placeholders(pair: Pair) -> Iterator[Problem]:
    """A %(name)s placeholder of a theme string is missing, renamed or added."""
    if not (pair.python_format or "%(" in pair.msgid):
        return
    missing, extra = diff(placeholders(pair.msgid), placeholders(pair.msgstr))
    if missing or extra:
        yield Problem(describe("placeholder", missing, extra),
                      "Keep every %(name)s placeholder exactly as in the source, untranslated; "
                      "you may move it within the sentence.")
