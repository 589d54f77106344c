"""The quick exit's rules: present, first, in view, working every way, honest about history,
and still a button in forced colours. Each reads :class:`~checks.browser.rules.PageFacts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.browser.rules import PageFacts, Problem, where
from checks.core import rule

EXIT_TEMPLATE = "quick_exit_theme/components/quick-exit/quick-exit.html"


def _has_exit(facts: PageFacts) -> bool:
    return facts.document.get("exit") is not None


def _exit_problem(message: str) -> Problem:
    return Problem(message, "[data-quick-exit]", part=EXIT_TEMPLATE)


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
            yield _exit_problem(f"quick exit rel is {facts.document['exit'].get('rel')!r}")


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
    if not _has_exit(facts) or facts.exit_view is None:
        return
    for place in ("top", "bottom"):
        seen = facts.exit_view.get(place) or {}
        if not (seen.get("inside") and seen.get("onTop")):
            yield _exit_problem(f"quick exit not visible at 320 px at the {place}")


@rule("a11y-quick-exit-hint-touch", "a11y", scope="page",
      fix="Hide .quick-exit-hint under @media (pointer: coarse) "
          "(components/quick-exit/quick-exit.css).")
def check_exit_hint_touch(facts: PageFacts) -> Iterator[Problem]:
    """On a touch screen the quick exit's hint names keys the screen does not have."""
    for emulation, shown in facts.hints.items():
        if shown:
            yield Problem(f"the Esc and Shift hint shows on a touch screen {where(emulation)}",
                          ".quick-exit-hint", part=EXIT_TEMPLATE)


@rule("a11y-quick-exit-broken", "a11y", scope="page",
      fix="Check that quick-exit.js loads and handles the key (components/quick-exit/).")
def check_exit_broken(facts: PageFacts) -> Iterator[Problem]:
    """The quick exit does not leave by click, Enter, Escape or Shift x3."""
    for how, left in facts.exits.items():
        if not left:
            yield _exit_problem(f"quick exit by {how} did not leave the page")


@rule("a11y-quick-exit-nojs", "a11y", scope="page",
      fix="The quick exit must be a real <a href> to the destination.")
def check_exit_nojs(facts: PageFacts) -> Iterator[Problem]:
    """The quick exit does not work as a plain link without JavaScript."""
    if facts.nojs_exit is False:
        yield _exit_problem("without JavaScript the quick exit link did not leave")


@rule("a11y-quick-exit-history", "a11y", scope="page",
      fix="Leave with location.replace, and move between the site's pages with "
          "location.replace too (components/quick-exit/quick-exit.js).")
def check_exit_history(facts: PageFacts) -> Iterator[Problem]:
    """After reading three pages and leaving, Back or the tab's history reaches the site."""
    seen = facts.history
    if not seen or not seen.get("left"):
        return
    read = len(seen.get("read", []))
    if seen.get("back_is_site"):
        yield _exit_problem(f"after reading {read} pages and leaving, Back shows "
                            f"{_path(seen['back'])}")
    elif seen.get("kept"):
        kept = ", ".join(_path(u) for u in seen["kept"])
        yield _exit_problem(f"after reading {read} pages and leaving, the tab's history "
                            f"still holds {kept}")


def _path(url: str) -> str:
    return re.sub(r"^[a-z]+://[^/]+", "", url) or url


_RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def luminance(colour: str) -> float | None:
    """WCAG relative luminance of a CSS rgb() colour, or None if it is not one."""
    match = _RGB.fullmatch(colour.strip())
    if not match:
        return None
    channels = []
    for value in match.groups()[:3]:
        c = float(value) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(one: str, other: str) -> float:
    """WCAG contrast ratio of two colours (1 when either is not an rgb() colour)."""
    a, b = luminance(one), luminance(other)
    if a is None or b is None:
        return 1.0
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _transparent(colour: str) -> bool:
    match = _RGB.fullmatch(colour.strip())
    return bool(match and match.group(4) is not None and float(match.group(4)) == 0)


@rule("a11y-quick-exit-forced-colors", "a11y", scope="page",
      fix="Under @media (forced-colors: active) give the link a ButtonText border "
          "(components/quick-exit/quick-exit.css).")
def check_exit_forced_colors(facts: PageFacts) -> Iterator[Problem]:
    """In forced colours the quick exit is no longer a clear button, or not the boldest
    control in its bar."""
    seen = facts.forced
    if not seen or not seen.get("active"):
        return
    link, canvas = seen["link"], seen["canvas"]
    back = canvas if _transparent(link["background"]) else link["background"]
    sides = [s for s in link["border"] if s[0] >= 2 and s[1] not in ("none", "hidden")
             and contrast(s[2], canvas) >= 3]
    if len(sides) < 4:
        yield _exit_problem("in forced colours the quick exit has no visible button border")
    if contrast(link["color"], back) < 4.5:
        yield _exit_problem(f"in forced colours the quick exit's text has contrast "
                            f"{contrast(link['color'], back):.1f}:1")
    widest = max((min(s[0] for s in other["border"]) for other in seen.get("others", [])),
                 default=0.0)
    if sides and min(s[0] for s in link["border"]) < widest:
        yield _exit_problem("in forced colours another control in the bar has a bolder border")
