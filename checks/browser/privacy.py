"""Privacy's rules: what a page asks of other origins, what it stores, the policies in its
``<head>`` and the headers it is served with. Each reads
:class:`~checks.browser.rules.PageFacts`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.browser.rules import Fact, PageFacts, Problem
from checks.core import rule

#: The policies that must come first in <head>, before anything they govern.
HEAD_FIRST = ("charset", "csp", "referrer")


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


def self_only(csp: str) -> bool:
    """Whether a Content Security Policy allows only the site itself by default."""
    return "default-src 'self'" in csp and not any(t in csp for t in ("*", "http:", "https:"))


@rule("privacy-csp", "privacy", scope="page",
      fix="Use the quick-exit theme's Content-Security-Policy meta, first in <head>.")
def check_csp(facts: PageFacts) -> Iterator[Problem]:
    """The page lacks a Content Security Policy limited to its own origin."""
    if facts.privacy is None:
        return
    csp = str(facts.privacy.get("csp", ""))
    if not self_only(csp):
        yield Problem(f"Content-Security-Policy meta is {csp!r}")


@rule("privacy-head-order", "privacy", scope="page",
      fix="Put <meta charset>, then the Content-Security-Policy and referrer metas, first in "
          "<head> (quick_exit_theme/layout.html).")
def check_head_order(facts: PageFacts) -> Iterator[Problem]:
    """The charset, Content-Security-Policy and referrer metas are not first in <head>.

    A policy governs only what comes after it: a stylesheet before the CSP meta loads
    unchecked, and the charset must be known before any text."""
    if facts.privacy is None:
        return
    head = list(facts.document.get("head", []))
    for kind in HEAD_FIRST:
        if kind not in head:
            continue
        place = head.index(kind)
        limit = 0 if kind == "charset" else len(HEAD_FIRST) - 1
        if place > limit:
            others = [h for h in head[:place] if h not in HEAD_FIRST]
            before = others[0] if others else head[place - 1]
            yield Problem(f"the {kind} meta comes after {before[:60]!r} in <head>")


#: What every page must be served with when the site has a headers file.
SERVED = {
    "referrer-policy": lambda v: v.strip().lower() == "no-referrer",
    "x-content-type-options": lambda v: v.strip().lower() == "nosniff",
    "content-security-policy": self_only,
}


@rule("privacy-headers", "privacy", scope="page",
      fix="Set them for every path in _headers (quick_exit_theme/headers.txt).")
def check_headers(facts: PageFacts) -> Iterator[Problem]:
    """As served with the site's _headers, the page lacks the Referrer-Policy, CSP or
    X-Content-Type-Options header."""
    served = (facts.privacy or {}).get("served")
    if served is None:
        return
    for name, good in SERVED.items():
        value = served.get(name)
        if value is None:
            yield Problem(f"served without a {name} header")
        elif not good(value):
            yield Problem(f"served with {name}: {value[:120]!r}")


@rule("privacy-framing", "privacy", scope="page",
      fix="Serve pages with X-Frame-Options: DENY and frame-ancestors 'none' (_headers).")
def check_framing(facts: PageFacts) -> Iterator[Problem]:
    """As served, another site can show the page inside a frame (clickjacking)."""
    if facts.framed:
        yield Problem("a page of another origin showed this page in a frame")


@rule("privacy-headers-file", "privacy", "info", scope="site")
def headers_file(site: str) -> Iterator[Problem]:
    """The site has no _headers file, so its headers and framing were not checked as served."""
    yield Problem(f"{site} has no _headers file: served headers and framing not checked")
