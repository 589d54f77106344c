"""The English a reader sees, from the reStructuredText message a translated block translates.

The source map (:mod:`pipeline.sourcemap`) records each block's ``msgid``: inline reST as the
author wrote it. A reader never sees the markup, so it is stripped before the English is
measured; nothing is looked up in the ``.rst`` files. Only the inline markup that a message can
hold is handled (a message is one paragraph, title or list item):

- a role with an explicit title keeps the title: ``:doc:`what to do <what-to-do>``` -> "what to
  do"; any other role keeps its text: ``:tel:`0800 1111``` -> "0800 1111";
- a hyperlink reference keeps its text: ```police.uk <https://www.police.uk>`__`` -> "police.uk";
  a named reference ``name_`` and a substitution ``|name|`` keep the name;
- ``**strong**``, ``*emphasis*``, ````literal```` and ```interpreted``` lose their marks;
- a footnote or citation reference (``[#]_``, ``[1]_``, ``[Ref]_``) is dropped;
- an escaped character (``\\*``) is kept without its backslash.

Whitespace is collapsed, as the source map collapses the rendered text.
"""

from __future__ import annotations

import re

_ROLE_TITLE = re.compile(r":[\w:+.-]+:`((?:[^`\\]|\\.)*?)\s*<[^<>`]*>`")
_ROLE = re.compile(r":[\w:+.-]+:`((?:[^`\\]|\\.)*)`")
_LINK = re.compile(r"`((?:[^`\\]|\\.)*?)\s*<[^<>`]*>`__?")
_FOOTNOTE = re.compile(r"\s*\[(?:#[\w-]*|\*|\d+|[\w.-]+)\]_")
_NAMED = re.compile(r"`((?:[^`\\]|\\.)+)`__?|\b([\w-]+)__?(?=\W|$)")
_SUBSTITUTION = re.compile(r"\|([^|\s][^|]*)\|_{0,2}")
_ESCAPE = re.compile(r"\\(.)")
_KEPT = "\ue000"  # marks an escaped character, so that no rule below takes it for markup
_MARKS = re.compile(r"(?<!\ue000)(?:\*\*|\*|``|`)")


def visible(message: str) -> str:
    """The text a reader sees when ``message`` (inline reST) is rendered, whitespace collapsed."""
    text = _ESCAPE.sub(lambda m: _KEPT + m.group(1), message)
    text = _ROLE_TITLE.sub(r"\1", text)
    text = _ROLE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE.sub("", text)
    text = _NAMED.sub(lambda m: m.group(1) or m.group(2), text)
    text = _SUBSTITUTION.sub(r"\1", text)
    text = _MARKS.sub("", text)
    text = text.replace(_KEPT, "")
    return " ".join(text.split())
