"""Sphinx configuration for the guide. Languages and the quick exit come from pyproject.toml."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).parent / "_ext")]

from checks.config import load

_guide = load(ROOT)

project = _guide.project
author = project
copyright = ""
language = _guide.source_language
root_doc = "index"
exclude_patterns = ["_build"]
extensions = ["guide_theme"]

# Translations: one catalogue per page, plus sphinx.po for the theme's strings.
locale_dirs = ["../locales/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_additional_targets: list[str] = []

# The theme: Sphinx's "basic" theme with our own templates, one CSS file and one script.
html_theme = "basic"
templates_path = ["../_templates"]
html_static_path = ["../_static"]
html_title = project
html_short_title = project
html_sidebars: dict[str, list[str]] = {"**": []}
html_copy_source = False
html_show_sourcelink = False
html_use_index = False
html_domain_indices = False
html_show_sphinx = False
html_show_copyright = False
html_permalinks = False
html_compact_lists = True
html_use_opensearch = ""

guide_quick_exit_url = _guide.quick_exit_url
