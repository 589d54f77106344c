"""``sitemap.xml`` for a published site: each page once per language, with every translation.

Built with ElementTree (which escapes every value) in the sitemap namespace, each ``<url>``
listing the page's translations as ``<xhtml:link rel="alternate" hreflang="...">`` and the
source language as ``x-default``, as search engines read them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"

ET.register_namespace("", SITEMAP)
ET.register_namespace("xhtml", XHTML)


def pages(site: Path, source_language: str) -> list[str]:
    """The names of the source language's pages (``index``, ``support``...), sorted."""
    return sorted(p.stem for p in (site / source_language).glob("*.html"))


def _alternate(parent: ET.Element, hreflang: str, href: str) -> None:
    ET.SubElement(parent, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href)


def sitemap(site: Path, base_url: str, codes: list[str], source_language: str) -> str:
    """A sitemap listing each page once per language, with every translation as hreflang.

    ``codes`` are the published languages, in order; a page missing in a language is left out
    of that language. ``base_url`` is where the site is served (a trailing ``/`` is ignored).
    """
    base = base_url.rstrip("/")
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for page in pages(site, source_language):
        present = [code for code in codes if (site / code / f"{page}.html").exists()]
        for code in present:
            url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = f"{base}/{code}/{page}.html"
            for other in present:
                _alternate(url, other, f"{base}/{other}/{page}.html")
            _alternate(url, "x-default", f"{base}/{source_language}/{page}.html")
    ET.indent(urlset)
    body = ET.tostring(urlset, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
