"""Read one message as reStructuredText, the way Sphinx reads a translation, but cheaply.

Sphinx parses each ``msgstr`` on its own and keeps it only if it is one paragraph; a translation
that starts with ``* `` silently becomes a list and the reader sees English. :func:`markup`
parses a message with docutils (any role is accepted as inline text, directives are never run)
and returns what the checks compare: the kinds of block, the inline-markup warnings, the markup
tokens (roles, links, references, literals, substitutions) and the text a reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, states
from docutils.statemachine import string2lines
from docutils.utils import new_document, unescape

#: Roles whose content is prose a translator may translate; other roles must keep theirs.
TEXT_ROLES = frozenset({
    "abbr", "dfn", "emphasis", "guilabel", "kbd", "menuselection", "strong", "sub",
    "subscript", "sup", "superscript", "t", "title", "title-reference",
})
#: The key of `text` without a role (Sphinx shows it as a title reference).
DEFAULT_ROLE = "`text`"
_EXPLICIT = re.compile(r"^(.*?)\s*(?<!\x00)<([^<]*?)>$", re.DOTALL)
_DIRECTIVE = re.compile(r"^\s*\.\.\s+[\w:.+-]+::", re.MULTILINE)
_LITERAL = re.compile(r"``.+?``", re.DOTALL)
_BULLET = re.compile(r"\A\s*[*+-]\s")
_SKIPPED = (nodes.literal, nodes.footnote_reference, nodes.citation_reference,
            nodes.substitution_reference, nodes.system_message, nodes.target, nodes.comment)


@dataclass(frozen=True)
class Token:
    """One piece of inline markup: its kind, what must match, and the markup as written."""

    kind: str  # role, tel, link, reference, literal, substitution
    key: str
    text: str
    value: str = ""  # a link's URI, a phone number


@dataclass(frozen=True)
class Markup:
    """What docutils makes of one message."""

    blocks: tuple[str, ...]
    warnings: tuple[str, ...]
    tokens: tuple[Token, ...]
    visible: str
    error: str = ""

    def of(self, kind: str) -> list[Token]:
        """The tokens of one kind, in order."""
        return [t for t in self.tokens if t.kind == kind]


def _interpreted(rawsource: str, text: str, role: str, lineno: int) -> tuple[list[Any], list[Any]]:
    """Accept every role as inline text, so Sphinx's roles need no registry (and no globals)."""
    content = unescape(text)
    name = role.lower()
    explicit = _EXPLICIT.match(content)
    if not name:
        shown, key = content, DEFAULT_ROLE
    elif name == "tel":
        shown, key = content, content
    elif name in TEXT_ROLES:
        shown, key = content, f":{name}:"
    elif explicit:  # the text may be translated, the target must stay
        shown, key = explicit.group(1), f":{name}:`<{explicit.group(2)}>`"
    else:  # the content is the target: `:doc:`page`` links where `:doc:`text <page>`` does
        shown, key = "", f":{name}:`<{content}>`"
    node = nodes.inline(rawsource, shown, po_role=name, po_key=key, po_content=content)
    return [node], []


class _Reader:
    """A docutils parser reused across messages (building its state machine is the slow part)."""

    def __init__(self) -> None:
        self.settings = get_default_settings(Parser)
        self.settings.report_level = 5
        self.settings.halt_level = 5
        self.settings.file_insertion_enabled = False
        self.settings.raw_enabled = False
        self.machine: states.RSTStateMachine | None = None
        self.inliner: states.Inliner | None = None

    def _setup(self) -> tuple[states.RSTStateMachine, states.Inliner]:
        if self.machine is None or self.inliner is None:
            self.machine = states.RSTStateMachine(states.state_classes, "Body")
            self.inliner = states.Inliner()
            self.inliner.interpreted = _interpreted
            self.inliner.init_customizations(self.settings)
            # Each run would build its patterns again and add to its dispatch list: once is enough.
            self.inliner.init_customizations = lambda settings: None
        return self.machine, self.inliner

    def parse(self, text: str) -> tuple[nodes.document, list[nodes.system_message]]:
        """The document docutils makes of the text, and every message it reported."""
        document = new_document("<translation>", self.settings)
        messages: list[nodes.system_message] = []
        document.reporter.attach_observer(messages.append)
        machine, inliner = self._setup()
        lines = string2lines(text, tab_width=8, convert_whitespace=True)
        try:
            machine.run(lines, document, inliner=inliner)
        except Exception:
            self.machine = self.inliner = None  # never reuse a parser left half-way
            raise
        return document, messages


_READER = _Reader()


def _tokens(document: nodes.document) -> Iterator[Token]:
    for node in document.findall(nodes.Element):
        raw = node.rawsource
        if isinstance(node, nodes.inline) and "po_role" in node:
            kind = "tel" if node["po_role"] == "tel" else "role"
            yield Token(kind, node["po_key"], raw, node["po_content"])
        elif isinstance(node, nodes.literal):
            yield Token("literal", raw, raw)
        elif isinstance(node, nodes.substitution_reference):
            yield Token("substitution", " ".join(raw.split()), raw)
        elif isinstance(node, nodes.footnote_reference | nodes.citation_reference):
            yield Token("reference", raw.casefold(), raw)
        elif isinstance(node, nodes.target) and raw.startswith("_`"):
            yield Token("reference", raw, raw)
        elif isinstance(node, nodes.reference) and not node.next_node(nodes.substitution_reference):
            yield from _reference(node)


def _reference(node: nodes.reference) -> Iterator[Token]:
    raw = node.rawsource
    suffix = "__" if raw.endswith("__") else "_"
    if "refuri" in node and raw.startswith("`"):
        yield Token("link", node["refuri"] + suffix, raw, node["refuri"])
    elif "refname" in node:
        yield Token("reference", node["refname"] + suffix, raw)
    elif node.get("anonymous"):
        yield Token("reference", "__", raw)


def _visible(node: nodes.Node) -> Iterator[str]:
    if isinstance(node, nodes.Text):
        yield str(node)
        return
    if isinstance(node, _SKIPPED):
        return
    if isinstance(node, nodes.reference) and not node.rawsource.startswith("`") \
            and "refname" not in node:
        return  # a bare web or e-mail address: compared as an address, not as text
    if isinstance(node, nodes.TextElement):
        yield "\n"  # so that numbers in neighbouring nodes never run together
    for child in node.children:
        yield from _visible(child)
    if isinstance(node, nodes.TextElement):
        yield "\n"


@lru_cache(maxsize=8192)
def markup(text: str) -> Markup:
    """Parse one message as reStructuredText (cached: source messages repeat per language)."""
    if _DIRECTIVE.search(text):  # never run a directive (``include``, ``raw``) from a translation
        parts = [p for p in re.split(r"\n[ \t]*\n(?=\S)", text.strip()) if p.strip()]
        blocks = tuple("directive" if _DIRECTIVE.match(p) else "paragraph" for p in parts)
        return Markup(blocks, (), (), text)
    try:
        document, messages = _READER.parse(text)
    except Exception as exc:
        return Markup(("unreadable",), (), (), text, error=f"{type(exc).__name__}: {exc}")
    blocks = tuple(type(n).__name__ for n in document.children
                   if not isinstance(n, nodes.system_message))
    warnings = tuple(m.children[0].astext() if m.children else m.astext()
                     for m in messages if m["level"] >= 2)
    return Markup(blocks, warnings, tuple(_tokens(document)), "".join(_visible(document)))


def odd_marks(text: str) -> list[str]:
    """The inline marks (``*``, backquote) that occur an odd number of times outside literals."""
    text = _BULLET.sub("", _LITERAL.sub("", text))  # a list marker is po-block-changed's
    return [mark for mark in ("*", "`") if text.count(mark) % 2]


BLOCKS = {
    "paragraph": "a paragraph", "bullet_list": "a bulleted list",
    "enumerated_list": "a numbered list", "comment": "a comment that readers never see",
    "directive": "a directive", "section": "a section title", "transition": "a horizontal line",
    "line_block": "a line block", "doctest_block": "a Python example",
    "literal_block": "a code block", "block_quote": "an indented quotation",
    "definition_list": "a definition list", "field_list": "a field list",
    "option_list": "a list of command options", "table": "a table",
    "target": "a link target that readers never see", "unreadable": "text docutils cannot read",
}
_HINTS = (
    (re.compile(r"\A[*+-](?=\s|\Z)"), "starts with `{}`, which makes a bulleted list"),
    (re.compile(r"\A(?:#|\d+)[.)](?=\s|\Z)"), "starts with `{}`, which makes a numbered list"),
    (re.compile(r"\A\.\.(?=\s|\Z)"), "starts with `{}`, which makes a comment or a directive"),
    (re.compile(r"(?<=\n)[ \t]*\.\.[ \t]+[\w:.+-]+::"), "has a directive `{}`"),
    (re.compile(r"\A\|(?=\s|\Z)"), "starts with `{}`, which makes a line block"),
    (re.compile(r"\A>>>(?=\s|\Z)"), "starts with `{}`, which makes a Python example"),
    (re.compile(r"::\s*\Z"), "ends with `{}`, which shows as `:` and expects a code block"),
    (re.compile(r"^([!-/:-@\[-`{-~])\1{3,}[ \t]*$", re.MULTILINE),
     "has a line `{}`, which makes a section title or a horizontal line"),
    (re.compile(r"\n[ \t]*\n[ \t]*\S"), "has a blank line, which makes two paragraphs"),
    (re.compile(r"\A[ \t]+\S"), "starts with a space, which makes an indented quotation"),
)


def block_hints(text: str) -> dict[int, str]:
    """Cheap signs that a message is not one plain paragraph, by pattern number."""
    out: dict[int, str] = {}
    for number, (pattern, message) in enumerate(_HINTS):
        match = pattern.search(text)
        if match:
            out[number] = message.format(match.group().strip() or match.group())
    return out


def describe_blocks(blocks: tuple[str, ...]) -> str:
    """Blocks in words: "a bulleted list", "a paragraph and an indented quotation"."""
    if len(blocks) > 1 and set(blocks) == {"paragraph"}:
        return f"{len(blocks)} paragraphs"
    names = [BLOCKS.get(b, f"a {b.replace('_', ' ')}") for b in blocks] or ["nothing"]
    return " followed by ".join(names)
