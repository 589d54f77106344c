"""What the visits found, as :class:`~checks.browser.rules.PageFacts` for the rules.

A page's visit (:func:`checks.browser.visit.visit`) gives its measurements by emulation; the
theme's shared tasks (:func:`theme_facts`) give how the quick exit behaves; the two meet here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checks.browser import theme
from checks.browser.rules import PageFacts
from checks.browser.serve import Server
from checks.browser.visit import DESKTOP, EMULATIONS, NARROW
from checks.core import Options
from checks.sources import page_language_and_doc

Fact = dict[str, Any]


def theme_facts(tabs: theme.Tabs, server: Server, url: str) -> tuple[Fact, list[str]]:
    """What the quick exit of the page at ``url`` does in tabs of the shared tasks: leave
    without JavaScript, and where Back goes after three pages. Also the pages it read."""
    nojs = theme.without_javascript(tabs, url, server.exit_url)
    history = theme.history(tabs.browser, server, url)
    return {"nojs": nojs, "history": history}, list(history.get("read", []))


def page_facts(site: Path, page: Path, options: Options, raw: Fact,
               axe: tuple[str, list[str]] | None, shared: Fact | None,
               framed: bool | None) -> PageFacts:
    """A page's facts from its visit (``raw``) and the theme's and headers' shared results."""
    desktop = raw[DESKTOP.name]
    document = desktop["document"]
    facts = PageFacts(folder=page_language_and_doc(site, page)[0], document=document,
                      expects_exit=bool(options.config.quick_exit_url) or document["theme"])
    if "privacy" in options.families:
        facts.privacy = {**desktop["privacy"], "foreign": raw["requests"],
                         "cookies": raw["cookies"], "served": raw.get("served")}
        facts.framed = framed
    if "a11y" not in options.families:
        return facts
    facts.axe = desktop["axe"]
    facts.axe_expected = axe[1] if axe else []
    order = list(desktop.get("order") or [])
    order = order[: order.index("exit") + 1] if "exit" in order else order
    facts.order = order if document["exit"] is not None else None
    facts.focus = desktop["focusVisible"]
    facts.languages = desktop["languages"]
    for emulation in EMULATIONS:
        seen = raw.get(emulation.name, {})
        facts.obscured[emulation.name] = (seen.get("obscured-forward", [])
                                          + seen.get("obscured-backward", []))
        facts.bars[emulation.name] = seen.get("bar") or {}
        if emulation is not DESKTOP:
            facts.reflow[emulation.name] = seen["reflow"]
            facts.headings[emulation.name] = seen["headings"]
        if "hint" in seen:
            facts.hints[emulation.name] = seen["hint"]
    facts.exit_view = raw[NARROW.name]["exitVisible"]
    facts.spacing = raw[NARROW.name]["spacing"]
    if shared:
        facts.exits = dict(shared.get("exits", {}))
        facts.nojs_exit, facts.history = shared.get("nojs"), shared.get("history")
        facts.forced = shared.get("forced")
    return facts
