"""``python -m checks readability``: reading level per page, per block and language, offline.

- :mod:`.page`: the text a reader reads on a built page, block by block;
- :mod:`.split`: sentences and words in every script; :mod:`.syllables`: English and Polish
  syllables;
- :mod:`.measures`: the counts and the formulas (LIX, Flesch-Kincaid, Pisarek, AARI);
  :mod:`.score`: a page's score against its target;
- :mod:`.blocks`: each block alone, and a translated block against its English;
  :mod:`.tolerances`: how much harder per language, from the configuration;
- :mod:`.vocabulary`: rare words by wordfreq's frequency lists;
- :mod:`.check`: the page rules and the run over a site; :mod:`.blockcheck`: the block rules.
"""
