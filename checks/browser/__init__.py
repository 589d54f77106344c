"""``python -m checks a11y`` and ``python -m checks privacy``: every page in a real browser.

- :mod:`.serve` (and :mod:`.headers`): the site on loopback, with its ``_headers``;
- :mod:`.cdp`: headless Chromium over the DevTools protocol; :mod:`.chrome`: its flags,
  axe-core, and the Selenium browser the tests share;
- :mod:`.visit` and ``measure.js``: one visit of one page, measured at each screen;
  :mod:`.theme`: what depends only on the theme (leaving, history, forced colours, framing);
- :mod:`.check`, :mod:`.workers`, :mod:`.tasks`: the run; :mod:`.cache`: results reused;
- :mod:`.facts`, :mod:`.findings`: from measurements to rules to findings;
- the rules: :mod:`.rules` (language, focus, layout, type), :mod:`.exit` (the quick exit),
  :mod:`.privacy`, :mod:`.axe` (axe-core's own).
"""
