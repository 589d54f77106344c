"""Untrusted text made inert before it lands in a report or on a terminal.

Findings quote ``.po`` files and built pages, which a hostile translator may write. Control
characters could drive a terminal or make XML invalid, bidi controls could make a line read
differently from what it holds (Trojan Source), and absolute build paths leak the layout of the
machine that ran the checks. Every reporter reads findings only after :func:`inert`.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path, PurePosixPath
from typing import Any

from checks.core import Finding

#: C0 but tab and newline, DEL, C1, and the non-characters XML 1.0 forbids: dropped.
_DROP = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
#: Halves of a surrogate pair alone cannot be written as UTF-8 nor as XML.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Bidi embeddings, overrides and isolates: shown as a visible escape, never obeyed.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: An absolute path inside prose: starts with "/" after a space, a quote or a bracket.
_ABSOLUTE = re.compile(r"(?<![\w.~/:-])/[^\s'\"`<>()\[\]{},;|]+")
#: Finding fields that name a file, made relative as a whole.
PATH_FIELDS = frozenset({"path", "source", "screenshot"})
#: How many trailing parts an absolute path outside every root keeps.
KEEP = 3


def clean(text: str) -> str:
    """``text`` without control characters, with bidi controls shown as ``\\u202e`` escapes.

    Tab and newline stay. The result holds no character that XML 1.0 forbids.
    """
    text = _DROP.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def terminal(text: str) -> str:
    """``text`` safe to print on a terminal, on one line: no escape sequence can act.

    A newline is shown as ``\\n``, so that a finding stays one line of output and a message
    cannot forge a line of its own.
    """
    return clean(text).replace("\n", "\\n")


def _roots(roots: Sequence[Path]) -> list[PurePosixPath]:
    out: list[PurePosixPath] = []
    for root in roots:
        for candidate in (root, root.resolve()):
            pure = PurePosixPath(candidate.as_posix())
            if pure.is_absolute() and pure not in out:
                out.append(pure)
    return out


def relative_path(path: str, roots: Sequence[Path], keep: int = KEEP) -> str:
    """``path`` relative to the first of ``roots`` that holds it.

    A relative path is returned as it is. An absolute path outside every root keeps only its
    last parts (at most ``keep``, never its first folder) after ``…/``, so that no output names
    a build folder such as ``/tmp/...`` or ``/home/...``.
    """
    pure = PurePosixPath(path)
    if not pure.is_absolute():
        return path
    for root in _roots(roots):
        if pure.is_relative_to(root):
            return pure.relative_to(root).as_posix()
    parts = pure.parts[1:]
    tail = parts[max(1, len(parts) - keep):]
    return "…/" + "/".join(tail) if tail else "…"


def relative_text(text: str, roots: Sequence[Path]) -> str:
    """Prose with each absolute path under ``roots`` or the temporary folder made relative.

    Other absolute paths (``/static/logo.png`` in an HTML snippet) are left alone: they are
    addresses, not paths on the machine that ran the checks.
    """
    known = [*_roots(roots), *_roots([Path(tempfile.gettempdir())])]

    def shorten(match: re.Match[str]) -> str:
        found = PurePosixPath(match.group())
        if any(found.is_relative_to(root) for root in known):
            return relative_path(match.group(), roots)
        return match.group()

    return _ABSOLUTE.sub(shorten, text) if "/" in text else text


def inert(finding: Finding, roots: Sequence[Path]) -> Finding:
    """The finding with every text field cleaned and every path made relative to ``roots``."""
    changes: dict[str, Any] = {}
    for spec in fields(finding):
        value = getattr(finding, spec.name)
        if not isinstance(value, str) or not value:
            continue
        if spec.name in PATH_FIELDS:
            value = relative_path(value, roots)
        changes[spec.name] = clean(relative_text(value, roots))
    return replace(finding, **changes)


def inert_all(findings: Sequence[Finding], roots: Sequence[Path]) -> list[Finding]:
    """Every finding made inert (see :func:`inert`)."""
    return [inert(f, roots) for f in findings]
