"""From one page's facts to findings: every registered page rule of the families asked for,
each problem located in the theme's templates or the page's sources, and a screenshot of each
element axe-core failed, outlined so the reviewer sees it.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from checks.browser.axe import AXE_RULES
from checks.browser.cdp import Page
from checks.browser.rules import PageFacts, Problem
from checks.browser.visit import DESKTOP, Emulation, emulate
from checks.core import Finding, Options, Rule, rules
from checks.sources import locate, page_language_and_doc

_OUTLINE = """((selector) => {
  const e = document.querySelector(selector);
  if (!e) return null;
  e.scrollIntoView({block: 'center'});
  e.style.setProperty('outline', '4px solid #d4006e', 'important');
  e.style.setProperty('outline-offset', '2px', 'important');
  const r = e.getBoundingClientRect();
  return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};
})"""


def screenshot(tab: Page, selector: str) -> bytes | None:
    """A PNG of the element with a margin around it, outlined so the reviewer sees it."""
    rect = tab.call(_OUTLINE, selector)
    if not rect or rect["w"] <= 0 or rect["h"] <= 0:
        return None
    pad = 24
    clip = {"x": max(rect["x"] - pad, 0), "y": max(rect["y"] - pad, 0),
            "width": min(rect["w"] + 2 * pad, 1280), "height": min(rect["h"] + 2 * pad, 600),
            "scale": 1}
    data = tab.send("Page.captureScreenshot", {"format": "png", "clip": clip,
                                               "captureBeyondViewport": True})
    return base64.b64decode(data["data"])


def _wants_shot(registered: Rule, problem: Problem) -> bool:
    return bool(problem.suffix and problem.element and registered.severity == "error")


def _problems(options: Options, facts: PageFacts,
              only: frozenset[str] | None = None) -> list[tuple[Rule, str, Problem]]:
    return [(registered, family, problem)
            for family in sorted(options.families & {"a11y", "privacy"})
            for registered in rules(family, "page")
            if only is None or registered.id in only
            for problem in registered.func(facts)]


def screenshots(options: Options, tab: Page, facts: PageFacts,
                current: Emulation) -> dict[str, str]:
    """Screenshots of the elements axe-core failed, taken while ``tab`` shows the page (in
    the emulation ``current``); by selector."""
    wanted = [p.element for r, _, p in _problems(options, facts, AXE_RULES)
              if _wants_shot(r, p)]
    return _screenshots(options, tab, wanted, current) if wanted else {}


def findings_of(options: Options, site: Path, page: Path, facts: PageFacts,
                shots: dict[str, str] | None = None) -> list[Finding]:
    """The findings of every page rule of the families asked for (``shots``: screenshots
    taken during the visit, by selector)."""
    folder, _ = page_language_and_doc(site, page)
    lang = facts.document.get("lang") or folder
    out: list[Finding] = []
    for registered, family, problem in _problems(options, facts):
        rule_id = f"{registered.id}-{problem.suffix}" if problem.suffix else registered.id
        source = ""
        if problem.element or problem.text:
            source = problem.part or str(locate(site, page, problem.text))
        shot = (shots or {}).get(problem.element, "") if _wants_shot(registered, problem) else ""
        out.append(Finding(
            rule=rule_id, severity=registered.severity, path=str(page), line=1,
            message=problem.message, lang=lang, check=family, impact=problem.impact,
            element=problem.element, snippet=problem.snippet, fix=problem.fix or registered.fix,
            screenshot=shot, source=source))
    return out


def _screenshots(options: Options, tab: Page, selectors: list[str],
                 current: Emulation) -> dict[str, str]:
    """Screenshots at the desktop size, saved by content under the report's ``shots``; the
    tab is given back its screen afterwards."""
    folder = options.config.build / "reports" / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    if current is not DESKTOP:
        emulate(tab, DESKTOP)
    out: dict[str, str] = {}
    try:
        for selector in dict.fromkeys(selectors):
            png = screenshot(tab, selector)
            if png:
                name = hashlib.sha256(png).hexdigest()[:16] + ".png"
                (folder / name).write_bytes(png)
                out[selector] = f"shots/{name}"
    finally:
        if current is not DESKTOP:
            emulate(tab, current)
    return out
