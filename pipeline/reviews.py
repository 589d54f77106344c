"""Review sign-offs of translated pages, which expire when the text changes.

A native-speaker reviewer signs off one page of one language with ``nox -s sign -- cy
what-to-do --role "native speaker, youth worker"``. The sign-off is kept in
``locales/<lang>/reviews.toml`` (no PO editor touches it): the reviewer's role, not their
name; the date; a digest of the page's (msgid, msgstr) pairs as they were reviewed; and a digest
of the English. If any pair of the page changes afterwards, the sign-off no longer counts: the
page is "stale", and the status, the report and the page itself show it as a draft again.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import polib

from checks.core import InputError
from pipeline.config import Config
from pipeline.files import write_atomic

State = Literal["reviewed", "stale", "draft"]
FILE = "reviews.toml"


@dataclass(frozen=True)
class SignOff:
    """One page's sign-off."""

    page: str
    role: str
    date: date
    digest: str
    english: str


def _live(po_path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(po_path)) if not e.obsolete and e.msgid]


def page_digest(po_path: Path) -> str:
    """A digest of a page's (msgid, msgstr) pairs; a fuzzy translation counts as none."""
    digest = hashlib.sha256()
    for entry in sorted(_live(po_path), key=lambda e: (e.msgctxt or "", e.msgid)):
        used = "" if entry.fuzzy else entry.msgstr
        for part in (entry.msgctxt or "", entry.msgid, used):
            digest.update(part.encode("utf-8") + b"\0")
    return "sha256:" + digest.hexdigest()


def english_digest(po_path: Path) -> str:
    """A digest of the English a page's catalogue translates."""
    digest = hashlib.sha256()
    for entry in sorted(_live(po_path), key=lambda e: (e.msgctxt or "", e.msgid)):
        digest.update((entry.msgctxt or "").encode() + b"\0" + entry.msgid.encode() + b"\0")
    return "sha256:" + digest.hexdigest()


def path(config: Config, lang: str) -> Path:
    """Where a language's sign-offs are kept."""
    return config.locales / lang / FILE


def load(config: Config, lang: str) -> dict[str, SignOff]:
    """A language's sign-offs by page; a damaged file is an input error naming it."""
    file = path(config, lang)
    if not file.exists():
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        out = {}
        for item in data.get("signoff", []):
            when = item["date"]
            out[str(item["page"])] = SignOff(
                str(item["page"]), str(item["role"]),
                when if isinstance(when, date) else date.fromisoformat(str(when)),
                str(item["digest"]), str(item.get("english", "")))
        return out
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{file}: not a sign-off file ({exc})") from None


def pages(config: Config, lang: str) -> list[str]:
    """The pages a language translates (its catalogues, the theme strings aside)."""
    folder = config.locales / lang / "LC_MESSAGES"
    return sorted(p.stem for p in folder.glob("*.po") if p.stem != "sphinx")


def state(config: Config, lang: str, page: str,
          signoffs: dict[str, SignOff] | None = None) -> State:
    """``reviewed`` (signed off and unchanged since), ``stale`` or ``draft``."""
    signoffs = load(config, lang) if signoffs is None else signoffs
    signoff = signoffs.get(page)
    if signoff is None:
        return "draft"
    po = config.locales / lang / "LC_MESSAGES" / f"{page}.po"
    return "reviewed" if po.exists() and page_digest(po) == signoff.digest else "stale"


def states(config: Config, langs: list[str] | None = None) -> dict[str, dict[str, State]]:
    """Every translated language's pages and their review state."""
    out: dict[str, dict[str, State]] = {}
    for lang in langs or [lang.code for lang in config.translated]:
        signoffs = load(config, lang)
        out[lang] = {page: state(config, lang, page, signoffs) for page in pages(config, lang)}
    return out


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(config: Config, lang: str, signoffs: dict[str, SignOff]) -> Path:
    """Write a language's sign-offs (sorted by page), atomically."""
    file = path(config, lang)
    lines = ["# Review sign-offs: written by `nox -s sign`. A sign-off counts only while the",
             "# page's digest matches its catalogue; any change to a message or translation",
             "# makes the page a draft again until a reviewer signs it off anew.", ""]
    for page in sorted(signoffs):
        s = signoffs[page]
        lines += ["[[signoff]]", f"page = {_toml(s.page)}", f"role = {_toml(s.role)}",
                  f"date = {s.date.isoformat()}", f"digest = {_toml(s.digest)}",
                  f"english = {_toml(s.english)}", ""]
    write_atomic(file, "\n".join(lines))
    return file


def sign(config: Config, lang: str, page: str, role: str, when: date | None = None) -> SignOff:
    """Sign off one page of one language as it is now."""
    po = config.locales / lang / "LC_MESSAGES" / f"{page}.po"
    if not po.exists():
        raise InputError(f"{po}: no such catalogue (pages of {lang}: "
                         f"{', '.join(pages(config, lang))})")
    if not role.strip():
        raise InputError("say the reviewer's role, e.g. --role \"native speaker, youth worker\"")
    live = _live(po)
    if any(e.fuzzy or not e.translated() for e in live):
        raise InputError(f"{po}: has untranslated or fuzzy entries; a page is signed off only "
                         "when every message is translated")
    signoffs = load(config, lang)
    signoff = SignOff(page, role.strip(), when or date.today(), page_digest(po),
                      english_digest(po))
    signoffs[page] = signoff
    write(config, lang, signoffs)
    return signoff
