"""``python -m checks a11y`` and ``python -m checks privacy``: every page in a real browser.

- :mod:`.serve`: the site on loopback; :mod:`.chrome`: headless Chromium and axe-core;
- :mod:`.facts`: what one visit of one page finds, as plain data;
- :mod:`.check`: the rules, the workers and the cache.
"""
