"""axe-core's rules, as findings: its WCAG rules block, its best practices warn.

axe-core runs with the WCAG 2.0, 2.1 and 2.2 A and AA tags and ``best-practice``. A failed
rule with a WCAG tag is an ``axe-<id>`` error; a rule that is only a best practice is an
``axe-practice-<id>`` warning, unless :data:`PROMOTED` names it, when it blocks as
``axe-<id>`` too.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.browser.chrome import WCAG_TAGS
from checks.browser.rules import PageFacts, Problem
from checks.core import rule

#: Every tag axe-core runs with.
TAGS = [*WCAG_TAGS, "best-practice"]

#: Best practices that block like WCAG failures, each with the reason.
PROMOTED = {
    # A frightened reader using a screen reader finds the quick exit and the draft notice by
    # landmark; anything outside one is easy to miss (issue "the page works for every reader").
    "region": "content outside landmarks is missed by landmark navigation",
    "landmark-one-main": "the skip link and screen readers need exactly one main",
    "page-has-heading-one": "every page of the guide starts with its title as h1",
}

#: The rules that read axe-core's results.
AXE_RULES = frozenset({"axe", "axe-review", "axe-practice", "a11y-axe-version",
                       "a11y-axe-rules"})


def _practice_only(item: dict[str, object]) -> bool:
    tags = set(item.get("tags", []) or [])  # type: ignore[call-overload]
    return "best-practice" in tags and not tags & set(WCAG_TAGS)


def _items(facts: PageFacts, kind: str, prefix: str, practice: bool | None) -> Iterator[Problem]:
    for item in (facts.axe or {}).get(kind, []):
        if practice is not None and (_practice_only(item) and item["id"] not in PROMOTED) \
                != practice:
            continue
        for node in item.get("nodes", [])[:5]:
            target = (node.get("target") or [""])[0]
            yield Problem(f"{prefix}{item['help']} ({item['id']})",
                          element=target if isinstance(target, str) else "",
                          snippet=str(node.get("html", ""))[:200], text=str(node.get("text", "")),
                          suffix=str(item["id"]), impact=str(item.get("impact") or ""),
                          fix=f"{str(node.get('failureSummary', '')).strip()} "
                              f"See {item.get('helpUrl', '')}", part=str(node.get("part", "")))


@rule("axe", "a11y", scope="page")
def check_axe(facts: PageFacts) -> Iterator[Problem]:
    """An axe-core WCAG 2.0/2.1/2.2 A or AA rule failed (the rule id follows 'axe-').

    Each failed axe-core rule is reported as ``axe-<id>`` (for example ``axe-color-contrast``),
    with axe-core's own summary of how to fix it and a link to its documentation. Best
    practices promoted to block are reported the same way."""
    yield from _items(facts, "violations", "", practice=False)


@rule("axe-practice", "a11y", "warning", scope="page")
def check_axe_practice(facts: PageFacts) -> Iterator[Problem]:
    """An axe-core best practice (not a WCAG rule) failed; it warns unless it is promoted."""
    yield from _items(facts, "violations", "best practice: ", practice=True)


@rule("axe-review", "a11y", "warning", scope="page")
def check_axe_review(facts: PageFacts) -> Iterator[Problem]:
    """axe-core could not decide: a person must check (needs review); it never blocks."""
    yield from _items(facts, "incomplete", "needs review: ", practice=None)


#: The axe-core this project was checked with: the one bundled by the locked
#: axe-selenium-python (requirements.txt). A lock upgrade that brings another axe-core fails
#: a11y-axe-version until someone reviews the new version's rules and moves this on.
AXE_CORE = "4.10.2"


@rule("a11y-axe-version", "a11y", scope="page",
      fix=f"Install the locked toolchain (bash .ci/bootstrap), or review axe-core's new rules "
          f"and change AXE_CORE (now {AXE_CORE}) in checks/browser/axe.py.")
def check_axe_version(facts: PageFacts) -> Iterator[Problem]:
    """The axe-core that ran is not the exact version the project pins."""
    if facts.axe is not None and "error" not in facts.axe and str(
            facts.axe.get("version", "")) != AXE_CORE:
        yield Problem(f"axe-core {facts.axe.get('version')} ran; {AXE_CORE} is pinned")


@rule("a11y-axe-rules", "a11y", scope="page",
      fix="Check axe-core loads into the page (its CSP and scripts).")
def check_axe_rules(facts: PageFacts) -> Iterator[Problem]:
    """An axe-core rule expected for the WCAG and best-practice tags did not run."""
    if facts.axe is None:
        return
    if "error" in facts.axe:
        yield Problem(f"axe-core failed to run: {facts.axe['error']}")
        return
    missing = sorted(set(facts.axe_expected) - set(facts.axe.get("ran", [])))
    if missing:
        yield Problem(f"expected axe rules did not run: {', '.join(missing)}")


@rule("a11y-axe-ran", "a11y", "info", scope="site")
def axe_ran(version: str, tags: list[str], expected: list[str], pages: int) -> Iterator[Problem]:
    """Which axe-core version and rules ran (information)."""
    promoted = ", ".join(sorted(PROMOTED))
    yield Problem(f"axe-core {version} with tags {', '.join(tags)} (best practices warn; "
                  f"promoted to block: {promoted}): {len(expected)} rules expected and checked "
                  f"on each of {pages} pages: {', '.join(expected)}")
