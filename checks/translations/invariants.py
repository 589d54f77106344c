"""Plain-text invariants of a message: numbers, web and e-mail addresses, placeholders, HTML.

Each finder returns ``(key, shown)`` pairs: ``key`` is what must match between the source and
the translation, ``shown`` is the text as written, for messages. :func:`diff` compares two such
lists as multisets, so a translation may reorder them freely.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

Item = tuple[str, str]

#: Digit groups joined by one space, no-break space, thin space or thousands separator.
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f\u2009.,\u066b\u066c]\d+)*")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>`\"'\]\)]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLACEHOLDER = re.compile(
    r"%(?:\([^)\s]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
_HTML = re.compile(
    # Any tag, known or not (a browser parses <title>, <x-y> and <svg> alike); role and link
    # targets are taken out first.
    r"<\s*/?\s*[a-z][\w-]*(?::[\w-]+)?(?=[\s/>])[^<>]*>?|<!--|<!\[CDATA\["
    r"|\b(?:javascript|vbscript|livescript)\s*:|\bdata\s*:\s*text/html|\bon[a-z]{3,}\s*=",
    re.IGNORECASE,
)
#: The ``<target>`` of a role or link, which is not HTML.
_RST_TARGET = re.compile(r"<[^<>`]*>(?=`)")
_SPACE = re.compile(r"\s+")


def _trim(url: str) -> str:
    return url.rstrip(".,;:!?")


def normal_number(text: str) -> str:
    """A number's digits only, in Western digits (``٠٨٠٠ ١١١١`` → ``08001111``)."""
    return "".join(str(unicodedata.decimal(c)) for c in text if c.isdecimal())


def urls(text: str) -> list[Item]:
    """Every web address, exactly as written."""
    return [(u, u) for u in (_trim(m.group()) for m in _URL.finditer(text))]


def emails(text: str) -> list[Item]:
    """Every e-mail address (compared without regard to case)."""
    return [(m.group().casefold(), m.group()) for m in _EMAIL.finditer(text)]


def placeholders(text: str) -> list[Item]:
    """Every ``%(name)s`` or ``%s`` placeholder, ``%%`` excepted."""
    return [(m.group(), m.group()) for m in _PLACEHOLDER.finditer(text) if m.group() != "%%"]


def numbers(text: str) -> list[Item]:
    """Every number outside addresses and placeholders, keyed by its Western digits."""
    for pattern in (_URL, _EMAIL, _PLACEHOLDER):
        text = pattern.sub(" ", text)
    return [(normal_number(m.group()), m.group()) for m in _NUMBER.finditer(text)]


def html(text: str) -> list[Item]:
    """Raw HTML tags, script URLs and event handlers (role and link targets are not HTML)."""
    text = _RST_TARGET.sub(lambda m: f" {m.group()[1:-1]} ", text)  # keep `javascript:` visible
    return [(_html_key(m.group()), _SPACE.sub(" ", m.group())[:60]) for m in _HTML.finditer(text)]


def _html_key(found: str) -> str:
    tag = re.match(r"<\s*/?\s*(\w+)", found)
    return "<" + tag.group(1).casefold() if tag else _SPACE.sub("", found.casefold())


def diff(source: Iterable[Item], translation: Iterable[Item]) -> tuple[list[Item], list[Item]]:
    """Items of the source missing from the translation, and items the translation adds."""
    src, dst = list(source), list(translation)
    if sorted(k for k, _ in src) == sorted(k for k, _ in dst):  # the usual case, made cheap
        return [], []
    have, want = Counter(k for k, _ in dst), Counter(k for k, _ in src)
    missing_keys, extra_keys = want - have, have - want
    return _pick(src, missing_keys), _pick(dst, extra_keys)


def _pick(items: list[Item], keys: Counter[str]) -> list[Item]:
    left = Counter(keys)
    out: list[Item] = []
    for key, shown in items:
        if left[key] > 0:
            left[key] -= 1
            out.append((key, shown))
    return out


def quote(text: str) -> str:
    """Text quoted for a message, on one line: `999`, or `` :tel:`999` `` if it has backquotes."""
    text = _SPACE.sub(" ", text).strip()
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def describe(noun: str, missing: list[Item], extra: list[Item]) -> str:
    """A message naming both sides, e.g. "number `999` in the source is `998` in the
    translation"."""
    if len(missing) == 1 and len(extra) == 1:
        return (f"{noun} {quote(missing[0][1])} in the source is {quote(extra[0][1])} "
                "in the translation")
    parts = [f"{noun} {quote(shown)} is missing from the translation" for _, shown in missing]
    parts += [f"{noun} {quote(shown)} in the translation is not in the source"
              for _, shown in extra]
    return "; ".join(parts)
