"""Sphinx configuration of the guide: the quick-exit theme, with languages from pyproject.toml.

``pipeline.config`` is the one list of languages; the build passes the published languages and
the drafts to the theme (``-D html_theme_options.languages=...``), because which languages are
published depends on their catalogues at build time.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.config import load

_guide = load(Path(__file__).resolve().parent.parent)

project = _guide.project
author = project
copyright = ""
language = _guide.source_language
root_doc = "index"
exclude_patterns = ["_build"]
extensions = ["quick_exit_theme", "pipeline.sourcemap"]

# Translations: one catalogue per page, plus sphinx.po for the guide's own template strings
# (the theme's strings come from the theme's own catalogues).
locale_dirs = ["../locales/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_additional_targets: list[str] = []

html_theme = "quick_exit"
html_theme_options = {
    "exit_url": _guide.quick_exit_url,
    "source_language": _guide.source_language,
    "languages": ",".join(lang.code for lang in _guide.languages if lang.published),
    # Every translation is a draft until a reviewer signs its pages off (pipeline.reviews).
    "draft_languages": ",".join(lang.code for lang in _guide.translated),
    "emergency_number": "999",
    "region": "GB",
    "description": _guide.description,
}
templates_path = ["../_templates"]
html_static_path = ["../_static"]
html_css_files = ["guide.css"]
html_title = project
html_short_title = project
html_copy_source = False
html_show_sourcelink = False
html_use_index = False
html_domain_indices = False
html_show_sphinx = False
html_show_copyright = False
html_permalinks = False
html_compact_lists = True
html_use_opensearch = ""
