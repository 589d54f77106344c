"""A miniature site that uses the guide's real theme and extension."""

import sys
from pathlib import Path

import checks

REPO = Path(checks.__file__).resolve().parent.parent  # the project whose theme is tested
sys.path[:0] = [str(REPO / "docs" / "_ext")]

project = "Minimal guide"
language = "en"
extensions = ["guide_theme"]
locale_dirs = ["../locales/"]
gettext_compact = False
html_theme = "basic"
templates_path = [str(REPO / "_templates")]
html_static_path = [str(REPO / "_static")]
html_sidebars: dict[str, list[str]] = {"**": []}
html_copy_source = False
html_show_sourcelink = False
html_use_index = False
html_permalinks = False
guide_quick_exit_url = "https://www.bbc.co.uk/weather"
