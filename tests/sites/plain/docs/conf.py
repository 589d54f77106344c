"""Someone else's Sphinx project: Sphinx's own alabaster theme, no [tool.guide], no quick exit."""

project = "Garden club"
html_theme = "alabaster"
html_theme_options = {"show_powered_by": False}
