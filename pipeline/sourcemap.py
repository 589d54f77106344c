"""A Sphinx extension that records where each block of each built page comes from.

Sphinx knows every node's ``.rst`` file and line, and its i18n transform knows which message
each translatable node was made from. A transform that runs just before that one
(:class:`RecordMessages`) keeps each node's message; once a page is resolved, every block with a
message is written to ``<outdir>/.sources/<docname>.json``: its rendered text, the ``.rst`` line,
and for a translated page the catalogue entry (file and line of its ``msgid``) and whether the
translation was used or the block fell back to the source language. The checks read these maps
(:mod:`checks.sources`) instead of searching for text. Dot folders are never published.

Add ``"pipeline.sourcemap"`` to ``extensions`` to use it in any Sphinx project.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from pipeline.files import write_atomic

FOLDER = ".sources"
VERSION = 1
_SPACE = re.compile(r"\s+")
_MSGID = re.compile(r"^msgid\s")


class RecordMessages(SphinxTransform):
    """Keep each translatable node's message before the i18n transform replaces its text."""

    default_priority = 19  # sphinx.transforms.i18n.Locale runs at 20

    def apply(self, **kwargs: Any) -> None:
        for node, message in extract_messages(self.document):
            node["sourcemap_msgid"] = message


def normal(text: str) -> str:
    """Whitespace collapsed: how the map and the checks compare rendered text."""
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=128)
def _msgid_lines(path: str, mtime_ns: int) -> dict[str, int]:
    """Each message of a catalogue and the line of its ``msgid`` (simple parse, first wins)."""
    lines: dict[str, int] = {}
    text = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    number = 0
    while number < len(text):
        if _MSGID.match(text[number]):
            start, parts = number + 1, [text[number][5:].strip()]
            number += 1
            while number < len(text) and text[number].startswith('"'):
                parts.append(text[number].strip())
                number += 1
            try:
                message = "".join(json.loads(p) for p in parts if p)
            except ValueError:
                continue
            lines.setdefault(message, start)
            continue
        number += 1
    return lines


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(path).name


def _catalogue(app: Sphinx, docname: str) -> Path | None:
    language = app.config.language
    domain = docname_to_domain(docname, app.config.gettext_compact)
    for folder in app.config.locale_dirs:
        path = Path(app.srcdir, folder, language, "LC_MESSAGES", f"{domain}.po")
        if path.is_file():
            return path
    return None


def _doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    root = Path(app.srcdir).resolve().parent
    catalogue = _catalogue(app, docname)
    messages: dict[str, int] = {}
    if catalogue is not None:
        messages = _msgid_lines(str(catalogue), catalogue.stat().st_mtime_ns)
    blocks = []
    for node in doctree.findall(nodes.Element):
        message = node.get("sourcemap_msgid")
        if message is None:
            continue
        source, line = get_source_line(node)
        block: dict[str, Any] = {
            "text": normal(node.astext()),
            "source": _relative(source, root) if source else "",
            "line": line or 0,
            "msgid": message,
        }
        if catalogue is not None:
            block["translated"] = bool(node.get("translated"))
            block["po"] = _relative(str(catalogue), root)
            block["po_line"] = messages.get(message, 0)
        blocks.append(block)
    folder = Path(app.outdir) / FOLDER
    path = folder / f"{docname}.json"
    data = {"version": VERSION, "language": app.config.language, "page": docname,
            "blocks": blocks}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=0))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the transform and the writer of the maps."""
    app.add_transform(RecordMessages)
    app.connect("doctree-resolved", _doctree_resolved)
    return {"version": str(VERSION), "parallel_read_safe": True, "parallel_write_safe": True}
