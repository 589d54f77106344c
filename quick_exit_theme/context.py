"""What the theme's templates need on every page: languages, direction, links and the exit.

Native names and text direction come from Babel's CLDR data (Babel ships with Sphinx). The
options come from ``html_theme_options`` (see ``theme.toml``); another extension can decide per
page whether the translation is a draft by setting ``qe_draft`` in its own
``html-page-context`` handler, run after this one.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation

#: The Content Security Policy of every page: only the site itself.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)

#: Scripts Sphinx adds that the theme replaces (its search, its highlighting helpers).
SPHINX_SCRIPTS = frozenset({
    "documentation_options.js", "doctools.js", "sphinx_highlight.js", "language_data.js",
    "searchtools.js", "translations.js",
})


def option(app: Sphinx, name: str) -> str:
    """A theme option as a string (``html_theme_options`` over ``theme.toml``'s default)."""
    value = app.config.html_theme_options.get(name)
    if value is None:
        builder = getattr(app, "builder", None)
        value = getattr(builder, "globalcontext", {}).get(f"theme_{name}", "")
    return str(value).strip() if value is not None else ""


def codes(value: str) -> list[str]:
    """A comma-separated list of language codes."""
    return [code.strip() for code in value.replace(";", ",").split(",") if code.strip()]


def truthy(value: str) -> bool:
    """A theme option read as a yes or no."""
    return value.lower() in {"1", "true", "yes", "on"}


def locale(code: str) -> Locale | None:
    """Babel's locale data for a language code, or None."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def direction(code: str) -> str:
    """``rtl`` or ``ltr`` from CLDR."""
    data = locale(code)
    return "rtl" if data is not None and data.text_direction == "rtl" else "ltr"


def native_name(code: str) -> str:
    """The language's name in itself, capitalised as in a menu ("Polski")."""
    data = locale(code)
    name = (data.get_display_name(code) if data is not None else None) or code
    return name[:1].upper() + name[1:]


def config_inited(app: Sphinx, config: Config) -> None:
    """Only translated pages need the class that marks paragraphs falling back to the source."""
    source = str(config.html_theme_options.get("source_language") or "en")
    translated = bool(config.language) and config.language != source
    config.translation_progress_classes = "untranslated" if translated else False


def review_dates(meta: dict[str, Any], code: str, region: str = "") -> dict[str, str]:
    """The page's ``:reviewed:`` and ``:review-due:`` fields, as dates in the page's language
    (as written in ``region`` where Babel knows the language there: "25 November" in GB)."""
    out: dict[str, str] = {}
    name = code.replace("-", "_")
    if region and locale(f"{name}_{region}") is not None:
        name = f"{name}_{region}"
    for field, key in (("reviewed", "last"), ("review-due", "next")):
        value = str(meta.get(field, "")).strip()
        try:
            when = date.fromisoformat(value)
        except ValueError:
            continue
        try:
            out[key] = format_date(when, format="long", locale=name)
        except (ValueError, UnknownLocaleError):
            out[key] = when.isoformat()
        out[f"{key}_iso"] = when.isoformat()
    return out


@cache
def _theme_strings() -> frozenset[str]:
    """The theme's own messages in the source language (from its shipped template)."""
    pot = Path(__file__).resolve().parent / "locale" / "sphinx.pot"
    try:
        text = pot.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(re.findall(r'^msgid "(.+)"$', text, re.MULTILINE))


def fallback(source: str, code: str) -> Any:
    """A Jinja filter: a theme string that is still in the source language, on a translated
    page, is marked with the source's ``lang`` and ``dir`` so that it is read and laid out
    right (a full stop at the right end of English on an Arabic page)."""

    def mark(value: Any) -> Any:
        text = str(value)
        if code == source or text not in _theme_strings():
            return value
        return Markup('<span lang="{}" dir="{}">{}</span>').format(
            source, direction(source), value)

    return mark


def _title_lang(doctree: nodes.document | None, code: str, source: str) -> str:
    """The source language when the page's title fell back to it, else empty."""
    if doctree is None or code == source:
        return ""
    title = next(iter(doctree.findall(nodes.title)), None)
    return source if title is not None and "untranslated" in title.get("classes", []) else ""


def _key(label: str) -> Markup:
    return Markup("<kbd>{}</kbd>").format(label)


def _time(iso: str, shown: str) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(iso, shown)


def _emergency(number: str) -> Markup | None:
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    if not digits:
        return None
    return Markup('<a class="tel" dir="ltr" href="tel:{}">{}</a>').format(digits, number)


def _assets(app: Sphinx, context: dict[str, Any], key: str, skip: frozenset[str]) -> list[str]:
    """URLs of the stylesheets or scripts a page loads: the theme's own, then the project's."""
    pathto = context["pathto"]
    out = []
    for asset in context.get(key, []):
        filename = str(getattr(asset, "filename", asset))
        if posixpath.basename(filename) in skip or "://" in filename or filename.startswith("//"):
            continue  # nothing from another origin, and not Sphinx's search helpers
        out.append(pathto(filename, resource=True))
    return out


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: nodes.document | None) -> None:
    """Add the ``qe_*`` values the templates use."""
    source = option(app, "source_language") or "en"
    code = app.config.language or source
    up = "../" * (pagename.count("/") + 1)
    base = option(app, "base_url").rstrip("/")
    published = codes(option(app, "languages")) or [code]

    def alternate(other: str) -> str:
        return f"{base}/{other}/{pagename}.html" if base else f"{up}{other}/{pagename}.html"

    languages = [
        {"code": other, "name": native_name(other), "dir": direction(other),
         "href": f"{up}{other}/{pagename}.html", "alternate": alternate(other),
         "current": other == code}
        for other in published
    ] if len(published) > 1 else []
    description = option(app, "description")

    context.update(
        qe_lang=code,
        qe_dir=direction(code),
        qe_languages=languages,
        qe_source_lang=source,
        qe_source_href=f"{up}{source}/{pagename}.html",
        qe_source_alternate=alternate(source),
        qe_draft=code != source and code in codes(option(app, "draft_languages"))
        and pagename not in codes(option(app, "reviewed_pages"))
        and pagename not in codes(option(app, "held_pages")),
        qe_held=code != source and pagename in codes(option(app, "held_pages")),
        qe_outdated=code != source and pagename in codes(option(app, "outdated_pages")),
        qe_review=review_dates(context.get("meta") or {}, code, option(app, "region")),
        qe_exit_url=option(app, "exit_url") or "https://www.bbc.co.uk/weather",
        qe_neutral_title=option(app, "neutral_title"),
        qe_show_hint=truthy(option(app, "show_hint") or "true"),
        qe_emergency_link=_emergency(option(app, "emergency_number")),
        qe_csp=option(app, "csp") or CSP,
        qe_description=get_translation("sphinx")(description) if description else "",
        qe_key=_key,
        qe_fallback=fallback(source, code),
        qe_title_lang=_title_lang(doctree, code, source),
        qe_title_dir=direction(source) if _title_lang(doctree, code, source) else "",
        qe_time=_time,
        qe_css_files=_assets(app, context, "css_files", frozenset({"basic.css", "pygments.css"})),
        qe_script_files=_assets(app, context, "script_files", SPHINX_SCRIPTS),
        escape=escape,
    )
