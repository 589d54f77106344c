"""A miniature site that uses the quick-exit theme and the source map, in English and Arabic."""

project = "Minimal guide"
language = "en"
extensions = ["pipeline.sourcemap"]
locale_dirs = ["../locales/"]
gettext_compact = False
html_theme = "quick_exit"
html_theme_options = {"languages": "en,ar", "draft_languages": "ar"}
html_copy_source = False
html_show_sourcelink = False
html_use_index = False
html_permalinks = False
