"""The site's ``_headers`` file (Netlify and Cloudflare Pages format), read as a host would.

A block starts with a path pattern at the start of a line (``/*``, ``/*/_static/*``, ``/en/``);
its indented ``Name: value`` lines are the headers of every path it matches. Every matching
block applies; a header named in several of them keeps every value, joined by commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class HeaderRules:
    """The blocks of one ``_headers`` file, in order."""

    blocks: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    source: bytes = field(default=b"", compare=False)

    def for_path(self, path: str) -> list[tuple[str, str]]:
        """The headers a host sends for a URL path, one per name."""
        merged: dict[str, tuple[str, str]] = {}
        for pattern, headers in self.blocks:
            if not _matches(pattern, path):
                continue
            for name, value in headers:
                key = name.lower()
                if key in merged:
                    merged[key] = (merged[key][0], f"{merged[key][1]}, {value}")
                else:
                    merged[key] = (name, value)
        return list(merged.values())


def _matches(pattern: str, path: str) -> bool:
    """A ``*`` matches anything (slashes too), ``:name`` one path segment."""
    regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                    for part in re.split(r"(\*|:[A-Za-z_]+)", pattern))
    return re.fullmatch(regex, path) is not None


def parse_headers(path: Path) -> HeaderRules | None:
    """The rules of a ``_headers`` file, or None when the site has none."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    blocks: list[tuple[str, list[tuple[str, str]]]] = []
    for line in raw.decode("utf-8", "replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            blocks.append((line.strip(), []))
        elif blocks and ":" in line:
            name, value = line.strip().split(":", 1)
            blocks[-1][1].append((name.strip(), value.strip()))
    return HeaderRules(tuple((p, tuple(h)) for p, h in blocks), raw)
