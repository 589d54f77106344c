"""The language chooser: a multilingual site's front page, offering every language by its name.

It is rendered outside Sphinx (no language builds it), from ``language-chooser.html`` with
autoescaping on. Its quick exit and key hint speak every published language, each marked with
its ``lang`` and ``dir``, because a reader who lands here may not read the source language.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from quick_exit_theme.context import CSP, direction, native_name


@dataclass(frozen=True)
class Language:
    """One language of the chooser with its own strings."""

    code: str
    name: str
    dir: str
    exit_label: str
    hint: Markup
    skip: str
    title: str
    neutral_title: str
    loading: str
    #: Said after the first and the second Shift press: how many presses are left.
    presses_2: str = ""
    presses_1: str = ""


def language(code: str, strings: gettext.NullTranslations, title: str = "") -> Language:
    """A language's entry: its native name, direction and the exit's strings in it."""
    _ = strings.gettext
    key = Markup("<kbd>{}</kbd>")
    hint = escape(_("Or press %(esc)s once, or %(shift)s three times.")) % {
        "esc": key.format(_("Esc")), "shift": key.format(_("Shift"))}
    return Language(code=code, name=native_name(code), dir=direction(code),
                    exit_label=_("Leave this site"), hint=hint,
                    skip=_("Skip to main content"), title=_(title) if title else "",
                    neutral_title=_("New tab"), loading=_("Loading"),
                    presses_2=_("Press %(shift)s two more times to leave this site.") % {
                        "shift": _("Shift")},
                    presses_1=_("Press %(shift)s one more time to leave this site.") % {
                        "shift": _("Shift")})


def render(languages: list[Language], *, exit_url: str, static: str, neutral_title: str = "",
           csp: str = CSP, title: str = "", stylesheets: tuple[str, ...] = (),
           base_url: str = "", description: str = "") -> str:
    """The chooser page; ``languages[0]`` is the page's own language (the source).

    With ``base_url`` (the site's address) the ``hreflang`` alternates are absolute, as search
    engines require; ``description`` becomes the page's meta description."""
    env = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent),
                      autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    first = languages[0]
    return env.get_template("language-chooser.html").render(
        languages=languages, source=first, exit_url=exit_url, static=static,
        neutral_title=neutral_title or first.neutral_title, qe_csp=csp,
        title=title or first.title, stylesheets=stylesheets,
        base=f"{base_url.rstrip('/')}/" if base_url else "", qe_description=description)
