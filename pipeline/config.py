"""The guide's configuration, read from ``[tool.guide]`` in ``pyproject.toml``.

This is the only place that knows which languages exist. Sphinx (``docs/conf.py``), nox and
every check read it through :func:`load`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale

from quick_exit_theme.context import direction, native_name

ROOT = Path(__file__).resolve().parent.parent

class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Language:
    """One language of the guide."""

    code: str
    published: bool = True
    #: "drafts": publish every translated page, a draft notice on those not signed off;
    #: "reviewed": publish only signed-off pages, the others in English with a notice.
    policy: str = "drafts"
    min_complete: float = 0.0

    @property
    def locale(self) -> Locale:
        """Babel's CLDR data for this language."""
        return Locale.parse(self.code)

    @property
    def native_name(self) -> str:
        """The language's name in itself, capitalised as in a menu ("Polski")."""
        return native_name(self.code)

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr`` from CLDR."""
        return direction(self.code)


@dataclass(frozen=True, eq=False)
class Config:
    """Everything the build and the checks need to know about the guide."""

    root: Path
    source_language: str
    project: str
    quick_exit_url: str
    languages: tuple[Language, ...]
    #: A sentence for search engines, translated like the site's other strings.
    description: str = ""
    #: Where the site is served (``guide publish --base-url``): absolute hreflang links.
    base_url: str = ""
    #: Days before a page's review is due when the check starts to warn.
    review_warn_days: int = 30
    #: ``[tool.guide.readability]`` as written: the readability check parses its own settings.
    readability: Mapping[str, Any] = field(default_factory=dict)
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
        policy=_policy(raw.get("policy", "drafts"), code, where),
        min_complete=float(min_complete),
    )


POLICIES = ("drafts", "reviewed")


def _policy(raw: object, code: str, where: str) -> str:
    if raw not in POLICIES:
        raise ConfigError(f"{where}: policy of {code!r} is {raw!r}; use one of "
                          f"{', '.join(map(repr, POLICIES))}")
    return str(raw)


def parse(path: Path) -> Config:
    """Read the configuration from a ``pyproject.toml`` file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    guide = data.get("tool", {}).get("guide")
    if guide is None:
        # Someone else's Sphinx project: the checks run with defaults, expecting no quick exit
        # and learning each page's language from its <html lang>.
        name = data.get("project", {}).get("name") or path.parent.name
        return Config(root=path.parent, source_language="en", project=str(name),
                      quick_exit_url="", languages=())
    if not isinstance(guide, dict):
        raise ConfigError(f"{path}: [tool.guide] must be a table")
    langs = tuple(_language(raw, str(path)) for raw in guide.get("languages", []))
    source = guide.get("source_language", "en")
    if langs and source not in {lang.code for lang in langs}:
        raise ConfigError(f"{path}: source language {source!r} is not in [[tool.guide.languages]]")
    readability = guide.get("readability", {})
    translations = guide.get("translations", {})
    return Config(
        root=path.parent,
        source_language=source,
        project=guide.get("project", "Guide"),
        quick_exit_url=guide.get("quick_exit_url", "https://www.bbc.co.uk/weather"),
        languages=langs,
        readability=dict(readability) if isinstance(readability, dict) else {},
        review_warn_days=int(guide.get("reviews", {}).get("warn_days", 30)),
        description=str(guide.get("description", "")),
        block_incomplete=frozenset(translations.get("block_incomplete", [])),
    )


@cache
def load(root: Path = ROOT) -> Config:
    """The project's configuration (cached per root); defaults where there is no
    ``pyproject.toml`` or no ``[tool.guide]``."""
    path = root / "pyproject.toml"
    if not path.exists():
        return Config(root=root, source_language="en", project=root.name, quick_exit_url="",
                      languages=())
    return parse(path)
