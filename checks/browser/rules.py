"""The rules of the browser checks: each a small function from one page's facts to problems.

:mod:`checks.browser.check` visits each page once and gathers :class:`PageFacts` (plain data
from :mod:`checks.browser.facts`); every rule registered here with scope ``page`` then reads
them. axe-core's own rules arrive as ``axe-<id>`` findings under the rules ``axe`` and
``axe-review``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from checks.core import rule

Fact = dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """What a browser rule found on a page; ``text`` locates it in the page's sources."""

    message: str
    element: str = ""
    snippet: str = ""
    text: str = ""
    #: For axe-core's rules: the finding's id is the rule's id, "-" and this (axe's rule id).
    suffix: str = ""
    impact: str = ""
    fix: str = ""


@dataclass
class PageFacts:
    """What one visit measured on one page (``None``: not measured in this run)."""

    folder: str
    document: Fact
    expects_exit: bool
    privacy: Fact | None = None
    order: list[str] | None = None
    focus: list[Fact] = field(default_factory=list)
    reflow: Fact | None = None
    spacing: Fact | None = None
    #: How the quick exit was used ("click", "escape", "shift3") and whether it left.
    exits: dict[str, bool] = field(default_factory=dict)
    nojs_exit: bool | None = None
    axe: Fact | None = None
    axe_expected: list[str] = field(default_factory=list)


def direction(lang: str) -> str:
    """``rtl`` or ``ltr`` from CLDR."""
    try:
        return "rtl" if Locale.parse(lang.replace("-", "_")).text_direction == "rtl" else "ltr"
    except (ValueError, TypeError):
        return "ltr"


def _has_exit(facts: PageFacts) -> bool:
    return facts.document.get("exit") is not None


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


@rule("a11y-quick-exit-missing", "a11y", scope="page",
      fix="Use the quick-exit theme, or include components/quick-exit/quick-exit.html.")
def check_exit_missing(facts: PageFacts) -> Iterator[Problem]:
    """The page has no quick exit link."""
    if facts.expects_exit and not _has_exit(facts):
        yield Problem("no element with data-quick-exit")


@rule("a11y-quick-exit-rel", "a11y", scope="page",
      fix='Give the link rel="nofollow noreferrer" (components/quick-exit/quick-exit.html).')
def check_exit_rel(facts: PageFacts) -> Iterator[Problem]:
    """The quick exit link lacks rel="nofollow noreferrer"."""
    if _has_exit(facts):
        rel = set(str(facts.document["exit"].get("rel", "")).split())
        if not {"nofollow", "noreferrer"} <= rel:
            yield Problem(f"quick exit rel is {facts.document['exit'].get('rel')!r}")


@rule("a11y-quick-exit-order", "a11y", scope="page",
      fix="Put the quick exit right after the skip link in the layout.")
def check_exit_order(facts: PageFacts) -> Iterator[Problem]:
    """The quick exit is not reached within two Tab presses."""
    order = facts.order
    if _has_exit(facts) and order is not None and (
            "exit" not in order or order[0] not in ("skip", "exit")):
        yield Problem(f"first Tab presses reached: {', '.join(order)}")


@rule("a11y-quick-exit-hidden", "a11y", scope="page",
      fix="Keep .quick-exit sticky at the top (components/quick-exit/quick-exit.css).")
def check_exit_hidden(facts: PageFacts) -> Iterator[Problem]:
    """The quick exit is not visible at 320 px, at top or bottom."""
    if not _has_exit(facts) or facts.reflow is None:
        return
    for where, place in (("exit_top", "top"), ("exit_bottom", "bottom")):
        seen = facts.reflow.get(where) or {}
        if not (seen.get("inside") and seen.get("onTop")):
            yield Problem(f"quick exit not visible at 320 px at the {place}")


@rule("a11y-quick-exit-broken", "a11y", scope="page",
      fix="Check that quick-exit.js loads and handles the key (components/quick-exit/).")
def check_exit_broken(facts: PageFacts) -> Iterator[Problem]:
    """The quick exit does not leave by click, Escape or Shift x3."""
    for how, left in facts.exits.items():
        if not left:
            yield Problem(f"quick exit by {how} did not leave the page")


@rule("a11y-quick-exit-nojs", "a11y", scope="page",
      fix="The quick exit must be a real <a href> to the destination.")
def check_exit_nojs(facts: PageFacts) -> Iterator[Problem]:
    """The quick exit does not work as a plain link without JavaScript."""
    if facts.nojs_exit is False:
        yield Problem("without JavaScript the quick exit link did not leave")


@rule("a11y-focus-visible", "a11y", scope="page",
      fix="Give the element a :focus-visible outline in the theme's stylesheet.")
def check_focus_visible(facts: PageFacts) -> Iterator[Problem]:
    """A focusable element shows no visible focus (WCAG 2.4.7)."""
    for item in facts.focus:
        if not item.get("visible"):
            yield Problem(f"no visible focus on {item['text']!r}", item["selector"],
                          item["html"], item["text"])


@rule("a11y-focus-obscured", "a11y", scope="page",
      fix="Keep scroll-padding as tall as the sticky bar (the theme's stylesheet).")
def check_focus_obscured(facts: PageFacts) -> Iterator[Problem]:
    """A focused element is hidden under a sticky bar (WCAG 2.4.11)."""
    for item in facts.focus:
        if item.get("hiddenBy"):
            yield Problem(f"{item['text']!r} is hidden under {item['hiddenBy']}",
                          item["selector"], item["html"], item["text"])


@rule("a11y-reflow", "a11y", scope="page",
      fix="Let the element wrap or shrink at 320 px (overflow-wrap, max-width: 100%).")
def check_reflow(facts: PageFacts) -> Iterator[Problem]:
    """The page scrolls sideways at 320 px wide (WCAG 1.4.10)."""
    narrow = facts.reflow
    if narrow is not None and narrow["scrollWidth"] > narrow["clientWidth"] + 1:
        yield Problem(f"page is {narrow['scrollWidth']} px wide in a 320 px viewport")


@rule("a11y-text-spacing", "a11y", scope="page",
      fix="Do not fix heights or clip text; let boxes grow with their text.")
def check_text_spacing(facts: PageFacts) -> Iterator[Problem]:
    """Text overflows when spacing is increased (WCAG 1.4.12)."""
    spaced = facts.spacing
    if spaced is not None and (spaced["scrollWidth"] > spaced["clientWidth"] + 1
                               or spaced["clipped"]):
        detail = ", ".join(spaced["clipped"]) or f"{spaced['scrollWidth']} px wide"
        yield Problem(f"with WCAG 1.4.12 spacing: {detail}")


@rule("privacy-request", "privacy", scope="page",
      fix="Serve every file from the site itself; no CDN, font or analytics.")
def check_requests(facts: PageFacts) -> Iterator[Problem]:
    """The page requested something from another origin."""
    for url in (facts.privacy or {}).get("foreign", []):
        yield Problem(f"request to another origin: {url}")


def _writes(privacy: Fact) -> list[str]:
    writes = list(privacy.get("writes", []))
    if privacy.get("local") and not any(w.startswith("localStorage") for w in writes):
        writes.append(f"localStorage holds {privacy['local']} item(s)")
    if privacy.get("session") and not any(w.startswith("sessionStorage") for w in writes):
        writes.append(f"sessionStorage holds {privacy['session']} item(s)")
    return writes


@rule("privacy-cookie", "privacy", scope="page",
      fix="Remove whatever sets the cookie; the guide needs none.")
def check_cookies(facts: PageFacts) -> Iterator[Problem]:
    """The page set a cookie."""
    privacy = facts.privacy or {}
    writes = _writes(privacy)
    written = {w.split("=", 1)[1] for w in writes if w.startswith("document.cookie=")}
    for name in privacy.get("cookies", []):
        if name not in written:  # a cookie set by a script is reported with its write
            yield Problem(f"cookie set: {name}")
    for write in writes:
        if write.startswith("document.cookie"):
            yield Problem(f"script wrote a cookie: {write}")


@rule("privacy-storage", "privacy", scope="page",
      fix="Remove the script that writes to storage (Sphinx search does this).")
def check_storage(facts: PageFacts) -> Iterator[Problem]:
    """The page wrote to localStorage or sessionStorage."""
    for write in _writes(facts.privacy or {}):
        if not write.startswith("document.cookie"):
            yield Problem(f"storage written: {write}")


@rule("privacy-referrer", "privacy", scope="page",
      fix='Add <meta name="referrer" content="no-referrer"> first in <head>.')
def check_referrer(facts: PageFacts) -> Iterator[Problem]:
    """The page lacks <meta name="referrer" content="no-referrer">."""
    if facts.privacy is not None and facts.privacy.get("referrer") != "no-referrer":
        yield Problem(f"referrer meta is {facts.privacy.get('referrer')!r}, "
                      "'no-referrer' expected")


@rule("privacy-csp", "privacy", scope="page",
      fix="Use the quick-exit theme's Content-Security-Policy meta, first in <head>.")
def check_csp(facts: PageFacts) -> Iterator[Problem]:
    """The page lacks a Content Security Policy limited to its own origin."""
    if facts.privacy is None:
        return
    csp = str(facts.privacy.get("csp", ""))
    if "default-src 'self'" not in csp or any(t in csp for t in ("*", "http:", "https:")):
        yield Problem(f"Content-Security-Policy meta is {csp!r}")


@rule("a11y-axe-version", "a11y", scope="page",
      fix="Install the locked axe-selenium-python (requirements.txt).")
def check_axe_version(facts: PageFacts) -> Iterator[Problem]:
    """The axe-core version is not the expected 4.x."""
    if facts.axe is not None and "error" not in facts.axe and not str(
            facts.axe.get("version", "")).startswith("4."):
        yield Problem(f"axe-core {facts.axe.get('version')} ran; 4.x expected")


@rule("a11y-axe-rules", "a11y", scope="page",
      fix="Check axe-core loads into the page (its CSP and scripts).")
def check_axe_rules(facts: PageFacts) -> Iterator[Problem]:
    """An axe-core rule expected for the WCAG tags did not run."""
    if facts.axe is None:
        return
    if "error" in facts.axe:
        yield Problem(f"axe-core failed to run: {facts.axe['error']}")
        return
    missing = sorted(set(facts.axe_expected) - set(facts.axe.get("ran", [])))
    if missing:
        yield Problem(f"expected axe rules did not run: {', '.join(missing)}")


def _axe_items(facts: PageFacts, kind: str, prefix: str) -> Iterator[Problem]:
    for item in (facts.axe or {}).get(kind, []):
        for node in item.get("nodes", [])[:5]:
            target = (node.get("target") or [""])[0]
            yield Problem(f"{prefix}{item['help']} ({item['id']})",
                          element=target if isinstance(target, str) else "",
                          snippet=str(node.get("html", ""))[:200], text=str(node.get("text", "")),
                          suffix=str(item["id"]), impact=str(item.get("impact") or ""),
                          fix=f"{str(node.get('failureSummary', '')).strip()} "
                              f"See {item.get('helpUrl', '')}")


@rule("axe", "a11y", scope="page")
def check_axe(facts: PageFacts) -> Iterator[Problem]:
    """An axe-core WCAG 2.0/2.1/2.2 A or AA rule failed (the rule id follows 'axe-').

    Each failed axe-core rule is reported as ``axe-<id>`` (for example ``axe-color-contrast``),
    with axe-core's own summary of how to fix it and a link to its documentation."""
    yield from _axe_items(facts, "violations", "")


@rule("axe-review", "a11y", "warning", scope="page")
def check_axe_review(facts: PageFacts) -> Iterator[Problem]:
    """axe-core could not decide: a person must check (needs review); it never blocks."""
    yield from _axe_items(facts, "incomplete", "needs review: ")


@rule("a11y-axe-ran", "a11y", "info", scope="site")
def axe_ran(version: str, tags: list[str], expected: list[str], pages: int) -> Iterator[Problem]:
    """Which axe-core version and rules ran (information)."""
    yield Problem(f"axe-core {version} with tags {', '.join(tags)}: {len(expected)} rules "
                  f"expected and checked on each of {pages} pages: {', '.join(expected)}")
