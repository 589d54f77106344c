"""The guide's theme support: languages, quick exit, privacy and right-to-left markup.

It adds what the templates in ``_templates/`` need to the page context, marks paragraphs that
fall back to English with ``lang="en"``, keeps phone numbers and addresses left to right, and
removes Sphinx's search, which would put search words into URLs and ``localStorage``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.writers.html5 import HTML5Translator

from checks.catalogs import published_languages
from checks.config import CSP, load
from checks.config import Config as GuideConfig

#: Files that Sphinx's basic theme copies but our pages never load.
UNUSED_STATIC = (
    "basic.css", "doctools.js", "documentation_options.js", "language_data.js",
    "searchtools.js", "sphinx_highlight.js", "pygments.css", "file.png", "minus.png", "plus.png",
)


def _guide(app: Sphinx) -> GuideConfig:
    """The configuration of the project whose ``docs/`` folder is being built."""
    return load(Path(app.confdir).parent)


def tel_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Inliner,
    options: dict[str, Any] | None = None, content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``:tel:`0800 1111``` becomes a phone link that reads left to right in every language."""
    digits = re.sub(r"[^\d+]", "", text)
    if len(digits) < 3:
        msg = inliner.reporter.error(f"not a phone number: {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    node = nodes.reference(rawtext, text, refuri=f"tel:{digits}", classes=["tel"])
    return [node], []


class GuideTranslator(HTML5Translator):
    """HTML writer that adds ``lang`` to English fallbacks and ``dir`` to addresses."""

    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n",
                 empty: bool = False, **attributes: Any) -> str:
        classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
        source = _guide(self.builder.app).source_language
        if "untranslated" in classes and self.config.language != source:
            attributes.setdefault("lang", source)
        if isinstance(node, nodes.reference):
            uri = node.get("refuri", "")
            text = node.astext()
            if uri.startswith(("tel:", "mailto:")) or (uri.startswith("http") and " " not in text):
                attributes.setdefault("dir", "ltr")
        return super().starttag(node, tagname, suffix, empty, **attributes)


def _config_inited(app: Sphinx, config: Config) -> None:
    # Only translated pages need the classes that mark English fallbacks.
    source = _guide(app).source_language
    config.translation_progress_classes = "untranslated" if config.language != source else False


def _builder_inited(app: Sphinx) -> None:
    if hasattr(app.builder, "search"):
        app.builder.search = False  # no search page, no search index, no search scripts


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: nodes.document | None) -> None:
    guide = _guide(app)
    code = app.config.language or guide.source_language
    lang = guide.language(code)
    up = "../" * (pagename.count("/") + 1)
    published = published_languages(guide)
    languages = [
        {
            "code": other.code,
            "name": other.native_name,
            "dir": other.direction,
            "href": f"{up}{other.code}/{pagename}.html",
            "current": other.code == code,
        }
        for other in published
    ]
    # docutils adds a second viewport meta tag; the layout already has one.
    metatags = re.sub(r'<meta name="viewport"[^>]*>\n?', "", context.get("metatags", ""))
    context.update(
        metatags=metatags,
        html_tag=f'<html lang="{code}" dir="{lang.direction}">',
        guide_lang=code,
        guide_dir=lang.direction,
        guide_languages=languages,
        guide_reviewed=lang.reviewed,
        guide_source_href=f"{up}{guide.source_language}/{pagename}.html",
        guide_source_lang=guide.source_language,
        guide_home_href=f"{up}index.html",
        guide_quick_exit_url=app.config.guide_quick_exit_url,
        guide_csp=CSP,
    )


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = app.outdir / "_static"
    for name in UNUSED_STATIC:
        (static / name).unlink(missing_ok=True)
    for name in ("search.html", "genindex.html", "searchindex.js", "objects.inv"):
        (app.outdir / name).unlink(missing_ok=True)
    sources = app.outdir / "_sources"
    if sources.is_dir() and not any(sources.iterdir()):
        sources.rmdir()


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the theme's configuration value, role, writer and event handlers."""
    app.add_config_value("guide_quick_exit_url", "https://www.bbc.co.uk/weather", "html")
    app.add_role("tel", tel_role)
    app.set_translator("html", GuideTranslator, override=True)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
