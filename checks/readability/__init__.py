"""``python -m checks readability``: reading level per page and language, offline.

- :mod:`.page`: the text a reader reads on a built page, block by block;
- :mod:`.split`: sentences and words in every script; :mod:`.syllables`: English syllables;
- :mod:`.measures`: the formulas; :mod:`.score`: a page's score against its target;
- :mod:`.check`: the rules and the run over a site.
"""
