"""The theme's HTML: phone links, English fallbacks marked, addresses kept left to right, and the
``_headers`` file for hosts that set HTTP headers from one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from jinja2 import Environment, FileSystemLoader
from sphinx.writers.html5 import HTML5Translator

from quick_exit_theme.context import direction

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent),
                         autoescape=False, keep_trailing_newline=True)  # plain text, no HTML


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


class Translator(HTML5Translator):
    """HTML writer that marks blocks falling back to the source language with its ``lang``
    (and ``dir`` on a right-to-left page, so punctuation lands at the right end) and keeps
    phone numbers, e-mail and web addresses left to right."""

    def starttag(self, node: nodes.Element, tagname: str, suffix: str = "\n",
                 empty: bool = False, **attributes: Any) -> str:
        classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
        language = self.config.language or "en"
        if "untranslated" in classes:
            source = str(self.config.html_theme_options.get("source_language") or "en")
            if language != source:
                attributes.setdefault("lang", source)
                if direction(language) != direction(source):
                    attributes.setdefault("dir", direction(source))
        if isinstance(node, nodes.reference):
            uri = node.get("refuri", "")
            text = node.astext()
            if uri.startswith(("tel:", "mailto:")) or (uri.startswith("http") and " " not in text):
                attributes.setdefault("dir", "ltr")
        return super().starttag(node, tagname, suffix, empty, **attributes)


def headers(csp: str) -> str:
    """The ``_headers`` file (Netlify, Cloudflare Pages): the page's policies as HTTP headers,
    with the framing and transport protections a ``<meta>`` tag cannot carry."""
    return _TEMPLATES.get_template("headers.txt").render(csp=csp)


def write_headers(path: Path, csp: str) -> None:
    """Write ``_headers`` through a temporary file, so a reader never sees half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(headers(csp), encoding="utf-8")
    os.replace(tmp, path)
