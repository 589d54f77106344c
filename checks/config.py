"""The guide's configuration, read from ``[tool.guide]`` in ``pyproject.toml``.

This is the only place that knows which languages exist. Sphinx (``docs/conf.py``), nox and
every check read it through :func:`load`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parent.parent

#: The Content Security Policy of every page: only the site itself. Hosts that set headers also
#: get ``frame-ancestors``, which a ``<meta>`` tag cannot carry.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Language:
    """One language of the guide."""

    code: str
    published: bool = True
    reviewed: bool = False
    min_complete: float = 0.0

    @property
    def locale(self) -> Locale:
        """Babel's CLDR data for this language."""
        return Locale.parse(self.code)

    @property
    def native_name(self) -> str:
        """The language's name in itself, capitalised as in a menu ("Polski")."""
        name = self.locale.get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr`` from CLDR."""
        return "rtl" if self.locale.text_direction == "rtl" else "ltr"


@dataclass(frozen=True, eq=False)
class Config:
    """Everything the build and the checks need to know about the guide."""

    root: Path
    source_language: str
    project: str
    quick_exit_url: str
    languages: tuple[Language, ...]
    max_grade: dict[str, float] = field(default_factory=dict)
    max_ratio: float = 1.5
    readability_exceptions: tuple[dict[str, str], ...] = ()
    #: Neutral measure compared with English, per language ("default" for the rest).
    readability_compare: dict[str, str] = field(default_factory=lambda: {"default": "lix"})
    #: Minimum scores for formulas where higher is easier (Gulpease).
    min_score: dict[str, float] = field(default_factory=dict)
    block_incomplete: frozenset[str] = frozenset()

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def locales(self) -> Path:
        return self.root / "locales"

    @property
    def build(self) -> Path:
        return self.root / "_build"

    def language(self, code: str) -> Language:
        """The language with this code, or :class:`ConfigError`."""
        for lang in self.languages:
            if lang.code == code:
                return lang
        known = ", ".join(lang.code for lang in self.languages)
        raise ConfigError(f"unknown language {code!r} (known: {known})")

    @property
    def translated(self) -> tuple[Language, ...]:
        """Every language but the source."""
        return tuple(lang for lang in self.languages if lang.code != self.source_language)


def _language(raw: dict[str, object], where: str) -> Language:
    code = raw.get("code")
    if not isinstance(code, str) or not code:
        raise ConfigError(f"{where}: every [[tool.guide.languages]] needs a code")
    try:
        Locale.parse(code)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{where}: language {code!r} is not known to Babel: {exc}") from None
    min_complete = raw.get("min_complete", 0.0)
    if not isinstance(min_complete, int | float) or not 0 <= min_complete <= 1:
        raise ConfigError(f"{where}: min_complete of {code!r} must be between 0 and 1")
    return Language(
        code=code,
        published=bool(raw.get("published", True)),
        reviewed=bool(raw.get("reviewed", False)),
        min_complete=float(min_complete),
    )


def _compare(raw: object) -> dict[str, str]:
    table = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {"default": str(raw)}
    table.setdefault("default", "lix")
    return table


def parse(path: Path) -> Config:
    """Read the configuration from a ``pyproject.toml`` file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    guide = data.get("tool", {}).get("guide")
    if not isinstance(guide, dict):
        raise ConfigError(f"{path}: no [tool.guide] table")
    langs = tuple(_language(raw, str(path)) for raw in guide.get("languages", []))
    source = guide.get("source_language", "en")
    if source not in {lang.code for lang in langs}:
        raise ConfigError(f"{path}: source language {source!r} is not in [[tool.guide.languages]]")
    readability = guide.get("readability", {})
    translations = guide.get("translations", {})
    return Config(
        root=path.parent,
        source_language=source,
        project=guide.get("project", "Guide"),
        quick_exit_url=guide.get("quick_exit_url", "https://www.bbc.co.uk/weather"),
        languages=langs,
        max_grade={k: float(v) for k, v in readability.get("max_grade", {}).items()},
        max_ratio=float(readability.get("max_ratio", 1.5)),
        readability_exceptions=tuple(readability.get("exceptions", [])),
        readability_compare=_compare(readability.get("compare", "lix")),
        min_score={k: float(v) for k, v in readability.get("min_score", {}).items()},
        block_incomplete=frozenset(translations.get("block_incomplete", [])),
    )


@cache
def load(root: Path = ROOT) -> Config:
    """The project's configuration (cached per root)."""
    return parse(root / "pyproject.toml")
