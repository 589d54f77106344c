"""The quick-exit theme: a Sphinx theme for safety guidance that a reader can leave at once.

Every page has a skip link, a "Leave this site" link that works as a plain link and, with its
small script, by click, Escape or Shift pressed three times; a language switcher; ``lang`` and
``dir`` from Babel's locale data; a Content Security Policy and ``no-referrer`` before anything
else in ``<head>``; no search (it would put search words in URLs and browser storage), no
third-party request, no cookie. Install the package and set ``html_theme = "quick_exit"``; the
options are in ``theme.toml``. Its strings are translated by catalogues shipped with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from quick_exit_theme import catalogues, context, markup

__version__ = "1.0.0"
HERE = Path(__file__).resolve().parent

#: The Content Security Policy of every page: only the site itself.
CSP = context.CSP

#: Files that the basic theme copies but these pages never load.
UNUSED_STATIC = (
    "basic.css", "doctools.js", "documentation_options.js", "language_data.js",
    "searchtools.js", "sphinx_highlight.js", "translations.js", "pygments.css", "file.png",
    "minus.png", "plus.png",
)


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    if hasattr(app.builder, "search"):
        app.builder.search = False  # no search page, no search index, no search scripts
    catalogues.add(app, HERE / "locale")


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "gettext":
        return
    outdir = Path(app.outdir)
    for name in UNUSED_STATIC:
        (outdir / "_static" / name).unlink(missing_ok=True)
    for name in ("search.html", "genindex.html", "searchindex.js", "objects.inv"):
        (outdir / name).unlink(missing_ok=True)
    sources = outdir / "_sources"
    if sources.is_dir() and not any(sources.iterdir()):
        sources.rmdir()
    csp = context.option(app, "csp") or CSP
    markup.write_headers(outdir / "_headers", csp)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the theme, its strings, the phone role and the HTML writer that marks English
    fallbacks and keeps addresses left to right."""
    app.add_html_theme("quick_exit", str(HERE))
    app.add_role("tel", markup.tel_role)
    app.add_js_file("quick-exit.js")
    app.set_translator("html", markup.Translator, override=True)
    app.set_translator("dirhtml", markup.Translator, override=True)
    app.connect("config-inited", context.config_inited)
    if getattr(app, "builder", None) is not None:
        # Loaded as html_theme (while the builder starts): the configuration is final already.
        context.config_inited(app, app.config)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", context.page_context)
    app.connect("build-finished", _build_finished)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
