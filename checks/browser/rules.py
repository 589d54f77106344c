"""The rules of the browser checks: each a small function from one page's facts to problems.

:mod:`checks.browser.check` visits each page once and gathers :class:`PageFacts` (plain data
measured by ``measure.js`` at each emulation of :mod:`checks.browser.visit`); every rule
registered with scope ``page`` then reads them. This module holds the page's language, focus,
layout and type rules; the quick exit's are in :mod:`.exit`, privacy's in :mod:`.privacy` and
axe-core's in :mod:`.axe`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from checks.browser.visit import BY_NAME
from checks.core import rule
from quick_exit_theme.context import direction

Fact = dict[str, Any]
#: The largest share of the viewport's height the sticky quick exit bar may take.
BAR_SHARE = 0.2


@dataclass(frozen=True)
class Problem:
    """What a browser rule found on a page; ``text`` locates it in the page's sources and
    ``part`` names the theme template that renders it, when it is the theme's."""

    message: str
    element: str = ""
    snippet: str = ""
    text: str = ""
    #: For axe-core's rules: the finding's id is the rule's id, "-" and this (axe's rule id).
    suffix: str = ""
    impact: str = ""
    fix: str = ""
    part: str = ""


@dataclass
class PageFacts:
    """What one visit measured on one page (``None`` or empty: not measured in this run).

    Facts measured at several emulations are keyed by the emulation's name
    (:data:`checks.browser.visit.EMULATIONS`)."""

    folder: str
    document: Fact
    expects_exit: bool
    privacy: Fact | None = None
    order: list[str] | None = None
    focus: list[Fact] = field(default_factory=list)
    obscured: dict[str, list[Fact]] = field(default_factory=dict)
    bars: dict[str, Fact] = field(default_factory=dict)
    reflow: dict[str, Fact] = field(default_factory=dict)
    exit_view: Fact | None = None
    spacing: Fact | None = None
    headings: dict[str, list[Fact]] = field(default_factory=dict)
    hints: dict[str, bool] = field(default_factory=dict)
    languages: list[Fact] = field(default_factory=list)
    #: How the quick exit was used ("click", "enter", "escape", "shift3") and whether it left.
    exits: dict[str, bool] = field(default_factory=dict)
    nojs_exit: bool | None = None
    history: Fact | None = None
    forced: Fact | None = None
    framed: bool | None = None
    axe: Fact | None = None
    axe_expected: list[str] = field(default_factory=list)


def where(emulation: str) -> str:
    """How a finding names the screen it was seen on ("at 400 % zoom (320x256)")."""
    return BY_NAME[emulation].label if emulation in BY_NAME else emulation


def located(message: str, item: Fact) -> Problem:
    """A problem about one measured element."""
    return Problem(message, item.get("selector", ""), item.get("html", ""), item.get("text", ""),
                   part=item.get("part", ""))


@rule("a11y-lang", "a11y", scope="page",
      fix="Set the language with 'language' in the build; the theme writes <html lang>.")
def check_lang(facts: PageFacts) -> Iterator[Problem]:
    """<html lang> does not match the page's language folder."""
    lang = facts.document.get("lang") or ""
    if facts.folder and lang.split("-")[0] != facts.folder.split("-")[0]:
        yield Problem(f"<html lang> is {lang!r} in the {facts.folder!r} folder")


@rule("a11y-dir", "a11y", scope="page",
      fix="The theme sets dir from Babel's locale data (quick_exit_theme/layout.html).")
def check_dir(facts: PageFacts) -> Iterator[Problem]:
    """<html dir> is not rtl on a right-to-left language, or not ltr elsewhere."""
    lang = facts.document.get("lang") or facts.folder or "en"
    want, have = direction(lang), facts.document.get("dir") or "ltr"
    if have != want:
        yield Problem(f"<html dir> is {facts.document.get('dir')!r}; {lang!r} reads {want}")


@rule("a11y-lang-names", "a11y", scope="page",
      fix="Give each language's link lang and hreflang of that language "
          "(quick_exit_theme/language-switcher.html).")
def check_language_names(facts: PageFacts) -> Iterator[Problem]:
    """A language's name in the switcher or chooser does not carry that language's lang."""
    for item in facts.languages:
        if item.get("kind") == "lang":
            yield located(f"the link to {item['hreflang']!r} ({item['text']!r}) has lang "
                          f"{item['lang']!r}", item)


@rule("a11y-script-font", "a11y", scope="page",
      fix="Choose typefaces with [lang]:lang(xx) rules, not html:lang(xx), so that every "
          "element with its own lang gets its own script's font.")
def check_script_font(facts: PageFacts) -> Iterator[Problem]:
    """A passage in another language (a language's name, a fallback) is not in its own font.

    Bad: العربية in a Nastaliq typeface on an Urdu page. Good: in the Naskh face of Arabic
    pages."""
    for item in facts.languages:
        if item.get("kind") == "font":
            yield located(f"{item['text']!r} (lang {item['lang']!r}) is set in "
                          f"{item['font']}, not {item['expected']}", item)


@rule("a11y-focus-visible", "a11y", scope="page",
      fix="Give the element a :focus-visible outline in the theme's stylesheet.")
def check_focus_visible(facts: PageFacts) -> Iterator[Problem]:
    """A focusable element shows no visible focus (WCAG 2.4.7)."""
    for item in facts.focus:
        yield located(f"no visible focus on {item['text']!r}", item)


@rule("a11y-focus-obscured", "a11y", scope="page",
      fix="Keep scroll-padding as tall as the sticky bar (quick-exit.js sets it from the "
          "bar's real height).")
def check_focus_obscured(facts: PageFacts) -> Iterator[Problem]:
    """A focused element is hidden under a sticky bar with Tab or Shift+Tab (WCAG 2.4.11)."""
    for emulation, items in facts.obscured.items():
        for item in items:
            keys = "Shift+Tab" if item.get("direction") == "backward" else "Tab"
            yield located(f"{item['text']!r} is hidden under {item['by']} with {keys} "
                          f"{where(emulation)}", item)


@rule("a11y-bar-size", "a11y", scope="page",
      fix="Let the bar become compact or stop sticking on short screens "
          "(components/quick-exit/quick-exit.css and quick-exit.js).")
def check_bar_size(facts: PageFacts) -> Iterator[Problem]:
    """The sticky quick exit bar takes more than a fifth of the screen's height."""
    for emulation, bar in facts.bars.items():
        if bar and bar.get("pinned") and bar["height"] > BAR_SHARE * bar["viewport"]:
            share = bar["height"] / bar["viewport"]
            yield Problem(f"the sticky quick exit bar takes {share:.0%} of the screen's height "
                          f"{where(emulation)} ({bar['height']} of {bar['viewport']} px)",
                          ".quick-exit", part="quick_exit_theme/components/quick-exit/"
                                              "quick-exit.html")


@rule("a11y-reflow", "a11y", scope="page",
      fix="Let the element wrap or shrink (overflow-wrap, max-width: 100%).")
def check_reflow(facts: PageFacts) -> Iterator[Problem]:
    """The page scrolls sideways at 320 px, at 400 % zoom or with 200 % text (WCAG 1.4.10)."""
    for emulation, seen in facts.reflow.items():
        if seen["scrollWidth"] > seen["clientWidth"] + 1:
            yield Problem(f"page is {seen['scrollWidth']} px wide in a {seen['clientWidth']} px "
                          f"viewport {where(emulation)}")


@rule("a11y-text-spacing", "a11y", scope="page",
      fix="Do not fix heights or clip text; let boxes grow with their text.")
def check_text_spacing(facts: PageFacts) -> Iterator[Problem]:
    """Text overflows when spacing is increased (WCAG 1.4.12)."""
    spaced = facts.spacing
    if spaced is not None and (spaced["scrollWidth"] > spaced["clientWidth"] + 1
                               or spaced["clipped"]):
        detail = ", ".join(spaced["clipped"]) or f"{spaced['scrollWidth']} px wide"
        yield Problem(f"with WCAG 1.4.12 spacing: {detail}")


@rule("a11y-heading-overlap", "a11y", scope="page",
      fix="Give headings a line height their script needs (Naskh about 1.7, Nastaliq about "
          "2.4) in the theme's stylesheet.")
def check_heading_overlap(facts: PageFacts) -> Iterator[Problem]:
    """The lines of a wrapped heading overlap: its script's letters are taller than its lines.

    Bad: an Urdu h1 in Nastaliq at line-height 1.25. Good: line-height 2.4."""
    seen: set[str] = set()
    for emulation, items in facts.headings.items():
        for item in items:
            if item["selector"] in seen:
                continue
            seen.add(item["selector"])
            above, below = item["words"]
            yield located(f"the lines of {item['text']!r} overlap {where(emulation)}: the "
                          f"letters of {above!r} run {item['over']} px into {below!r} below it "
                          f"(lines {item['gap']} px apart)", item)
