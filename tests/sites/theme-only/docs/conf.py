"""Someone else's Sphinx project: the quick-exit theme by html_theme alone."""

project = "Safety advice"
html_theme = "quick_exit"
html_theme_options = {"exit_url": "https://www.example.org/weather", "emergency_number": "112"}
