"""``python -m checks translations``: what a translator must fix in the catalogues.

- :mod:`.syntax`: a strict reader of PO syntax that names the line to fix;
- :mod:`.catalogue`: one catalogue as the rules see it, and the rules on a whole file
  (header, :mod:`.plurals`, progress);
- :mod:`.entries`: the rules on one message, over :mod:`.rst` (the message read as
  reStructuredText) and :mod:`.invariants` (numbers, addresses, placeholders, HTML);
- :mod:`.check`: runs them all and turns what they find into findings.
"""
